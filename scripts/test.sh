#!/usr/bin/env bash
# README command 2: install what is missing, build with warnings as errors, and run every test with ctest.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PADDOCK_PRESET=ci
"$ROOT/scripts/setup-deps.sh"
"$ROOT/scripts/build.sh"
# Tests get their own runtime dir; Qt warns without one.
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
cd "$ROOT"
# A short, repeatable libFuzzer run of the parsers (security.md "How we test"); PADDOCK_FUZZ=0 skips it.
if [ "${PADDOCK_FUZZ:-1}" != 0 ]; then
  "$ROOT/scripts/fuzz.sh" --ci
fi
ctest --preset ci -j"$(nproc)" "$@"

#!/usr/bin/env bash
# README command 1: install what is missing, build, and launch Paddock (arguments go to paddock).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup-deps.sh"
"$ROOT/scripts/build.sh" >/dev/null
exec "$ROOT/build/${PADDOCK_PRESET:-release}/bin/paddock" "$@"

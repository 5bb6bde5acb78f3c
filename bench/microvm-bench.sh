#!/usr/bin/env bash
# MicroVM benchmarks (issue 9): start to the guest's first report and to power-off, p50/p95, and an idle
# machine's resident memory. KVM when /dev/kvm opens read-write, else QEMU's emulation.
# Usage: bench/microvm-bench.sh [RUNS]   (needs a release build: PADDOCK_PRESET=release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-30}
BIN=$ROOT/build/${PADDOCK_PRESET:-release}/bin
[ -x "$BIN/bench_microvm" ] && [ -x "$BIN/paddock-guest" ] || {
  "$ROOT/scripts/setup-deps.sh" && PADDOCK_PRESET=${PADDOCK_PRESET:-release} "$ROOT/scripts/build.sh" >/dev/null; }
export PADDOCK_GUEST=$BIN/paddock-guest
# The guest image is built once (Debian's kernel and busybox through apt) and kept in the git-ignored .deps.
"$BIN/bench_microvm" "$RUNS" "$ROOT/.deps/bench-guest-image"

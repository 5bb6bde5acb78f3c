#!/bin/bash
# paddock-guest as a microVM's /init (image format 8) against the busybox script it replaced
# (bench/guest-init-script.sh): start to first command, p50/p95, two rounds taking turns in one run.
#   bench/guest-init.sh [RUNS] [VMLINUX]
# VMLINUX: a kernel of one's own (bench/guest-kernel.sh builds one under .deps/paddock/guest-kernel) instead of
# Debian's, for both sides.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-8}
BIN=$ROOT/build/${PADDOCK_PRESET:-release}/bin
[ -x "$BIN/bench_microvm" ] && [ -x "$BIN/paddock-guest" ] || {
  "$ROOT/scripts/setup-deps.sh" && PADDOCK_PRESET=${PADDOCK_PRESET:-release} "$ROOT/scripts/build.sh" > /dev/null; }
export PADDOCK_GUEST=$BIN/paddock-guest
if [ -n "${2:-}" ]; then export PADDOCK_BENCH_KERNEL=$2; fi
echo "Kernel: ${PADDOCK_BENCH_KERNEL:-linux-image-amd64}"
for round in 1 2; do
  echo "== round $round: the busybox script as /init"
  PADDOCK_BENCH_INIT_SCRIPT=$ROOT/bench/guest-init-script.sh "$BIN/bench_microvm" "$RUNS" "$ROOT/.deps/bench-guest-image" starts
  echo "== round $round: paddock-guest as /init"
  "$BIN/bench_microvm" "$RUNS" "$ROOT/.deps/bench-guest-image" starts
done

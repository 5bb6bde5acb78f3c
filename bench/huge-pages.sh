#!/usr/bin/env bash
# Emulated microVM starts with the guest's memory kept out of transparent huge pages (what Paddock does under
# emulation, vm/microvmcommand.h wantsHugePages) against QEMU's default of asking for them, taking turns in
# one run: back to back, and 8 s apart as a user's starts are. The second case runs QEMU through a shim that
# turns huge pages back on before it execs QEMU (PR_SET_THP_DISABLE 0). On a host that is a VM handing its
# free memory back to its hypervisor (virtio-balloon free page reporting), a huge page is slow to touch
# again once it went back.
# Usage: bench/huge-pages.sh [RUNS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-10}
BIN=$ROOT/build/${PADDOCK_PRESET:-release}/bin
[ -x "$BIN/bench_microvm" ] && [ -x "$BIN/paddock-guest" ] || {
  "$ROOT/scripts/setup-deps.sh" && PADDOCK_PRESET=${PADDOCK_PRESET:-release} "$ROOT/scripts/build.sh" > /dev/null; }
export PADDOCK_GUEST=$BIN/paddock-guest

SHIM=$(mktemp -d)
trap 'rm -rf "$SHIM"' EXIT
QEMU=$(command -v qemu-system-x86_64)
cat > "$SHIM/shim.c" <<EOF
#include <sys/prctl.h>
#include <unistd.h>
int main(int argc, char **argv) { (void)argc; prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0); execv("$QEMU", argv); return 127; }
EOF
cc -O2 -o "$SHIM/qemu-system-x86_64" "$SHIM/shim.c"

for pause in 0 8000; do
  for round in 1 2; do
    echo "== ${pause} ms apart, round $round: small pages (Paddock)"
    PADDOCK_BENCH_PAUSE_MS=$pause "$BIN/bench_microvm" "$RUNS" "$ROOT/.deps/bench-guest-image" starts | tail -2
    echo "== ${pause} ms apart, round $round: huge pages (QEMU's default)"
    PATH=$SHIM:$PATH PADDOCK_BENCH_PAUSE_MS=$pause "$BIN/bench_microvm" "$RUNS" "$ROOT/.deps/bench-guest-image" \
      starts | tail -2
  done
done

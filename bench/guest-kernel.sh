#!/usr/bin/env bash
# Paddock's own guest kernel against Debian's (issue 9): builds it as a user does, with `paddock image kernel`
# (vm/kernelbuilder.h: Debian's linux-source at the version of Debian's kernel image, tinyconfig plus
# resources/guest-kernel.config), then times microVM starts to the first command with Debian's kernel and with
# it, one run after the other, twice (bench_microvm ... starts). The kernel is kept in the git-ignored
# .deps/paddock/guest-kernel; `paddock image build --kernel FILE` makes that file an image's kernel.
# Usage: bench/guest-kernel.sh [RUNS]   (needs make, gcc, flex, bison, bc and libelf-dev)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-10}
BIN=$ROOT/build/${PADDOCK_PRESET:-release}/bin
[ -x "$BIN/bench_microvm" ] && [ -x "$BIN/paddock-guest" ] || {
  "$ROOT/scripts/setup-deps.sh" && PADDOCK_PRESET=${PADDOCK_PRESET:-release} "$ROOT/scripts/build.sh" > /dev/null; }

start=$(date +%s)
KERNEL=$(XDG_CACHE_HOME=$ROOT/.deps "$BIN/paddock" image kernel)
echo "Paddock's kernel: $KERNEL ($(( $(date +%s) - start )) s, $(( $(stat -c %s "$KERNEL") >> 20 )) MiB)"

export PADDOCK_GUEST=$BIN/paddock-guest
VERSION=$(apt-cache policy linux-image-amd64 | sed -n 's/^ *Candidate: //p')
# Two rounds, taking turns, as this machine's speed drifts over minutes.
for round in 1 2; do
  echo "== round $round: Debian's kernel (linux-image-amd64 $VERSION)"
  "$BIN/bench_microvm" "$RUNS" "$ROOT/.deps/bench-guest-image" starts
  echo "== round $round: Paddock's kernel ($(basename "$KERNEL"))"
  PADDOCK_BENCH_KERNEL=$KERNEL "$BIN/bench_microvm" "$RUNS" "$ROOT/.deps/bench-guest-image" starts
done

#!/usr/bin/env bash
# MicroVM benchmarks (issue 9), side by side with a namespace sandbox: start to the first command's exit
# through SandboxManager, p50/p95; file work on the machine's own disk against the shared workspace; an idle
# machine's resident memory; then the two ways to the proxy (agent channel, guestfwd) in one machine.
# KVM when /dev/kvm works, else QEMU's emulation.
# Usage: bench/microvm-bench.sh [RUNS]   (needs a release build: PADDOCK_PRESET=release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-30}
BIN=$ROOT/build/${PADDOCK_PRESET:-release}/bin
[ -x "$BIN/bench_microvm" ] && [ -x "$BIN/bench_microvm_network" ] && [ -x "$BIN/paddock-guest" ] || {
  "$ROOT/scripts/setup-deps.sh" && PADDOCK_PRESET=${PADDOCK_PRESET:-release} "$ROOT/scripts/build.sh" >/dev/null; }
export PADDOCK_GUEST=$BIN/paddock-guest
# The guest image's downloads (Debian's kernel, busybox, the root's packages) are kept in the git-ignored .deps.
"$BIN/bench_microvm" "$RUNS" "$ROOT/.deps/bench-guest-image"
"$BIN/bench_microvm_network" 5 "$ROOT/.deps/bench-guest-image"

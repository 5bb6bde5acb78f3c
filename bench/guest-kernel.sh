#!/usr/bin/env bash
# Paddock's own guest kernel against Debian's (issue 9): builds Linux from Debian's linux-source package, the
# version of Debian's kernel image, with tinyconfig plus bench/guest-kernel.config (the guest's drivers built
# in, no modules), then times microVM starts to the first command with Debian's kernel and with it, one run
# after the other, twice (bench_microvm ... starts). The built kernel is kept in the git-ignored .deps/guest-kernel;
# `paddock image build --kernel .deps/guest-kernel/vmlinux-VERSION` makes it the image's kernel.
# Usage: bench/guest-kernel.sh [RUNS]   (needs make, gcc, flex, bison, bc and libelf-dev)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-10}
BIN=$ROOT/build/${PADDOCK_PRESET:-release}/bin
WORK=$ROOT/.deps/guest-kernel
for tool in make gcc flex bison bc; do
  command -v "$tool" > /dev/null || { echo "guest-kernel.sh needs $tool (apt-get install make gcc flex bison bc libelf-dev)" >&2; exit 2; }
done
[ -f /usr/include/gelf.h ] || { echo "guest-kernel.sh needs libelf-dev" >&2; exit 2; }
[ -x "$BIN/bench_microvm" ] && [ -x "$BIN/paddock-guest" ] || {
  "$ROOT/scripts/setup-deps.sh" && PADDOCK_PRESET=${PADDOCK_PRESET:-release} "$ROOT/scripts/build.sh" > /dev/null; }

# The source of the kernel Debian's image has: linux-source-6.1 at linux-image-amd64's version.
VERSION=$(apt-cache policy linux-image-amd64 | sed -n 's/^ *Candidate: //p')
SERIES=$(apt-cache show "linux-image-amd64=$VERSION" | sed -n 's/^Depends: linux-image-\([0-9]*\.[0-9]*\).*/\1/p' | head -1)
CONFIG_SUM=$(sha256sum "$ROOT/bench/guest-kernel.config" | cut -c1-12)
KERNEL=$WORK/vmlinux-$VERSION-$CONFIG_SUM
mkdir -p "$WORK"
if [ ! -f "$KERNEL" ]; then
  echo "Building linux-source-$SERIES $VERSION with bench/guest-kernel.config…"
  cd "$WORK"
  rm -rf source build && mkdir source build
  DEB=linux-source-${SERIES}_${VERSION}_all.deb
  [ -f "$DEB" ] || apt-get download "linux-source-$SERIES=$VERSION" > /dev/null
  dpkg-deb -x "$DEB" source
  tar -C source -xJf source/usr/src/linux-source-"$SERIES".tar.xz
  SRC=$WORK/source/linux-source-$SERIES
  # Reproducible: no build time, user or host of this machine in the kernel.
  export KBUILD_BUILD_TIMESTAMP="$VERSION" KBUILD_BUILD_USER=paddock KBUILD_BUILD_HOST=paddock
  start=$(date +%s)
  make -C "$SRC" O="$WORK/build" tinyconfig > build.log 2>&1
  "$SRC/scripts/kconfig/merge_config.sh" -m -O "$WORK/build" "$WORK/build/.config" "$ROOT/bench/guest-kernel.config" >> build.log 2>&1
  make -C "$SRC" O="$WORK/build" olddefconfig >> build.log 2>&1
  # Each option asked for must have stuck (Kconfig drops what a dependency rules out).
  missing=$(grep '^CONFIG_.*=y$' "$ROOT/bench/guest-kernel.config" | grep -vxFf "$WORK/build/.config" || true)
  [ -z "$missing" ] || { echo "Options the kernel's Kconfig did not take: $missing" >&2; exit 1; }
  make -C "$SRC" O="$WORK/build" -j"$(nproc)" vmlinux >> build.log 2>&1 || { tail -20 build.log >&2; exit 1; }
  cp "$WORK/build/vmlinux" "$KERNEL"
  echo "Built $KERNEL in $(( $(date +%s) - start )) s on $(nproc) CPUs ($(( $(stat -c %s "$KERNEL") >> 20 )) MiB)."
  rm -rf "$WORK/source" "$WORK/build" # 1.5 GB; build.log stays
fi

export PADDOCK_GUEST=$BIN/paddock-guest
# Two rounds, taking turns, as this machine's speed drifts over minutes.
for round in 1 2; do
  echo "== round $round: Debian's kernel (linux-image-amd64 $VERSION)"
  "$BIN/bench_microvm" "$RUNS" "$ROOT/.deps/bench-guest-image" starts
  echo "== round $round: Paddock's kernel ($(basename "$KERNEL"))"
  PADDOCK_BENCH_KERNEL=$KERNEL "$BIN/bench_microvm" "$RUNS" "$ROOT/.deps/bench-guest-image" starts
done

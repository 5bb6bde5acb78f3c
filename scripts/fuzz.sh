#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for SECONDS (default 20) on its corpus.
# Exits non-zero when a target finds a crash; the reproducer is left in build/fuzz/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_TARGET=${1:-20}
BUILD=$ROOT/build/fuzz
command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing (apt-get install clang)" >&2; exit 1; }
[ -f "$BUILD/CMakeCache.txt" ] || CXX=clang++ cmake -S "$ROOT/tests/fuzz" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" >/dev/null
for target in httprequestparser clienthelloreader httpresponsehead; do
  work=$BUILD/corpus-$target
  mkdir -p "$work"
  echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
  (cd "$BUILD" && "./fuzz_$target" -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
     -print_final_stats=0 "$work" "$ROOT/tests/fuzz/corpus/$target" 2>"$BUILD/$target.log") || {
    tail -40 "$BUILD/$target.log" >&2
    echo "fuzz: $target found a problem; see $BUILD/$target.log and the crash-* file in $BUILD" >&2
    exit 1
  }
  grep -E '^#[0-9]+.*DONE' "$BUILD/$target.log" | tail -1 || true
done

#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each on its corpus.
#   fuzz.sh [SECONDS]  explores with a random seed for SECONDS per target (default 20).
#   fuzz.sh --ci       a fixed seed and a fixed number of runs, so CI is repeatable (a crash reproduces).
# Exits non-zero when a target finds a crash; the reproducer is left in build/fuzz/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --ci ]; then
  SECONDS_PER_TARGET=120
  LIMITS=(-seed=1 -runs="${PADDOCK_FUZZ_RUNS:-100000}" -len_control=0)
else
  SECONDS_PER_TARGET=${1:-20}
  LIMITS=()
fi
BUILD=$ROOT/build/fuzz
command -v clang++-16 >/dev/null || { echo "fuzz: clang++-16 is missing (apt-get install clang-16)" >&2; exit 1; }
[ -f "$BUILD/CMakeCache.txt" ] || CC=clang-16 CXX=clang++-16 cmake -S "$ROOT/tests/fuzz" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" >"$BUILD/build.log" 2>&1 || { tail -40 "$BUILD/build.log" >&2; echo "fuzz: building the targets failed" >&2; exit 1; }
for target in httprequestparser clienthelloreader httpresponsehead responsebodyframer hostcanonicalizer policyrule packformat agentprotocol terminalmodel; do
  work=$BUILD/corpus-$target
  mkdir -p "$work"
  echo "fuzz: $target ${LIMITS[*]:-for ${SECONDS_PER_TARGET}s}"
  limits=(${LIMITS[@]+"${LIMITS[@]}"})
  # The terminal target runs libvterm under ASan for every input (about 1,000 a second): a third of the runs.
  [ "$target" = terminalmodel ] && [ ${#limits[@]} -gt 0 ] && limits[1]=-runs=$(( ${PADDOCK_FUZZ_RUNS:-100000} / 3 ))
  (cd "$BUILD" && "./fuzz_$target" -max_total_time="$SECONDS_PER_TARGET" ${limits[@]+"${limits[@]}"} -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
     -print_final_stats=0 "$work" "$ROOT/tests/fuzz/corpus/$target" 2>"$BUILD/$target.log") || {
    tail -40 "$BUILD/$target.log" >&2
    echo "fuzz: $target found a problem; see $BUILD/$target.log and the crash-* file in $BUILD" >&2
    exit 1
  }
  grep -E '^#[0-9]+.*DONE' "$BUILD/$target.log" | tail -1 || true
done

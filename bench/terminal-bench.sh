#!/usr/bin/env bash
# Terminal pane benchmark (issue 5), side by side in one run under one Xvfb server: 100 MB of mixed text and
# escape sequences (bench_terminal --generate) shown by `cat` through a Paddock pane (in a namespace sandbox,
# 120x40 cells) and through xterm (120x40, its defaults), interleaved rounds, medians.
# Also printed for the pane: the GUI event loop's worst lateness during the flood, idle CPU with a shell
# waiting, and resident memory.
# Usage: bench/terminal-bench.sh [MEGABYTES] [ROUNDS]   (installs xterm and Xvfb if missing)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MB=${1:-100}
ROUNDS=${2:-3}
BIN=$ROOT/build/${PADDOCK_PRESET:-release}/bin
command -v xterm >/dev/null && command -v xvfb-run >/dev/null || {
  sudo_=$([ "$(id -u)" = 0 ] || echo sudo); $sudo_ apt-get install -y -q xterm xvfb xauth >/dev/null; }
[ -x "$BIN/bench_terminal" ] && [ -x "$BIN/paddock-guest" ] || {
  "$ROOT/scripts/setup-deps.sh" && PADDOCK_PRESET=${PADDOCK_PRESET:-release} "$ROOT/scripts/build.sh" >/dev/null; }
export PADDOCK_GUEST=$BIN/paddock-guest

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN/bench_terminal" --generate "$WORK/flood.txt" "$MB"
export BIN WORK ROUNDS MB
xvfb-run -a -s "-screen 0 1920x1080x24" bash -c '
  set -euo pipefail
  median() { sort -g | awk "{a[NR]=\$1} END{print a[int((NR+1)/2)]}"; }
  : > "$WORK/pane" ; : > "$WORK/xterm"
  for round in $(seq "$ROUNDS"); do
    "$BIN/bench_terminal" --pane "$WORK/flood.txt" >> "$WORK/pane"
    start=$(date +%s.%N)
    xterm -geometry 120x40 -e cat "$WORK/flood.txt"
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l >> "$WORK/xterm"
    echo "round $round: pane $(tail -1 "$WORK/pane" | cut -d" " -f1) s, xterm $(tail -1 "$WORK/xterm") s" >&2
  done
  pane=$(cut -d" " -f1 "$WORK/pane" | median)
  xt=$(median < "$WORK/xterm")
  echo "## Terminal: $MB MB of mixed text and escape sequences, 120x40 (median of $ROUNDS interleaved rounds)"
  echo
  echo "| | seconds | MB/s |"
  echo "|---|---|---|"
  printf "| xterm %s | %.2f | %.1f |\n" "$(xterm -version | head -1)" "$xt" "$(echo "$MB / $xt" | bc -l)"
  printf "| Paddock pane | %.2f | %.1f |\n" "$pane" "$(echo "$MB / $pane" | bc -l)"
  echo
  printf "Paddock pane is %.1fx as fast as xterm.\n" "$(echo "$xt / $pane" | bc -l)"
  echo
  echo "Pane, median of rounds: GUI event-loop lateness during the flood max $(cut -d" " -f2 "$WORK/pane" | median) ms," \
       "p99 $(cut -d" " -f3 "$WORK/pane" | median) ms; idle CPU with a shell waiting $(cut -d" " -f4 "$WORK/pane" | median) %;" \
       "resident memory after the flood $(cut -d" " -f5 "$WORK/pane" | median) MiB."
'

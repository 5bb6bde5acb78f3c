#!/usr/bin/env bash
# Desktop app memory (issue 6; goal: 8 agent panes, whole app ≤ 150 MB resident). For each screen size, side by
# side under one Xvfb server, interleaved rounds, medians:
# - Paddock: bench_gui_memory runs the real desktop app (SandboxHost on a private XDG folder, the MainWindow
#   covering the screen) with 0, 1 and 8 shell panes in namespace sandboxes, each pane filled by `cat` of 12,000
#   lines of 100 characters until its 10,000-line scrollback is full; one process per figure.
# - the peer: 8 xterms (their defaults, saveLines 10000, as many cells as a Paddock pane had), each showing the
#   same 12,000 lines; their resident sizes summed, and their proportional sizes (PSS: shared pages divided
#   among the processes sharing them).
# 1920x1080: panes of about 60 columns, so the 100-character lines wrap. 3840x2160 (a 4K screen at scale 1):
# panes wider than the lines, every scrollback line holds all 100 characters, and the window's backing store
# is four times as large: the worst case.
# Without xvfb-run the app runs on QT_QPA_PLATFORM=offscreen (its default screen) and xterm is left out.
# Usage: bench/gui-memory-bench.sh [ROUNDS] [SCREEN...]   (default 3 1920x1080 3840x2160; installs xterm and
# Xvfb if missing)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PRESET=${PADDOCK_PRESET:-release}
BIN=$ROOT/build/$PRESET/bin

median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
med() { cut -d" " -f"$2" "$1" | median; } # med FILE N: the median of field N over the rounds
kib() { awk -v f="$2" '$1 == f {s += $2} END {print s + 0}' "$1"; }

xterms() { # xterms COLUMNSxROWS: 8 xterms each showing the 12,000 lines; prints rss_mib hwm_mib pss_mib summed
  local pids=() i rss=0 hwm=0 pss=0
  rm -f "$WORK"/xterm-done.*
  for i in $(seq 8); do
    xterm -sl 10000 -geometry "$1" -e sh -c "cat '$WORK/lines.txt'; touch '$WORK/xterm-done.$i'; exec sleep 600" 2>/dev/null &
    pids+=($!)
  done
  for _ in $(seq 1200); do
    [ "$(find "$WORK" -name 'xterm-done.*' | wc -l)" -ge 8 ] && break
    sleep 0.1
  done
  sleep 2 # xterm has read the last of the output and painted it
  for pid in "${pids[@]}"; do
    rss=$((rss + $(kib /proc/"$pid"/status VmRSS:)))
    hwm=$((hwm + $(kib /proc/"$pid"/status VmHWM:)))
    pss=$((pss + $(kib /proc/"$pid"/smaps_rollup Pss:)))
  done
  kill "${pids[@]}"
  wait "${pids[@]}" 2>/dev/null || true
  echo "$rss $hwm $pss" | awk '{printf "%.1f %.1f %.1f\n", $1 / 1024, $2 / 1024, $3 / 1024}'
}

if [ -n "${PADDOCK_MEMBENCH_SCREEN:-}" ]; then # inside the display: the rounds for one screen size
  out=$WORK/$PADDOCK_MEMBENCH_SCREEN
  mkdir -p "$out"
  for round in $(seq "$1"); do
    for n in 0 1 8; do
      "$BIN/bench_gui_memory" --panes "$n" "$WORK/lines.txt" >> "$out/paddock-$n" 2> "$out/stages-$n"
    done
    [ -z "${DISPLAY:-}" ] || xterms "$(tail -1 "$out/paddock-8" | awk '{print $9 "x" $10}')" >> "$out/xterm"
    echo "$PADDOCK_MEMBENCH_SCREEN round $round: Paddock 0/1/8 panes $(tail -1 "$out/paddock-0" | cut -d" " -f2) /" \
         "$(tail -1 "$out/paddock-1" | cut -d" " -f2) / $(tail -1 "$out/paddock-8" | cut -d" " -f2) MiB," \
         "8 xterms $([ -s "$out/xterm" ] && tail -1 "$out/xterm" | cut -d" " -f1 || echo -) MiB" >&2
  done
  exit
fi

ROUNDS=${1:-3}
shift || true
SCREENS=${*:-1920x1080 3840x2160}
command -v xterm >/dev/null && command -v xvfb-run >/dev/null || {
  sudo_=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo_ apt-get install -y -q xterm xvfb xauth >/dev/null || true; }
(cd "$ROOT" && cmake --preset "$PRESET" >/dev/null &&
   cmake --build "build/$PRESET" --target bench_gui_memory paddock-guest >/dev/null)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN/bench_gui_memory" --generate "$WORK/lines.txt"
export PADDOCK_GUEST=$BIN/paddock-guest WORK
if command -v xvfb-run >/dev/null; then
  display="Xvfb (xvfb-run, 24-bit colour, no window manager)"
  for screen in $SCREENS; do
    PADDOCK_MEMBENCH_SCREEN=$screen xvfb-run -a -s "-screen 0 ${screen}x24" "$0" "$ROUNDS"
  done
else
  display="QT_QPA_PLATFORM=offscreen (no xvfb-run, so no xterm either)"
  SCREENS=offscreen
  PADDOCK_MEMBENCH_SCREEN=offscreen QT_QPA_PLATFORM=offscreen "$0" "$ROUNDS"
fi

echo "## Desktop app memory: 12,000 lines of 100 characters in each pane, 10,000-line scrollback (median of $ROUNDS rounds)"
echo
echo "Display: $display."
echo
echo "| screen | | pane | resident (VmRSS) | peak (VmHWM) | PSS | heap in use | heap free | after malloc_trim | sandbox processes, RSS / PSS |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for screen in $SCREENS; do
  out=$WORK/$screen
  for n in 0 1 8; do
    f=$out/paddock-$n
    printf "| %s | Paddock, %s | %s | %s MiB | %s MiB | %s MiB | %s MiB | %s MiB | %s MiB | %s / %s MiB |\n" "$screen" "$([ "$n" = 1 ] && echo "1 pane" || echo "$n panes")" \
      "$([ "$n" = 0 ] && echo - || echo "$(med "$f" 9)x$(med "$f" 10)")" "$(med "$f" 2)" "$(med "$f" 3)" \
      "$(med "$f" 4)" "$(med "$f" 5)" "$(med "$f" 6)" "$(med "$f" 7)" "$(med "$f" 8)" "$(med "$f" 11)"
  done
  if [ -s "$out/xterm" ]; then
    printf "| %s | 8 xterms (%s), summed | %s | %s MiB | %s MiB | %s MiB | | | | |\n" "$screen" \
      "$(xterm -version | head -1)" "$(med "$out/paddock-8" 9)x$(med "$out/paddock-8" 10)" \
      "$(med "$out/xterm" 1)" "$(med "$out/xterm" 2)" "$(med "$out/xterm" 3)"
  fi
done
echo
met=yes
for screen in $SCREENS; do
  out=$WORK/$screen
  p0=$(med "$out/paddock-0" 2); p1=$(med "$out/paddock-1" 2); p8=$(med "$out/paddock-8" 2)
  mb=$(echo "$p8 * 1.048576" | bc -l | xargs printf %.1f) # the goal is in MB (10^6 bytes): 150 MB = 143.1 MiB
  [ "$(echo "$mb <= 150" | bc)" = 1 ] || met=no
  printf "%s: 8 panes %s MiB (%s MB); per pane %.1f MiB (8 panes against none), the first pane %.1f MiB" \
    "$screen" "$p8" "$mb" "$(echo "($p8 - $p0) / 8" | bc -l)" "$(echo "$p1 - $p0" | bc -l)"
  if [ -s "$out/xterm" ]; then
    printf "; %.2fx the 8 xterms' summed resident size, %.2fx their summed PSS" \
      "$(echo "$p8 / $(med "$out/xterm" 1)" | bc -l)" "$(echo "$(med "$out/paddock-8" 4) / $(med "$out/xterm" 3)" | bc -l)"
  fi
  printf "; with its sandboxes' bubblewrap and paddock-guest processes, %.1f MiB PSS" \
    "$(echo "$(med "$out/paddock-8" 4) + $(med "$out/paddock-8" 11)" | bc -l)"
  echo ". Rounds, 8 panes: $(cut -d" " -f2 "$out/paddock-8" | paste -sd/ | sed 's|/| / |g') MiB."
done
echo
echo "Goal (8 panes, whole app ≤ 150 MB resident): $([ $met = yes ] && echo met || echo NOT met)."
for screen in $SCREENS; do
  echo
  echo "Where the memory goes, $screen, 8 panes, last round:"
  echo
  echo '```'
  cat "$WORK/$screen/stages-8"
  echo '```'
done

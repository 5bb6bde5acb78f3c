#!/usr/bin/env bash
# Namespace sandbox benchmarks (issue 4), side by side in one run:
#  1. start to first command: Paddock's full bubblewrap sandbox running `true` against bare `bwrap ... true`;
#  2. small-file work (create, stat, read 10,000 files of 1 KiB) in a sandbox's workspace against the same disk
#     on the host, five interleaved rounds, medians.
# Usage: bench/sandbox-bench.sh [RUNS]   (needs a release build: PADDOCK_PRESET=release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-100}
BIN=$ROOT/build/${PADDOCK_PRESET:-release}/bin
[ -x "$BIN/bench_sandboxstart" ] && [ -x "$BIN/bench_filework" ] && [ -x "$BIN/bench_cli" ] && [ -x "$BIN/paddock-guest" ] || {
  "$ROOT/scripts/setup-deps.sh" && PADDOCK_PRESET=${PADDOCK_PRESET:-release} "$ROOT/scripts/build.sh" >/dev/null; }
export PADDOCK_GUEST=$BIN/paddock-guest

echo "## Start to first command ($RUNS runs each, interleaved)"
echo
"$BIN/bench_sandboxstart" "$RUNS" | sed 's/^/    /'

# Through the paddock CLI, as a user runs it, in a private XDG environment, beside bare bubblewrap: create +
# exec of a new sandbox with no Paddock process running (exec hosts it itself for the command, then stops it);
# then with a host running (the one `paddock start` launches) exec in a running sandbox, and create + exec.
CLI_HOME=$(mktemp -d)
export XDG_CONFIG_HOME=$CLI_HOME/config XDG_DATA_HOME=$CLI_HOME/data XDG_STATE_HOME=$CLI_HOME/state \
       XDG_CACHE_HOME=$CLI_HOME/cache XDG_RUNTIME_DIR=$CLI_HOME/runtime
mkdir -p -m 700 "$XDG_RUNTIME_DIR" "$CLI_HOME/ws"
BARE=(bwrap --unshare-all --die-with-parent --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib
      --symlink usr/lib64 /lib64 --proc /proc --dev /dev true)
echo
echo "## Through the CLI ($RUNS runs each, interleaved)"
echo
# No Paddock process runs yet: each exec hosts its new sandbox itself and stops it after the command.
"$BIN/bench_cli" "$RUNS" "bare bwrap true" "${BARE[@]}" \
  ";;" "paddock create + exec (new sandbox)" "$BIN/paddock" create "b{n}" --workspace "$CLI_HOME/ws" --mode direct \
       "::" "$BIN/paddock" exec "b{n}" -- true "--cleanup" "$BIN/paddock" rm --force "b{n}"
"$BIN/paddock" create bench --workspace "$CLI_HOME/ws" --mode direct >/dev/null
"$BIN/paddock" start bench >/dev/null
echo
# With a host running (the desktop app, or `paddock serve`): exec in a running sandbox, and create + exec of a
# new one, which the host starts (and stops afterwards, untimed).
"$BIN/bench_cli" "$RUNS" "bare bwrap true" "${BARE[@]}" \
  ";;" "paddock exec (running sandbox)" "$BIN/paddock" exec bench -- true \
  ";;" "paddock create + exec (new sandbox, host running)" "$BIN/paddock" create "h{n}" --workspace "$CLI_HOME/ws" \
       --mode direct "::" "$BIN/paddock" exec "h{n}" -- true \
       "--cleanup" "$BIN/paddock" stop "h{n}" "::" "$BIN/paddock" rm --force "h{n}"
"$BIN/paddock" stop bench >/dev/null
rm -rf "$CLI_HOME"
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR

# The workspace lives where clones do (the data folder's disk); the host run uses a folder beside it.
BASE=${XDG_DATA_HOME:-$HOME/.local/share}/paddock/bench-$$
mkdir -p "$BASE/workspace" "$BASE/host"
trap 'rm -rf "$BASE"' EXIT
cp "$BIN/bench_filework" "$BASE/workspace/"
median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
host_c=() host_s=() host_r=() box_c=() box_s=() box_r=()
for round in 1 2 3 4 5; do
  read -r c s r < <("$BIN/bench_filework" "$BASE/host/files-$round" 10000)
  host_c+=("$c") host_s+=("$s") host_r+=("$r")
  read -r c s r < <("$BIN/bench_sandboxstart" --in-sandbox "$BASE/workspace" /workspace/bench_filework \
                      "/workspace/files-$round" 10000)
  box_c+=("$c") box_s+=("$s") box_r+=("$r")
  echo "round $round: host ${host_c[-1]}/${host_s[-1]}/${host_r[-1]} ms, sandbox $c/$s/$r ms" >&2
done
echo
echo "## Small-file work, 10,000 files of 1 KiB (median of 5 interleaved rounds)"
echo
echo "| phase | host (ms) | sandbox workspace (ms) | sandbox speed vs host |"
echo "|---|---|---|---|"
for phase in create stat read; do
  case $phase in create) h=("${host_c[@]}") b=("${box_c[@]}") ;; stat) h=("${host_s[@]}") b=("${box_s[@]}") ;;
    read) h=("${host_r[@]}") b=("${box_r[@]}") ;; esac
  hm=$(printf '%s\n' "${h[@]}" | median)
  bm=$(printf '%s\n' "${b[@]}" | median)
  echo "| $phase | $hm | $bm | $(awk -v a="$hm" -v b="$bm" 'BEGIN{printf "%.2fx", a/b}') |"
done

#!/usr/bin/env bash
# Writes paddock(1) from the CLI's own help, so the man page never disagrees with the program.
#   make-manpage.sh PADDOCK_CLI VERSION OUTPUT
set -euo pipefail
cli=$1 version=$2 output=$3
export PADDOCK_LANGUAGE=en QT_QPA_PLATFORM=offscreen

# troff-safe text: backslashes escaped; a line starting with . or ' is not a request.
escape() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/" -e 's/-/\\-/g'; }

help=$("$cli" --help)
# The commands are the indented lines after "Commands:" in the help.
commands=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/^Commands:/ {print $1}')
# The date of the source (the last commit, else SOURCE_DATE_EPOCH), so a rebuild gives the same page.
date=$(git -C "$(dirname "$0")/.." log -1 --format=%cs 2>/dev/null ||
  date -u -d "@${SOURCE_DATE_EPOCH:-0}" +%Y-%m-%d)

{
  printf '.TH PADDOCK 1 "%s" "Paddock %s" "User Commands"\n' "$date" "$version"
  printf '.SH NAME\npaddock \\- run AI coding agents in sandboxes whose network goes only through a filtering proxy\n'
  printf '.SH SYNOPSIS\n.B paddock\n.RI [ COMMAND ] " " [ OPTIONS ]\n'
  printf '.SH DESCRIPTION\n'
  printf '%s\n' "$help" | sed -n '2,/^Commands:/p' | grep -v '^Commands:' | grep . | escape
  printf '.SH COMMANDS\n'
  for command in $commands; do
    summary=$(printf '%s\n' "$help" | awk -v c="$command" '$1 == c {sub(/^ *[^ ]+ +/, ""); print}')
    printf '.SS "paddock %s"\n%s\n.PP\n.nf\n' "$command" "$(printf '%s\n' "$summary" | escape)"
    "$cli" "$command" --help | escape
    printf '.fi\n'
  done
  cat <<'TROFF'
.SH OPTIONS
.TP
.BR \-h ", " \-\-help
Show the help, of paddock or of a command.
.TP
.BR \-v ", " \-\-version
Show Paddock's version.
.SH FILES
.TP
.I ~/.config/paddock/
Settings, the global network policy (policy.json) and your agent templates (templates/*.json).
.TP
.I ~/.local/share/paddock/
Sandboxes, their clones and agent homes, the microVM guest image and the interception CA.
.TP
.I ~/.cache/paddock/
Downloads for the guest image.
.TP
.I .paddock/policy.json
A project's own network rules, in the project folder.
.SH ENVIRONMENT
.TP
.B PADDOCK_LANGUAGE
The language of the program's messages (for example en or de), over the system's.
.SH EXIT STATUS
0 on success, 1 when a command fails, 2 for a usage error; \fBpaddock run\fR and \fBpaddock exec\fR exit with
the status of the command in the sandbox.
.SH SEE ALSO
.BR bwrap (1),
.BR qemu\-system\-x86_64 (1),
.BR git (1)
TROFF
} >"$output"

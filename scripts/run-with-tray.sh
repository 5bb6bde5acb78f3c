#!/usr/bin/env bash
# Test launcher: runs a test binary on a virtual X display that has a system tray (trayer), so the tray
# icon, its menu and close-to-tray are exercised for real.
if [ -z "${PADDOCK_TRAY_DISPLAY:-}" ]; then
  exec env PADDOCK_TRAY_DISPLAY=1 xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi
trayer --edge bottom --align right --widthtype request >/dev/null 2>&1 &
tray=$!
QT_QPA_PLATFORM=xcb "$@"
status=$?
kill "$tray" 2>/dev/null
exit "$status"

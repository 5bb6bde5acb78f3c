#!/usr/bin/env bash
# Test launcher: runs a test binary in a private D-Bus session with a real Secret Service (GNOME Keyring, its
# login keyring created and unlocked with a throwaway password in a temporary home), so the keychain code is
# exercised for real and the user's own keychain is never touched. The test sees PADDOCK_TEST_KEYRING=1.
set -uo pipefail
if [ -z "${PADDOCK_KEYRING_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || {
      echo "run-with-keyring.sh: $tool is missing; scripts/setup-deps.sh installs it" >&2
      exit 1
    }
  done
  home=$(mktemp -d)
  trap 'rm -rf "$home"' EXIT
  mkdir -m 700 "$home/runtime"
  PADDOCK_KEYRING_SESSION=1 HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
    XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime" dbus-run-session -- "$0" "$@"
  exit $?
fi
# --unlock reads the password on stdin and creates the login keyring with it; the session bus then starts
# the Secret Service on the first request, which joins this daemon.
eval "$(printf 'paddock-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
PADDOCK_TEST_KEYRING=1 "$@"

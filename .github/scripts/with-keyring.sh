#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked, throwaway gnome-keyring, so
# keytar finds a real Secret Service on a headless Linux runner (no login session, no prompts).
# The keyring files and the daemon's sockets live in a temp folder; the daemon is stopped after.
#
#   .github/scripts/with-keyring.sh xvfb-run -a npm run test:electron
set -euo pipefail

if [ "${1:-}" != "--in-session" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/data" "$scratch/runtime"
  chmod 700 "$scratch/runtime"
  # Only the keyring's folders move: HOME stays, so npm's and Playwright's caches are still found.
  export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime"
  # Not exec: the trap above must remove the scratch folder afterwards.
  dbus-run-session -- bash "$0" --in-session "$@"
  exit $?
fi
shift

# The daemon forks; its output goes through a file so no open pipe keeps this script waiting.
printf %s "throwaway-ci-password" | gnome-keyring-daemon --unlock --components=secrets >"$XDG_RUNTIME_DIR/keyring.env"
eval "$(cat "$XDG_RUNTIME_DIR/keyring.env")"
export GNOME_KEYRING_CONTROL

stop_keyring() {
  local pid
  pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '/uint32/ {print $2}')
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
}
trap stop_keyring EXIT

# Not exec: the trap above must run when the command ends.
"$@"

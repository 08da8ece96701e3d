#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked, throwaway gnome-keyring, so
# keytar finds a real Secret Service on a headless Linux runner (no login session, no prompts).
# The keyring files and the daemon's sockets live in a temp folder; the daemon is stopped after.
#
#   .github/scripts/with-keyring.sh xvfb-run -a npm run test:electron
#
# WITH_TRAY_WATCHER=1 also puts a stand-in org.kde.StatusNotifierWatcher on the bus
# (status-notifier-watcher.py, needs python3-gi), as the AppIndicator extension does on Ubuntu's
# GNOME: the app then hides to the tray on close instead of minimizing.
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

watcher_pid=
stop_keyring() {
  local pid
  pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '/uint32/ {print $2}')
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  [ -n "$watcher_pid" ] && kill "$watcher_pid" 2>/dev/null || true
}
trap stop_keyring EXIT

watcher_owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.kde.StatusNotifierWatcher 2>/dev/null | grep -q 'boolean true'
}
if [ "${WITH_TRAY_WATCHER:-0}" = 1 ]; then
  # The system Python: python3-gi is installed for it, not for a toolcache Python on PATH.
  /usr/bin/python3 "$(dirname "$0")/status-notifier-watcher.py" &
  watcher_pid=$!
  for _ in $(seq 1 50); do watcher_owned && break; sleep 0.1; done
  if ! watcher_owned; then
    echo "with-keyring: the StatusNotifierWatcher stand-in did not come up" >&2
    exit 1
  fi
fi

# Not exec: the trap above must run when the command ends.
"$@"

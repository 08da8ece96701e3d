#!/usr/bin/env bash
# Inside the private D-Bus session of run.sh: unlock a throwaway keyring, run the suite,
# then stop this session's keyring daemon (found through the bus, so no other one is touched).
set -euo pipefail

# The daemon forks; its output is read from a file so no open pipe keeps this script waiting.
printf %s "throwaway-test-password" | gnome-keyring-daemon --unlock --components=secrets >"$XDG_RUNTIME_DIR/keyring.env"
eval "$(cat "$XDG_RUNTIME_DIR/keyring.env")"
export GNOME_KEYRING_CONTROL

stop_keyring() {
  local pid
  pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '/uint32/ {print $2}')
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
}
trap stop_keyring EXIT

npx vitest run --config tests/keychain/vitest.config.mts
# The same keychain through the window (preview host + Chromium): locked with a key, and no D-Bus.
npx playwright test -c tests/keychain/playwright.config.ts

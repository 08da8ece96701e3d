#!/usr/bin/env bash
# Runs the keychain suite against a real Secret Service: gnome-keyring in a private D-Bus
# session, with HOME and XDG folders in a throwaway directory so no real keyring is touched.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
  if ! command -v "$tool" >/dev/null; then
    echo "keychain tests need $tool: sudo apt-get install -y gnome-keyring dbus dbus-x11 libsecret-tools libsecret-1-dev" >&2
    exit 1
  fi
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/data" "$scratch/runtime"
chmod 700 "$scratch/runtime"

export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime"
unset DISPLAY WAYLAND_DISPLAY
export AVATAR_WATCH_KEYCHAIN_SUITE=1

# Inside the private bus: create and unlock a throwaway login keyring, then run the tests.
dbus-run-session -- bash -c '
  set -euo pipefail
  eval "$(printf %s "throwaway-test-password" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  trap "kill \$(pgrep -u \"$(id -u)\" -f \"gnome-keyring-daemon\" | tr \"\n\" \" \") 2>/dev/null || true" EXIT
  npx vitest run --config tests/keychain/vitest.config.mts
'

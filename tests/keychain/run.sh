#!/usr/bin/env bash
# Runs the keychain suite against a real Secret Service: gnome-keyring in a private D-Bus
# session, with HOME and XDG folders in a throwaway directory so no real keyring is touched.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in dbus-run-session gnome-keyring-daemon secret-tool dbus-send; do
  if ! command -v "$tool" >/dev/null; then
    echo "keychain tests need $tool: sudo apt-get install -y gnome-keyring dbus dbus-x11 libsecret-tools libsecret-1-dev" >&2
    exit 1
  fi
done
if ! /usr/bin/python3 -c 'import dbus' 2>/dev/null; then
  echo "keychain tests need python3-dbus (it unlocks the test keyring): sudo apt-get install -y python3-dbus" >&2
  exit 1
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/data" "$scratch/runtime"
chmod 700 "$scratch/runtime"

export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime"
unset DISPLAY WAYLAND_DISPLAY
export AVATAR_WATCH_KEYCHAIN_SUITE=1

# The private bus lives as long as in-session.sh; nothing is left running afterwards.
dbus-run-session -- bash tests/keychain/in-session.sh </dev/null

#!/usr/bin/python3
"""Unlocks the test session's login keyring in the running gnome-keyring daemon, as a person's
password at the unlock prompt would (headless machines cannot show gcr's prompt). Restarting the
daemon instead would strand every client: libsecret keeps talking to the old daemon's bus name.
Reads the password from standard input."""
import sys

import dbus

COLLECTION = "/org/freedesktop/secrets/collection/login"

bus = dbus.SessionBus()
service = bus.get_object("org.freedesktop.secrets", "/org/freedesktop/secrets")
_, session = dbus.Interface(service, "org.freedesktop.Secret.Service").OpenSession("plain", dbus.String("", variant_level=1))
password = sys.stdin.read().encode()
secret = dbus.Struct((session, dbus.ByteArray(b""), dbus.ByteArray(password), "text/plain"), signature="oayays")
internal = dbus.Interface(service, "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface")
internal.UnlockWithMasterPassword(dbus.ObjectPath(COLLECTION), secret)

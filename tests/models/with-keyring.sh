#!/bin/sh
# Runs a command against a real Secret Service: meant to be started inside `dbus-run-session --`,
# it unlocks a throwaway gnome-keyring whose files live in a temporary HOME, so that tests never
# touch the operator's keychain, runs the command given, then stops the keyring again.
set -eu
home=$(mktemp -d)
keyring=
cleanup() {
    [ -z "$keyring" ] || kill "$keyring" 2>/dev/null || true
    rm -rf "$home"
}
trap cleanup EXIT INT TERM
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    XDG_CACHE_HOME="$home/.cache" CRONDESK_TEST_KEYCHAIN=1
# The daemon reads the new keyring's password on stdin. In the foreground, so that its pid is
# ours to stop; it is ready once it owns org.freedesktop.secrets on the bus (at most 10 s).
printf 'crondesk-test' | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >/dev/null 2>&1 &
keyring=$!
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
    | grep -q 'boolean true'; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { echo "with-keyring.sh: gnome-keyring did not start" >&2; exit 1; }
    sleep 0.1
done
"$@"

#!/bin/sh
# Runs a test against a real Secret Service: meant to be started inside `dbus-run-session --`,
# it unlocks a throwaway gnome-keyring whose files live in a temporary HOME, so that tests never
# touch the operator's keychain, then runs the command given.
set -eu
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    XDG_CACHE_HOME="$home/.cache" CRONDESK_TEST_KEYCHAIN=1
# The daemon reads the new keyring's password on stdin and prints its environment.
printf 'crondesk-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"

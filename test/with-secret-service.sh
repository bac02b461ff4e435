#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (Secret Service): the keychain suite (docs/testing.md).
set -euo pipefail
if [ "${1:-}" != "--inside" ]; then
  exec dbus-run-session -- bash "$0" --inside "$@"
fi
shift
export XDG_RUNTIME_DIR; XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"
export XDG_DATA_HOME; XDG_DATA_HOME=$(mktemp -d)
eval "$(printf 'test-keyring-password' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
export CLOUDMC_PRIVATE_SECRET_SERVICE_BUS="$DBUS_SESSION_BUS_ADDRESS" # marks this private bus: test/e2e-electron refuses any other keychain
"$@"

#!/usr/bin/env bash
# The desktop keyring holds a seat's secrets: `secret set` stores one through libsecret, `secret check`
# (the same lookup the store and the connectors use) finds it, and nothing else is found. Runs a
# private gnome-keyring inside its own D-Bus session and HOME, never the user's own keyring.
set -euo pipefail
cli="$1"
if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
  echo "SKIP: gnome-keyring-daemon or dbus-run-session missing (installer/deps.sh installs them)"
  exit 77
fi
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cat >"$work/kartoteka.yaml" <<YAML
store:
  url: $work/seat.db
connectors:
  - name: crm
    type: rest
    settings:
      base_url: http://127.0.0.1:9
      auth: bearer
      secret_keyring: true
      entities:
        customer: {endpoint: '/customers?phone={phone}', fields: {id: /id}}
YAML
export HOME="$work" CLI="$cli" CFG="$work/kartoteka.yaml"
# shellcheck disable=SC2016
timeout 60 dbus-run-session -- bash -c '
  set -euo pipefail
  # A non-empty password makes the daemon create the "login" keyring, the default collection.
  eval "$(printf "throwaway" | gnome-keyring-daemon --unlock --components=secrets)"
  if "$CLI" --config "$CFG" secret check connector:crm; then echo "FAIL: found before it was stored"; exit 1; fi
  out=$(printf "s3cret-token\n" | "$CLI" --config "$CFG" secret set connector:crm)
  [[ "$out" == *"stored"* ]] || { echo "FAIL: secret set said: $out"; exit 1; }
  "$CLI" --config "$CFG" secret check connector:crm
  if "$CLI" --config "$CFG" secret check store; then echo "FAIL: an entry never stored was found"; exit 1; fi
  # A name that is not configured is refused before anything is stored.
  if printf "x\n" | "$CLI" --config "$CFG" secret set connector:nosuch 2>/dev/null; then echo "FAIL: unknown connector accepted"; exit 1; fi
  # The secret itself is never printed.
  all=$("$CLI" --config "$CFG" secret check connector:crm 2>&1)
  [[ "$all" != *s3cret* ]] || { echo "FAIL: the secret was shown"; exit 1; }
' 2> >(grep -v "fd limit" >&2)
# Without a session bus (a service account, ssh) the keyring is not reached and nothing hangs.
env -u DBUS_SESSION_BUS_ADDRESS timeout 10 "$cli" --config "$work/kartoteka.yaml" secret check connector:crm && exit 1
echo "ok: keyring round trip"

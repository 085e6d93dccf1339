#!/usr/bin/env bash
# The README's run command: installs what the demo needs when missing, builds the two programs, seeds the
# demo SQLite database (build/demo.db, 20,000 customers; again when it is older than 12 hours, so its
# tickets do not age into "breached") and starts the workstation on it, signed in as the chosen role.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${KARTOTEKA_BUILD_DIR:-$root/build}"
usage() {
  cat <<USAGE
usage: installer/demo.sh [--as operator|service|supervisor] [--fresh] [-- workstation arguments]
  --as ROLE   sign in as the demo's operator (default), service or supervisor
  --fresh     seed the demo database again (otherwise only when it is older than 12 hours)
environment: KARTOTEKA_DEMO_DB (default build/demo.db), KARTOTEKA_DEMO_CUSTOMERS (20000),
             KARTOTEKA_BUILD_DIR (build), KARTOTEKA_POP_TOKEN (screen pop; one is made up when unset)
Installs missing Debian packages (with sudo) and builds kartoteka and kartoteka-cli first.
USAGE
}
login=operator; fresh=0; rest=(); given=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --as) login="${2:-}"; shift 2 || { usage; exit 2; } ;;
    --fresh) fresh=1; shift ;;
    --) shift; rest+=("$@"); break ;;
    *) rest+=("$1"); shift ;;
  esac
done
case "$login" in operator|service|supervisor) ;; *) echo "demo.sh: --as takes operator, service or supervisor" >&2; exit 2 ;; esac
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo.sh: no display. On a headless machine or over SSH run it under a virtual one:" >&2
  # The same command again, with the arguments given (a role chosen with --as stays chosen).
  again=""; [ ${#given[@]} -eq 0 ] || again="$(printf ' %q' "${given[@]}")"
  echo "  xvfb-run -a -s '-screen 0 1600x1000x24' installer/demo.sh$again" >&2
  exit 2
fi
"$root/installer/deps.sh" --demo
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target kartoteka kartoteka-cli  # the two programs, not every test and benchmark
db="${KARTOTEKA_DEMO_DB:-$build/demo.db}"
if [ -s "$db" ] && { [ "$fresh" = 1 ] || [ -n "$(find "$db" -mmin +720 2>/dev/null)" ]; }; then
  if [ "$fresh" = 1 ]; then echo "demo.sh: --fresh: seeding $db again"; else echo "demo.sh: $db is older than 12 hours; seeding it again for today"; fi
  rm -f "$db"
fi
if [ ! -s "$db" ]; then
  "$build/app/cli/kartoteka-cli" --config "$root/config/kartoteka.yaml" --db "$db" demo seed --customers "${KARTOTEKA_DEMO_CUSTOMERS:-20000}"
fi
config="$build/demo-$login.yaml"
sed -e "s/^  login: .*/  login: $login/" "$root/config/kartoteka.yaml" > "$config"
if [ -z "${KARTOTEKA_POP_TOKEN:-}" ]; then
  KARTOTEKA_POP_TOKEN="demo-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  export KARTOTEKA_POP_TOKEN
fi
echo "demo.sh: signed in as $login; screen pop token for this run: $KARTOTEKA_POP_TOKEN"
exec "$build/app/gui/kartoteka" --config "$config" --db "$db" "${rest[@]}"

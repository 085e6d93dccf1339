#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, seeds the demo SQLite database once
# (build/demo.db, 20,000 customers) and starts the workstation on it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${KARTOTEKA_BUILD_DIR:-$root/build}"
"$root/installer/deps.sh"
"$root/installer/build.sh"
db="${KARTOTEKA_DEMO_DB:-$build/demo.db}"
if [ ! -s "$db" ]; then
  "$build/app/cli/kartoteka-cli" --config "$root/config/kartoteka.yaml" --db "$db" demo seed --customers "${KARTOTEKA_DEMO_CUSTOMERS:-20000}"
fi
exec "$build/app/gui/kartoteka" --config "$root/config/kartoteka.yaml" --db "$db" "$@"

#!/usr/bin/env bash
# Installs what Kartoteka needs to build, test and run, from Debian 12 packages only.
# Safe to run again: apt skips what is installed. Uses sudo when not root.
# --demo: only what building and running the demo needs (no test servers, fuzzing or keyring toolchain).
set -euo pipefail

DEMO_PACKAGES=(
  build-essential cmake ninja-build pkg-config gettext
  libwxgtk3.2-dev
  libsoci-dev libsqlite3-dev libpq-dev sqlite3
  libcpp-httplib-dev libssl-dev
  libyaml-cpp-dev nlohmann-json3-dev libhowardhinnant-date-dev tzdata
  libspdlog-dev libfmt-dev
  libboost-test-dev
  libphonenumber-dev
  libsecret-1-dev
)
PACKAGES=(
  "${DEMO_PACKAGES[@]}"
  # tests: a real PostgreSQL server, a real X server for the window, screenshots
  postgresql xvfb xauth imagemagick xdotool x11-xkb-utils curl
  # the translation catalogue check (tests/gui/check_catalogue.py)
  python3
  # the keyring test: a private Secret Service in its own D-Bus session
  gnome-keyring dbus
  # fuzzing: clang with libFuzzer and sanitizer runtimes
  clang-14 libclang-rt-14-dev
)

if [ "${1:-}" = "--demo" ]; then PACKAGES=("${DEMO_PACKAGES[@]}"); fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
echo "deps: installing ${missing[*]}"
# A fresh machine's package lists may be stale or empty: update once before installing.
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Builds the .deb from a build tree, installs it into a throwaway root with dpkg --root (a real dpkg
# install: status database, conffiles, files), runs the installed kartoteka-cli --version and
# config check from there, upgrades over itself, then removes it and checks the agent's data survives.
set -euo pipefail
build="$1"
cd "$build"
cpack -G DEB >/dev/null
deb=$(ls -t kartoteka_*.deb | head -n 1)
root="$(mktemp -d)"; trap 'rm -rf "$root"' EXIT
mkdir -p "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info" "$root/home/agent"
touch "$root/var/lib/dpkg/status"
# --force-depends: the throwaway root has no libraries of its own; the binaries run against this
# machine's, which the package's Depends (from dpkg-shlibdeps) names.
dpkg --root="$root" --force-depends --force-not-root -i "$deb" >"$root/dpkg.log" 2>&1 || { cat "$root/dpkg.log"; exit 1; }
[[ "$(dpkg-deb -f "$deb" Depends)" == *libwx* ]] || { echo "FAIL: Depends lacks the wx runtime"; exit 1; }
for f in usr/bin/kartoteka usr/bin/kartoteka-cli etc/kartoteka/kartoteka.yaml usr/share/applications/kartoteka.desktop \
         usr/share/locale/ru/LC_MESSAGES/kartoteka.mo usr/share/icons/hicolor/scalable/apps/kartoteka.svg \
         usr/share/kartoteka/schema/sqlite/0001_init.sql; do
  [ -e "$root/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
grep -q "x-scheme-handler/tel" "$root/usr/share/applications/kartoteka.desktop"
"$root/usr/bin/kartoteka-cli" --version
HOME="$root/home/agent" "$root/usr/bin/kartoteka-cli" --config "$root/etc/kartoteka/kartoteka.yaml" config check
# The installed program must default to the installed config, not a source checkout's.
# (Captured first: with pipefail, `--help | grep -q` fails at random when grep exits before the
# program has finished writing and the program dies of SIGPIPE.)
help_text=$(HOME="$root/home/agent" "$root/usr/bin/kartoteka-cli" --help)
grep -q "/etc/kartoteka/kartoteka.yaml" <<<"$help_text" || { echo "FAIL: installed program does not default to /etc/kartoteka"; exit 1; }
# An agent's data in their home folder; an upgrade and a removal leave it alone.
HOME="$root/home/agent" "$root/usr/bin/kartoteka-cli" --config "$root/etc/kartoteka/kartoteka.yaml" demo seed --customers 5 >/dev/null
data="$root/home/agent/.local/share/kartoteka/kartoteka.db"
[ -s "$data" ] || { echo "FAIL: no agent data written"; exit 1; }
echo "# the centre's own edit" >> "$root/etc/kartoteka/kartoteka.yaml"
dpkg --root="$root" --force-depends --force-not-root --force-confold -i "$deb" >"$root/dpkg.log" 2>&1 || { cat "$root/dpkg.log"; exit 1; }
grep -q "the centre's own edit" "$root/etc/kartoteka/kartoteka.yaml" || { echo "FAIL: upgrade replaced the edited conffile"; exit 1; }
dpkg --root="$root" --force-not-root -r kartoteka >/dev/null
[ ! -e "$root/usr/bin/kartoteka-cli" ] || { echo "FAIL: remove left the program"; exit 1; }
[ -s "$data" ] || { echo "FAIL: removing the package lost the agent's data"; exit 1; }
echo "ok: $deb installs, runs, upgrades and removes cleanly ($(du -k "$deb" | cut -f1) KiB)"

#!/usr/bin/env bash
# Run by .ci/run after the tests (about 70 s on the CI machine's mirror), not by ctest: does the .deb install and run on a clean Debian 12 with nothing
# but what its Depends pull in? check-package.sh (in the tests) installs it with dpkg --force-depends
# into a throwaway root and runs it against this machine's libraries, so a library the binaries need
# but Depends does not name would slip through there. Here: debootstrap --variant=minbase bookworm
# from the Debian mirror this machine uses, `apt-get install ./kartoteka_*.deb` inside the chroot (apt
# resolves Depends), then ldd, kartoteka-cli --version, config check and a small seeded card.
#
#   sudo installer/check-clean-root.sh [BUILD_DIR]      (root: debootstrap and chroot need it)
# It needs the network (the Debian mirror), which is why it is not one of the ctest tests.
#
# Downloads about 150 MB (minbase, then wxWidgets/GTK and the rest of Depends); prints the time taken.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
started=$(date +%s)
[ "$(id -u)" -eq 0 ] || { echo "check-clean-root: run as root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/kartoteka_*_amd64.deb | head -n 1)

# The Debian mirror and suites this machine's apt uses, read through apt itself (it parses both the
# one-line and the deb822 formats and knows each archive's Release fields): the archive whose Release
# says o=Debian, n=bookworm, and the one with n=bookworm-security. Only the official archive: other
# vendors' repositories would need their keys inside the chroot. No host name is written here as a
# fallback: a machine without a Debian archive in its sources is told so and the check stops.
debian_archive() {  # $1: the suite (Release field n=); prints the archive's URI
  apt-cache policy 2>/dev/null | awk -v suite="$1" '
    $1 ~ /^[0-9]+$/ && $2 ~ /:\/\// { uri = $2; next }
    $1 == "release" && uri != "" && index("," $2 ",", ",o=Debian,") && index("," $2 ",", ",n=" suite ",") { print uri; exit }
    { uri = "" }'
}
mirror=$(debian_archive bookworm)
if [ -z "$mirror" ]; then  # package lists never fetched: apt knows no Release fields yet
  apt-get update -qq >/dev/null 2>&1 || true
  mirror=$(debian_archive bookworm)
fi
[ -n "$mirror" ] || { echo "check-clean-root: this machine's apt sources name no Debian bookworm archive; add one (apt-cache policy shows what apt uses)" >&2; exit 2; }
security=$(debian_archive bookworm-security)

chroot_dir="$(mktemp -d /tmp/kartoteka-clean-root.XXXXXX)"
chmod 755 "$chroot_dir"  # apt inside downloads as the _apt user, which must reach its lists
log="$(mktemp)"
cleanup() {
  for m in dev/pts dev proc; do umount "$chroot_dir/$m" 2>/dev/null || true; done
  # --one-file-system: should an unmount have failed, the host's /dev is never descended into.
  rm -rf --one-file-system "$chroot_dir" "$log"
}
trap cleanup EXIT

echo "check-clean-root: debootstrap minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >"$log" 2>&1 || { tail -n 30 "$log"; exit 1; }
# Same suites as this machine (updates, security): the package's Depends come from its libraries'
# versions, which may be newer than the bookworm release.
{
  echo "deb $mirror bookworm main"
  echo "deb $mirror bookworm-updates main"
  [ -n "$security" ] && echo "deb $security bookworm-security main"
} >"$chroot_dir/etc/apt/sources.list"
mount -t proc proc "$chroot_dir/proc"
mount --bind /dev "$chroot_dir/dev"
mount --bind /dev/pts "$chroot_dir/dev/pts"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
cp "$deb" "$chroot_dir/tmp/"
in_root() { chroot "$chroot_dir" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

in_root apt-get update -q >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" \
  >"$log" 2>&1 || { tail -n 40 "$log"; exit 1; }
installed=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)

# Every library the binaries need is present (ldd prints "not found" otherwise).
for b in /usr/bin/kartoteka /usr/bin/kartoteka-cli; do
  missing=$(in_root ldd "$b" | grep "not found" || true)
  [ -z "$missing" ] || { echo "FAIL: $b in a clean root: $missing"; exit 1; }
done
in_root kartoteka-cli --version
in_root kartoteka-cli config check
in_root kartoteka-cli demo seed --customers 20 --seed 1 >/dev/null
in_root kartoteka-cli card --id 1 >/dev/null || { echo "FAIL: no card from the seeded store"; exit 1; }
echo "ok: $(basename "$deb") installs on a clean Debian 12 minbase ($installed packages with its Depends) and runs;" \
     "$(( $(date +%s) - started )) s"

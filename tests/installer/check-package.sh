#!/usr/bin/env bash
# The Debian package as a user gets it: CPack builds it from the build tree; dpkg-deb, lintian,
# desktop-file-validate, appstreamcli and man check it; paddock --version runs from it, unpacked in a
# throwaway root.
#   check-package.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack could not make the package"; }
deb=$(ls "$work"/out/paddock_*.deb)
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# What Paddock loads or runs at run time must be in Depends.
depends=$(dpkg-deb --field "$deb" Depends)
for needed in bubblewrap qemu-system-x86 e2fsprogs git apt xz-utils qt6-qpa-plugins libqt6widgets6 \
  libqt6network6 libqt6svg6 libssl3 libgit2 libre2 libseccomp2 libqt6keychain1; do
  [[ ", $depends" == *", $needed"* ]] || fail "Depends lacks $needed: $depends"
done

lintian --fail-on error,warning --tag-display-limit 0 "$deb" 2>&1 | grep -v 'root privileges' || true
lintian --fail-on error,warning "$deb" >/dev/null 2>&1 || fail "lintian found errors or warnings (above)"

dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/org.paddock.Paddock.desktop" ||
  fail "the desktop entry is not valid"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/org.paddock.Paddock.metainfo.xml" ||
  fail "the AppStream metadata is not valid"
[ -f "$work/root/usr/share/icons/hicolor/scalable/apps/org.paddock.Paddock.svg" ] || fail "no icon"
grep -q '^Icon=org.paddock.Paddock$' "$work/root/usr/share/applications/org.paddock.Paddock.desktop" ||
  fail "the desktop entry names another icon"

# The man page: no warnings from man, and every command of the CLI in it.
page="$work/root/usr/share/man/man1/paddock.1.gz"
LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" >"$work/man.txt" 2>"$work/man.err"
[ ! -s "$work/man.err" ] || { cat "$work/man.err"; fail "man warns about paddock.1"; }
for command in $("$work/root/usr/bin/paddock" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/:$/ {print $1}'); do
  grep -q "paddock $command\$" "$work/man.txt" || fail "the man page lacks 'paddock $command'"
done

# Run from the package: the link in /usr/bin finds the programs in /usr/libexec/paddock.
version=$("$work/root/usr/bin/paddock" --version)
[ "$version" = "paddock $(dpkg-deb --field "$deb" Version)" ] || fail "paddock --version said: $version"
[ -x "$work/root/usr/libexec/paddock/paddock-guest" ] || fail "paddock-guest is missing"
echo "package ok: $version"

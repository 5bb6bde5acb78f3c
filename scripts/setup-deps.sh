#!/usr/bin/env bash
# Installs what building and testing Paddock needs on Debian 12, idempotently and quickly when nothing changed:
#  - Debian packages via apt (only the missing ones);
#  - KSyntaxHighlighting 5.116 (built against Qt 6) and libvterm 0.3.3 from Debian trixie's *source* packages
#    into the git-ignored .deps/prefix, using a private apt source list so the machine's apt config is untouched.
# Platforms that ship KF6SyntaxHighlighting use it instead of the source build.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEPS=$ROOT/.deps
PREFIX=$DEPS/prefix
KSH_VER=5.116.0
KSH_SHA256=6f8ccacebd0dc9ce050b2b23b715750c97938b3336fbbb80967920cb8c1dfaa7
VTERM_VER=0.3.3
VTERM_SHA256=09156f43dd2128bd347cbeebe50d9a571d32c64e0cf18d211197946aff7226e0

PACKAGES=(
  build-essential cmake ninja-build pkg-config git perl xz-utils ca-certificates dpkg-dev
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools qt6-translations-l10n libqt6svg6 qt6-svg-dev
  libgit2-dev libre2-dev libssl-dev zlib1g-dev qtkeychain-qt6-dev libxkbcommon-dev extra-cmake-modules
  libseccomp-dev xvfb xauth trayer fonts-dejavu-core bubblewrap iproute2 clang-16 libclang-rt-16-dev
  gnome-keyring libsecret-1-0 dbus-daemon curl openssh-client gnupg qemu-system-x86 qemu-utils e2fsprogs
  lintian desktop-file-utils appstream man-db
  flex bison bc libelf-dev # what building Paddock's own guest kernel needs (vm/kernelbuilder.h)
)
# Tests install agent CLIs with the real npm; a Node.js from elsewhere (NodeSource) brings its own.
command -v npm >/dev/null || PACKAGES+=(npm)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# apt with a private source list and state under .deps: nothing in /etc/apt or /var/lib/apt changes.
private_apt() {
  local tool=$1; shift
  "$tool" -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$DEPS/apt/parts" \
    -o Dir::State::Lists="$DEPS/apt/lists" -o Dir::Cache="$DEPS/apt/cache" \
    -o APT::Sandbox::User=root "$@"
}

fetch_trixie_source() { # package version tarball sha256
  local pkg=$1 ver=$2 tarball=$3 sha=$4
  mkdir -p "$DEPS/src"
  if [ -f "$DEPS/src/$tarball" ] && echo "$sha  $DEPS/src/$tarball" | sha256sum -c --status -; then
    return 0
  fi
  if [ ! -f "$DEPS/apt/parts/trixie-src.sources" ]; then
    mkdir -p "$DEPS/apt/parts" "$DEPS/apt/lists/partial" "$DEPS/apt/cache/archives/partial"
    local sources=/etc/apt/sources.list.d/debian.sources
    if [ -f "$sources" ]; then
      awk 'BEGIN{RS="";ORS="\n\n"} NR==1' "$sources" |
        sed -e 's/^Types:.*/Types: deb-src/' -e 's/^Suites:.*/Suites: trixie/' >"$DEPS/apt/parts/trixie-src.sources"
    else # classic one-line format
      local uri
      uri=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list)
      printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$uri" >"$DEPS/apt/parts/trixie-src.sources"
    fi
    private_apt apt-get update -qq
  fi
  log "downloading $pkg $ver source"
  # Only the upstream tarball is needed; the .dsc or .debian.tar may 404 on some mirrors.
  (cd "$DEPS/src" && private_apt apt-get source --download-only "$pkg=$ver" >/dev/null 2>&1) || true
  echo "$sha  $DEPS/src/$tarball" | sha256sum -c --status - || {
    log "checksum mismatch or download failure for $tarball"
    exit 1
  }
}

has_system_kf6_syntax() {
  [ -f /usr/lib/x86_64-linux-gnu/cmake/KF6SyntaxHighlighting/KF6SyntaxHighlightingConfig.cmake ] ||
    [ -f /usr/lib/cmake/KF6SyntaxHighlighting/KF6SyntaxHighlightingConfig.cmake ]
}

build_ksyntaxhighlighting() {
  local stamp=$PREFIX/.ksyntaxhighlighting-$KSH_VER
  [ -f "$stamp" ] && return 0
  has_system_kf6_syntax && return 0
  fetch_trixie_source ksyntax-highlighting "$KSH_VER-1" "ksyntax-highlighting_$KSH_VER.orig.tar.xz" "$KSH_SHA256"
  log "building KSyntaxHighlighting $KSH_VER against Qt 6 (about 2 minutes)"
  local work=$DEPS/build/ksh
  rm -rf "$work" && mkdir -p "$work"
  tar -C "$work" -xf "$DEPS/src/ksyntax-highlighting_$KSH_VER.orig.tar.xz"
  local src=$work/syntax-highlighting-$KSH_VER
  # Debian 12 ships ECM 5.103; 5.116 asks for 5.116 but builds with 5.103.
  sed -i "s/find_package(ECM $KSH_VER REQUIRED NO_MODULE)/find_package(ECM 5.103.0 REQUIRED NO_MODULE)/" "$src/CMakeLists.txt"
  cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DQT_MAJOR_VERSION=6 \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBUILD_TESTING=OFF -DBUILD_QCH=OFF \
    -DCMAKE_INSTALL_PREFIX="$PREFIX" >"$work/configure.log"
  cmake --build "$work/build" -j"$(nproc)" >"$work/build.log"
  cmake --install "$work/build" >"$work/install.log"
  touch "$stamp"
}

build_libvterm() {
  local stamp=$PREFIX/.libvterm-$VTERM_VER-wrapv-resizefix-c1fix-pushfix-restorefix-regionfix-utf8fix
  [ -f "$stamp" ] && return 0
  fetch_trixie_source libvterm "$VTERM_VER-3" "libvterm_$VTERM_VER.orig.tar.gz" "$VTERM_SHA256"
  log "building libvterm $VTERM_VER"
  local work=$DEPS/build/vterm
  rm -rf "$work" && mkdir -p "$work/obj" "$PREFIX/lib/pkgconfig" "$PREFIX/include"
  tar -C "$work" -xzf "$DEPS/src/libvterm_$VTERM_VER.orig.tar.gz"
  local src=$work/libvterm-$VTERM_VER
  # One fix, applied here rather than carried as a copy: libvterm 0.3.3 calls abort() when a resize loses
  # track of the cursor, which a sandbox can arrange (found by fuzzing; also neovim#25234). The screen is
  # what the program drew; a cursor put at the top left is something the program can fix with its next write.
  grep -q 'screen_resize failed to update cursor position' "$src/src/screen.c" ||
    { echo "setup: libvterm's screen.c changed; check the resize fix" >&2; exit 1; }
  perl -0pi -e 's/fprintf\(stderr, "screen_resize failed to update cursor position\\n"\);\n\s*abort\(\);/new_cursor.row = 0, new_cursor.col = 0; \/* paddock: was abort() *\//' "$src/src/screen.c"
  grep -q 'paddock: was abort' "$src/src/screen.c" || { echo "setup: the libvterm resize fix did not apply" >&2; exit 1; }
  # And a second: libvterm's UTF-8 decoder passes C1 controls (U+0080..U+009F, encoded as C2 80..C2 9F) on as
  # text, whose width is -1: the cursor then moves to column -1 and later writes go through a null pointer or
  # before the tab-stop array (found by fuzzing; tests/fuzz/corpus/terminalmodel/utf8-c1-*). Such a character is
  # shown as U+FFFD, one cell wide, as terminals show what they cannot print.
  perl -0pi -e 's/(      int this_width = vterm_unicode_width\(codepoints\[i\]\);\n)/$1      if(this_width < 0) { chars[i - glyph_starts] = 0xFFFD; this_width = 1; } \/* paddock: C1 in UTF-8 *\/\n/' "$src/src/state.c"
  grep -q 'paddock: C1 in UTF-8' "$src/src/state.c" || { echo "setup: the libvterm C1 fix did not apply" >&2; exit 1; }
  # And a third: resizing while a full-screen program shows (the alternate screen), libvterm pushes the rows
  # the shell's screen loses into the scrollback from the visible buffer, the program's, instead of the shell's.
  perl -0pi -e 's/(    if\(screen->callbacks && screen->callbacks->sb_pushline\)\n      for\(int row = 0; row <= old_row; row\+\+\)\n        sb_pushline_from_row\(screen, row\);\n)/    ScreenCell *visible = screen->buffer; screen->buffer = old_buffer; \/* paddock: push from the buffer resized *\/\n$1    screen->buffer = visible;\n/' "$src/src/screen.c"
  grep -q 'paddock: push from the buffer resized' "$src/src/screen.c" || { echo "setup: the libvterm push fix did not apply" >&2; exit 1; }
  # And a fourth: restoring a cursor saved before the screen shrank (DECRC, or leaving a full-screen program)
  # puts it below the new bottom, and the next character writes past the row array (found by fuzzing;
  # tests/fuzz/corpus/terminalmodel/saved-cursor-after-resize). It is brought onto the screen, as xterm does.
  perl -0pi -e 's/(    state->pos = state->saved.pos;\n)/$1    if(state->pos.row >= state->rows) state->pos.row = state->rows - 1; \/* paddock: saved before a resize *\/\n    if(state->pos.col >= state->cols) state->pos.col = state->cols - 1;\n/' "$src/src/state.c"
  grep -q 'paddock: saved before a resize' "$src/src/state.c" || { echo "setup: the libvterm restore fix did not apply" >&2; exit 1; }
  # And a fifth: a resize clamps the scroll region's bottom but not its top, so a region that began below the
  # new bottom row is left upside down, and the next scroll moves a negative number of rows (found by fuzzing;
  # tests/fuzz/corpus/terminalmodel/scroll-region-after-resize). Such a region becomes the whole screen, as
  # xterm resets it on a resize.
  perl -0pi -e 's/(  if\(state->scrollregion_right > -1\)\n    UBOUND\(state->scrollregion_right, state->cols\);\n)/$1  if(SCROLLREGION_BOTTOM(state) <= state->scrollregion_top) { state->scrollregion_top = 0; state->scrollregion_bottom = -1; } \/* paddock: region after a resize *\/\n  if(SCROLLREGION_RIGHT(state) <= state->scrollregion_left) { state->scrollregion_left = 0; state->scrollregion_right = -1; }\n/' "$src/src/state.c"
  grep -q 'paddock: region after a resize' "$src/src/state.c" || { echo "setup: the libvterm region fix did not apply" >&2; exit 1; }
  # And a sixth: an ASCII character that cuts a UTF-8 sequence short is decoded as two code points (U+FFFD and
  # itself) though the loop checked room for one, so a long enough line writes one past the buffer (found by
  # fuzzing; tests/fuzz/corpus/terminalmodel/utf8-cut-at-buffer-end). With one slot left, the U+FFFD goes out
  # and the character waits for the next call.
  perl -0pi -e 's/(    else if\(c >= 0x20 && c < 0x7f\) \{\n)      if\(data->bytes_remaining\)\n        cp\[\(\*cpi\)\+\+\] = UNICODE_INVALID;\n/$1      if(data->bytes_remaining) { \/* paddock: one slot left *\/\n        cp[(*cpi)++] = UNICODE_INVALID;\n        data->bytes_remaining = 0;\n        if(*cpi >= cplen)\n          return;\n      }\n/' "$src/src/encoding.c"
  grep -q 'paddock: one slot left' "$src/src/encoding.c" || { echo "setup: the libvterm UTF-8 fix did not apply" >&2; exit 1; }
  # The .inc tables ship pre-generated, so the C files compile directly. -fwrapv: libvterm multiplies escape
  # sequence numbers without an overflow check (signed overflow is undefined in C; found by fuzzing), and a
  # sandbox chooses those numbers.
  for c in "$src"/src/*.c; do
    cc -std=c99 -O2 -fPIC -fwrapv -I"$src/include" -c "$c" -o "$work/obj/$(basename "$c" .c).o"
  done
  ar rcs "$PREFIX/lib/libvterm.a" "$work"/obj/*.o
  cp "$src"/include/vterm.h "$src"/include/vterm_keycodes.h "$PREFIX/include/"
  cat >"$PREFIX/lib/pkgconfig/vterm.pc" <<EOF
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include
Name: vterm
Description: Abstract VT220/Xterm/ECMA-48 emulation library
Version: $VTERM_VER
Libs: -L\${libdir} -lvterm
Cflags: -I\${includedir}
EOF
  touch "$stamp"
}

install_packages
build_libvterm
build_ksyntaxhighlighting

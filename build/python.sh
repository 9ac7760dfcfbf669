#!/usr/bin/env bash
# Builds the Python that the Linux bundle carries, against glibc 2.28 (统信UOS 20, 麒麟 V10), so
# that no ELF file of the bundle needs a newer GLIBC symbol whatever machine builds it.
#
#   bash build/python.sh            -> build/out/python/bin/python3 (its path on stdout;
#                                      progress on stderr)
#
# The compiler is zig's clang (PyPI package `ziglang`, pinned in pyproject.toml's build extra),
# targeting x86_64-linux-gnu.2.28: zig carries glibc headers and link stubs for every version.
# The sources are Debian's source packages (CPython 3.11 of bookworm with its security fixes,
# zlib, libffi), fetched by apt-get source through a private apt state under build/out: the
# machine's apt configuration is not touched. Debian's own layout patches (dist-packages,
# multiarch, ensurepip disabled) are left out; its CVE and upstream backport patches go in.
#
# Only what the editor and PyInstaller need is built: zlib and libffi statically into the
# extension modules; no ssl, sqlite, tkinter, readline (the bundle is offline and has no console).
# Heavy (~10 min on 2 cores): it runs niced, and is skipped when the result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/build/out/pybuild
PREFIX=$ROOT/build/out/python
TARGET=x86_64-linux-gnu.2.28
# The stamp names what the build depends on beyond the sources: a change of flags rebuilds.
STAMP="$PREFIX/.built-for-$TARGET-nofp-nosi-$(cat "$ROOT"/build/python-patches/*.patch | cksum | cut -d' ' -f1)"

if [ -f "$STAMP" ] && [ -x "$PREFIX/bin/python3" ]; then
  echo "$PREFIX/bin/python3"
  exit 0
fi
for tool in apt-get apt-cache dpkg-source patch make; do
  command -v "$tool" >/dev/null || { echo "需要 $tool（apt-get install dpkg-dev patch make）" >&2; exit 1; }
done

# zig from the pinned PyPI package, in the project's venv (scripts/setup.sh made it).
.venv/bin/python -m pip install -q -e ".[build]"
ZIG="$(.venv/bin/python -c 'import os, ziglang; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))')"
mkdir -p "$OUT/bin" "$OUT/zig-cache"
export ZIG_GLOBAL_CACHE_DIR="$OUT/zig-cache" ZIG_LOCAL_CACHE_DIR="$OUT/zig-cache"
# Wrappers, because configure scripts want one word per tool. UBSan off: zig enables it for
# unoptimised compiles, and configure's probe programs are unoptimised. __DATE__ allowed: zig
# makes it an error (reproducibility), CPython records its build date. -Wl,-hNAME becomes
# -Wl,-soname,NAME: zig's linker knows only the long form, CPython's Makefile uses the short.
# -fomit-frame-pointer: zig's clang keeps a frame pointer in every function unless told, a register
# the interpreter's loop needs (issue 15: the frozen `check` against the venv's gcc-built Python).
# -fno-semantic-interposition: calls between libpython's own exported functions go direct, not
# through the PLT (what CPython's --enable-optimizations adds; nothing interposes them here).
cat >"$OUT/bin/cc" <<WRAPPER
#!/bin/sh
for a in "\$@"; do
  shift
  case "\$a" in -Wl,-h*) set -- "\$@" "-Wl,-soname,\${a#-Wl,-h}" ;; *) set -- "\$@" "\$a" ;; esac
done
exec "$ZIG" cc -target $TARGET -fno-sanitize=undefined -fomit-frame-pointer -fno-semantic-interposition -Wno-error=date-time "\$@"
WRAPPER
for t in ar ranlib; do
  printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$ZIG" "$t" >"$OUT/bin/$t"
done
# CPython 3.11's setup.py asks dpkg-architecture for the multiarch triplet and then adds the
# build machine's /usr/include/x86_64-linux-gnu: newer glibc headers than zig's 2.28 ones, which
# do not mix. This stand-in answers "no multiarch".
printf '#!/bin/sh\nexit 1\n' >"$OUT/bin/dpkg-architecture"
chmod +x "$OUT/bin/cc" "$OUT/bin/ar" "$OUT/bin/ranlib" "$OUT/bin/dpkg-architecture"
export CC="$OUT/bin/cc" AR="$OUT/bin/ar" RANLIB="$OUT/bin/ranlib"
echo "zig $("$ZIG" version) -> $TARGET" >&2

# Sources through a private apt state: the machine's own Debian entries (those signed by the
# Debian archive key) turned into deb-src entries; nothing system-wide is changed, and no mirror
# is written into this script: whatever mirror the machine is set up with serves the sources.
APT=$OUT/apt
mkdir -p "$APT/parts" "$APT/lists/partial" "$APT/cache/archives/partial" "$OUT/src"
: >"$APT/parts/src.sources"
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  # deb822 stanzas are separated by blank lines; keep Debian's, as deb-src.
  awk 'BEGIN { RS = ""; ORS = "\n\n" } /debian-archive-keyring/ {
         gsub(/(^|\n)Types:[^\n]*/, "\nTypes: deb-src"); sub(/^\n/, ""); print }' "$f" >>"$APT/parts/src.sources"
done
if [ -f /etc/apt/sources.list ]; then
  grep -E '^deb[[:space:]].*debian' /etc/apt/sources.list | sed 's/^deb[[:space:]]/deb-src /' >"$APT/parts/src.list" || true
fi
[ -s "$APT/parts/src.sources" ] || [ -s "$APT/parts/src.list" ] \
  || { echo "没有找到 Debian 软件源（/etc/apt/sources.list[.d]），无法取得源码包" >&2; exit 1; }
APTO=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$APT/parts"
      -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o APT::Sandbox::User=root)
apt-get "${APTO[@]}" -qq update

# fetch PKG: the newest version of PKG's source that the mirrors serve, unpacked without
# Debian's patches into $OUT/src/PKG; prints the version.
fetch() {
  local pkg=$1 v
  for v in $(apt-cache "${APTO[@]}" showsrc "$pkg" | sed -n 's/^Version: //p' | sort -rV); do
    rm -rf "$OUT/src/$pkg"
    if (cd "$OUT/src" && apt-get "${APTO[@]}" -qq source --download-only "$pkg=$v" >/dev/null 2>&1); then
      dpkg-source --skip-patches -x "$OUT/src/${pkg}_${v#*:}.dsc" "$OUT/src/$pkg" >/dev/null 2>&1
      echo "$v"
      return 0
    fi
  done
  echo "无法下载 $pkg 的源码包" >&2
  return 1
}

DEPS=$OUT/deps
mkdir -p "$DEPS"
J=$(nproc)

# step NAME CMD...: runs CMD niced, its output in $OUT/NAME.log, shown only when it fails.
step() {
  local name=$1; shift
  nice -n 10 "$@" >"$OUT/$name.log" 2>&1 || { tail -40 "$OUT/$name.log" >&2; echo "失败：$name（$OUT/$name.log）" >&2; exit 1; }
}

if [ ! -f "$DEPS/lib/libz.a" ]; then
v=$(fetch zlib); echo "zlib $v" >&2
cd "$OUT/src/zlib"
CFLAGS="-O2 -fPIC" step zlib-configure ./configure --static --prefix="$DEPS"
step zlib-make make -j"$J" libz.a
step zlib-install make install
cd "$ROOT"
fi

if [ ! -f "$DEPS/lib/libffi.a" ]; then
v=$(fetch libffi); echo "libffi $v" >&2
cd "$OUT/src/libffi"
# libffi 3.4.4 calls open_temp_exec_file before declaring it (fixed in 3.4.5); clang 16+
# makes that an error unless told otherwise.
CFLAGS="-O2 -fPIC -Wno-error=implicit-function-declaration" step libffi-configure ./configure \
  --prefix="$DEPS" --libdir="$DEPS/lib" --disable-shared --enable-static --with-pic --disable-docs \
  --disable-multi-os-directory
step libffi-make make -j"$J"
step libffi-install make install
cd "$ROOT"
fi

v=$(fetch python3.11); echo "python3.11 $v (Debian 源码包，编译约 10 分钟)" >&2
SRC=$OUT/src/python3.11
# Upstream fixes only: CVE patches and 3.11 backports, plus three crash fixes; Debian's
# layout patches would move site-packages and disable ensurepip.
(cd "$SRC" && grep -E '^(CVE-|[0-9]{4}-3\.11-|shutdown-deadlock|frame_dealloc-crash|relfile-nullptr)' \
  debian/patches/series | while read -r p; do patch -p1 -s --forward <"debian/patches/$p"; done)
# Upstream 3.11 fixes made after Debian's 3.11.2 that the program's speed depends on
# (build/python-patches: each names its upstream issue).
for p in "$ROOT"/build/python-patches/*.patch; do patch -d "$SRC" -p1 -s --forward <"$p"; done
# Debian's CVE-2026-4224 fix has pyexpat.c use a core header; Debian links pyexpat into the
# interpreter, we build it as a shared module, which must say so (as upstream 3.12+ does).
if grep -q '^#include "pycore_ceval.h"' "$SRC/Modules/pyexpat.c" && ! grep -q Py_BUILD_CORE_MODULE "$SRC/Modules/pyexpat.c"; then
  sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif' "$SRC/Modules/pyexpat.c"
fi

rm -rf "$PREFIX" "$OUT/py-build"
mkdir -p "$OUT/py-build"
cd "$OUT/py-build"
# pkg-config sees only our static deps: nothing of the build machine's newer libraries leaks in.
export PKG_CONFIG_PATH="$DEPS/lib/pkgconfig" PKG_CONFIG_LIBDIR="$DEPS/lib/pkgconfig"
step python-configure "$SRC/configure" --prefix="$PREFIX" --enable-shared --with-ensurepip=install \
  --without-doc-strings --disable-test-modules \
  CPPFLAGS="-I$DEPS/include" LDFLAGS="-L$DEPS/lib" \
  py_cv_module__tkinter=n/a py_cv_module__curses=n/a py_cv_module__curses_panel=n/a \
  py_cv_module_readline=n/a py_cv_module__sqlite3=n/a py_cv_module__ssl=n/a \
  py_cv_module__hashlib=n/a py_cv_module__dbm=n/a py_cv_module__gdbm=n/a py_cv_module_nis=n/a
export PATH="$OUT/bin:$PATH"  # the dpkg-architecture stand-in
# PY3LIBRARY empty: no libpython3.so (the stable-ABI forwarder, which nothing here links to).
# zig cannot link a library from other libraries alone, with no object file of its own.
step python-make make -j"$J" PY3LIBRARY=
LD_LIBRARY_PATH="$PREFIX/lib" step python-install make install PY3LIBRARY=
# The modules the bundle needs must be there (a missed dependency only warns in make).
LD_LIBRARY_PATH="$PREFIX/lib" "$PREFIX/bin/python3" -c 'import zlib, ctypes, _ctypes, pyexpat, _decimal, _json, _struct, binascii, select, mmap' \
  || { echo "构建的 Python 缺少必要模块" >&2; exit 1; }
touch "$STAMP"
echo "$PREFIX/bin/python3"

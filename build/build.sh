#!/usr/bin/env bash
# Builds the Linux one-folder program into build/out/dist/nianbao, checks its glibc floor and
# smoke-tests it:
#
#   bash scripts/setup.sh && bash build/build.sh
#
# The program carries its own Python 3.11, built against glibc 2.28 by build/python.sh (zig's
# C compiler, Debian's sources), with the pinned packages installed from manylinux_2_28-or-older
# wheels; PyInstaller's bootloader is compiled the same way from its sdist. The result
# runs on 统信UOS 20 / 麒麟 V10 (glibc 2.28) and newer: build/glibc_floor.py fails the build
# otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/build/out

PY=$(bash build/python.sh | tail -1)
PREFIX=$(cd "$(dirname "$PY")/.." && pwd)
# Its libpython is found through LD_LIBRARY_PATH, given to it alone: the build machine's own
# Python (.venv) must keep its libpython.
py() { LD_LIBRARY_PATH="$PREFIX/lib" PIP_CONFIG_FILE=/dev/null "$PY" "$@"; }
# The built Python has no ssl (the program never goes online): the build machine's pip fetches
# the wheels, the built one installs them offline. PIP_CONFIG_FILE: no machine-wide index or
# constraints leak into what ships.
WHEELS=$OUT/wheels
REQS=$OUT/requirements.txt
.venv/bin/python - >"$REQS" <<'PYEOF'
import tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
print("\n".join(p["dependencies"] + [d for d in p["optional-dependencies"]["build"] if d.startswith("pyinstaller")]))
PYEOF
mkdir -p "$WHEELS"
# Wheels for glibc 2.28 or older: pip takes --platform tags literally, so every manylinux tag
# up to 2_28 is named (and the legacy aliases of 2_5, 2_12, 2_17).
platforms=(--platform manylinux1_x86_64 --platform manylinux2010_x86_64 --platform manylinux2014_x86_64)
for minor in $(seq 5 28); do platforms+=(--platform "manylinux_2_${minor}_x86_64"); done
.venv/bin/python -m pip download -q --only-binary=:all: "${platforms[@]}" \
  --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none -d "$WHEELS" -r "$REQS"
py -m pip install -q --disable-pip-version-check --no-index \
  --find-links "$WHEELS" -r "$REQS"

# PyInstaller's bootloader (the nianbao and nianbao-cli executables), compiled here from the
# pinned version's sdist with zig against glibc 2.28, zlib built in, in place of the wheel's
# prebuilt one. Compiler probes read stdin ("-"), where zig's clang rejects a glibc version.
PI_VERSION=$(sed -n 's/^pyinstaller==//p' "$REQS")
.venv/bin/python -m pip download -q --no-binary :all: --no-deps "pyinstaller==$PI_VERSION" -d "$OUT/sdist"
BOOT=$OUT/bootloader
rm -rf "$BOOT" && mkdir -p "$BOOT"
tar -xzf "$OUT/sdist/pyinstaller-$PI_VERSION.tar.gz" -C "$BOOT" --strip-components=1
# zig comes with the build extra; build/python.sh installs it, but skips everything when its
# Python is already built.
.venv/bin/python -c 'import ziglang' 2>/dev/null || .venv/bin/python -m pip install -q -e ".[build]"
ZIG="$(.venv/bin/python -c 'import os, ziglang; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))')"
cat >"$BOOT/cc" <<WRAPPER
#!/bin/sh
target=x86_64-linux-gnu.2.28
for a in "\$@"; do [ "\$a" = "-" ] && target=x86_64-linux-gnu; done
exec "$ZIG" cc -target \$target -fno-sanitize=undefined "\$@"
WRAPPER
chmod +x "$BOOT/cc"
(cd "$BOOT/bootloader" && CC="$BOOT/cc" PYI_STATIC_ZLIB=1 ZIG_GLOBAL_CACHE_DIR="$OUT/pybuild/zig-cache" \
  ZIG_LOCAL_CACHE_DIR="$OUT/pybuild/zig-cache" nice -n 10 "$ROOT/.venv/bin/python" ./waf all >"$BOOT/waf.log" 2>&1) \
  || { tail -30 "$BOOT/waf.log" >&2; echo "失败：PyInstaller 启动程序（$BOOT/waf.log）" >&2; exit 1; }
PI_DIR=$(py -c 'import os, PyInstaller; print(os.path.dirname(PyInstaller.__file__))')
cp "$BOOT/PyInstaller/bootloader/Linux-64bit-intel/run" "$BOOT/PyInstaller/bootloader/Linux-64bit-intel/run_d" \
  "$PI_DIR/bootloader/Linux-64bit-intel/"

# Qt's ICU data cut to the Chinese and English locales (build/icu_subset.py): the spec ships it
# in place of the wheel's 31 MB library.
ICU_LIB=$(py -c 'import os, PySide6; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt", "lib", "libicudata.so.73"))')
export NIANBAO_ICUDATA
NIANBAO_ICUDATA=$(.venv/bin/python build/icu_subset.py "$ICU_LIB" "$OUT/icu" "$ZIG" cc -target x86_64-linux-gnu.2.28)

rm -rf "$OUT/dist/nianbao"
nice -n 10 env LD_LIBRARY_PATH="$PREFIX/lib" "$PY" -m PyInstaller --noconfirm --clean --log-level WARN --workpath "$OUT/work" \
  --distpath "$OUT/dist" build/nianbao.spec
# One executable serves the editor and the command line on Linux (see the spec).
ln -s nianbao "$OUT/dist/nianbao/nianbao-cli"
# Only what build/bundle_plan.py's KEEP list names, within the size budget.
.venv/bin/python build/bundle_plan.py "$OUT/dist/nianbao"
.venv/bin/python build/glibc_floor.py --quiet "$OUT/dist/nianbao"
bash build/smoke.sh "$OUT/dist/nianbao"

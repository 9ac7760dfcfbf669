#!/usr/bin/env bash
# Builds the Linux one-folder program into build/out/dist/nianbao, checks its glibc floor and
# smoke-tests it:
#
#   bash scripts/setup.sh && bash build/build.sh
#
# The program carries its own Python 3.11, built against glibc 2.28 by build/python.sh (zig's
# C compiler, Debian's sources), with the pinned packages installed from manylinux_2_28-or-older
# wheels; PyInstaller's bootloader comes from its manylinux2014 wheel (glibc 2.17). The result
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

rm -rf "$OUT/dist/nianbao"
nice -n 10 env LD_LIBRARY_PATH="$PREFIX/lib" "$PY" -m PyInstaller --noconfirm --clean --log-level WARN --workpath "$OUT/work" \
  --distpath "$OUT/dist" build/nianbao.spec
.venv/bin/python build/glibc_floor.py --quiet "$OUT/dist/nianbao"
bash build/smoke.sh "$OUT/dist/nianbao"

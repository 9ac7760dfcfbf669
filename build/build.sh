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
export LD_LIBRARY_PATH="$PREFIX/lib"
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
.venv/bin/python -m pip download -q --only-binary=:all: --platform manylinux_2_28_x86_64 \
  --python-version 3.11 --implementation cp --abi cp311 -d "$WHEELS" -r "$REQS"
PIP_CONFIG_FILE=/dev/null "$PY" -m pip install -q --disable-pip-version-check --no-index \
  --find-links "$WHEELS" -r "$REQS"

rm -rf "$OUT/dist/nianbao"
nice -n 10 "$PY" -m PyInstaller --noconfirm --clean --log-level WARN --workpath "$OUT/work" \
  --distpath "$OUT/dist" build/nianbao.spec
unset LD_LIBRARY_PATH
.venv/bin/python build/glibc_floor.py --quiet "$OUT/dist/nianbao"
bash build/smoke.sh "$OUT/dist/nianbao"

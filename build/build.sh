#!/usr/bin/env bash
# Builds the one-folder program into build/out/dist/nianbao and smoke-tests it.
# Run from anywhere after scripts/setup.sh; needs the `build` extra (pyinstaller).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q -e ".[build]"
.venv/bin/pyinstaller --noconfirm --clean --workpath build/out/work --distpath build/out/dist build/nianbao.spec
bash build/smoke.sh build/out/dist/nianbao

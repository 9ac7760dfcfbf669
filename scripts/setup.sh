#!/usr/bin/env bash
# Sets up everything the editor and its tests need on Debian/Ubuntu/统信UOS/麒麟 (apt) with
# Python 3.11+: Qt's runtime libraries, CJK fonts, LibreOffice (.docx→PDF checks; Calc re-saves our
# .xlsx in its round-trip test), poppler (PDF text checks), the tools build/ needs to build the
# program and its .deb, then .venv with the pinned packages.
# Safe to run again: apt and pip only add what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1
  fonts-noto-cjk fonts-wqy-microhei
  libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils xvfb xauth
  # xprop: a test reads the title bar as the window manager does
  x11-utils
  # build/: the program's own Python from Debian sources (dpkg-dev: apt-get source, make, patch),
  # PyInstaller (binutils), the .deb and its desktop entry check.
  dpkg-dev binutils make patch desktop-file-utils
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "安装系统依赖：${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"

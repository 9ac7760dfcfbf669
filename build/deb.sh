#!/usr/bin/env bash
# Packs the built Linux program (build/build.sh) as a .deb for 统信UOS / 麒麟 / Debian:
#
#   bash build/deb.sh        -> build/out/nianbao_<version>_amd64.deb
#
# /opt/nianbao holds the program; /usr/bin/nianbao (editor) and /usr/bin/nianbao-cli (command
# line) start it; a desktop entry (办公) with an icon offers it under “打开方式” for .docx, .doc,
# .wps and .pdf without making it the default (no mimeapps.list is touched, and the entry sets
# no default). Depends lists the system libraries the bundle uses (build/linux_system.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=$ROOT/build/out/dist/nianbao
[ -x "$DIST/nianbao" ] && [ -x "$DIST/nianbao-cli" ] || { echo "先运行 bash build/build.sh" >&2; exit 1; }
VERSION=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DEPENDS=$(.venv/bin/python build/linux_system.py)
STAGE=$ROOT/build/out/deb/nianbao
DEB=$ROOT/build/out/nianbao_${VERSION}_amd64.deb

rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/icons/hicolor/256x256/apps"
cp -a "$DIST" "$STAGE/opt/nianbao"
# Launchers, not symlinks: PyInstaller finds its files next to the real executable either way,
# but a script keeps `ps` and error messages naming the program.
for exe in nianbao nianbao-cli; do
  printf '#!/bin/sh\nexec /opt/nianbao/%s "$@"\n' "$exe" >"$STAGE/usr/bin/$exe"
  chmod 755 "$STAGE/usr/bin/$exe"
done
cp resources/icons/nianbao.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/nianbao.svg"
# A bitmap too, for menus that do not draw SVG: rendered from the same drawing by Qt.
QT_QPA_PLATFORM=offscreen .venv/bin/python - "$STAGE/usr/share/icons/hicolor/256x256/apps/nianbao.png" <<'PYEOF'
import sys
from PySide6.QtGui import QGuiApplication, QImage, QPainter, Qt
from PySide6.QtSvg import QSvgRenderer
app = QGuiApplication([])
renderer = QSvgRenderer("resources/icons/nianbao.svg")
assert renderer.isValid()
image = QImage(256, 256, QImage.Format.Format_ARGB32)
image.fill(Qt.GlobalColor.transparent)
painter = QPainter(image)
renderer.render(painter)
painter.end()
assert image.save(sys.argv[1])
PYEOF

cat >"$STAGE/usr/share/applications/nianbao.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Name=年报编辑器
Name[zh_CN]=年报编辑器
GenericName=Annual report editor
GenericName[zh_CN]=政府信息公开工作年度报告编辑器
Comment=Write and check annual government information disclosure reports
Comment[zh_CN]=编写、检查政府信息公开工作年度报告
Exec=/usr/bin/nianbao %f
Icon=nianbao
Terminal=false
Categories=Office;WordProcessor;
MimeType=application/vnd.openxmlformats-officedocument.wordprocessingml.document;application/msword;application/vnd.ms-works;application/wps-office.wps;application/wps-office.docx;application/pdf;
Keywords=年报;政府信息公开;report;
StartupWMClass=nianbao
EOF

cat >"$STAGE/DEBIAN/control" <<EOF
Package: nianbao
Version: $VERSION
Section: editors
Priority: optional
Architecture: amd64
Maintainer: 年报编辑器 <nianbao@localhost>
Installed-Size: $(du -sk "$STAGE" | cut -f1)
Depends: $DEPENDS
Recommends: fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei, libreoffice-writer-nogui | libreoffice-writer
Description: 年报编辑器 — 政府信息公开工作年度报告编辑器
 An offline editor for China's annual government information disclosure
 reports (政府信息公开工作年度报告): it knows the statutory format, checks a
 report's tables and text, and writes GB/T 9704 formatted .docx and PDF.
 Commands: nianbao (the editor), nianbao-cli (check / dump / export / new).
EOF
# No maintainer scripts: the menu and “打开方式” caches are refreshed by the triggers of
# desktop-file-utils and the icon cache packages, and a postrm would keep the package in
# dpkg's records after dpkg -r (until purge). Nothing is written outside the package's files.

mkdir -p "$(dirname "$DEB")"
nice -n 10 dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
rm -rf "$STAGE"
echo "$DEB ($(du -h "$DEB" | cut -f1))"

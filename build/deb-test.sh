#!/usr/bin/env bash
# Installs the .deb (build/deb.sh) with dpkg -i, runs the installed program on the sample
# report, removes it with dpkg -r and checks that nothing of it is left. Needs root (or sudo);
# refuses to touch a machine where nianbao is already installed.
#
#   bash build/deb-test.sh [build/out/nianbao_<version>_amd64.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DEB=${1:-$(ls -t build/out/nianbao_*_amd64.deb 2>/dev/null | head -1)}
[ -f "$DEB" ] || { echo "没有 .deb：先运行 bash build/deb.sh" >&2; exit 1; }
DEB=$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
fail() { echo "deb test: $*" >&2; exit 1; }
status() { dpkg-query -W -f='${Status}' nianbao 2>/dev/null || true; }

case "$(status)" in ""|*not-installed) ;; *) fail "nianbao 已安装在本机（$(status)），不做测试";; esac

# The package as a file: its name, fields, desktop entry.
[[ "$(basename "$DEB")" =~ ^nianbao_[0-9][^_]*_amd64\.deb$ ]] || fail "文件名不是 nianbao_<版本>_amd64.deb"
[ "$(dpkg-deb -f "$DEB" Architecture)" = amd64 ] || fail "Architecture"
[[ "$(dpkg-deb -f "$DEB" Depends)" == *"libc6 (>= 2.28)"* ]] || fail "Depends 缺少 libc6 (>= 2.28)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$DEB" "$work/x"
desktop=$work/x/usr/share/applications/nianbao.desktop
grep -qx 'Name\[zh_CN\]=年报编辑器' "$desktop" || fail "desktop: Name[zh_CN]"
grep -q '^Categories=.*Office;' "$desktop" || fail "desktop: Categories 不含 Office（办公）"
for mime in application/vnd.openxmlformats-officedocument.wordprocessingml.document \
            application/wps-office.wps application/pdf; do
  grep -q "^MimeType=.*$mime;" "$desktop" || fail "desktop: MimeType 缺少 $mime"
done
[ -f "$work/x/usr/share/icons/hicolor/scalable/apps/nianbao.svg" ] || fail "no icon"
if command -v desktop-file-validate >/dev/null 2>&1; then desktop-file-validate "$desktop"; fi
# The files the package owns (not the shared directories such as /usr/bin).
(cd "$work/x" && find . -type f -o -type l) | sed 's|^\.||' >"$work/files"

# The desktop libraries it depends on, as an office PC has them: first alternative of each.
missing=()
for dep in $(dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/ //g'); do
  [ "$(dpkg-query -W -f='${Status}' "$dep" 2>/dev/null)" = "install ok installed" ] || missing+=("$dep")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "安装依赖：${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
$SUDO dpkg -i "$DEB" >/dev/null || fail "dpkg -i 失败"
[ "$(status)" = "install ok installed" ] || fail "not installed: $(status)"
trap '$SUDO dpkg -r nianbao >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
[ "$(command -v nianbao-cli)" = /usr/bin/nianbao-cli ] || fail "nianbao-cli 不在 PATH 上"
[ "$(command -v nianbao)" = /usr/bin/nianbao ] || fail "nianbao 不在 PATH 上"
# No default taken: the package writes no mimeapps.list / defaults.list.
grep -q 'mimeapps.list\|defaults.list' "$work/files" && fail "the package sets a default application"

# Run from elsewhere, as a user would, on the sample report.
cd "$work"
set +e
nianbao-cli check "$ROOT/tests/data/xiaogang-2021.docx" >check.txt; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "nianbao-cli check: expected exit 1 (the sample has errors), got $rc"
grep -q DUP-PARAGRAPH check.txt || fail "nianbao-cli check: no DUP-PARAGRAPH"
nianbao-cli export "$ROOT/tests/data/xiaogang-2021.docx" --to out.docx
[ -s out.docx ] || fail "export"
QT_QPA_PLATFORM=offscreen nianbao "$ROOT/tests/data/xiaogang-2021.docx" --screenshot shot.png
[ -s shot.png ] || fail "editor screenshot"
cd "$ROOT"

$SUDO dpkg -r nianbao >/dev/null || fail "dpkg -r 失败"
trap 'rm -rf "$work"' EXIT
case "$(status)" in ""|*not-installed) ;; *) fail "after dpkg -r: $(status)";; esac
left=0
while read -r f; do
  if [ -e "$f" ] || [ -L "$f" ]; then echo "left behind: $f" >&2; left=1; fi
done <"$work/files"
[ ! -e /opt/nianbao ] || { echo "left behind: /opt/nianbao/$(ls -A /opt/nianbao | head -3)" >&2; left=1; }
[ "$left" -eq 0 ] || fail "dpkg -r left files behind"
echo "deb test passed: installed, ran check/export/editor, removed cleanly ($(basename "$DEB"))"

#!/usr/bin/env bash
# Smoke test of a frozen build: the command line reads, checks and writes the sample report,
# .docx, .xlsx and .pdf, and the editor opens it and takes a screenshot (headless).
set -euo pipefail
dist=${1:?usage: smoke.sh DIST_FOLDER}
root="$(cd "$(dirname "$0")/.." && pwd)"
sample="$root/tests/data/xiaogang-2021.docx"
out="$(mktemp -d)"
cli="$dist/nianbao-cli"
[ -x "$cli" ] || cli="$dist/nianbao-cli.exe"

set +e
"$cli" check "$sample" >"$out/check.txt"; rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "check: expected exit 1 (the sample has errors), got $rc"; exit 1; }
grep -q "DUP-PARAGRAPH" "$out/check.txt"
# A folder in parallel: the workers are this same executable (freeze_support in build/entry.py).
mkdir -p "$out/folder/sub"
cp "$sample" "$out/folder/a.docx"; cp "$sample" "$out/folder/sub/b.docx"; cp "$sample" "$out/folder/c.docx"
set +e
timeout 120 "$cli" check "$out/folder" --jobs 2 >"$out/batch.txt" 2>&1; rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "check DIR --jobs 2: expected exit 1, got $rc"; cat "$out/batch.txt"; exit 1; }
[ "$(grep -c "DUP-PARAGRAPH" "$out/batch.txt")" -ge 3 ] || { echo "check DIR --jobs 2: not every report checked"; cat "$out/batch.txt"; exit 1; }
"$cli" dump "$sample" >"$out/dump.json"
grep -q '"year": 2021' "$out/dump.json"
if [ "$(uname -s)" = Linux ]; then
  # check and dump never load Qt (build/rth_qt.py in place of PyInstaller's start-up hook):
  # the dynamic loader lists every library it opens; export --to .pdf is the control that does.
  for cmd in check dump; do
    LD_DEBUG=files "$cli" "$cmd" "$sample" >/dev/null 2>"$out/ld-$cmd.txt" || true
    grep -q "libpython3" "$out/ld-$cmd.txt" || { echo "LD_DEBUG listed nothing for $cmd"; exit 1; }
    if grep -q "libQt6Core" "$out/ld-$cmd.txt"; then echo "$cmd loaded Qt"; exit 1; fi
    # Nor ctypes: PyInstaller's bootstrap wrapped it at every start (build/rth_deferred.py).
    if grep -q "_ctypes" "$out/ld-$cmd.txt"; then echo "$cmd loaded ctypes"; exit 1; fi
  done
  QT_QPA_PLATFORM=offscreen LD_DEBUG=files "$cli" export "$sample" --to "$out/control.pdf" >/dev/null 2>"$out/ld-pdf.txt"
  grep -q "libQt6Core" "$out/ld-pdf.txt" || { echo "LD_DEBUG: export .pdf did not list Qt either"; exit 1; }
fi
"$cli" export "$sample" --to "$out/out.docx"
"$cli" export "$sample" --to "$out/out.xlsx"
"$cli" dump "$out/out.xlsx" >"$out/xlsx.json" || { echo "dump .xlsx failed"; exit 1; }
grep -q '"year": 2021' "$out/xlsx.json" || { echo "dump .xlsx: not the sample report"; exit 1; }
# The published page's text copy and a saved page (lxml.html, GB18030/Big5 codecs in the bundle:
# once left out, the frozen program read no web copy at all).
"$cli" dump "$root/tests/data/xiaogang-2021.txt" >"$out/txt.json" || { echo "dump .txt failed"; exit 1; }
grep -q '"year": 2021' "$out/txt.json" || { echo "dump .txt: not the sample report"; exit 1; }
"$cli" dump "$root/tests/data/web-page-2023.html" >"$out/html.json" 2>"$out/html.err" || { echo "dump .html failed"; cat "$out/html.err"; exit 1; }
grep -q '"year": 2023' "$out/html.json" || { echo "dump .html: not the sample report"; exit 1; }
QT_QPA_PLATFORM=offscreen "$cli" export "$sample" --to "$out/out.pdf"
[ "$(head -c 5 "$out/out.pdf")" = "%PDF-" ] || { echo "export .pdf: not a PDF"; exit 1; }
if command -v pdftotext >/dev/null 2>&1; then
  # The bundle's Qt found Chinese fonts and wrote searchable text.
  # (to a file: grep -q closing the pipe early would fail the pipeline under pipefail)
  pdftotext "$out/out.pdf" "$out/out.txt"
  grep -q "政府信息公开" "$out/out.txt" || { echo "export .pdf: no Chinese text"; exit 1; }
fi
# The frozen PDF reader (pdfminer without Pillow/pypdfium2, build/bundle_plan.py): our own PDF
# reads back as the report.
"$cli" dump "$out/out.pdf" >"$out/pdf.json" || { echo "dump .pdf failed"; exit 1; }
grep -q '"year": 2021' "$out/pdf.json" || { echo "dump .pdf: not the sample report"; exit 1; }
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -n "$soffice" ]; then
  # An encrypted PDF: with an opening password it is refused with the one-line message; with
  # permission (owner) passwords only it is decrypted and read.
  lo() { "$soffice" "-env:UserInstallation=file://$out/lo-profile" --headless --convert-to "pdf:writer_pdf_Export:$1" \
           --outdir "$out/$2" "$sample" >/dev/null 2>&1; }
  lo '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}' locked
  lo '{"RestrictPermissions":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"x"}}' owner
  set +e
  "$cli" check "$out/locked/xiaogang-2021.pdf" >/dev/null 2>"$out/locked.txt"; rc=$?
  set -e
  [ "$rc" -eq 2 ] && grep -q "密码" "$out/locked.txt" || { echo "encrypted .pdf: expected exit 2 and 密码, got $rc"; cat "$out/locked.txt"; exit 1; }
  "$cli" dump "$out/owner/xiaogang-2021.pdf" >"$out/owner.json" || { echo "permission-password .pdf: not read"; exit 1; }
  grep -q '"year": 2021' "$out/owner.json" || { echo "permission-password .pdf: not the sample report"; exit 1; }
fi
QT_QPA_PLATFORM=offscreen "$cli" "$sample" --screenshot "$out/shot.png"
[ -s "$out/shot.png" ]
echo "smoke test passed: $(du -sh "$dist" | cut -f1) in $dist"

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
"$cli" export "$sample" --to "$out/out.docx"
"$cli" export "$sample" --to "$out/out.xlsx"
QT_QPA_PLATFORM=offscreen "$cli" export "$sample" --to "$out/out.pdf"
[ "$(head -c 5 "$out/out.pdf")" = "%PDF-" ] || { echo "export .pdf: not a PDF"; exit 1; }
if command -v pdftotext >/dev/null 2>&1; then
  # The bundle's Qt found Chinese fonts and wrote searchable text.
  # (to a file: grep -q closing the pipe early would fail the pipeline under pipefail)
  pdftotext "$out/out.pdf" "$out/out.txt"
  grep -q "政府信息公开" "$out/out.txt" || { echo "export .pdf: no Chinese text"; exit 1; }
fi
QT_QPA_PLATFORM=offscreen "$cli" "$sample" --screenshot "$out/shot.png"
[ -s "$out/shot.png" ]
echo "smoke test passed: $(du -sh "$dist" | cut -f1) in $dist"

# Builds and smoke-tests the Windows program. Run in PowerShell on Windows 10/11 with
# Python 3.11 (python.org installer) from the repository root:
#   powershell -ExecutionPolicy Bypass -File build\build-windows.ps1
# Result: build\out\dist\nianbao\ (nianbao.exe = editor, windowed, no console window;
# nianbao-cli.exe = command line, a console program; Qt's Windows platform and style plugins,
# printing through Qt6PrintSupport, Chinese Qt translations; fonts fall back to SimSun, SimHei,
# FangSong, KaiTi and Microsoft YaHei, which every Chinese Windows 10/11 has). Zip that folder
# for the offline office PCs (no installer, no admin rights needed). What the folder will hold
# can be checked on any machine: python build/windows_dryrun.py
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install -q --upgrade pip
.venv\Scripts\python -m pip install -q -e ".[dev,build]"
.venv\Scripts\python -m pytest -q
.venv\Scripts\pyinstaller --noconfirm --clean --workpath build\out\work --distpath build\out\dist build\nianbao.spec

$dist = "build\out\dist\nianbao"
# The exe subsystems (windowed editor, console CLI) and the Windows Qt plugins, in the real folder.
.venv\Scripts\python build\windows_dryrun.py --check-dist $dist
if ($LASTEXITCODE -ne 0) { throw "bundle check failed" }
$sample = "tests\data\xiaogang-2021.docx"
& "$dist\nianbao-cli.exe" check $sample | Out-File build\out\check.txt
if ($LASTEXITCODE -ne 1) { throw "check: expected exit 1, got $LASTEXITCODE" }
& "$dist\nianbao-cli.exe" export $sample --to build\out\smoke.docx
if ($LASTEXITCODE -ne 0) { throw "export failed" }
& "$dist\nianbao-cli.exe" $sample --screenshot build\out\smoke.png
if (-not (Test-Path build\out\smoke.png)) { throw "no screenshot" }
# The frozen PDF reader (pdfminer without Pillow/pypdfium2: build/bundle_plan.py) reads our PDF back.
& "$dist\nianbao-cli.exe" export $sample --to build\out\smoke.pdf
if ($LASTEXITCODE -ne 0) { throw "export .pdf failed" }
$json = & "$dist\nianbao-cli.exe" dump build\out\smoke.pdf | Out-String
if ($LASTEXITCODE -ne 0 -or $json -notmatch '"year": 2021') { throw "dump .pdf: the report was not read back" }
Compress-Archive -Force -Path $dist -DestinationPath build\out\nianbao-windows.zip
Write-Host "built and smoke-tested: build\out\nianbao-windows.zip"

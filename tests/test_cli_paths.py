"""Each path the command line writes, of the wrong kind, is one right line before any work
(app/cli_paths.py, rev23 L7): a folder where a file is wanted, an extension that is not what the
command writes, a file's name where a folder should be.  Nothing is written, nothing is read
first (``check --xlsx`` ran the whole batch before its folder was refused)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import cli
from app.cli import main
from app.docx.writer import write_docx
from tests.helpers import run_app
from tests.test_dismissals import clean_report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "2023.docx"
    write_docx(clean_report(), path)
    return path


# (the command's words with {r} the report and {o} the output, the output, words the line says)
CASES = [
    ("new --from {r} --to {o}", "下年.pdf", "本年度报告写为 .docx 文件，所给文件名的扩展名是“.pdf”"),
    ("new --from {r} --to {o}", "下年.xlsx", "（如 {t}/下年.docx）"),
    ("new --from {r} --to {o}", "下年.docm", "扩展名是“.docm”"),
    ("new --from {r} --to {o}", "下年", "所给文件名没有扩展名"),
    ("new --from {r} --to {o}", "文件夹", "是一个文件夹，不是文件；请给出本年度报告的文件名（如 {t}/文件夹/报告.docx）"),
    ("new --from {r} --to {o}", "2023.docx/下年.docx", "文件夹不存在（{t}/2023.docx 是一个文件，不是文件夹）"),
    ("check {r} --xlsx {o}", "文件夹", "请给出汇总表的文件名（如 {t}/文件夹/汇总表.xlsx）"),
    ("check {r} --xlsx {o}", "汇总.docx", "汇总表写为 .xlsx 文件，所给文件名的扩展名是“.docx”"),
    ("check {r} --xlsx {o}", "汇总.csv", "（如 {t}/汇总.xlsx）"),
    ("check {r} --xlsx {o}", "2023.docx/汇总.xlsx", "（{t}/2023.docx 是一个文件，不是文件夹）"),
    ("export {r} --to {o}", "文件夹", "请给出导出文件的文件名"),
    ("export {r} --to {o}", "发布.txt", "导出文件写为 .docx、.pdf 或 .xlsx 文件，所给文件名的扩展名是“.txt”"),
    ("export {r} --to {o}", "2023.docx/发布.pdf", "（{t}/2023.docx 是一个文件，不是文件夹）"),
    ("export {r} --to {o}", "不存在/发布.docx", "：文件夹不存在"),
]


@pytest.mark.parametrize(("words", "output", "said"), CASES)
def test_an_output_of_the_wrong_kind_is_one_right_line_and_nothing_is_done(
        tmp_path: Path, report: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        words: str, output: str, said: str) -> None:
    (tmp_path / "文件夹").mkdir()
    out = tmp_path / output
    read: list[Path] = []
    monkeypatch.setattr(cli, "load_report", lambda p: read.append(p))  # nothing read before the refusal
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code = main(words.format(r=report, o=out).split())
    got, err = capsys.readouterr()
    assert code == 2 and got == "" and read == [], (code, got, err, read)
    assert err.count("\n") == 1 and err.startswith(f"错误：{out}：") and said.format(t=tmp_path) in err, err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before, "nothing written"


def test_the_right_kinds_still_write(tmp_path: Path, report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The extension compared without case (Windows' “下年.DOCX”), and the usual names written."""
    assert main(["new", "--from", str(report), "--to", str(tmp_path / "下年.DOCX")]) == 0
    assert main(["export", str(report), "--to", str(tmp_path / "表.XLSX")]) == 0
    assert main(["check", str(report), "--xlsx", str(tmp_path / "汇总.xlsx")]) in (0, 1)
    assert all((tmp_path / n).stat().st_size > 0 for n in ("下年.DOCX", "表.XLSX", "汇总.xlsx"))
    assert "错误" not in capsys.readouterr().err


@pytest.mark.parametrize(("output", "said"), [
    ("文件夹", "是一个文件夹，不是文件；请给出截图的文件名"),
    ("shot.jpg", "截图写为 .png 文件，所给文件名的扩展名是“.jpg”"),
    ("不存在/shot.png", "：文件夹不存在"),
])
def test_a_screenshot_of_the_wrong_kind_is_said_before_the_window(tmp_path: Path, output: str, said: str) -> None:
    """`python -m app --screenshot 文件夹` opened the window and then ended with 1, silently."""
    (tmp_path / "文件夹").mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "c"),
               XDG_DATA_HOME=str(tmp_path / "d"), XDG_CACHE_HOME=str(tmp_path / "k"))
    done = subprocess.run([sys.executable, "-m", "app", "--screenshot", str(tmp_path / output)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == "", done
    assert done.stderr.count("\n") == 1 and said in done.stderr, done.stderr


@pytest.mark.parametrize("words", ["new --from {r} --to {o}", "export {r} --to {o}"])
def test_an_output_open_in_an_editor_is_refused(tmp_path: Path, report: Path, capsys: pytest.CaptureFixture[str],
                                                words: str) -> None:
    """As the editor's 另存为/导出 refuse it: the window holding the file would later save over what
    the command wrote (rev25b S12: written over silently, exit 0)."""
    from app import lock

    out = tmp_path / "本年.docx"
    write_docx(clean_report(), out)
    before = out.read_bytes()
    held = lock.acquire(out)  # an editor has it open
    assert held is not None
    try:
        code = main(words.format(r=report, o=out).split())
    finally:
        held.release()
    got, err = capsys.readouterr()
    assert code == 2 and got == "" and err.count("\n") == 1, (code, got, err)
    assert err.startswith(f"错误：{out}：文件正在编辑器中打开（") and "未写入" in err, err
    assert out.read_bytes() == before


# (the command, the output, its owner file beside it, what that holds, the program the line names)
OTHER_PROGRAMS = [
    ("new --from {r} --to {o}", "本年.docx", "~$本年.docx", None, "Word 或 WPS"),
    ("export {r} --to {o}", "发布.docx", ".~发布.docx", b"\0" * 40, "WPS"),
    ("export {r} --to {o}", "发布.pdf", ".~lock.发布.pdf#", "张三,PC-01,zs,03.12.2026 09:00,file:///x;".encode(), "LibreOffice"),
    ("export {r} --to {o}", "发布.xlsx", "~$发布.xlsx", None, "Excel 或 WPS"),
    ("check {r} --xlsx {o}", "汇总.xlsx", ".~lock.汇总.xlsx#", "张三,PC-01,zs,03.12.2026 09:00,file:///x;".encode(),
     "LibreOffice"),
]


@pytest.mark.parametrize(("words", "output", "owner", "data", "program"), OTHER_PROGRAMS)
def test_an_output_open_in_another_program_is_refused(tmp_path: Path, report: Path,
                                                      capsys: pytest.CaptureFixture[str], words: str, output: str,
                                                      owner: str, data: bytes | None, program: str) -> None:
    """Word, WPS or LibreOffice has the output open (its owner file beside it): written over, its
    next save would write back its older copy (rev25b S4: the window asks, the command line wrote
    unasked, exit 0).  One line, exit 2, the file as it was; gone the owner file, it writes."""
    from tests.test_office_owner import word_owner

    out = tmp_path / output
    out.write_bytes(b"the other program's copy")
    (tmp_path / owner).write_bytes(word_owner("张三") if data is None else data)
    code = main(words.format(r=report, o=out).split())
    got, err = capsys.readouterr()
    assert code == 2 and got == "" and err.count("\n") == 1, (code, got, err)
    assert err.startswith(f"错误：{out}：文件似乎正在 {program} 中打开（") and "未写入" in err, err
    assert f"标记文件“{owner}”" in err and ("张三" in err) == (program != "WPS"), err
    assert out.read_bytes() == b"the other program's copy"
    (tmp_path / owner).unlink()
    if out.suffix == ".pdf":  # the PDF is laid out by Qt: in a process of its own, never a QGuiApplication in
        done = run_app(*words.format(r=report, o=out).split())  # pytest's, where every later widget test aborts
        assert done.returncode == 0, done.stderr
    else:
        assert main(words.format(r=report, o=out).split()) in (0, 1)  # 1: check found problems
    assert out.read_bytes() != b"the other program's copy"


def test_a_wildcard_as_windows_passes_it_checks_the_files_it_matches(
        tmp_path: Path, report: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """cmd and PowerShell hand `check *.docx` over as typed (no shell expands it): it said
    “*.docx：文件不存在” (hostile32).  It checks the files it matches; a one-file command takes a
    wildcard matching one, and says so of one matching several or none."""
    write_docx(clean_report(), tmp_path / "2024.docx")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--json", "*.docx"]) in (0, 1)
    got = capsys.readouterr().out
    assert "2023.docx" in got and "2024.docx" in got
    assert main(["dump", "2023*.docx"]) == 0 and '"organ"' in capsys.readouterr().out
    assert main(["dump", "20??.docx"]) == 2
    assert capsys.readouterr().err == "错误：20??.docx：与之相符的有2个（2023.docx、2024.docx…），这个命令只读一个文件；请给出其中一个的文件名\n"
    assert main(["check", "*.pdf"]) == 2
    assert capsys.readouterr().err == "错误：*.pdf：没有与之相符的文件或文件夹\n"


def test_a_file_literally_named_with_a_star_is_itself(tmp_path: Path, report: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    starred = tmp_path / "年报*.docx"
    starred.write_bytes(report.read_bytes())
    (tmp_path / "年报2.docx").write_bytes(report.read_bytes())
    assert main(["dump", str(starred)]) == 0 and '"organ"' in capsys.readouterr().out


@pytest.mark.parametrize("words", [["check", ""], ["check", " "], ["dump", ""], ["export", "", "--to", "x.pdf"],
                                   ["new", "--from", "", "--to", "x.docx"], ["check", "{r}", "--last", ""]])
def test_an_empty_name_is_refused_not_read_as_the_current_folder(
        tmp_path: Path, report: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        words: list[str]) -> None:
    """`check "$FILE"` with the name unset: Path("") is ".", and the whole current folder was checked."""
    monkeypatch.chdir(tmp_path)
    read: list[Path] = []
    monkeypatch.setattr(cli, "load_report", lambda p: read.append(p))
    with pytest.raises(SystemExit) as ended:
        main([w.format(r=report) for w in words])
    assert ended.value.code == 2 and read == []
    assert "文件名是空的" in capsys.readouterr().err


def test_a_file_uri_names_its_file(tmp_path: Path, report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What a file manager or a browser's download list copies: “file:///…/年报.docx”, its
    Chinese percent-encoded or not; it said “file:/…：文件不存在” (hostile32)."""
    named = tmp_path / "年 报.docx"
    named.write_bytes(report.read_bytes())
    for uri in (named.as_uri(), f"file://{named}", f"file://localhost{named.as_uri()[7:]}"):
        assert main(["dump", uri]) == 0, capsys.readouterr().err
        assert '"organ"' in capsys.readouterr().out
    assert main(["check", (tmp_path / "没有.docx").as_uri()]) == 2
    assert capsys.readouterr().err == f"错误：{tmp_path / '没有.docx'}：文件不存在\n"

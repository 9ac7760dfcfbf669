"""The copy for publication (`export --clean`, 文件 → 导出发布稿…): none of the editor's data — the
dismissals with their reasons and the login name of who dismissed, last year's report — and no
person in the document properties; the text and tables read back exactly as the saved report's."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from app import dismissals
from app.checks import run_all
from app.cli import main
from app.io import save_report
from app.lastyear import LastYear, attach, attached
from app.publish import errors_left
from app.reading import load_report
from app.report import Report
from tests.test_dismissals import STUTTER, clean_report
from tests.test_lastyear import last_year

LOGIN = "wangxm_login7"  # what getpass.getuser() says on the author's computer
REASON = "引用条例原文，不是重复（内部说明）"
PRIVATE_PART = re.compile(r"^(customXml/|word/(comments|commentsExtended|commentsIds|people)\.xml$)")
PRIVATE_MARK = (b"urn:nianbao-editor", b"<w:ins ", b"<w:del ", b"w:rsid")


def traces(path: Path) -> list[str]:
    """What in the package at ``path`` should not be published: our data part, comments,
    revisions, the login name and the dismissal's reason, in any part."""
    found: list[str] = []
    needles = [*PRIVATE_MARK, LOGIN.encode(), REASON.encode(), "内部说明".encode()]
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if PRIVATE_PART.match(name):
                found.append(name)
                continue
            data = z.read(name)
            found.extend(f"{name}: {n.decode()}" for n in needles if n in data)
    return found


def worked_on(monkeypatch: pytest.MonkeyPatch) -> Report:
    """A report as the editor saves it: a finding dismissed by the logged-in user with a
    reason, last year's report attached."""
    monkeypatch.setattr(dismissals.getpass, "getuser", lambda: LOGIN)
    r = clean_report()
    found = run_all(r)
    (stutter,) = [f for f in found if STUTTER[:6] in f.message or f.code == "DUP-PHRASE"]
    fp = dismissals.fingerprints(r, found)[found.index(stutter)]
    record = dismissals.dismissal(r, stutter, fp, REASON)
    assert record.by == LOGIN
    dismissals.set_records(r, dismissals.records_with(r, [record]))
    attach(r, LastYear.from_report(last_year(), "某局2023年报.docx"))
    return r


def _core(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("docProps/core.xml").decode()


def test_the_saved_report_carries_what_the_published_copy_must_not(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    saved = tmp_path / "报告.docx"
    save_report(worked_on(monkeypatch), saved)
    found = traces(saved)
    assert any(t.startswith("customXml/") for t in found), found
    with zipfile.ZipFile(saved) as z:
        data = b"".join(z.read(n) for n in z.namelist())
    assert LOGIN.encode() in data and REASON.encode() in data, "else the test below proves nothing"


@pytest.mark.parametrize("clean", [True, False])
def test_export_clean_leaves_out_the_editors_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str], clean: bool) -> None:
    saved = tmp_path / "报告.docx"
    save_report(worked_on(monkeypatch), saved)
    out = tmp_path / "发布稿.docx"
    # --clean: exit 1 where the report still has errors (tests/test_publish_errors.py)
    expected = 1 if clean and errors_left(load_report(saved)) else 0
    assert main(["export", str(saved), "--to", str(out), *(["--clean"] if clean else [])]) == expected
    assert f"已导出：{out}" in capsys.readouterr().out
    if not clean:  # a plain export is the report as saved, data and all
        assert traces(out)
        return
    assert traces(out) == []
    core = _core(out)
    organ = "某市某区某某街道办事处"
    assert f"<dc:creator>{organ}</dc:creator>" in core and f"<cp:lastModifiedBy>{organ}</cp:lastModifiedBy>" in core
    back, original = load_report(out), load_report(saved)
    assert back == original, "text, tables, organ, year and date read back as the saved report's"
    assert back.extras == {} and attached(back) is None and dismissals.stored(back) == {}
    assert dismissals.stored(original) and attached(original) is not None, "the source is left as it was"


def test_a_report_without_an_organ_names_nobody(tmp_path: Path) -> None:
    r = clean_report()
    r.organ = ""
    saved = tmp_path / "报告.docx"
    save_report(r, saved)
    out = tmp_path / "发布稿.docx"
    assert main(["export", str(saved), "--to", str(out), "--clean"]) == 0
    core = _core(out)
    assert "<dc:creator>" not in core or "<dc:creator></dc:creator>" in core
    assert "lastModifiedBy>" not in core.replace("<cp:lastModifiedBy></cp:lastModifiedBy>", "")


def test_a_published_real_report_reads_back_as_its_saved_copy(tmp_path: Path) -> None:
    """A real published report (another program's .docx): its clean copy and its plain export
    (the same writer) read back alike."""
    sample = Path(__file__).resolve().parents[1] / "resources" / "demo" / "xiaogang-2021.docx"
    out, saved = tmp_path / "发布稿.docx", tmp_path / "保存.docx"
    assert errors_left(load_report(sample)), "the sample has errors: published with a warning, exit 1"
    assert main(["export", str(sample), "--to", str(out), "--clean"]) == 1
    assert main(["export", str(sample), "--to", str(saved)]) == 0
    assert traces(out) == []
    back = load_report(out)
    assert back == load_report(saved) and back.tables == load_report(sample).tables


def test_clean_export_onto_its_source_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "报告.docx"
    save_report(clean_report(), saved)
    before = saved.read_bytes()
    assert main(["export", str(saved), "--to", str(saved), "--clean"]) == 2
    assert saved.read_bytes() == before and "源文件" in capsys.readouterr().err

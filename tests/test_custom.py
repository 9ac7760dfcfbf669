"""The editor's data inside the .docx (app/docx/custom.py): round trips, absent and broken parts,
other applications' parts, and LibreOffice keeping it on a re-save."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from app import office
from app.docx.custom import NAMESPACE, read_extras, write_extras
from app.docx.writer import write_docx
from app.io import save_report
from app.reading import load_report
from tests.test_docx_writer import make_report
from tests.thirdparty import Spec, build

EXTRAS = {
    "dismissed": [{"code": "BLANK-CELL", "reason": "本单位确无此项业务，填0无意义", "by": "张三", "at": "2025-01-10T09:30:00"}],
    "last_year": {"table3": [[1, 2, None]], "sentences": ["2023年共收到申请15件。"], "amount": "0.35"},
}


def _ours(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("customXml/item") and "Props" not in n
                and NAMESPACE.encode() in z.read(n)]


def test_extras_survive_our_round_trip(tmp_path: Path) -> None:
    report = make_report()
    report.extras = EXTRAS
    path = tmp_path / "r.docx"
    write_docx(report, path)
    assert len(_ours(path)) == 1
    back = load_report(path)
    assert back.extras == EXTRAS
    assert back.normalized() == report.normalized()
    write_docx(back, tmp_path / "again.docx")  # saved again: still one part, same data
    assert len(_ours(tmp_path / "again.docx")) == 1
    assert load_report(tmp_path / "again.docx").extras == EXTRAS


def test_no_extras_no_part(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    write_docx(make_report(), path)
    assert _ours(path) == [] and load_report(path).extras == {}


def test_a_file_from_other_software_has_none(tmp_path: Path) -> None:
    assert load_report(build(Spec(), tmp_path / "word.docx")).extras == {}


def test_written_into_someone_elses_file_and_replaced(tmp_path: Path) -> None:
    """Another application's custom XML part stays; ours is replaced, never doubled."""
    path = build(Spec(), tmp_path / "word.docx")
    doc = docx.Document(str(path))
    foreign = [r.target_part.blob for r in doc.part.rels.values() if r.reltype.endswith("/customXml")]
    write_extras(doc, {"a": 1})
    write_extras(doc, {"b": [2]})
    doc.save(str(path))
    doc = docx.Document(str(path))
    assert read_extras(doc) == {"b": [2]}
    assert [r.target_part.blob for r in doc.part.rels.values() if r.reltype.endswith("/customXml")
            if NAMESPACE.encode() not in r.target_part.blob] == foreign
    write_extras(doc, {})
    assert read_extras(doc) == {}


@pytest.mark.parametrize("edit", [
    lambda x: x.replace("</nb:editor>", "<nb:section"),  # not well formed
    lambda x: x.replace("nb:editor", "nb:other"),  # not our root
    lambda x: x.replace('<nb:section key="dismissed">', '<!DOCTYPE x [<!ENTITY e "e">]><nb:section key="dismissed">'),
])
def test_a_broken_part_is_ignored_and_the_report_still_reads(tmp_path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    report = make_report()
    report.extras = EXTRAS
    path = tmp_path / "r.docx"
    write_docx(report, path)
    (name,) = _ours(path)
    broken = _rewrite_member(path, tmp_path / "broken.docx", name, edit)
    back = load_report(broken)
    assert back.extras == {} and back.normalized() == report.normalized()


def test_one_broken_section_costs_only_itself(tmp_path: Path) -> None:
    report = make_report()
    report.extras = EXTRAS
    path = tmp_path / "r.docx"
    write_docx(report, path)
    (name,) = _ours(path)
    broken = _rewrite_member(path, tmp_path / "b.docx", name, lambda x: x.replace('<nb:section key="dismissed">[', '<nb:section key="dismissed">[[', 1))
    assert load_report(broken).extras == {"last_year": EXTRAS["last_year"]}


def test_a_section_nested_past_ours_is_left_out_and_the_report_saves(tmp_path: Path) -> None:
    """A forged section nested 900 deep: within the parser's limit where the file is read, but a
    save from further down the stack (the window's, in Qt's event handling) ran out of recursion
    in json.dumps: every save of the report failed.  Left out as a broken section
    (app.limits.state_json); the others kept, and the report saves from any depth."""
    report = make_report()
    report.extras = EXTRAS
    path = tmp_path / "r.docx"
    write_docx(report, path)
    (name,) = _ours(path)
    deep = "[" * 900 + "]" * 900
    forged = _rewrite_member(path, tmp_path / "deep.docx", name, lambda x: re.sub(
        '(<nb:section key="dismissed">)[^<]*', lambda m: m.group(1) + deep, x, count=1))
    back = load_report(forged)
    assert back.extras == {"last_year": EXTRAS["last_year"]}
    back.extras["dismissed"] = EXTRAS["dismissed"]

    def from_deep_down(frames: int) -> None:
        if frames:
            return from_deep_down(frames - 1)
        save_report(back, tmp_path / "saved.docx")

    from_deep_down(150)
    assert load_report(tmp_path / "saved.docx").extras == EXTRAS


def _rewrite_member(src: Path, dest: Path, member: str, edit) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == member:
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return dest


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
def test_libreoffice_keeps_the_part_on_a_resave(tmp_path: Path) -> None:
    report = make_report()
    report.extras = EXTRAS
    src = tmp_path / "r.docx"
    write_docx(report, src)
    out = tmp_path / "lo"
    out.mkdir()
    converted = office.convert(src, "docx", out)
    assert converted is not None
    assert load_report(converted).extras == EXTRAS


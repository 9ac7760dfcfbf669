"""Reading a .docx straight from its zip (app/docx/package.py): the same parts, hence the same
blocks and the same report, as python-docx's object layer finds; python-docx never imported
on the read path; damaged parts and hostile XML handled as before or better."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from app import ziplimits
from app.docx.assemble import read_blocks_report
from app.docx.blocks import Block, ParaBlock, read_blocks
from app.docx.custom import extras_of, read_extras
from app.docx.numbering import Numbering
from app.docx.package import PARSER, W
from app.docx.reader import open_docx
from app.docx.styles import style_names
from app.docx.writer import write_docx
from app.errors import ReadError
from app.reading import load_report
from app.report import Report
from app.schema import T2_ISSUED, T2_RULES, T3_COL_NATURAL, T3_NEW
from tests.conftest import DATA, SAMPLE
from tests.hostile import make, run_one
from tests.thirdparty import Spec, build

ROOT = Path(__file__).parent.parent

# -- python-docx's object layer as the oracle --------------------------------------------------


def _oracle(path: Path) -> tuple[list[Block], dict[str, str], dict[str, object]]:
    """Blocks, style names and extras as the reader found them through python-docx: its
    package finds and parses the parts; the rest of the reading is shared."""
    import docx

    ziplimits.check_package(path, "Word 文档")
    document = docx.Document(str(path))
    styles = document.styles.element
    part = next((rel.target_part for rel in document.part.rels.values()
                 if not rel.is_external and rel.reltype.endswith("/numbering")), None)
    numbering = None
    if part is not None:
        element = getattr(part, "element", None)
        numbering = Numbering(element if element is not None else etree.fromstring(part.blob, PARSER), styles)
    return read_blocks(document.element.body, numbering or None), style_names(styles), read_extras(document)


def _ours(path: Path) -> tuple[list[Block], dict[str, str], dict[str, object]]:
    parts = open_docx(path)
    body = parts.document.find(f"{{{W}}}body")
    assert body is not None
    numbering = Numbering(parts.numbering, parts.styles) if parts.numbering is not None else None
    return read_blocks(body, numbering or None), style_names(parts.styles), extras_of(parts.custom_xml)


def _shape(blocks: list[Block]) -> list[object]:
    """Everything of the blocks the reader uses: text, style, list label, runs, grids."""
    out: list[object] = []
    for b in blocks:
        if isinstance(b, ParaBlock):
            runs = [[(r.text, r.bold, r.italic, r.underline) for r in p.runs] for p in b.paragraphs]
            out.append(("p", b.index, b.style, b.label, b.text, runs))
        else:
            out.append(("t", b.index, [[(c.text, c.ident) for c in row] for row in b.rows]))
    return out


def _flagged(report: Report) -> tuple[Report, bool]:
    return report, report.written_by_editor  # not part of a report's equality


def _report(blocks: list[Block], names: dict[str, str], extras: dict[str, object]) -> Report:
    report = read_blocks_report(blocks, names)
    report.extras = extras
    return report


SPECS: dict[str, Spec] = {
    "plain": Spec(),
    "word-numbering": Spec(numbering="word", title_in_textbox=True),
    "wps-numbering": Spec(numbering="wps"),
    "style-numbering": Spec(numbering="style", number_cells=True),
    "word-numbered-cells": Spec(numbering="word", number_cells=True),
    "body-twice": Spec(body_twice=True, t3={(T3_NEW, T3_COL_NATURAL): "1"}),
    "split-t3": Spec(split_t3_at=8, split_with_stray_merge=True),
    "t2-as-four": Spec(t2_as_four=True, merge_labels=False),
    "old-2019": Spec(old_2019_other="3"),
    "extra-columns": Spec(extra_column={"三": "备注", "四": "备注"}, widen_last_cell={"三", "四"}),
    "relabelled": Spec(relabel={"（七）总计": "(七)总计", "信息内容": "项目"}, date="2024年01月05日"),
    "figures": Spec(t2={(T2_RULES, T2_ISSUED): "2"}, t3={(r, c): str(r + c) for r in range(20) for c in range(7)},
                    t4={c: str(c) for c in range(15)}),
}


def _corpus(folder: Path) -> list[Path]:
    """Every kind of .docx the suite builds: the samples, third-party layouts, our own output
    (with the editor's data part), and what the hostile generator makes."""
    paths = sorted(DATA.glob("*.docx"))
    paths += [build(spec, folder / f"{name}.docx") for name, spec in SPECS.items()]
    ours = load_report(SAMPLE)
    ours.extras = {"dismissed": [{"code": "BLANK-CELL", "reason": "无此业务"}], "last_year": {"amount": "0.35"}}
    write_docx(ours, folder / "ours.docx")
    write_docx(load_report(paths[-1]), folder / "ours-from-word.docx")
    paths += [folder / "ours.docx", folder / "ours-from-word.docx"]
    (folder / "hostile").mkdir()
    return paths + [make("docx", seed, folder / "hostile", heavy=False) for seed in range(42)]


def _either(path: Path, fn: Callable[..., object], *args: object) -> object:
    """The value, or the one line a ReadError says without the file's name (a grid beyond
    the limits is refused when it is built)."""
    try:
        return fn(*args)
    except ReadError as e:
        return ("refused", str(e).removeprefix(f"{path}："))


def test_the_parts_read_as_python_docx_reads_them(tmp_path: Path) -> None:
    """Where python-docx opens a file, the lxml path gives the same blocks and report."""
    compared = 0
    for path in _corpus(tmp_path):
        try:
            old = _oracle(path)
        except Exception:  # python-docx refuses it (a damaged or hostile file): tested below
            continue
        new = _ours(path)
        assert new[1:] == old[1:], path
        assert _either(path, _shape, new[0]) == _either(path, _shape, old[0]), path
        got = _either(path, lambda p: _flagged(load_report(p)), path)
        assert got == _either(path, lambda p: _flagged(_report(*_oracle(p))), path), path
        compared += 1
    assert compared >= 30, "the corpus is mostly files python-docx opens"


def test_reading_never_imports_python_docx(tmp_path: Path) -> None:
    """Neither the reader nor `dump` loads python-docx (its import is most of a short run)."""
    path = build(Spec(numbering="word", title_in_textbox=True), tmp_path / "word.docx")
    code = ("import sys, io, contextlib\n"
            "from app.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    assert main(['dump', sys.argv[1]]) == 0\n"
            "assert '\"organ\"' in out.getvalue()\n"
            "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.')))\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# -- packages python-docx would not open ---------------------------------------------------------


def _repack(dest: Path, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None,
            src: Path = SAMPLE) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = change(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dest


def _add_rel(xml: bytes, rel: str) -> bytes:
    return xml.replace(b"</Relationships>", rel.encode() + b"</Relationships>")


_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


@pytest.mark.parametrize("damage", ["dangling-header", "broken-styles", "styles-twice", "broken-numbering"])
def test_a_damaged_side_part_costs_nothing_of_the_text(tmp_path: Path, damage: str) -> None:
    """A relationship to a missing part, an unreadable styles or numbering part, two styles
    relationships: the body and tables read as from the intact file (python-docx refused the
    first two and dropped the styles of the third)."""
    def change(name: str, data: bytes) -> bytes | None:
        if name == "word/_rels/document.xml.rels":
            if damage == "dangling-header":
                return _add_rel(data, f'<Relationship Id="rIdZ" Type="{_RT}header" Target="header9.xml"/>')
            if damage == "styles-twice":
                return _add_rel(data, f'<Relationship Id="rId0" Type="{_RT}styles" Target="document.xml"/>')
            if damage == "broken-numbering":
                return _add_rel(data, f'<Relationship Id="rIdN" Type="{_RT}numbering" Target="numbering.xml"/>')
        if name == "word/styles.xml" and damage == "broken-styles":
            return data[: len(data) // 2]
        return data

    extra = {"word/numbering.xml": b"<w:numbering"} if damage == "broken-numbering" else {}
    src = tmp_path / "ours.docx"
    write_docx(load_report(SAMPLE), src)  # our file: its styles say it is ours
    path = _repack(tmp_path / f"{damage}.docx", change, extra, src=src)
    intact, damaged = load_report(src), load_report(path)
    assert damaged.tables == intact.tables
    assert damaged.organ == intact.organ and damaged.date == intact.date
    if damage == "broken-styles":  # read as someone else's file: the same text, by its words
        assert damaged.section_text("一") == intact.section_text("一")
    else:
        assert damaged == intact


def test_the_main_document_is_found_by_its_relationship(tmp_path: Path) -> None:
    """Not every producer names it word/document.xml."""
    def change(name: str, data: bytes) -> bytes | None:
        if name == "word/document.xml":
            return None
        if name == "word/_rels/document.xml.rels":
            return None
        if name == "_rels/.rels":
            return data.replace(b"word/document.xml", b"word/main.xml")
        if name == "[Content_Types].xml":
            return data.replace(b"/word/document.xml", b"/word/main.xml")
        return data

    with zipfile.ZipFile(SAMPLE) as z:
        extra = {"word/main.xml": z.read("word/document.xml"),
                 "word/_rels/main.xml.rels": z.read("word/_rels/document.xml.rels")}
    path = _repack(tmp_path / "main.docx", change, extra)
    assert load_report(path) == load_report(SAMPLE)


def test_strict_open_xml_is_read_as_the_document_it_is(tmp_path: Path) -> None:
    """Word's “Strict Open XML 文档”: the same vocabulary under other namespace names, in every
    part and relationship.  (It was refused with a hint to re-save; it reads the same now.)"""
    names = {b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
             b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": b"http://purl.oclc.org/ooxml/officeDocument/relationships"}

    def change(_name: str, data: bytes) -> bytes:
        for usual, strict in names.items():
            data = data.replace(usual, strict)
        return data

    path = _repack(tmp_path / "strict.docx", change)
    with zipfile.ZipFile(path) as z:
        assert b"schemas.openxmlformats.org/wordprocessingml" not in z.read("word/document.xml")
        assert b"purl.oclc.org" in z.read("word/_rels/document.xml.rels")
    assert load_report(path) == load_report(SAMPLE)


@pytest.mark.parametrize("doctype", [
    # a billion laughs: entities are never expanded
    '<!DOCTYPE w:document [<!ENTITY a "政府信息公开政府信息公开"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>',
    # an external entity: never fetched, never read from disk
    '<!DOCTYPE w:document [<!ENTITY h SYSTEM "file:///etc/passwd">]>',
])
def test_entities_in_the_document_are_not_expanded(tmp_path: Path, doctype: str) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        xml = data.decode("utf-8")
        start = xml.index("<w:document")
        xml = xml[:start] + doctype + xml[start:]
        return xml.replace("<w:body>", "<w:body><w:p><w:r><w:t>&h;</w:t></w:r></w:p>", 1).encode("utf-8")

    path = _repack(tmp_path / "entities.docx", change)
    outcome = run_one(path)
    assert outcome.result in ("read", "refused") and outcome.peak_mb < 300, outcome
    if outcome.result == "read":
        report = load_report(path)
        text = "".join(report.section_text(k) for k in report.sections)
        assert "政府信息公开政府信息公开政府信息公开" not in text and "root:" not in text

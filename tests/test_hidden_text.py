"""Text Word does not show (app/docx/hidden.py): hidden runs, paragraphs and cells of files
built as Word and WPS write them, and as LibreOffice re-saves them, are not read — not into the
text, its duplicate checks, nor the tables — and one HIDDEN-TEXT note says how many places."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from app.checks import run_all
from app.findings import HIDDEN_TEXT, Location
from app.io import save_report
from app.reading import load_report
from app.report import Report
from app.schema import META, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from tests.thirdparty import Spec, build

VISIBLE = "本年度共收到政府信息公开申请47件，均已按时答复。"
SECRET = "此处为内部备注不予公开的说明文字"
DOUBLE = "我单位严格按照条例要求做好政府信息公开申请的受理和答复工作。"


def _base(tmp_path: Path) -> Path:
    spec = Spec(text={"一": [VISIBLE, DOUBLE], "五": ["存在的问题是人员不足，下一步加强培训。"]},
                t3={(T3_NEW, T3_COL_NATURAL): "47", (T3_NEW, T3_COL_TOTAL): "48"})
    return build(spec, tmp_path / "base.docx")


def _edited(tmp_path: Path, edit: Callable[[docx.document.Document], None], name: str = "hidden.docx") -> Path:
    d = docx.Document(str(_base(tmp_path)))
    edit(d)
    path = tmp_path / name
    d.save(str(path))
    return path


def _para(d: docx.document.Document, text: str) -> docx.text.paragraph.Paragraph:
    return next(p for p in d.paragraphs if p.text == text)


def _cell(d: docx.document.Document, text: str) -> docx.table._Cell:
    return next(c for t in d.tables for row in t.rows for c in row.cells if c.text == text)


def _notes(r: Report) -> list[str]:
    return [f.message for f in r.import_findings if f.code == HIDDEN_TEXT.code]


def _hide_mark(p: docx.text.paragraph.Paragraph) -> None:
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    rpr.append(OxmlElement("w:vanish"))


def test_a_file_without_hidden_text_has_no_note(tmp_path: Path) -> None:
    r = load_report(_base(tmp_path))
    assert VISIBLE in r.section_text("一") and not _notes(r)


def test_a_hidden_run_inside_a_paragraph_is_dropped_the_rest_read(tmp_path: Path) -> None:
    def edit(d: docx.document.Document) -> None:
        p = _para(d, VISIBLE)
        p.add_run(SECRET).font.hidden = True
        p.add_run("另有3件转下年度办理。")

    r = load_report(_edited(tmp_path, edit))
    text = r.section_text("一")
    assert VISIBLE + "另有3件转下年度办理。" in text and SECRET not in text
    assert _notes(r) == [n for n in _notes(r) if "1处隐藏文字" in n] and len(_notes(r)) == 1


def test_a_wholly_hidden_paragraph_is_not_read_nor_checked_for_duplicates(tmp_path: Path) -> None:
    """A paragraph kept hidden (a copy of another) is neither text nor a duplicate; its mark
    hidden too, so nothing of it stays, not even an empty paragraph."""
    def edit(d: docx.document.Document) -> None:
        src = _para(d, "存在的问题是人员不足，下一步加强培训。")
        hidden = src.insert_paragraph_before()
        hidden.add_run(DOUBLE).font.hidden = True
        _hide_mark(hidden)

    plain = load_report(_base(tmp_path))
    r = load_report(_edited(tmp_path, edit))
    assert r.section_text("五") == plain.section_text("五") and r.sections == plain.sections
    assert "DUP-PARAGRAPH" not in {f.code for f in run_all(r)}
    assert len(_notes(r)) == 1 and "1处" in _notes(r)[0]


def test_a_hidden_figure_in_a_cell_is_no_figure(tmp_path: Path) -> None:
    """A hidden “999” beside the printed 47 reads 47; a cell with only a hidden 999 is blank,
    as printed — and the blank cell is then found, not the hidden number."""
    def edit(d: docx.document.Document) -> None:
        c = _cell(d, "47")
        c.paragraphs[0].add_run("999").font.hidden = True
        total = _cell(d, "48")
        total.paragraphs[0].runs[0].font.hidden = True
        total.paragraphs[0].runs[0].text = "999"

    r = load_report(_edited(tmp_path, edit))
    t3 = r.tables["三"]
    assert t3[(T3_NEW, T3_COL_NATURAL)] == 47
    assert t3[(T3_NEW, T3_COL_TOTAL)] is None
    assert "999" not in str(r.raw) and len(_notes(r)) == 1 and "2处" in _notes(r)[0]


@pytest.mark.parametrize("how", ["spec_vanish", "char_style", "char_style_based_on", "para_style"])
def test_every_way_of_hiding_is_read_as_hidden(tmp_path: Path, how: str) -> None:
    def edit(d: docx.document.Document) -> None:
        p = _para(d, VISIBLE)
        if how == "para_style":
            style = d.styles.add_style("内部备注", WD_STYLE_TYPE.PARAGRAPH)
            style.font.hidden = True
            note = p.insert_paragraph_before(SECRET, style="内部备注")
            assert note.runs[0].font.hidden is None  # hidden only through its style
            return
        run = p.add_run(SECRET)
        if how == "spec_vanish":
            run.font.spec_vanish = True
        else:
            style = d.styles.add_style("隐藏字", WD_STYLE_TYPE.CHARACTER)
            style.font.hidden = True
            if how == "char_style_based_on":
                style = d.styles.add_style("隐藏字二", WD_STYLE_TYPE.CHARACTER)
                style.base_style = d.styles["隐藏字"]
            run.style = style

    r = load_report(_edited(tmp_path, edit))
    assert SECRET not in "".join(r.section_text(k) for k in r.sections)
    assert VISIBLE in r.section_text("一")
    notes = _notes(r)
    assert len(notes) == 1 and "1处" in notes[0] and "网页视图" not in notes[0]


@pytest.mark.parametrize("how", ["run", "char_style", "para_style", "defaults", "toc_page_number"])
def test_web_hidden_text_is_printed_so_it_is_read(tmp_path: Path, how: str) -> None:
    """w:webHidden hides only in Word's web layout view: the printed report and its PDF show
    the text (Word sets it on every automatic table of contents' page numbers), so it is read
    and no HIDDEN-TEXT note is made — directly, through a style or the document defaults."""
    def edit(d: docx.document.Document) -> None:
        p = _para(d, VISIBLE)
        if how == "para_style":
            style = d.styles.add_style("网页隐藏段", WD_STYLE_TYPE.PARAGRAPH)
            style.font.web_hidden = True
            p.insert_paragraph_before(SECRET, style="网页隐藏段")
            return
        if how == "defaults":
            rpr = d.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
            assert rpr is not None
            rpr.append(OxmlElement("w:webHidden"))
        run = p.add_run(SECRET)
        if how in ("run", "toc_page_number"):
            run.font.web_hidden = True
        elif how == "char_style":
            style = d.styles.add_style("网页隐藏字", WD_STYLE_TYPE.CHARACTER)
            style.font.web_hidden = True
            run.style = style
        if how == "toc_page_number":  # as Word writes a TOC entry's page number: webHidden plus a field
            tab = p.add_run("\t")
            tab.font.web_hidden = True
            p.add_run("3").font.web_hidden = True

    r = load_report(_edited(tmp_path, edit))
    text = "".join(r.section_text(k) for k in r.sections)
    assert SECRET in text and VISIBLE in text
    if how == "toc_page_number":
        assert SECRET + "\t3" in text or SECRET + "3" in text or SECRET + " 3" in text, text
    assert not _notes(r), _notes(r)


def test_web_hidden_beside_vanish_is_hidden_and_counted_once(tmp_path: Path) -> None:
    """w:vanish hides whatever w:webHidden says; a paragraph with a web-hidden run kept and a
    vanished run dropped is one place, with no 网页视图 wording."""
    def edit(d: docx.document.Document) -> None:
        p = _para(d, VISIBLE)
        both = p.add_run(SECRET)
        both.font.web_hidden = True
        both.font.hidden = True
        p.add_run("另有3件转下年度办理。").font.web_hidden = True

    r = load_report(_edited(tmp_path, edit))
    text = r.section_text("一")
    assert SECRET not in text and VISIBLE + "另有3件转下年度办理。" in text
    notes = _notes(r)
    assert len(notes) == 1 and "1处" in notes[0] and "网页视图" not in notes[0], notes


@pytest.mark.parametrize("how", ["direct_off", "style_twice", "style_off_on_run", "para_style_off_on_run"])
def test_text_shown_again_is_read(tmp_path: Path, how: str) -> None:
    """w:vanish w:val="0" on the run wins over its style; a hidden character style in a hidden
    paragraph style toggles back to shown (as Word shows bold in bold)."""
    def edit(d: docx.document.Document) -> None:
        p = _para(d, VISIBLE)
        if how == "direct_off":
            p.add_run(SECRET).font.hidden = False
            return
        cstyle = d.styles.add_style("隐藏字", WD_STYLE_TYPE.CHARACTER)
        cstyle.font.hidden = True
        if how == "style_off_on_run":
            run = p.add_run(SECRET)
            run.style = cstyle
            run.font.hidden = False
            return
        pstyle = d.styles.add_style("内部备注", WD_STYLE_TYPE.PARAGRAPH)
        pstyle.font.hidden = True
        note = p.insert_paragraph_before(style="内部备注")
        if how == "para_style_off_on_run":
            note.add_run(SECRET).font.hidden = False
            note.add_run("样式隐藏的字")
            return
        note.add_run(SECRET).style = cstyle

    r = load_report(_edited(tmp_path, edit))
    assert SECRET in r.section_text("一")
    if how == "para_style_off_on_run":  # the run beside it takes the style's hiding
        assert "样式隐藏的字" not in r.section_text("一") and len(_notes(r)) == 1
    else:
        assert not _notes(r)


def test_hidden_document_defaults_hide_all_but_what_is_shown(tmp_path: Path) -> None:
    """Hiding in the document defaults hides every run that does not say otherwise: the
    report is then empty as printed, and the note says so (not a silent empty report)."""
    def edit(d: docx.document.Document) -> None:
        rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        rpr.append(OxmlElement("w:vanish"))
        for p in d.paragraphs:
            for run in p.runs:
                if run.text not in (SECRET,):
                    run.font.hidden = False
        _para(d, VISIBLE).add_run(SECRET)

    r = load_report(_edited(tmp_path, edit))
    text = r.section_text("一")
    assert VISIBLE in text and SECRET not in text and len(_notes(r)) == 1


def test_the_round_trip_writes_no_hidden_text(tmp_path: Path) -> None:
    def edit(d: docx.document.Document) -> None:
        _para(d, VISIBLE).add_run(SECRET).font.hidden = True
        _cell(d, "47").paragraphs[0].add_run("999").font.hidden = True

    r = load_report(_edited(tmp_path, edit))
    saved = tmp_path / "已保存.docx"
    save_report(r, saved)
    with zipfile.ZipFile(saved) as z:
        xml = z.read("word/document.xml").decode("utf-8") + z.read("word/styles.xml").decode("utf-8")
    assert SECRET not in xml and "999" not in xml and "w:vanish" not in xml and "w:webHidden" not in xml
    again = load_report(saved)
    assert not _notes(again)
    assert again.tables == r.tables and again.sections == r.sections


def test_a_hidden_run_with_a_text_box_takes_the_box_with_it(tmp_path: Path) -> None:
    """Word hides a drawing in a hidden run, and the text box in it: neither is read."""
    from tests.thirdparty import _textbox_paragraph

    def edit(d: docx.document.Document) -> None:
        _textbox_paragraph(d, [SECRET])
        box = d.paragraphs[-1]
        for r in box.runs:
            r.font.hidden = True
        _para(d, VISIBLE)._p.addnext(box._p)

    r = load_report(_edited(tmp_path, edit))
    assert SECRET not in "".join(r.section_text(k) for k in r.sections)
    assert len(_notes(r)) == 1


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
@pytest.mark.parametrize("fmt", ["docx", "doc"])
def test_hidden_text_as_libreoffice_saves_it(tmp_path: Path, fmt: str) -> None:
    """Re-saved by LibreOffice (its own way of writing hidden runs, styles and cells) as .docx,
    and as Word 97 .doc read back through LibreOffice: the same text and figures are read."""
    def edit(d: docx.document.Document) -> None:
        _para(d, VISIBLE).add_run(SECRET).font.hidden = True
        _cell(d, "47").paragraphs[0].add_run("999").font.hidden = True
        style = d.styles.add_style("隐藏字", WD_STYLE_TYPE.CHARACTER)
        style.font.hidden = True
        _para(d, DOUBLE).add_run("按样式隐藏的字句").style = style

    src = _edited(tmp_path, edit, "源文件.docx")
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(src)], check=True, timeout=180, capture_output=True)
    r = load_report(out / f"源文件.{fmt}")
    text = r.section_text("一")
    assert VISIBLE in text and DOUBLE in text and SECRET not in text and "按样式隐藏" not in text
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 47
    assert len(_notes(r)) == 1


def test_a_hidden_paragraph_mark_with_visible_text_keeps_the_text(tmp_path: Path) -> None:
    """Word runs such a paragraph into the next on screen; every visible word of it is read."""
    r = load_report(_edited(tmp_path, lambda d: _hide_mark(_para(d, VISIBLE))))
    assert VISIBLE in r.section_text("一") and DOUBLE in r.section_text("一") and not _notes(r)


def test_the_gallery_file_reads_without_its_hidden_text(tmp_path: Path) -> None:
    """tests/hostile.py's hidden-text class: a hidden paragraph, a hidden “999” (w:specVanish),
    text hidden in the web layout only (printed, so read), and a run whose character style's
    basedOn chain is a cycle with no hiding in it (shown; the cycle is no hang)."""
    from tests.conftest import SAMPLE
    from tests.hostile import GALLERY

    name, make, _ = GALLERY["hidden-text"]
    path = tmp_path / name
    path.write_bytes(make())
    r, plain = load_report(path), load_report(SAMPLE)
    text = "".join(r.section_text(k) for k in r.sections)
    assert "隐藏的段落" not in text and "999" not in text and "国务院令第711号" in text
    assert "〔2019〕号" in text  # the web-hidden year is printed; the specVanish 999 (was 60) is not
    assert r.tables == plain.tables and r.organ == plain.organ
    notes = _notes(r)
    # the paragraph, and the paragraph with the hidden 999; its web-hidden year is printed: read
    assert len(notes) == 1 and "2处" in notes[0] and "网页视图" not in notes[0], notes


def test_hiding_taken_off_with_tracked_changes_is_shown(tmp_path: Path) -> None:
    """w:rPrChange keeps the properties before a tracked formatting change: a run that was
    hidden and is shown now is read (the revision is read as accepted, as REVISIONS says)."""
    def edit(d: docx.document.Document) -> None:
        run = _para(d, VISIBLE).add_run(SECRET)
        rpr = run._r.get_or_add_rPr()
        change = OxmlElement("w:rPrChange")
        change.set(qn("w:id"), "9")
        change.set(qn("w:author"), "a")
        old = OxmlElement("w:rPr")
        old.append(OxmlElement("w:vanish"))
        change.append(old)
        rpr.append(change)

    r = load_report(_edited(tmp_path, edit))
    assert SECRET in r.section_text("一") and not _notes(r)


@pytest.mark.parametrize("kind", ["word", "wps"])
def test_a_hidden_list_item_still_counts_in_its_list(tmp_path: Path, kind: str) -> None:
    """Word numbers a hidden list item (a hidden heading gives its number to no one else): the
    sub-heads after a hidden （二） read （三）, as printed, and the hidden one is not read."""
    spec = Spec(numbering=kind, text={"一": ["（一）主动公开", "公开了文件。", "（二）依申请公开", "收到申请。",
                                            "（三）政府信息管理", "管理规范。"]})
    d = docx.Document(str(build(spec, tmp_path / "numbered.docx")))
    item = _para(d, "依申请公开")
    item.runs[0].font.hidden = True
    _hide_mark(item)
    path = tmp_path / "hidden-item.docx"
    d.save(str(path))
    r = load_report(path)
    text = r.section_text("一")
    assert "（一）主动公开" in text and "（三）政府信息管理" in text and "依申请公开" not in text, text
    assert "（二）" not in text and len(_notes(r)) == 1


def _where(r: Report) -> Location:
    found = [f for f in r.import_findings if f.code == HIDDEN_TEXT.code]
    assert len(found) == 1
    return found[0].location


def test_the_note_points_at_the_paragraph_holding_the_hidden_text(tmp_path: Path) -> None:
    def edit(d: docx.document.Document) -> None:
        _para(d, VISIBLE).add_run(SECRET).font.hidden = True
        _para(d, "存在的问题是人员不足，下一步加强培训。").add_run("另一处").font.hidden = True  # later: not the one

    r = load_report(_edited(tmp_path, edit))
    where = _where(r)
    assert where.section == "一" and where.span is not None
    assert r.sections["一"][where.span.paragraph].text == VISIBLE
    assert (where.span.start, where.span.end) == (0, len(VISIBLE))


def test_the_note_points_at_the_table_holding_a_hidden_figure(tmp_path: Path) -> None:
    def edit(d: docx.document.Document) -> None:
        _cell(d, "47").paragraphs[0].add_run("999").font.hidden = True

    where = _where(load_report(_edited(tmp_path, edit)))
    assert where.section == "三" and where.span is None


def test_a_paragraph_hidden_whole_is_placed_where_it_stood(tmp_path: Path) -> None:
    def edit(d: docx.document.Document) -> None:
        hidden = _para(d, "存在的问题是人员不足，下一步加强培训。").insert_paragraph_before()
        hidden.add_run(DOUBLE).font.hidden = True
        _hide_mark(hidden)

    r = load_report(_edited(tmp_path, edit))
    where = _where(r)
    assert where.section == "五" and where.span is not None
    assert r.sections["五"][where.span.paragraph].text == "存在的问题是人员不足，下一步加强培训。"


def test_hidden_text_in_the_title_is_basic_information(tmp_path: Path) -> None:
    def edit(d: docx.document.Document) -> None:
        d.paragraphs[0].add_run("（内部稿）").font.hidden = True

    r = load_report(_edited(tmp_path, edit))
    assert _where(r) == Location(META) and "内部稿" not in r.organ

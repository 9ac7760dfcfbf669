"""A table style hides text as the run's own properties do (d30–d32): w:vanish, white on the
cell's white or a size of a point in the style's rPr — for the whole table or, by w:tblLook, its
first row, last row, first or last column, banded rows or columns, corner cells — is resolved
as Word resolves it (app/docx/tablestyles.py) and the text is not read."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from app.docx.altchunk import Tally
from app.docx.blocks import TableBlock
from app.docx.reader import _body_blocks, open_docx
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.conftest import rewrite_docx
from tests.thirdparty import Spec, build

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _style(body: str, sid: str = "Ghost", based: str = "", extra: str = "") -> str:
    based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
    return f'<w:style w:type="table" w:styleId="{sid}"><w:name w:val="{sid}"/>{based_on}{body}</w:style>{extra}'


def _cond(kind: str, rpr: str = "", tcpr: str = "") -> str:
    return f'<w:tblStylePr w:type="{kind}"><w:rPr>{rpr}</w:rPr><w:tcPr>{tcpr}</w:tcPr></w:tblStylePr>'


def _grid(tmp_path: Path, styles: str, look: str = "", rows: int = 5, cols: int = 4,
          header_rows: int = 1, tbl_style: str = "Ghost", edit: Callable[[str], str] = str) -> list[list[str]]:
    """A rows×cols table of “r{i}c{j}” in a Word file styled ``tbl_style`` (its w:tblLook
    ``look``), read back: the grid of texts the reader sees."""
    doc = docx.Document()
    table = doc.add_table(rows=rows, cols=cols)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"r{i}c{j}"
    src = tmp_path / "grid.docx"
    doc.save(str(src))

    def body(xml: str) -> str:
        xml = re.sub(r"<w:tblStyle [^>]*/>", "", xml)
        xml = re.sub(r"<w:tblLook [^>]*/>", "", xml)
        tblpr = f'<w:tblPr><w:tblStyle w:val="{tbl_style}"/>' + (f"<w:tblLook {look}/>" if look else "")
        xml = xml.replace("<w:tblPr>", tblpr, 1)
        for _ in range(header_rows - 1):  # repeated header rows after the first
            xml = xml.replace("<w:tr>", '<w:tr ZZ><w:trPr><w:tblHeader/></w:trPr>', 2).replace("<w:tr ZZ>", "<w:tr>")
        return edit(xml)
    dest = rewrite_docx(src, tmp_path / "styled.docx", body)
    dest = rewrite_docx(dest, tmp_path / "styled2.docx", lambda x: x.replace("</w:styles>", styles + "</w:styles>"),
                        part="word/styles.xml")
    blocks = _body_blocks(open_docx(dest), Tally(), 0)
    table_block = next(b for b in blocks if isinstance(b, TableBlock))
    return [[c.text for c in r] for r in table_block.rows]


def _shown(grid: list[list[str]]) -> set[str]:
    return {t for row in grid for t in row if t}


ALL = {f"r{i}c{j}" for i in range(5) for j in range(4)}


@pytest.mark.parametrize("rpr", ["<w:vanish/>", '<w:color w:val="FFFFFF"/>', '<w:sz w:val="2"/>',
                                 '<w:color w:val="FFFFFF" w:themeColor="background1"/>'])
def test_a_whole_table_style_hides(tmp_path: Path, rpr: str) -> None:
    assert _shown(_grid(tmp_path, _style(f"<w:rPr>{rpr}</w:rPr>"))) == set()


def test_conditional_parts_follow_tbllook(tmp_path: Path) -> None:
    """firstRow, lastCol, the second row band: each hides only the cells it reaches, and only
    when w:tblLook turns it on; the first row is not a band."""
    styles = _style(_cond("firstRow", "<w:vanish/>") + _cond("lastCol", "<w:vanish/>")
                    + _cond("band2Horz", "<w:vanish/>"))
    # firstRow and lastColumn on, bands on (noHBand absent): rows 1,3 band1, row 2,4 band2
    shown = _shown(_grid(tmp_path, styles, 'w:firstRow="1" w:lastColumn="1" w:noVBand="1"'))
    assert shown == {f"r{i}c{j}" for i in (1, 3) for j in range(3)}
    # the older bitmask: 0x20 first row only, 0x200 no row bands
    assert _shown(_grid(tmp_path, styles, 'w:val="0220"')) == ALL - {f"r0c{j}" for j in range(4)}
    # no tblLook at all: bands only (ISO 29500 17.4.55), counted from the first row
    assert _shown(_grid(tmp_path, styles)) == {f"r{i}c{j}" for i in (0, 2, 4) for j in range(4)}


def test_the_last_column_is_the_last_cell_left_after_a_tracked_deletion(tmp_path: Path) -> None:
    """Row 1 ends in a cell deleted with 修订 on (w:cellDel): once accepted r1c3 is that row's
    last column, and the style's lastCol hides it as it hides every row's (it hid the deleted one)."""
    deleted = '<w:tc><w:tcPr><w:cellDel w:id="1" w:author="a"/></w:tcPr><w:p><w:r><w:t>old</w:t></w:r></w:p></w:tc></w:tr>'

    def edit(xml: str) -> str:
        at = xml.index("r1c3")
        return xml[:at] + xml[at:].replace("</w:tr>", deleted, 1)

    grid = _grid(tmp_path, _style(_cond("lastCol", "<w:vanish/>")), 'w:lastColumn="1" w:noHBand="1" w:noVBand="1"',
                 edit=edit)
    assert _shown(grid) == ALL - {f"r{i}c3" for i in range(5)}


def test_later_parts_win_in_offices_order(tmp_path: Path) -> None:
    """A band hides, the first column shows again (w:vanish w:val="0"), the corner hides again."""
    styles = _style(_cond("band1Horz", "<w:vanish/>") + _cond("band2Horz", "<w:vanish/>")
                    + _cond("firstCol", '<w:vanish w:val="0"/>') + _cond("swCell", "<w:vanish/>"))
    shown = _shown(_grid(tmp_path, styles, 'w:firstColumn="1" w:lastRow="1"'))
    # r4 is the last row, no band; its first cell the bottom-left corner
    assert shown == {"r0c0", "r1c0", "r2c0", "r3c0", "r4c1", "r4c2", "r4c3"}


def test_repeated_header_rows_take_the_first_rows_formatting(tmp_path: Path) -> None:
    styles = _style(_cond("firstRow", "<w:vanish/>"))
    shown = _shown(_grid(tmp_path, styles, 'w:firstRow="1" w:noHBand="1"', header_rows=2))
    assert shown == ALL - {f"r{i}c{j}" for i in (0, 1) for j in range(4)}


def test_a_row_band_of_two(tmp_path: Path) -> None:
    styles = _style('<w:tblPr><w:tblStyleRowBandSize w:val="2"/></w:tblPr>' + _cond("band2Horz", "<w:vanish/>"))
    assert _shown(_grid(tmp_path, styles, 'w:noVBand="1"')) == ALL - {f"r{i}c{j}" for i in (2, 3) for j in range(4)}


def test_white_on_the_styles_own_dark_header_is_seen(tmp_path: Path) -> None:
    """The usual case: a header row the style shades dark, its text white — seen; white text in
    the body rows the style leaves white is not."""
    styles = _style('<w:rPr><w:color w:val="FFFFFF"/></w:rPr>'
                    + _cond("firstRow", "", '<w:shd w:val="clear" w:color="auto" w:fill="1F4E79"/>'))
    assert _shown(_grid(tmp_path, styles, 'w:firstRow="1"')) == {f"r0c{j}" for j in range(4)}
    shaded_paragraphs = _style('<w:pPr><w:shd w:val="clear" w:color="auto" w:fill="404040"/></w:pPr>'
                               '<w:rPr><w:color w:val="FFFFFF"/></w:rPr>')
    assert _shown(_grid(tmp_path, shaded_paragraphs)) == ALL


def test_inherited_through_basedon_and_overridden_nearer(tmp_path: Path) -> None:
    """The style's basedOn chain gives the hiding; a paragraph style or the run itself setting
    the property wins over the table style."""
    styles = _style("", "Base") + _style(_cond("firstRow", "<w:vanish/>"), "Base2", "Base") \
        + _style("", "Ghost", "Base2")
    assert _shown(_grid(tmp_path, styles, 'w:firstRow="1"')) == ALL - {f"r0c{j}" for j in range(4)}
    white = _style('<w:rPr><w:color w:val="FFFFFF"/></w:rPr>') \
        + '<w:style w:type="paragraph" w:styleId="Ink"><w:name w:val="Ink"/><w:rPr><w:color w:val="000000"/></w:rPr></w:style>'
    assert _shown(_grid(tmp_path, white)) == set()


def test_a_style_without_hiding_changes_nothing(tmp_path: Path) -> None:
    styles = _style('<w:rPr><w:b/><w:color w:val="1F4E79"/></w:rPr>' + _cond("firstRow", "<w:i/>"))
    assert _shown(_grid(tmp_path, styles, 'w:firstRow="1"')) == ALL
    assert _shown(_grid(tmp_path, "", tbl_style="NoSuchStyle")) == ALL


# -- the statutory table, end to end ---------------------------------------------------------------

def _t3(tmp_path: Path, style: str, look: str = "", ink: str = "000000") -> tuple[object, list[str]]:
    """表三 本年新收 自然人 written “37” then “99” (no colour or hiding of its own); every other
    run of the table in ``ink`` and shown by its own properties; the table styled by ``style``."""
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")

    def edit(xml: str) -> str:
        at = xml.index("<w:t>37</w:t>")
        start, end = xml.rindex("<w:tbl>", 0, at), xml.index("</w:tbl>", at)
        tbl = xml[start:end]
        tbl = re.sub(r"<w:r>(<w:rPr>)?", lambda m: f'<w:r><w:rPr><w:color w:val="{ink}"/><w:vanish w:val="0"/>'
                     + ("" if m.group(1) else "</w:rPr>"), tbl)
        tbl = re.sub(r"<w:tblStyle [^>]*/>", "", tbl)
        tbl = tbl.replace("<w:tblPr>", f'<w:tblPr><w:tblStyle w:val="Ghost"/>{look}', 1)
        tbl = tbl.replace("<w:t>37</w:t></w:r>", '<w:t>37</w:t></w:r><w:r><w:t>99</w:t></w:r>', 1)
        return xml[:start] + tbl + xml[end:]
    path = rewrite_docx(src, tmp_path / "t3.docx", edit)
    path = rewrite_docx(path, tmp_path / "t3s.docx", lambda x: x.replace("</w:styles>", style + "</w:styles>"),
                        part="word/styles.xml")
    report = load_report(path)
    return report.tables[REQUESTS][(T3_NEW, 0)], [f.message for f in report.import_findings if f.code == "HIDDEN-TEXT"]


@pytest.mark.parametrize("rpr", ["<w:vanish/>", '<w:color w:val="FFFFFF"/>'])
def test_a_figure_hidden_by_the_table_style_is_not_read(tmp_path: Path, rpr: str) -> None:
    value, notes = _t3(tmp_path, _style(f"<w:rPr>{rpr}</w:rPr>"))
    assert value == 37
    assert len(notes) == 1, notes


def test_a_figure_the_style_shows_is_read(tmp_path: Path) -> None:
    value, notes = _t3(tmp_path, _style('<w:rPr><w:color w:val="FFFFFF"/></w:rPr>'
                                        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="000000"/></w:tcPr>'),
                         ink="FFFF00")  # yellow and white on the style's black cells
    assert value == 3799 and notes == []


@pytest.mark.parametrize(("parts", "look", "value"), [
    (_cond("band1Horz", "<w:vanish/>") + _cond("band2Horz", "<w:vanish/>"), '<w:tblLook w:firstRow="1"/>', 37),
    (_cond("firstRow", "<w:vanish/>"), '<w:tblLook w:firstRow="1"/>', 3799),  # the header only
    (_cond("band1Horz", "<w:vanish/>") + _cond("band2Horz", "<w:vanish/>"), '<w:tblLook w:val="0200"/>', 3799),
])
def test_conditional_formatting_of_the_statutory_table(tmp_path: Path, parts: str, look: str, value: int) -> None:
    assert _t3(tmp_path, _style(parts), look)[0] == value

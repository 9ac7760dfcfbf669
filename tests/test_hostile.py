"""Hostile and broken files, one class each: bounded memory (each read in a forked child with
its peak RSS measured), one clear Chinese line or a report read with the bad part reported —
never a raw Python error as the reason.  The limits are app/limits.py's."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app import limits
from app.checks import run_all
from app.cli import check_report
from app.io import ReadError
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import T3_COL_TOTAL, T3_NEW
from tests.conftest import SAMPLE, rewrite_docx
from tests.hostile import GENERIC, _nest, run_one

Variant = Callable[[Callable[[str], str]], Path]
PEAK_MB = 500


def refused(path: Path, *words: str) -> str:
    """The file is refused in one Chinese line naming it, within the memory bound."""
    outcome = run_one(path)
    assert outcome.result == "refused", outcome
    assert outcome.peak_mb < PEAK_MB, outcome
    assert str(path) in outcome.message and "\n" not in outcome.message
    for w in words:
        assert w in outcome.message, outcome.message
    return outcome.message


def first(pattern: str, repl: str) -> Callable[[str], str]:
    return lambda xml: re.sub(pattern, repl, xml, count=1)


# -- .docx tables ------------------------------------------------------------------------------------

@pytest.mark.parametrize("attr", ["gridSpan", "gridBefore", "gridAfter"])
@pytest.mark.parametrize("value", ["2147483647", "10000000", "101"])
def test_huge_spans_are_refused(variant: Variant, attr: str, value: str) -> None:
    if attr == "gridSpan":
        path = variant(first(r"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{value}"/>'))
    else:
        path = variant(first(r"<w:tr(?=[ >])[^>]*>", f'\\g<0><w:trPr><w:{attr} w:val="{value}"/></w:trPr>'))
    refused(path, "表格", value[:12])


def test_a_row_short_of_its_last_cell_is_read(variant: Variant) -> None:
    """表三's row 一 without its 总计 cell, the grid column left to w:gridAfter (Word shows a gap):
    its six figures are read and the total is blank, said as a blank cell is — the row was no
    row of the table before, all seven cells blank (hostile30)."""
    def drop_total(xml: str) -> str:
        row = re.search(r"<w:tr(?=[ >])(?:(?!</w:tr>).)*?本年新收(?:(?!</w:tr>).)*?</w:tr>", xml, re.S)
        assert row is not None
        cells = list(re.finditer(r"<w:tc(?=[ >]).*?</w:tc>", row.group(0), re.S))
        text = row.group(0)
        text = text[:cells[-1].start()] + text[cells[-1].end():]
        text = re.sub(r"<w:tr(?=[ >])[^>]*>", '\\g<0><w:trPr><w:gridAfter w:val="1"/></w:trPr>', text, count=1)
        return xml[:row.start()] + text + xml[row.end():]

    whole = load_report(SAMPLE)
    short = load_report(variant(drop_total))
    for col in range(T3_COL_TOTAL):
        assert short.tables["三"][(T3_NEW, col)] == whole.tables["三"][(T3_NEW, col)], col
    assert short.tables["三"][(T3_NEW, T3_COL_TOTAL)] is None
    assert any(short.tables["三"][(T3_NEW, col)] is not None for col in range(T3_COL_TOTAL))
    blank = [f for f in run_all(short) if f.code == "BLANK-CELL"]
    assert blank and "本年新收" in blank[0].location.describe() and "总计" in blank[0].location.describe()


@pytest.mark.parametrize("value", ["abc", "1.5", "", "-3", "１２"])
def test_junk_spans_read_as_one(variant: Variant, value: str) -> None:
    path = variant(first(r"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{value}"/>'))
    assert load_report(path).tables["三"], "read, the junk span counted as 1"
    path = variant(first(r"<w:tr(?=[ >])[^>]*>", f'\\g<0><w:trPr><w:gridBefore w:val="{value}"/></w:trPr>'))
    load_report(path)


def test_a_spans_at_the_limit_reads(variant: Variant) -> None:
    path = variant(first(r"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{limits.MAX_SPAN}"/>'))
    assert run_one(path).result == "read"


def test_too_many_rows_is_refused(variant: Variant) -> None:
    def many(xml: str) -> str:
        row = re.search(r"<w:tr(?=[ >]).*?</w:tr>", xml, re.S)
        assert row is not None
        return xml.replace(row.group(0), row.group(0) * (limits.MAX_TABLE_ROWS + 10), 1)

    refused(variant(many), "行")


def test_5000_digit_cell_is_one_value_invalid_finding(variant: Variant) -> None:
    digits = "7" * 5000
    path = variant(first(r"<w:t>0</w:t>", f"<w:t>{digits}</w:t>"))
    report = load_report(path)
    found = [f for f in run_all(report) if f.code == "VALUE-INVALID" and "位数过多" in f.message]
    assert len(found) == 1 and len(found[0].message) < 200
    assert found[0].location.cells and found[0].location.cells[0].table in ("二", "三", "四")


def test_a_cell_cut_at_the_cap_is_said_longer_than_the_cap() -> None:
    """The reader keeps a cell's first MAX_CELL_CHARS characters and “…”: it was longer than that,
    not MAX_CELL_CHARS + 1 characters (rev26h: “（5001个字符）” for a cell of a million)."""
    from app.schema import Kind
    from app.values import parse

    cut = limits.cell_text("7" * (limits.MAX_CELL_CHARS * 3))
    assert f"（超过{limits.MAX_CELL_CHARS}个字符）" in str(parse(cut, Kind.COUNT).problem)
    assert "（40个字符）" in str(parse("7" * 40, Kind.COUNT).problem)


def test_a_body_of_too_many_paragraphs_is_refused(variant: Variant) -> None:
    path = variant(lambda xml: xml.replace("<w:body>", "<w:body>" + "<w:p/>" * (limits.MAX_BLOCKS + 5), 1))
    refused(path, "段")


# -- packages ------------------------------------------------------------------------------------------

def _repack(dest: Path, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(SAMPLE) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = change(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dest


@pytest.mark.parametrize("part", ["word/document.xml", "word/media/big.png"])
def test_zip_bomb_is_refused_before_inflating(tmp_path: Path, part: str) -> None:
    size = (limits.MAX_XML_PART_BYTES if part.endswith(".xml") else limits.MAX_PART_BYTES) + 1024
    path = _repack(tmp_path / "bomb.docx", lambda n, d: None if n == part else d, {part: b" " * size})
    assert path.stat().st_size < 1_000_000, "a small file that inflates past the limit"
    refused(path, "解压后过大")


@pytest.mark.parametrize("vba", [True, False])
def test_docm_renamed_docx_says_macros(tmp_path: Path, vba: bool) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
        return data

    path = _repack(tmp_path / "宏.docx", change, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"} if vba else {})
    message = refused(path, "宏")
    assert "损坏" not in message


def test_duplicate_style_relationships_still_read(tmp_path: Path) -> None:
    extra = (b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             b'styles" Target="document.xml"/>')

    def change(name: str, data: bytes) -> bytes:
        return data.replace(b"</Relationships>", extra + b"</Relationships>") if name == "word/_rels/document.xml.rels" else data

    report = load_report(_repack(tmp_path / "rels.docx", change))
    assert report.organ == "宁波市北仑区人民政府小港街道办事处"


def test_any_unexpected_error_in_a_reader_is_one_chinese_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(tmp_path / "a.docx")
    path.write_bytes(SAMPLE.read_bytes())
    for error in (RecursionError("maximum recursion depth exceeded"), MemoryError(), KeyError("x"), ZeroDivisionError()):
        def boom(*_a: object, error: BaseException = error) -> Report:
            raise error

        monkeypatch.setattr("app.reading.read_document", boom)
        with pytest.raises(ReadError) as err:
            load_report(path)
        message = str(err.value)
        assert message.startswith(str(path)) and "\n" not in message and re.search(r"[\u4e00-\u9fff]{4}", message)


# -- .xlsx ----------------------------------------------------------------------------------------------

@pytest.fixture
def workbook(tmp_path: Path) -> Callable[[Callable[[str], str]], Path]:
    from app.xlsx_write import write_xlsx

    good = tmp_path / "good.xlsx"
    write_xlsx(load_report(SAMPLE), good)

    def make(edit: Callable[[str], str]) -> Path:
        dest = tmp_path / f"edited{len(list(tmp_path.iterdir()))}.xlsx"
        return rewrite_docx(good, dest, edit, part="xl/worksheets/sheet2.xml")

    return make


@pytest.mark.parametrize("ref", ["XFD1048576", "A1048576", "XFD1"])
def test_xlsx_far_cell_is_refused(workbook: Callable[[Callable[[str], str]], Path], ref: str) -> None:
    row = re.sub(r"\D", "", ref)
    path = workbook(lambda x: x.replace("</sheetData>", f'<row r="{row}"><c r="{ref}"><v>1</v></c></row></sheetData>'))
    refused(path, "工作表", "过大")


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "A1:Z100000"])
def test_xlsx_merge_over_the_sheet_is_refused(workbook: Callable[[Callable[[str], str]], Path], ref: str) -> None:
    path = workbook(lambda x: re.sub(r"<mergeCells[^>]*>", f'\\g<0><mergeCell ref="{ref}"/>', x, count=1))
    refused(path, "工作表")


def test_xlsx_still_reads(workbook: Callable[[Callable[[str], str]], Path]) -> None:
    assert run_one(workbook(lambda x: x)).result == "read"


# -- web pages and text copies ---------------------------------------------------------------------

def test_utf16_copy_one_byte_short_reads(tmp_path: Path) -> None:
    data = (Path(__file__).parent / "data" / "xiaogang-2021.txt").read_text("utf-8").encode("utf-16")
    path = tmp_path / "copy.txt"
    path.write_bytes(data[:-1])
    assert load_report(path).organ


def test_50_mb_text_copy_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: the size alone decides
    refused(path, "MB")


@pytest.mark.parametrize("html", [
    '<table><tr>' + '<td colspan="2147483647" rowspan="2147483647">0</td>' * 3000 + '</tr></table>',
    "".join('<table><tr><td colspan="100" rowspan="100">0</td></tr></table>' for _ in range(500)),
    '<table>' + '<tr><td rowspan="65534">1</td></tr>' * 2000 + '</table>',
])
def test_html_spans_are_bounded(tmp_path: Path, html: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><p>某局2023年政府信息公开工作年度报告</p>{html}</body></html>", "utf-8")
    outcome = run_one(path)
    assert outcome.result in ("read", "refused") and outcome.peak_mb < PEAK_MB, outcome
    assert GENERIC not in outcome.message


def test_tab_lines_text_copy_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "tabs.txt"
    path.write_bytes(b"\t0\n" * 3_000_000)
    outcome = run_one(path)
    assert outcome.result == "refused" and outcome.peak_mb < PEAK_MB, outcome


# -- quadratic text checks (give up with a hint rather than freeze) ----------------------------

def test_a_megabyte_of_one_word_lists_a_bounded_number_of_stutters() -> None:
    r = Report(organ="某局", year=2023)
    r.sections["一"] = [Paragraph.plain("政府" * 500_000)]
    phrase = [f for f in check_report(r) if f.code == "DUP-PHRASE"]
    from app.checks.text import MAX_STUTTERS

    assert len(phrase) == MAX_STUTTERS + 1
    assert "只列出了前" in phrase[-1].message


def test_near_duplicates_give_up_beyond_the_budget_with_a_hint() -> None:
    from app.checks.text import NEAR_BUDGET_CHARS

    r = Report(organ="某局", year=2023)
    sentence = "本机关严格按照《中华人民共和国政府信息公开条例》要求依法公开政府信息。"
    per_paragraph = 50_000 // len(sentence)
    r.sections["一"] = [Paragraph.plain(sentence * per_paragraph)
                       for _ in range(NEAR_BUDGET_CHARS // (per_paragraph * len(sentence)) + 1)]
    found = [f for f in check_report(r) if f.code == "DUP-PARAGRAPH"]
    assert any("只检查了完全相同的重复" in f.message for f in found)
    assert any("重复" in f.message and f.severity.name == "ERROR" for f in found), "exact repeats still found"


def test_the_too_long_hint_is_filed_under_the_section_the_text_was_pasted_into() -> None:
    """A short 前言 and 一 and a huge paste in 五: the hint takes the user to 五."""
    from app.checks.text import NEAR_BUDGET_CHARS

    r = Report(organ="某局", year=2023)
    r.sections["前言"] = [Paragraph.plain("根据《中华人民共和国政府信息公开条例》规定，编制本报告。")]
    r.sections["一"] = [Paragraph.plain("本年度主动公开政府信息120条。")]
    sentence = "本机关严格按照《中华人民共和国政府信息公开条例》要求依法公开政府信息。"
    per_paragraph = 50_000 // len(sentence)
    r.sections["五"] = [Paragraph.plain(sentence * per_paragraph)
                       for _ in range(NEAR_BUDGET_CHARS // (per_paragraph * len(sentence)) + 1)]
    (hint,) = [f for f in check_report(r) if f.code == "DUP-PARAGRAPH" and "只检查了完全相同的重复" in f.message]
    assert hint.location.section == "五"


def test_a_pasted_megabyte_paragraph_is_checked_in_part_with_a_hint() -> None:
    from app.limits import MAX_CHECKED_PARAGRAPH_CHARS

    r = Report(organ="某局", year=2023)
    text = "本机关严格按照《中华人民共和国政府信息公开条例》要求依法公开政府信息，政府政府。" * 30_000
    r.sections["一"] = [Paragraph.plain("第一段。"), Paragraph.plain(text)]
    found = check_report(r)
    (note,) = [f for f in found if f.code == "TEXT-NOT-CHECKED"]
    assert f"第2段有{len(text)}字" in note.message and str(MAX_CHECKED_PARAGRAPH_CHARS) in note.message
    assert any(f.code == "DUP-PARAGRAPH" for f in found), "the checked part is still checked"
    spans = [f.location.span for f in found if f.location.span is not None]
    assert all(s.end <= MAX_CHECKED_PARAGRAPH_CHARS for s in spans)
    assert r.sections["一"][1].text == text, "the report itself is not cut"



# -- XML the parser stops at (app/limits.py MAX_XML_DEPTH, entity expansion) ------------------------

def test_nesting_beyond_the_xml_depth_is_refused_saying_so(variant: Variant) -> None:
    # each nested table is three levels (tbl, tr, tc) under w:document/w:body
    message = refused(variant(_nest(limits.MAX_XML_DEPTH // 3)), f"嵌套超过{limits.MAX_XML_DEPTH}层")
    assert "损坏" in message and "恶意" in message


def test_nesting_within_the_xml_depth_reads(variant: Variant) -> None:
    report = load_report(variant(_nest(limits.MAX_XML_DEPTH // 3 - 5)))
    assert report.organ == "宁波市北仑区人民政府小港街道办事处" and report.tables["三"]


def test_a_billion_laughs_is_refused_as_such_quickly(variant: Variant) -> None:
    entities = "".join(f'<!ENTITY {a} "{("&" + b + ";") * 10}">' for a, b in zip("bcdefgh", "abcdefg", strict=True))
    doctype = f'<!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAA">{entities}]>'

    def edit(xml: str) -> str:
        start = xml.index("<w:document")
        return xml[:start] + doctype + xml[start:].replace("<w:body>", "<w:body><w:p><w:r><w:t>&h;</w:t></w:r></w:p>", 1)

    path = variant(edit)
    message = refused(path, "XML 实体", "安全")
    assert run_one(path).seconds < 2, message


def test_a_10000_row_annex_table_reads_within_bounds(tmp_path: Path) -> None:
    """A report with an annex listing its documents (10,000 rows of 序号 | 文件名称 | 文号, the
    row limit): read, the statutory tables as before, the annex one note; bounded time and memory."""
    from tests.thirdparty import Spec, build

    row = ("<w:tr><w:tc><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>关于印发某某办法的通知</w:t>"
           "</w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>某政办发〔2023〕{n}号</w:t></w:r></w:p></w:tc></w:tr>")
    annex = "<w:tbl>" + "".join(row.format(n=n) for n in range(1, limits.MAX_TABLE_ROWS + 1)) + "</w:tbl><w:p/>"
    base = build(Spec(t3={(0, 0): "5", (0, 6): "5"}), tmp_path / "base.docx")
    path = rewrite_docx(base, tmp_path / "annex.docx", lambda xml: xml.replace("<w:sectPr", annex + "<w:sectPr", 1))
    outcome = run_one(path)
    assert outcome.result == "read" and outcome.peak_mb < PEAK_MB and outcome.seconds < 10, outcome
    report = load_report(path)
    assert report.tables == load_report(base).tables
    (note,) = [f for f in report.import_findings if "不是法定统计表" in f.message]
    assert "以“1”开头" in note.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
@pytest.mark.parametrize("name", ["管道.docx", "管道.txt"])
def test_a_pipe_named_like_a_report_is_refused_at_once(tmp_path: Path, name: str) -> None:
    """Opening a pipe for reading waits for a writer for ever: never opened."""
    path = tmp_path / name
    os.mkfifo(path)
    outcome = run_one(path, timeout=5)
    assert outcome.result == "refused" and outcome.message == f"{path}：不是普通文件（是设备或管道），无法读取", outcome


@pytest.mark.parametrize("name", ["无尽.txt", "无尽.docx", "无尽.html"])
def test_a_link_to_an_endless_device_is_refused_at_once(tmp_path: Path, name: str) -> None:
    """/dev/zero has no size and no end: a text copy read to its end would never finish."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    path = tmp_path / name
    path.symlink_to("/dev/zero")
    outcome = run_one(path, timeout=5)
    assert outcome.result == "refused" and "不是普通文件" in outcome.message, outcome


def test_a_zip_with_password_protected_parts_says_so(tmp_path: Path) -> None:
    path = _repack(tmp_path / "加密压缩.docx", lambda _n, d: d)
    data = bytearray(path.read_bytes())
    # zipfile writes no encrypted entries: mark document.xml's as 7-Zip's ZipCrypto leaves it,
    # in its local header and its central directory entry (the “general purpose” flag, bit 0).
    name = b"word/document.xml"
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at: name_at + len(name)] == name:
                data[at + flag_at] |= 0x1
            start = at + 4
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("word/document.xml").flag_bits & 0x1
    message = refused(path, "压缩软件设置了密码")
    assert "Word" in message and "损坏" not in message


# -- .xlsx: the grid of a sheet is its used range, however few cells are written -------------------

def _with_sheets(good: Path, dest: Path, sheets: list[str]) -> Path:
    """``good`` with more visible sheets of the given sheetData contents."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"</sheets>", "".join(
                    f'<sheet xmlns:r="{rel}" name="附{i}" sheetId="{100 + i}" r:id="rIdX{i}"/>'
                    for i in range(len(sheets))).encode() + b"</sheets>")
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", "".join(
                    f'<Relationship Id="rIdX{i}" Type="{rel}/worksheet" Target="worksheets/extra{i}.xml"/>'
                    for i in range(len(sheets))).encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", "".join(
                    f'<Override PartName="/xl/worksheets/extra{i}.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(sheets))).encode()
                    + b"</Types>")
            zout.writestr(item, data)
        for i, rows in enumerate(sheets):
            zout.writestr(f"xl/worksheets/extra{i}.xml", '<worksheet xmlns="http://schemas.openxmlformats.org/'
                          f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')
    return dest


def _corners(ref: str) -> str:
    """A sheet of two values: A1 and ``ref``."""
    row = re.sub(r"\D", "", ref)
    return f'<row r="1"><c r="A1"><v>1</v></c></row><row r="{row}"><c r="{ref}"><v>1</v></c></row>'


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.xlsx_write import write_xlsx

    good = tmp_path_factory.mktemp("xlsx") / "good.xlsx"
    write_xlsx(load_report(SAMPLE), good)
    return good


def test_a_sheet_of_two_far_apart_values_is_refused(exported: Path, tmp_path: Path) -> None:
    """A1 and KN3000: within the rows and the columns a sheet may have, but 900,000 grid
    positions (it read, in 9 s and 470 MB; twenty such sheets ran out of memory)."""
    message = refused(_with_sheets(exported, tmp_path / "稀疏.xlsx", [_corners("KN3000")]), "3000行×300列")
    assert "2个单元格" in message
    refused(_with_sheets(exported, tmp_path / "稀疏20.xlsx", [_corners("KN3000")] * 20), "3000行×300列")


def test_a_sheet_of_as_many_positions_as_a_table_may_have_reads(exported: Path, tmp_path: Path) -> None:
    limit = limits.MAX_TABLE_CELLS
    assert limit == 1000 * 100  # CV is the 100th column
    outcome = run_one(_with_sheets(exported, tmp_path / "上限.xlsx", [_corners("CV1000")]))
    assert outcome.result == "read", outcome


def test_sheets_within_the_limit_each_are_bounded_together(exported: Path, tmp_path: Path) -> None:
    """Five sheets of 90,000 positions each: 450,000 together, more than all the tables of a
    file may have; cells written count together too (a sheet of 250,000 written at A1 twice)."""
    refused(_with_sheets(exported, tmp_path / "五张.xlsx", [_corners("KN300")] * 5), "共超过400000个单元格")
    same = '<row r="1">' + '<c r="A1"><v>1</v></c>' * 250_000 + "</row>"
    refused(_with_sheets(exported, tmp_path / "重复.xlsx", [same, same]), "共超过400000个单元格")


def test_a_files_peak_is_its_own_not_the_suites(tmp_path: Path) -> None:
    """run_one's memory figure is what reading the file took: a parent grown by 200 MB (as the
    suite grows while it runs) adds nothing to it (the same file passed alone, failed late)."""
    path = tmp_path / "small.txt"
    path.write_text("某县财政局2023年政府信息公开工作年度报告\n", encoding="utf-8")
    alone = run_one(path).peak_mb
    ballast = b"\x01" * (200 << 20)  # resident: written, not merely reserved
    grown = run_one(path).peak_mb
    assert len(ballast) and grown < alone + 50, (alone, grown)


@pytest.mark.parametrize("paragraph", ["<w:p><w:r><w:t>x</w:t></w:r></w:p>", '<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr></w:p>'],
                         ids=["letter", "styled"])
def test_a_body_of_small_paragraphs_past_the_cap_is_refused_soon(variant: Variant, paragraph: str) -> None:
    """Paragraphs of a letter past the body's cap (limits.MAX_BLOCKS, far above what the editor
    lets a section hold), in a document.xml within the part cap: refused in one line, some 25 µs
    each never spent.  (The cap was 20,000 for a while: the editor's own files of 25,000
    paragraphs were then refused on reopening.)"""
    from tests.hostile import run_one

    path = variant(lambda xml: xml.replace("<w:body>", "<w:body>" + paragraph * (limits.MAX_BLOCKS + 5_000), 1))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused" and f"正文超过{limits.MAX_BLOCKS}段" in outcome.message, outcome


def test_a_body_of_paragraphs_below_the_cap_reads(variant: Variant) -> None:
    path = variant(lambda xml: xml.replace("<w:body>", "<w:body>" + "<w:p><w:r><w:t>附件目录</w:t></w:r></w:p>"
                                           * (limits.MAX_BLOCKS - 500), 1))
    assert load_report(path).organ

"""A statutory table a file has twice is one finding (DUP-TABLE) naming where each copy is and
how many cells differ, whatever the format — not one error per cell (175 for a copied 表三
sheet).  A row written twice inside one table is one finding per row.  And a table appended
after the 落款 leaves the 成文日期 found where a reader sees it."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
from lxml import etree

from app.checks import run_all
from app.findings import Finding
from app.io import save_report
from app.reading import load_report
from app.schema import SECTIONS, T3_COL_NATURAL, T3_NEW, TABLES, CellRef
from app.xlsx_write import write_xlsx
from tests.conftest import rewrite_docx
from tests.helpers import run_app
from tests.test_batch import report
from tests.test_webcopy import _html_table, page
from tests.test_xlsx import _wrong_total_report

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SAMPLE = Path(__file__).parent / "data" / "xiaogang-2021.docx"
SAMPLE_TXT = Path(__file__).parent / "data" / "xiaogang-2021.txt"


def _codes(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def _repeated(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if (f.code, f.kind) == ("LABEL-EDITED", "repeated")]


def _sample_once(tmp_path: Path, tail: str = "") -> Path:
    """The sample .docx (a third party's file, its body pasted twice) with its body once, and
    ``tail`` (WordprocessingML; {TABLE2_CHANGED}: its 表二 with two figures changed) after its 落款."""
    with zipfile.ZipFile(SAMPLE) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(f"{{{W}}}body")
    assert body is not None
    kids = list(body)
    second = next(i for i, el in enumerate(kids) if i > 2 and "".join(el.itertext()) == "一、总体情况")
    date = next(i for i, el in enumerate(kids) if "".join(el.itertext()).strip() == "2022年1月12日" and i > second)
    for el in kids[second:date + 1]:  # the second copy, up to its 落款: the first's 落款 ends the body
        body.remove(el)
    xml = etree.tostring(root, encoding="unicode")
    table2 = re.search(r"<w:tbl>.*?</w:tbl>", xml, re.S)
    assert table2 is not None
    end = xml.rfind("<w:sectPr")
    xml = xml[:end] + tail.replace("{TABLE2_CHANGED}", _changed(table2.group())) + xml[end:]
    parts["word/document.xml"] = xml.encode("utf-8")
    path = tmp_path / "附表.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def _changed(table_xml: str) -> str:
    """表二 with its first two figures (0 in the sample) written as 7 and 8."""
    n = iter(("7", "8"))
    return re.sub(r"(<w:t(?: [^>]*)?>)([\s\u3000\xa0]*)0(</w:t>)",
                  lambda m: m.group(1) + m.group(2) + next(n, "0") + m.group(3), table_xml)


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_a_table_appended_after_the_signoff_is_one_finding_and_the_date_is_found(tmp_path: Path) -> None:
    path = _sample_once(tmp_path, tail=_para("附表：主动公开政府信息情况（修订）") + "{TABLE2_CHANGED}" + "<w:p/>")
    report = load_report(path)
    found = run_all(report)
    dup = _codes(found, "DUP-TABLE")
    assert len(dup) == 1 and not _repeated(found), [f.message for f in found]
    message = dup[0].message
    assert message.startswith("表二出现了两次") and "第一个是文中第1个表格（二、主动公开政府信息情况）" in message
    assert "第二个是文中第4个表格" in message and "两个表有2格不同" in message and "第二个为7" in message
    assert {c.table for c in dup[0].location.cells} == {"二"} and len(dup[0].location.cells) == 2
    assert report.tables["二"][(0, 0)] == 0, "the first copy is read"
    # The 成文日期 is the last date line a reader sees, before the annex (not DATE-MISSING).
    assert report.date == dt.date(2022, 1, 12) and not _codes(found, "DATE-MISSING")
    after = _codes(found, "TEXT-AFTER-SIGNOFF")
    assert len(after) == 1 and "附表：主动公开政府信息情况（修订）" in after[0].message
    assert report.section_text("六").endswith("附表：主动公开政府信息情况（修订）"), "the caption is kept, not lost"
    assert "2022年1月12日" not in report.section_text("六") and report.organ.startswith("宁波市北仑区")


def test_the_same_table_twice_side_by_side_says_the_figures_are_the_same(tmp_path: Path) -> None:
    path = _sample_once(tmp_path)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    table2 = re.search(r"<w:tbl>.*?</w:tbl>", xml, re.S)
    assert table2 is not None
    doubled = _rezip(path, xml.replace(table2.group(), table2.group() + "<w:p/>" + table2.group(), 1))
    found = run_all(load_report(doubled))
    dup = _codes(found, "DUP-TABLE")
    assert len(dup) == 1 and not _repeated(found)
    assert "两个表的数字相同" in dup[0].message and "第二个是文中第2个表格（二、主动公开政府信息情况）" in dup[0].message
    assert not _codes(found, "TEXT-AFTER-SIGNOFF") and not _codes(found, "DATE-MISSING")


def _rezip(path: Path, document: str) -> Path:
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["word/document.xml"] = document.encode("utf-8")
    out = path.with_name("twice.docx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def test_a_copied_sheet_is_one_finding_naming_both_sheets(tmp_path: Path) -> None:
    write_xlsx(_wrong_total_report(), tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    copy = wb.copy_worksheet(wb["表三"])
    copy.title = "表三 (2)"
    changed = next(c for row in copy.iter_rows() for c in row if c.value == 1)
    changed.value = 70
    wb.save(tmp_path / "r.xlsx")
    report = load_report(tmp_path / "r.xlsx")
    found = run_all(report)
    dup = _codes(found, "DUP-TABLE")
    assert len(dup) == 1 and not _repeated(found), [f.message for f in found][:5]
    assert "表三出现了两次：第一个是工作表“表三”，第二个是工作表“表三 (2)”" in dup[0].message
    assert "第二个为70" in dup[0].message and re.search(r"两个表有\d+格不同", dup[0].message)
    assert CellRef("三", T3_NEW, T3_COL_NATURAL) in dup[0].location.cells
    assert report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 1, "the first sheet is read"


def test_a_web_copy_with_table_three_twice(tmp_path: Path) -> None:
    values = {(c.row, c.col): str(10 + i) for i, c in enumerate(TABLES["三"].cells)}
    text = page(values)
    other = dict(values)
    other[(T3_NEW, T3_COL_NATURAL)] = "99"
    text = text.replace("<p style='text-align:right'>", f"<div>{_html_table('三', other)}</div><p style='text-align:right'>")
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    found = run_all(load_report(path))
    dup = _codes(found, "DUP-TABLE")
    assert len(dup) == 1 and not _repeated(found)
    section = next(s for s in SECTIONS if s.key == "六").heading
    assert f"第二个是文中第4个表格（{section}）" in dup[0].message and "两个表有1格不同" in dup[0].message
    assert "第一个为10，第二个为99" in dup[0].message


def test_a_text_copy_with_a_table_after_its_signoff(tmp_path: Path) -> None:
    """The sample's text copy, its body once, with its 表二 again after the date."""
    lines = SAMPLE_TXT.read_text(encoding="utf-8").splitlines()
    date = lines.index("2022年1月12日")
    start = next(i for i, line in enumerate(lines) if line.startswith("\t第二十条第（一）项"))
    end = next(i for i in range(start, len(lines)) if lines[i] == "三、收到和处理政府信息公开申请情况")
    table2 = [line.replace("\t\u3000\u30000", "\t\u3000\u30005", 1) for line in lines[start:end]]
    text = "\n".join([*lines[:date + 1], "", "附表", "", *table2])
    path = tmp_path / "附表.txt"
    path.write_text(text, encoding="utf-8")
    report = load_report(path)
    found = run_all(report)
    dup = _codes(found, "DUP-TABLE")
    assert len(dup) == 1 and not _repeated(found)
    assert "表二出现了两次" in dup[0].message
    assert report.date == dt.date(2022, 1, 12) and not _codes(found, "DATE-MISSING")
    assert len(_codes(found, "TEXT-AFTER-SIGNOFF")) == 1


def test_a_row_written_twice_inside_one_table_is_one_finding_for_the_row(tmp_path: Path) -> None:
    values = {(c.row, c.col): str(10 + i) for i, c in enumerate(TABLES["三"].cells)}
    text = page(values)
    rows = re.findall(r"<tr>.*?</tr>", text)
    new_row = next(r for r in rows if "一、本年新收政府信息公开申请数量" in r)
    text = text.replace(new_row, new_row + new_row, 1)
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    found = run_all(load_report(path))
    repeated = _repeated(found)
    assert len(repeated) == 1 and not _codes(found, "DUP-TABLE"), [f.message for f in found]
    assert repeated[0].message.startswith("表三“一、本年新收政府信息公开申请数量”行重复出现，第二次的数字（自然人10、")
    assert len(repeated[0].location.cells) == TABLES["三"].n_cols


def test_every_view_says_it_once(tmp_path: Path) -> None:
    """check's text and --json, and the summary workbook's 全部问题: one DUP-TABLE line each."""
    folder = tmp_path / "收到"
    folder.mkdir()
    path = _sample_once(folder, tail=_para("附表") + "{TABLE2_CHANGED}" + "<w:p/>")
    text = run_app("check", path)
    lines = [line for line in text.stdout.splitlines() if "表二出现了两次" in line]
    assert len(lines) == 1 and lines[0].strip().startswith("[错误] DUP-TABLE"), text.stdout
    assert "重复出现" not in text.stdout
    items = json.loads(run_app("check", path, "--json").stdout)
    assert [i["code"] for i in items].count("DUP-TABLE") == 1 and not any("重复出现" in i["message"] for i in items)
    dest = tmp_path / "汇总.xlsx"
    run_app("check", folder, "--xlsx", dest)
    every = list(openpyxl.load_workbook(dest)["全部问题"].iter_rows(min_row=2, values_only=True))
    assert [r[4] for r in every].count("DUP-TABLE") == 1


def test_our_own_file_with_an_annex_added_after_its_signoff_in_word(tmp_path: Path) -> None:
    """A report written here, then a caption and a copy of its 表二 added after the 落款 in Word:
    the date is still found (our styles mark it), the caption kept and said, the copy said once."""
    mine = report("某县财政局", 2023)
    mine.date = dt.date(2024, 1, 20)
    save_report(mine, tmp_path / "own.docx")

    def annex(xml: str) -> str:
        table2 = re.search(r"<w:tbl>.*?</w:tbl>", xml, re.S)
        assert table2 is not None
        end = xml.rfind("<w:sectPr")
        return xml[:end] + _para("附表：主动公开政府信息情况（修订）") + table2.group() + "<w:p/>" + xml[end:]
    path = rewrite_docx(tmp_path / "own.docx", tmp_path / "annexed.docx", annex)
    read = load_report(path)
    found = run_all(read)
    assert read.date == dt.date(2024, 1, 20) and not _codes(found, "DATE-MISSING")
    assert len(_codes(found, "TEXT-AFTER-SIGNOFF")) == 1 and read.section_text("六").endswith("（修订）")
    dup = _codes(found, "DUP-TABLE")
    assert len(dup) == 1 and "两个表的数字相同" in dup[0].message and not _repeated(found)

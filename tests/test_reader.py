"""Reading reports written by others (app/docx/reader.py): the published sample, variants of
it edited at the XML level, and third-party-style files built in tests/thirdparty.py."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from app.checks import run_all
from app.io import ReadError
from app.reading import load_report
from app.report import ParaKind
from app.schema import (
    T2_COERCION,
    T2_FEES,
    T2_ISSUED,
    T2_ONLY_COL,
    T2_RULES,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COL_BUSINESS,
    T3_COL_NATURAL,
    T3_COL_OTHER,
    T3_COL_RESEARCH,
    T3_COL_TOTAL,
    T3_DISCLOSED,
    T3_NEW,
    T3_RESULT_TOTAL,
    T3_ROW,
    T4_COL,
    T4_GROUP_TOTAL,
    T4_REVIEW_GROUP,
    T4_ROW,
    T4_UPHELD,
    TABLE3,
    CellRef,
)
from tests.thirdparty import Spec, build

Variant = Callable[[Callable[[str], str]], Path]


# -- the published sample ------------------------------------------------------------------------

def test_sample_metadata_and_sections(sample: Path) -> None:
    r = load_report(sample)
    assert r.organ == "宁波市北仑区人民政府小港街道办事处"
    assert r.year == 2021
    assert r.date == dt.date(2022, 1, 12)
    assert r.section_text("前言").startswith("编制说明：本报告是根据")
    assert r.sections["一"][1].kind is ParaKind.HEADING2
    assert r.sections["一"][1].text.startswith("（一）强化组织领导")
    assert r.section_text("五").startswith("2021年，小港街道政府信息公开工作")
    six = r.section_text("六")
    assert "未收到政府信息公开申请" in six and "把好信息公开质量关" in six
    assert "宁波市北仑区人民政府小港街道办事处" not in six  # the signature is not body text


def test_sample_body_pasted_twice_reads_the_first_copy_and_says_so(sample: Path) -> None:
    r = load_report(sample)
    assert "政府政府" not in r.section_text("一")  # that stutter is only in the second copy
    assert len(r.sections["一"]) == 5
    dup = [f for f in r.import_findings if f.code == "DUP-PARAGRAPH"]
    assert len(dup) == 1 and "一、总体情况" in dup[0].message


def test_sample_tables(sample: Path) -> None:
    r = load_report(sample)
    t3 = r.tables["三"]
    assert [t3[(T3_NEW, c)] for c in range(7)] == [1, 0, 0, 0, 0, 0, 1]
    assert [t3[(T3_DISCLOSED, c)] for c in range(7)] == [1, None, None, None, None, None, 1]
    assert [t3[(T3_RESULT_TOTAL, c)] for c in range(7)] == [1, 0, 0, 0, 0, 0, 1]
    assert all(t3[(T3_CARRIED_IN, c)] is None for c in range(7))  # 上年结转 left blank in the file
    assert r.tables["二"][(T2_FEES, T2_ONLY_COL)] == Decimal("0")
    assert all(v is None for v in r.tables["四"].values())
    assert not r.pinned and not r.raw


def test_sample_findings(sample: Path) -> None:
    found = {f.code for f in run_all(load_report(sample))}
    assert {"DUP-PARAGRAPH", "BLANK-CELL", "SECTION1-TOO-LONG"} <= found
    assert not found & {"T3-COLUMN-BALANCE", "T3-ROW-TOTAL", "T3-RESULT-TOTAL", "T4-GROUP-TOTAL"}


def test_label_edited_numbering_still_places_numbers(variant: Variant) -> None:
    path = variant(lambda xml: xml.replace("<w:t>1.</w:t>", "<w:t>1、</w:t>", 1))
    r = load_report(path)
    edits = [f for f in r.import_findings if f.code == "LABEL-EDITED"]
    assert any("1、属于国家秘密" in f.message and "1.属于国家秘密" in f.message for f in edits)
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 1


def test_year_put_into_a_header(variant: Variant) -> None:
    path = variant(lambda xml: xml.replace("一、本年新收政府信息公开申请数量", "一、2021年本年新收政府信息公开申请数量", 1))
    r = load_report(path)
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 1
    assert any("2021年本年新收" in f.message for f in r.import_findings if f.code == "LABEL-EDITED")


def test_a_wrong_total_in_a_file_is_kept_and_reported(variant: Variant) -> None:
    # The sample's first table-三 row reads 1 … 1; make its 总计 say 2.
    def edit(xml: str) -> str:
        start = xml.index("一、本年新收政府信息公开申请数量")
        end = xml.index("</w:tr>", start)
        row = xml[start:end]
        cut = row.rindex("<w:t>1</w:t>")
        return xml[:start] + row[:cut] + "<w:t>2</w:t>" + row[cut + 12 :] + xml[end:]

    r = load_report(variant(edit))
    assert r.tables["三"][(T3_NEW, T3_COL_TOTAL)] == 2
    assert CellRef("三", T3_NEW, T3_COL_TOTAL) in r.pinned
    assert any(f.code == "T3-ROW-TOTAL" and "总计=2" in f.message for f in run_all(r))


# -- third-party-style files -----------------------------------------------------------------------

def test_thirdparty_plain_file(tmp_path: Path) -> None:
    spec = Spec(t3={(T3_NEW, T3_COL_NATURAL): "３", (T3_NEW, T3_COL_TOTAL): "3", (T3_DISCLOSED, T3_COL_NATURAL): "２", (T3_RESULT_TOTAL, T3_COL_NATURAL): "2", (T3_RESULT_TOTAL, T3_COL_TOTAL): "2", (T3_DISCLOSED, T3_COL_TOTAL): "2",
                    (T3_CARRIED_OUT, T3_COL_NATURAL): "1", (T3_CARRIED_OUT, T3_COL_TOTAL): "1"},
                t2={(T2_RULES, T2_ISSUED): "1", (T2_FEES, T2_ONLY_COL): "96171.6"}, t4={T4_COL[T4_REVIEW_GROUP, T4_UPHELD]: "1", T4_COL[T4_REVIEW_GROUP, T4_GROUP_TOTAL]: "1"})
    r = load_report(build(spec, tmp_path / "a.docx"))
    assert r.organ == spec.organ and r.year == 2023 and r.date == dt.date(2024, 1, 20)
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 3 and r.tables["三"][(T3_CARRIED_OUT, T3_COL_TOTAL)] == 1
    assert r.tables["二"][(T2_RULES, T2_ISSUED)] == 1 and r.tables["二"][(T2_FEES, T2_ONLY_COL)] == Decimal("96171.6")
    assert r.tables["四"][(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])] == 1 and r.tables["四"][(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_GROUP_TOTAL])] == 1
    arithmetic = [f for f in run_all(r) if f.code.startswith(("T3", "T4"))]
    assert arithmetic == []
    assert not [f for f in r.import_findings if f.code in ("LABEL-EDITED", "OLD-FORMAT")]


# 表三 in two tables and 表二 as four, with figures in each part (tests/test_pdfread.py prints it too).
SPLIT_TABLES = Spec(split_t3_at=12, t2_as_four=True,
                    t3={(T3_ROW["2.没有现成信息需要另行制作"], T3_COL_RESEARCH): "4", (T3_CARRIED_OUT, T3_COL_OTHER): "7"},
                    t2={(T2_COERCION, T2_ONLY_COL): "9", (T2_FEES, T2_ONLY_COL): "5949.088667"})


def test_table3_split_in_two_and_table2_as_four_tables(tmp_path: Path) -> None:
    r = load_report(build(SPLIT_TABLES, tmp_path / "b.docx"))
    assert r.tables["三"][(T3_ROW["2.没有现成信息需要另行制作"], T3_COL_RESEARCH)] == 4 and r.tables["三"][(T3_CARRIED_OUT, T3_COL_OTHER)] == 7
    assert r.tables["二"][(T2_COERCION, T2_ONLY_COL)] == 9
    assert str(r.tables["二"][(T2_FEES, T2_ONLY_COL)]) == "5949.088667"


def test_a_one_row_continuation_part(tmp_path: Path) -> None:
    r = load_report(build(Spec(split_t3_at=24, t3={(T3_CARRIED_OUT, T3_COL_NATURAL): "2"}), tmp_path / "k.docx"))
    assert r.tables["三"][(T3_CARRIED_OUT, T3_COL_NATURAL)] == 2


def test_unmerged_label_cells(tmp_path: Path) -> None:
    spec = Spec(merge_labels=False, t3={(T3_ROW["3.其他"], T3_COL_BUSINESS): "2"})
    r = load_report(build(spec, tmp_path / "c.docx"))
    assert r.tables["三"][(T3_ROW["3.其他"], T3_COL_BUSINESS)] == 2


def test_old_2019_other_row_is_reported_not_guessed(tmp_path: Path) -> None:
    r = load_report(build(Spec(old_2019_other="3"), tmp_path / "d.docx"))
    old = [f for f in r.import_findings if f.code == "OLD-FORMAT"]
    assert len(old) == 1 and "（六）其他处理" in old[0].message and "自然人3" in old[0].message
    assert all(r.tables["三"][(row, 0)] is None for row in range(20, 23))


def test_typo_in_a_label_and_unplaceable_row(tmp_path: Path) -> None:
    spec = Spec(relabel={"2.重复申请": "2.重复申清", "3.其他": "甲乙丙丁"}, t3={(T3_ROW["2.重复申请"], T3_COL_NATURAL): "1", (T3_ROW["3.其他"], T3_COL_NATURAL): "5"})
    r = load_report(build(spec, tmp_path / "e.docx"))
    assert r.tables["三"][(T3_ROW["2.重复申请"], T3_COL_NATURAL)] == 1  # a typo still places the numbers
    msgs = [f.message for f in r.import_findings if f.code == "LABEL-EDITED"]
    assert any("2.重复申清" in m for m in msgs)
    assert any("甲乙丙丁" in m and "5" in m and "未导入" in m for m in msgs)


def test_invalid_cell_text_is_kept_for_the_message(tmp_path: Path) -> None:
    spec = Spec(t3={(T3_NEW, T3_COL_NATURAL): "abc", (T3_NEW, T3_COL_BUSINESS): "—", (T3_NEW, T3_COL_RESEARCH): "-2"})
    r = load_report(build(spec, tmp_path / "f.docx"))
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] is None
    assert r.raw[CellRef("三", T3_NEW, T3_COL_NATURAL)] == "abc"
    invalid = {f.location.cells[0].col: f for f in run_all(r) if f.code == "VALUE-INVALID"}
    assert set(invalid) == {0, 1, 2}
    assert "不能为负数" in invalid[2].message


def test_headings_reworded_and_old_wording(tmp_path: Path) -> None:
    spec = Spec(headings={"二": "二、行政机关主动公开政府信息情况", "五": "五、政府信息公开工作存在的主要问题及改进情况",
                          "一": "一. 总体情况"},
                text={"五": ["问题一。"], "六": ["一、进一步强化信息公开意识", "本年度未收取信息处理费。"]})
    r = load_report(build(spec, tmp_path / "g.docx"))
    assert r.section_text("五") == "问题一。"
    assert r.section_text("六") == "一、进一步强化信息公开意识\n本年度未收取信息处理费。"
    assert r.sections["六"][0].kind is ParaKind.HEADING1
    edited = [f.message for f in r.import_findings if f.code == "LABEL-EDITED"]
    assert any("行政机关主动公开政府信息情况" in m for m in edited)
    assert not any(f.code == "MISSING-SECTION" for f in r.import_findings)


def test_title_with_year_first(tmp_path: Path) -> None:
    r = load_report(build(Spec(title="2023年某县财政局政府信息公开工作年度报告"), tmp_path / "h.docx"))
    assert r.organ == "某县财政局" and r.year == 2023


def test_thirdparty_body_twice(tmp_path: Path) -> None:
    r = load_report(build(Spec(body_twice=True, t3={(T3_NEW, T3_COL_NATURAL): "1"}), tmp_path / "i.docx"))
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 1
    assert [f.code for f in r.import_findings].count("DUP-PARAGRAPH") == 1
    assert r.section_text("六") == "本年度工作正常开展。"


# -- bad files ------------------------------------------------------------------------------------

def _zip_without_document(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b""), "空"),
        (lambda p: p.write_bytes(b"hello, not a docx"), "不是 Word 文档"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100), "另存为"),
        (lambda p: p.write_bytes((Path(__file__).parent / "data" / "xiaogang-2021.docx").read_bytes()[:5000]), "损坏"),
        (_zip_without_document, "损坏"),
    ],
    ids=["empty", "text", "doc97", "truncated", "no-document-part"],
)
def test_bad_files_get_one_clear_line(tmp_path: Path, make: Callable[[Path], object], words: str) -> None:
    path = tmp_path / "bad.docx"
    make(path)
    with pytest.raises(ReadError) as err:
        load_report(path)
    message = str(err.value)
    assert words in message and "\n" not in message and str(path) in message


def test_docx_without_tables(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("会议纪要")
    d.save(str(tmp_path / "memo.docx"))
    with pytest.raises(ReadError, match="没有找到统计表格"):
        load_report(tmp_path / "memo.docx")


def test_missing_file() -> None:
    with pytest.raises(ReadError, match="不存在"):
        load_report(Path("/nonexistent/x.docx"))


def test_every_row_label_round_trips_through_the_matcher() -> None:
    from app.docx.tables import T3_ROWS

    for i, label in enumerate(TABLE3.row_labels):
        assert T3_ROWS.match(label) == (i, True)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
def test_word97_doc_is_converted_when_soffice_is_there(sample: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path), str(sample)],
        capture_output=True, timeout=180, check=True,
    )
    r = load_report(tmp_path / "xiaogang-2021.doc")
    assert r.organ == "宁波市北仑区人民政府小港街道办事处"
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 1


def test_word97_doc_without_soffice_says_how_to_convert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ReadError, match="另存为"):
        load_report(doc)


def test_a_table_that_is_no_statutory_table_is_mentioned(tmp_path: Path) -> None:
    import docx

    path = build(Spec(), tmp_path / "extra.docx")
    d = docx.Document(str(path))
    extra = d.add_table(rows=2, cols=2)
    extra.cell(0, 0).text, extra.cell(0, 1).text = "栏目", "信息条数"
    extra.cell(1, 0).text, extra.cell(1, 1).text = "通知公告", "120"
    d.save(str(path))
    notes = [f for f in load_report(path).import_findings if "不是法定统计表" in f.message]
    assert len(notes) == 1 and "栏目" in notes[0].message


def test_run_in_headings(tmp_path: Path) -> None:
    """Some reports run the heading into the first paragraph: “一、总体情况。2023年，…”."""
    body = "2023年，本局认真贯彻落实政府信息公开条例，全面推进决策、执行、管理、服务、结果公开。"
    spec = Spec(headings={"一": "一、总体情况。" + body, "五": "五、存在的主要问题及改进情况：问题是公开不够及时，改进措施是建立台账。"},
                text={"一": [], "五": []})
    r = load_report(build(spec, tmp_path / "runin.docx"))
    assert r.section_text("一") == body
    assert r.section_text("五") == "问题是公开不够及时，改进措施是建立台账。"
    assert not [f for f in r.import_findings if f.code in ("MISSING-SECTION", "LABEL-EDITED")]


RUN_IN = [
    ("一", "一、总体情况", "2023年本局认真贯彻落实政府信息公开条例"),
    ("一", "一、总体情况", " 2023年，本局认真贯彻落实条例。"),
    ("一", "一、总体情况", "（一）主动公开。本年度公开文件12件。"),
    # A section answered in a line after a space (rev24a M8): the answer is its text, one character too.
    ("六", "六、其他需要报告的事项", " 无"),
    ("五", "五、存在的主要问题及改进情况", " 无"),
    ("六", "六、其他需要报告的事项", " 本年度未收取费用"),
    ("一", "一、总体情况", " 良好"),
]


@pytest.mark.parametrize(("key", "heading", "after"), RUN_IN, ids=[h + a for _, h, a in RUN_IN])
def test_run_in_headings_without_a_separator(tmp_path: Path, key: str, heading: str, after: str) -> None:
    """A heading run into its text with no stop between (rev24a M3 kept apart from an edited
    heading's few more words): the text is the section's, nothing lost and nothing said."""
    r = load_report(build(Spec(headings={key: heading + after}, text={key: []}), tmp_path / "runin.docx"))
    assert r.section_text(key) == after.strip()
    assert not [f for f in r.import_findings if f.code in ("MISSING-SECTION", "LABEL-EDITED")]


def test_an_oa_systems_doc_that_is_a_web_page(tmp_path: Path) -> None:
    """OA systems export “Word” files that are HTML inside; read them as the web page they are."""
    src = (Path(__file__).parent / "data" / "xiaogang-2021.txt").read_text(encoding="utf-8")
    first_copy = src[: src.index("2022年1月12日")]  # the sample's body is doubled: one copy here
    rows = "".join(f"<p>{line}</p>" for line in first_copy.splitlines() if line and not line.startswith("\t"))
    path = tmp_path / "导出.doc"
    path.write_text(f"<html><body>{rows}<table><tr><td>一、本年新收政府信息公开申请数量</td>"
                    + "<td>1</td>" * 7 + "</tr><tr><td>四、结转下年度继续办理</td>" + "<td>0</td>" * 7
                    + "</tr></table></body></html>", encoding="utf-8")
    r = load_report(path)
    assert r.organ == "宁波市北仑区人民政府小港街道办事处" and r.tables["三"][(T3_NEW, T3_COL_TOTAL)] == 1


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64, "密码"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", ".mht"),
    ],
    ids=["encrypted", "mht"],
)
def test_protected_and_single_file_web_pages(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=words):
        load_report(path)


T4_VALUES = {0: "1", 4: "1", 8: "2", 9: "2"}  # 复议 维持 1 (总计 1); 直接起诉 尚未审结 2 (总计 2)


@pytest.mark.parametrize(
    "spec",
    [
        Spec(t4=T4_VALUES, extra_column={"四": ""}),
        Spec(t4=T4_VALUES, widen_last_cell={"四"}),
        Spec(t4=T4_VALUES, extra_column={"四": "备注"}),
    ],
    ids=["blank-right-column", "sliver-column", "remarks-column"],
)
def test_table4_columns_follow_the_header(tmp_path: Path, spec: Spec) -> None:
    """An extra column (blank, a 1-twip sliver from a .doc conversion, 备注) shifts nothing."""
    r = load_report(build(spec, tmp_path / "t4.docx"))
    row = [r.tables["四"][(0, c)] for c in range(15)]
    assert row == [1, 0, 0, 0, 1, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0]
    assert not [f for f in run_all(r) if f.code.startswith("T4")]


@pytest.mark.parametrize("header", ["", "备注"])
def test_table3_with_an_extra_column_on_the_right(tmp_path: Path, header: str) -> None:
    spec = Spec(t3={(T3_NEW, T3_COL_NATURAL): "3", (T3_NEW, T3_COL_TOTAL): "3", (T3_DISCLOSED, T3_COL_NATURAL): "3", (T3_DISCLOSED, T3_COL_TOTAL): "3", (T3_RESULT_TOTAL, T3_COL_NATURAL): "3", (T3_RESULT_TOTAL, T3_COL_TOTAL): "3"},
                extra_column={"三": header})
    r = load_report(build(spec, tmp_path / "t3.docx"))
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 3 and r.tables["三"][(T3_RESULT_TOTAL, T3_COL_TOTAL)] == 3
    assert not [f for f in r.import_findings if f.code == "LABEL-EDITED"]


def test_a_stray_vertical_merge_from_the_header_does_not_hide_rows(tmp_path: Path) -> None:
    """A data row whose label cell continues a merge begun in the header is still a data row."""
    spec = Spec(split_t3_at=7, split_with_stray_merge=True, t3={(T3_ROW["4.保护第三方合法权益"], T3_COL_NATURAL): "2", (T3_ROW["5.属于三类内部事务信息"], T3_COL_BUSINESS): "3", (T3_CARRIED_OUT, T3_COL_TOTAL): "1"})
    r = load_report(build(spec, tmp_path / "stray.docx"))
    assert (r.tables["三"][(T3_ROW["4.保护第三方合法权益"], T3_COL_NATURAL)], r.tables["三"][(T3_ROW["5.属于三类内部事务信息"], T3_COL_BUSINESS)], r.tables["三"][(T3_CARRIED_OUT, T3_COL_TOTAL)]) == (2, 3, 1)


@pytest.mark.parametrize(
    ("title", "organ", "year"),
    [
        ("某区人民政府办公室2023年政府信息公开年度报告", "某区人民政府办公室", 2023),
        ("某局2023年度政府信息公开工作报告", "某局", 2023),
        ("某区市场监督管理局关于2023年度政府信息公开工作年度报告的报告", "某区市场监督管理局", 2023),
        ("某局2023年度政务公开工作年度报告", "某局", 2023),
        ("某局2023年度政府信息公开工作年度报告（更正版）", "某局", 2023),
        ("2023年某县财政局政府信息公开工作年度报告", "某县财政局", 2023),
        ("某县某局二〇二三年度政府信息公开工作年度报告", "某县某局", 2023),
        ("年度政府信息公开工作年度报告", "", None),
    ],
)
def test_titles_as_agencies_write_them(title: str, organ: str, year: int | None) -> None:
    from app.docx.reader import parse_title

    assert parse_title(title) == (organ, year)


def test_nonstandard_title_is_reported_and_a_missing_year_taken_from_the_period(tmp_path: Path) -> None:
    spec = Spec(title="某区人民政府办公室政府信息公开工作年度报告",
                text={"一": ["本报告统计期限自2023年1月1日至12月31日。"], "五": ["问题。"], "六": ["无。"]})
    r = load_report(build(spec, tmp_path / "noyear.docx"))
    assert r.year == 2023
    notes = [f.message for f in r.import_findings if f.code == "TITLE-NONSTANDARD"]
    assert any("统计期限" in m for m in notes)
    r2 = load_report(build(Spec(title="某局2023年政府信息公开年度报告"), tmp_path / "odd.docx"))
    assert any("不是规范写法" in f.message for f in r2.import_findings if f.code == "TITLE-NONSTANDARD")


@pytest.mark.parametrize(
    ("written", "date", "code"),
    [
        ("2024年1月20日", dt.date(2024, 1, 20), None),
        ("二〇二四年一月二十日", dt.date(2024, 1, 20), "DATE-FORMAT"),
        ("2024.1.20", dt.date(2024, 1, 20), "DATE-FORMAT"),
        ("2024-01-20", dt.date(2024, 1, 20), "DATE-FORMAT"),
        ("2024年2月30日", None, "DATE-INVALID"),
    ],
)
def test_dates_as_written(tmp_path: Path, written: str, date: dt.date | None, code: str | None) -> None:
    r = load_report(build(Spec(date=written), tmp_path / "d.docx"))
    assert r.date == date
    codes = {f.code for f in run_all(r)}
    assert (code in codes) if code else not codes & {"DATE-FORMAT", "DATE-INVALID", "DATE-MISSING"}
    assert "DATE-MISSING" not in codes
    assert written not in r.section_text("六")


def test_an_edited_column_header_is_reported_once(tmp_path: Path) -> None:
    r = load_report(build(Spec(relabel={"自然人": "自然人员", "总计": "合计数"}), tmp_path / "col.docx"))
    notes = [f for f in r.import_findings if f.code == "LABEL-EDITED" and "自然人员" in f.message]
    assert len(notes) == 1


def test_a_file_with_tracked_changes_is_read_as_accepted_and_says_so(tmp_path: Path) -> None:
    """From the GUI test: revisions were read silently; a published report should carry none,
    and a reviewer wants to know the figures came from accepting them."""
    from app.checks import run_all
    from app.findings import REVISIONS
    from app.io import save_report
    from tests.conftest import SAMPLE
    from tests.hostile import _sample_rewritten

    plain = load_report(SAMPLE)
    assert not [f for f in run_all(plain) if f.code == REVISIONS.code]
    # the organ's name with one word deleted and one inserted, and a paragraph moved away
    organ = plain.organ
    edited = _sample_rewritten(lambda x: x.replace(
        "<w:body>", '<w:body><w:p><w:moveFrom w:id="1" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom></w:p>', 1)
        .replace(f"<w:t>{organ}", f'<w:t></w:t></w:r><w:del w:id="2" w:author="a"><w:r><w:delText>旧</w:delText></w:r>'
                 f'</w:del><w:ins w:id="3" w:author="a"><w:r><w:t>{organ}</w:t></w:r></w:ins><w:r><w:t>', 1))
    path = tmp_path / "修订.docx"
    path.write_bytes(edited)
    report = load_report(path)
    found = [f for f in run_all(report) if f.code == REVISIONS.code]
    assert report.tables == plain.tables and report.organ == organ, "read as accepted"
    assert len(found) == 1 and "3处" in found[0].message, [f.message for f in found]
    saved = tmp_path / "已保存.docx"
    save_report(report, saved)
    assert not [f for f in run_all(load_report(saved)) if f.code == REVISIONS.code], "what we write carries none"


@pytest.mark.parametrize("after", ["一、总体情况", None])
def test_a_table_that_is_no_statutory_table_is_located_where_it_stands(tmp_path: Path, after: str | None) -> None:
    """From the GUI test: an annex table after 六 was said to be in 前言.  The note names the
    section the table stands in: under a heading, that one; after the signature, the last."""
    import docx

    path = build(Spec(), tmp_path / "extra.docx")
    d = docx.Document(str(path))
    extra = d.add_table(rows=2, cols=2)
    extra.cell(0, 0).text, extra.cell(0, 1).text = "栏目", "信息条数"
    extra.cell(1, 0).text, extra.cell(1, 1).text = "通知公告", "120"
    if after is not None:
        heading = next(p for p in d.paragraphs if p.text.startswith(after))
        heading._p.addnext(extra._tbl)
    d.save(str(path))
    (note,) = [f for f in load_report(path).import_findings if "不是法定统计表" in f.message]
    assert note.location.section == ("一" if after else "六")

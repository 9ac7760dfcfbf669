"""A table of words in a narrative section (五 written as 存在的问题 | 改进措施, measures in a
grid) is no statutory table: it was read as nothing — not in the section, no finding — and the
report saved without it.  Its rows are the section's paragraphs, in order, and it is said."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.io import save_report
from app.reading import load_report
from tests.conftest import rewrite_docx
from tests.test_reader_forms import FIGURES, TEXT, _p
from tests.thirdparty import Spec, build


def _table(rows: list[tuple[str, ...]]) -> str:
    cols = "".join("<w:gridCol/>" for _ in rows[0])
    return (f"<w:tbl><w:tblGrid>{cols}</w:tblGrid>"
            + "".join("<w:tr>" + "".join(f"<w:tc>{_p(t) if t else '<w:p/>'}</w:tc>" for t in row) + "</w:tr>" for row in rows)
            + "</w:tbl>")


def _with_table(tmp_path: Path, rows: list[tuple[str, ...]], key: str = "五") -> Path:
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "typed.docx")
    anchor = _p(TEXT[key][0])
    return rewrite_docx(src, tmp_path / "with-table.docx", lambda x: x.replace(anchor, anchor + _table(rows), 1))


_PROBLEMS = [("存在的问题", "改进措施"), ("政策解读的形式比较单一", "下一步将运用图表、视频等多种形式开展解读。"),
             ("依申请公开答复的规范性有待提高", "下一步将组织业务培训，统一答复文书格式。")]


@pytest.mark.parametrize(("rows", "read"), [
    (_PROBLEMS, ["存在的问题：政策解读的形式比较单一；改进措施：下一步将运用图表、视频等多种形式开展解读。",
                 "存在的问题：依申请公开答复的规范性有待提高；改进措施：下一步将组织业务培训，统一答复文书格式。"]),
    ([("1", "工作机制不够健全。", "下一步将建立健全工作机制。"), ("2", "公开内容不够全面", "下一步将扩大公开范围")],
     ["1；工作机制不够健全；下一步将建立健全工作机制。", "2；公开内容不够全面；下一步将扩大公开范围"]),
], ids=["header", "numbered"])
def test_a_table_of_words_in_a_section_is_its_text_and_kept_at_save(tmp_path: Path, rows: list[tuple[str, ...]],
                                                                     read: list[str]) -> None:
    r = load_report(_with_table(tmp_path, rows))
    assert r.section_text("五") == "\n".join([*TEXT["五"], *read])
    said = [f.message for f in r.import_findings]
    assert len(said) == 1 and "已逐行转为2个段落" in said[0] and rows[0][0] in said[0], said
    assert {k: r.section_text(k) for k in TEXT if k != "五"} == {k: "\n".join(v) for k, v in TEXT.items() if k != "五"}
    saved = tmp_path / "saved.docx"
    save_report(r, saved)
    assert rows[1][1].rstrip("。") in zipfile.ZipFile(saved).read("word/document.xml").decode()
    again = load_report(saved)
    assert again.section_text("五") == r.section_text("五") and not again.import_findings


def test_a_table_with_figures_is_still_said_as_not_statutory(tmp_path: Path) -> None:
    """A table holding figures is not made text (it may be a statutory table the reader did not
    know); it is said, and that it does not go with the report."""
    r = load_report(_with_table(tmp_path, [("项目", "数量"), ("政务微博发布信息", "120"), ("政务微信发布信息", "80")], "二"))
    assert r.section_text("二") == "\n".join(TEXT["二"])
    said = [f.message for f in r.import_findings]
    assert len(said) == 1 and "不是法定统计表" in said[0] and "不随报告保存" in said[0], said


def test_a_cell_of_several_paragraphs_is_one_line_of_its_rows_paragraph(tmp_path: Path) -> None:
    """A cell holding two paragraphs: its row is still one paragraph, without a line end in it
    (a paragraph holding one was two after saving and reading again)."""
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "typed.docx")
    table = ("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc>" + _p("存在的问题") + "</w:tc><w:tc>"
             + _p("改进措施") + "</w:tc></w:tr><w:tr><w:tc>" + _p("一是解读形式单一。") + _p("二是答复不够规范") + "</w:tc><w:tc>"
             + _p("丰富解读形式") + _p("加强培训。") + "</w:tc></w:tr></w:tbl>")
    anchor = _p(TEXT["五"][0])
    r = load_report(rewrite_docx(src, tmp_path / "t.docx", lambda x: x.replace(anchor, anchor + table, 1)))
    row = "存在的问题：一是解读形式单一。二是答复不够规范；改进措施：丰富解读形式；加强培训。"
    assert [p.text for p in r.sections["五"]] == [*TEXT["五"], row]
    saved = tmp_path / "saved.docx"
    save_report(r, saved)
    assert [p.text for p in load_report(saved).sections["五"]] == [*TEXT["五"], row]


def _read_and_saved(tmp_path: Path, path: Path) -> tuple[list[str], list[str], list[str]]:
    r = load_report(path)
    saved = tmp_path / "saved.docx"
    save_report(r, saved)
    return [p.text for p in r.sections["五"]], [f.message for f in r.import_findings], \
        [p.text for p in load_report(saved).sections["五"]]


@pytest.mark.parametrize("second", ["2024年将运用图表、视频等多种形式开展解读。", "下一步将与12345热线联动，统一答复口径。",
                                    "依照条例第二十条，3月前完成目录更新。"], ids=["year", "hotline", "article-and-month"])
def test_a_table_of_words_with_a_figure_inside_a_sentence_is_still_text(tmp_path: Path, second: str) -> None:
    """A digit inside a sentence (“2024年将…”, “12345热线”) made a table of words one of figures:
    said as not statutory and gone at the next save (rev22b M1).  Cells of figures alone decide."""
    rows = [_PROBLEMS[0], (_PROBLEMS[1][0], second), _PROBLEMS[2]]
    read, said, again = _read_and_saved(tmp_path, _with_table(tmp_path, rows))
    assert read == [*TEXT["五"], f"存在的问题：{_PROBLEMS[1][0]}；改进措施：{second}",
                    f"存在的问题：{_PROBLEMS[2][0]}；改进措施：{_PROBLEMS[2][1]}"]
    assert len(said) == 1 and "已逐行转为2个段落" in said[0], said
    assert again == read


def test_a_table_of_figures_with_words_in_its_header_is_still_not_text(tmp_path: Path) -> None:
    r = load_report(_with_table(tmp_path, [("项目", "2022年", "2023年"), ("政务微博发布信息", "120", "135"),
                                           ("政务微信发布信息", "80", "96")], "二"))
    assert r.section_text("二") == "\n".join(TEXT["二"])
    said = [f.message for f in r.import_findings]
    assert len(said) == 1 and "不随报告保存" in said[0], said


@pytest.mark.parametrize("paras", [["一是政策解读形式单一，2024年将丰富解读形式。", "二是依申请公开答复不够规范，将组织培训。"],
                                   ["一是政策解读形式单一，下一步将丰富解读形式", "二是依申请公开答复不够规范，将组织培训"]],
                         ids=["digits", "no-digits"])
def test_a_box_is_read_as_its_paragraphs(tmp_path: Path, paras: list[str]) -> None:
    """五's paragraphs framed in a table of one cell: with a digit they were lost at save, without
    one joined into one paragraph by “；” (rev22b M1).  A box is its paragraphs, each its own."""
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "typed.docx")
    box = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>" + "".join(map(_p, paras)) + "</w:tc></w:tr></w:tbl>"
    anchor = _p(TEXT["五"][0])
    read, said, again = _read_and_saved(tmp_path, rewrite_docx(src, tmp_path / "box.docx",
                                                               lambda x: x.replace(anchor, anchor + box, 1)))
    assert read == [*TEXT["五"], *paras] and again == read
    assert len(said) == 1 and "2个段落" in said[0], said


_SHORT = [("公开内容不够全面", "加大公开力度"), ("解读形式较为单一", "丰富解读形式"), ("平台建设有待加强", "优化网站栏目")]


@pytest.mark.parametrize("says", ["nothing", "tblHeader", "bold"])
def test_a_short_first_row_is_a_header_only_when_the_file_or_its_words_say_so(tmp_path: Path, says: str) -> None:
    """A table of short pairs without a header row: its first pair was made every other row's
    labels (rev22b M3).  A header is one the file marks (标题行重复, all bold) or of a header's words."""
    def mark(xml: str) -> str:
        first = "<w:tr>" + "".join(f"<w:tc>{_p(t)}</w:tc>" for t in _SHORT[0])
        if says == "tblHeader":
            return xml.replace(first, first.replace("<w:tr>", "<w:tr><w:trPr><w:tblHeader/></w:trPr>"), 1)
        if says == "bold":
            bold = first
            for t in _SHORT[0]:
                bold = bold.replace(_p(t), _p(t).replace("<w:r>", "<w:r><w:rPr><w:b/></w:rPr>"))
            return xml.replace(first, bold, 1)
        return xml

    marked = rewrite_docx(_with_table(tmp_path, _SHORT), tmp_path / "marked.docx", mark)
    read, _, again = _read_and_saved(tmp_path, marked)
    if says == "nothing":
        assert read[len(TEXT["五"]):] == ["；".join(row) for row in _SHORT]
    else:
        h = _SHORT[0]
        assert read[len(TEXT["五"]):] == [f"{h[0]}：{a}；{h[1]}：{b}" for a, b in _SHORT[1:]]
    assert again == read


def _before_first_heading(tmp_path: Path, table: str) -> Path:
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "typed.docx")

    def put(xml: str) -> str:
        at = xml.index("一、总体情况")
        start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
        return xml[:start] + table + xml[start:]
    return rewrite_docx(src, tmp_path / "before.docx", put)


def test_a_preface_framed_in_a_box_is_the_preface(tmp_path: Path) -> None:
    """The 前言's paragraphs in a box before 一: dropped without a word, lost at save (rev22b M1)."""
    paras = ["本报告依据《中华人民共和国政府信息公开条例》和国务院办公厅有关通知要求编制。", "本报告中所列数据的统计期限自上年一月一日起至十二月三十一日止。"]
    box = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>" + "".join(map(_p, paras)) + "</w:tc></w:tr></w:tbl>"
    r = load_report(_before_first_heading(tmp_path, box))
    assert r.section_text("前言").split("\n")[-2:] == paras
    save_report(r, tmp_path / "saved.docx")
    assert load_report(tmp_path / "saved.docx").section_text("前言").split("\n")[-2:] == paras


def test_a_table_of_words_not_read_is_said(tmp_path: Path) -> None:
    """A table of words the reader does not take as text (before 一, not a box of sentences) is
    said, never dropped silently (rev22b M1)."""
    r = load_report(_before_first_heading(tmp_path, _table([("编制单位", "区政府办公室"), ("公开方式", "主动公开")])))
    said = [f.message for f in r.import_findings]
    assert len(said) == 1 and "编制单位" in said[0] and "文字未读入正文" in said[0], said


def test_cells_under_a_header_spanning_two_columns_are_kept(tmp_path: Path) -> None:
    """改进措施 merged over two columns (措施 | 完成时限): the cells past the header's count were
    dropped from the text and from the saved file (rev22b M3)."""
    def tc(text: str, span: int = 1) -> str:
        return (f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else "<w:tc>") + _p(text) + "</w:tc>"

    rows = [("政策解读的形式比较单一", "运用图表、视频等形式开展解读", "全年持续推进"),
            ("依申请公开答复的规范性有待提高", "组织业务培训，统一答复文书格式", "上半年完成")]
    table = ("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>" + tc("存在的问题") + tc("改进措施", 2)
             + "</w:tr>" + "".join("<w:tr>" + "".join(map(tc, row)) + "</w:tr>" for row in rows) + "</w:tbl>")
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "typed.docx")
    anchor = _p(TEXT["五"][0])
    read, said, again = _read_and_saved(tmp_path, rewrite_docx(src, tmp_path / "span.docx",
                                                               lambda x: x.replace(anchor, anchor + table, 1)))
    assert read[len(TEXT["五"]):] == [f"存在的问题：{a}；改进措施：{b}；{c}" for a, b, c in rows]
    assert again == read and len(said) == 1

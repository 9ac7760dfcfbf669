"""A table of contents (目录) before the body, as Word writes one (引用 → 目录: a content control
round a TOC field, each entry a link to its heading's _Toc bookmark with a PAGEREF page number)
and as one is typed (dot leaders, no field): the body reads as it does without one.  Its entries
were the headings: the real body was taken for a second copy pasted after them and every section
and table went unread (NO-FIGURES)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from tests.conftest import rewrite_docx
from tests.thirdparty import HEADINGS, Spec, build

_PREFACE = "本报告根据《中华人民共和国政府信息公开条例》编制。"
_ENTRIES = [(1, h) for h in HEADINGS.values()]
_ENTRIES.insert(1, (2, "（一）主动公开"))


def _word_toc() -> str:
    paragraphs = []
    for i, (level, text) in enumerate(_ENTRIES):
        begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" '
                 '\\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>') if i == 0 else ""
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(_ENTRIES) - 1 else ""
        paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="TOC{level}"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs>'
            f'</w:pPr>{begin}<w:hyperlink w:anchor="_Toc{100 + i}" w:history="1"><w:r><w:t>{text}</w:t></w:r><w:r><w:tab/>'
            f'</w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{100 + i}'
            f' \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{1 + i // 2}</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>{end}</w:p>')
    return ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
            '</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>目录</w:t>'
            f'</w:r></w:p>{"".join(paragraphs)}</w:sdtContent></w:sdt>')


def _typed_toc() -> str:
    lines = ["目  录"] + [f"{text}{'…' * 12}{1 + i // 2}" for i, (_, text) in enumerate(_ENTRIES)]
    return "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{line}</w:t></w:r></w:p>" for line in lines)


_SPEC = Spec(t3={(0, 0): "5", (0, 6): "5"}, t4={0: "2", 4: "2"},
             text={"一": ["（一）主动公开", "全年主动公开信息100条。"], "五": ["问题说明。"], "六": ["未收取费用。"]})


def _same_as_without(report: Report, plain: Report, typed: bool = False) -> None:
    """The same report, and the same findings but the one saying a 目录 was left out: typed by
    hand (its lines are the author's, not saved), or Word's own (a field the save drops too)."""
    for key in plain.sections:
        assert report.section_text(key) == plain.section_text(key), key
    assert report.tables == plain.tables
    assert report.tables["三"][(0, 0)] == 5
    said = [f for f in report.import_findings if f.kind == "contents"]
    assert len(said) == typed and all(f.location.section == "前言" and "目录（7行，以“一、总体情况”开头）" in f.message for f in said)
    inserted = [f for f in report.import_findings if f.kind == "contents-field"]
    assert len(inserted) == (not typed) and all(f.location.section == "前言" and "目录（7行）" in f.message for f in inserted)
    said += inserted
    assert sorted(f.message for f in report.import_findings if f not in said) == sorted(f.message for f in plain.import_findings)


@pytest.mark.parametrize("toc", [_word_toc, _typed_toc], ids=["word", "typed"])
def test_a_table_of_contents_before_the_body_is_no_body(tmp_path: Path, toc: Callable[[], str]) -> None:
    src = build(_SPEC, tmp_path / "src.docx")
    path = rewrite_docx(src, tmp_path / "toc.docx", lambda xml: xml.replace(
        f"<w:t>{_PREFACE}</w:t></w:r></w:p>", f"<w:t>{_PREFACE}</w:t></w:r></w:p>{toc()}", 1))
    _same_as_without(load_report(path), load_report(src), typed=toc is _typed_toc)


def test_lines_ending_in_figures_are_text_not_contents(tmp_path: Path) -> None:
    """Two lines that end in a figure after a tab, no heading among them: text, kept."""
    lines = ["全年收到申请\t15", "其中办结\t12"]
    src = build(Spec(t3={(0, 0): "5"}, text={"一": lines}), tmp_path / "lines.docx")

    def tabbed(xml: str) -> str:
        for line in lines:
            xml = xml.replace(f"<w:t>{line}</w:t>", f"<w:t>{line.split(chr(9))[0]}</w:t></w:r><w:r><w:tab/>"
                              f"</w:r><w:r><w:t>{line.split(chr(9))[1]}</w:t>", 1)
        return xml

    report = load_report(rewrite_docx(src, tmp_path / "tabbed.docx", tabbed))
    assert report.section_text("一") == "\n".join(lines)


def test_a_contents_word_inserted_into_our_file_is_no_text_and_said(tmp_path: Path) -> None:
    """Our own file with a 目录 inserted in Word (as CONTENTS_LEFT_OUT's advice says) reads as
    it was written, the 目录 said to be dropped by the save (rev24b R2: its lines became 前言)."""
    from app import import_notes
    from app.io import save_report
    from tests.realistic import varied_report

    src = tmp_path / "ours.docx"
    save_report(varied_report(800, 5), src)
    written = load_report(src)
    title_end = "</w:p>"
    path = rewrite_docx(src, tmp_path / "toc.docx", lambda xml: xml.replace(
        title_end, title_end + _word_toc(), 1))
    report = load_report(path)
    assert report.written_by_editor
    for key in written.sections:
        assert [p.text for p in report.sections[key]] == [p.text for p in written.sections[key]], key
    said = [f for f in report.import_findings if f.kind == "contents-field"]
    assert len(said) == 1 and "目录（7行）" in said[0].message
    save_report(import_notes.for_saving(report), tmp_path / "saved.docx")
    assert [f for f in load_report(tmp_path / "saved.docx").import_findings if f.kind.startswith("contents")] == []

"""A content control still showing its placeholder (w:showingPlcHdr) holds a template's prompt,
not what anyone wrote: a sample “37” in a figure cell, “单击或点击此处输入文字。” as a paragraph,
“[单位名称]” in the title.  None of it is read (app/docx/placeholders.py): the cell is blank, the
paragraph and the organ absent.  A control whose flag is set off, one a data binding filled
(Word clears the flag), and one the flag marks that holds a whole table are read as before."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_NEW, CellRef
from tests.test_data_binding import CACHED, _bound, _cell
from tests.thirdparty import Spec, build

PROMPT_STYLE = '<w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>'
SHOWING = ('<w:sdtPr><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:id w:val="-1"/>'
           '<w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder>{flag}</w:sdtPr>')
FLAG = "<w:showingPlcHdr/>"
TITLE = "某市某区人民政府某某街道办事处2023年度政府信息公开工作年度报告"
SPEC = Spec(t3={(T3_NEW, 0): "37"}, text={"一": ["本年度工作情况如下。", "请在此处输入总体情况。"]})


def _control(content: str, flag: str = FLAG) -> str:
    return f"<w:sdt>{SHOWING.format(flag=flag)}<w:sdtContent>{content}</w:sdtContent></w:sdt>"


def _read(tmp_path: Path, edit: Callable[[str], str]) -> tuple[Path, Report]:
    src = build(SPEC, tmp_path / "src.docx")
    dest = tmp_path / "占位文字.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                edited = edit(data.decode("utf-8"))
                assert edited != data.decode("utf-8")
                data = edited.encode("utf-8")
            zout.writestr(info, data)
    return dest, load_report(dest)


def _figure(flag: str = FLAG) -> Callable[[str], str]:
    return lambda xml: xml.replace("<w:r><w:t>37</w:t></w:r>", _control(f"<w:r>{PROMPT_STYLE}<w:t>37</w:t></w:r>", flag), 1)


def test_a_figure_cells_placeholder_is_no_figure(tmp_path: Path) -> None:
    _, report = _read(tmp_path, _figure())
    ref = CellRef(REQUESTS, T3_NEW, 0)
    assert report.tables[REQUESTS][(T3_NEW, 0)] is None
    assert ref not in report.raw  # blank, not an unreadable “37”


def test_a_prompt_in_a_figure_cell_is_blank_not_an_invalid_value(tmp_path: Path) -> None:
    _, report = _read(tmp_path, lambda xml: xml.replace(
        "<w:r><w:t>37</w:t></w:r>", _control(f"<w:r>{PROMPT_STYLE}<w:t>单击或点击此处输入文字。</w:t></w:r>"), 1))
    assert report.tables[REQUESTS][(T3_NEW, 0)] is None
    assert CellRef(REQUESTS, T3_NEW, 0) not in report.raw


def test_a_placeholder_paragraph_is_not_read_into_the_section(tmp_path: Path) -> None:
    para = "<w:p><w:r><w:t>请在此处输入总体情况。</w:t></w:r></w:p>"
    _, report = _read(tmp_path, lambda xml: xml.replace(para, _control(para.replace("<w:r>", f"<w:r>{PROMPT_STYLE}")), 1))
    text = report.section_text("一")
    assert "本年度工作情况如下" in text
    assert "请在此处输入" not in text


def test_a_placeholder_organ_in_the_title_is_not_the_organ(tmp_path: Path) -> None:
    organ = "某市某区人民政府某某街道办事处"
    run = f"<w:r><w:t>{TITLE}</w:t></w:r>"
    prompt = _control(f"<w:r>{PROMPT_STYLE}<w:t>[单位名称]</w:t></w:r>")
    _, report = _read(tmp_path, lambda xml: xml.replace(run, prompt + f"<w:r><w:t>{TITLE.removeprefix(organ)}</w:t></w:r>", 1))
    assert "单位名称" not in report.organ
    assert "单位名称" not in report.title


def test_the_flag_set_off_is_content(tmp_path: Path) -> None:
    _, report = _read(tmp_path, _figure('<w:showingPlcHdr w:val="0"/>'))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 37


def test_a_flagged_control_holding_a_table_is_read(tmp_path: Path) -> None:
    def edit(xml: str) -> str:
        at = xml.index("<w:t>37</w:t>")
        start, end = xml.rindex("<w:tbl>", 0, at), xml.index("</w:tbl>", at) + len("</w:tbl>")
        return xml[:start] + _control(xml[start:end]) + xml[end:]
    _, report = _read(tmp_path, edit)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 37


def test_a_bound_control_that_was_showing_its_placeholder_shows_the_bound_value(tmp_path: Path) -> None:
    r = _cell(tmp_path, _bound(CACHED, "/ns0:报告[1]/ns0:新收[1]", sdt_pr=FLAG))
    assert r.tables[REQUESTS][(T3_NEW, 0)] == 99


def test_dump_gives_the_cell_blank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = _read(tmp_path, _figure())
    assert main(["dump", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["table3"][T3_NEW][0] is None


def test_what_was_left_out_is_named_in_a_note(tmp_path: Path) -> None:
    """Nothing left out in silence: a control some program filled with real text but left marked
    as showing its prompt (Word still shows that text) is named in the PLACEHOLDER note, with its
    text, so the user can put it back; a report without such controls has no note."""
    _, report = _read(tmp_path, _figure())
    notes = [f for f in report.import_findings if f.code == "PLACEHOLDER"]
    assert len(notes) == 1 and "1处" in notes[0].message and "“37”" in notes[0].message, notes
    filled = "<w:p><w:r><w:t>请在此处输入总体情况。</w:t></w:r></w:p>"
    _, report = _read(tmp_path, lambda xml: xml.replace(filled, _control(filled.replace("请在此处输入总体情况。", "全年共主动公开政府信息1200条。")), 1))
    notes = [f for f in report.import_findings if f.code == "PLACEHOLDER"]
    assert len(notes) == 1 and "全年共主动公开政府信息" in notes[0].message, notes
    _, plain = _read(tmp_path, _figure('<w:showingPlcHdr w:val="0"/>'))
    assert not [f for f in plain.import_findings if f.code == "PLACEHOLDER"]

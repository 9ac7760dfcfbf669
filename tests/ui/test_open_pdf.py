"""A published PDF opens in the editor like any other non-.docx input: saving writes a new
.docx beside it, never over the PDF."""

from __future__ import annotations

import app.io as app_io
import app.reading as app_reading
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL
from tests.pdfmake import our_pdf
from tests.ui.conftest import SAMPLE, drop_files, table, type_into
from ui.documents import OPEN_FILTER


def test_a_pdf_opens_and_is_saved_as_docx_beside_it(window, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "去年.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), src)
    pdf = our_pdf(src, tmp_path / "去年.pdf")
    before = pdf.read_bytes()
    said: list[str] = []
    window.docs.message.connect(said.append)
    assert window.docs.load(pdf) and not window.errors
    # Our own export: not "made by other software"; what saving will do instead.
    assert said[-1] == "已打开 去年.pdf（PDF文件：保存时另存为 .docx）"
    assert window.state.report.organ == "宁波市北仑区人民政府小港街道办事处"
    assert window.docs.path is None and window.docs.suggested == tmp_path / "去年.docx"
    # Named by the PDF it came from, not by a .docx that does not exist; and not "已保存".
    assert "去年.pdf" in window.windowTitle() and window.file_label.text() == str(pdf)
    assert window.saved_label.text() == "尚未存为本程序的 .docx"
    type_into(qtbot, table(window, "三"), (T3_CARRIED_IN, T3_COL_NATURAL), "4")
    asked: list[str] = []
    target = tmp_path / "去年（修改）.docx"
    monkeypatch.setattr(window.docs, "ask_save_path", lambda: asked.append("x") or str(target))
    assert window.docs.save() and asked, "saving asks where: the PDF is never written over"
    assert pdf.read_bytes() == before
    assert app_reading.load_report(target).tables["三"][(T3_CARRIED_IN, T3_COL_NATURAL)] == 4


def test_a_scanned_pdf_is_one_message_and_the_report_stays(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.pdfmake import scanned

    src = tmp_path / "r.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), src)
    scan = scanned(our_pdf(src, tmp_path / "r.pdf"), tmp_path / "scan.pdf")
    organ = window.state.report.organ
    assert not window.docs.load(scan)
    assert len(window.errors) == 1 and "扫描件" in window.errors[0]
    assert window.state.report.organ == organ


def test_the_open_dialog_lists_pdf() -> None:
    first = OPEN_FILTER.split(";;")[0]
    assert "*.pdf" in first and "PDF 文件 (*.pdf)" in OPEN_FILTER


def test_dropping_a_pdf_opens_it(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "r.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), src)
    pdf = our_pdf(src, tmp_path / "r.pdf")
    with qtbot.waitSignal(window.docs.loadEnded, timeout=30000):  # read in the background
        drop_files(window, pdf)
    assert window.state.report.organ == "宁波市北仑区人民政府小港街道办事处"
    assert window.docs.path is None and window.docs.suggested == tmp_path / "r.docx"

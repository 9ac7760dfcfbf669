"""A recovered report shows exactly the findings it showed before the crash: those the reader
made of the file at its open (hidden text, a body pasted twice, edited labels, stray bytes, the
2019 layout, hidden rows of a workbook) are kept with the recovery copy, dismissals with them;
a copy written by an older version (no findings kept) still recovers."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from app.findings import Finding
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from app.xlsx_write import write_xlsx
from tests.thirdparty import Spec, build
from tests.ui.conftest import SAMPLE, autosave_window, crashed, table, type_into
from ui.autosave import Recovery
from ui.dismiss import dismiss
from ui.main_window import MainWindow

TEXT_COPY = Path(__file__).parents[1] / "data" / "xiaogang-2021.txt"
HIDDEN = "此处为内部备注不予公开的说明文字"


def _word(tmp_path: Path) -> Path:
    """Another agency's .docx with much for the reader to say: its body pasted twice, labels
    edited, a date written 2024年01月05日, and a hidden sentence."""
    spec = Spec(relabel={"（七）总计": "(七)总计", "信息内容": "项目"}, date="2024年01月05日", body_twice=True,
                t3={(T3_NEW, T3_COL_NATURAL): "1"})
    path = build(spec, tmp_path / "他单位.docx")
    d = docx.Document(str(path))
    next(p for p in d.paragraphs if len(p.text) > 20).add_run(HIDDEN).font.hidden = True
    d.save(str(path))
    return path


def _old_layout(tmp_path: Path) -> Path:
    return build(Spec(old_2019_other="5"), tmp_path / "2019格式.docx")


def _web_copy(tmp_path: Path) -> Path:
    """The text of a published page with an old CMS's stray bytes in it (STRAY-BYTES)."""
    data = TEXT_COPY.read_bytes().replace("。".encode(), "。".encode() + b"\xa0", 2)
    path = tmp_path / "网页副本.txt"
    path.write_bytes(data)
    return path


def _workbook(tmp_path: Path) -> Path:
    """Our workbook with a hidden sheet that holds something (HIDDEN-TEXT, kind xlsx)."""
    from app.reading import load_report

    path = tmp_path / "表格.xlsx"
    write_xlsx(load_report(SAMPLE), path)
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("旧数")
    ws["A1"] = "本年新收政府信息公开申请数量"
    ws["B1"] = 999
    ws.sheet_state = "hidden"
    wb.save(path)
    return path


FILES: dict[str, Callable[[Path], Path]] = {
    "word": _word, "2019": _old_layout, "web copy": _web_copy, "workbook": _workbook,
    "sample": lambda tmp: Path(shutil.copy(SAMPLE, tmp / SAMPLE.name)),
}




def _seen(findings: list[Finding]) -> list[tuple[str, str, str, str, str]]:
    """What the panel shows of each finding, in its order."""
    return [(f.code, f.kind, f.severity.name_zh, f.location.describe(), f.message) for f in findings]


def _shown(win: MainWindow) -> tuple[object, ...]:
    s = win.state
    return (_seen(s.findings), [(*_seen([f])[0], d.reason) for f, d in s.dismissed], s.counts(),
            win.error_label.text(), win.warning_label.text())


def _crash(win: MainWindow) -> None:
    assert win.docs.autosave()
    crashed(win)


def _recover(qtbot: QtBot, folder: Path) -> MainWindow:
    win = autosave_window(qtbot, folder)
    offered: list[Recovery] = []
    win.docs.ask_restore = lambda info: offered.append(info) or True  # type: ignore[method-assign]
    assert win.docs.offer_restore() and len(offered) == 1
    return win


def _info_file(folder: Path) -> Path:
    """The crashed copy's description (the one slot in the folder)."""
    found = list(folder.glob("autosave-*.json"))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("kind", list(FILES))
def test_a_recovered_report_shows_the_findings_it_had_before_the_crash(qtbot: QtBot, tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "autosave"
    path = FILES[kind](tmp_path)
    win = autosave_window(qtbot, folder)
    assert win.docs.load(path)
    opened = [f for f in win.state.findings if f.declared.opened_file]
    assert opened, "the file gives the reader something to say"
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "7")  # an edit: something to recover
    assert dismiss(win.state, opened[0], "已核对")  # one of the file's findings set aside
    before = _shown(win)
    assert before[1] and before[1][0][0] == opened[0].code
    _crash(win)
    back = _recover(qtbot, folder)
    assert back.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 7
    assert _shown(back) == before


def test_recovered_twice_and_edited_between_the_findings_stay(qtbot: QtBot, tmp_path: Path) -> None:
    """Recovered, edited, crashed again: the copy written after the recovery keeps them too."""
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    assert win.docs.load(_word(tmp_path))
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    before = _shown(win)
    _crash(win)
    again = _recover(qtbot, folder)
    type_into(qtbot, table(again, "三"), (T3_NEW, T3_COL_NATURAL), "8")
    expected = _shown(again)
    opened = [f for f in before[0] if f[0] in ("HIDDEN-TEXT", "LABEL-EDITED", "DUP-PARAGRAPH", "DATE-FORMAT")]
    assert [f for f in expected[0] if f[0] in ("HIDDEN-TEXT", "LABEL-EDITED", "DUP-PARAGRAPH", "DATE-FORMAT")] == opened
    _crash(again)
    third = _recover(qtbot, folder)
    assert third.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 8
    assert _shown(third) == expected
    assert {f[0] for f in opened} == {"HIDDEN-TEXT", "LABEL-EDITED", "DUP-PARAGRAPH", "DATE-FORMAT"}


def test_the_2019_layout_finding_still_goes_once_its_cells_are_filled_after_recovery(qtbot: QtBot, tmp_path: Path) -> None:
    """OLD-FORMAT holds until the cells it asks for are filled (its ``until``): kept with the copy."""
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    assert win.docs.load(_old_layout(tmp_path))
    old = next(f for f in win.state.findings if f.code == "OLD-FORMAT")
    assert old.until
    cells = [c for u in old.until for c in u.cells]
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    _crash(win)
    back = _recover(qtbot, folder)
    assert [f.until for f in back.state.findings if f.code == "OLD-FORMAT"] == [old.until]
    total = old.until[0].total
    for n, ref in enumerate(cells):  # the 2019 row's figure spread over the 2021 rows, as it asks
        value = (int(total) if total is not None else 0) if n == 0 else 0  # type: ignore[call-overload]
        type_into(qtbot, table(back, ref.table), (ref.row, ref.col), str(value))
    assert not [f for f in back.state.findings if f.code == "OLD-FORMAT"]


def test_a_copy_of_an_older_version_without_findings_still_recovers(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    assert win.docs.load(_word(tmp_path))
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    _crash(win)
    info_file = _info_file(folder)
    data = json.loads(info_file.read_text(encoding="utf-8"))
    assert data["format"] == 2 and data["import_findings"]
    old = {k: data[k] for k in ("path", "source", "title", "saved_at", "pid")}  # what an older version wrote
    info_file.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    back = _recover(qtbot, folder)
    assert back.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 7 and back.state.is_modified()
    assert back.docs.source is not None and back.docs.source.name == "他单位.docx"
    assert not [f for f in back.state.findings if f.declared.opened_file]  # none kept: none shown


@pytest.mark.parametrize("damage", ["not a list", "a record of a newer version", "a broken record"])
def test_a_damaged_findings_record_costs_only_itself(qtbot: QtBot, tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    assert win.docs.load(_word(tmp_path))
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    opened = _seen([f for f in win.state.findings if f.declared.opened_file])
    _crash(win)
    info_file = _info_file(folder)
    data = json.loads(info_file.read_text(encoding="utf-8"))
    if damage == "not a list":
        data["import_findings"] = {"code": "HIDDEN-TEXT"}
        expected: list[tuple[str, str, str, str, str]] = []
    elif damage == "a record of a newer version":
        data["import_findings"].insert(0, {**data["import_findings"][0], "code": "FUTURE-CODE"})
        expected = opened
    else:
        data["import_findings"].insert(0, {"code": "HIDDEN-TEXT", "location": 5})
        expected = opened
    info_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    back = _recover(qtbot, folder)
    assert _seen([f for f in back.state.findings if f.declared.opened_file]) == expected


def test_after_kill_9_the_next_editor_recovers_them(tmp_path: Path) -> None:
    """Two real editor processes: one edits another agency's file and is killed, the next
    start recovers the report with the findings a fresh open and the same edit give."""
    import signal
    import time

    from app.checks import run_all
    from app.reading import load_report
    from tests.ui.editor_process import CELL
    from tests.ui.test_autosave import editor, read_typed, started

    path = _word(tmp_path)
    expected = load_report(path)
    expected.set_value(CELL, 1)  # what the killed editor typed
    live = editor(tmp_path, "edit", str(path), "1", "0.2")
    try:
        read_typed(live, 1)
        deadline = time.monotonic() + 20
        # The description is written first, then the copy (ui/autosave.py): both there, it is whole.
        while not any(json.loads(p.read_text(encoding="utf-8")).get("import_findings") and p.with_suffix(".docx").exists()
                      for p in (tmp_path / "data").rglob("autosave*.json")):
            assert time.monotonic() < deadline, "no recovery copy"
            time.sleep(0.1)
    finally:
        live.send_signal(signal.SIGKILL)
        live.wait(10)
    offered, windows = started(tmp_path, "yes")
    assert [o["name"] for o in offered] == [path.name]
    assert windows[0]["value"] == 1
    assert windows[0]["findings"] == [[f.code, f.kind, f.message] for f in run_all(expected)]
    assert {"HIDDEN-TEXT", "LABEL-EDITED", "DUP-PARAGRAPH"} <= {code for code, _, _ in windows[0]["findings"]}

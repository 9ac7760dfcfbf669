"""What the reader could not import survives the first save (rev23 M3): the 2019 layout's one row
of 其他处理 (自然人5, the figure nowhere else), a row that could not be placed (its figures only in
the message).  Saved in the .docx's editor data while unresolved, read back with it; gone once the
edit it asks for is made.  What was only about the old file's form (an edited label) still goes."""

from __future__ import annotations

from pathlib import Path

from app import dismissals, import_notes
from app.checks import run_all
from app.cli import main
from app.findings import HIDDEN_TEXT, LABEL_EDITED, OLD_FORMAT, ROW_UNPLACED, Location, Severity
from app.io import save_report
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_COL_NATURAL, T3_OTHER_ROWS, TABLE3, CellRef
from tests.thirdparty import Spec, build

OTHER = [CellRef(REQUESTS, r, T3_COL_NATURAL) for r in T3_OTHER_ROWS]


def save(report: Report, path: Path) -> Report:
    """As the editor saves (ui/documents.py save_to), then reopened."""
    save_report(import_notes.for_saving(report), path)
    report.import_findings = import_notes.kept(report)
    return load_report(path)


def codes(report: Report) -> list[tuple[str, str]]:
    return [(f.code, f.kind) for f in run_all(report) if f.declared.opened_file]


def test_the_2019_rows_figure_survives_save_and_reopen_until_spread(tmp_path: Path) -> None:
    opened = load_report(build(Spec(old_2019_other="5"), tmp_path / "2019格式.docx"))
    (note,) = [f for f in run_all(opened) if f.declared is OLD_FORMAT]
    assert "自然人5" in note.message
    again = save(opened, tmp_path / "报告.docx")
    assert [f.message for f in run_all(again) if f.declared is OLD_FORMAT] == [note.message]
    assert [f.message for f in run_all(opened) if f.declared is OLD_FORMAT] == [note.message]  # still in the editor
    thrice = save(again, tmp_path / "报告.docx")  # and a second save of the reopened file
    assert [f.message for f in run_all(thrice) if f.declared is OLD_FORMAT] == [note.message]
    for ref, v in zip(OTHER, (2, 3, 0), strict=True):
        thrice.set_value(ref, v)
    thrice.recompute(REQUESTS)
    assert OLD_FORMAT.code not in [f.code for f in run_all(thrice)]
    assert OLD_FORMAT.code not in [f.code for f in run_all(save(thrice, tmp_path / "报告.docx"))]


def test_an_unplaced_rows_figures_stay_an_edited_label_goes(tmp_path: Path) -> None:
    label = TABLE3.row_labels[3]
    opened = load_report(build(Spec(relabel={label: "101"}, t3={(3, 0): "7"}), tmp_path / "x.docx"))
    assert (ROW_UNPLACED.code, ROW_UNPLACED.kind) in codes(opened)
    assert (LABEL_EDITED.code, "row") in codes(opened)
    again = save(opened, tmp_path / "报告.docx")
    (unplaced,) = [f for f in run_all(again) if f.declared is ROW_UNPLACED]
    assert "（7）未导入" in unplaced.message
    assert (LABEL_EDITED.code, "row") not in codes(again)
    # check says it too, and a dismissal of it holds across saves
    assert main(["check", str(tmp_path / "报告.docx")]) == 1
    found = run_all(again)
    fp = dismissals.fingerprints(again, found)[found.index(unplaced)]
    dismissals.set_records(again, dismissals.records_with(again, [dismissals.dismissal(again, unplaced, fp, "已手工核对")]))
    reopened = save(again, tmp_path / "报告.docx")
    assert [d.reason for f, d in dismissals.split(reopened, run_all(reopened))[1] if f.declared is ROW_UNPLACED] == ["已手工核对"]


def test_a_report_with_nothing_kept_writes_no_entry(tmp_path: Path) -> None:
    opened = load_report(build(Spec(), tmp_path / "x.docx"))
    assert import_notes.for_saving(opened) is opened
    again = save(opened, tmp_path / "报告.docx")
    assert import_notes.KEY not in again.extras


def test_forged_entries_are_read_as_declared_or_left_out(tmp_path: Path) -> None:
    opened = load_report(build(Spec(old_2019_other="5"), tmp_path / "2019格式.docx"))
    written = import_notes.for_saving(opened)
    (record,) = written.extras[import_notes.KEY]
    forged = [{**record, "severity": "info"},  # a severity the code does not have
              {**record, "code": HIDDEN_TEXT.code, "message": "不是保留的代码"},  # a code a save does not keep
              {**record, "code": "NO-SUCH-CODE"}, "junk", {**record, "message": "长" * 5000}]
    written.extras[import_notes.KEY] = forged
    save_report(written, tmp_path / "forged.docx")
    back = load_report(tmp_path / "forged.docx")
    assert [(f.code, f.severity, f.message) for f in back.import_findings] == [
        (OLD_FORMAT.code, Severity.ERROR, record["message"])]
    assert import_notes.KEY not in back.extras
    assert isinstance(back.import_findings[0].location, Location)


def test_a_note_with_no_edit_declared_ends_when_its_table_is_edited(tmp_path: Path) -> None:
    """rev23 M7: LABEL-EDITED/unplaced asks no edit it can check (where its figures go is the
    user's call): kept while its table is as read, gone once the user has edited it — before
    the first save or after a reopen — never an ERROR for ever."""
    from app.schema import T3_DISCLOSED

    label = TABLE3.row_labels[T3_DISCLOSED]
    spec = Spec(relabel={label: "（一）其它特别情形甲乙丙"}, t3={(T3_DISCLOSED, 0): "7"})
    opened = load_report(build(spec, tmp_path / "x.docx"))
    (note,) = [f for f in opened.import_findings if f.declared is ROW_UNPLACED]
    assert not note.until
    opened.sections["一"][0].runs[0].text += "又一句。"  # an edit elsewhere: the note stays
    kept_once = save(opened, tmp_path / "a.docx")
    assert [f.message for f in run_all(kept_once) if f.declared is ROW_UNPLACED] == [note.message]
    assert import_notes.AT not in import_notes.for_saving(kept_once).extras  # never written
    kept_once.set_value(CellRef(REQUESTS, T3_DISCLOSED, T3_COL_NATURAL), 7)  # entered where it belongs
    kept_once.recompute(REQUESTS)
    assert import_notes.kept(kept_once) == []
    gone = save(kept_once, tmp_path / "a.docx")
    assert not [f for f in run_all(gone) if f.declared is ROW_UNPLACED]
    # typed before the first save: gone at it
    fresh = load_report(build(spec, tmp_path / "y.docx"))
    fresh.set_value(CellRef(REQUESTS, T3_DISCLOSED, T3_COL_NATURAL), 7)
    fresh.recompute(REQUESTS)
    assert not [f for f in run_all(save(fresh, tmp_path / "b.docx")) if f.declared is ROW_UNPLACED]


def test_an_unrelated_edit_or_filling_blanks_with_0_does_not_end_it(tmp_path: Path) -> None:
    """rev23 M8: 空白处填0 (which fills the row's cells too) or a correction elsewhere in the table
    leaves the note: the figure 7 the source gives is not in the table; reopened, still said."""
    from app.findings import BLANK_CELL
    from app.schema import T3_DISCLOSED, T3_NEW

    label = TABLE3.row_labels[T3_DISCLOSED]
    spec = Spec(relabel={label: "（一）其它特别情形甲乙丙"}, t3={(T3_DISCLOSED, 0): "7"})
    for edit in ("zeros", "elsewhere"):
        opened = load_report(build(spec, tmp_path / f"{edit}.docx"))
        if edit == "zeros":
            (blanks,) = [f for f in run_all(opened) if f.declared is BLANK_CELL]
            assert blanks.fix is not None
            for ref, value in blanks.fix.edits:
                opened.set_value(ref, value)
        else:
            opened.set_value(CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL), 3)
        opened.recompute(REQUESTS)
        again = save(opened, tmp_path / f"{edit}-saved.docx")
        assert [f.declared for f in run_all(again) if f.declared is ROW_UNPLACED] == [ROW_UNPLACED], edit

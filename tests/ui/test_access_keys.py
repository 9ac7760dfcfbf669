"""Every button of every question the editor asks has an access key, written as the window's
other dialogs write theirs (另存为(&A)…, 保存(&S)): 仍要打印 and 仍要导出 had none, nor 取消, 恢复,
以后再说…  Each question is asked for real, its box shown (exec answered at once) and its buttons
read; and no button label in ui/ is written without one (a new question cannot forget it)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QWidget

from app.finding_place import Location
from app.findings import REGISTRY, Finding, Severity
from app.lock import Owner
from app.office_owner import OtherProgram
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import ASK_ERRORS_LEFT, translated
from ui import crashlog, filedialogs, questions, settings_check
from ui.about import about_box
from ui.autosave import Recovery
from ui.codes_help import CodesHelp
from ui.excel import ExcelController
from ui.findings import ask_reason
from ui.last_year import LastYearController
from ui.output import ERRORS_LEFT
from ui.recovery_choice import RecoveryChoice, confirm_discard_many

KEY = re.compile(r"\(&([A-Z])\)…?$")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str]]]:
    """Each dialog shown: its title and its buttons' texts; answered at once (its Esc button)."""
    seen: list[tuple[str, list[str]]] = []

    def shown(box: QDialog) -> int:
        buttons = [b for b in box.findChildren(QAbstractButton) if b.text() and b.isVisibleTo(box)]
        from PySide6.QtWidgets import QCheckBox, QDialogButtonBox

        seen.append((box.windowTitle(), [b.text() for b in buttons
                                         if isinstance(b.parent(), QDialogButtonBox) or isinstance(b, QCheckBox)]))
        return int(QMessageBox.StandardButton.Cancel) if isinstance(box, QMessageBox) else 0

    monkeypatch.setattr(QMessageBox, "exec", shown)
    monkeypatch.setattr(QDialog, "exec", shown)
    return seen


def assert_keyed(seen: list[tuple[str, list[str]]]) -> None:
    assert seen
    for title, texts in seen:
        assert texts, title
        keys = []
        for text in texts:
            found = KEY.search(text)
            assert found, f"{title}: “{text}” has no access key"
            keys.append(found.group(1))
        assert len(set(keys)) == len(keys), f"{title}: one key for two buttons {texts}"


def test_every_question_has_a_key_on_every_button(boxes: list[tuple[str, list[str]]], tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "某街道2024年报.docx"
    owner = Owner(user="张三", host="PC-01", pid=5, time=0.0, token="t")
    other = OtherProgram(program="WPS", file=str(tmp_path / ".~某街道2024年报.docx"), user="李四")
    info = Recovery(path=str(path), title="某街道2024年政府信息公开工作年度报告", saved_at="2026-11-30T10:00:00")
    entries = [(CellRef("三", T3_NEW, T3_COL_NATURAL), "3x")]
    questions.ask_save_changes(None, path.name)
    questions.ask_drop_refused(None, entries)
    questions.ask_drop_field(None, "成文日期", "2024年13月")
    for title, (_fate, _question, go) in ERRORS_LEFT.items():
        questions.ask_output_refused(None, title, questions.output_refused(entries, [], ""), go)
    questions.ask_file_gone(None, path)
    questions.ask_forget_recent(None, str(path))
    questions.ask_overwrite_changed(None, path)
    questions.ask_locked(None, path, owner)
    questions.ask_in_other_program(None, path, other)
    questions.ask_save_in_other_program(None, path, other)
    for verb in ("导出", "保存"):
        questions.ask_write_in_other_program(None, path, other, verb)
    questions.ask_restore(None, info)
    questions.confirm_discard(None, info)
    questions.ask_restore_opened(None, info)
    code, kind = next(k for k, d in REGISTRY.items() if d.severity == Severity.ERROR)
    errors = [Finding(code, Severity.ERROR, Location("三", (CellRef("三", T3_NEW, T3_COL_NATURAL),)), "合计不等于各项之和", kind=kind)]
    for title in ERRORS_LEFT:  # 仍要导出 / 仍要打印 / 仍要预览 (the GUI tester's finding)
        ASK_ERRORS_LEFT(SimpleNamespace(window=None), errors, title)
    ExcelController.confirm_other_report(SimpleNamespace(window=None), "工作簿是2023年度的")  # type: ignore[arg-type]
    LastYearController.confirm_not_last_year(  # type: ignore[arg-type]
        SimpleNamespace(window=None), SimpleNamespace(year=2021), SimpleNamespace(year=2024))
    about_box(None).exec()
    questions.show_error(None, "无法打开", "文件已损坏")  # the one-button notices: Qt's bare 确定 before
    questions.show_warning(None, "已导出", "有字符显示为方框")
    ExcelController.show_notes(SimpleNamespace(window=None), "导入说明", "已导入表二")  # type: ignore[arg-type]
    crashlog.show_box("意外错误")
    filedialogs.notice(None, "审核标记", "无法写入", "warning")
    ask_reason(QWidget(), "合计不等于各项之和")  # 忽略此问题's reason: Qt's 确定 / 取消 before
    CodesHelp().exec()
    RecoveryChoice([info, info]).exec()
    confirm_discard_many(None, [info, info])
    titles = [t for t, _ in boxes]
    assert "仍要打印" in " ".join(" ".join(b) for _, b in boxes) and "检查项说明" in titles
    assert_keyed(boxes)
    shown = {b for _, texts in boxes for b in texts}
    assert {"仍要打印(&P)", "仍要导出(&E)", "仍要预览(&P)", "取消(&C)", "恢复(&R)", "以后再说(&L)", "确定(&O)", "忽略(&I)"} <= shown
    assert "确定" not in shown


def test_the_settings_notice_has_its_key(boxes: list[tuple[str, list[str]]], window: QWidget, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings_check, "_told", [])
    monkeypatch.setattr(QMessageBox, "open", lambda box: QMessageBox.exec(box))
    from PySide6.QtCore import QSettings

    settings_check.tell(window, QSettings())
    assert boxes and boxes[0][0] == settings_check.TITLE
    assert_keyed(boxes)


def test_a_verb_without_a_key_is_refused_not_shown_bare() -> None:
    assert filedialogs.keyed("仍要导出") == "仍要导出(&E)" and filedialogs.keyed("另存为(&A)…") == "另存为(&A)…"
    with pytest.raises(ValueError, match="no access key"):
        filedialogs.keyed("仍要发送")


# A dialog button's label where ui/ writes one: (label, …Role…), addButton("label" …), a standard
# button's setText (not the window's own tool buttons: the status bar's 取消, 日历…).
LABELS = [re.compile(r'\(\s*(f?"[^"]*")\s*,\s*(?:QMessageBox\.|QDialogButtonBox\.)?(?:ButtonRole\.|Role\.)\w+Role\s*\)'),
          re.compile(r'addButton\(\s*(f?"[^"]*")'),
          re.compile(r'\.button\([\w.]*\)\.setText\(\s*(f?"[^"]*")')]  # a dialog's standard button


def test_no_button_label_in_the_source_lacks_its_key() -> None:
    bare = []
    for path in sorted((ROOT / "ui").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in LABELS:
            for m in pattern.finditer(text):
                label = m.group(1)
                if not re.search(r"\(&[A-Z]\)", label):
                    bare.append(f"{path.name}: {label}")
    assert bare == [], bare


# Qt's static notices (QMessageBox.information / warning / critical / about) show its bare 确定:
# every notice goes through ui.filedialogs.notice and its 确定(&O).
STATIC_NOTICE = re.compile(r"QMessageBox\.(?:information|warning|critical|about|aboutQt)\(")


def test_no_notice_is_shown_with_qts_bare_ok() -> None:
    bare = [f"{path.name}: {m.group(0)}" for path in sorted((ROOT / "ui").glob("*.py"))
            for m in STATIC_NOTICE.finditer(path.read_text(encoding="utf-8"))]
    assert bare == [], bare
    with pytest.raises(ValueError, match="no notice icon"):
        filedialogs.notice(None, "标题", "内容", "question")


def test_the_print_dialogs_cancel_has_its_key(monkeypatch: pytest.MonkeyPatch, qapp) -> None:  # type: ignore[no-untyped-def]
    """打印's own dialog (Qt's on Linux): its 取消 had no key beside 打印(P), 选项(O), 属性(R)
    (user33 under Xvfb)."""
    from PySide6.QtPrintSupport import QPrintDialog

    from app.report import Report
    from ui import printing

    seen: list[list[str]] = []

    def shown(dialog: QPrintDialog) -> int:
        from PySide6.QtWidgets import QDialogButtonBox

        seen.append([b.text() for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons()])
        return 0

    monkeypatch.setattr(QPrintDialog, "exec", shown)
    with translated(qapp):  # Qt's zh_CN: 取消 as users see it
        assert printing.print_report(None, Report()) == ""
    assert seen and "取消(&C)" in seen[0], seen
    from tests.ui.test_menu_keys import assert_keyed as each_with_a_letter  # Qt's “选项(&O) >>” too

    each_with_a_letter([t for t in seen[0] if t])


def test_the_dialogs_the_print_dialog_opens_have_their_keys(monkeypatch: pytest.MonkeyPatch, qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    """打印 → 属性 opens Qt's 打印机属性 with a bare 确定 / 取消 (user33 under Xvfb): keyed once shown."""
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox

    from app.report import Report
    from ui import printing

    seen: list[list[str]] = []

    def properties_shown() -> None:
        dialog = QApplication.activeModalWidget()
        box = dialog.findChild(QDialogButtonBox) if dialog is not None else None
        if box is None or not isinstance(dialog, QDialog) or isinstance(dialog, QPrintDialog):
            QTimer.singleShot(20, properties_shown)
            return
        QTimer.singleShot(10_000, dialog.reject)  # never a test hanging on an open dialog
        qtbot.waitUntil(lambda: all("&" in b.text() for b in box.buttons()), timeout=3000)
        seen.append([b.text() for b in box.buttons()])
        dialog.reject()

    def shown(dialog: QPrintDialog) -> int:
        QTimer.singleShot(0, properties_shown)
        button = dialog.findChild(QAbstractButton, "properties")
        assert button is not None
        button.animateClick()  # as Alt+R clicks it: 100 ms after its press (user33, Xvfb)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)  # 属性's own dialog came, keyed, and went
        return 0

    monkeypatch.setattr(QPrintDialog, "exec", shown)
    with translated(qapp):
        assert printing.print_report(None, Report()) == ""
    assert seen and sorted(seen[0]) == ["取消(&C)", "确定(&O)"], seen

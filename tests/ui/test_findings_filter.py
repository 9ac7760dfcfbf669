"""The findings list's 显示/隐藏 toggles (错误, 警告, 提示, 已忽略): flat while their findings
are shown — nothing is filtered — and drawn pressed, struck through, only while they hide them."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStyle, QToolButton

from app.findings import Severity
from tests.conftest import SAMPLE
from ui.findings_view import FilterToggle
from ui.main_window import MainWindow


def _image(button: QToolButton) -> QImage:
    return button.grab().toImage()


def _plain_like(toggle: FilterToggle) -> QToolButton:
    """A tool button as the toggle looks unpressed: same icon, text, size, never checked."""
    plain = QToolButton(toggle.parentWidget())
    plain.setIcon(toggle.icon())
    plain.setText(toggle.text())
    plain.setToolButtonStyle(toggle.toolButtonStyle())
    plain.setAutoRaise(True)
    plain.resize(toggle.size())
    plain.show()
    return plain


def test_a_toggle_showing_its_findings_is_drawn_unpressed(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.docs.load(SAMPLE)
    toggle = window.findings.toggles[Severity.WARNING]
    assert toggle.isChecked() and window.state.findings
    on = QStyle.StateFlag.State_On
    assert not toggle.drawn().state & on  # type: ignore[attr-defined]
    plain = _plain_like(toggle)
    assert _image(toggle) == _image(plain), "shown: drawn as a plain, unpressed tool button"
    toggle.click()  # hides the warnings: the filter is on
    assert not toggle.isChecked()
    assert toggle.drawn().state & on  # type: ignore[attr-defined]
    assert toggle.drawn().font.strikeOut()  # type: ignore[attr-defined]
    assert _image(toggle) != _image(plain), "hiding: drawn otherwise"
    assert "已隐藏" in toggle.toolTip()
    toggle.click()
    assert _image(toggle) == _image(plain) and "点击隐藏" in toggle.toolTip()

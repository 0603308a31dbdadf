"""The wedge event filter in a real widget tree (pytest-qt, offscreen, injected clock)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from pos_app.services.devices import WedgeSettings
from pos_app.ui.wedge_filter import WedgeFilter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Screen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.entry = QLineEdit(self)
        self.other = QLineEdit(self)
        self.button = QPushButton("Pay", self)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for w in (self.entry, self.other, self.button):
            layout.addWidget(w)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def screen(qtbot: QtBot) -> Screen:
    win = Screen()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.entry.setFocus()
    qtbot.waitUntil(lambda: win.entry.hasFocus())
    return win


@pytest.fixture
def wedge(screen: Screen, clock: Clock) -> Iterator[WedgeFilter]:
    f = WedgeFilter(screen, WedgeSettings(), clock=clock)
    f.install()
    yield f
    f.uninstall()


def type_keys(widget: QWidget, text: str, clock: Clock, gap_ms: float) -> None:
    """Key presses to ``widget`` with the injected clock advanced ``gap_ms`` per key."""
    for ch in text:
        if ch == "\r":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(widget, ch)
        clock.now += gap_ms / 1000


def test_fast_burst_is_one_scan(qtbot: QtBot, screen: Screen, wedge: WedgeFilter,
                                clock: Clock) -> None:
    with qtbot.waitSignal(wedge.sig_scan) as blocker:
        type_keys(screen.entry, "6901234567892\r", clock, 5)
    assert blocker.args == ["6901234567892"]
    assert screen.entry.text() == ""  # the scan's keys were swallowed


def test_slow_typing_reaches_the_line_edit(qtbot: QtBot, screen: Screen, wedge: WedgeFilter,
                                           clock: Clock) -> None:
    scans: list[str] = []
    wedge.sig_scan.connect(scans.append)
    type_keys(screen.entry, "T-CHIPS", clock, 150)
    clock.now += 1
    wedge.on_timeout()  # the timer would do this 55 ms after the last key
    assert screen.entry.text() == "T-CHIPS" and scans == []


def test_last_typed_key_arrives_after_the_gap(qtbot: QtBot, screen: Screen,
                                              wedge: WedgeFilter, clock: Clock) -> None:
    type_keys(screen.entry, "ab", clock, 200)
    clock.now += 1
    qtbot.waitUntil(lambda: screen.entry.text() == "ab", timeout=1000)


def test_scan_is_captured_whichever_widget_has_focus(
    qtbot: QtBot, screen: Screen, wedge: WedgeFilter, clock: Clock
) -> None:
    screen.other.setFocus()
    qtbot.waitUntil(lambda: screen.other.hasFocus())
    with qtbot.waitSignal(wedge.sig_scan) as blocker:
        type_keys(screen.other, "PU12345678\r", clock, 3)
    assert blocker.args == ["PU12345678"] and screen.other.text() == ""


def test_each_key_is_fed_once_while_it_propagates(
    qtbot: QtBot, screen: Screen, clock: Clock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With a prefix, keys that cannot start a scan pass straight through; a button ignores
    # letters, so Qt shows the same event to the filter again for each parent widget.
    wedge = WedgeFilter(screen, WedgeSettings(prefix="]Q"), clock=clock)
    wedge.install()
    try:
        screen.button.setFocus()
        qtbot.waitUntil(lambda: screen.button.hasFocus())
        fed: list[str] = []
        original = wedge.detector.feed

        def counting(key: str, t: float) -> tuple[object, ...]:
            fed.append(key)
            return original(key, t)

        monkeypatch.setattr(wedge.detector, "feed", counting)
        type_keys(screen.button, "xyz", clock, 200)
        assert fed == ["x", "y", "z"] and wedge.detector.held == 0
        with qtbot.waitSignal(wedge.sig_scan) as blocker:
            type_keys(screen.button, "]Q00112233\r", clock, 1)
        assert blocker.args == ["00112233"]
    finally:
        wedge.uninstall()


def test_dialog_keeps_its_typing(qtbot: QtBot, screen: Screen, wedge: WedgeFilter,
                                 clock: Clock) -> None:
    dialog = QDialog(screen)
    edit = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(edit)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: edit.hasFocus())
    scans: list[str] = []
    wedge.sig_scan.connect(scans.append)
    type_keys(edit, "134567890123456789", clock, 2)  # a payment code scanned in a dialog
    assert edit.text() == "134567890123456789" and scans == []
    dialog.close()


def test_shortcut_keys_pass_and_release_held_typing(
    qtbot: QtBot, screen: Screen, wedge: WedgeFilter, clock: Clock
) -> None:
    type_keys(screen.entry, "ab", clock, 200)
    QTest.keyClick(screen.entry, Qt.Key.Key_Backspace)  # not text: held keys go first
    assert screen.entry.text() == "a"

"""A cashier window on a fresh demo database, driven with real key events."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from pos_app.config import Settings
from pos_app.services.demo_session import sign_in_demo
from pos_app.services.factory import open_services
from pos_app.ui import i18n, wedge_filter
from pos_app.ui.cashier_window import CashierWindow


@pytest.fixture(autouse=True)
def scanner_paced_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """QTest's key events carry no timestamp, so the wedge capture would read the wall clock
    and a loaded machine stalling between two keys could turn a scan into typing: the keys
    arrive 1 ms apart, as a scanner types them, however busy the machine is."""
    ticks = itertools.count()
    monkeypatch.setattr(wedge_filter, "time", SimpleNamespace(monotonic=lambda: next(ticks) / 1000))


def open_window(qtbot: QtBot, db_path: Path, tmp_path: Path, *, signed_in: bool = True,
                demo: bool = False, role: str = "manager",
                **overrides: Any) -> Iterator[CashierWindow]:
    """A cashier window on ``db_path`` in English, with the demo ``role`` signed in and a
    shift open (``signed_in``), or as the till starts: locked, no shift."""
    settings = Settings(data_dir=tmp_path, db_path=db_path, lang="en_US", **overrides)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = i18n.install_translators(app, "en_US")
    services = open_services(db_path=db_path, settings=settings, demo=demo)
    if signed_in:
        sign_in_demo(services, role)
    win = CashierWindow(services=services, settings=settings, lang="en_US")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.shutdown()
    services.close()
    for t in translators:
        app.removeTranslator(t)


@pytest.fixture
def window(
    request: pytest.FixtureRequest, qtbot: QtBot, db_path: Path, tmp_path: Path
) -> Iterator[CashierWindow]:
    """The default settings (wedge capture on); parametrize indirectly to override some."""
    yield from open_window(qtbot, db_path, tmp_path, **getattr(request, "param", {}))


def scan(qtbot: QtBot, win: CashierWindow, code: str) -> None:
    """Type a code into the scan entry like a keyboard-wedge scanner, then Enter.

    QTest's keys come 1 ms apart, a scanner burst: with the wedge capture on (the default)
    the burst is swallowed and the code handed over on a queued signal, so wait for it.
    Codes shorter than a scan reach the entry as typing, handled at once. Then wait for
    what follows the painted frame (promotions panel, customer display: ``after_paint``).
    """
    wedge = win.cashier_devices.wedge_filter
    if (wedge is None or len(code) < wedge.detector.settings.min_length
            or QApplication.activeModalWidget() is not None):
        qtbot.keyClicks(win.scan_entry, code)
        qtbot.keyClick(win.scan_entry, Qt.Key.Key_Return)
    else:
        with qtbot.waitSignal(wedge.sig_scan, timeout=3000):
            qtbot.keyClicks(win.scan_entry, code)
            qtbot.keyClick(win.scan_entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.after_paint.pending, timeout=3000)


def press(qtbot: QtBot, win: CashierWindow, key: Qt.Key) -> None:
    """Press a key where the keyboard focus is (F-keys reach the window's shortcuts)."""
    target = QApplication.focusWidget() or win.scan_entry
    qtbot.keyClick(target, key)


def open_dialog(qtbot: QtBot, win: CashierWindow, key: Qt.Key) -> object:
    """Press an F-key that opens a dialog; wait until the dialog has the keyboard."""
    press(qtbot, win, key)
    dialog = win.active_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The text of a table cell, which must hold an item."""
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()

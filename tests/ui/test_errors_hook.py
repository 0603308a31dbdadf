"""An unexpected error never crashes the till: logged, generic translated message shown."""

from __future__ import annotations

import sys
import threading

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.errors_hook import install_exception_hook


def test_uncaught_error_shows_generic_message(
    qtbot: QtBot, window: CashierWindow, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_exception_hook()
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # what Qt does for an exception in a slot
    assert "went wrong" in window.message_bar.text()
    assert "disk on fire" not in window.message_bar.text()
    assert "uncaught error" in caplog.text

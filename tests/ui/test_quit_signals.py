"""SIGTERM and SIGINT reach a Qt event loop that waits in C++ and quit it once."""

from __future__ import annotations

import os
import signal

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.quit_signals import QuitOnSignals


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_quits_once_and_the_old_handlers_come_back(
        qtbot: QtBot, sig: signal.Signals) -> None:
    before = signal.getsignal(sig)
    quits: list[int] = []
    stopper = QuitOnSignals(lambda: quits.append(1))
    try:
        os.kill(os.getpid(), sig)
        os.kill(os.getpid(), sig)
        qtbot.waitUntil(lambda: len(stopper.received) == 2)
        assert quits == [1]
    finally:
        stopper.uninstall()
    assert signal.getsignal(sig) is before

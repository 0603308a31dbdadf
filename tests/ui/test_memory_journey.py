"""Selling sale after sale keeps nothing per sale: no dialog, widget or laid-out cart text
outlives its sale, and the simulated printer ``make run`` prints on keeps a bounded tail.

Counts, not timings or RSS: each is a leak the soak benchmark (``bench soak``) saw as memory
growing by the sale.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from drivers.device import DeviceState
from drivers.display.config import DisplayConfig
from drivers.printer.config import PrinterConfig
from pos_app.ui.cart_delegate import CartDelegate
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.payment_dialog import PaymentDialog
from tests.conftest import COLA, TEA
from tests.ui.conftest import open_dialog, scan

SIM_DEVICES = {"printer": PrinterConfig(kind="sim"), "display": DisplayConfig(kind="sim")}


def _sell(qtbot: QtBot, win: CashierWindow, n: int) -> None:
    """Sale ``n``: new quantities each time, so every sale lays out cart texts never seen."""
    for _ in range(n + 1):
        scan(qtbot, win, COLA)
    scan(qtbot, win, TEA)
    dialog = open_dialog(qtbot, win, Qt.Key.Key_F12)
    assert isinstance(dialog, PaymentDialog)
    with qtbot.waitSignal(win.sig_sale_completed, timeout=5000):
        qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_Return)  # exact cash
    qtbot.waitUntil(lambda: win.active_dialog is None and not win.runner.busy, timeout=5000)
    qtbot.waitUntil(lambda: not any(  # its deferred delete has run
        isinstance(w, PaymentDialog) for w in QApplication.allWidgets()), timeout=5000)


def _widgets() -> Counter[str]:
    return Counter(type(w).__name__ for w in QApplication.allWidgets())


@pytest.mark.parametrize("window", [SIM_DEVICES], indirect=True)
def test_selling_keeps_nothing_per_sale(qtbot: QtBot, window: CashierWindow) -> None:
    win = window
    qtbot.waitUntil(lambda: win.devices.states["printer"].state == DeviceState.READY,
                    timeout=5000)
    printer = win.devices.manager.sims.printer
    assert printer is not None
    delegate = win.cart_view.itemDelegate()
    assert isinstance(delegate, CartDelegate)
    for n in range(2):  # warm-up: what is built on first use stays, once
        _sell(qtbot, win, n)
    widgets = _widgets()
    receipt_bytes = printer.total_bytes
    printer.keep_bytes = receipt_bytes * 2  # a small bound, reached within this test
    cells: list[int] = []
    for n in range(2, 8):
        _sell(qtbot, win, n)
        cells.append(delegate.cached_cells)
    assert _widgets() == widgets  # no dialog, menu or label left behind by a sale
    assert cells == [0] * len(cells)  # a new sale's cart starts with no laid-out texts
    # Eight receipts printed (``receipt_bytes``: the first two, or one of them if the second
    # was still printing): well past the kept tail of twice that. ">" four times was eight
    # receipts against eight, passed or not by a few bytes of their amounts.
    qtbot.waitUntil(lambda: printer.writes > 0 and printer.total_bytes > 3 * receipt_bytes,
                    timeout=5000)
    assert len(printer.output()) <= printer.keep_bytes

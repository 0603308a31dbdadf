"""The payment dialog from the keyboard alone: Del removes a tender, Tab reaches the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.payment_dialog import PaymentDialog
from tests.conftest import CHIPS, COLA, TEA
from tests.ui.conftest import open_dialog, scan


def _two_cash_tenders(qtbot: QtBot, window: CashierWindow) -> PaymentDialog:
    for code in (COLA, TEA, CHIPS):
        scan(qtbot, window, code)
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F12)
    assert isinstance(dialog, PaymentDialog)
    for amount in ("2", "3"):
        qtbot.keyClicks(dialog.cash_entry, amount)
        qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_Return)
    assert dialog.tender_list.count() == 2
    assert dialog.cash_entry.hasFocus() and dialog.cash_entry.text() == ""
    return dialog


def test_del_in_the_empty_amount_field_removes_the_last_tender(
    qtbot: QtBot, window: CashierWindow
) -> None:
    dialog = _two_cash_tenders(qtbot, window)
    qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_Delete)
    assert dialog.tender_list.count() == 1
    assert dialog.remaining_label.text() == "¥12.00"


def test_del_still_edits_an_amount_being_typed(qtbot: QtBot, window: CashierWindow) -> None:
    dialog = _two_cash_tenders(qtbot, window)
    qtbot.keyClicks(dialog.cash_entry, "45")
    qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_Home)
    qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_Delete)
    assert dialog.cash_entry.text() == "5"
    assert dialog.tender_list.count() == 2


def test_tab_reaches_the_tender_list_and_del_removes_the_selected_one(
    qtbot: QtBot, window: CashierWindow
) -> None:
    dialog = _two_cash_tenders(qtbot, window)
    for _ in range(6):
        if dialog.tender_list.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.tender_list.hasFocus()
    assert dialog.tender_list.currentRow() == 1  # the newest is selected on arrival
    qtbot.keyClick(dialog.tender_list, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.tender_list, Qt.Key.Key_Delete)
    assert dialog.tender_list.count() == 1
    assert "¥3.00" in dialog.tender_list.item(0).text()
    # Enter from the list still adds a payment (the exact rest) and completes the sale.
    with qtbot.waitSignal(window.sig_sale_completed, timeout=5000):
        qtbot.keyClick(dialog.tender_list, Qt.Key.Key_Return)

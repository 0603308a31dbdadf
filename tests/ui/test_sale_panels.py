"""The panels beside the cart follow every change: the last item, and every fen of discount."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.core.money import Money
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.edit_dialogs import ConfirmDialog, DiscountDialog, ValueDialog
from tests.conftest import CHIPS, COLA, TEA
from tests.ui.conftest import open_dialog, press, scan
from tests.ui.test_loyalty_journey import TELUNSU, member_qr


def _cart_amounts(win: CashierWindow) -> list[str]:
    m = win.cart_model
    return [m.data(m.index(r, 5)) for r in range(m.rowCount())]


def _enter(qtbot: QtBot, dialog: object, text: str) -> None:
    assert isinstance(dialog, (DiscountDialog, ValueDialog))
    qtbot.keyClick(dialog.entry, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.entry, text)
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)


def test_last_item_follows_void_and_quantity(qtbot: QtBot, window: CashierWindow) -> None:
    for code in (COLA, TEA, CHIPS):
        scan(qtbot, window, code)
    panel = window.last_item
    assert panel.isVisible() and panel.name_label.text().startswith(window.cart_model.data(
        window.cart_model.index(2, 1)))
    press(qtbot, window, Qt.Key.Key_F4)  # voids the selected (last) line
    qtbot.waitUntil(lambda: window.cart_model.rowCount() == 2, timeout=3000)
    assert not panel.isVisible(), "the voided line must not stay on show"
    press(qtbot, window, Qt.Key.Key_Up)  # select the first line (cola) and make it 3
    _enter(qtbot, open_dialog(qtbot, window, Qt.Key.Key_F3), "3")
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=3000)
    assert panel.isVisible() and panel.name_label.text().startswith("Coca-Cola")
    assert panel.detail_label.text().startswith("3 × ")
    assert panel.detail_label.text().endswith(_cart_amounts(window)[0])


def test_last_item_shows_the_new_price_when_a_member_reprices_it(
    qtbot: QtBot, window: CashierWindow
) -> None:
    scan(qtbot, window, TELUNSU)  # ¥65.00, gold member price ¥56.90
    panel = window.last_item
    assert panel.detail_label.text().endswith("¥65.00")
    scan(qtbot, window, member_qr("M-DEMO-1"))  # a whole-sale change: no line of its own
    assert panel.isVisible() and panel.detail_label.text().endswith("¥56.90")


def _money(text: str) -> int:
    return Money.parse(text.replace("¥", "").replace("−", "-").replace(",", "")).fen


def test_every_fen_between_list_price_and_total_is_named(
    qtbot: QtBot, window: CashierWindow
) -> None:
    for code in (COLA, TEA, CHIPS, COLA):
        scan(qtbot, window, code)
    press(qtbot, window, Qt.Key.Key_Up)
    _enter(qtbot, open_dialog(qtbot, window, Qt.Key.Key_F5), "10")  # 10 % off tea
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=3000)
    _enter(qtbot, open_dialog(qtbot, window, Qt.Key.Key_F6), "/1.50")  # ¥1.50 off the sale
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=3000)
    rows = window.totals.visible_rows()
    names = [name for name, _ in rows]
    assert "Line discounts" in names and "Sale discount" in names
    values = dict(rows)
    named = sum(_money(v) for n, v in rows if n not in ("Items", "Subtotal", "Total",
                                                         "Tax (incl.)"))
    total = _money(window.totals.total_label.text())
    assert _money(values["Subtotal"]) + named == total
    # The cart's amounts plus the discounts the cart does not show add up to the total too.
    shown = sum(_money(a) for a in _cart_amounts(window))
    assert shown + _money(values["Sale discount"]) + _money(values.get("Rounding", "0")) == total


def test_absurd_quantity_and_price_ask_first(qtbot: QtBot, window: CashierWindow) -> None:
    scan(qtbot, window, COLA)
    _enter(qtbot, open_dialog(qtbot, window, Qt.Key.Key_F3), "99999")
    confirm = window.active_dialog
    assert isinstance(confirm, ConfirmDialog), "99999 pieces went in unchecked"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is confirm, timeout=3000)
    qtbot.keyClick(confirm, Qt.Key.Key_Escape)  # keeps the old quantity
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=3000)
    assert window.checkout.sale.cart.lines[0].qty == 1
    _enter(qtbot, open_dialog(qtbot, window, Qt.Key.Key_F3), "99999")
    confirm = window.active_dialog
    assert isinstance(confirm, ConfirmDialog)
    qtbot.keyClick(confirm, Qt.Key.Key_Return)  # a scanner's Enter never confirms
    assert window.checkout.sale.cart.lines[0].qty == 1
    _enter(qtbot, open_dialog(qtbot, window, Qt.Key.Key_F3), "12")  # usual: no question
    assert window.active_dialog is None and window.checkout.sale.cart.lines[0].qty == 12
    _enter(qtbot, open_dialog(qtbot, window, Qt.Key.Key_F7), "12999")
    confirm = window.active_dialog
    assert isinstance(confirm, ConfirmDialog), "a ¥12,999 price went in unchecked"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is confirm, timeout=3000)
    qtbot.keyClick(confirm, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=3000)
    assert window.checkout.sale.cart.lines[0].unit_price == Money(1_299_900)

"""Returns at the till with real key events: a cashier brings back one pack of a 买二送一
basket (a supervisor approves; the refund is what that pack was allocated), then a cola of
the same receipt is exchanged for other goods (one slip, the difference paid in cash); and
the refusals a cashier meets (no such receipt, more than sold, another store's receipt)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.store.audit import AuditFilter
from pos_app.store.return_queries import returns_since
from pos_app.store.returns import returns_of_sale
from pos_app.store.sales import get_sale
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.payment_dialog import PaymentDialog
from pos_app.ui.receipt_number_dialog import ReceiptNumberDialog
from pos_app.ui.return_dialog import ReturnDialog
from pos_app.ui.shift_dialogs import ChoiceDialog
from pos_app.ui.staff_dialogs import OverrideDialog
from pos_app.ui.unbound_return_dialog import UnboundReturnDialog
from tests.conftest import COLA, TEA
from tests.ui.conftest import cell_text, open_window, scan

NOODLES = "6901096602243"  # 康师傅红烧牛肉面 五连包 ¥12.50, 红烧牛肉面买2送1


@pytest.fixture
def till(qtbot: QtBot, db_path: Path, tmp_path: Path) -> Iterator[CashierWindow]:
    """The demo till with its cashier (王芳, no return permission) signed in."""
    yield from open_window(qtbot, db_path, tmp_path, demo=True, role="cashier")


def _dialog(qtbot: QtBot, win: CashierWindow, kind: type) -> object:
    qtbot.waitUntil(lambda: isinstance(win.active_dialog, kind), timeout=5000)
    return win.active_dialog


def _pay_cash(qtbot: QtBot, win: CashierWindow) -> None:
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_F12)
    pay = _dialog(qtbot, win, PaymentDialog)
    assert isinstance(pay, PaymentDialog)
    with qtbot.waitSignal(win.sig_sale_completed, timeout=5000):
        qtbot.keyClicks(pay.cash_entry, "100")
        qtbot.keyClick(pay.cash_entry, Qt.Key.Key_Return)


def _approve(qtbot: QtBot, win: CashierWindow, code: str = "2001", pin: str = "2222") -> None:
    prompt = _dialog(qtbot, win, OverrideDialog)
    assert isinstance(prompt, OverrideDialog)
    qtbot.keyClicks(prompt.form.code, code)
    qtbot.keyClick(prompt.form.code, Qt.Key.Key_Return)
    qtbot.keyClicks(prompt.form.pin, pin)
    qtbot.keyClick(prompt.form.pin, Qt.Key.Key_Return)


def _open_receipt(qtbot: QtBot, win: CashierWindow, receipt_no: str) -> ReceiptNumberDialog:
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    ask = _dialog(qtbot, win, ReceiptNumberDialog)
    assert isinstance(ask, ReceiptNumberDialog)
    qtbot.keyClicks(ask.entry, receipt_no)
    qtbot.keyClick(ask.entry, Qt.Key.Key_Return)
    return ask


def test_part_of_a_promotion_basket_back_then_an_exchange(qtbot: QtBot,
                                                           till: CashierWindow) -> None:
    win = till
    scan(qtbot, win, f"3*{NOODLES}")  # three packs, one free: ¥25.00 for the three
    scan(qtbot, win, COLA)
    _pay_cash(qtbot, win)
    receipt_no = win.last_completed.receipt.receipt_no if win.last_completed else ""
    stored = get_sale(engine=win.services.engine, receipt_no=receipt_no)
    assert stored is not None
    noodles = stored.record.lines[0]
    assert noodles.qty == 3 and noodles.net_fen == 2500

    # One pack comes back: the return screen, its refund, a supervisor approves.
    _open_receipt(qtbot, win, receipt_no)
    screen = _dialog(qtbot, win, ReturnDialog)
    assert isinstance(screen, ReturnDialog)
    assert cell_text(screen.table, 0, 0).startswith("Master Kong")  # English screen
    qtbot.keyClick(screen.table, Qt.Key.Key_4)  # more than sold: told, nothing planned
    assert screen.refund is None and "3" in screen.error.text()
    qtbot.keyClick(screen.table, Qt.Key.Key_Backspace)
    qtbot.keyClick(screen.table, Qt.Key.Key_1)
    assert screen.refund is not None and screen.refund.total_fen == 833  # ¥25.00 / 3
    assert "Cash ¥8.33" in screen.summary.text()
    qtbot.keyClick(screen.table, Qt.Key.Key_F12)
    _approve(qtbot, win)
    qtbot.waitUntil(lambda: "Return" in win.message_bar.text(), timeout=5000)
    back = returns_of_sale(engine=win.services.engine, sale_uuid=stored.record.sale_uuid)
    assert [(r.lines[0].qty, r.lines[0].refund_fen) for r in back] == [(1, 833)]
    assert "¥8.33" in win.message_bar.text()
    assert "R0" in win.receipt_title.text()
    actions = [e.action for e in win.services.staff.audit_log(AuditFilter(limit=50))]
    assert "return" in actions and "approval" in actions

    # The cola of the same receipt, scanned, exchanged for tea: the credit pays first.
    win.scan(receipt_no)
    screen = _dialog(qtbot, win, ReturnDialog)
    assert isinstance(screen, ReturnDialog)
    assert cell_text(screen.table, 0, 2) == "1"  # one pack already back
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    qtbot.keyClick(screen.table, Qt.Key.Key_1)
    assert screen.refund is not None and screen.refund.total_fen == 350
    qtbot.keyClick(screen.table, Qt.Key.Key_F9)
    _approve(qtbot, win)
    qtbot.waitUntil(lambda: win.checkout.exchange is not None, timeout=5000)
    assert "Exchange" in win.message_bar.text()
    scan(qtbot, win, TEA)
    scan(qtbot, win, TEA)
    assert "Exchange: ¥3.50" in win.message_bar.text()  # said while the sale is an exchange
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_F12)
    pay = _dialog(qtbot, win, PaymentDialog)
    assert isinstance(pay, PaymentDialog)
    assert [(t.kind, t.amount.fen) for t in win.checkout.sale.tenders] == [("exchange", 350)]
    with qtbot.waitSignal(win.sig_sale_completed, timeout=5000) as done:
        qtbot.keyClicks(pay.cash_entry, "10")
        qtbot.keyClick(pay.cash_entry, Qt.Key.Key_Return)
    completed = done.args[0]
    assert completed.exchange is not None
    assert completed.exchange.receipt.exchange_receipt_no == completed.receipt.receipt_no
    assert win.checkout.exchange is None
    back = returns_of_sale(engine=win.services.engine, sale_uuid=stored.record.sale_uuid)
    assert sorted((r.lines[0].line_no, r.lines[0].qty) for r in back) == [(1, 1), (2, 1)]


def test_refusals_are_told_and_nothing_is_written(qtbot: QtBot, till: CashierWindow) -> None:
    win = till
    ask = _open_receipt(qtbot, win, "hello")
    assert ask.isVisible() and ask.error.text()  # not a receipt number: said in the dialog
    qtbot.keyClick(ask.entry, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.active_dialog is None, timeout=3000)
    store = win.checkout.store_info.store_code
    _open_receipt(qtbot, win, f"{store}-{win.checkout.store_info.terminal_code}-000999")
    qtbot.waitUntil(lambda: "No sale has receipt number" in win.message_bar.text(), timeout=5000)
    _open_receipt(qtbot, win, "S999-T01-000001")
    qtbot.waitUntil(lambda: "from another store" in win.message_bar.text(), timeout=5000)
    scan(qtbot, win, COLA)  # mid-sale: the return waits for the sale
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert win.active_dialog is None and "Finish or suspend" in win.message_bar.text()


def _taken(win: CashierWindow, kind: str) -> tuple[int, int]:
    return returns_since(engine=win.services.engine, kind=kind, since=datetime(2000, 1, 1,
                         tzinfo=UTC), terminal_code=win.checkout.store_info.terminal_code)


def _unbound(qtbot: QtBot, win: CashierWindow, codes: list[str]) -> None:
    dialog = _dialog(qtbot, win, UnboundReturnDialog)
    assert isinstance(dialog, UnboundReturnDialog)
    for code in codes:
        qtbot.keyClicks(dialog.entry, code)
        qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.entry, Qt.Key.Key_F12)
    choice = _dialog(qtbot, win, ChoiceDialog)
    assert isinstance(choice, ChoiceDialog)
    qtbot.keyClicks(choice.list, "1")  # refund in cash


def test_without_a_receipt_a_manager_approves_and_it_is_paid_in_cash(
        qtbot: QtBot, till: CashierWindow) -> None:
    win = till
    ask = _open_receipt(qtbot, win, "")
    qtbot.keyClick(ask.entry, Qt.Key.Key_F3)
    _unbound(qtbot, win, [COLA])
    _approve(qtbot, win, "2001", "2222")  # a supervisor may not: refused, nothing written
    qtbot.waitUntil(lambda: "may not" in win.message_bar.text(), timeout=5000)
    assert _taken(win, "no_receipt") == (0, 0)
    ask = _open_receipt(qtbot, win, "")
    qtbot.keyClick(ask.entry, Qt.Key.Key_F3)
    _unbound(qtbot, win, [COLA])
    _approve(qtbot, win, "3001", "3333")
    qtbot.waitUntil(lambda: "Return" in win.message_bar.text(), timeout=5000)
    assert _taken(win, "no_receipt") == (1, 350)


def test_another_tills_receipt_offline_goes_on_with_a_supervisor(
        qtbot: QtBot, till: CashierWindow) -> None:
    win = till
    info = win.checkout.store_info
    _open_receipt(qtbot, win, f"{info.store_code}-T99-000005")
    _unbound(qtbot, win, [TEA])
    _approve(qtbot, win)
    qtbot.waitUntil(lambda: "Return" in win.message_bar.text(), timeout=5000)
    assert _taken(win, "other_till_offline")[0] == 1

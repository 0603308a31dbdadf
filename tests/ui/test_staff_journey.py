"""The store day at the till with real key events: sign in by PIN (and a wrong one), the
float, a sale, an override refused then approved, locking and switching cashiers by badge
without losing the sale, and the Z with a blind count ¥2.00 short."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.services.factory import Services
from pos_app.store.audit import AuditFilter
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.edit_dialogs import ValueDialog
from pos_app.ui.payment_dialog import PaymentDialog
from pos_app.ui.shift_dialogs import CashCountDialog, ChoiceDialog, ReportDialog
from pos_app.ui.staff_dialogs import OverrideDialog
from tests.conftest import COLA, TEA
from tests.ui.conftest import open_window, scan


@pytest.fixture
def till(qtbot: QtBot, db_path: Path, tmp_path: Path) -> Iterator[CashierWindow]:
    """The demo till as it starts: nobody signed in, no shift open."""
    yield from open_window(qtbot, db_path, tmp_path, signed_in=False, demo=True)


def _sign_in(qtbot: QtBot, win: CashierWindow, code: str, pin: str) -> None:
    form = win.staff_gate.overlay.form
    qtbot.waitUntil(lambda: form.code.isEnabled(), timeout=3000)
    form.code.clear()
    form.code.setFocus()
    qtbot.keyClicks(form.code, code)
    qtbot.keyClick(form.code, Qt.Key.Key_Return)
    qtbot.keyClicks(form.pin, pin)
    qtbot.keyClick(form.pin, Qt.Key.Key_Return)


def _dialog(qtbot: QtBot, win: CashierWindow, kind: type) -> object:
    qtbot.waitUntil(lambda: isinstance(win.active_dialog, kind), timeout=5000)
    return win.active_dialog


def _new_price(qtbot: QtBot, win: CashierWindow, yuan: str) -> OverrideDialog:
    """F7 on the selected line, a new price, Enter: a cashier is asked for a supervisor."""
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_F7)
    price = _dialog(qtbot, win, ValueDialog)
    assert isinstance(price, ValueDialog)
    price.entry.selectAll()
    qtbot.keyClicks(price.entry, yuan)
    qtbot.keyClick(price.entry, Qt.Key.Key_Return)
    prompt = _dialog(qtbot, win, OverrideDialog)
    assert isinstance(prompt, OverrideDialog)
    return prompt


def _count(qtbot: QtBot, dialog: CashCountDialog, pieces: dict[str, int]) -> None:
    for code, field in dialog.fields.items():
        if code in pieces:
            qtbot.keyClicks(field, str(pieces[code]))
    for _ in dialog.order:
        focused = next((f for f in dialog.order if f.hasFocus()), dialog.order[0])
        qtbot.keyClick(focused, Qt.Key.Key_Return)
        if not dialog.isVisible():
            return


def _services(win: CashierWindow) -> Services:
    return win.services


def test_a_store_day_sign_in_sell_override_switch_and_z(qtbot: QtBot,
                                                          till: CashierWindow) -> None:
    win = till
    overlay = win.staff_gate.overlay
    assert overlay.isVisible() and win.staff_gate.locked
    assert "1001 王芳: 1111" in overlay.demo_hint.text()  # a demo till shows its PINs
    # Keys do nothing while locked; a wrong PIN is told and audited.
    qtbot.keyClick(overlay.form.code, Qt.Key.Key_F12)
    assert win.active_dialog is None
    _sign_in(qtbot, win, "1001", "9999")
    qtbot.waitUntil(lambda: "Wrong PIN" in overlay.form.state.text(), timeout=5000)
    assert "4 more tries" in overlay.form.state.text()
    # The right PIN: the float is asked for (no Z yet to take it from).
    _sign_in(qtbot, win, "1001", "1111")
    dialog = _dialog(qtbot, win, CashCountDialog)
    assert isinstance(dialog, CashCountDialog) and dialog.offer is None
    _count(qtbot, dialog, {"note_100": 2, "note_50": 1, "note_10": 4, "coin_1": 10})
    qtbot.waitUntil(lambda: _services(win).shifts.current is not None, timeout=5000)
    assert not overlay.isVisible() and "王芳" in win.status.store_label.text()

    # A sale; the cashier's new price needs a supervisor: refused (Esc), then approved.
    scan(qtbot, win, COLA)
    scan(qtbot, win, TEA)
    prompt = _new_price(qtbot, win, "3")
    qtbot.keyClick(prompt, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.active_dialog is None, timeout=3000)
    assert win.checkout.current().priced.totals.total.fen == 350 + 300  # unchanged
    prompt = _new_price(qtbot, win, "2")
    qtbot.keyClicks(prompt.form.code, "2001")
    qtbot.keyClick(prompt.form.code, Qt.Key.Key_Return)
    qtbot.keyClicks(prompt.form.pin, "2222")
    qtbot.keyClick(prompt.form.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.checkout.current().priced.totals.total.fen == 350 + 200,
                    timeout=5000)

    # Lock with the sale open, the supervisor's badge takes over: the sale is still there.
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert overlay.isVisible() and "¥5.50" in overlay.kept_sale.text()
    win.scan("STF2001")
    qtbot.waitUntil(lambda: not win.staff_gate.locked, timeout=5000)
    assert win.checkout.cashier == "李强" and win.cart_model.rowCount() == 2
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_F12)
    pay = _dialog(qtbot, win, PaymentDialog)
    assert isinstance(pay, PaymentDialog)
    with qtbot.waitSignal(win.sig_sale_completed, timeout=5000):
        qtbot.keyClicks(pay.cash_entry, "5.5")
        qtbot.keyClick(pay.cash_entry, Qt.Key.Key_Return)

    # The manager closes the shift: the blind count is ¥2.00 short of ¥300 + ¥5.50.
    win.scan("STF3001")
    qtbot.waitUntil(lambda: win.checkout.cashier == "张敏", timeout=5000)
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    menu = _dialog(qtbot, win, ChoiceDialog)
    assert isinstance(menu, ChoiceDialog)
    qtbot.keyClicks(menu.list, "3")
    count = _dialog(qtbot, win, CashCountDialog)
    assert isinstance(count, CashCountDialog) and count.blind and count.total.isHidden()
    _count(qtbot, count, {"note_100": 3, "coin_1": 3, "coin_0_5": 1})  # ¥303.50
    report = _dialog(qtbot, win, ReportDialog)
    assert isinstance(report, ReportDialog)
    shown = report.view.toPlainText()
    assert "** SHORT **" in shown and "-2.00" in shown and "303.50" in shown
    qtbot.keyClick(report, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.staff_gate.locked, timeout=3000)  # signed out after the Z
    services = _services(win)
    assert services.shifts.current is None
    z = services.shifts.kept_z(services.shifts.closed()[0])
    short = z.check("cash").over_short
    assert short is not None and short.fen == -200
    actions = [e.action for e in services.staff.audit_log(AuditFilter(limit=100))]
    for action in ("sign_in_failed", "sign_in", "shift_open", "approval", "price_override",
                   "lock", "switch", "z_report"):
        assert action in actions, action

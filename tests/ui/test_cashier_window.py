"""The cashier flow through the window, keyboard only, on a real demo database."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from drivers.scanner.config import ScannerConfig
from pos_app.core.receipt import ReceiptDocument
from pos_app.store import sales as sales_store
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.keys import ACTIONS
from pos_app.ui.payment_dialog import PaymentDialog
from pos_app.ui.resume_dialog import ResumeDialog
from pos_app.ui.search_dialog import ProductSearchDialog
from tests.conftest import APPLES_LABEL_350G, CHIPS, COLA, TEA, UNKNOWN
from tests.ui.conftest import open_dialog, press, scan


def names(win: CashierWindow) -> list[str]:
    m = win.cart_model
    return [m.data(m.index(r, 1)) for r in range(m.rowCount())]


def test_scan_three_products_by_keystrokes(qtbot: QtBot, window: CashierWindow) -> None:
    for code in (COLA, TEA, CHIPS):
        scan(qtbot, window, code)
    assert window.cart_model.rowCount() == 3
    assert names(window)[0].startswith("Coca-Cola")
    assert window.totals.total_label.text() == "¥14.00"
    assert window.scan_entry.text() == "" and window.scan_entry.hasFocus()


def test_scale_label_adds_weighed_line(qtbot: QtBot, window: CashierWindow) -> None:
    scan(qtbot, window, APPLES_LABEL_350G)
    m = window.cart_model
    assert m.data(m.index(0, 2)) == "0.350kg"
    assert m.data(m.index(0, 5)) == "4.48"


def test_bad_check_digit_and_unknown_barcode_messages(
    qtbot: QtBot, window: CashierWindow
) -> None:
    scan(qtbot, window, COLA[:-1] + "9")
    assert "check digit" in window.message_bar.text()
    scan(qtbot, window, UNKNOWN)
    assert "Unknown barcode" in window.message_bar.text()
    assert "F2" in window.message_bar.text()
    assert window.cart_model.rowCount() == 0
    assert window.active_dialog is None  # never a modal box for a bad scan


def test_search_by_pinyin_initials_and_add(qtbot: QtBot, window: CashierWindow) -> None:
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F2)
    assert isinstance(dialog, ProductSearchDialog)
    with qtbot.waitSignal(dialog.sig_results, timeout=3000):
        qtbot.keyClicks(dialog.query, "kkkl")
    skus = [p.sku for p in dialog.model.products]
    assert "T-COLA" in skus
    for _ in range(skus.index("T-COLA")):
        qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert window.active_dialog is None
    assert window.cart_model.rowCount() == 1
    assert names(window)[0].startswith("Coca-Cola 330ml test")
    qtbot.waitUntil(window.scan_entry.hasFocus, timeout=2000)


def retype(qtbot: QtBot, entry: QLineEdit, text: str) -> None:
    qtbot.keyClick(entry, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(entry, text)


def _pay_dialog(qtbot: QtBot, window: CashierWindow) -> PaymentDialog:
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F12)
    assert isinstance(dialog, PaymentDialog)
    return dialog


def test_split_tender_card_and_cash_completes_sale(
    qtbot: QtBot, window: CashierWindow, engine: Engine
) -> None:
    for code in (COLA, TEA, CHIPS):
        scan(qtbot, window, code)
    dialog = _pay_dialog(qtbot, window)
    qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_F6)  # card tab
    retype(qtbot, dialog.card_amount, "10")
    qtbot.keyClicks(dialog.card_reference, "778899")
    qtbot.keyClick(dialog.card_reference, Qt.Key.Key_Return)
    assert dialog.remaining_label.text() == "¥4.00"
    qtbot.keyClick(dialog.card_reference, Qt.Key.Key_F5)  # cash tab
    with qtbot.waitSignal(window.sig_sale_completed, timeout=5000) as done:
        qtbot.keyClicks(dialog.cash_entry, "10")
        qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_Return)
    receipt: ReceiptDocument = done.args[0].receipt
    assert receipt.change.fen == 600
    assert window.receipt_view.document_shown is receipt
    assert receipt.receipt_no in window.receipt_view.toPlainText()
    assert window.cart_model.rowCount() == 0
    stored = sales_store.get_sale(engine=engine, receipt_no=receipt.receipt_no)
    assert stored is not None and stored.state == "completed"
    assert [t.kind for t in stored.record.tenders] == ["card", "cash"]
    # The next scan starts a new sale and brings the cart back.
    scan(qtbot, window, TEA)
    assert window.left_stack.currentIndex() == 0 and window.cart_model.rowCount() == 1


def test_mobile_then_cash_with_change(qtbot: QtBot, window: CashierWindow) -> None:
    scan(qtbot, window, CHIPS)
    dialog = _pay_dialog(qtbot, window)
    qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_F7)  # mobile tab
    retype(qtbot, dialog.mobile_amount, "5")
    with qtbot.waitSignal(dialog.sig_tenders_changed, timeout=5000):
        qtbot.keyClicks(dialog.mobile_code, "134567890123456781")
        qtbot.keyClick(dialog.mobile_code, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.mobile_code, Qt.Key.Key_F5)
    with qtbot.waitSignal(window.sig_sale_completed, timeout=5000) as done:
        qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_F3)  # quick ¥100
    assert done.args[0].receipt.change.fen == 10000 - 250
    assert "¥97.50" in window.receipt_title.text()
    assert window.totals.change_label.isVisible()


def test_suspend_and_resume(qtbot: QtBot, window: CashierWindow) -> None:
    scan(qtbot, window, COLA)
    scan(qtbot, window, APPLES_LABEL_350G)
    with qtbot.waitSignal(window.sig_cart_changed, timeout=5000):
        press(qtbot, window, Qt.Key.Key_F8)
    assert window.cart_model.rowCount() == 0
    assert "suspended" in window.message_bar.text()
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F9)
    assert isinstance(dialog, ResumeDialog) and dialog.list.count() == 1
    with qtbot.waitSignal(window.sig_cart_changed, timeout=5000):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert window.cart_model.rowCount() == 2
    qtbot.waitUntil(window.scan_entry.hasFocus, timeout=2000)


def test_scans_during_a_write_are_kept(qtbot: QtBot, window: CashierWindow) -> None:
    scan(qtbot, window, COLA)
    disk = threading.Event()  # a slow disk: the writer thread is held until it is set
    window.runner.submit(lambda: disk.wait(30))
    try:
        press(qtbot, window, Qt.Key.Key_F8)  # the suspend waits behind it on the writer
        scan(qtbot, window, TEA)  # scanned while it is saving
        assert window.runner.busy  # so the scan really came during the write …
        assert names(window) == ["Coca-Cola 330ml test"]  # … and was queued, not applied
    finally:
        with qtbot.waitSignal(window.runner.sig_idle, timeout=10000):
            disk.set()
    assert names(window) == ["Ice tea test"]  # the queued scan, after the suspend


def test_void_sale_needs_f10_twice(qtbot: QtBot, window: CashierWindow, engine: Engine) -> None:
    scan(qtbot, window, COLA)
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F10)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # a scanner's Enter keeps the sale
    assert window.cart_model.rowCount() == 1
    qtbot.waitUntil(lambda: window.active_dialog is None and window.isActiveWindow())
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F10)
    with qtbot.waitSignal(window.sig_cart_changed, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key.Key_F10)
    assert window.cart_model.rowCount() == 0
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sale WHERE state='voided'")).scalar() == 1


def test_help_overlay_lists_every_key(qtbot: QtBot, window: CashierWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F1)
    assert window.help_overlay.isVisible()
    qtbot.keyClick(window.help_overlay, Qt.Key.Key_Escape)
    assert not window.help_overlay.isVisible()
    qtbot.waitUntil(window.scan_entry.hasFocus, timeout=2000)


def test_every_key_and_button_has_its_handler(qtbot: QtBot, window: CashierWindow) -> None:
    assert set(window.key_handlers) == {action.name for action in ACTIONS}
    window.run_action("help")
    assert window.help_overlay.isVisible()


def _send_key(widget: QLineEdit, key: int, text: str = "") -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    QApplication.sendEvent(widget, event)


def test_linefeed_suffix_ends_a_wedge_scan(qtbot: QtBot, window: CashierWindow) -> None:
    with qtbot.waitSignal(window.sig_cart_changed, timeout=3000):
        qtbot.keyClicks(window.scan_entry, COLA)
        _send_key(window.scan_entry, 0x0A, "\n")  # scanners with an LF suffix, xdotool
    assert window.cart_model.rowCount() == 1
    assert window.scan_entry.text() == ""


@pytest.mark.parametrize("window", [{"scanner": ScannerConfig(kind="none")}], indirect=True)
def test_linefeed_in_the_entry_ends_a_code(qtbot: QtBot, window: CashierWindow) -> None:
    # No wedge capture: the keys reach the scan entry, which takes Linefeed as Enter.
    assert window.cashier_devices.wedge_filter is None
    qtbot.keyClicks(window.scan_entry, COLA)
    _send_key(window.scan_entry, 0x0A, "\n")
    assert window.cart_model.rowCount() == 1


def test_f_keys_work_without_an_active_window(qtbot: QtBot, window: CashierWindow) -> None:
    # Kiosks run without a window manager: shortcuts never fire, the entry maps F-keys.
    scan(qtbot, window, COLA)
    _send_key(window.scan_entry, Qt.Key.Key_F1)
    assert window.help_overlay.isVisible()


def test_search_text_with_a_control_character_says_so(qtbot: QtBot, window: CashierWindow) -> None:
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F2)
    assert isinstance(dialog, ProductSearchDialog)
    with qtbot.waitSignal(dialog.sig_results, timeout=3000):
        dialog.query.setText("ke\x01le")  # pasted
    assert dialog.model.products == []
    assert "control character" in dialog.status.text()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Escape)


@pytest.mark.parametrize("left", ["", " ", "  \t"])
def test_plus_opens_payment_even_after_a_stray_space(
        qtbot: QtBot, window: CashierWindow, left: str) -> None:
    """Issue 10: an invisible space left in the scan entry made "+" type itself."""
    entry = window.scan_entry
    entry.setText(left)
    with qtbot.waitSignal(entry.sig_pay, timeout=3000):
        qtbot.keyClick(entry, Qt.Key.Key_Plus)
    assert entry.text() == ""


def test_ctrl_q_quits_at_once_without_a_sale(qtbot: QtBot, window: CashierWindow) -> None:
    with qtbot.waitSignal(window.sig_quit, timeout=3000):
        qtbot.keyClick(window.scan_entry, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_q_asks_first_when_a_sale_is_open(qtbot: QtBot, window: CashierWindow) -> None:
    scan(qtbot, window, COLA)
    quits: list[bool] = []
    window.sig_quit.connect(lambda: quits.append(True))
    qtbot.keyClick(window.scan_entry, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.active_dialog is not None, timeout=3000)
    dialog = window.active_dialog
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # keeps selling
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=3000)
    assert not quits and not window.checkout.sale.cart.is_empty
    qtbot.keyClick(window.scan_entry, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.active_dialog is not None, timeout=3000)
    with qtbot.waitSignal(window.sig_quit, timeout=3000):
        qtbot.keyClick(window.active_dialog, Qt.Key.Key_Q,
                       Qt.KeyboardModifier.ControlModifier)


def test_f1_lists_every_key_including_the_payment_dialogs() -> None:
    from pos_app.ui.keys import ACTIONS, EXTRA_KEYS

    listed = {k for a in ACTIONS for k in a.keys} | {k for k, _ in EXTRA_KEYS}
    assert {"Ctrl+Q", "Ctrl+M", "Del", "F5–F8"} <= listed

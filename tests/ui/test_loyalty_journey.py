"""A member's sale through the cashier window: member QR, promotions shown, points and a
coupon redeemed, paid, and a receipt that explains every discount and the points."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QStyle, QToolButton
from pytestqt.qtbot import QtBot

from contract.demo import demo_lookup_secret, demo_private_key
from contract.members import MemberRecord
from pos_app.core.coupons import Coupon, make_coupon_code
from pos_app.core.members import make_member_code
from pos_app.core.money import Money
from pos_app.store.db import write_tx
from pos_app.store.members import decode_secret, local_member, put_members
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.customer_display import CustomerDisplay
from pos_app.ui.member_dialog import MemberDialog
from pos_app.ui.payment_dialog import PaymentDialog
from tests.ui.conftest import open_dialog, scan

COKE_330 = "6901000000004"  # ¥3.00, brand 可口可乐: 3 for ¥7
TELUNSU = "6901132453082"  # 蒙牛特仑苏 ¥65.00, gold member price ¥56.90


def member_qr(member_id: str) -> str:
    return make_member_code(member_id, private_key=demo_private_key(),
                            now=datetime.now().astimezone(), ttl_s=60)


def coupon_qr(coupon_id: str, value_fen: int, min_spend_fen: int) -> str:
    now = datetime.now().astimezone().replace(microsecond=0)
    coupon = Coupon(coupon_id=coupon_id, kind="threshold_off", name="满100减10券",
                    value=value_fen, min_spend=Money(min_spend_fen), categories=frozenset(),
                    skus=frozenset(), tier=None, valid_from=now - timedelta(days=1),
                    valid_to=now + timedelta(days=30), member_id=None)
    return make_coupon_code(coupon, private_key=demo_private_key())


def test_member_promotions_points_and_coupon_to_the_receipt(
    qtbot: QtBot, window: CashierWindow
) -> None:
    display = CustomerDisplay(lang="en_US", font_families=[],
                              describe=window.describe_promotions)
    qtbot.addWidget(display)
    window.sig_cart_changed.connect(display.on_cart_changed)
    window.sig_sale_completed.connect(display.on_sale_completed)

    scan(qtbot, window, member_qr("M-DEMO-1"))
    panel = window.member_panel
    assert "138****8000" in panel.who.text() and panel.badge.text() == "Gold"
    assert "3,200" in panel.points.text()
    assert "Member: 张*" in window.message_bar.text()

    for code in (COKE_330, COKE_330, COKE_330, TELUNSU, TELUNSU):
        scan(qtbot, window, code)
    priced = window.checkout.current().priced
    ids = [a.promo_id for a in priced.promotions.applied]
    assert "P-COKE-3FOR7" in ids and "P-MILK-MEMBER" in ids
    applied = window.promo_panel.applied.text()
    assert "可口可乐任选3件7元: 3 for ¥7.00 (× 1), −¥2.00" in applied
    assert "特仑苏会员价: member price ¥56.90 (2 pcs), −¥16.20" in applied
    assert window.promo_panel.isVisible()
    assert "可口可乐任选3件7元" in display.promo.text()
    assert display.header.text() == "Welcome, member 张*"

    scan(qtbot, window, coupon_qr(f"C-JOURNEY-{datetime.now():%H%M%S%f}", 1_000, 10_000))
    assert "Coupon added: 满100减10券" in window.message_bar.text()
    assert len(panel.coupon_rows) == 1
    before_points = window.checkout.current().priced.totals.total

    dialog = open_dialog(qtbot, window, Qt.Key.Key_F12)
    assert isinstance(dialog, PaymentDialog)
    qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_F8)  # points tab
    assert "Balance 3,200 points" in dialog.points_info.text()
    qtbot.keyClick(dialog.points_entry, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.points_entry, "500")
    qtbot.keyClick(dialog.points_entry, Qt.Key.Key_Return)
    assert dialog.remaining_label.text().endswith(
        (before_points - Money(500)).yuan_text())
    assert "Points" in dialog.tender_list.item(0).text()
    qtbot.keyClick(dialog.points_entry, Qt.Key.Key_F5)  # cash tab
    with qtbot.waitSignal(window.sig_sale_completed, timeout=5000) as done:
        qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_Return)  # exact
    receipt = done.args[0].receipt
    names = {p.name for p in receipt.promotions}
    assert {"可口可乐任选3件7元", "特仑苏会员价", "满100减10券"} <= names
    assert receipt.member is not None and receipt.member.points_redeemed == 500
    assert receipt.member.points_earned > 0
    shown = window.receipt_view.toPlainText()
    for text in ("可口可乐任选3件7元", "特仑苏会员价", "满100减10券", "138****8000"):
        assert text in shown
    assert "You earned" in display.promo.text()
    # The next sale starts without the member.
    assert panel.who.text() == "No member"


def test_phone_lookup_then_remove_member_reprices(
    qtbot: QtBot, window: CashierWindow
) -> None:
    scan(qtbot, window, TELUNSU)
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F11)
    assert isinstance(dialog, MemberDialog)
    qtbot.keyClicks(dialog.phone, "139 1234 5678")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    assert "139****5678" in dialog.result_label.text() and dialog.badge.text() == "Silver"
    assert dialog.result() == QDialog.DialogCode.Rejected.value  # QDialog's own, not a label
    with qtbot.waitSignal(window.sig_cart_changed, timeout=3000):
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    assert window.checkout.current().priced.totals.total == Money(5_990)  # silver price
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F11)
    assert isinstance(dialog, MemberDialog) and dialog.remove_button.isVisible()
    with qtbot.waitSignal(window.sig_cart_changed, timeout=3000):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert window.checkout.sale.member is None
    assert window.checkout.current().priced.totals.total == Money(6_500)
    assert "Member removed" in window.message_bar.text()


def test_a_phone_two_members_share_offers_the_choice(
    qtbot: QtBot, window: CashierWindow
) -> None:
    # A second member of 李娜's phone, as the cloud sends it until HQ merges the two.
    with write_tx(window.services.engine) as conn:
        put_members(conn, [local_member(
            MemberRecord("M-TWIN", "13912345678", "李四", "gold", points_confirmed=77),
            secret=decode_secret(demo_lookup_secret()))], at="2026-12-01T10:00:00+08:00")
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F11)
    assert isinstance(dialog, MemberDialog)
    qtbot.keyClicks(dialog.phone, "139 1234 5678")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    assert dialog.choices.isVisible() and dialog.choices.count() == 2
    assert "2 members have this number" in dialog.result_label.text()
    assert [dialog.choices.item(i).text().split(" · ")[0] for i in range(2)] == [
        "李* 139****5678", "李* 139****5678"]
    qtbot.keyClick(dialog.choices, Qt.Key.Key_Down)
    assert dialog.badge.text() == "Gold"
    with qtbot.waitSignal(window.sig_cart_changed, timeout=3000):
        qtbot.keyClick(dialog.choices, Qt.Key.Key_Return)
    member = window.checkout.sale.member
    assert member is not None and member.member_id == "M-TWIN"


def test_unknown_phone_and_sign_up_without_consent_say_why(
    qtbot: QtBot, window: CashierWindow
) -> None:
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F11)
    assert isinstance(dialog, MemberDialog)
    qtbot.keyClicks(dialog.phone, "13000000000")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    assert "No member has the phone number 130****0000" in dialog.error.text()
    qtbot.mouseClick(dialog.signup_button, Qt.MouseButton.LeftButton)
    assert "must agree" in dialog.error.text()
    dialog.consent.setChecked(True)
    dialog.name.setText("赵六")  # typed through an input method in real life
    with qtbot.waitSignal(window.sig_cart_changed, timeout=5000):
        qtbot.mouseClick(dialog.signup_button, Qt.MouseButton.LeftButton)
    member = window.checkout.sale.member
    assert member is not None and (member.phone_masked, member.name_masked) == (
        "130****0000", "赵*")
    assert window.member_panel.badge.text() == "Regular"
    assert QApplication.activeModalWidget() is None


def test_removing_a_coupon_from_the_panel_reprices(
    qtbot: QtBot, window: CashierWindow
) -> None:
    scan(qtbot, window, TELUNSU)
    scan(qtbot, window, TELUNSU)
    scan(qtbot, window, coupon_qr(f"C-REMOVE-{datetime.now():%H%M%S%f}", 1_000, 10_000))
    with_coupon = window.checkout.current().priced.totals.total
    [row] = window.member_panel.coupon_rows
    with qtbot.waitSignal(window.sig_cart_changed, timeout=3000):
        qtbot.mouseClick(row.findChild(QToolButton), Qt.MouseButton.LeftButton)
    assert window.checkout.sale.coupons == ()
    assert window.checkout.current().priced.totals.total == with_coupon + Money(1_000)


def test_wallet_coupon_is_used_from_the_member_panel(
    qtbot: QtBot, window: CashierWindow
) -> None:
    scan(qtbot, window, member_qr("M-DEMO-1"))
    panel = window.member_panel
    assert panel.wallet.text() == "Member coupons: 2"
    # The text is not under the menu arrow: the arrow and margins come on top of it.
    arrow = panel.wallet.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None,
                                             panel.wallet)
    text = panel.wallet.fontMetrics().horizontalAdvance(panel.wallet.text())
    assert panel.wallet.width() >= text + arrow + 8
    assert [a.text() for a in panel.wallet_actions] == ["饮料立减3元", "会员券 满100减15"]
    scan(qtbot, window, TELUNSU)
    scan(qtbot, window, TELUNSU)
    before = window.checkout.current().priced.totals.total
    with qtbot.waitSignal(window.sig_cart_changed, timeout=3000):
        panel.wallet_actions[1].trigger()
    assert window.checkout.current().priced.totals.total == before - Money(1_500)
    assert [a.text() for a in panel.wallet_actions] == ["饮料立减3元"]
    assert "会员券 满100减15" in window.promo_panel.applied.text()

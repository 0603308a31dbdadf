"""What a scan shows in its first frame (line, totals) and what follows right after the
paint (promotions panel, customer screens), and the caches that keep a redraw cheap."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from pos_app.core.promotions import Explanation
from pos_app.ui.after_paint import AfterPaint
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.payment_dialog import PaymentDialog
from pos_app.ui.promo_text import PromoTexts, explanation_text
from tests.ui.conftest import open_dialog, scan
from tests.ui.test_loyalty_journey import COKE_330, TELUNSU, member_qr


class _Events(QObject):
    """Logs the events of ``kinds`` that ``widget`` receives."""

    def __init__(self, widget: QWidget, log: list[str], *kinds: QEvent.Type) -> None:
        super().__init__(widget)
        self._log, self._kinds = log, kinds
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in self._kinds:
            self._log.append(event.type().name)
        return False


def test_deferred_job_runs_after_the_repaint_a_zero_timer_before_it(qtbot: QtBot) -> None:
    widget = QLabel("before")
    qtbot.addWidget(widget)
    log: list[str] = []
    _Events(widget, log, QEvent.Type.Paint)
    widget.show()
    qtbot.waitUntil(lambda: "Paint" in log, timeout=3000)  # the first frame is on screen
    log.clear()
    after = AfterPaint(widget)
    widget.setText("after")  # dirties the widget: Qt posts its repaint
    after.defer("job", lambda: log.append("job"))
    QTimer.singleShot(0, lambda: log.append("zero-timer"))
    qtbot.waitUntil(lambda: "job" in log, timeout=3000)
    assert log.index("zero-timer") < log.index("Paint") < log.index("job")
    assert not after.pending


def test_a_later_job_replaces_the_pending_one_and_flush_runs_it_now(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    after = AfterPaint(owner)
    ran: list[str] = []
    after.defer("cart", lambda: ran.append("first"))
    after.defer("other", lambda: ran.append("other"))
    after.defer("cart", lambda: ran.append("second"))
    assert after.pending
    after.flush()
    assert ran == ["other", "second"] and not after.pending
    with qtbot.waitSignal(after.sig_painted, timeout=3000):
        pass  # the event posted for them still arrives, and finds nothing left to run
    assert ran == ["other", "second"]


def test_scan_shows_line_and_totals_at_once_promotions_after_the_paint(
    qtbot: QtBot, window: CashierWindow
) -> None:
    for _ in range(3):  # 可口可乐任选3件7元
        window.scan(COKE_330)
    assert window.cart_model.rowCount() == 1
    assert window.totals.total_label.text() == "¥7.00"  # the frame: line and total right
    assert window.after_paint.pending
    with qtbot.waitSignal(window.sig_cart_changed, timeout=3000) as changed:
        pass
    assert changed.args[0].priced.totals.total.fen == 700
    assert "3 for ¥7.00" in window.promo_panel.applied.text()
    assert window.promo_panel.isVisible()


def test_sale_completed_is_announced_after_the_cart_change_before_it(
    qtbot: QtBot, window: CashierWindow
) -> None:
    scan(qtbot, window, COKE_330)
    events: list[str] = []
    window.sig_cart_changed.connect(
        lambda change: events.append(f"cart:{len(change.priced.lines)}"))
    window.sig_sale_completed.connect(lambda _done: events.append("completed"))
    dialog = open_dialog(qtbot, window, Qt.Key.Key_F12)
    assert isinstance(dialog, PaymentDialog)
    with qtbot.waitSignal(window.sig_sale_completed, timeout=5000):
        qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.after_paint.pending, timeout=3000)
    # The next, empty sale's cart change comes first: the customer display and the pole
    # then keep the change on screen rather than wiping it.
    assert events[-2:] == ["cart:0", "completed"]


def test_gift_name_is_looked_up_once_per_sale(qtbot: QtBot) -> None:
    names = {"G1": "赠品杯"}
    lookups: list[str] = []

    def name_of_sku(sku: str) -> str:
        lookups.append(sku)
        return names[sku]

    texts = PromoTexts("zh_CN", name_of_sku)
    texts.new_sale("sale-1")
    gift = Explanation("promo.threshold_gift", {"name": "满100送杯", "threshold_fen": 10_000,
                                                "gift_sku": "G1", "discount_fen": 500})
    first = texts.text(gift)
    assert first == explanation_text(gift, "zh_CN", name_of_sku) and "赠品杯" in first
    lookups.clear()
    again = Explanation("promo.threshold_gift", dict(gift.data))  # a re-priced sale
    assert texts.text(again) == first and lookups == []
    names["G1"] = "新赠品杯"  # renamed by a catalog pull: the next sale shows it
    texts.new_sale("sale-1")
    assert "新赠品杯" not in texts.text(again)
    texts.new_sale("sale-2")
    assert "新赠品杯" in texts.text(again) and lookups == ["G1"]


def test_explanation_with_a_field_that_cannot_be_a_key_is_still_shown() -> None:
    texts = PromoTexts("en_US")
    odd = Explanation("promo.threshold_gift", {"name": "X", "threshold_fen": 100,
                                               "gift_sku": "G1", "gift_name": ["cup"]})
    assert texts.text(odd) == explanation_text(odd, "en_US")


def test_member_panel_is_not_restyled_by_a_scan(qtbot: QtBot, window: CashierWindow) -> None:
    scan(qtbot, window, member_qr("M-DEMO-1"))
    panel = window.member_panel
    assert panel.badge.isVisible()
    log: list[str] = []
    for widget in (panel.who, panel.badge, panel.points):
        _Events(widget, log, QEvent.Type.StyleChange)
    scan(qtbot, window, TELUNSU)
    assert window.cart_model.rowCount() == 1
    assert log == []  # Qt re-polishes on every setStyleSheet, even with the same sheet


def test_member_panel_follows_the_member_though_scans_leave_it_alone(qtbot: QtBot) -> None:
    from dataclasses import replace

    from pos_app.core.members import Member, Tier
    from pos_app.core.sale import Sale
    from pos_app.ui.loyalty_widgets import MemberPanel

    panel = MemberPanel("en_US")
    qtbot.addWidget(panel)
    member = Member(member_id="M1", phone_masked="138****0001", name_masked="张*",
                    tier="gold", birthday=None, points_confirmed=3200, points_pending=0)
    tier = Tier(code="gold", name_zh="金卡", name_en="Gold", rank=2, discount_bp=500,
                points_multiplier_bp=15000, birthday_bonus_points=0, birthday_discount_bp=0,
                qualify_spend_fen=0, qualify_points=0)
    sale = replace(Sale.new(sale_uuid="S1", opened_at=datetime(2026, 1, 1)), member=member)
    panel.show_sale(sale, tier)
    assert "3,200" in panel.points.text() and panel.badge.text() == "Gold"
    panel.points.setText("changed behind its back")
    panel.show_sale(sale, tier)  # the same member and coupons: nothing to redo
    assert panel.points.text() == "changed behind its back"
    panel.show_sale(replace(sale, member=replace(member, points_pending=-500)), tier)
    assert "2,700" in panel.points.text() and "-500" in panel.points.text()
    panel.show_sale(None, None)
    assert panel.points.text().startswith("Scan the member code") and panel.badge.isHidden()

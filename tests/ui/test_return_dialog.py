"""The return screen with real key events, its refunds worked out by core's refund plan:
a line of a 买二送一 basket comes back for what it was allocated, never more than sold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.core.refunds import OriginalSale, PaidTender, ReturnHistory, SoldLine, plan_refund
from pos_app.ui.return_dialog import LineView, RefundView, ReturnDialog

# Three noodle packs at ¥4.50, buy two get one: each line paid ¥3.00 after the allocation;
# a cola at ¥3.50. Paid ¥5.00 by card, the rest cash.
SALE = OriginalSale(lines=(SoldLine(1, 3, 900, 0), SoldLine(2, 1, 350, 0)),
                    tenders=(PaidTender("card", 500), PaidTender("cash", 750)),
                    rounding_fen=0, tax_mode="inclusive")
LINES = [LineView(1, "红烧牛肉面", 3, 0, False, 900), LineView(2, "可口可乐", 1, 0, False, 350)]


def plan(request: dict[int, int], to_cash: bool) -> RefundView:
    p = plan_refund(SALE, ReturnHistory(), request, to_cash=to_cash)
    return RefundView(p.total_fen, tuple((t.payout, t.amount_fen) for t in p.tenders))


def test_a_partial_return_shows_its_exact_refund_then_refunds(qtbot: QtBot) -> None:
    dialog = ReturnDialog(title="S001-T01-000042", lines=LINES, plan=plan,
                          reasons=[("changed_mind", "Changed mind"), ("faulty", "Faulty")],
                          lang="en_US")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.table, Qt.Key.Key_4)  # more than sold: told, nothing planned
    assert dialog.refund is None and "only 3" in dialog.error.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.table, Qt.Key.Key_1)
    assert dialog.refund is not None and dialog.refund.total_fen == 300
    assert "¥3.00" in dialog.summary.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # damaged: not back on the shelf
    qtbot.keyClick(dialog.table, Qt.Key.Key_F6)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F7)  # all in cash
    assert dialog.refund.rows == (("cash", 120), ("cash", 180))
    qtbot.keyClick(dialog.table, Qt.Key.Key_F12)
    assert dialog.result() == ReturnDialog.DialogCode.Accepted
    assert (dialog.request, dialog.damaged, dialog.reason_code, dialog.to_cash) == (
        {1: 1}, {1}, "faulty", True)

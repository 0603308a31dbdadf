"""The on-screen receipt is the printed layout, in the printer's words for the UI language."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from drivers.printer.receipt_layout import LABELS_EN, layout_receipt
from pos_app.ui.receipt_view import WIDTH, ReceiptView
from tests.drivers.printer.helpers import loyalty_doc


def test_screen_shows_the_printed_promotions_points_and_member(qtbot: QtBot) -> None:
    view = ReceiptView(QFont(), labels=LABELS_EN)
    qtbot.addWidget(view)
    doc = loyalty_doc()
    view.show_receipt(doc)
    printed = layout_receipt(doc, columns=WIDTH, labels=LABELS_EN).text()
    assert view.toPlainText().splitlines() == [row.rstrip() for row in printed.splitlines()]
    for words in ("Promo: 可口可乐任选3件7元, 券C-100", "Points (500 pts)",
                  "Member 138****8000", "Points balance"):
        assert words in view.toPlainText()


def test_words_follow_the_installed_ui_language(qtbot: QtBot) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    try:
        view = ReceiptView(QFont())
    finally:
        QLocale.setDefault(before)
    qtbot.addWidget(view)
    view.show_receipt(loyalty_doc())
    assert "积分抵扣 (500分)" in view.toPlainText()
    assert "  促销: 特仑苏会员价、券C-100" in view.toPlainText()

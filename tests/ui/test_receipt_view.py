"""The on-screen receipt is the printed layout, in the printer's words for the UI language."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from drivers.printer.receipt_layout import LABELS_EN, layout_receipt
from pos_app.services.printing import SCREEN_COLUMNS as WIDTH
from pos_app.ui.receipt_view import ReceiptView
from tests.drivers.printer.helpers import loyalty_doc


def test_screen_shows_the_printed_promotions_points_and_member(qtbot: QtBot) -> None:
    view = ReceiptView(QFont(), lang="en_US")
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


def test_the_whole_width_shows_in_a_narrow_pane(qtbot: QtBot) -> None:
    from pos_app.config import Settings
    from pos_app.ui import i18n

    view = ReceiptView(i18n.mono_font(Settings().mono_font_families), lang="en_US")
    qtbot.addWidget(view)
    view.resize(330, 600)  # beside the printed image at 1024 px
    view.show()
    qtbot.waitExposed(view)
    view.show_receipt(loyalty_doc())
    qtbot.wait(10)
    metrics = view.fontMetrics()
    room = view.viewport().width() - 2 * view.document().documentMargin()
    widest = max(metrics.horizontalAdvance(line) for line in view.toPlainText().splitlines())
    assert widest <= room, "the right column (amounts, receipt number) is clipped"
    assert view.horizontalScrollBar().maximum() == 0
    view.resize(900, 600)  # room again: back to the full size
    qtbot.wait(10)
    assert view.font().pointSizeF() == i18n.mono_font(Settings().mono_font_families).pointSizeF()

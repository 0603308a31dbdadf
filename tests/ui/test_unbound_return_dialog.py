"""A return without its sale, with real key events: codes scanned into rows, a weighed
product asks its weight, Space damaged, Del removes, F5/F6 the reason, F12 only with items.
Products are real ``ProductInfo``s found by a plain function over a list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.services.returns import UnboundItem
from pos_app.ui.unbound_return_dialog import UnboundReturnDialog
from tests.ui.conftest import cell_text

COLA = ProductInfo(1, "A1", "可口可乐 330ml", "Coca-Cola 330ml", "can", Money(350), 1300)
NOODLES = ProductInfo(2, "A2", "红烧牛肉面", "Braised beef noodles", "pack", Money(450), 900)
APPLES = ProductInfo(3, "F1", "红富士苹果", "Fuji apples", "kg", Money(1290), 900,
                     is_weighed=True)
CODES = {"6901000000004": COLA, "6921098760628": NOODLES, "2001": APPLES}
REASONS = [("defective", "Defective"), ("changed_mind", "Changed mind"), ("other", "Other")]
INTRO = ("No receipt: each item is refunded at its lowest price of the last 30 days, in cash, "
         "with a manager's approval.")


def find_product(code: str) -> ProductInfo | None:
    return CODES.get(code)


def price(product: ProductInfo, qty: int) -> Money:
    """The current price (per kg for weighed goods, qty in grams)."""
    return Money(product.price.fen * qty // (1000 if product.is_weighed else 1))


@pytest.fixture
def dialog(qtbot: QtBot) -> UnboundReturnDialog:
    d = UnboundReturnDialog(title="Return without a receipt", intro=INTRO,
                            find_product=find_product, reasons=REASONS, lang="en_US",
                            price=price)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def scan(qtbot: QtBot, d: UnboundReturnDialog, text: str) -> None:
    qtbot.keyClicks(d.entry, text)
    qtbot.keyClick(d.entry, Qt.Key.Key_Return)


def rows(d: UnboundReturnDialog) -> list[list[str]]:
    return [[cell_text(d.table, r, c) for c in range(d.table.columnCount())]
            for r in range(d.table.rowCount())]


def test_scanned_items_and_a_weighed_one_become_rows_with_an_estimate(
        qtbot: QtBot, dialog: UnboundReturnDialog) -> None:
    assert dialog.intro.text() == INTRO and dialog.focusWidget() is dialog.entry
    scan(qtbot, dialog, "6901000000004")
    scan(qtbot, dialog, "6921098760628")
    scan(qtbot, dialog, "6901000000004")  # a second can: the same row
    scan(qtbot, dialog, "2001")
    assert "Fuji apples: weight in kg" in dialog.prompt.text()
    assert dialog.table.rowCount() == 2  # nothing added before the weight
    scan(qtbot, dialog, "0.5")
    assert rows(dialog) == [["Coca-Cola 330ml", "2", "back to shelf", "¥7.00"],
                            ["Braised beef noodles", "1", "back to shelf", "¥4.50"],
                            ["Fuji apples", "0.500kg", "back to shelf", "¥6.45"]]
    assert "Refund estimate ¥17.95" in dialog.summary.text()
    assert "Product code" in dialog.prompt.text() and dialog.entry.text() == ""
    qtbot.keyClick(dialog.entry, Qt.Key.Key_F12)
    assert dialog.result() == UnboundReturnDialog.DialogCode.Accepted
    assert dialog.items == [UnboundItem(COLA, 2), UnboundItem(NOODLES, 1),
                            UnboundItem(APPLES, 500)]
    assert dialog.reason_code == "defective"


def test_a_weight_that_is_not_one_is_told_and_esc_drops_the_product(
        qtbot: QtBot, dialog: UnboundReturnDialog) -> None:
    scan(qtbot, dialog, "2001")
    scan(qtbot, dialog, "half")
    assert "Quantity 'half' is not valid" in dialog.error.text()
    qtbot.keyClick(dialog.entry, Qt.Key.Key_F12)  # still waiting for the weight
    assert "Enter the weight of Fuji apples first" in dialog.error.text()
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Escape)
    assert dialog.weighing is None and dialog.isVisible() and dialog.items == []


def test_space_marks_the_selected_row_damaged(qtbot: QtBot,
                                              dialog: UnboundReturnDialog) -> None:
    scan(qtbot, dialog, "6901000000004")
    scan(qtbot, dialog, "6921098760628")
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Space)
    assert [r[2] for r in rows(dialog)] == ["damaged", "back to shelf"]
    scan(qtbot, dialog, "6901000000004")  # a can for the shelf: not the damaged row
    qtbot.keyClick(dialog.entry, Qt.Key.Key_F12)
    assert dialog.items == [UnboundItem(COLA, 1, "damaged"), UnboundItem(NOODLES, 1),
                            UnboundItem(COLA, 1)]


def test_del_removes_the_selected_row(qtbot: QtBot, dialog: UnboundReturnDialog) -> None:
    scan(qtbot, dialog, "6901000000004")
    scan(qtbot, dialog, "6921098760628")
    assert dialog.table.currentRow() == 1  # the row just scanned
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Delete)
    assert [r[0] for r in rows(dialog)] == ["Coca-Cola 330ml"]
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Delete)
    assert dialog.items == [] and "No item scanned yet" in dialog.summary.text()


def test_f12_with_nothing_scanned_is_refused(qtbot: QtBot,
                                             dialog: UnboundReturnDialog) -> None:
    qtbot.keyClick(dialog.entry, Qt.Key.Key_F12)
    assert dialog.isVisible() and dialog.result() != UnboundReturnDialog.DialogCode.Accepted
    assert "Scan the items that come back first" in dialog.error.text()


def test_f5_and_f6_cycle_the_reason(qtbot: QtBot, dialog: UnboundReturnDialog) -> None:
    seen = [dialog.reason_code]
    for _ in range(3):
        qtbot.keyClick(dialog.entry, Qt.Key.Key_F6)
        seen.append(dialog.reason_code)
    qtbot.keyClick(dialog.entry, Qt.Key.Key_F5)
    seen.append(dialog.reason_code)
    assert seen == ["defective", "changed_mind", "other", "defective", "other"]


def test_an_unknown_code_is_told_and_the_entry_kept_for_retyping(
        qtbot: QtBot, dialog: UnboundReturnDialog) -> None:
    scan(qtbot, dialog, "123456")
    assert "No product has the code 123456" in dialog.error.text()
    assert dialog.items == [] and dialog.entry.selectedText() == "123456"
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Escape)  # clears the entry, keeps the dialog
    assert dialog.entry.text() == "" and dialog.isVisible()
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Escape)  # empty: closes
    assert dialog.result() == UnboundReturnDialog.DialogCode.Rejected


def test_without_a_price_there_is_no_estimate(qtbot: QtBot) -> None:
    d = UnboundReturnDialog(title="Return", intro=INTRO, find_product=find_product,
                            reasons=REASONS, lang="zh_CN")
    qtbot.addWidget(d)
    d.show()
    scan(qtbot, d, "6901000000004")
    assert d.table.columnCount() == 3 and rows(d)[0][:2] == ["可口可乐 330ml", "1"]
    assert "¥" not in d.summary.text()


def test_a_code_from_the_serial_scanner_drops_a_weighing_left_open(
        qtbot: QtBot, dialog: UnboundReturnDialog) -> None:
    scan(qtbot, dialog, "2001")
    dialog.scan("6901000000004")
    assert dialog.weighing is None and "Product code" in dialog.prompt.text()
    assert dialog.items == [UnboundItem(COLA, 1)]

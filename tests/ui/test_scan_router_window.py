"""The cashier window shows the router's outcomes for codes that are not products."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.cashier_window import CashierWindow


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("134567890123456789", "payment window"),
        ("O2OM1:abc", "Member codes"),
        ("S001-T01-000042", "Returns are not available"),
    ],
)
def test_non_product_codes_warn_and_leave_the_cart(
    qtbot: QtBot, window: CashierWindow, code: str, words: str
) -> None:
    with qtbot.waitSignal(window.sig_message) as blocker:
        window.scan(code)
    level, text = blocker.args
    assert level == "warning" and words in text
    assert window.checkout.sale.cart.is_empty

"""The cashier window shows the router's outcomes for codes that are not products."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.cashier_window import CashierWindow


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("134567890123456789", "payment window"),
        ("PU12345678", "Online-order pickup is not available"),
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


def test_a_malformed_member_code_is_an_error_and_leaves_the_sale(
    qtbot: QtBot, window: CashierWindow
) -> None:
    with qtbot.waitSignal(window.sig_message) as blocker:
        window.scan("O2OM1:abc")
    level, text = blocker.args
    assert level == "error" and "member or coupon code" in text
    assert window.checkout.sale.cart.is_empty and window.checkout.sale.member is None

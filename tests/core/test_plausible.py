"""Which typed quantities and prices the till asks to confirm."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.money import Money
from pos_app.core.plausible import (
    UNUSUAL_LINE,
    line_amount,
    unusual_price,
    unusual_quantity,
)


def test_everyday_quantities_pass_and_slips_are_caught() -> None:
    assert not unusual_quantity(12, weighed=False, unit_price=Money(350))
    assert unusual_quantity(99_999, weighed=False, unit_price=Money(300))
    assert not unusual_quantity(1_250, weighed=True, unit_price=Money(1_298))  # 1.25 kg
    assert unusual_quantity(99_999, weighed=True, unit_price=Money(1_298))  # ~100 kg
    assert unusual_quantity(30, weighed=False, unit_price=Money(499_900))  # ¥149,970 line


def test_everyday_prices_pass_and_slips_are_caught() -> None:
    def price(new: int, listed: int, qty: int = 1) -> bool:
        return unusual_price(Money(new), list_price=Money(listed), qty=qty, weighed=False)

    assert not price(250, 300)  # a markdown
    assert not price(8_000, 300)  # ¥80 for a ¥3 item: odd but under ¥100
    assert price(1_299_900, 12_999)  # 12999 typed for 129.99
    assert not price(1_099_900, 1_299_900, qty=2)  # a TV marked down
    assert price(1_099_900, 999_900)  # a marked-up price making a line over ¥10,000


@given(st.integers(1, 99_999), st.integers(0, 10**7), st.booleans())
def test_a_line_over_the_limit_is_always_unusual(qty: int, fen: int, weighed: bool) -> None:
    if line_amount(Money(fen), qty, weighed=weighed).fen > UNUSUAL_LINE.fen:
        assert unusual_quantity(qty, weighed=weighed, unit_price=Money(fen))
        assert unusual_price(Money(fen), list_price=Money(fen - 1), qty=qty, weighed=weighed)

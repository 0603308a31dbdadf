"""Returns around the refund arithmetic: numbers, reasons, and how an exchange spends the
refund (hypothesis: nothing is lost or made up, per tender and in all)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import PosError
from pos_app.core.refunds import TenderRefund
from pos_app.core.returns import (
    check_disposition,
    check_reason,
    exchange_credit,
    exchange_split,
    return_number,
)
from pos_app.core.scan_router import ScanKind, classify_scan


def test_a_return_number_is_the_sale_format_with_r_and_never_reads_as_a_receipt() -> None:
    assert return_number("S001", "T01", 7) == "S001-T01-R000007"
    assert classify_scan("S001-T01-R000007").kind is not ScanKind.RECEIPT
    with pytest.raises(ValueError):
        return_number("S001", "T01", 0)


def test_reasons_and_dispositions_are_a_fixed_list() -> None:
    assert check_reason("defective") == "defective"
    assert check_disposition("damaged") == "damaged"
    with pytest.raises(PosError) as err:
        check_reason("because")
    assert err.value.key == "return.reason_invalid"
    with pytest.raises(PosError):
        check_disposition("lost")


def test_an_exchange_takes_cash_first_and_splits_a_refund_it_uses_in_part() -> None:
    refunds = (TenderRefund(0, "mobile", "mobile", 500), TenderRefund(1, "cash", "cash", 300),
               TenderRefund(2, "points", "points", 200, 2_000))
    assert exchange_credit(refunds) == 800
    assert exchange_split(refunds, 450) == (
        TenderRefund(0, "mobile", "exchange", 150), TenderRefund(0, "mobile", "mobile", 350),
        TenderRefund(1, "cash", "exchange", 300),
        TenderRefund(2, "points", "points", 200, 2_000))
    with pytest.raises(PosError) as err:
        exchange_split(refunds, 801)
    assert err.value.key == "return.exchange_credit_exceeded"


_KINDS = st.sampled_from(["cash", "card", "mobile", "points"])


@st.composite
def refunds_and_use(draw: st.DrawFn) -> tuple[tuple[TenderRefund, ...], int]:
    kinds = draw(st.lists(_KINDS, min_size=1, max_size=5))
    refunds = tuple(TenderRefund(i, k, k, draw(st.integers(0, 100_000)),  # type: ignore[arg-type]  # a sampled TenderKind
                                 draw(st.integers(0, 10_000)) if k == "points" else 0)
                    for i, k in enumerate(kinds))
    return refunds, draw(st.integers(0, exchange_credit(refunds)))


@given(refunds_and_use())
def test_an_exchange_split_loses_and_makes_up_nothing(
        case: tuple[tuple[TenderRefund, ...], int]) -> None:
    refunds, used = case
    split = exchange_split(refunds, used)
    assert sum(t.amount_fen for t in split if t.payout == "exchange") == used
    for t in refunds:
        parts = [p for p in split if p.index == t.index]
        assert sum(p.amount_fen for p in parts) == t.amount_fen
        assert sum(p.points for p in parts) == t.points
        assert all(p.kind == t.kind for p in parts)
    assert all(p.payout != "exchange" for p in split if p.kind == "points")

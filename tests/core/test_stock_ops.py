"""Receiving, transfer and adjustment arithmetic: differences against an order, signed
adjustments, transfers summing to zero across two stores, the suggested order quantity."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import PosError
from pos_app.core.stock_ops import (
    adjustment_delta,
    check_move_qty,
    differences,
    low_stock,
    net_by_sku,
    suggested_order,
    transfer_moves,
)


def test_a_receipt_shows_short_over_and_unordered_lines() -> None:
    found = differences([("A", 24), ("B", 12), ("C", 5)], [("A", 20), ("B", 12), ("D", 3),
                                                          ("A", 4), ("C", 6)])
    assert [(d.sku, d.ordered, d.received, d.status) for d in found] == [
        ("A", 24, 24, "ok"), ("B", 12, 12, "ok"), ("C", 5, 6, "over"), ("D", 0, 3, "over")]
    short = differences([("A", 10)], [])
    assert [(d.sku, d.delta, d.status) for d in short] == [("A", -10, "short")]


@pytest.mark.parametrize(("reason", "qty", "delta"), [
    ("damaged", 2, -2), ("expired", 1, -1), ("own_use", 3, -3), ("theft", 5, -5),
    ("found", 4, 4)])
def test_adjustments_remove_except_found(reason: str, qty: int, delta: int) -> None:
    assert adjustment_delta(reason, qty) == delta


def test_the_reasons_are_those_the_wire_format_declares() -> None:
    from contract.stock_events import ADJUSTMENT_REASONS as WIRE
    from pos_app.core.stock_ops import ADJUSTMENT_REASONS

    assert ADJUSTMENT_REASONS == WIRE


def test_an_unknown_reason_or_absurd_quantity_is_refused() -> None:
    with pytest.raises(PosError) as err:
        adjustment_delta("borrowed", 1)
    assert err.value.key == "stock.reason_unknown"
    for qty, weighed in ((0, False), (-1, False), (100_000, False), (1_000_000, True)):
        with pytest.raises(PosError) as err:
            check_move_qty(qty, weighed=weighed, line=1)
        assert err.value.key == "stock.qty_invalid"
    assert check_move_qty(999_999, weighed=True, line=1) == 999_999


lines_st = st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(1, 99_999)),
                    min_size=1, max_size=20)


@given(lines_st)
def test_a_received_transfer_sums_to_zero_across_the_two_stores(
        lines: list[tuple[str, int]]) -> None:
    out, into = transfer_moves(lines, received=True)
    assert set(net_by_sku([out, into]).values()) == {0}
    out, nothing = transfer_moves(lines, received=False)
    assert nothing == {} and sum(out.values()) == -sum(q for _, q in lines)


@pytest.mark.parametrize(("on_hand", "minimum", "suggested"), [
    (3, 10, 17), (0, 10, 20), (-4, 10, 24), (10, 10, 0), (12, 10, 0), (0, 0, 0)])
def test_suggested_order_brings_stock_back_to_twice_the_minimum(
        on_hand: int, minimum: int, suggested: int) -> None:
    assert suggested_order(on_hand, minimum) == suggested


def test_low_stock_lists_only_products_below_their_minimum_worst_first() -> None:
    listed = low_stock([(1, "A", "a", 9, 10), (2, "B", "b", 0, 10), (3, "C", "c", 10, 10)])
    assert [(r.sku, r.suggested) for r in listed] == [("B", 20), ("A", 11)]


def test_the_days_stock_delta_counts_receipts_transfers_and_adjustments() -> None:
    from contract.stock_events import RECEIPT_POSTED, STOCK_ADJUSTED, TRANSFER_SENT
    from contract.summary import summarize

    at = "2026-12-01T10:00:00+08:00"
    [day] = summarize([
        (RECEIPT_POSTED, at, {"lines": [{"sku": "A", "qty": 24}, {"sku": "B", "qty": 6}]}),
        (TRANSFER_SENT, at, {"lines": [{"sku": "A", "qty": 4}]}),
        (STOCK_ADJUSTED, at, {"lines": [{"sku": "A", "delta": -2}, "junk"]})])
    assert (day.events, day.stock_delta) == (3, 24 + 6 - 4 - 2)

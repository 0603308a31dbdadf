"""The count arithmetic: sales before and after each count line, several counters,
recounts; the posted balance is what was counted minus what sold after counting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.count_csv import parse_count_csv
from pos_app.core.counting import (
    CountLine,
    CountScope,
    PricedProduct,
    VarianceRules,
    check_count_qty,
    expected_at,
    posting,
    product_counts,
    unknown_codes,
    variance_rows,
)
from pos_app.core.errors import PosError


class Ledger:
    """A ledger as the till keeps it: ids in order, deltas, a running balance."""

    def __init__(self, opening: dict[int, int]) -> None:
        self.moves: list[tuple[int, int, int]] = []  # id, product, delta
        for pid, qty in opening.items():
            self.move(pid, qty)

    def move(self, pid: int, delta: int) -> None:
        self.moves.append((len(self.moves) + 1, pid, delta))

    @property
    def mark(self) -> int:
        return len(self.moves)

    def expected(self, pid: int, hwm: int) -> int:
        return expected_at(((m, d) for m, p, d in self.moves if p == pid), hwm)

    def balance(self, pid: int) -> int:
        return sum(d for _m, p, d in self.moves if p == pid)


def line(pid: int | None, qty: int, hwm: int, *, rnd: int = 0, counter: str = "A",
         code: str = "") -> CountLine:
    return CountLine(pid, code or f"P{pid}", qty, hwm, counter, counter, "T01", "", "", rnd)


def test_sell_3_after_counting_post_the_balance_is_counted_minus_3() -> None:
    ledger = Ledger({1: 20})
    lines = [line(1, 17, ledger.mark)]  # 3 were missing on the shelf
    for _ in range(3):
        ledger.move(1, -1)
    [(pid, counted, expected, adj)] = posting(product_counts(lines), ledger.expected)
    ledger.move(pid, adj)
    assert (counted, expected, adj) == (17, 20, -3)
    assert ledger.balance(1) == 17 - 3


def test_a_sale_before_the_count_line_is_in_the_expected_quantity() -> None:
    ledger = Ledger({1: 20})
    ledger.move(1, -2)
    lines = [line(1, 18, ledger.mark)]
    assert posting(product_counts(lines), ledger.expected) == [(1, 18, 18, 0)]


def test_two_counters_on_two_shelves_add_up_and_a_recount_replaces_them() -> None:
    counts = product_counts([line(1, 5, 1, counter="A"), line(1, 7, 3, counter="B"),
                             line(2, 4, 2)])
    assert (counts[1].counted, counts[1].hwm, counts[1].lines) == (12, 3, 2)
    recounted = product_counts([line(1, 5, 1), line(1, 7, 3), line(1, 11, 9, rnd=1),
                                line(2, 4, 2)])
    assert (recounted[1].counted, recounted[1].hwm) == (11, 9)
    assert recounted[2].counted == 4  # not recounted: its first count stands


def test_unknown_codes_are_kept_for_review_and_move_no_stock() -> None:
    lines = [line(None, 2, 0, code="999"), line(None, 1, 0, code="999"), line(1, 3, 0)]
    assert unknown_codes(lines) == {"999": 3}
    assert list(product_counts(lines)) == [1]


@pytest.mark.parametrize("qty", [-1, 10_000_000, True, "3"])
def test_a_negative_absurd_or_non_integer_quantity_is_refused(qty: object) -> None:
    with pytest.raises(PosError) as err:
        check_count_qty(qty)  # type: ignore[arg-type]  # the point: not an int
    assert err.value.key in ("count.qty_invalid", "count.qty_too_large")


def test_a_scope_needs_its_value() -> None:
    with pytest.raises(PosError, match=r"count.scope_invalid"):
        CountScope("category", " ")
    with pytest.raises(PosError, match=r"count.scope_invalid"):
        CountScope("products")


def test_variance_values_at_cost_and_price_and_big_ones_flagged() -> None:
    ledger = Ledger({1: 20, 2: 5000, 3: 10})
    lines = [line(1, 8, ledger.mark), line(2, 4500, ledger.mark), line(3, 9, ledger.mark)]
    priced = {1: PricedProduct(1, 200, 350), 2: PricedProduct(2, 800, 1280, weighed=True),
              3: PricedProduct(3, 100, 150)}
    rows = {r.product_id: r for r in variance_rows(
        product_counts(lines), ledger.expected, priced,
        rules=VarianceRules(units=10, value_fen=500))}
    assert (rows[1].variance, rows[1].value_cost_fen, rows[1].value_price_fen) == (
        -12, -2400, -4200)
    assert rows[1].big
    # 500 g short of apples at ¥12.80/kg: ¥6.40 at price, ¥4.00 at cost; flagged by value
    assert (rows[2].value_price_fen, rows[2].value_cost_fen, rows[2].big) == (-640, -400, True)
    assert not rows[3].big


def test_uncounted_products_of_the_scope_are_listed_without_a_variance() -> None:
    ledger = Ledger({1: 3, 2: 4})
    rows = variance_rows(product_counts([line(1, 3, 2)]), ledger.expected, {},
                         uncounted=[1, 2], now_mark=ledger.mark)
    assert [(r.product_id, r.counted, r.expected, r.variance) for r in rows] == [
        (1, 3, 3, 0), (2, None, 4, 0)]


# One product's story: opening stock, then steps that are a sale (−n) by the tills or a
# count line (a counter counts what is on the shelf now, possibly miscounting), or a
# recount round starting.
_step = st.one_of(
    st.tuples(st.just("sell"), st.integers(1, 5)),
    st.tuples(st.just("count"), st.integers(-3, 3)),  # miscount by this much
    st.tuples(st.just("recount"), st.just(0)),
)


@given(opening=st.integers(0, 200), shrink=st.integers(0, 10),
       steps=st.lists(_step, min_size=1, max_size=30))
def test_posted_balance_is_counted_minus_what_sold_after_the_count(
        opening: int, shrink: int, steps: list[tuple[str, int]]) -> None:
    # The shelf lost ``shrink`` units the ledger never saw (theft, breakage): the truth
    # the count must find.
    ledger = Ledger({1: opening})
    shelf = opening - shrink
    lines: list[CountLine] = []
    rnd = 0
    for kind, n in steps:
        if kind == "sell":
            ledger.move(1, -n)
            shelf -= n
        elif kind == "count":
            # The whole product counted in one line (several counters: see below)
            lines.append(line(1, max(0, shelf + n), ledger.mark, rnd=rnd,
                              counter="AB"[len(lines) % 2]))
        else:
            rnd += 1
    counts = product_counts(lines)
    if 1 not in counts:
        return
    c = counts[1]
    sold_after = -sum(d for m, _p, d in ledger.moves if m > c.hwm)
    [(_pid, counted, _exp, adj)] = posting(counts, ledger.expected)
    ledger.move(1, adj)
    assert ledger.balance(1) == counted - sold_after


@given(parts=st.lists(st.integers(0, 50), min_size=1, max_size=6),
       sales=st.lists(st.tuples(st.integers(0, 6), st.integers(1, 3)), max_size=10))
def test_several_counters_on_several_shelves_with_sales_between(
        parts: list[int], sales: list[tuple[int, int]]) -> None:
    # Each shelf counted by its own counter at its own moment; sales happen between the
    # lines. The posted balance = Σ counted + movements after the last line.
    ledger = Ledger({1: sum(parts) + 30})
    lines = []
    for i, qty in enumerate(parts):
        for when, n in sales:
            if when == i:
                ledger.move(1, -n)
        lines.append(line(1, qty, ledger.mark, counter=f"C{i}"))
    for when, n in sales:
        if when >= len(parts):
            ledger.move(1, -n)
    c = product_counts(lines)[1]
    after = sum(d for m, _p, d in ledger.moves if m > c.hwm)
    [(_pid, _counted, _exp, adj)] = posting(product_counts(lines), ledger.expected)
    ledger.move(1, adj)
    assert ledger.balance(1) == sum(parts) + after


def test_a_count_csv_with_bad_rows_names_each_line_and_reason() -> None:
    text = ("code,qty,counter,location,time\n"
            "6901000000004,12,张三,A-01,2026-12-05T09:30:00+08:00\n"
            ",3,张三,A-01,\n"
            "6901000000004,-2,张三,A-01,\n"
            "6901000000004,2,张三,A-01,yesterday\n"
            "6901000000004,2\n")
    rows, errors = parse_count_csv(text)
    assert [(e.line, e.key) for e in errors] == [
        (3, "count.csv_no_code"), (4, "count.csv_bad_qty"), (5, "count.csv_bad_time"),
        (6, "count.csv_column_count")]
    assert [(r.line, r.code, r.qty, r.location) for r in rows] == [
        (2, "6901000000004", "12", "A-01")]


def test_a_count_csv_without_its_columns_is_refused_at_the_header() -> None:
    _rows, errors = parse_count_csv("barcode,amount\n1,2\n")
    assert {(e.line, e.key) for e in errors} == {
        (1, "count.csv_unknown_column"), (1, "count.csv_missing_column")}


@given(st.text(max_size=200))
def test_the_count_csv_parser_never_crashes(text: str) -> None:
    rows, errors = parse_count_csv(text)
    assert rows or errors

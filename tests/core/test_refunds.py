from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import PosError
from pos_app.core.modes import TAX_MODES, TaxMode
from pos_app.core.refunds import (
    OriginalSale,
    PaidTender,
    RefundedTender,
    RefundPlan,
    ReturnedLine,
    ReturnHistory,
    SoldLine,
    TenderRefund,
    infer_tax_mode,
    plan_refund,
)
from pos_app.core.tenders import TENDER_KINDS

NONE = ReturnHistory()


def one_line_sale(qty: int, net: int, tax: int = 0, *, mode: TaxMode = "inclusive",
                  weighed: bool = False) -> OriginalSale:
    paid = net + (tax if mode == "exclusive" else 0)
    return OriginalSale((SoldLine(1, qty, net, tax, weighed),), (PaidTender("cash", paid),), 0,
                        mode)


def returns_in_steps(sale: OriginalSale, steps: list[dict[int, int]],
                     **kwargs: bool) -> list[RefundPlan]:
    history, plans = NONE, []
    for request in steps:
        plan = plan_refund(sale, history, request, **kwargs)
        plans.append(plan)
        history = history.after(plan)
    return plans


# --- lines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "refunds"),
    [
        ([1, 1, 1], [33, 34, 33]),  # 100/3 = 33.3; then 67/2 = 33.5 up; the last takes the rest
        ([2, 1], [67, 33]),
        ([1, 2], [33, 67]),
        ([3], [100]),
    ],
)
def test_units_refund_their_share_of_what_is_left_and_the_last_ones_the_rest(
    steps: list[int], refunds: list[int],
) -> None:
    plans = returns_in_steps(one_line_sale(3, 100), [{1: k} for k in steps])
    assert [p.lines[0].refund_fen for p in plans] == refunds
    assert [p.total_fen for p in plans] == refunds


def test_exclusive_tax_is_refunded_on_top_of_the_net() -> None:
    plan = plan_refund(one_line_sale(2, 1_001, 131, mode="exclusive"), NONE, {1: 1})
    assert (plan.lines[0].net_fen, plan.lines[0].tax_fen, plan.lines[0].refund_fen) == (
        501, 66, 567)
    assert plan.total_fen == 567


def test_inclusive_tax_is_part_of_the_net_and_only_reported() -> None:
    plan = plan_refund(one_line_sale(2, 1_130, 130), NONE, {1: 1})
    assert (plan.lines[0].net_fen, plan.lines[0].tax_fen, plan.lines[0].refund_fen) == (
        565, 65, 565)


def test_weighed_goods_return_by_the_gram() -> None:
    sale = one_line_sale(1_234, 2_469, weighed=True)  # 1.234 kg
    plans = returns_in_steps(sale, [{1: 500}, {1: 734}])
    assert [p.total_fen for p in plans] == [1_000, 1_469]  # 2469 × 500/1234 = 1000.4


# --- the sale's cash rounding -------------------------------------------------------------


def two_line_sale(a: int, b: int, rounding: int) -> OriginalSale:
    lines = (SoldLine(1, 1, a, 0), SoldLine(2, 1, b, 0))
    return OriginalSale(lines, (PaidTender("cash", a + b + rounding),), rounding, "inclusive")


def test_dropped_fen_cap_a_return_at_what_was_paid_and_the_last_return_settles_them() -> None:
    plans = returns_in_steps(two_line_sale(1_005, 4, -9), [{1: 1}, {2: 1}])
    assert [(p.lines[0].refund_fen, p.rounding_fen, p.total_fen) for p in plans] == [
        (1_005, -5, 1_000), (4, -4, 0)]
    assert [p.completes_sale for p in plans] == [False, True]


def test_rounding_up_is_given_back_by_the_return_that_completes_the_sale() -> None:
    plans = returns_in_steps(two_line_sale(505, 500, 5), [{1: 1}, {2: 1}])
    assert [(p.rounding_fen, p.total_fen) for p in plans] == [(0, 505), (5, 505)]


def test_returning_everything_at_once_refunds_what_was_paid() -> None:
    plan = plan_refund(two_line_sale(1_005, 4, -9), NONE, {1: 1, 2: 1})
    assert (plan.rounding_fen, plan.total_fen, plan.completes_sale) == (-9, 1_000, True)


# --- tenders and points --------------------------------------------------------------------


def card_and_points_sale() -> OriginalSale:
    return OriginalSale((SoldLine(1, 3, 10_000, 0),),
                        (PaidTender("card", 6_001), PaidTender("points", 3_999, 3_999)), 0,
                        "inclusive", points_earned=60)


def test_refund_goes_back_to_each_tender_in_proportion() -> None:
    plans = returns_in_steps(card_and_points_sale(), [{1: 1}, {1: 1}, {1: 1}])
    assert [p.tenders for p in plans] == [
        (TenderRefund(0, "card", "card", 2_000), TenderRefund(1, "points", "points", 1_333, 1_333)),
        (TenderRefund(0, "card", "card", 2_001), TenderRefund(1, "points", "points", 1_333, 1_333)),
        (TenderRefund(0, "card", "card", 2_000), TenderRefund(1, "points", "points", 1_333, 1_333)),
    ]
    assert [p.points_clawback for p in plans] == [20, 20, 20]


def test_to_cash_pays_money_tenders_in_cash_and_points_stay_points() -> None:
    plan = plan_refund(card_and_points_sale(), NONE, {1: 3}, to_cash=True)
    assert plan.tenders == (TenderRefund(0, "card", "cash", 6_001),
                            TenderRefund(1, "points", "points", 3_999, 3_999))


def test_points_back_follow_their_tenders_fen_when_points_are_not_one_a_fen() -> None:
    sale = OriginalSale((SoldLine(1, 3, 200, 0),), (PaidTender("points", 200, 300),), 0,
                        "inclusive")
    plans = returns_in_steps(sale, [{1: 1}, {1: 1}, {1: 1}])
    assert [(p.total_fen, p.tenders[0].points) for p in plans] == [(67, 101), (67, 100), (66, 99)]


def test_cash_change_is_not_refunded() -> None:
    # Paid ¥20 for ¥18.47: the tender stored is what went to the sale, 1847.
    sale = OriginalSale((SoldLine(1, 1, 1_847, 0),), (PaidTender("cash", 1_847),), 0,
                        "inclusive")
    assert plan_refund(sale, NONE, {1: 1}).total_fen == 1_847


# --- refusals -----------------------------------------------------------------------------


def refusal(sale: OriginalSale, history: ReturnHistory, request: dict[int, int]) -> PosError:
    with pytest.raises(PosError) as caught:
        plan_refund(sale, history, request)
    return caught.value


def test_empty_request_is_refused() -> None:
    assert refusal(one_line_sale(3, 100), NONE, {}).key == "return.empty"


@pytest.mark.parametrize("line_no", [2, 0, "1", True])
def test_unknown_line_is_refused(line_no: int) -> None:
    err = refusal(one_line_sale(3, 100), NONE, {line_no: 1})
    assert (err.key, err.data) == ("return.no_such_line", {"line": line_no})


@pytest.mark.parametrize("qty", [0, -1, True, 1.0, "1"])
def test_qty_must_be_a_whole_number_above_zero(qty: int) -> None:
    err = refusal(one_line_sale(3, 100), NONE, {1: qty})
    assert (err.key, err.data) == ("return.qty_invalid", {"line": 1, "qty": qty})


def test_more_than_is_left_is_refused_with_what_is_left() -> None:
    sale = one_line_sale(3, 100)
    history = NONE.after(plan_refund(sale, NONE, {1: 2}))
    err = refusal(sale, history, {1: 2})
    assert (err.key, err.data) == ("return.qty_exceeds_sold", {
        "line": 1, "sold": 3, "returned": 2, "asked": 2, "left": 1, "weighed": False})


def test_one_bad_line_refuses_the_whole_request() -> None:
    sale = two_line_sale(500, 500, 0)
    assert refusal(sale, NONE, {1: 1, 2: 2}).key == "return.qty_exceeds_sold"


# --- programming errors -------------------------------------------------------------------


def test_a_sale_whose_tenders_do_not_add_up_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        OriginalSale((SoldLine(1, 1, 100, 0),), (PaidTender("cash", 99),), 0, "inclusive")
    with pytest.raises(ValueError):  # the tax is on top in exclusive mode
        OriginalSale((SoldLine(1, 1, 100, 13),), (PaidTender("cash", 100),), 0, "exclusive")
    with pytest.raises(ValueError):
        OriginalSale((SoldLine(1, 1, 50, 0), SoldLine(1, 1, 50, 0)), (PaidTender("cash", 100),),
                     0, "inclusive")
    with pytest.raises(ValueError):
        PaidTender("card", 100, points=100)
    with pytest.raises(TypeError):
        SoldLine(1, 1, 100.0, 0)  # type: ignore[arg-type]  # a float, on purpose


@pytest.mark.parametrize(
    "history",
    [
        ReturnHistory(lines=(ReturnedLine(1, 4, 0, 0),)),
        ReturnHistory(lines=(ReturnedLine(1, 1, 60, 0), ReturnedLine(1, 1, 60, 0))),
        ReturnHistory(lines=(ReturnedLine(7, 1, 1, 0),)),
        ReturnHistory(tenders=(RefundedTender(0, 101),)),
        ReturnHistory(tenders=(RefundedTender(1, 1),)),
    ],
)
def test_an_impossible_history_is_a_programming_error(history: ReturnHistory) -> None:
    with pytest.raises(ValueError):
        plan_refund(one_line_sale(3, 100), history, {1: 1})


@pytest.mark.parametrize(
    ("net", "tax", "rounding", "total", "mode"),
    [(1_000, 130, 0, 1_000, "inclusive"), (1_000, 130, 0, 1_130, "exclusive"),
     (1_009, 0, -9, 1_000, "inclusive"), (1_000, 134, -4, 1_130, "exclusive")],
)
def test_tax_mode_is_read_from_the_sales_totals(net: int, tax: int, rounding: int, total: int,
                                                mode: TaxMode) -> None:
    assert infer_tax_mode(net_fen=net, tax_fen=tax, rounding_fen=rounding,
                          total_fen=total) == mode


def test_totals_matching_no_tax_mode_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        infer_tax_mode(net_fen=1_000, tax_fen=130, rounding_fen=0, total_fen=1_100)


# --- invariants -----------------------------------------------------------------------------


@st.composite
def sales(draw: st.DrawFn) -> OriginalSale:
    mode = draw(st.sampled_from(TAX_MODES))
    lines = []
    for n in range(1, draw(st.integers(1, 5)) + 1):
        weighed = draw(st.booleans())
        net = draw(st.integers(0, 100_000))
        tax = draw(st.integers(0, net // 3 + 1))
        lines.append(SoldLine(n * 10, draw(st.integers(1, 5_000 if weighed else 12)), net, tax,
                              weighed))
    lines_paid = sum(ln.net_fen + (ln.tax_fen if mode == "exclusive" else 0) for ln in lines)
    rounding = draw(st.integers(-min(9, lines_paid), 4))
    paid = lines_paid + rounding
    cuts = sorted(draw(st.lists(st.integers(0, paid), max_size=3)))
    amounts = [b - a for a, b in zip([0, *cuts], [*cuts, paid], strict=True)]
    tenders = []
    for amount in amounts:
        kind = draw(st.sampled_from(TENDER_KINDS))
        points = draw(st.integers(0, 3 * amount)) if kind == "points" else 0
        tenders.append(PaidTender(kind, amount, points))
    return OriginalSale(tuple(lines), tuple(tenders), rounding, mode,
                        draw(st.integers(0, 5_000)))


def left_of(sale: OriginalSale, history: ReturnHistory) -> dict[int, int]:
    return {ln.line_no: ln.qty - sum(r.qty for r in history.lines if r.line_no == ln.line_no)
            for ln in sale.lines}


@st.composite
def sales_with_returns(draw: st.DrawFn) -> tuple[OriginalSale, list[RefundPlan], bool]:
    """A sale and a sequence of returns; the last one brings back everything when
    ``everything``."""
    sale = draw(sales())
    history, plans = NONE, []
    for _ in range(draw(st.integers(0, 5))):
        request = {no: draw(st.integers(0, left)) for no, left in left_of(sale, history).items()}
        request = {no: qty for no, qty in request.items() if qty}
        if request:
            plans.append(plan_refund(sale, history, request, to_cash=draw(st.booleans())))
            history = history.after(plans[-1])
    everything = draw(st.booleans())
    rest = {no: left for no, left in left_of(sale, history).items() if left}
    if everything and rest:
        plans.append(plan_refund(sale, history, rest, to_cash=draw(st.booleans())))
    return sale, plans, everything


@given(sales_with_returns())
def test_returns_never_refund_more_than_was_paid_and_everything_refunds_it_exactly(
    case: tuple[OriginalSale, list[RefundPlan], bool],
) -> None:
    sale, plans, _ = case
    history, refunded = NONE, 0
    for plan in plans:
        assert plan.total_fen == sum(t.amount_fen for t in plan.tenders)
        assert plan.total_fen == sum(ln.refund_fen for ln in plan.lines) + plan.rounding_fen
        assert all(t.amount_fen > 0 for t in plan.tenders)
        assert all(t.payout in (t.kind, "cash") for t in plan.tenders)
        assert all(t.payout == "points" for t in plan.tenders if t.kind == "points")
        history = history.after(plan)
        refunded += plan.total_fen
        assert refunded <= sale.paid_fen
        assert history.points_clawed_back <= sale.points_earned
        for ln in sale.lines:
            mine = [r for r in history.lines if r.line_no == ln.line_no]
            assert sum(r.net_fen for r in mine) <= ln.net_fen
            assert sum(r.tax_fen for r in mine) <= ln.tax_fen
        for i, t in enumerate(sale.tenders):
            mine_t = [r for r in history.tenders if r.index == i]
            assert sum(r.amount_fen for r in mine_t) <= t.amount_fen
            assert sum(r.points for r in mine_t) <= t.points
        assert plan.completes_sale == (not any(left_of(sale, history).values()))
    if any(left_of(sale, history).values()):
        return
    assert refunded == sale.paid_fen
    for ln in sale.lines:
        mine = [r for r in history.lines if r.line_no == ln.line_no]
        assert (sum(r.net_fen for r in mine), sum(r.tax_fen for r in mine)) == (
            ln.net_fen, ln.tax_fen)
    for i, t in enumerate(sale.tenders):
        mine_t = [r for r in history.tenders if r.index == i]
        assert (sum(r.amount_fen for r in mine_t), sum(r.points for r in mine_t)) == (
            t.amount_fen, t.points)
    assert history.points_clawed_back == sale.points_earned


@given(sales_with_returns(), st.data())
def test_a_request_for_more_than_is_left_is_refused_and_changes_nothing(
    case: tuple[OriginalSale, list[RefundPlan], bool], data: st.DataObject,
) -> None:
    sale, plans, _ = case
    history = NONE
    for plan in plans:
        history = history.after(plan)
    before = replace(history)
    left = left_of(sale, history)
    line = data.draw(st.sampled_from(sorted(left)))
    extra = data.draw(st.integers(1, 1_000))
    others = {no: q for no, q in left.items() if no != line and q}
    with pytest.raises(PosError) as caught:
        plan_refund(sale, history, {**others, line: left[line] + extra})
    assert caught.value.key == "return.qty_exceeds_sold"
    assert caught.value.data["asked"] == left[line] + extra
    assert caught.value.data["left"] == left[line]
    assert history == before
    # What was left can still all come back, to the fen.
    rest = {no: q for no, q in left.items() if q}
    if rest:
        total = plan_refund(sale, history, rest).total_fen
        assert sum(p.total_fen for p in plans) + total == sale.paid_fen

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.tenders import (
    Tender,
    TenderKind,
    add_tender,
    payment_code_kind,
    payment_state,
    remove_tender,
)

DUE = Money(1847)


def test_cash_over_the_remainder_gives_change() -> None:
    tenders = add_tender((), due=DUE, kind="cash", tendered=Money(2000))
    assert tenders == (Tender("cash", Money(1847), Money(2000), ""),)
    state = payment_state(DUE, tenders)
    assert (state.paid, state.remaining, state.change, state.tendered, state.is_paid) == (
        Money(1847),
        Money(0),
        Money(153),
        Money(2000),
        True,
    )


def test_split_payment_card_then_cash() -> None:
    tenders = add_tender((), due=DUE, kind="card", tendered=Money(1000), reference="AUTH01")
    state = payment_state(DUE, tenders)
    assert (state.paid, state.remaining, state.is_paid) == (Money(1000), Money(847), False)
    tenders = add_tender(tenders, due=DUE, kind="cash", tendered=Money(1000))
    state = payment_state(DUE, tenders)
    assert (state.remaining, state.change) == (Money(0), Money(153))
    assert remove_tender(tenders, 1) == tenders[:1]


@pytest.mark.parametrize(
    ("kind", "tendered", "reference", "key", "data"),
    [
        ("card", 1848, "AUTH", "tender.exceeds_remaining", {"amount": 1848, "remaining": 1847}),
        ("mobile", 5000, "T1", "tender.exceeds_remaining", {"amount": 5000, "remaining": 1847}),
        ("cash", 0, "", "tender.amount_invalid", {"amount": 0}),
        ("cash", -100, "", "tender.amount_invalid", {"amount": -100}),
        ("card", 100, "  ", "tender.reference_required", {"kind": "card"}),
    ],
)
def test_bad_tenders_are_refused_with_keys(
    kind: TenderKind, tendered: int, reference: str, key: str, data: dict[str, object]
) -> None:
    with pytest.raises(PosError) as exc:
        add_tender((), due=DUE, kind=kind, tendered=Money(tendered), reference=reference)
    assert (exc.value.key, exc.value.data) == (key, data)


def test_nothing_more_can_be_tendered_once_paid() -> None:
    tenders = add_tender((), due=DUE, kind="mobile", tendered=DUE, reference="WX1")
    with pytest.raises(PosError) as exc:
        add_tender(tenders, due=DUE, kind="cash", tendered=Money(100))
    assert exc.value.key == "tender.already_paid"


def test_remove_tender_out_of_range() -> None:
    with pytest.raises(PosError) as exc:
        remove_tender((), 0)
    assert (exc.value.key, exc.value.data) == ("tender.no_such_tender", {"index": 0})


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("134567890123456789", "wechat"),
        ("101234567890123456", "wechat"),
        ("151234567890123456", "wechat"),
        ("281234567890123456", "alipay"),
        ("251234567890123456", "alipay"),
        ("301234567890123456", "alipay"),
        ("161234567890123456", None),
        ("13456789012345678", None),  # 17 digits
        ("13456789012345678a", None),
        ("6901234567892", None),
    ],
)
def test_payment_code_kind_by_prefix(code: str, kind: str | None) -> None:
    assert payment_code_kind(code) == kind


def test_payment_code_prefixes_are_configurable() -> None:
    assert payment_code_kind("161234567890123456", wechat_prefixes=("16",)) == "wechat"
    assert payment_code_kind("281234567890123456", alipay_prefixes=("29",)) is None


tender_steps = st.lists(
    st.tuples(st.sampled_from(["cash", "card", "mobile"]), st.integers(-100, 30_000)),
    max_size=8,
)


@given(st.integers(0, 50_000), tender_steps)
def test_change_never_negative_and_paid_tenders_cover_the_total(
    due_fen: int, steps: list[tuple[TenderKind, int]]
) -> None:
    due = Money(due_fen)
    tenders: tuple[Tender, ...] = ()
    for kind, amount in steps:
        try:
            tenders = add_tender(tenders, due=due, kind=kind, tendered=Money(amount), reference="R")
        except PosError:
            pass
    state = payment_state(due, tenders)
    assert state.change.fen >= 0
    assert state.remaining.fen >= 0
    assert state.paid <= due or not tenders
    assert state.paid + state.remaining == due
    # Change only ever comes from cash.
    assert all(t.change.fen == 0 for t in tenders if t.kind != "cash")
    if state.is_paid:
        assert Money.sum(t.amount for t in tenders) == due
        assert state.tendered - state.change == due

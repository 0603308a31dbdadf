from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from pos_app.core.cart import Cart
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.sale import Sale, receipt_number
from pos_app.core.tenders import add_tender

from .helpers import product

OPENED = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
COLA = product(1, 350)


def open_sale() -> Sale:
    sale = Sale.new(sale_uuid="5f0c-uuid", opened_at=OPENED)
    return sale.with_cart(sale.cart.add(COLA, 2))


def test_new_sale_is_open_empty_and_uses_injected_id_and_time() -> None:
    sale = Sale.new(sale_uuid="u1", opened_at=OPENED, cash_rounding="jiao_down")
    assert (sale.sale_uuid, sale.state, sale.opened_at, sale.cart, sale.tenders) == (
        "u1",
        "open",
        OPENED,
        Cart(),
        (),
    )
    assert sale.cash_rounding == "jiao_down"


def test_paid_sale_completes() -> None:
    sale = open_sale()
    assert sale.due == Money(700)
    sale = sale.with_tenders(
        add_tender(sale.tenders, due=sale.due, kind="cash", tendered=Money(1000))
    )
    assert sale.payment().change == Money(300)
    done = sale.complete()
    assert done.state == "completed"
    actions: list[Callable[[], Sale]] = [
        done.suspend,
        done.void,
        done.complete,
        lambda: done.with_cart(Cart()),
    ]
    for action in actions:
        with pytest.raises(PosError) as exc:
            action()
        assert (exc.value.key, exc.value.data) == ("sale.not_open", {"state": "completed"})


def test_complete_needs_lines_and_full_payment() -> None:
    with pytest.raises(PosError) as exc:
        Sale.new(sale_uuid="u", opened_at=OPENED).complete()
    assert exc.value.key == "sale.empty"
    sale = open_sale()
    sale = sale.with_tenders(add_tender((), due=sale.due, kind="cash", tendered=Money(500)))
    with pytest.raises(PosError) as exc:
        sale.complete()
    assert (exc.value.key, exc.value.data) == ("sale.not_paid", {"remaining": 200})


def test_suspend_and_resume_keep_the_cart() -> None:
    sale = open_sale()
    parked = sale.suspend()
    assert parked.state == "suspended"
    with pytest.raises(PosError):
        parked.with_cart(Cart())
    resumed = parked.resume()
    assert resumed == sale
    with pytest.raises(PosError) as exc:
        resumed.resume()
    assert (exc.value.key, exc.value.data) == ("sale.not_suspended", {"state": "open"})


def test_empty_sale_cannot_be_suspended() -> None:
    with pytest.raises(PosError) as exc:
        Sale.new(sale_uuid="u", opened_at=OPENED).suspend()
    assert exc.value.key == "sale.empty"


def test_cart_is_locked_once_payment_started() -> None:
    sale = open_sale()
    sale = sale.with_tenders(
        add_tender((), due=sale.due, kind="card", tendered=Money(100), reference="A")
    )
    actions: list[Callable[[], Sale]] = [lambda: sale.with_cart(Cart()), sale.suspend, sale.void]
    for action in actions:
        with pytest.raises(PosError) as exc:
            action()
        assert exc.value.key == "sale.payment_started"
    # Taking the tenders back unlocks it.
    assert sale.with_tenders(()).with_cart(Cart()).cart.is_empty


def test_void_drops_cash_tenders_and_works_from_suspended() -> None:
    sale = open_sale()
    sale = sale.with_tenders(add_tender((), due=sale.due, kind="cash", tendered=Money(100)))
    voided = sale.void()
    assert (voided.state, voided.tenders) == ("voided", ())
    assert open_sale().suspend().void().state == "voided"
    with pytest.raises(PosError) as exc:
        voided.void()
    assert exc.value.key == "sale.not_open"


@pytest.mark.parametrize(
    ("store", "terminal", "seq", "number"),
    [
        ("S001", "T01", 42, "S001-T01-000042"),
        ("S001", "T02", 1, "S001-T02-000001"),
        ("S9", "T1", 1234567, "S9-T1-1234567"),
    ],
)
def test_receipt_number_zero_pads_the_sequence(
    store: str, terminal: str, seq: int, number: str
) -> None:
    assert receipt_number(store, terminal, seq) == number


@pytest.mark.parametrize("seq", [0, -1, True])
def test_receipt_number_needs_a_positive_sequence(seq: int) -> None:
    with pytest.raises(ValueError):
        receipt_number("S001", "T01", seq)

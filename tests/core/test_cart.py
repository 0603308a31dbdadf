import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given

from pos_app.core.barcode import parse_scale_barcode
from pos_app.core.cart import Cart, Discount
from pos_app.core.errors import PosError
from pos_app.core.money import Money

from .helpers import product
from .strategies import carts

COLA = product(1, 350)
APPLE = product(2, 1280, weighed=True, name="红富士苹果", rate=900)


def test_scanning_the_same_piece_product_again_merges_into_one_line() -> None:
    cart = Cart().add(COLA).add(COLA, 2).add(product(3, 500))
    assert [(ln.line_id, ln.product.product_id, ln.qty) for ln in cart.lines] == [
        (1, 1, 3),
        (2, 3, 1),
    ]
    assert cart.next_line_id == 3


def test_a_discounted_or_overridden_line_is_not_merged_into() -> None:
    cart = Cart().add(COLA).discount_line(1, Discount("percent", 1000)).add(COLA)
    assert [ln.qty for ln in cart.lines] == [1, 1]
    cart = Cart().add(COLA).override_price(1, Money(300)).add(COLA)
    assert [ln.qty for ln in cart.lines] == [1, 1]


def test_weighed_products_never_merge_and_qty_is_grams() -> None:
    cart = Cart().add(APPLE, 350).add(APPLE, 500)
    assert [ln.qty for ln in cart.lines] == [350, 500]
    assert cart.lines[0].gross == Money(448)  # 12.80/kg × 0.350 kg = 4.48


@pytest.mark.parametrize(
    ("price_per_kg", "grams", "gross"),
    [
        (1280, 350, 448),
        (999, 333, 333),
        (999, 335, 335),
        (1998, 125, 250),
        (1, 500, 1),
        (1, 499, 0),
    ],
)
def test_weighed_line_gross_is_price_per_kg_times_grams_half_up(
    price_per_kg: int, grams: int, gross: int
) -> None:
    cart = Cart().add(product(9, price_per_kg, weighed=True), grams)
    assert cart.lines[0].gross == Money(gross)


def test_weighed_product_without_weight_needs_one() -> None:
    with pytest.raises(PosError) as exc:
        Cart().add(APPLE)
    assert exc.value.key == "cart.weight_required"


def test_price_label_fixes_line_gross_and_derives_grams_for_display() -> None:
    label = parse_scale_barcode("2001234012508")  # ¥12.50, no weight on the label
    assert label is not None
    cart = Cart().add_scale_label(APPLE, label)
    line = cart.lines[0]
    assert line.gross == Money(1250)
    assert line.qty == 977  # 1250 × 1000 / 1280 = 976.56 → 977 g
    assert line.scanned_code == "2001234012508"
    with pytest.raises(PosError) as exc:
        cart.set_qty(line.line_id, 1000)
    assert exc.value.key == "cart.qty_fixed_by_label"
    with pytest.raises(PosError) as exc:
        cart.override_price(line.line_id, Money(1))
    assert exc.value.key == "cart.price_fixed_by_label"


def test_price_label_with_weight_keeps_label_weight_and_price() -> None:
    cart = Cart().add(APPLE, 750, fixed_amount=Money(1234))
    assert (cart.lines[0].qty, cart.lines[0].gross) == (750, Money(1234))


def test_weight_label_makes_a_weighed_line_priced_per_kg() -> None:
    label = parse_scale_barcode("2812345012345")  # 1234 g
    assert label is not None
    line = Cart().add_scale_label(APPLE, label).lines[0]
    assert (line.qty, line.gross, line.fixed_amount) == (1234, Money(1580), None)


def test_price_label_on_a_piece_product_is_one_piece_at_the_label_price() -> None:
    label = parse_scale_barcode("2001234012508")
    assert label is not None
    line = Cart().add_scale_label(COLA, label).lines[0]
    assert (line.qty, line.gross) == (1, Money(1250))


def test_weight_label_on_a_piece_product_is_refused() -> None:
    label = parse_scale_barcode("2812345012345")
    assert label is not None
    with pytest.raises(PosError) as exc:
        Cart().add_scale_label(COLA, label)
    assert exc.value.key == "cart.product_not_weighed"


def test_set_qty_void_and_lookup_by_line_id() -> None:
    cart = Cart().add(COLA).add(product(3, 500))
    cart = cart.set_qty(1, 6)
    assert cart.line(1).qty == 6
    cart = cart.void_line(1)
    assert [ln.line_id for ln in cart.lines] == [2]
    assert cart.add(COLA).lines[-1].line_id == 3  # ids are never reused
    assert cart.void_line(2).is_empty
    assert Cart().is_empty


def test_override_price_marks_line_and_back_to_list_price_clears_the_mark() -> None:
    cart = Cart().add(COLA, 2).override_price(1, Money(300))
    assert (cart.line(1).unit_price, cart.line(1).price_overridden, cart.line(1).gross) == (
        Money(300),
        True,
        Money(600),
    )
    assert not cart.override_price(1, Money(350)).line(1).price_overridden


@pytest.mark.parametrize(
    ("action", "key", "data"),
    [
        (lambda c: c.set_qty(1, 0), "cart.qty_invalid", {"qty": 0}),
        (lambda c: c.set_qty(1, -2), "cart.qty_invalid", {"qty": -2}),
        (lambda c: c.set_qty(1, 100_000), "cart.qty_too_large", {"qty": 100_000, "max": 99_999}),
        (lambda c: c.set_qty(9, 1), "cart.no_such_line", {"line_id": 9}),
        (lambda c: c.void_line(9), "cart.no_such_line", {"line_id": 9}),
        (lambda c: c.line(9), "cart.no_such_line", {"line_id": 9}),
        (lambda c: c.override_price(1, Money(-1)), "cart.price_invalid", {"price": -1}),
        (
            lambda c: c.discount_line(1, Discount("amount", 701)),
            "cart.discount_exceeds_line",
            {"amount": 701, "max": 700},
        ),
        (
            lambda c: c.discount_sale(Discount("amount", 701)),
            "cart.discount_exceeds_sale",
            {"amount": 701, "max": 700},
        ),
        (lambda c: c.add(product(5, active=False)), "cart.product_inactive", None),
        (lambda c: c.add(COLA, 99_999), "cart.qty_too_large", {"qty": 100_001, "max": 99_999}),
    ],
)
def test_bad_cart_changes_raise_keys_and_leave_the_cart_alone(
        action: Callable[[Cart], Cart], key: str, data: dict[str, object] | None) -> None:
    cart = Cart().add(COLA, 2)
    with pytest.raises(PosError) as exc:
        action(cart)
    assert exc.value.key == key
    if data is not None:
        assert exc.value.data == data
    assert cart == Cart().add(COLA, 2)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("percent", 0),
        ("percent", 10_001),
        ("percent", -5),
        ("amount", 0),
        ("amount", -100),
        ("x", 5),
    ],
)
def test_discount_values_out_of_range_are_refused(kind: str, value: int) -> None:
    with pytest.raises(PosError) as exc:
        Discount(kind, value)  # type: ignore[arg-type]  # "x" is no kind, on purpose
    assert exc.value.key == "cart.discount_invalid"


def test_lowering_qty_below_an_amount_discount_is_refused() -> None:
    cart = Cart().add(COLA, 3).discount_line(1, Discount("amount", 800))
    with pytest.raises(PosError) as exc:
        cart.set_qty(1, 2)
    assert exc.value.key == "cart.discount_exceeds_line"


def test_discounts_can_be_cleared() -> None:
    cart = Cart().add(COLA).discount_line(1, Discount("percent", 5000))
    cart = cart.discount_sale(Discount("amount", 10))
    assert cart.discount_line(1, None).line(1).discount is None
    assert cart.discount_sale(None).sale_discount is None


def test_cart_to_dict_is_json_and_round_trips_a_mixed_basket() -> None:
    cart = (
        Cart()
        .add(COLA, 2, scanned_code="6901234567892")
        .add(APPLE, 350)
        .add(APPLE, fixed_amount=Money(1250))
        .discount_line(1, Discount("percent", 1000))
        .override_price(2, Money(1100))
        .discount_sale(Discount("amount", 100))
    )
    payload = json.loads(json.dumps(cart.to_dict()))
    assert Cart.from_dict(payload) == cart


@pytest.mark.parametrize(
    "mangle",
    [
        lambda d: d.update(v=99),
        lambda d: d.pop("lines"),
        lambda d: d["lines"][0].update(qty="2"),
        lambda d: d["lines"][0].update(qty=True),
        lambda d: d["lines"][0]["product"].update(price_fen=1.5),
        lambda d: d.update(sale_discount={"kind": "percent", "value": 0}),
        lambda d: d.update(lines="nope"),
    ],
)
def test_cart_from_dict_reports_a_corrupt_suspended_sale(
        mangle: Callable[[dict[str, Any]], object]) -> None:
    d = Cart().add(COLA, 2).to_dict()
    mangle(d)
    with pytest.raises(PosError) as exc:
        Cart.from_dict(d)
    assert exc.value.key == "cart.payload_invalid"


@given(carts())
def test_cart_to_dict_from_dict_round_trip(cart: Cart) -> None:
    assert Cart.from_dict(json.loads(json.dumps(cart.to_dict()))) == cart

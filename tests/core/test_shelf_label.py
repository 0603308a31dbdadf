"""Unit prices from the pack size in the name, markdown prices and their codes (exact fen)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.barcode import SCALE_RULE_PRICE, SCALE_RULE_WEIGHT, parse_scale_barcode
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.core.shelf_label import (
    NetContent,
    UnitPrice,
    marked_down,
    parse_net_content,
    price_code,
    shelf_doc,
    unit_price,
)


def product(name: str, fen: int, *, weighed: bool = False, unit: str = "瓶") -> ProductInfo:
    return ProductInfo(1, "S1", name, "", unit, Money(fen), 1300, is_weighed=weighed)


@pytest.mark.parametrize(("text", "content"), [
    ("可口可乐 500ml", NetContent("ml", 500_000)),
    ("可口可乐 2L", NetContent("ml", 2_000_000)),
    ("矿泉水 1.5L", NetContent("ml", 1_500_000)),
    ("可乐 330ml×24", NetContent("ml", 7_920_000)),
    ("纯牛奶 250mL*12", NetContent("ml", 3_000_000)),
    ("东北大米 5kg", NetContent("g", 5_000_000)),
    ("薯片 75克", NetContent("g", 75_000)),
    ("苹果", None),
    ("V8 drink", None),
])
def test_net_content_is_read_from_the_name(text: str, content: NetContent | None) -> None:
    assert parse_net_content(text) == content


@pytest.mark.parametrize(("name", "fen", "weighed", "expected"), [
    ("可口可乐 500ml", 350, False, UnitPrice(Money(70), "100ml")),
    ("可口可乐 330ml", 300, False, UnitPrice(Money(91), "100ml")),  # 90.909 → 91
    ("可乐 330ml×24", 5990, False, UnitPrice(Money(76), "100ml")),  # 75.63 → 76
    ("东北大米 5kg", 3990, False, UnitPrice(Money(399), "500g")),
    ("薯片 75g", 750, False, UnitPrice(Money(5000), "500g")),
    ("富士苹果", 1280, True, UnitPrice(Money(640), "500g")),  # per kg → per 500 g
    ("香蕉", 699, True, UnitPrice(Money(350), "500g")),  # 349.5 → 350, half up
    ("毛巾", 1500, False, None),
])
def test_unit_price_is_half_up_to_the_fen(name: str, fen: int, weighed: bool,
                                          expected: UnitPrice | None) -> None:
    assert unit_price(product(name, fen, weighed=weighed)) == expected


@pytest.mark.parametrize(("regular", "percent", "price"), [
    (1000, 30, 700), (999, 50, 500), (1, 50, 1), (350, 10, 315), (1285, 33, 861),
])
def test_marked_down_price(regular: int, percent: int, price: int) -> None:
    assert marked_down(Money(regular), percent) == Money(price)


@pytest.mark.parametrize("percent", [0, -5, 91, 100])
def test_markdown_percentage_out_of_range_is_refused(percent: int) -> None:
    with pytest.raises(PosError) as err:
        marked_down(Money(1000), percent)
    assert err.value.key == "labels.percent_invalid"


@given(item=st.integers(0, 99_999), fen=st.integers(1, 99_999))
def test_markdown_code_parses_back_as_a_price_label(item: int, fen: int) -> None:
    code = price_code(SCALE_RULE_PRICE, prefix="26", item=item, price=Money(fen))
    label = parse_scale_barcode(code)
    assert label is not None
    assert (label.item_code, label.price, label.weight_g) == (f"{item:05d}", Money(fen), None)
    assert label.lookup_barcode[:7] == f"26{item:05d}"


def test_markdown_code_refuses_a_price_it_cannot_carry() -> None:
    with pytest.raises(PosError) as err:
        price_code(SCALE_RULE_PRICE, prefix="26", item=1, price=Money(100_000))
    assert (err.value.key, err.value.data["max_fen"]) == ("labels.price_out_of_range", 99_999)


def test_markdown_code_needs_a_price_rule_with_that_prefix() -> None:
    for rule, prefix in ((SCALE_RULE_WEIGHT, "28"), (SCALE_RULE_PRICE, "29")):
        with pytest.raises(PosError) as err:
            price_code(rule, prefix=prefix, item=1, price=Money(100))
        assert err.value.key == "labels.markdown_rule_invalid"


def test_shelf_doc_has_price_unit_price_and_barcode() -> None:
    doc = shelf_doc(product("可口可乐 500ml", 350), "6911001079190")
    assert (doc.price, doc.barcode, doc.unit_price, doc.is_markdown) == (
        Money(350), "6911001079190", UnitPrice(Money(70), "100ml"), False)


@given(st.text(max_size=40))
def test_any_name_gives_a_size_or_none_never_an_error(name: str) -> None:
    content = parse_net_content(name)
    assert content is None or content.milli > 0

"""The cart model re-formats a row only when what the row shows changed."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from pos_app.core.cart import Cart
from pos_app.core.money import Money
from pos_app.core.pricing import PricedCart, price_cart
from pos_app.core.product import ProductInfo
from pos_app.ui.cart_model import CartTableModel


def _product(n: int, price: int) -> ProductInfo:
    return ProductInfo(product_id=n, sku=f"S{n}", name=f"商品{n}", name_en=f"Item {n}",
                       unit="个", price=Money(price), tax_rate_bp=1300)


def _shifted(priced: PricedCart, row: int, *, net: int = 0, promo: int = 0) -> PricedCart:
    """``priced`` with one line's net (and tax) or promotion discount moved by some fen."""
    lines = list(priced.lines)
    pl = lines[row]
    lines[row] = replace(pl, net=pl.net + Money(net), tax=pl.tax + Money(net),
                         promo_discount=pl.promo_discount + Money(promo))
    return replace(priced, lines=tuple(lines))


def test_row_whose_shown_amounts_stay_is_not_redrawn_one_whose_discount_moves_is(
    qtbot: QtBot,
) -> None:
    model = CartTableModel("en_US")
    cart = Cart().add(_product(1, 1000)).add(_product(2, 500))
    priced = price_cart(cart)
    model.set_priced(priced)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda tl, br, *_: changed.append((tl.row(), br.row())))
    # A sale discount spread anew moves every line's net and tax, not what a row shows.
    model.set_priced(_shifted(_shifted(priced, 0, net=-30), 1, net=-20))
    assert changed == []
    assert model.cell(0, 4)[0] == "" and model.cell(0, 5)[0] == "10.00"
    model.set_priced(_shifted(priced, 1, promo=100))
    assert changed == [(1, 1)]
    assert model.cell(1, 4)[0] == "-1.00" and model.cell(1, 5)[0] == "4.00"
    assert model.cell(0, 5)[0] == "10.00"


def test_a_line_replaced_by_an_equal_one_keeps_its_row_and_a_new_qty_shows(
    qtbot: QtBot,
) -> None:
    model = CartTableModel("en_US")
    cola = _product(1, 350)
    cart = Cart().add(cola)
    model.set_priced(price_cart(cart))
    rebuilt = Cart(lines=tuple(replace(ln) for ln in cart.lines), next_line_id=2)
    model.set_priced(price_cart(rebuilt))  # equal lines, other objects
    assert model.cell(0, 2)[0] == "1" and model.rowCount() == 1
    model.set_priced(price_cart(rebuilt.add(cola)))  # merges: qty 2
    assert model.cell(0, 2)[0] == "2" and model.cell(0, 5)[0] == "7.00"

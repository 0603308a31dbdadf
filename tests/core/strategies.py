"""Hypothesis strategies shared by the core tests."""

from __future__ import annotations

from hypothesis import strategies as st

from pos_app.core.cart import Cart, Discount
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo

TAX_RATES = (0, 300, 600, 900, 1300)


@st.composite
def products(draw: st.DrawFn, *, weighed: bool | None = None) -> ProductInfo:
    is_weighed = draw(st.booleans()) if weighed is None else weighed
    pid = draw(st.integers(1, 30))
    return ProductInfo(
        product_id=pid,
        sku=f"SKU{pid}",
        name=f"商品{pid}",
        name_en=f"Product {pid}",
        unit="kg" if is_weighed else "个",
        price=Money(draw(st.integers(0, 200_000))),
        tax_rate_bp=draw(st.sampled_from(TAX_RATES)),
        is_weighed=is_weighed,
        category=draw(st.sampled_from(["", "饮料", "生鲜"])),
    )


def discounts() -> st.SearchStrategy[Discount]:
    return st.one_of(
        st.builds(Discount, st.just("percent"), st.integers(1, 10_000)),
        st.builds(Discount, st.just("amount"), st.integers(1, 50_000)),
    )


@st.composite
def carts(draw: st.DrawFn, *, max_lines: int = 12) -> Cart:
    """A cart built through its public operations; rejected operations are skipped."""
    cart = Cart()
    for _ in range(draw(st.integers(0, max_lines))):
        product = draw(products())
        fixed = draw(st.none() | st.integers(0, 100_000).map(Money))
        qty_max = 5_000 if product.is_weighed else 20
        qty = (
            draw(st.none() | st.integers(1, qty_max))
            if fixed is not None
            else draw(st.integers(1, qty_max))
        )
        try:
            cart = cart.add(product, qty, scanned_code="x", fixed_amount=fixed)
            line_id = cart.lines[-1].line_id
            if draw(st.booleans()):
                cart = cart.discount_line(line_id, draw(st.none() | discounts()))
            if draw(st.integers(0, 4)) == 0:
                cart = cart.override_price(line_id, Money(draw(st.integers(0, 100_000))))
        except PosError:
            pass
    with_sale_discount = draw(st.booleans())
    if cart.lines and with_sale_discount:
        try:
            cart = cart.discount_sale(draw(discounts()))
        except PosError:
            pass
    if len(cart.lines) > 1 and draw(st.integers(0, 3)) == 0:
        cart = cart.void_line(cart.lines[0].line_id)
    return cart

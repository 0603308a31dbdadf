"""Small builders for readable core tests."""

from __future__ import annotations

from pos_app.core.money import Money
from pos_app.core.product import ProductInfo


def product(
    pid: int = 1,
    price: int = 350,
    *,
    rate: int = 1300,
    weighed: bool = False,
    name: str = "可口可乐 500ml",
    active: bool = True,
) -> ProductInfo:
    """A product with ``price`` fen (per kg when weighed) and VAT ``rate`` basis points."""
    return ProductInfo(
        product_id=pid,
        sku=f"SKU{pid:04d}",
        name=name,
        name_en=f"Product {pid}",
        unit="kg" if weighed else "瓶",
        price=Money(price),
        tax_rate_bp=rate,
        is_weighed=weighed,
        age_restricted=False,
        category="",
        active=active,
    )

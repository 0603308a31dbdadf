"""JSON-safe encoding of a Cart, used to suspend and resume a sale."""

from __future__ import annotations

from typing import Any

from pos_app.core.cart import Cart, CartLine, Discount
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo

FORMAT_VERSION = 1


def _discount_to_dict(d: Discount | None) -> dict[str, object] | None:
    return None if d is None else {"kind": d.kind, "value": d.value}


def _product_to_dict(p: ProductInfo) -> dict[str, object]:
    return {
        "product_id": p.product_id,
        "sku": p.sku,
        "name": p.name,
        "name_en": p.name_en,
        "unit": p.unit,
        "price_fen": p.price.fen,
        "tax_rate_bp": p.tax_rate_bp,
        "is_weighed": p.is_weighed,
        "age_restricted": p.age_restricted,
        "category": p.category,
        "active": p.active,
        "brand": p.brand,
    }


def cart_to_dict(cart: Cart) -> dict[str, object]:
    """Plain dict of ints, strings, bools, lists and None (prices as fen)."""
    return {
        "v": FORMAT_VERSION,
        "next_line_id": cart.next_line_id,
        "sale_discount": _discount_to_dict(cart.sale_discount),
        "lines": [
            {
                "line_id": ln.line_id,
                # A snapshot, so a resumed sale keeps the prices the customer was quoted.
                "product": _product_to_dict(ln.product),
                "qty": ln.qty,
                "unit_price_fen": ln.unit_price.fen,
                "price_overridden": ln.price_overridden,
                "fixed_amount_fen": None if ln.fixed_amount is None else ln.fixed_amount.fen,
                "discount": _discount_to_dict(ln.discount),
                "scanned_code": ln.scanned_code,
            }
            for ln in cart.lines
        ],
    }


def _get(d: Any, key: str, kind: type) -> Any:
    value = d[key]
    # bool is an int subclass; a bool where an int belongs means a corrupt payload.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{key}: expected {kind.__name__}")
    return value


def _discount_from(d: Any) -> Discount | None:
    if d is None:
        return None
    return Discount(_get(d, "kind", str), _get(d, "value", int))


def _product_from(d: Any) -> ProductInfo:
    return ProductInfo(
        product_id=_get(d, "product_id", int),
        sku=_get(d, "sku", str),
        name=_get(d, "name", str),
        name_en=_get(d, "name_en", str),
        unit=_get(d, "unit", str),
        price=Money(_get(d, "price_fen", int)),
        tax_rate_bp=_get(d, "tax_rate_bp", int),
        is_weighed=_get(d, "is_weighed", bool),
        age_restricted=_get(d, "age_restricted", bool),
        category=_get(d, "category", str),
        active=_get(d, "active", bool),
        # Carts suspended before products had a brand have none.
        brand=_get(d, "brand", str) if "brand" in d else "",
    )


def cart_from_dict(d: dict[str, object]) -> Cart:
    """Inverse of ``cart_to_dict``; raises ``cart.payload_invalid`` on anything malformed."""
    try:
        if d.get("v") != FORMAT_VERSION:
            raise ValueError(f"unsupported version {d.get('v')!r}")
        lines = []
        for ld in _get(d, "lines", list):
            fixed = ld["fixed_amount_fen"]
            lines.append(
                CartLine(
                    line_id=_get(ld, "line_id", int),
                    product=_product_from(_get(ld, "product", dict)),
                    qty=_get(ld, "qty", int),
                    unit_price=Money(_get(ld, "unit_price_fen", int)),
                    price_overridden=_get(ld, "price_overridden", bool),
                    fixed_amount=None
                    if fixed is None
                    else Money(_get(ld, "fixed_amount_fen", int)),
                    discount=_discount_from(ld["discount"]),
                    scanned_code=_get(ld, "scanned_code", str),
                )
            )
        return Cart(
            lines=tuple(lines),
            sale_discount=_discount_from(d["sale_discount"]),
            next_line_id=_get(d, "next_line_id", int),
        )
    except PosError as exc:
        raise PosError("cart.payload_invalid", reason=exc.key) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PosError("cart.payload_invalid", reason=str(exc)) from exc

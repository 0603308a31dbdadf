"""The basket being rung up: immutable lines; every change returns a new Cart."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from pos_app.core.barcode import ScaleCode
from pos_app.core.errors import PosError
from pos_app.core.money import Money, div_half_up
from pos_app.core.product import ProductInfo
from pos_app.core.quantity import check_qty

DiscountKind = Literal["percent", "amount"]
MAX_BP = 10_000


@dataclass(frozen=True, slots=True)
class Discount:
    """A percent (basis points, 1000 = 10 %) or fixed amount (fen) off."""

    kind: DiscountKind
    value: int

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise TypeError("Discount.value must be int")
        ok = (self.kind == "percent" and 0 < self.value <= MAX_BP) or (
            self.kind == "amount" and self.value > 0
        )
        if not ok:
            raise PosError("cart.discount_invalid", kind=self.kind, value=self.value)

    def amount_off(self, base: Money) -> Money:
        """Fen off ``base`` (percent rounded half-up), never more than ``base``."""
        if self.kind == "percent":
            return Money(div_half_up(base.fen * self.value, MAX_BP))
        return Money(min(self.value, max(base.fen, 0)))


@dataclass(frozen=True, slots=True)
class CartLine:
    """One line: qty is pieces, or grams when the product is weighed."""

    line_id: int
    product: ProductInfo
    qty: int
    unit_price: Money
    price_overridden: bool = False
    fixed_amount: Money | None = None
    discount: Discount | None = None
    scanned_code: str = ""

    @property
    def gross(self) -> Money:
        """Line amount before discounts; a scale label's printed price wins."""
        if self.fixed_amount is not None:
            return self.fixed_amount
        if self.product.is_weighed:
            return Money(div_half_up(self.unit_price.fen * self.qty, 1000))
        return self.unit_price * self.qty

    @property
    def line_discount(self) -> Money:
        """The line discount in fen (zero without one)."""
        return self.discount.amount_off(self.gross) if self.discount else Money.zero()

    @property
    def is_plain(self) -> bool:
        """True when a further scan of the same product may merge into this line."""
        return (
            not self.product.is_weighed
            and not self.price_overridden
            and self.fixed_amount is None
            and self.discount is None
        )


def _check_line_discount(line: CartLine) -> CartLine:
    d = line.discount
    if d is not None and d.kind == "amount" and d.value > line.gross.fen:
        raise PosError("cart.discount_exceeds_line", amount=d.value, max=line.gross.fen)
    return line


@dataclass(frozen=True, slots=True)
class Cart:
    """Lines plus an optional whole-sale discount; values only, no pricing totals."""

    lines: tuple[CartLine, ...] = ()
    sale_discount: Discount | None = None
    next_line_id: int = 1

    @property
    def is_empty(self) -> bool:
        """True when there are no lines."""
        return not self.lines

    def line(self, line_id: int) -> CartLine:
        """The line with ``line_id``; ``cart.no_such_line`` if absent."""
        for ln in self.lines:
            if ln.line_id == line_id:
                return ln
        raise PosError("cart.no_such_line", line_id=line_id)

    def add(
        self,
        product: ProductInfo,
        qty: int | None = None,
        *,
        scanned_code: str = "",
        fixed_amount: Money | None = None,
    ) -> Cart:
        """Add ``qty`` (pieces, or grams); merge into a plain line of the same piece product.

        ``qty=None`` means one piece, or for a weighed product with ``fixed_amount`` the weight
        derived from the label price (needed for display only).
        """
        if not product.active:
            raise PosError("cart.product_inactive", name=product.name, sku=product.sku)
        if fixed_amount is not None and fixed_amount.fen < 0:
            raise PosError("cart.price_invalid", price=fixed_amount.fen)
        if qty is None:
            qty = _default_qty(product, fixed_amount)
        check_qty(qty, weighed=product.is_weighed)
        if fixed_amount is None and not product.is_weighed:
            for ln in reversed(self.lines):
                if ln.product == product and ln.is_plain and ln.unit_price == product.price:
                    return self._replace_line(
                        replace(ln, qty=check_qty(ln.qty + qty, weighed=False))
                    )
        new = CartLine(
            line_id=self.next_line_id,
            product=product,
            qty=qty,
            unit_price=product.price,
            fixed_amount=fixed_amount,
            scanned_code=scanned_code,
        )
        return replace(self, lines=(*self.lines, new), next_line_id=self.next_line_id + 1)

    def add_scale_label(self, product: ProductInfo, code: ScaleCode) -> Cart:
        """Add a decoded scale label: its price is the line amount, its weight the qty."""
        if code.price is None and not product.is_weighed:
            raise PosError("cart.product_not_weighed", name=product.name, sku=product.sku)
        if code.price is None and code.weight_g is None:
            raise PosError("cart.qty_invalid", qty=None)
        qty = code.weight_g if product.is_weighed else None
        return self.add(product, qty, scanned_code=code.raw, fixed_amount=code.price)

    def set_qty(self, line_id: int, qty: int) -> Cart:
        """Change a line's quantity (pieces or grams)."""
        ln = self.line(line_id)
        if ln.fixed_amount is not None:
            raise PosError("cart.qty_fixed_by_label", line_id=line_id)
        check_qty(qty, weighed=ln.product.is_weighed)
        return self._replace_line(_check_line_discount(replace(ln, qty=qty)))

    def void_line(self, line_id: int) -> Cart:
        """Remove a line."""
        self.line(line_id)
        return replace(self, lines=tuple(ln for ln in self.lines if ln.line_id != line_id))

    def discount_line(self, line_id: int, discount: Discount | None) -> Cart:
        """Set or clear a line discount."""
        ln = replace(self.line(line_id), discount=discount)
        return self._replace_line(_check_line_discount(ln))

    def discount_sale(self, discount: Discount | None) -> Cart:
        """Set or clear the whole-sale discount (allocated over lines when priced)."""
        if discount is not None and discount.kind == "amount":
            limit = sum(ln.gross.fen - ln.line_discount.fen for ln in self.lines)
            if discount.value > limit:
                raise PosError("cart.discount_exceeds_sale", amount=discount.value, max=limit)
        return replace(self, sale_discount=discount)

    def override_price(self, line_id: int, price: Money) -> Cart:
        """Set a line's unit price (per kg when weighed); the permission check is the caller's."""
        ln = self.line(line_id)
        if not isinstance(price, Money):
            raise TypeError("price must be Money")
        if price.fen < 0:
            raise PosError("cart.price_invalid", price=price.fen)
        if ln.fixed_amount is not None:
            raise PosError("cart.price_fixed_by_label", line_id=line_id)
        new = replace(ln, unit_price=price, price_overridden=price != ln.product.price)
        return self._replace_line(_check_line_discount(new))

    def _replace_line(self, new: CartLine) -> Cart:
        lines = tuple(new if ln.line_id == new.line_id else ln for ln in self.lines)
        return replace(self, lines=lines)

    def to_dict(self) -> dict[str, object]:
        """JSON-safe snapshot (to suspend a sale)."""
        from pos_app.core.cart_codec import cart_to_dict

        return cart_to_dict(self)

    @staticmethod
    def from_dict(d: dict[str, object]) -> Cart:
        """Rebuild a cart from ``to_dict`` output; ``cart.payload_invalid`` when malformed."""
        from pos_app.core.cart_codec import cart_from_dict

        return cart_from_dict(d)


def _default_qty(product: ProductInfo, fixed_amount: Money | None) -> int:
    if not product.is_weighed:
        return 1
    if fixed_amount is None:
        raise PosError("cart.weight_required", name=product.name, sku=product.sku)
    if product.price.fen <= 0:
        # Without a price per kg the weight cannot be derived; 1 g keeps the line valid.
        return 1
    return max(1, div_half_up(fixed_amount.fen * 1000, product.price.fen))


def changed_line(before: Cart, after: Cart) -> int | None:
    """The line a single add touched in ``after``: a new last line, or the merged one."""
    if len(after.lines) > len(before.lines):
        return after.lines[-1].line_id
    old = {ln.line_id: ln for ln in before.lines}
    for ln in after.lines:
        if old.get(ln.line_id) != ln:
            return ln.line_id
    return None

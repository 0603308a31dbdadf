"""The checkout's member, coupon and points actions (a mixin of ``CheckoutService``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pos_app.core.coupons import Coupon
from pos_app.core.errors import PosError
from pos_app.core.members import Member
from pos_app.core.tenders import payment_state
from pos_app.services.results import CartChange

if TYPE_CHECKING:
    from pos_app.core.cart import Cart
    from pos_app.core.money import Money
    from pos_app.core.pricing import PricedCart
    from pos_app.core.sale import Sale
    from pos_app.core.tenders import TenderKind
    from pos_app.services.loyalty import LoyaltyService


class MemberActions:
    """Put a member, coupons and a points tender on the sale; each re-prices it."""

    if TYPE_CHECKING:  # provided by CheckoutService
        loyalty: LoyaltyService
        _sale: Sale
        _priced: PricedCart
        _coupon_codes: dict[str, str]

        def current(self, line_id: int | None = None) -> CartChange: ...
        def _check_idle(self) -> None: ...
        def _price(self, cart: Cart, sale: Sale | None = None) -> PricedCart: ...
        def _with_loyalty(self, sale: Sale, cart: Cart, *, member: Member | None,
                          coupons: tuple[Coupon, ...]) -> Sale: ...
        def _apply_tender(self, kind: TenderKind, tendered: Money,
                          reference: str) -> CartChange: ...

    def set_member(self, member: Member | None) -> CartChange:
        """Attach a member (or remove it with None) and re-price; coupons that need the
        member go with it."""
        self._check_idle()
        sale = self._sale
        coupons = sale.coupons
        if member is None:
            coupons = tuple(c for c in coupons if c.member_id is None and c.tier is None)
        elif sale.member is not None and sale.member.member_id != member.member_id:
            coupons = tuple(c for c in coupons if c.member_id in (None, member.member_id))
        self._sale = self._with_loyalty(sale, sale.cart, member=member, coupons=coupons)
        self._coupon_codes = {k: v for k, v in self._coupon_codes.items()
                              if any(c.coupon_id == k for c in coupons)}
        self._priced = self._price(self._sale.cart)
        return self.current()

    def add_coupon(self, code: str) -> CartChange:
        """Verify and check a scanned coupon against this sale, then price with it."""
        self._check_idle()
        sale = self._sale
        if sale.tenders:
            raise PosError("sale.payment_started")
        coupon = self.loyalty.coupon_from_code(code, sale=sale, priced=self._priced)
        self._sale = self._with_loyalty(sale, sale.cart, member=sale.member,
                                        coupons=(*sale.coupons, coupon))
        self._coupon_codes[coupon.coupon_id] = code.strip()
        self._priced = self._price(self._sale.cart)
        return self.current()

    def available_coupons(self) -> list[tuple[Coupon, str]]:
        """The member's wallet coupons not on this sale yet (none without a member)."""
        member = self._sale.member
        if member is None:
            return []
        on_sale = {c.coupon_id for c in self._sale.coupons}
        return [(c, code) for c, code in self.loyalty.wallet(member)
                if c.coupon_id not in on_sale]

    def remove_coupon(self, coupon_id: str) -> CartChange:
        """Take a coupon off the sale."""
        self._check_idle()
        sale = self._sale
        coupons = tuple(c for c in sale.coupons if c.coupon_id != coupon_id)
        self._sale = self._with_loyalty(sale, sale.cart, member=sale.member, coupons=coupons)
        self._coupon_codes.pop(coupon_id, None)
        self._priced = self._price(self._sale.cart)
        return self.current()

    def max_points(self) -> int:
        """The most points the sale's member may pay with now (0 without a member)."""
        member = self._sale.member
        if member is None:
            return 0
        due = payment_state(self._priced.totals.total, self._sale.tenders).remaining
        return self.loyalty.max_points(member, due)

    def pay_points(self, points: int) -> CartChange:
        """Pay part of the sale with the member's points (a tender, pending for the cloud)."""
        self._check_idle()
        member = self._sale.member
        if member is None:
            raise PosError("points.no_member")
        if self._sale.cart.is_empty:
            raise PosError("sale.empty")
        if any(t.kind == "points" for t in self._sale.tenders):
            raise PosError("points.already_tendered")
        due = payment_state(self._priced.totals.total, self._sale.tenders).remaining
        value = self.loyalty.points_value(member, points, due)
        return self._apply_tender("points", value, str(points))

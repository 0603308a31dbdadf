"""The member, coupons and points of the sale in progress: the part of ``CheckoutService``
that applies ``SaleLoyalty``'s answers to the sale (a mixin over the checkout's state)."""

from __future__ import annotations

from pos_app.core.cart import Cart
from pos_app.core.coupons import Coupon
from pos_app.core.members import Member
from pos_app.core.money import Money
from pos_app.core.pricing import PricedCart
from pos_app.core.sale import Sale
from pos_app.core.tenders import TenderKind
from pos_app.services.results import CartChange
from pos_app.services.sale_loyalty import SaleLoyalty


class LoyaltyEdits:
    """Member, coupon and points edits; ``CheckoutService`` provides the state below."""

    _sale: Sale
    _priced: PricedCart
    _members: SaleLoyalty
    _coupon_codes: dict[str, str]

    def _check_idle(self) -> None:
        raise NotImplementedError

    def _with_loyalty(self, sale: Sale, cart: Cart, *, member: Member | None,
                      coupons: tuple[Coupon, ...]) -> Sale:
        raise NotImplementedError

    def _price(self, cart: Cart, sale: Sale | None = None) -> PricedCart:
        raise NotImplementedError

    def _apply_tender(self, kind: TenderKind, tendered: Money, reference: str) -> CartChange:
        raise NotImplementedError

    def current(self, line_id: int | None = None) -> CartChange:
        raise NotImplementedError

    def set_member(self, member: Member | None) -> CartChange:
        """Attach a member (or remove it with None) and re-price; coupons that need the
        member go with it."""
        self._check_idle()
        return self._relink(member, self._members.coupons_kept(self._sale, member))

    def add_coupon(self, code: str) -> CartChange:
        """Verify and check a scanned coupon against this sale, then price with it."""
        self._check_idle()
        coupon = self._members.coupon_for(self._sale, self._priced, code)
        self._coupon_codes[coupon.coupon_id] = code.strip()
        return self._relink(self._sale.member, (*self._sale.coupons, coupon))

    def remove_coupon(self, coupon_id: str) -> CartChange:
        """Take a coupon off the sale."""
        self._check_idle()
        return self._relink(self._sale.member, tuple(
            c for c in self._sale.coupons if c.coupon_id != coupon_id))

    def available_coupons(self) -> list[tuple[Coupon, str]]:
        """The member's wallet coupons not on this sale yet (none without a member)."""
        return self._members.wallet(self._sale)

    def max_points(self) -> int:
        """The most points the sale's member may pay with now (0 without a member)."""
        return self._members.max_points(self._sale, self._priced)

    def pay_points(self, points: int) -> CartChange:
        """Pay part of the sale with the member's points (a tender, pending for the cloud)."""
        self._check_idle()
        value = self._members.points_value(self._sale, self._priced, points)
        return self._apply_tender("points", value, str(points))

    def _relink(self, member: Member | None, coupons: tuple[Coupon, ...]) -> CartChange:
        sale = self._sale
        self._sale = self._with_loyalty(sale, sale.cart, member=member, coupons=coupons)
        self._coupon_codes = {k: v for k, v in self._coupon_codes.items()
                              if any(c.coupon_id == k for c in coupons)}
        self._priced = self._price(self._sale.cart)
        return self.current()

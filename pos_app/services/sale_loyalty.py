"""The member, coupon and points rules of the sale in progress.

``CheckoutService`` asks ``SaleLoyalty`` what a change means for the sale as it stands (which
coupons stay with a new member, whether a scanned coupon applies, what points are worth) and
applies the answer to its own state: this part holds no sale of its own and can be tested
with a sale and a loyalty service alone.
"""

from __future__ import annotations

from pos_app.core.coupons import Coupon
from pos_app.core.errors import PosError
from pos_app.core.members import Member
from pos_app.core.money import Money
from pos_app.core.pricing import PricedCart
from pos_app.core.sale import Sale
from pos_app.core.tenders import payment_state
from pos_app.services.loyalty import LoyaltyService


class SaleLoyalty:
    """Member, coupon and points decisions for one sale, from the chain's loyalty service."""

    def __init__(self, loyalty: LoyaltyService) -> None:
        self.loyalty = loyalty

    @staticmethod
    def coupons_kept(sale: Sale, member: Member | None) -> tuple[Coupon, ...]:
        """The sale's coupons that stay when ``member`` replaces its member (None: removed):
        coupons bound to a member or tier go with that member."""
        coupons = sale.coupons
        if member is None:
            return tuple(c for c in coupons if c.member_id is None and c.tier is None)
        if sale.member is not None and sale.member.member_id != member.member_id:
            return tuple(c for c in coupons if c.member_id in (None, member.member_id))
        return coupons

    def coupon_for(self, sale: Sale, priced: PricedCart, code: str) -> Coupon:
        """Verify a scanned coupon and check it against this sale (``coupon.*`` errors)."""
        if sale.tenders:
            raise PosError("sale.payment_started")
        return self.loyalty.coupon_from_code(code, sale=sale, priced=priced)

    def wallet(self, sale: Sale) -> list[tuple[Coupon, str]]:
        """The member's wallet coupons not on this sale yet (none without a member)."""
        member = sale.member
        if member is None:
            return []
        on_sale = {c.coupon_id for c in sale.coupons}
        return [(c, code) for c, code in self.loyalty.wallet(member)
                if c.coupon_id not in on_sale]

    def max_points(self, sale: Sale, priced: PricedCart) -> int:
        """The most points the sale's member may pay with now (0 without a member)."""
        member = sale.member
        if member is None:
            return 0
        due = payment_state(priced.totals.total, sale.tenders).remaining
        return self.loyalty.max_points(member, due)

    def points_value(self, sale: Sale, priced: PricedCart, points: int) -> Money:
        """What ``points`` pay of this sale (``points.*`` and ``sale.*`` errors)."""
        member = sale.member
        if member is None:
            raise PosError("points.no_member")
        if sale.cart.is_empty:
            raise PosError("sale.empty")
        if any(t.kind == "points" for t in sale.tenders):
            raise PosError("points.already_tendered")
        due = payment_state(priced.totals.total, sale.tenders).remaining
        return self.loyalty.points_value(member, points, due)

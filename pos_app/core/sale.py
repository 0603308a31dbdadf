"""A sale's life: open → (suspended ↔ open) → completed or voided."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from pos_app.core.cart import Cart
from pos_app.core.coupons import Coupon
from pos_app.core.errors import PosError
from pos_app.core.members import Member
from pos_app.core.modes import CashRounding, TaxMode
from pos_app.core.money import Money
from pos_app.core.pricing import PricedCart, PromoSetup, price_cart
from pos_app.core.tenders import PaymentState, Tender, payment_state

SaleState = Literal["open", "suspended", "completed", "voided"]


@dataclass(frozen=True, slots=True)
class Sale:
    """The sale in progress; transitions return new values or raise ``PosError``."""

    sale_uuid: str
    cart: Cart
    tenders: tuple[Tender, ...]
    state: SaleState
    opened_at: datetime
    tax_mode: TaxMode = "inclusive"
    cash_rounding: CashRounding = "none"
    member: Member | None = None
    coupons: tuple[Coupon, ...] = ()
    promotions: PromoSetup | None = None  # the rules it is priced with (None: list prices)

    @staticmethod
    def new(
        *,
        sale_uuid: str,
        opened_at: datetime,
        tax_mode: TaxMode = "inclusive",
        cash_rounding: CashRounding = "none",
    ) -> Sale:
        """An open, empty sale (uuid and time come from the caller)."""
        return Sale(sale_uuid, Cart(), (), "open", opened_at, tax_mode, cash_rounding)

    def priced(self) -> PricedCart:
        """The cart priced with this sale's modes."""
        return price_cart(self.cart, tax_mode=self.tax_mode, cash_rounding=self.cash_rounding,
                          promotions=self.promotions)

    @property
    def due(self) -> Money:
        """Amount the customer owes in total."""
        return self.priced().totals.total

    def payment(self) -> PaymentState:
        """Paid, remaining and change so far."""
        return payment_state(self.due, self.tenders)

    def _require_open(self) -> None:
        if self.state != "open":
            raise PosError("sale.not_open", state=self.state)

    def with_cart(self, cart: Cart) -> Sale:
        """Replace the cart; locked once a tender is taken (remove tenders first)."""
        self._require_open()
        if self.tenders:
            raise PosError("sale.payment_started")
        return replace(self, cart=cart)

    def with_loyalty(self, *, member: Member | None, coupons: tuple[Coupon, ...],
                     promotions: PromoSetup | None) -> Sale:
        """Set the member, the coupons and the rules they bring; locked once paying began."""
        self._require_open()
        if self.tenders:
            raise PosError("sale.payment_started")
        return replace(self, member=member, coupons=coupons, promotions=promotions)

    def with_tenders(self, tenders: tuple[Tender, ...]) -> Sale:
        """Replace the tenders (build them with ``tenders.add_tender``)."""
        self._require_open()
        return replace(self, tenders=tenders)

    def suspend(self) -> Sale:
        """Park a non-empty, unpaid sale (挂单)."""
        self._require_open()
        if self.cart.is_empty:
            raise PosError("sale.empty")
        if self.tenders:
            raise PosError("sale.payment_started")
        return replace(self, state="suspended")

    def resume(self) -> Sale:
        """Reopen a suspended sale (取单)."""
        if self.state != "suspended":
            raise PosError("sale.not_suspended", state=self.state)
        return replace(self, state="open")

    def void(self) -> Sale:
        """Cancel the sale; card/mobile tenders must be reversed (and removed) first (cash
        goes back by hand; an exchange's credit was never money taken)."""
        if self.state not in ("open", "suspended"):
            raise PosError("sale.not_open", state=self.state)
        if any(t.kind not in ("cash", "exchange") for t in self.tenders):
            raise PosError("sale.payment_started")
        return replace(self, state="voided", tenders=())

    def complete(self) -> Sale:
        """Close a non-empty, fully paid sale."""
        self._require_open()
        if self.cart.is_empty:
            raise PosError("sale.empty")
        state = self.payment()
        if not state.is_paid:
            raise PosError("sale.not_paid", remaining=state.remaining.fen)
        return replace(self, state="completed")


def receipt_number(store_code: str, terminal_code: str, seq: int) -> str:
    """``S001-T01-000042``: gap-free per terminal, sequence zero-padded to 6."""
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise ValueError(f"receipt seq must be a positive int, got {seq!r}")
    return f"{store_code}-{terminal_code}-{seq:06d}"

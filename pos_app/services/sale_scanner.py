"""What a scanned or typed code is at the sale, and what it does there: products are looked
up (barcode, scale label, SKU) and added, member codes and cards attach the member, coupons
are checked; other kinds say what they are and never become products."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Engine

from pos_app.core.barcode import ScaleCode
from pos_app.core.errors import PosError
from pos_app.core.scan_router import Scan, ScanKind, classify_scan
from pos_app.services.results import CartChange, ScanOutcome
from pos_app.store import catalog, labels

if TYPE_CHECKING:
    from pos_app.services.checkout import CheckoutService

_TIMES = re.compile(r"^([1-9][0-9]{0,3})\*(\S+)$")  # ``3*code``: three pieces of the code

# Scan kinds whose features arrive later: each says so, and is never looked up as a product.
LATER_KEYS: dict[ScanKind, str] = {
    ScanKind.PICKUP: "scan.pickup_not_available",
    ScanKind.STAFF_BADGE: "scan.staff_badge_not_available",
}


class SaleScanner:
    """Routes codes for one checkout (one scan router: ``core.scan_router``)."""

    def __init__(self, checkout: CheckoutService, *, engine: Engine, min_length: int) -> None:
        self._checkout = checkout
        self._engine = engine
        self._min_length = min_length

    def scan(self, code: str) -> ScanOutcome:
        """Route a scanned or typed code (one scan router); products are looked up and added.

        Other kinds never become products: a payment code asks for the payment window, the
        kinds whose features come later say so with their own message key.
        """
        code = code.strip()
        if not code:
            return ScanOutcome("ignored", code)
        times = _TIMES.match(code)
        if times is not None:
            return self._times(int(times.group(1)), times.group(2))
        scan = classify_scan(code, self._checkout.scan_rules)
        data: dict[str, object] = {"code": code}
        if scan.kind == ScanKind.PAYMENT:
            data["wallet"] = scan.wallet
            return ScanOutcome("payment_code", code, key="scan.payment_code", data=data,
                               kind=scan.kind)
        if scan.kind == ScanKind.MEMBER:
            return self._scan_loyalty(code, scan.kind, lambda: self._checkout.set_member(
                self._checkout.loyalty.member_from_code(code)), "member")
        if scan.kind == ScanKind.COUPON:
            return self._scan_loyalty(code, scan.kind,
                                      lambda: self._checkout.add_coupon(code), "coupon")
        if scan.kind == ScanKind.RECEIPT:  # a receipt brought back: the return screen
            return ScanOutcome("receipt", code, key="scan.receipt", data=data, kind=scan.kind)
        later = LATER_KEYS.get(scan.kind)
        if later is not None:
            return ScanOutcome("not_available", code, key=later, data=data, kind=scan.kind)
        if scan.kind == ScanKind.UNREADABLE:
            return ScanOutcome("invalid", code, key="scan.unreadable", data=data,
                               kind=scan.kind)
        if len(code) < self._min_length:
            return ScanOutcome("invalid", code, key="scan.too_short", data=data, kind=scan.kind)
        if scan.kind == ScanKind.INVALID_GTIN:
            return ScanOutcome("invalid", code, key="barcode.bad_check_digit", data=data,
                               kind=scan.kind)
        if scan.kind == ScanKind.SCALE and scan.scale is not None:
            outcome = self._scan_scale(code, scan.scale)
        else:
            outcome = self._scan_product(code, scan)
        return replace(outcome, kind=scan.kind)

    def _times(self, times: int, code: str) -> ScanOutcome:
        """``3*code``: the product of ``code`` three times (pieces; a weighed or fixed-price
        line is added once)."""
        outcome = self.scan(code)
        change = outcome.change
        if outcome.status != "added" or change is None or change.line_id is None or times == 1:
            return outcome
        line = change.sale.cart.line(change.line_id)
        if line.product.is_weighed or line.fixed_amount is not None:
            return outcome
        return replace(outcome, change=self._checkout.set_qty(line.line_id,
                                                              line.qty + times - 1))

    def _scan_loyalty(self, code: str, kind: ScanKind, apply: Callable[[], CartChange],
                      status: Literal["member", "coupon"]) -> ScanOutcome:
        try:
            change = apply()
        except PosError as exc:
            return ScanOutcome("invalid", code, key=exc.key, data=exc.data, kind=kind)
        return ScanOutcome(status, code, change=change, kind=kind)

    def _scan_product(self, code: str, scan: Scan) -> ScanOutcome:
        product = catalog.find_by_barcode(engine=self._engine, code=code)
        if product is None and scan.kind in (ScanKind.SKU, ScanKind.UNKNOWN):
            product = catalog.get_product_by_sku(engine=self._engine, sku=code)
        if product is None and scan.kind in (ScanKind.SKU, ScanKind.UNKNOWN):
            try:
                member = self._checkout.loyalty.find_by_card(code)  # a static member card
            except PosError as exc:  # held by several members until HQ merges them
                return ScanOutcome("invalid", code, key=exc.key, data=exc.data,
                                   kind=ScanKind.MEMBER)
            if member is not None:
                return self._scan_loyalty(code, ScanKind.MEMBER,
                                          lambda: self._checkout.set_member(member), "member")
        if product is None:
            return ScanOutcome("unknown", code, key="scan.unknown_barcode", data={"code": code})
        return self._checkout.add_scanned(product, code,
                                          lambda cart: cart.add(product, scanned_code=code))

    def _scan_scale(self, code: str, label: ScaleCode) -> ScanOutcome:
        product = catalog.find_by_barcode(engine=self._engine, code=label.lookup_barcode)
        if product is None:
            # Some stores register whole labels (fixed-price packs) as ordinary barcodes.
            product = catalog.find_by_barcode(engine=self._engine, code=code)
            if product is not None:
                return self._checkout.add_scanned(
                    product, code, lambda cart: cart.add(product, scanned_code=code)
                )
            return self._scan_markdown(code, label)
        if not label.weight_g and not (label.price and label.price.fen):
            # The base code itself (value digits zero), e.g. typed from a shelf tag.
            return self._checkout.add_scanned(product, code, lambda cart: cart.add(product))
        return self._checkout.add_scanned(product, code,
                                          lambda cart: cart.add_scale_label(product, label))

    def _scan_markdown(self, code: str, label: ScaleCode) -> ScanOutcome:
        """A markdown label printed on this till (``services.labels``): its product at the
        label's price, a weighed item with the weight it was marked down for."""
        record = labels.markdown_by_base(engine=self._engine, base_code=label.lookup_barcode)
        product = None if record is None else catalog.get_product(
            engine=self._engine, product_id=record.product_id)
        if record is None or product is None or label.price is None:
            return ScanOutcome("unknown", code, key="scan.unknown_barcode", data={"code": code})
        weighed = replace(label, weight_g=record.weight_g if product.is_weighed else None)
        return self._checkout.add_scanned(product, code,
                                          lambda cart: cart.add_scale_label(product, weighed))

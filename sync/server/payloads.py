"""The event payloads as the cloud reads them: the schemas declared in ``contract.protocol``
(the one definition of each wire format) with the cloud's own stricter checks layered on:
every text storable in PostgreSQL and within its column, every integer inside BIGINT and
the cloud's bounds, dates as dates. A payload that fails here can never apply: the event
is quarantined with ``sync.payload_invalid``.

Unknown fields are ignored (a newer till may send more), so a new field does not need a
new event version.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from contract.event_base import EventPayload
from contract.protocol import (
    AUDIT_RECORDED,
    COUPON_REDEEMED,
    MEMBER_SIGNED_UP,
    POINTS_TRANSACTION,
    SALE_COMPLETED,
    SALE_VOIDED,
    STOCK_MOVEMENT,
    AuditRecordedPayload,
    CouponRedeemedPayload,
    MemberSignedUpPayload,
    PointsEntryPayload,
    SaleLinePayload,
    SalePayload,
    SalePromotionPayload,
    StockMovementPayload,
    TenderPayload,
)
from contract.stock_events import (
    ADJUSTMENT_REASONS,
    RECEIPT_KINDS,
    RECEIPT_POSTED,
    STOCK_ADJUSTED,
    TRANSFER_SENT,
    ReceiptPostedPayload,
    StockAdjustedPayload,
    TransferSentPayload,
)
from contract.store_events import (
    CASH_MOVED,
    COUNT_POSTED,
    RETURN_COMPLETED,
    SHIFT_CLOSED,
    SHIFT_OPENED,
    CashMovedPayload,
    CountPostedPayload,
    ReturnCompletedPayload,
    ShiftClosedPayload,
    ShiftOpenedPayload,
)

# Far beyond any real amount (a trillion yuan in fen, as in pos_app.core.money) yet inside
# BIGINT: a hostile number must quarantine its event, not fail the whole batch forever.
MAX_AMOUNT = 10**14
_COUNT = (0, 10**9)  # counts and basis points: non-negative, far inside INTEGER
_INT_RANGES: dict[str, tuple[int, int]] = {
    "item_count": _COUNT, "tax_rate_bp": _COUNT, "product_id": (0, 2**62),
    "receipt_seq": (0, 2**62), "return_seq": (0, 2**62), "line_no": _COUNT,
    "tender_index": _COUNT}
_ID = (1, 64)
# Text fields by name: (min, max) characters; any other text is at most _TEXT_MAX.
_TEXT: dict[str, tuple[int, int]] = {
    "sale_uuid": _ID, "sku": _ID, "member_id": _ID, "entry_uuid": _ID, "coupon_id": _ID,
    "promo_id": _ID, "receipt_no": (0, 64), "cashier": (0, 64), "phone": (3, 32),
    "card_no": (0, 32), "tier": (1, 32), "reference": (0, 128), "reason": (0, 128),
    "opened_at": (0, 40), "closed_at": (0, 40), "redeemed_at": (0, 40),
    "consent_at": (0, 40), "store_code": (0, 32), "terminal_code": (0, 32),
    "scanned_code": (0, 128), "kind": (0, 32),
    # the audit log and shifts (contract.store_events): staff ids and names as the staff
    # stream has them (contract.staff.StaffData), times as ISO text
    "at": (1, 40), "action": (1, 64), "subject": (0, 128), "staff_id": (0, 64),
    "staff_name": (0, 64), "approver_id": (0, 64), "approver_name": (0, 64),
    "shift_uuid": _ID, "movement_uuid": _ID, "opened_by_id": (0, 64),
    "opened_by_name": (0, 64), "closed_by_id": (0, 64), "closed_by_name": (0, 64),
    # returns (return.completed)
    "return_uuid": _ID, "return_no": (1, 64), "original_sale_uuid": _ID,
    "original_receipt_no": (0, 64), "original_terminal_code": (0, 32),
    "exchange_sale_uuid": _ID, "payout": (1, 32), "disposition": (1, 16), "flags": (1, 64),
    "coupons_reinstated": _ID,
    # stock counts (count.posted)
    "session_uuid": _ID, "scope_kind": (1, 16), "scope_value": (0, 128),
    "posted_at": (1, 40), "counted_at": (0, 40), "code": (1, 128),
    # receiving, transfers, adjustments (contract.stock_events)
    "receipt_uuid": _ID, "expected_id": _ID, "supplier": (0, 128),
    "transfer_uuid": _ID, "to_store": (1, 32), "adjustment_uuid": _ID, "expiry": (10, 10),
    "batch": (0, 64), "note": (0, 500)}
_TEXT_MAX = 1000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_DATES = frozenset({"business_date", "birthday", "expiry"})
_MAX_ITEMS = {"lines": 2000, "tenders": 50, "promotions": 200, "coupons": 200,
              "points": 200, "promo_usage": 2000, "flags": 20,
              "products": 100_000, "unknown": 10_000}  # a count: a whole store's products


def _storable(value: str) -> None:
    # PostgreSQL text refuses NUL and text that is not UTF-8 (lone surrogates).
    if "\x00" in value:
        raise ValueError("NUL character")
    if not value.isascii():  # ASCII text is UTF-8 (and most text is ASCII: skip the copy)
        value.encode("utf-8")


def storable(value: str) -> str:
    """``value`` with what PostgreSQL text refuses replaced (for fields stored as sent)."""
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


_MAX_DEPTH = 8  # a promotion's explanation nests a little; a hostile one is cut short


def _check_text(name: str, value: str) -> None:
    _storable(value)
    low, high = _TEXT.get(name, (0, _TEXT_MAX))
    if not low <= len(value) <= high:
        raise ValueError(f"{name}: {low}..{high} characters")
    if name in _DATES and not _DATE.match(value):
        raise ValueError(f"{name}: not YYYY-MM-DD")


def _check_int(name: str, value: int) -> None:
    low, high = _INT_RANGES.get(name, (-MAX_AMOUNT, MAX_AMOUNT))
    if not low <= value <= high:
        raise ValueError(f"{name}: outside {low}..{high}")


def _check(name: str, value: Any, depth: int = 0) -> None:
    # Called for every value of every payload (~80 per sale): the exact built-in types are
    # tested first, subclasses (str enums...) by the isinstance fallbacks.
    if depth > _MAX_DEPTH:
        raise ValueError(f"{name}: nested too deep")
    kind = type(value)
    if kind is str:
        _check_text(name, value)
    elif kind is int:
        _check_int(name, value)
    elif kind is list or kind is tuple:
        if len(value) > _MAX_ITEMS.get(name, 200):
            raise ValueError(f"{name}: too many items")
        for inner in value:
            _check(name, inner, depth + 1)
    elif value is None or kind is bool or kind is float:
        return
    elif isinstance(value, BaseModel):
        # Its fields (extra fields are ignored by every payload model, so not kept).
        for field, inner in value.__dict__.items():
            _check(field, inner, depth + 1)
    elif isinstance(value, dict):
        if len(value) > 200:
            raise ValueError(f"{name}: too many keys")
        for key, inner in value.items():
            _check(name, key, depth + 1)
            _check(name, inner, depth + 1)
    elif isinstance(value, (list, tuple)):
        _check(name, list(value), depth)
    elif isinstance(value, str):
        _check_text(name, value)
    elif isinstance(value, int) and not isinstance(value, bool):
        _check_int(name, value)


class _Checked(BaseModel):
    """Layered on a protocol payload: every field of it (nested ones too) checked."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    @model_validator(mode="after")
    def _cloud_checks(self) -> Any:
        for field, value in self.__dict__.items():
            _check(field, value)
        return self


class Sale(SalePayload, _Checked):
    """``sale.completed`` and ``sale.voided``."""


class PointsEntry(PointsEntryPayload, _Checked):
    """``points.transaction``."""


class CouponRedemption(CouponRedeemedPayload, _Checked):
    """``coupon.redeemed``."""


class MemberSignUp(MemberSignedUpPayload, _Checked):
    """``member.signed_up``."""


class StockMovement(StockMovementPayload, _Checked):
    """``stock.movement``."""


MAX_DETAIL_CHARS = 8_000  # an audit entry's detail as JSON (a till's are a few hundred)


class AuditEntry(AuditRecordedPayload, _Checked):
    """``audit.recorded``: ``at`` an ISO time, ``detail`` a small JSON object of finite
    numbers (stored as JSON text)."""

    @model_validator(mode="after")
    def _audit_checks(self) -> Any:
        datetime.fromisoformat(self.at)  # ValueError: not a time
        if len(self.detail_json()) > MAX_DETAIL_CHARS:
            raise ValueError(f"detail: over {MAX_DETAIL_CHARS} characters as JSON")
        return self

    def detail_json(self) -> str:
        """``detail`` as stored (ValueError for NaN or infinity, which JSON has not)."""
        return json.dumps(self.detail, ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"), allow_nan=False)


class ShiftOpened(ShiftOpenedPayload, _Checked):
    """``shift.opened``."""


class CashMoved(CashMovedPayload, _Checked):
    """``cash.moved``."""


class ShiftClosed(ShiftClosedPayload, _Checked):
    """``shift.closed``."""


RETURN_KINDS = frozenset({"sale", "no_receipt", "other_till_offline"})
DISPOSITIONS = frozenset({"restock", "damaged"})


class ReturnCompleted(ReturnCompletedPayload, _Checked):
    """``return.completed``: a known kind, each line restocked or damaged."""

    @model_validator(mode="after")
    def _return_checks(self) -> Any:
        if self.kind not in RETURN_KINDS:
            raise ValueError(f"kind: one of {sorted(RETURN_KINDS)}")
        if any(line.disposition not in DISPOSITIONS for line in self.lines):
            raise ValueError(f"disposition: one of {sorted(DISPOSITIONS)}")
        return self


COUNT_SCOPES = frozenset({"store", "category", "zone", "products"})


class CountPosted(CountPostedPayload, _Checked):
    """``count.posted``: a known scope, each product once."""

    @model_validator(mode="after")
    def _count_checks(self) -> Any:
        if self.scope_kind not in COUNT_SCOPES:
            raise ValueError(f"scope_kind: one of {sorted(COUNT_SCOPES)}")
        if len({c.sku for c in self.products}) != len(self.products):
            raise ValueError("products: a sku twice")
        return self


class ReceiptPosted(ReceiptPostedPayload, _Checked):
    """``receipt.posted``: a known kind, an order or transfer named unless free."""

    @model_validator(mode="after")
    def _receipt_checks(self) -> Any:
        if self.kind not in RECEIPT_KINDS:
            raise ValueError(f"kind: one of {list(RECEIPT_KINDS)}")
        if (self.kind == "free") != (self.expected_id is None):
            raise ValueError("expected_id: given exactly when kind is not free")
        return self


class TransferSent(TransferSentPayload, _Checked):
    """``transfer.sent``."""


class StockAdjusted(StockAdjustedPayload, _Checked):
    """``stock.adjusted``: a known reason."""

    @model_validator(mode="after")
    def _adjustment_checks(self) -> Any:
        if self.reason not in ADJUSTMENT_REASONS:
            raise ValueError(f"reason: one of {sorted(ADJUSTMENT_REASONS)}")
        return self


# What the cloud records of a sale's parts (its columns), by part.
SaleLine = SaleLinePayload
Tender = TenderPayload
SalePromotion = SalePromotionPayload

PAYLOADS: dict[str, type[EventPayload]] = {
    SALE_COMPLETED: Sale,
    SALE_VOIDED: Sale,
    POINTS_TRANSACTION: PointsEntry,
    COUPON_REDEEMED: CouponRedemption,
    MEMBER_SIGNED_UP: MemberSignUp,
    STOCK_MOVEMENT: StockMovement,
    AUDIT_RECORDED: AuditEntry,
    SHIFT_OPENED: ShiftOpened,
    CASH_MOVED: CashMoved,
    SHIFT_CLOSED: ShiftClosed,
    RETURN_COMPLETED: ReturnCompleted,
    COUNT_POSTED: CountPosted,
    RECEIPT_POSTED: ReceiptPosted,
    TRANSFER_SENT: TransferSent,
    STOCK_ADJUSTED: StockAdjusted,
}


def parse_payload(type_: str, payload: dict[str, Any]) -> EventPayload:
    """The validated payload of a known event type (pydantic ValidationError otherwise)."""
    return PAYLOADS[type_].model_validate(payload)

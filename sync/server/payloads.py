"""What the cloud needs from each event's payload (the current version of each type).

Terminals send more than this (the whole sale record); unknown fields are ignored, so a newer
till adding a field does not need a new event version. A payload that fails here can never
apply: the event is quarantined with ``sync.payload_invalid``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool
from pydantic import StrictStr as _StrictStr

from sync.protocol import (
    COUPON_REDEEMED,
    MEMBER_SIGNED_UP,
    POINTS_TRANSACTION,
    SALE_COMPLETED,
    SALE_VOIDED,
    STOCK_MOVEMENT,
)

# Far beyond any real amount (a trillion yuan in fen, as in pos_app.core.money) yet inside
# BIGINT: a hostile number must quarantine its event, not fail the whole batch forever.
MAX_AMOUNT = 10**14


def _storable(value: str) -> str:
    # PostgreSQL text refuses NUL and text that is not UTF-8 (lone surrogates).
    if "\x00" in value:
        raise ValueError("NUL character")
    value.encode("utf-8")
    return value


def storable(value: str) -> str:
    """``value`` with what PostgreSQL text refuses replaced (for fields stored as sent)."""
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


StrictStr = Annotated[_StrictStr, AfterValidator(_storable)]
StrictInt = Annotated[int, Field(strict=True, ge=-MAX_AMOUNT, le=MAX_AMOUNT)]
SmallInt = Annotated[int, Field(strict=True, ge=0, le=10**9)]
Id = Annotated[StrictStr, Field(min_length=1, max_length=64)]
Text = Annotated[StrictStr, Field(max_length=1000)]
Stamp = Annotated[StrictStr, Field(max_length=40)]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class SaleLine(_Payload):
    sku: Id
    qty: StrictInt  # pieces, or grams when weighed
    name: Text = ""
    unit_price_fen: StrictInt = 0
    gross_fen: StrictInt = 0
    net_fen: StrictInt = 0
    discount_fen: StrictInt = 0
    tax_fen: StrictInt = 0
    tax_rate_bp: SmallInt = 0
    is_weighed: StrictBool = False


class Tender(_Payload):
    kind: Annotated[StrictStr, Field(min_length=1, max_length=32)]
    amount_fen: StrictInt
    tendered_fen: StrictInt = 0
    reference: Annotated[StrictStr, Field(max_length=128)] = ""


class SalePromotion(_Payload):
    promo_id: Id
    name: Text = ""
    kind: Annotated[StrictStr, Field(max_length=32)] = ""
    discount_fen: StrictInt = 0


class Sale(_Payload):
    """``sale.completed`` and ``sale.voided``: pos_app.store.sales.sale_payload."""

    sale_uuid: Id
    lines: list[SaleLine] = Field(max_length=2000)
    total_fen: StrictInt
    tenders: list[Tender] = Field(default=[], max_length=50)
    promotions: list[SalePromotion] = Field(default=[], max_length=200)
    receipt_no: Annotated[StrictStr, Field(max_length=64)] | None = None
    cashier: Annotated[StrictStr, Field(max_length=64)] = ""
    opened_at: Stamp = ""
    closed_at: Stamp = ""
    item_count: SmallInt = 0
    subtotal_fen: StrictInt = 0
    discount_fen: StrictInt = 0
    tax_fen: StrictInt = 0
    rounding_fen: StrictInt = 0
    paid_fen: StrictInt = 0
    change_fen: StrictInt = 0
    member_id: Id | None = None


class PointsEntry(_Payload):
    """``points.transaction``: one signed entry of a member's ledger."""

    entry_uuid: Id
    member_id: Id
    kind: Annotated[StrictStr, Field(min_length=1, max_length=16)]
    points: StrictInt
    sale_uuid: Id | None = None
    business_date: Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    reason: Annotated[StrictStr, Field(max_length=128)] = ""


class CouponRedemption(_Payload):
    """``coupon.redeemed``."""

    coupon_id: Id
    sale_uuid: Id | None = None
    member_id: Id | None = None
    discount_fen: StrictInt = 0
    redeemed_at: Stamp = ""


class MemberSignUp(_Payload):
    """``member.signed_up`` at a till."""

    member_id: Id
    phone: Annotated[StrictStr, Field(min_length=3, max_length=32)]
    name: Annotated[StrictStr, Field(max_length=64)] = ""
    tier: Annotated[StrictStr, Field(min_length=1, max_length=32)] = "regular"
    card_no: Annotated[StrictStr, Field(max_length=32)] | None = None
    birthday: Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    consent_at: Stamp | None = None


class StockMovement(_Payload):
    """``stock.movement`` (receipt of goods, count adjustment, waste...): ``delta`` is signed."""

    sku: Id
    delta: StrictInt
    reason: Annotated[StrictStr, Field(max_length=32)] = ""


PAYLOADS: dict[str, type[_Payload]] = {
    SALE_COMPLETED: Sale,
    SALE_VOIDED: Sale,
    POINTS_TRANSACTION: PointsEntry,
    COUPON_REDEEMED: CouponRedemption,
    MEMBER_SIGNED_UP: MemberSignUp,
    STOCK_MOVEMENT: StockMovement,
}


def parse_payload(type_: str, payload: dict[str, Any]) -> _Payload:
    """The validated payload of a known event type (pydantic ValidationError otherwise)."""
    return PAYLOADS[type_].model_validate(payload)

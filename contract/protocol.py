"""The sync protocol between a store terminal and the cloud: versioned pydantic schemas shared
by ``sync.client`` and ``sync.server``. No Qt, no database, no I/O.

One sync, always in this order (one at a time per terminal):

1. ``POST /v1/hello`` — the server's ``cursor`` for this terminal (the highest outbox ``seq``
   it has applied or quarantined, contiguous from 1), its clock, the streams it wants
   refetched. A cursor *below* what the terminal has marked acknowledged means the cloud lost
   data (e.g. its database was restored): the terminal un-acknowledges every event above the
   cursor and pushes them again, and pulls every stream again from the start (the cloud's
   change sequences went back with its database). The query's ``last_seq`` (optional, an
   integer 0..``BIGINT_MAX``) is the newest outbox seq the terminal has written: the cloud
   keeps it with the time it came and shows ``last_seq - cursor`` as the terminal's backlog
   (a query parameter, so a cloud that predates it ignores it; a body field would be
   refused by its ``HelloRequest``).
2. ``POST /v1/push`` — batches of at most ``MAX_BATCH`` outbox events, oldest first, seqs
   consecutive. The server applies a batch in one transaction: each event is recorded in
   ``applied_events`` (unique per store and event uuid) and its effects applied; an event
   already applied is a duplicate (success, no effect) whatever its seq, while one that was
   quarantined is checked again (its till may have fixed it: same uuid, corrected payload,
   any seq) and applied if it now passes, else listed as quarantined again; a first seq above
   ``cursor + 1`` is a gap (nothing applied, ``expected_seq`` says where to resume); an event
   that can never apply (invalid, outside the cloud's bounds, or its writes fail) is
   quarantined with its reason and counts as handled. The terminal acknowledges every event
   with ``seq <= cursor`` of the answer.
3. ``GET /v1/pull/{stream}?after=N&limit=M`` for each of ``STREAMS`` — pages of changes
   ordered by a server-side change sequence (never a timestamp). The terminal applies a page
   in one local transaction together with the new cursor. ``reset`` tells it to drop its
   copy of that reference stream first (the page then starts from the beginning). A change
   the terminal cannot apply stops that stream there (nothing skipped, the cursor stays
   before it): the terminal says so with ``POST /v1/pull/{stream}/rejected`` (a flag HQ
   sees) and asks again at its next sync.
4. ``POST /v1/verify`` — per business day, counts and sums of what the terminal sold; the
   server answers the days that differ, and the terminal pushes those days' events again
   (duplicates cost nothing; missing ones are applied).

Every request carries ``PROTOCOL_HEADER`` and, but for enrollment, ``Authorization: Bearer
<credential>``; the body's store and terminal codes must be the credential's. Errors come
as ``Problem`` with a message key the terminal translates.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, get_args
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)

from contract.event_base import EventPayload
from contract.store_events import AUDIT_RECORDED as AUDIT_RECORDED  # re-exported
from contract.store_events import STORE_EVENT_PAYLOADS, STORE_EVENT_VERSIONS
from contract.store_events import AuditRecordedPayload as AuditRecordedPayload

PROTOCOL_VERSION = 1  # what this code speaks
MIN_PROTOCOL_VERSION = 1  # the oldest terminal the server still serves
PROTOCOL_HEADER = "X-POS-Protocol"
MAX_BATCH = 250
MAX_PAGE = 5000
CLOCK_SKEW_FLAG_S = 300  # terminal clock this far off the server's is flagged, never refused
# The database's integer types: a number from a request that reaches SQL stays inside them,
# checked at the edge (422), never by the database (an error on every retry).
BIGINT_MAX = 2**63 - 1
INT_MAX = 2**31 - 1

# Event types and the version this code writes; the server upgrades older versions.
SALE_COMPLETED = "sale.completed"
SALE_VOIDED = "sale.voided"
POINTS_TRANSACTION = "points.transaction"
COUPON_REDEEMED = "coupon.redeemed"
MEMBER_SIGNED_UP = "member.signed_up"
STOCK_MOVEMENT = "stock.movement"
EVENT_VERSIONS: dict[str, int] = {
    SALE_COMPLETED: 1,
    SALE_VOIDED: 1,
    POINTS_TRANSACTION: 1,
    COUPON_REDEEMED: 1,
    MEMBER_SIGNED_UP: 1,
    STOCK_MOVEMENT: 1,
    **STORE_EVENT_VERSIONS,
}

# Pull streams (reference data owned by the cloud) in the order a terminal pulls them.
# key → data of an "upsert" (a "delete" has no data):
#   store       store_code   {store_name, store_address, footer}
#   roles       code         contract.staff.RoleData          (chain-wide)
#   staff       staff_id     contract.staff.StaffData         (this store's staff)
#   chain_keys  key_id       {public_key}                      (Ed25519, text form)
#               "member-lookup" {lookup_secret}                (base64, >= 16 bytes: the
#                             chain's key for member lookup hashes; one, never rotated)
#   tiers       code         {rank, name_zh, name_en, discount_bp, points_multiplier_bp,
#                             birthday_bonus_points, birthday_discount_bp,
#                             qualify_spend_fen, qualify_points}
#   products    sku          {name, name_en, unit, price_fen, tax_rate_bp, is_weighed,
#                             age_restricted, category, brand, active, barcodes: [str],
#                             pinyin, cost_fen}  (cost_fen optional: the cost price per
#                             piece or kg, 0 unknown, for stock count values; pinyin
#                             optional: the name's pinyin, one syllable or word per unit,
#                             space separated (contract.pinyin.name_pinyin);
#                             a till computes it when absent or unfit)
#   promotions  promo_id     pos_app.core.promo_codec.promotion_to_dict without promo_id
#   members     member_id    {phone_masked, name_masked, phone_hash, card_hash,
#                             birthday_md, tier, points_confirmed}
#                             (what a till needs, never the full phone, name, card number
#                             or birthday: masked 138****5678 / 张*; pos_app.core.members.
#                             lookup_hash of the normalised phone / card number with the
#                             chain's lookup secret, hex; birthday_md "MM-DD" or null;
#                             points_confirmed: the cloud's ledger balance, which includes
#                             every points event it has applied, from any terminal)
#   wallet      coupon_id    {member_id, code}                 (signed coupon code)
#   revoked_coupons coupon_id {revoked_at}
#   stock       sku          {on_hand}                         (this store's balance)
#   expected_receipts id     {kind: order|transfer, store_code, supplier, from_store,
#                             created_at, lines: [{sku, qty, cost_fen}]}  (this store's
#                             open purchase orders and incoming transfers; deleted once
#                             received: contract.stock_events)
MEMBER_LOOKUP_KEY_ID = "member-lookup"
StreamName = Literal["store", "roles", "staff", "chain_keys", "tiers", "products",
                     "promotions", "members", "wallet", "revoked_coupons", "stock",
                     "expected_receipts"]
STREAMS: tuple[str, ...] = get_args(StreamName)  # in pull order


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetimes in the sync protocol must carry a UTC offset")
    return value


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]
Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Problem(_Model):
    """An error: ``code`` is a message key (``sync.*``) the terminal translates."""

    code: str
    message: str  # English, for logs and the cloud's own pages
    data: dict[str, Any] = {}


# ---- enrollment ------------------------------------------------------------------------


class EnrollRequest(_Model):
    """A terminal presents a one-time enrollment code from HQ."""

    enrollment_code: str = Field(min_length=6, max_length=64)
    terminal_code: Code
    device_name: str = Field(default="", max_length=64)


class EnrollResponse(_Model):
    """The terminal's own credential (shown once; the server keeps only a hash)."""

    store_code: Code
    store_name: str
    terminal_code: Code
    terminal_id: str
    credential: str


# ---- hello -----------------------------------------------------------------------------


class HelloRequest(_Model):
    store_code: Code
    terminal_code: Code
    sent_at: AwareDatetime  # the terminal's clock
    app_version: str = ""


class HelloResponse(_Model):
    cursor: int  # highest seq applied or quarantined for this terminal, contiguous
    server_time: AwareDatetime
    clock_skew_s: float  # server receive time minus the terminal's sent_at
    refetch: list[str] = []  # streams the terminal must pull again from scratch


# ---- push ------------------------------------------------------------------------------


class OutEvent(_Model):
    """One outbox event as the terminal wrote it."""

    event_uuid: UUID
    seq: int = Field(ge=1, le=BIGINT_MAX)
    type: str = Field(min_length=1, max_length=64)
    version: int = Field(ge=1, le=INT_MAX)
    payload: dict[str, Any]
    created_at: AwareDatetime  # terminal clock when the business record was written


class PushRequest(_Model):
    store_code: Code
    terminal_code: Code
    sent_at: AwareDatetime
    events: list[OutEvent] = Field(min_length=1, max_length=MAX_BATCH)

    @model_validator(mode="after")
    def _consecutive(self) -> PushRequest:
        seqs = [e.seq for e in self.events]
        if seqs != list(range(seqs[0], seqs[0] + len(seqs))):
            raise ValueError("a batch holds consecutive seqs, oldest first")
        return self


class Quarantined(_Model):
    event_uuid: UUID
    seq: int
    reason: str  # a sync.* key


class PushResponse(_Model):
    status: Literal["ok", "gap"]
    cursor: int  # acknowledge every event with seq <= cursor
    expected_seq: int  # cursor + 1: where the next batch must start
    applied: int = 0
    duplicates: int = 0
    quarantined: list[Quarantined] = []
    server_time: AwareDatetime
    clock_skew_s: float


# ---- pull ------------------------------------------------------------------------------


class Change(_Model):
    seq: int = Field(ge=1)  # the stream's server-side change sequence
    key: str
    op: Literal["upsert", "delete"]
    data: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _data_matches_op(self) -> Change:
        if (self.op == "upsert") != (self.data is not None):
            raise ValueError("an upsert carries data, a delete none")
        return self


class PullPage(_Model):
    stream: StreamName
    changes: list[Change]
    next_after: int  # the cursor to save with this page
    has_more: bool
    reset: bool = False  # drop the local copy of this stream before applying this page
    total: int | None = None  # changes left including this page, when known (progress)


class PullRejected(_Model):
    """A terminal could not apply a pulled change: its stream is stopped there."""

    store_code: Code
    terminal_code: Code
    key: str = Field(max_length=128)
    seq: int = Field(ge=0)
    reason: str = Field(max_length=500)


class Ack(_Model):
    """A request was recorded."""

    ok: bool = True


# ---- verify ----------------------------------------------------------------------------


class DaySummary(_Model):
    """What one terminal did on one business day (its local date of ``created_at``)."""

    business_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    events: int  # outbox events of the day
    sales_count: int
    sales_total_fen: int
    voided_count: int
    points_delta: int  # signed sum of points entries
    stock_delta: int  # signed sum of stock movement quantities (pieces and grams)


class VerifyRequest(_Model):
    store_code: Code
    terminal_code: Code
    days: list[DaySummary] = Field(max_length=400)


class VerifyResponse(_Model):
    mismatched: list[str]  # business dates whose events the terminal must push again
    cursor: int
    server_days: list[DaySummary] = []


# ---- event payloads --------------------------------------------------------------------
# The wire format of each event type, declared once: the till converts its domain records
# into these explicitly (pos_app.store.*: the converter is the only place that maps an
# internal field to a wire field, so renaming one never changes the format), and the cloud
# reads them through the same classes with its own stricter checks layered on top
# (sync/server/payloads.py). A field a newer till adds is ignored by an older reader; a
# field added here needs a default so that older events still read.


class SaleLinePayload(EventPayload):
    """One sold line: ``qty`` in pieces (grams when weighed), amounts in fen."""

    product_id: StrictInt | None = None  # the till's own row id (informative)
    sku: StrictStr
    name: StrictStr = ""
    qty: StrictInt
    unit_price_fen: StrictInt = 0
    gross_fen: StrictInt = 0
    net_fen: StrictInt = 0
    discount_fen: StrictInt = 0
    tax_fen: StrictInt = 0
    tax_rate_bp: StrictInt = 0
    is_weighed: StrictBool = False
    price_overridden: StrictBool = False
    scanned_code: StrictStr = ""
    promo_discount_fen: StrictInt = 0  # the promotions' part of discount_fen
    promo_ids: list[StrictStr] = []  # the sale's promotions that touched this line


class TenderPayload(EventPayload):
    kind: StrictStr
    amount_fen: StrictInt  # what went to the sale
    tendered_fen: StrictInt = 0  # what was handed over
    reference: StrictStr = ""


class SalePromotionPayload(EventPayload):
    promo_id: StrictStr
    name: StrictStr = ""
    kind: StrictStr = ""
    discount_fen: StrictInt = 0
    explanation: dict[str, Any] = {}  # {"key": message key, "data": {...}}


class CouponUsePayload(EventPayload):
    coupon_id: StrictStr
    discount_fen: StrictInt
    member_id: StrictStr | None = None


class SalePointsPayload(EventPayload):
    """A points ledger entry as a sale carries it (its sale is the sale)."""

    entry_uuid: StrictStr
    member_id: StrictStr
    kind: StrictStr  # earn | redeem | reverse | adjust | expire
    points: StrictInt
    business_date: StrictStr | None = None  # the till's local YYYY-MM-DD
    reason: StrictStr = ""


class PointsEntryPayload(SalePointsPayload):
    """``points.transaction``: one signed entry of a member's points ledger."""

    sale_uuid: StrictStr | None = None


class SaleMemberPayload(EventPayload):
    """The member block the receipt printed (masked), with the balance after the sale."""

    masked_phone: StrictStr
    masked_name: StrictStr
    tier_name: StrictStr
    points_balance: StrictInt


class SalePayload(EventPayload):
    """``sale.completed`` and ``sale.voided``: the whole sale."""

    sale_uuid: StrictStr
    store_code: StrictStr = ""
    terminal_code: StrictStr = ""
    opened_at: StrictStr = ""  # ISO 8601 with offset
    closed_at: StrictStr = ""
    lines: list[SaleLinePayload]
    tenders: list[TenderPayload] = []
    cashier: StrictStr = ""
    item_count: StrictInt = 0
    subtotal_fen: StrictInt = 0
    discount_fen: StrictInt = 0
    tax_fen: StrictInt = 0
    rounding_fen: StrictInt = 0
    total_fen: StrictInt
    paid_fen: StrictInt = 0
    change_fen: StrictInt = 0
    member_id: StrictStr | None = None
    promotions: list[SalePromotionPayload] = []
    coupons: list[CouponUsePayload] = []
    points: list[SalePointsPayload] = []  # also sent as points.transaction events
    promo_usage: list[tuple[StrictStr, StrictStr, StrictInt]] = []  # (member, promo, units)
    member_receipt: SaleMemberPayload | None = None
    receipt_no: StrictStr | None = None  # None for a voided sale
    receipt_seq: StrictInt | None = None


class CouponRedeemedPayload(EventPayload):
    """``coupon.redeemed``."""

    coupon_id: StrictStr
    sale_uuid: StrictStr | None = None
    member_id: StrictStr | None = None
    discount_fen: StrictInt = 0
    store_code: StrictStr = ""
    terminal_code: StrictStr = ""
    redeemed_at: StrictStr = ""


class MemberSignedUpPayload(EventPayload):
    """``member.signed_up`` at a till."""

    member_id: StrictStr
    phone: StrictStr
    name: StrictStr = ""
    tier: StrictStr = "regular"
    card_no: StrictStr | None = None
    birthday: StrictStr | None = None  # YYYY-MM-DD
    consent_at: StrictStr | None = None
    store_code: StrictStr = ""


class StockMovementPayload(EventPayload):
    """``stock.movement`` (receipt of goods, count adjustment, waste...): ``delta`` signed."""

    sku: StrictStr
    delta: StrictInt
    reason: StrictStr = ""


EVENT_PAYLOADS: dict[str, type[EventPayload]] = {
    SALE_COMPLETED: SalePayload,
    SALE_VOIDED: SalePayload,
    POINTS_TRANSACTION: PointsEntryPayload,
    COUPON_REDEEMED: CouponRedeemedPayload,
    MEMBER_SIGNED_UP: MemberSignedUpPayload,
    STOCK_MOVEMENT: StockMovementPayload,
    **STORE_EVENT_PAYLOADS,
}


def payload_json(payload: EventPayload) -> dict[str, Any]:
    """The JSON-ready dict of a payload, every declared field present."""
    return payload.model_dump(mode="json")

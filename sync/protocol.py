"""The sync protocol between a store terminal and the cloud: versioned pydantic schemas shared
by ``sync.client`` and ``sync.server``. No Qt, no database, no I/O.

One sync, always in this order (one at a time per terminal):

1. ``POST /v1/hello`` — the server's ``cursor`` for this terminal (the highest outbox ``seq``
   it has applied or quarantined, contiguous from 1), its clock, the streams it wants
   refetched. A cursor *below* what the terminal has marked acknowledged means the cloud lost
   data (e.g. its database was restored): the terminal un-acknowledges every event above the
   cursor and pushes them again, and pulls every stream again from the start (the cloud's
   change sequences went back with its database).
2. ``POST /v1/push`` — batches of at most ``MAX_BATCH`` outbox events, oldest first, seqs
   consecutive. The server applies a batch in one transaction: each event is recorded in
   ``applied_events`` (unique per store and event uuid) and its effects applied; an event
   already recorded is a duplicate (success, no effect) whatever its seq; a first seq above
   ``cursor + 1`` is a gap (nothing applied, ``expected_seq`` says where to resume); an event
   that can never apply is quarantined with its reason and counts as handled. The terminal
   acknowledges every event with ``seq <= cursor`` of the answer.
3. ``GET /v1/pull/{stream}?after=N&limit=M`` for each of ``STREAMS`` — pages of changes
   ordered by a server-side change sequence (never a timestamp). The terminal applies a page
   in one local transaction together with the new cursor. ``reset`` tells it to drop its
   copy of that reference stream first (the page then starts from the beginning).
4. ``POST /v1/verify`` — per business day, counts and sums of what the terminal sold; the
   server answers the days that differ, and the terminal pushes those days' events again
   (duplicates cost nothing; missing ones are applied).

Every request carries ``PROTOCOL_HEADER`` and, but for enrollment, ``Authorization: Bearer
<credential>``; the body's store and terminal codes must be the credential's. Errors come
as ``Problem`` with a message key the terminal translates.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

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
}

# Pull streams (reference data owned by the cloud) in the order a terminal pulls them.
# key → data of an "upsert" (a "delete" has no data):
#   store       store_code   {store_name, store_address, footer}
#   chain_keys  key_id       {public_key}                      (Ed25519, text form)
#   tiers       code         {rank, name_zh, name_en, discount_bp, points_multiplier_bp,
#                             birthday_bonus_points, birthday_discount_bp,
#                             qualify_spend_fen, qualify_points}
#   products    sku          {name, name_en, unit, price_fen, tax_rate_bp, is_weighed,
#                             age_restricted, category, brand, active, barcodes: [str],
#                             pinyin}  (optional: the name's pinyin, one syllable or word
#                             per unit, space separated (pos_app.store.search_text.
#                             name_pinyin); a till computes it when absent or unfit)
#   promotions  promo_id     pos_app.core.promo_codec.promotion_to_dict without promo_id
#   members     member_id    {phone, name, tier, card_no, birthday, points_confirmed}
#                             (points_confirmed: the cloud's ledger balance, which includes
#                             every points event it has applied, from any terminal)
#   wallet      coupon_id    {member_id, code}                 (signed coupon code)
#   revoked_coupons coupon_id {revoked_at}
#   stock       sku          {on_hand}                         (this store's balance)
STREAMS: tuple[str, ...] = (
    "store", "chain_keys", "tiers", "products", "promotions", "members", "wallet",
    "revoked_coupons", "stock",
)
StreamName = Literal["store", "chain_keys", "tiers", "products", "promotions", "members",
                     "wallet", "revoked_coupons", "stock"]


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

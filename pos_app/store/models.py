"""SQLModel tables of the terminal database (the schema itself is owned by the migrations)."""

from __future__ import annotations

from sqlalchemy import Column, Computed, Index, MetaData, String, UniqueConstraint, text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

# A registry of our own: the cloud server's SQLModel tables never mix into the terminal schema.
# Named constraints keep Alembic batch migrations (table rebuilds) deterministic.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_registry = registry(metadata=MetaData(naming_convention=NAMING))


class LocalTable(SQLModel, registry=_registry):
    """Base of every terminal table."""


metadata = LocalTable.metadata


class Product(LocalTable, table=True):
    __tablename__ = "product"

    id: int | None = Field(default=None, primary_key=True)
    sku: str = Field(unique=True)
    name: str
    name_en: str = ""
    category: str = Field(default="", index=True)
    unit: str = ""
    price_fen: int
    tax_rate_bp: int = 1300
    is_weighed: bool = False
    age_restricted: bool = False
    active: bool = True
    pinyin: str = ""
    initials: str = ""
    brand: str = Field(default="", index=True)


class Barcode(LocalTable, table=True):
    __tablename__ = "barcode"

    code: str = Field(primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)


class StoreInfoRow(LocalTable, table=True):
    __tablename__ = "store_info"

    id: int = Field(default=1, primary_key=True)
    store_code: str
    store_name: str
    store_address: str = ""
    terminal_code: str
    tax_mode: str = "inclusive"
    cash_rounding: str = "none"
    footer: str = ""


class Sale(LocalTable, table=True):
    __tablename__ = "sale"
    __table_args__ = (UniqueConstraint("terminal_code", "receipt_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    sale_uuid: str = Field(unique=True)
    store_code: str
    terminal_code: str
    state: str
    receipt_seq: int | None = None
    receipt_no: str | None = Field(default=None, unique=True)
    cashier: str = ""
    opened_at: str
    closed_at: str = Field(index=True)
    item_count: int = 0
    subtotal_fen: int = 0
    discount_fen: int = 0
    tax_fen: int = 0
    rounding_fen: int = 0
    total_fen: int = 0
    paid_fen: int = 0
    change_fen: int = 0
    member_id: str | None = Field(default=None, index=True)
    points_earned: int = 0
    points_redeemed: int = 0


class SaleLine(LocalTable, table=True):
    __tablename__ = "sale_line"
    __table_args__ = (UniqueConstraint("sale_id", "line_no"),)

    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="sale.id")
    line_no: int
    product_id: int | None = Field(default=None, foreign_key="product.id")
    sku: str
    name: str
    # The English name at the time of the sale ("" for lines written before it was kept).
    name_en: str = Field(default="", sa_column_kwargs={"server_default": ""})
    qty: int
    is_weighed: bool = False
    unit_price_fen: int
    gross_fen: int
    discount_fen: int = 0
    net_fen: int
    tax_fen: int = 0
    tax_rate_bp: int = 0
    price_overridden: bool = False
    scanned_code: str = ""
    promo_discount_fen: int = 0


class SaleTender(LocalTable, table=True):
    __tablename__ = "sale_tender"

    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="sale.id", index=True)
    kind: str
    amount_fen: int
    tendered_fen: int
    reference: str = ""


class StockMovement(LocalTable, table=True):
    """Append-only stock ledger: one row per delta (pieces, or grams when weighed)."""

    __tablename__ = "stock_movement"
    __table_args__ = (
        Index("ix_stock_movement_product_id", "product_id", "id"),
        Index("ix_stock_movement_product_id_event_seq", "product_id", "event_seq"),
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id")
    delta: int
    reason: str
    sale_id: int | None = Field(default=None, foreign_key="sale.id", index=True)
    created_at: str
    event_seq: int | None = None  # the outbox event telling the cloud (None: local only)


class StockBalance(LocalTable, table=True):
    """Running sum of the ledger per product, so on-hand is one indexed read."""

    __tablename__ = "stock_balance"

    product_id: int = Field(foreign_key="product.id", primary_key=True)
    on_hand: int = 0


class StockCarried(LocalTable, table=True):
    """Per product, the sum of the stock movements retention deleted with their old sales:
    the ledger (movements + this) still sums to the balance."""

    __tablename__ = "stock_carried"

    product_id: int = Field(foreign_key="product.id", primary_key=True)
    delta: int


class RetentionGate(LocalTable, table=True):
    """Holds a row only inside the retention's own transaction: the triggers that keep closed
    sales and the stock ledger undeletable let that transaction through (migration 0010)."""

    __tablename__ = "retention_gate"

    id: int = Field(primary_key=True)


class Counter(LocalTable, table=True):
    """Gap-free counters (receipt and outbox sequences per terminal)."""

    __tablename__ = "counter"

    name: str = Field(primary_key=True)
    value: int = 0


class OutboxEvent(LocalTable, table=True):
    __tablename__ = "outbox_event"
    __table_args__ = (
        UniqueConstraint("terminal_code", "seq"),
        Index("ix_outbox_event_terminal_code_business_date", "terminal_code", "business_date"),
        # What is still to push: the push, the backlog and the acknowledgements read this
        # (a few rows), never the year of acknowledged events.
        Index("ix_outbox_event_unacked", "terminal_code", "seq",
              sqlite_where=text("acked_at IS NULL")),
        Index("ix_outbox_event_quarantined", "terminal_code", "seq",
              sqlite_where=text("quarantine_reason IS NOT NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_uuid: str = Field(unique=True)
    store_code: str
    terminal_code: str
    seq: int
    type: str
    version: int = 1
    payload: str
    created_at: str
    acked_at: str | None = None
    # Set when the cloud quarantined the event (a sync.* key); cleared when a repaired copy
    # is accepted. A quarantined event is acknowledged (the cloud's cursor passed it).
    quarantine_reason: str | None = None
    quarantined_at: str | None = None
    # The terminal's local date of the event (computed by SQLite, never written).
    business_date: str | None = Field(default=None, sa_column=Column(
        "business_date", String, Computed("substr(created_at, 1, 10)", persisted=False)))


class OutboxDay(LocalTable, table=True):
    """Per-day sums of the events in the outbox (``sync.summary`` rules), kept by triggers
    in the transaction that writes or deletes an event (migration 0010)."""

    __tablename__ = "outbox_day"

    terminal_code: str = Field(primary_key=True)
    business_date: str = Field(primary_key=True)
    events: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    sales_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    sales_total_fen: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    voided_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    points_delta: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    stock_delta: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class CatalogImport(LocalTable, table=True):
    """A products import, written in chunks: ``finished_at`` stays empty when it stopped."""

    __tablename__ = "catalog_import"

    id: int | None = Field(default=None, primary_key=True)
    source: str
    rows_total: int
    rows_done: int
    started_at: str
    finished_at: str | None = None


class SuspendedSale(LocalTable, table=True):
    __tablename__ = "suspended_sale"

    id: int | None = Field(default=None, primary_key=True)
    sale_uuid: str = Field(unique=True)
    label: str = ""
    payload: str
    total_fen: int = 0
    line_count: int = 0
    created_at: str


class PrintJob(LocalTable, table=True):
    """A persisted printer job (receipt, reprint, drawer kick, test page): retried until done."""

    __tablename__ = "print_job"
    # The jobs that still hold their bytes (retention drops them from printed jobs).
    __table_args__ = (Index("ix_print_job_with_bytes", "updated_at",
                            sqlite_where=text("length(payload) > 0")),)

    id: int | None = Field(default=None, primary_key=True)
    receipt_no: str | None = Field(default=None, index=True)
    kind: str
    payload: bytes
    state: str = Field(index=True)
    attempts: int = 0
    last_error_key: str = ""
    created_at: str
    updated_at: str


class SalePromotion(LocalTable, table=True):
    """A promotion (or coupon rule) applied to a completed sale, with its explanation."""

    __tablename__ = "sale_promotion"

    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="sale.id", index=True)
    promo_id: str
    name: str
    kind: str
    discount_fen: int
    explanation: str  # JSON {"key": ..., "data": {...}}


class SaleLinePromotion(LocalTable, table=True):
    """A promotion that touched a line of a completed sale (the line's receipt names it)."""

    __tablename__ = "sale_line_promotion"

    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="sale.id", index=True)
    line_no: int
    promo_id: str


class SaleMember(LocalTable, table=True):
    """The member block a sale's receipt printed (masked), with the points balance then."""

    __tablename__ = "sale_member"

    sale_id: int = Field(foreign_key="sale.id", primary_key=True)
    masked_phone: str
    masked_name: str
    tier_name: str
    points_balance: int


class MemberTier(LocalTable, table=True):
    """Tier rules, reference data from the cloud (seeded by the demo)."""

    __tablename__ = "member_tier"

    code: str = Field(primary_key=True)
    rank: int
    name_zh: str
    name_en: str
    discount_bp: int = 0
    points_multiplier_bp: int = 10_000
    birthday_bonus_points: int = 0
    birthday_discount_bp: int = 0
    qualify_spend_fen: int = 0
    qualify_points: int = 0


class Member(LocalTable, table=True):
    """A chain member as this terminal knows it: masked phone and name for the screen and
    the receipt, keyed hashes of the phone and card number to find the member by (the full
    ones stay in the cloud); ``points_confirmed`` is the cloud's balance."""

    __tablename__ = "member"

    member_id: str = Field(primary_key=True)
    phone_masked: str
    name_masked: str = ""
    # Not unique: the cloud keeps two members of one phone (or card) until HQ merges them.
    # NULL until the chain's lookup secret has arrived (then the cloud's row brings it).
    phone_hash: str | None = Field(default=None, index=True)
    card_hash: str | None = Field(default=None, index=True)
    birthday_md: str | None = None  # MM-DD: birthday benefits need no more
    tier: str = "regular"
    points_confirmed: int = 0
    consent_at: str | None = None
    source: str = "cloud"  # "till" when signed up here and not yet confirmed by the cloud
    created_at: str
    updated_at: str


class MemberLookupKey(LocalTable, table=True):
    """The chain's secret for member lookup hashes (``core.members.lookup_hash``), from the
    ``chain_keys`` stream; one row."""

    __tablename__ = "member_lookup_key"

    key_id: str = Field(primary_key=True)
    secret: str  # base64
    updated_at: str


class PointsEntry(LocalTable, table=True):
    """Append-only points ledger of this terminal; ``pending`` until the cloud confirms."""

    __tablename__ = "points_entry"
    __table_args__ = (Index("ix_points_entry_member_id", "member_id", "state", "business_date"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_uuid: str = Field(unique=True)
    member_id: str = Field(foreign_key="member.member_id")
    kind: str
    points: int
    sale_uuid: str | None = Field(default=None, index=True)
    state: str = "pending"
    business_date: str
    reason: str = ""
    created_at: str


class MemberPromoUsage(LocalTable, table=True):
    """Units a member bought under a limited promotion (flash sale limits), known offline."""

    __tablename__ = "member_promo_usage"

    member_id: str = Field(primary_key=True)
    promo_id: str = Field(primary_key=True)
    units: int = 0


class Promotion(LocalTable, table=True):
    """A promotion rule as pulled from the cloud: the rule itself is the JSON payload."""

    __tablename__ = "promotion"

    promo_id: str = Field(primary_key=True)
    kind: str
    payload: str
    active: bool = True
    updated_at: str


class CouponRedemption(LocalTable, table=True):
    """A coupon used on this terminal: the primary key refuses a second use."""

    __tablename__ = "coupon_redemption"

    coupon_id: str = Field(primary_key=True)
    sale_id: int = Field(foreign_key="sale.id", index=True)
    sale_uuid: str
    member_id: str | None = None
    discount_fen: int = 0
    redeemed_at: str


class ChainKey(LocalTable, table=True):
    """The chain's Ed25519 public keys (several during a key rotation)."""

    __tablename__ = "chain_key"

    key_id: str = Field(primary_key=True)
    public_key: str
    added_at: str


class MemberCoupon(LocalTable, table=True):
    """A signed coupon in a member's wallet; the code is verified when it is used."""

    __tablename__ = "member_coupon"

    coupon_id: str = Field(primary_key=True)
    member_id: str = Field(index=True)
    code: str
    updated_at: str


class SyncCursor(LocalTable, table=True):
    """How far this terminal has pulled each stream (the server's change sequence)."""

    __tablename__ = "sync_cursor"

    stream: str = Field(primary_key=True)
    after: int
    updated_at: str


class SyncStatus(LocalTable, table=True):
    """The one row of what the last syncs did (shown in the status bar and details)."""

    __tablename__ = "sync_status"

    id: int = Field(default=1, primary_key=True)
    last_success_at: str | None = None
    last_attempt_at: str | None = None
    last_error_key: str = ""
    last_error_data: str = "{}"  # JSON: the message's format fields
    last_error_at: str | None = None
    server_cursor: int | None = None  # the cloud's cursor for this terminal, last seen
    acked_seq: int = 0  # the highest seq the cloud has acknowledged (the high-water mark)
    clock_skew_s: float | None = None  # server receive time minus this terminal's clock
    last_verify_at: str | None = None


class RevokedCoupon(LocalTable, table=True):
    """A coupon head office revoked: refused at the till even though its signature holds."""

    __tablename__ = "revoked_coupon"

    coupon_id: str = Field(primary_key=True)
    revoked_at: str


class StockCloud(LocalTable, table=True):
    """The cloud's stock balance of this store per SKU, as last pulled; ``basis_seq`` is the
    cloud's cursor for this terminal then (its balance holds our movements up to there)."""

    __tablename__ = "stock_cloud"

    sku: str = Field(primary_key=True)
    on_hand: int
    basis_seq: int
    updated_at: str

"""Per-store tables written by pushes (sales, stock, points, redemptions, the audit log,
applied events, flags) and the change log pulls read. Same metadata as ``tables``."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from sync.server.tables import UtcDateTime, fen_col, id_col, metadata, text_col


def _store(*, child: bool = False) -> Column[int]:
    # A sale's children reach the store through their sale.
    fk = () if child else (ForeignKey("store.id"),)
    return Column("store_id", Integer, *fk, primary_key=True)


def _sale_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["store_id", "sale_uuid"], ["sale.store_id", "sale.sale_uuid"])


# ---- what terminals pushed ------------------------------------------------------------

applied_event = Table(
    "applied_event", metadata,
    _store(), Column("event_uuid", String(36), primary_key=True),
    id_col("terminal_id", 40),
    Column("seq", BigInteger, nullable=False),
    id_col("type", 64), Column("version", Integer, nullable=False),
    Column("payload", Text, nullable=False),  # the JSON as received (before any upgrade)
    text_col("created_at"),  # the terminal's clock, ISO with its offset
    id_col("business_date", 10),  # the date part of created_at (contract.summary.business_date)
    Column("received_at", UtcDateTime, nullable=False),
    id_col("status", 16),  # applied | quarantined
    Column("reason", String(64)),  # a sync.* key when quarantined
    # JSON list of earlier checks of a re-pushed quarantined event: [{reason, received_at}]
    Column("history", Text),
    Index(None, "store_id", "terminal_id", "business_date"),
    Index(None, "status", "received_at"),
    Index(None, "store_id", "status", "received_at"),  # a store's quarantine (status page)
)

sale = Table(
    "sale", metadata,
    _store(), Column("sale_uuid", String(64), primary_key=True),
    id_col("terminal_id", 40), id_col("event_uuid", 36), id_col("state", 16),
    Column("receipt_no", String(64)), text_col("cashier"),
    text_col("opened_at"), text_col("closed_at"), id_col("business_date", 10),
    Column("item_count", Integer, nullable=False, default=0),
    fen_col("subtotal_fen"), fen_col("discount_fen"), fen_col("tax_fen"), fen_col("rounding_fen"),
    fen_col("total_fen"), fen_col("paid_fen"), fen_col("change_fen"),
    Column("member_id", String(64)),
    Column("received_at", UtcDateTime, nullable=False),
    Index(None, "business_date", "store_id"),  # today's sales of every store
    Index(None, "store_id", "receipt_no"),  # a till's lookup of a receipt (returns)
)

sale_line = Table(
    "sale_line", metadata,
    _store(child=True), Column("sale_uuid", String(64), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    id_col("sku"), text_col("name"), Column("qty", BigInteger, nullable=False),
    fen_col("unit_price_fen"), fen_col("gross_fen"), fen_col("net_fen"), fen_col("discount_fen"),
    fen_col("tax_fen"), Column("tax_rate_bp", Integer, nullable=False, default=0),
    Column("is_weighed", Boolean, nullable=False, default=False),
    _sale_fk(),
)

sale_tender = Table(
    "sale_tender", metadata,
    _store(child=True), Column("sale_uuid", String(64), primary_key=True),
    Column("tender_no", Integer, primary_key=True),
    id_col("kind", 32), fen_col("amount_fen"), fen_col("tendered_fen"), text_col("reference"),
    _sale_fk(),
)

sale_promotion = Table(
    "sale_promotion", metadata,
    _store(child=True), Column("sale_uuid", String(64), primary_key=True),
    Column("promo_no", Integer, primary_key=True),
    id_col("promo_id"), text_col("name"), text_col("kind"), fen_col("discount_fen"),
    _sale_fk(),
)

# ---- returns (``return.completed``) ---------------------------------------------------------

# A return of a sale of this store (or without a receipt): ``original_sale_uuid`` names the
# sale, which the cloud may not have yet (a till that returns offline). No foreign key to
# ``sale``: the return is a fact of its own.
sale_return = Table(
    "sale_return", metadata,
    _store(), Column("return_uuid", String(64), primary_key=True),
    id_col("terminal_id", 40), id_col("event_uuid", 36), id_col("return_no", 64),
    id_col("kind", 32), Column("original_sale_uuid", String(64)),
    text_col("original_receipt_no"), text_col("at"), text_col("reason"),
    fen_col("refund_fen"), fen_col("tax_fen"), Column("member_id", String(64)),
    fen_col("points_back"), fen_col("points_clawback"), fen_col("clawback_short"),
    Column("exchange_sale_uuid", String(64)),
    Column("detail", Text, nullable=False, default="{}"),  # JSON: staff, approver, flags...
    Column("received_at", UtcDateTime, nullable=False),
    Index(None, "store_id", "original_sale_uuid"),
)


def _return_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["store_id", "return_uuid"],
                                ["sale_return.store_id", "sale_return.return_uuid"])


sale_return_line = Table(
    "sale_return_line", metadata,
    _store(child=True), Column("return_uuid", String(64), primary_key=True),
    Column("pos", Integer, primary_key=True), Column("line_no", Integer),
    id_col("sku"), Column("qty", BigInteger, nullable=False),
    fen_col("net_fen"), fen_col("tax_fen"), fen_col("refund_fen"),
    id_col("disposition", 16),
    _return_fk(),
)

sale_return_tender = Table(
    "sale_return_tender", metadata,
    _store(child=True), Column("return_uuid", String(64), primary_key=True),
    Column("pos", Integer, primary_key=True), Column("tender_index", Integer),
    id_col("kind", 32), id_col("payout", 32), fen_col("amount_fen"), fen_col("points"),
    _return_fk(),
)

# ---- stock counts (``count.posted``) ------------------------------------------------------

# A count posted at a till: once per session per store (its movements are in
# ``stock_movement`` under its event, line_no = the product's place in the event).
stock_count = Table(
    "stock_count", metadata,
    _store(), Column("session_uuid", String(64), primary_key=True),
    id_col("terminal_id", 40), id_col("event_uuid", 36), id_col("scope_kind", 16),
    text_col("scope_value"), text_col("posted_at"),
    Column("products", Integer, nullable=False), Column("net_delta", BigInteger, nullable=False),
    Column("detail", Text, nullable=False, default="{}"),  # JSON: staff, approver, unknown codes
    Column("received_at", UtcDateTime, nullable=False),
)

# ---- ledgers ------------------------------------------------------------------------

stock_movement = Table(
    "stock_movement", metadata,
    _store(), Column("event_uuid", String(36), primary_key=True),  # the source event
    Column("line_no", Integer, primary_key=True),
    id_col("sku"), Column("delta", BigInteger, nullable=False), text_col("reason"),
    text_col("terminal_id"), text_col("created_at"),
    Column("received_at", UtcDateTime, nullable=False),
    Index(None, "store_id", "sku"),
)

stock_balance = Table(
    "stock_balance", metadata,
    _store(), Column("sku", String(64), primary_key=True),
    Column("on_hand", BigInteger, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index(None, "store_id", "on_hand"),
)

points_entry = Table(
    "points_entry", metadata,
    id_col("entry_uuid", primary_key=True),  # chain-wide: a member's points follow them
    id_col("member_id"), Column("store_id", Integer, nullable=False),
    text_col("terminal_id"), text_col("event_uuid"), text_col("kind"),
    Column("points", BigInteger, nullable=False),
    Column("sale_uuid", String(64)), Column("business_date", String(10)),
    text_col("reason"), text_col("created_at"),
    Column("received_at", UtcDateTime, nullable=False),
    Index(None, "member_id"),
)

coupon_redemption = Table(
    "coupon_redemption", metadata,
    _store(), Column("event_uuid", String(36), primary_key=True),
    id_col("coupon_id"), Column("sale_uuid", String(64)), Column("member_id", String(64)),
    fen_col("discount_fen"), text_col("terminal_id"), text_col("redeemed_at"),
    Column("reused", Boolean, nullable=False, default=False),
    Column("received_at", UtcDateTime, nullable=False),
    Index(None, "coupon_id"),
)

# ---- the tills' audit logs ---------------------------------------------------------------

# One row per ``audit.recorded`` event: who did what at a till, approved by whom (append-only,
# as on the till). ``at`` is the till's clock as it wrote it (ISO with its offset).
audit_entry = Table(
    "audit_entry", metadata,
    _store(), Column("entry_uuid", String(64), primary_key=True),
    id_col("terminal_id", 40), id_col("event_uuid", 36),
    id_col("at", 40), id_col("action", 64),
    text_col("staff_id"), text_col("staff_name"),
    Column("approver_id", Text), Column("approver_name", Text),
    text_col("subject"),
    Column("detail", Text, nullable=False, default="{}"),  # JSON object, amounts in fen
    Column("received_at", UtcDateTime, nullable=False),
    Index(None, "store_id", "at"),
)

# ---- conflicts for HQ -----------------------------------------------------------------

flag = Table(
    "flag", metadata,
    _store(), Column("flag_id", String(36), primary_key=True),
    id_col("kind", 32), id_col("subject", 128),
    # Unique while set: the same open problem is flagged once; resolving clears it.
    Column("open_key", String(160)),
    Column("detail", Text, nullable=False, default="{}"),
    Column("created_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime),
    UniqueConstraint("store_id", "kind", "open_key"),
    Index(None, "store_id", "created_at"),
)

# ---- pull streams ---------------------------------------------------------------------

# One row per counter: UPDATE .. RETURNING hands out seqs under the row lock, held to commit.
change_counter = Table(
    "change_counter", metadata,
    id_col("stream", 32, primary_key=True),
    Column("store_id", Integer, primary_key=True),  # tables.CHAIN for chain-wide streams
    Column("value", BigInteger, nullable=False, default=0),
)

# The latest change of each key (compacted): a pull after N returns each key changed since
# N once, with its current data; deletes stay as tombstones.
change_log = Table(
    "change_log", metadata,
    id_col("stream", 32, primary_key=True),
    Column("store_id", Integer, primary_key=True),
    Column("key", String(128), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    id_col("op", 8),
    Column("data", Text),  # JSON text, sent as is
    UniqueConstraint("stream", "store_id", "seq"),
)

refetch = Table(
    "refetch", metadata,
    _store(), Column("terminal_id", String(40), primary_key=True),
    Column("stream", String(32), primary_key=True),
    Column("requested_at", UtcDateTime, nullable=False),
    # The next_after of the reset page last served: a pull from exactly there proves the
    # terminal applied the reset, and clears the request.
    Column("reset_after", BigInteger),
)

# ---- receiving and transfers (contract.stock_events) -----------------------------------

# What a store expects to receive: a purchase order made at HQ (``PO-…``) or a transfer
# another store sent (``TR-<transfer uuid>``); ``status`` open | received. Published to the
# store's tills as the ``expected_receipts`` stream while open.
expected_receipt = Table(
    "expected_receipt", metadata,
    _store(), Column("receipt_id", String(64), primary_key=True),
    id_col("kind", 16), text_col("supplier"), Column("from_store_id", Integer),
    Column("source_event_uuid", String(36)),  # the transfer.sent that made it
    id_col("status", 16), Column("created_at", UtcDateTime, nullable=False),
    Column("received_event_uuid", String(36)), Column("received_at", UtcDateTime),
    Index(None, "store_id", "status"),
)

expected_receipt_line = Table(
    "expected_receipt_line", metadata,
    _store(child=True), Column("receipt_id", String(64), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    id_col("sku"), Column("qty", BigInteger, nullable=False), Column("cost_fen", BigInteger),
    ForeignKeyConstraint(["store_id", "receipt_id"],
                         ["expected_receipt.store_id", "expected_receipt.receipt_id"]),
)

# One row per receipt, transfer or adjustment a till posted: the same document carried by a
# second event is refused (its stock would move twice).
stock_document = Table(
    "stock_document", metadata,
    _store(), Column("doc_uuid", String(64), primary_key=True),
    id_col("kind", 16), id_col("event_uuid", 36), text_col("terminal_id"),
    Column("expected_id", String(64)), Column("detail", Text, nullable=False, default="{}"),
    Column("received_at", UtcDateTime, nullable=False),
)

"""The cloud's tables (SQLAlchemy Core, a metadata of its own): with ``ledger_tables`` they are
the schema. Migrations in ``sync/server/migrations`` are generated from them
(``python -m sync.server.migrate revision "what changes"``) and a test fails when the two
differ; queries are built from them.

Keys for partitioning by store (Citus): every table written per store (terminals, sales,
stock, staff, audit entries, applied events, redemptions, flags, per-store change logs) has
``store_id`` first in its primary key and in every unique key. Chain-wide reference data
(catalog, tiers, roles, promotions, members and their points ledger, coupons, keys) is small
or keyed by its own natural id and would be a reference (or member-colocated) table.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

CHAIN = 0  # the store_id of chain-wide change streams (no store row has id 0)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every database (SQLite keeps no offset: store naive UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UtcDateTime needs an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def id_col(name: str, length: int = 64, **kw: Any) -> Column[Any]:
    """A required short text column (ids, codes)."""
    return Column(name, String(length), nullable=False, **kw)


def fen_col(name: str) -> Column[Any]:
    """A required integer amount (fen, basis points, points), 0 by default."""
    return Column(name, BigInteger, nullable=False, default=0)


def text_col(name: str) -> Column[Any]:
    """A required free text column (names, notes), empty by default; unbounded, so text a
    till accepted is never refused here."""
    return Column(name, Text, nullable=False, default="")


# ---- stores, terminals, enrollment --------------------------------------------------------

store = Table(
    "store", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    id_col("code", 32, unique=True),
    text_col("name"), text_col("address"), text_col("footer"),
    Column("created_at", UtcDateTime, nullable=False),
)

terminal = Table(
    "terminal", metadata,
    Column("store_id", Integer, ForeignKey("store.id"), primary_key=True),
    Column("terminal_id", String(40), primary_key=True),  # "<store_id>-<random hex>"
    id_col("code", 32), text_col("device_name"),
    id_col("credential_hash", 64),  # sha256 hex of the secret part of the credential
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
    Column("cursor", BigInteger, nullable=False, default=0),
    Column("last_seen_at", UtcDateTime),
    Column("last_push_at", UtcDateTime),
    Column("last_clock_skew_s", Float),
    text_col("app_version"),
    # The newest outbox seq the till said at hello it has written, and when it said so
    # (server clock): last_seq - cursor is its backlog. NULL: a till that never said.
    Column("last_seq", BigInteger),
    Column("last_seq_at", UtcDateTime),
    Index(None, "store_id", "code"),
)

enrollment_code = Table(
    "enrollment_code", metadata,
    Column("store_id", Integer, ForeignKey("store.id"), primary_key=True),
    Column("code_hash", String(64), primary_key=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime),
    Column("terminal_id", String(40)),
)

# ---- chain-wide reference data --------------------------------------------------------

chain_key = Table(
    "chain_key", metadata,
    id_col("key_id", primary_key=True),
    id_col("public_key"),
    # Encrypted (sync.server.key_vault) with a key kept outside the database; never leaves
    # the server, never logged.
    id_col("private_key", 512),
    Column("created_at", UtcDateTime, nullable=False),
)

# Facts about this cloud database itself, e.g. ``demo`` = "1" when ``seed-demo`` created it.
cloud_meta = Table(
    "cloud_meta", metadata,
    id_col("key", 64, primary_key=True),
    text_col("value"),
)

tier = Table(
    "tier", metadata,
    id_col("code", 32, primary_key=True),
    Column("rank", Integer, nullable=False),
    text_col("name_zh"), text_col("name_en"),
    fen_col("discount_bp"), fen_col("points_multiplier_bp"), fen_col("birthday_bonus_points"),
    fen_col("birthday_discount_bp"), fen_col("qualify_spend_fen"), fen_col("qualify_points"),
)

product = Table(
    "product", metadata,
    id_col("sku", primary_key=True),
    text_col("name"), text_col("name_en"), text_col("unit"), fen_col("price_fen"),
    Column("tax_rate_bp", Integer, nullable=False, default=1300),
    Column("is_weighed", Boolean, nullable=False, default=False),
    Column("age_restricted", Boolean, nullable=False, default=False),
    text_col("category"), text_col("brand"),
    Column("active", Boolean, nullable=False, default=True),
    Column("cost_fen", BigInteger, nullable=False, default=0, server_default="0"),
    Column("updated_at", UtcDateTime, nullable=False),
)

product_barcode = Table(
    "product_barcode", metadata,
    id_col("code", 32, primary_key=True),
    Column("sku", String(64), ForeignKey("product.sku"), nullable=False, index=True),
)

promotion = Table(
    "promotion", metadata,
    id_col("promo_id", primary_key=True),
    id_col("kind", 32),
    Column("data", Text, nullable=False),  # JSON: promo_codec.promotion_to_dict w/o promo_id
    Column("updated_at", UtcDateTime, nullable=False),
)

member = Table(
    "member", metadata,
    id_col("member_id", primary_key=True),
    Column("phone", String(32), nullable=False, index=True),  # not unique: clashes are flagged
    text_col("name"), text_col("tier"),
    Column("card_no", String(32)), Column("birthday", String(10)),
    Column("consent_at", String(40)),
    fen_col("opening_points"),  # balance brought from a previous system
    fen_col("points_balance"),  # opening_points + Σ points_entry (kept in step, row-locked)
    text_col("source"),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

# The chain's secret for the members stream's lookup hashes (one row, key
# contract.protocol.MEMBER_LOOKUP_KEY_ID); published to tills on the chain_keys stream.
member_lookup_key = Table(
    "member_lookup_key", metadata,
    id_col("key_id", primary_key=True),
    id_col("secret"),  # base64 of 32 random bytes
    Column("created_at", UtcDateTime, nullable=False),
)

coupon = Table(
    "coupon", metadata,
    id_col("coupon_id", primary_key=True),
    Column("member_id", String(64), index=True),
    id_col("kind", 32), text_col("name"),
    Column("code", Text, nullable=False),  # the signed QR text
    Column("issued_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
)

# First come, first served: (kind, key) → owner. INSERT .. ON CONFLICT DO NOTHING tells the
# second writer, even a concurrent one, that the key is taken (coupon used, phone known).
claim = Table(
    "claim", metadata,
    id_col("kind", 16, primary_key=True),
    id_col("key", 128, primary_key=True),
    id_col("owner"),
)

# ---- staff and roles (the ``staff`` and ``roles`` streams) -------------------------------

# Chain-wide: what each role may do (contract.staff.RoleData); a new chain starts with
# pos_app.core.roles.DEFAULT_ROLES (sync.server.staff).
role = Table(
    "role", metadata,
    id_col("code", 32, primary_key=True),
    Column("permissions", Text, nullable=False),  # JSON list of Permission values
    Column("max_discount_bp", Integer, nullable=False, default=0),
    Column("updated_at", UtcDateTime, nullable=False),
)

# A store's staff (contract.staff.StaffData): the PIN as an argon2id hash, the badge as
# contract.staff.badge_hash; never deleted (a disabled member stays for the audit's names).
staff = Table(
    "staff", metadata,
    Column("store_id", Integer, ForeignKey("store.id"), primary_key=True),
    Column("staff_id", String(64), primary_key=True),
    id_col("code", 16), text_col("name"), id_col("role", 32),
    id_col("pin_hash", 200),
    Column("badge_hash", String(64)),
    Column("active", Boolean, nullable=False, default=True),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("store_id", "code"),
    UniqueConstraint("store_id", "badge_hash"),  # NULLs (no badge) never clash
)

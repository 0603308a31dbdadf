"""The loyalty tables: tiers, members, the points ledger, promotions, coupons, chain keys."""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field

from pos_app.store.models.base import LocalTable, db_default, table_of


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
    phone_masked: str = Field(sa_column_kwargs=db_default(""))
    name_masked: str = Field(default="", sa_column_kwargs=db_default(""))
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


class RevokedCoupon(LocalTable, table=True):
    """A coupon head office revoked: refused at the till even though its signature holds."""

    __tablename__ = "revoked_coupon"

    coupon_id: str = Field(primary_key=True)
    revoked_at: str


member_tier = table_of(MemberTier)
member = table_of(Member)
member_lookup_key = table_of(MemberLookupKey)
points_entry = table_of(PointsEntry)
member_promo_usage = table_of(MemberPromoUsage)
promotion = table_of(Promotion)
coupon_redemption = table_of(CouponRedemption)
chain_key = table_of(ChainKey)
member_coupon = table_of(MemberCoupon)
revoked_coupon = table_of(RevokedCoupon)

"""The sales' tables: a sale with its lines, tenders, promotions and member block; parked
sales. The triggers that keep closed sales unchanged are named in ``raw_sql.TRIGGERS``."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from pos_app.store.models.base import LocalTable, db_default, table_of


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
    points_earned: int = Field(default=0, sa_column_kwargs=db_default(0))
    points_redeemed: int = Field(default=0, sa_column_kwargs=db_default(0))
    # The shift it was sold in and who sold it (NULL / "" for sales before shifts existed).
    shift_id: int | None = Field(default=None, index=True)  # shift.id (no FK: ADD COLUMN)
    cashier_id: str = Field(default="", sa_column_kwargs=db_default(""))
    sale_discount_fen: int = Field(default=0, sa_column_kwargs=db_default(0))


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
    name_en: str = Field(default="", sa_column_kwargs=db_default(""))
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
    promo_discount_fen: int = Field(default=0, sa_column_kwargs=db_default(0))
    # List gross minus the charged gross of a line whose price was overridden (signed).
    override_fen: int = Field(default=0, sa_column_kwargs=db_default(0))


class SaleTender(LocalTable, table=True):
    __tablename__ = "sale_tender"

    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="sale.id", index=True)
    kind: str
    amount_fen: int
    tendered_fen: int
    reference: str = ""


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


class SuspendedSale(LocalTable, table=True):
    __tablename__ = "suspended_sale"

    id: int | None = Field(default=None, primary_key=True)
    sale_uuid: str = Field(unique=True)
    label: str = ""
    payload: str
    total_fen: int = 0
    line_count: int = 0
    created_at: str


sale = table_of(Sale)
sale_line = table_of(SaleLine)
sale_tender = table_of(SaleTender)
sale_promotion = table_of(SalePromotion)
sale_line_promotion = table_of(SaleLinePromotion)
sale_member = table_of(SaleMember)
suspended_sale = table_of(SuspendedSale)

"""The returns' tables: a return with its lines and refunds, written once and never changed
or deleted (``raw_sql.TRIGGERS``, migration 0014), like a completed sale.

A return names its original sale by uuid, receipt number and terminal, never by a row id:
the sale may have been made on another till (it is not in this database) and retention may
delete an old sale here while its returns stay.
"""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from pos_app.store.models.base import LocalTable, table_of


class SaleReturn(LocalTable, table=True):
    """One return. ``kind``: ``sale`` (bound to the original sale's lines and tenders),
    ``no_receipt`` (priced at the lowest price of the last 30 days, paid in cash) or
    ``other_till_offline`` (a receipt of another till while the cloud could not be asked:
    priced like ``no_receipt``, approved by a supervisor, flagged for HQ)."""

    __tablename__ = "sale_return"
    __table_args__ = (UniqueConstraint("terminal_code", "return_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    return_uuid: str = Field(unique=True)
    store_code: str
    terminal_code: str
    return_seq: int
    return_no: str = Field(unique=True)
    kind: str
    original_sale_uuid: str | None = Field(default=None, index=True)
    original_receipt_no: str = ""
    original_terminal_code: str = ""
    shift_id: int | None = Field(default=None, index=True)  # shift.id
    staff_id: str = ""
    staff_name: str = ""
    approver_id: str | None = None
    approver_name: str | None = None
    reason: str
    at: str = Field(index=True)
    refund_fen: int  # paid back in all: Σ tenders (points at their fen value)
    rounding_fen: int = 0  # the sale's cash rounding settled by this return
    tax_fen: int = 0  # the tax in the returned lines
    member_id: str | None = None
    points_back: int = 0  # points paid with, back to the member
    points_clawback: int = 0  # earned points taken back (after the cap at the balance)
    clawback_short: int = 0  # earned points not taken back: the member had fewer
    exchange_sale_uuid: str | None = None  # the new sale of an exchange
    to_cash: bool = False
    flags: str = "[]"  # JSON list of what HQ must look at (other_till_offline, ...)
    coupons_reinstated: str = "[]"  # JSON list of coupon ids given back


class SaleReturnLine(LocalTable, table=True):
    """A returned line: ``line_no`` of the original sale (None without one); qty in pieces
    (grams when weighed); ``disposition`` restock or damaged."""

    __tablename__ = "sale_return_line"
    __table_args__ = (UniqueConstraint("return_id", "pos"),)

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="sale_return.id")
    pos: int
    line_no: int | None = None
    product_id: int | None = Field(default=None, foreign_key="product.id")
    sku: str
    name: str
    name_en: str = ""
    qty: int
    is_weighed: bool = False
    net_fen: int
    tax_fen: int = 0
    tax_rate_bp: int = 0
    refund_fen: int
    disposition: str


class SaleReturnTender(LocalTable, table=True):
    """One payout of a return: from the original sale's tender ``tender_index`` (None
    without one) of ``kind``, paid as ``payout``; ``points`` back for a points tender."""

    __tablename__ = "sale_return_tender"

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="sale_return.id", index=True)
    tender_index: int | None = None
    kind: str
    payout: str
    amount_fen: int
    points: int = 0
    reference: str = ""


sale_return = table_of(SaleReturn)
sale_return_line = table_of(SaleReturnLine)
sale_return_tender = table_of(SaleReturnTender)

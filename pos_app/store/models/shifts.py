"""Shifts and the cash that moves outside sales (paid-in, paid-out, drops to the safe).

One open shift per terminal (a partial unique index); a closed shift keeps its Z report
(the figures and the count as JSON) and is never changed again (``raw_sql.TRIGGERS``).
"""

from __future__ import annotations

from sqlalchemy import Index, text
from sqlmodel import Field

from pos_app.store.models.base import LocalTable, table_of


class Shift(LocalTable, table=True):
    __tablename__ = "shift"
    __table_args__ = (
        Index("uq_shift_open_per_terminal", "terminal_code", unique=True,
              sqlite_where=text("state = 'open'")),
    )

    id: int | None = Field(default=None, primary_key=True)
    shift_uuid: str = Field(unique=True)
    store_code: str
    terminal_code: str
    shift_no: int  # per terminal, gap-free
    state: str  # open | closed
    opened_at: str
    opened_by_id: str
    opened_by_name: str
    opening_float_fen: int
    opening_count: str  # JSON {denomination code: pieces}
    closed_at: str | None = None
    closed_by_id: str | None = None
    closed_by_name: str | None = None
    report: str | None = None  # JSON: the Z report's facts and count (core.shift_codec)


class CashMovement(LocalTable, table=True):
    """Cash in or out of the drawer outside a sale: ``paid_in``, ``paid_out``, ``drop``."""

    __tablename__ = "cash_movement"

    id: int | None = Field(default=None, primary_key=True)
    movement_uuid: str = Field(unique=True)
    shift_id: int = Field(foreign_key="shift.id", index=True)
    kind: str
    amount_fen: int
    reason: str = ""
    staff_id: str
    staff_name: str
    approver_name: str | None = None
    at: str


shift = table_of(Shift)
cash_movement = table_of(CashMovement)

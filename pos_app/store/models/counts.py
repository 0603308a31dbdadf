"""The stock count tables: a session and its count lines (``pos_app.core.counting``).

A posted session and its lines are never changed nor deleted, and no line is added to it
(``raw_sql.TRIGGERS``, migration 0015).
"""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field

from pos_app.store.models.base import LocalTable, table_of


class CountSession(LocalTable, table=True):
    """A count: its scope, blind or not, its state (``open`` → ``approved`` → ``posted``),
    the current recount ``round`` and the products it recounts (JSON list)."""

    __tablename__ = "count_session"

    id: int | None = Field(default=None, primary_key=True)
    session_uuid: str = Field(unique=True)
    store_code: str
    scope_kind: str
    scope_value: str = ""
    scope_products: str = "[]"  # JSON list of product ids (scope ``products``)
    blind: bool = False
    state: str = Field(default="open", index=True)
    round: int = 0
    recount_products: str = "[]"  # JSON list: the products the current round recounts
    opened_at: str
    open_hwm: int = 0  # the ledger's mark when the session opened (no line counts before)
    opened_by_id: str = ""
    opened_by_name: str = ""
    approved_at: str | None = None
    approver_id: str | None = None
    approver_name: str | None = None
    posted_at: str | None = None
    event_seq: int | None = None  # the ``count.posted`` outbox event


class CountLineRow(LocalTable, table=True):
    """One scan or typed quantity; ``product_id`` None: an unknown ``code`` kept for
    review; ``hwm``: the last stock movement id when it was counted."""

    __tablename__ = "count_line"
    __table_args__ = (
        Index("ix_count_line_session_id_product_id", "session_id", "product_id", "round"),
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="count_session.id")
    product_id: int | None = Field(default=None, foreign_key="product.id")
    code: str
    qty: int
    hwm: int
    round: int = 0
    counter_id: str = ""
    counter_name: str = ""
    device: str = ""
    location: str = ""
    counted_at: str


count_session = table_of(CountSession)
count_line = table_of(CountLineRow)

"""The outbox and sync tables: gap-free counters, events, their per-day sums, pull cursors
and the sync status row."""

from __future__ import annotations

from sqlalchemy import Column, Computed, Index, String, UniqueConstraint, text
from sqlmodel import Field

from pos_app.store.models.base import LocalTable, db_default, table_of


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
    """Per-day sums of the events in the outbox (``contract.summary`` rules), kept by triggers
    in the transaction that writes or deletes an event (``raw_sql.TRIGGERS``)."""

    __tablename__ = "outbox_day"

    terminal_code: str = Field(primary_key=True)
    business_date: str = Field(primary_key=True)
    events: int = Field(default=0, sa_column_kwargs=db_default(0))
    sales_count: int = Field(default=0, sa_column_kwargs=db_default(0))
    sales_total_fen: int = Field(default=0, sa_column_kwargs=db_default(0))
    voided_count: int = Field(default=0, sa_column_kwargs=db_default(0))
    points_delta: int = Field(default=0, sa_column_kwargs=db_default(0))
    stock_delta: int = Field(default=0, sa_column_kwargs=db_default(0))


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


counter = table_of(Counter)
outbox_event = table_of(OutboxEvent)
outbox_day = table_of(OutboxDay)
sync_cursor = table_of(SyncCursor)
sync_status = table_of(SyncStatus)

"""Retention: what a till keeps of its history, and giving the space back.

- Printed (or abandoned) print jobs lose their bytes after ``print_bytes_days``; the row stays
  (a reprint is built again from the sale).
- Acknowledged outbox events go after ``acked_events_days`` (by business date: the days the
  sync verification compares); an event the cloud has not acknowledged is never deleted.
- Sales closed more than ``sales_days`` ago (the cloud has them) go with their lines,
  tenders, promotions, member block, print jobs and stock movements, whose sum per product
  is carried forward (the ledger still sums to the balance) — and only while no event of
  those days is still unacknowledged. Sales that redeemed a coupon stay (the one-use guard).
- Freed pages go back to the file system by incremental vacuum, a few MB per step.

Every step is a short background transaction (``write_tx(..., background=True)``) that gives
way to a sale. ``maintenance.StoreMaintenance`` runs them when the till is idle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable

from pos_app.store import sync_state
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import (
    coupon_redemption,
    outbox_day,
    outbox_event,
    print_job,
    retention_gate,
    sale,
    sale_line,
    sale_line_promotion,
    sale_member,
    sale_promotion,
    sale_tender,
    stock_carried,
    stock_movement,
)
from pos_app.store.models.printing import HOLDS_BYTES
from pos_app.store.statements import unindexed

CHUNK = 200  # rows (sales, jobs) per short transaction
VACUUM_STEP_PAGES = 512  # pages given back per step (2 MB: a short hold of the write lock)
_FINISHED = ("done", "failed")  # print job states retention may touch

# The sales one step deletes: a temporary table of the retention's connection (not part of
# the schema).
_chunk_of_sales = Table(
    "retention_sale", MetaData(), Column("id", Integer, primary_key=True),
    Column("receipt_no", String), prefixes=["TEMPORARY"])


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How long the till keeps each kind of history (days)."""

    print_bytes_days: int = 7
    acked_events_days: int = 30
    sales_days: int = 400


@dataclass(frozen=True, slots=True)
class RetentionReport:
    """What one retention run did."""

    print_jobs_emptied: int = 0
    print_jobs_deleted: int = 0
    events_deleted: int = 0
    sales_deleted: int = 0
    pages_freed: int = 0


def drop_print_bytes(*, engine: Engine, before: datetime) -> int:
    """Empty the bytes of jobs printed (or given up) before ``before``; returns how many."""
    j = print_job.c
    # ``+state``: through the index of the jobs that still hold bytes (recent ones), never
    # through every finished job of the year.
    chunk = select(j.id).where(HOLDS_BYTES, j.updated_at < before.isoformat(),
                               unindexed(j.state).in_(_FINISHED)).limit(CHUNK)
    done = 0
    while True:
        with write_tx(engine, background=True) as conn:
            n = int(conn.execute(update(print_job).where(j.id.in_(chunk))
                                 .values(payload=b"")).rowcount)
        done += n
        if n < CHUNK:
            return done


def delete_loose_print_jobs(*, engine: Engine, before: datetime) -> int:
    """Delete finished jobs of no sale (drawer kicks, test pages) from before ``before``."""
    j = print_job.c
    with write_tx(engine, background=True) as conn:
        return int(conn.execute(delete(print_job).where(
            j.receipt_no.is_(None), j.updated_at < before.isoformat(),
            j.state.in_(_FINISHED))).rowcount)


def prune_events(*, engine: Engine, before: str) -> int:
    """Delete acknowledged events of business dates before ``before`` (every terminal code
    this outbox holds: a till enrolled again writes under its new one)."""
    with read_tx(engine) as conn:
        terminals = list(conn.execute(select(outbox_day.c.terminal_code).distinct())
                         .scalars())
    return sum(sync_state.prune_acked(engine=engine, terminal_code=t, before=before)
               for t in terminals)


def _pending_until(engine: Engine, day: str) -> bool:
    e = outbox_event.c
    with read_tx(engine) as conn:  # the partial index of pending events: O(pending)
        return conn.execute(select(e.id).where(
            e.acked_at.is_(None), unindexed(e.business_date) <= day).limit(1)
        ).first() is not None


def prune_sales(*, engine: Engine, before: datetime) -> int:
    """Delete sales closed before ``before`` with everything that hangs on them; nothing while
    an event of those days is still unacknowledged. Returns how many sales."""
    if _pending_until(engine, before.date().isoformat()):
        return 0
    s = sale.c
    oldest = (select(s.id, s.receipt_no).where(
        s.closed_at < before.isoformat(), s.state.in_(("completed", "voided")),
        ~exists().where(coupon_redemption.c.sale_id == s.id))
        .order_by(s.closed_at).limit(CHUNK))
    done = 0
    while True:
        with write_tx(engine, background=True) as conn:
            conn.execute(CreateTable(_chunk_of_sales, if_not_exists=True))
            conn.execute(delete(_chunk_of_sales))
            n = int(conn.execute(insert(_chunk_of_sales).from_select(
                ["id", "receipt_no"], oldest)).rowcount)
            if n:
                _delete_sales(conn)
        done += n
        if n < CHUNK:
            return done


def _delete_sales(conn: Connection) -> None:
    ids = select(_chunk_of_sales.c.id)
    moves = stock_movement.c
    conn.execute(insert(retention_gate).values(id=1))
    carry = sqlite.insert(stock_carried).from_select(
        ["product_id", "delta"], select(moves.product_id, func.sum(moves.delta))
        .where(moves.sale_id.in_(ids)).group_by(moves.product_id))
    conn.execute(carry.on_conflict_do_update(
        index_elements=["product_id"],
        set_={"delta": stock_carried.c.delta + carry.excluded.delta}))
    conn.execute(delete(stock_movement).where(moves.sale_id.in_(ids)))
    for table in (sale_line_promotion, sale_promotion, sale_member, sale_tender, sale_line):
        conn.execute(delete(table).where(table.c.sale_id.in_(ids)))
    conn.execute(delete(print_job).where(
        print_job.c.receipt_no.in_(select(_chunk_of_sales.c.receipt_no).where(
            _chunk_of_sales.c.receipt_no.is_not(None))),
        print_job.c.state.in_(_FINISHED)))
    conn.execute(delete(sale).where(sale.c.id.in_(ids)))
    conn.execute(delete(retention_gate))


def incremental_vacuum(*, engine: Engine, max_steps: int | None = None) -> int:
    """Give free pages back to the file system, ``VACUUM_STEP_PAGES`` per short background
    transaction; returns how many pages."""
    freed = 0
    step = 0
    while max_steps is None or step < max_steps:
        step += 1
        with write_tx(engine, background=True) as conn:
            before = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar_one())
            if before == 0:
                break
            conn.exec_driver_sql(f"PRAGMA incremental_vacuum({VACUUM_STEP_PAGES})")
            after = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar_one())
        freed += before - after
        if after == before:  # not an incremental auto-vacuum file (converted on upgrade)
            break
    return freed


def apply_retention(*, engine: Engine, policy: RetentionPolicy, now: datetime,
                    vacuum: bool = True) -> RetentionReport:
    """Apply every rule of ``policy`` as of ``now`` (tz-aware), then give the space back."""
    def days_ago(n: int) -> datetime:
        return now - timedelta(days=n)

    loose = delete_loose_print_jobs(engine=engine, before=days_ago(policy.print_bytes_days))
    emptied = drop_print_bytes(engine=engine, before=days_ago(policy.print_bytes_days))
    # The same first kept day as the sync verification's window (``verify_since``).
    events = prune_events(engine=engine,
                          before=days_ago(policy.acked_events_days - 1).date().isoformat())
    sales = prune_sales(engine=engine, before=days_ago(policy.sales_days))
    pages = incremental_vacuum(engine=engine) if vacuum else 0
    return RetentionReport(print_jobs_emptied=emptied, print_jobs_deleted=loose,
                           events_deleted=events, sales_deleted=sales, pages_freed=pages)

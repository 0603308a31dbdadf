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

from sqlalchemy import Engine, text

from pos_app.store import sync_state
from pos_app.store.db import read_tx, write_tx

CHUNK = 200  # rows (sales, jobs) per short transaction
VACUUM_STEP_PAGES = 512  # pages given back per step (2 MB: a short hold of the write lock)


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
    done = 0
    while True:
        with write_tx(engine, background=True) as conn:
            # ``+state``: through the index of the jobs that still hold bytes (recent ones),
            # never through every finished job of the year.
            n = int(conn.execute(text(
                "UPDATE print_job SET payload = x'' WHERE id IN (SELECT id FROM print_job "
                "WHERE length(payload) > 0 AND updated_at < :b AND +state IN ('done', "
                "'failed') LIMIT :n)"), {"b": before.isoformat(), "n": CHUNK}).rowcount)
        done += n
        if n < CHUNK:
            return done


def delete_loose_print_jobs(*, engine: Engine, before: datetime) -> int:
    """Delete finished jobs of no sale (drawer kicks, test pages) from before ``before``."""
    with write_tx(engine, background=True) as conn:
        return int(conn.execute(text(
            "DELETE FROM print_job WHERE receipt_no IS NULL AND updated_at < :b AND state IN "
            "('done', 'failed')"), {"b": before.isoformat()}).rowcount)


def prune_events(*, engine: Engine, before: str) -> int:
    """Delete acknowledged events of business dates before ``before`` (every terminal code
    this outbox holds: a till enrolled again writes under its new one)."""
    with read_tx(engine) as conn:
        terminals = [r[0] for r in conn.execute(text(
            "SELECT DISTINCT terminal_code FROM outbox_day"))]
    return sum(sync_state.prune_acked(engine=engine, terminal_code=t, before=before)
               for t in terminals)


def _pending_until(engine: Engine, day: str) -> bool:
    with read_tx(engine) as conn:  # the partial index of pending events: O(pending)
        return conn.execute(text(
            "SELECT 1 FROM outbox_event WHERE acked_at IS NULL AND +business_date <= :d "
            "LIMIT 1"), {"d": day}).first() is not None


_CHUNK_OF_SALES = (
    "CREATE TEMP TABLE IF NOT EXISTS retention_sale (id INTEGER PRIMARY KEY, receipt_no TEXT)")


def prune_sales(*, engine: Engine, before: datetime) -> int:
    """Delete sales closed before ``before`` with everything that hangs on them; nothing while
    an event of those days is still unacknowledged. Returns how many sales."""
    if _pending_until(engine, before.date().isoformat()):
        return 0
    done = 0
    while True:
        with write_tx(engine, background=True) as conn:
            conn.execute(text(_CHUNK_OF_SALES))
            conn.execute(text("DELETE FROM retention_sale"))
            n = int(conn.execute(text(
                "INSERT INTO retention_sale (id, receipt_no) SELECT id, receipt_no FROM sale "
                "WHERE closed_at < :b AND state IN ('completed', 'voided') AND NOT EXISTS "
                "(SELECT 1 FROM coupon_redemption AS c WHERE c.sale_id = sale.id) "
                "ORDER BY closed_at LIMIT :n"), {"b": before.isoformat(), "n": CHUNK}).rowcount)
            if n:
                _delete_sales(conn)
        done += n
        if n < CHUNK:
            return done


def _delete_sales(conn: object) -> None:
    run = conn.execute  # type: ignore[attr-defined]
    run(text("INSERT INTO retention_gate (id) VALUES (1)"))
    run(text(
        "INSERT INTO stock_carried (product_id, delta) SELECT product_id, sum(delta) FROM "
        "stock_movement WHERE sale_id IN (SELECT id FROM retention_sale) GROUP BY product_id "
        "ON CONFLICT (product_id) DO UPDATE SET delta = delta + excluded.delta"))
    run(text("DELETE FROM stock_movement WHERE sale_id IN (SELECT id FROM retention_sale)"))
    for table in ("sale_line_promotion", "sale_promotion", "sale_member", "sale_tender",
                  "sale_line"):
        run(text(f"DELETE FROM {table} WHERE sale_id IN (SELECT id FROM retention_sale)"))
    run(text("DELETE FROM print_job WHERE receipt_no IN (SELECT receipt_no FROM "
             "retention_sale WHERE receipt_no IS NOT NULL) AND state IN ('done', 'failed')"))
    run(text("DELETE FROM sale WHERE id IN (SELECT id FROM retention_sale)"))
    run(text("DELETE FROM retention_gate"))


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

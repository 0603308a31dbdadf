"""Retention: each rule keeps what it must (never an unacknowledged event, never a sale whose
events are pending), the ledger still sums to the balance, and the space goes back."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from pos_app.store import catalog, db, print_jobs, retention, sales, sync_state
from pos_app.store.stock import ledger_sum

from .conftest import SaleFactory

NOW = datetime.fromisoformat("2026-12-04T10:00:00+08:00")
AT = NOW.isoformat()


def _days_ago(n: int) -> datetime:
    return NOW - timedelta(days=n)


def _count(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def _pid(engine: Engine, sku: str) -> int:
    product = catalog.get_product_by_sku(engine=engine, sku=sku)
    assert product is not None
    return product.product_id


# ---- print jobs ----------------------------------------------------------------------------


def test_printed_jobs_lose_their_bytes_after_n_days_and_keep_their_row(engine: Engine) -> None:
    def job(days: int, *, done: bool) -> int:
        at = _days_ago(days)
        job_id = print_jobs.enqueue_job(engine=engine, kind="receipt", payload=b"\x1b@receipt",
                                        now=at, receipt_no=f"R{days}{done}")
        if done:
            print_jobs.mark_done(engine=engine, job_id=job_id, now=at)
        return job_id

    old_done, old_queued, new_done = job(10, done=True), job(10, done=False), job(3, done=True)
    drawer = print_jobs.enqueue_job(engine=engine, kind="drawer", payload=b"\x1bp",
                                    now=_days_ago(10))
    print_jobs.mark_done(engine=engine, job_id=drawer, now=_days_ago(10))
    report = retention.apply_retention(engine=engine, policy=retention.RetentionPolicy(
        print_bytes_days=7), now=NOW)
    assert (report.print_jobs_emptied, report.print_jobs_deleted) == (1, 1)
    jobs = {j.job_id: j for j in print_jobs.list_jobs(engine=engine)}
    assert jobs[old_done].payload == b"" and jobs[old_done].state == "done"
    assert jobs[old_queued].payload == jobs[new_done].payload == b"\x1b@receipt"
    assert drawer not in jobs  # a finished job of no sale: nothing to reprint
    assert retention.drop_print_bytes(engine=engine, before=_days_ago(7)) == 0


# ---- acknowledged events -------------------------------------------------------------------


def _event_at(engine: Engine, at: datetime) -> None:
    from pos_app.store import outbox

    with db.write_tx(engine) as conn:
        outbox.append_event(conn, store_code="S001", terminal_code="T01", type="sale.completed",
                            payload={"total_fen": 100, "lines": []}, created_at=at.isoformat())


def test_acknowledged_events_go_after_n_days_pending_ones_never(engine: Engine) -> None:
    _event_at(engine, _days_ago(40))  # 1: acknowledged, old: goes
    _event_at(engine, _days_ago(3))  # 2: acknowledged, recent: stays
    _event_at(engine, _days_ago(45))  # 3: pending, old: stays
    sync_state.ack(engine=engine, terminal_code="T01", up_to_seq=2, at=AT)
    report = retention.apply_retention(engine=engine, now=NOW, policy=retention.RetentionPolicy(
        acked_events_days=30))
    assert report.events_deleted == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT seq FROM outbox_event ORDER BY seq")).scalars().all() \
            == [2, 3]
    assert sync_state.backlog(engine=engine, terminal_code="T01") == 1


# ---- old sales -----------------------------------------------------------------------------


def _sale(engine: Engine, make_sale: SaleFactory, uuid: str, days: int) -> str:
    cola, chips = _pid(engine, "T-COLA"), _pid(engine, "T-CHIPS")
    record = dataclasses.replace(make_sale([(cola, 2, 350), (chips, 1, 750)], uuid=uuid),
                                 opened_at=_days_ago(days), closed_at=_days_ago(days))
    return sales.commit_sale(engine=engine, record=record).receipt_no


def test_old_sales_go_once_their_events_are_acknowledged_and_stock_still_adds_up(
        engine: Engine, make_sale: SaleFactory) -> None:
    cola = _pid(engine, "T-COLA")
    old = _sale(engine, make_sale, "old", 450)
    recent = _sale(engine, make_sale, "recent", 10)
    on_hand = catalog.on_hand(engine=engine, product_id=cola)
    before = retention.RetentionPolicy(sales_days=400)
    # The old sale's event is still pending: the sale stays.
    assert retention.apply_retention(engine=engine, policy=before, now=NOW).sales_deleted == 0
    assert sales.get_sale(engine=engine, receipt_no=old) is not None
    sync_state.ack(engine=engine, terminal_code="T01", up_to_seq=99, at=AT)
    assert retention.apply_retention(engine=engine, policy=before, now=NOW).sales_deleted == 1
    assert sales.get_sale(engine=engine, receipt_no=old) is None
    assert sales.get_sale(engine=engine, receipt_no=recent) is not None
    assert _count(engine, "SELECT count(*) FROM sale_line") == 2  # the recent sale's
    assert _count(engine, "SELECT count(*) FROM stock_movement WHERE sale_id IS NOT NULL") == 2
    assert catalog.on_hand(engine=engine, product_id=cola) == on_hand
    assert ledger_sum(engine=engine, product_id=cola) == on_hand
    assert _count(engine, "SELECT count(*) FROM retention_gate") == 0


def test_closed_sales_and_the_ledger_stay_undeletable_outside_retention(
        engine: Engine, make_sale: SaleFactory) -> None:
    _sale(engine, make_sale, "u1", 450)
    with pytest.raises(DBAPIError, match="never deleted"), engine.begin() as conn:
        conn.execute(text("DELETE FROM sale"))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM stock_movement"))


# ---- space ---------------------------------------------------------------------------------


def test_freed_pages_go_back_to_the_file_system(tmp_path: Path) -> None:
    path = tmp_path / "till.db"
    engine = db.open_database(path)
    try:
        with db.write_tx(engine) as conn:
            conn.execute(text("CREATE TABLE filler (b BLOB)"))
            conn.execute(text("INSERT INTO filler (b) SELECT randomblob(8192) FROM "
                              "json_each('[' || substr(replace(hex(zeroblob(500)), '00', "
                              "'0,'), 1, 999) || ']')"))
        with db.write_tx(engine) as conn:
            conn.execute(text("DELETE FROM filler"))
        assert _count(engine, "PRAGMA freelist_count") > 500
        assert retention.incremental_vacuum(engine=engine) > 500
        assert _count(engine, "PRAGMA freelist_count") == 0
        assert _count(engine, "PRAGMA page_count") < 200
    finally:
        engine.dispose()


def test_a_file_from_before_is_converted_to_incremental_vacuum_on_upgrade(
        tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)  # what the app before 0010 made: no auto-vacuum
    con.execute("PRAGMA auto_vacuum=NONE")
    con.execute("CREATE TABLE probe (x)")
    con.execute("DROP TABLE probe")
    con.close()
    engine = db.open_engine(path)
    try:
        db.migrate(engine, revision="0007_sync")
        assert _count(engine, "PRAGMA auto_vacuum") == 0
        db.migrate(engine)
        assert _count(engine, "PRAGMA auto_vacuum") == 2
    finally:
        engine.dispose()


def test_the_idle_worker_applies_retention(engine: Engine) -> None:
    from pos_app.store.maintenance import StoreMaintenance

    _event_at(engine, _days_ago(40))
    sync_state.ack(engine=engine, terminal_code="T01", up_to_seq=1, at=AT)
    worker = StoreMaintenance(engine=engine, clock=lambda: NOW, poll_s=0.01, idle_s=0.0,
                              first_retention_s=0.0)
    worker.start()
    try:
        report = worker.wait_for_retention(timeout_s=30.0)
    finally:
        worker.stop()
    assert report is not None and report.events_deleted == 1
    assert _count(engine, "SELECT count(*) FROM outbox_event") == 0

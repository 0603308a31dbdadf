"""A till after a year of trading, against a fresh one in the same run.

The year-old database (``bench.history_data``: ``--sales`` completed sales through
``CheckoutService``, acknowledged day by day as the sync client does) and a fresh one (the
same catalog, no sales) are measured alike, both enrolled (a credential in the data folder,
so start-up reads the sync state as an enrolled till does):

- ``cold_start_enrolled_s``: ``python -m pos_app --ready-probe`` with the database file
  evicted from the page cache first (``posix_fadvise(DONTNEED)`` after a sync; where the
  machine refuses, ``cache_evicted`` says so); median of a few runs.
- ``sale_commit_ms_p99``: a 10-line cash sale's durable commit (``begin_complete().run``,
  what the writer thread runs), on a scratch copy, with the store's idle worker running as in
  the app (checkpoints off the sale path).
- ``backlog_ms_p50``: the sync status's backlog count with the sales just made pending
  (then acknowledged, as a push does).
- ``day_summary_ms``: one day's summary, and ``verify_summaries_ms`` the 30 verified days.
- ``db_mb``: the file after retention (``apply_retention`` as the idle worker runs it), and
  ``db_mb_before_retention``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench import dataset, history_data
from bench.report import log
from bench.stats import median, ms, percentile

FULL_SALES = 300_000
SMALL_SALES = 10_000
COMMITS = 1_000
WARMUP = 20
STARTS = 3
TARGETS = {"cold_start_enrolled_s": 2.0, "sale_commit_ms_p99": 25, "backlog_ms_p50": 5}


def _evict(path: Path) -> bool:
    """Drop the file (and its WAL) from the page cache; False where the OS will not."""
    os.sync()
    ok = True
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if not p.exists():
            continue
        fd = os.open(p, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except (AttributeError, OSError):
            ok = False
        finally:
            os.close(fd)
    return ok


def _enroll(data_dir: Path) -> None:
    from sync.client_credential import Credential, credential_path, save_credential

    save_credential(credential_path(data_dir), Credential(
        url="http://127.0.0.1:9", store_code="S001", store_name="基准测试店",
        terminal_code="T01", terminal_id="bench-history", credential="bench",
        enrolled_at=datetime.now().astimezone().isoformat()))


def _cold_start(db_path: Path, data_dir: Path) -> tuple[float, bool]:
    evicted = _evict(db_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", POS_DATA_DIR=str(data_dir))
    proc = subprocess.run([sys.executable, "-m", "pos_app", "--db", str(db_path),
                           "--ready-probe"], capture_output=True, text=True, env=env,
                          timeout=180, cwd=dataset.REPO_ROOT, check=False)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"ready probe failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return float(json.loads(lines[-1])["ready_s"]), evicted


def _sales(db_path: Path, skus: int) -> dict[str, float]:
    """Commit ``COMMITS`` 10-line cash sales; the commit's p50/p99 and the backlog count's
    p50 afterwards (those sales pending), with the idle worker running."""
    from pos_app.core.money import Money
    from pos_app.services.checkout import CheckoutService
    from pos_app.store import catalog, db, sync_state, terminal
    from pos_app.store.maintenance import StoreMaintenance

    rng = random.Random(17)
    engine = db.open_database(db_path)
    worker = StoreMaintenance(engine=engine, first_retention_s=1e9)
    worker.start()
    try:
        info = terminal.get_store_info(engine=engine)
        ids = rng.sample(range(1, skus + 1), min(2_000, skus))
        products = [p for i in ids if (p := catalog.get_product(engine=engine, product_id=i))
                    and not p.is_weighed and not p.age_restricted and p.active]
        service = CheckoutService(engine=engine, store_info=info)
        commit_ns: list[int] = []
        for i in range(COMMITS + WARMUP):
            for product in rng.sample(products, history_data.LINES):
                service.add_product(product, rng.choice((1, 1, 1, 2)))
            due = service.current().priced.totals.total
            service.add_tender("cash", Money((due.fen // 10_000 + 1) * 10_000))
            pending = service.begin_complete()
            t0 = time.perf_counter_ns()
            committed = pending.run()
            t1 = time.perf_counter_ns()
            pending.finish(committed)
            if i >= WARMUP:
                commit_ns.append(t1 - t0)
        backlog_ns = []
        for _ in range(200):
            t0 = time.perf_counter_ns()
            sync_state.backlog(engine=engine, terminal_code=info.terminal_code)
            backlog_ns.append(time.perf_counter_ns() - t0)
        # Then the push acknowledges them, as the sync client does before it verifies.
        history_data.ack_pending(engine, info.terminal_code)
    finally:
        worker.stop()
        engine.dispose()
    return {"sale_commit_ms_p50": ms(percentile(commit_ns, 50)),
            "sale_commit_ms_p99": ms(percentile(commit_ns, 99)),
            "sale_commit_ms_max": ms(max(commit_ns)),
            "backlog_ms_p50": ms(percentile(backlog_ns, 50))}


def _last_day(engine: Any) -> datetime:
    from sqlalchemy import text

    with engine.connect() as conn:
        day = conn.execute(text("SELECT max(business_date) FROM outbox_day")).scalar()
    if day is None:
        return datetime.now().astimezone()
    return datetime.fromisoformat(f"{day}T21:00:00").astimezone()


def _summaries_and_retention(db_path: Path) -> dict[str, float]:
    from pos_app.store import db, retention, sync_state

    engine = db.open_database(db_path)
    try:
        last = _last_day(engine)
        one, month = [], []
        for _ in range(5):
            t0 = time.perf_counter_ns()
            sync_state.day_summaries(engine=engine, terminal_code="T01",
                                     since=last.date().isoformat())
            t1 = time.perf_counter_ns()
            sync_state.day_summaries(engine=engine, terminal_code="T01",
                                     since=(last - timedelta(days=29)).date().isoformat())
            one.append(t1 - t0)
            month.append(time.perf_counter_ns() - t1)
        before_mb = db_path.stat().st_size / 1e6
        started = time.perf_counter()
        report = retention.apply_retention(engine=engine, policy=retention.RetentionPolicy(),
                                           now=last + timedelta(days=1))
        took = time.perf_counter() - started
    finally:
        engine.dispose()
    history_data._checkpoint(db_path)
    return {"day_summary_ms": ms(median(one)), "verify_summaries_ms": ms(median(month)),
            "db_mb_before_retention": round(before_mb, 1),
            "db_mb": round(db_path.stat().st_size / 1e6, 1),
            "retention_s": round(took, 2), "retention_sales_deleted": report.sales_deleted,
            "retention_events_deleted": report.events_deleted}


def _measure(label: str, source: Path, scratch: Path, skus: int) -> dict[str, Any]:
    """Every figure on a scratch copy of ``source`` (the cache stays as built)."""
    copy = scratch / f"{label}.db"
    shutil.copyfile(source, copy)
    data_dir = scratch / f"{label}-data"
    _enroll(data_dir)
    starts, evicted = [], True
    _cold_start(copy, data_dir)  # warm-up: imports, and a first migration check
    for i in range(STARTS):
        ready, ok = _cold_start(copy, data_dir)
        starts.append(ready)
        evicted = evicted and ok
        log(f"{label}: cold start {i + 1}/{STARTS}: {ready:.3f}s")
    figures: dict[str, Any] = {"cold_start_enrolled_s": round(median(starts), 3),
                               "cache_evicted": evicted}
    log(f"{label}: committing {COMMITS} sales")
    figures |= _sales(copy, skus)
    figures |= _summaries_and_retention(copy)
    log(f"{label}: {figures}")
    return figures


def run(*, skus: int, small: bool, sales: int | None = None) -> dict[str, object]:
    sales = sales if sales is not None else (SMALL_SALES if small else FULL_SALES)
    source = history_data.ensure(sales=sales, skus=skus, today=datetime.now().astimezone())
    fresh_source = dataset.ensure_db(skus)
    with tempfile.TemporaryDirectory(dir=dataset.scratch_dir()) as tmp:
        old = _measure("year-old", source, Path(tmp), skus)
        fresh = _measure("fresh", fresh_source, Path(tmp), skus)
    result: dict[str, object] = {"sales": sales, "skus": skus, **old}
    result["fresh"] = fresh
    result["targets"] = TARGETS
    return result

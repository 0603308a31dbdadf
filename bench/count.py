"""A stock count of 50,000 lines against the 1,000,000-product catalog, while the till
sells (budgets: variance review ≤ 3 s, posting ≤ 5 s, a count scan p99 ≤ 16 ms).

Anchor: Odoo #42997 / OCA stock-logistics #1947: a count overwrote quantities while sales
kept moving.

The till (cached under ``.bench/``): the benchmark catalog, opening stock for every counted
product, and one open count session of ``LINES`` lines over ~40,000 products (one in five
counted on two shelves), the till selling between the lines (a sale movement every ten
lines, so the marks are spread over the ledger). On a scratch copy:

- ``scan_to_count_ms_p50`` / ``_p99``: ``CountService.scan`` of a barcode (lookup, the
  session check and the line's durable insert at the ledger mark), over barcodes not
  counted before; reference ``ref_lookup_insert_ms_p99``: the bare SQLite barcode lookup
  and one committed insert (``synchronous=FULL``).
- ``variance_s``: ``CountService.review`` on a fresh engine: every line, the per-product
  counts, the expected quantity at each mark, values at cost and price, the uncounted
  products of the (whole-store) scope.
- ``post_s``: ``CountService.post`` of the approved session: the adjustments, the one
  ``count.posted`` event, the session posted, one durable transaction.
  ``post_matches``: sampled products' balances equal counted + movements after the mark.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench import dataset
from bench.report import log
from bench.stats import summary_ms

if TYPE_CHECKING:
    from sqlalchemy import Engine

LINES = 50_000
SMALL_LINES = 5_000
SCANS = 1_000
SMALL_SCANS = 200
TARGET = {"variance_s": 3.0, "post_s": 5.0, "scan_to_count_ms_p99": 16.0}
ANCHOR = "Odoo #42997 / OCA stock-logistics #1947: a count overwrote moving quantities"
SEED = 20261205


def _session(engine: Engine, skus: int, lines: int) -> None:
    """Opening stock, then ``lines`` count lines with sales between them (one session)."""
    from pos_app.core.counting import CountLine, CountScope
    from pos_app.store import counts, terminal
    from pos_app.store.db import write_tx
    from pos_app.store.stock import apply_movements

    rng = random.Random(SEED)
    info = terminal.get_store_info(engine=engine)
    products = rng.sample(range(1, skus + 1), k=int(lines * 0.8))
    apply_at = "2026-12-05T07:00:00+08:00"
    with write_tx(engine) as conn:
        apply_movements(conn, [(p, rng.randint(0, 60)) for p in products], reason="opening",
                        created_at=apply_at)
    sid = counts.open_session(engine=engine, session_uuid="bench-count",
                              store_code=info.store_code, scope=CountScope("store"),
                              blind=True, opened_at="2026-12-05T08:00:00+08:00")
    plan = products + rng.sample(products, k=lines - len(products))  # 2nd shelf
    rng.shuffle(plan)
    for start in range(0, len(plan), 1000):
        with write_tx(engine) as conn:
            mark = counts.ledger_mark(conn)
            counts.add_lines(conn, session_id=sid, lines=[CountLine(
                pid, "", rng.randint(0, 40), mark, "C1", "盘点员", "HH-1",
                f"A-{n % 40:02d}", "2026-12-05T09:00:00+08:00") for n, pid in
                enumerate(plan[start:start + 1000])])
            apply_movements(conn, [(rng.choice(products), -1) for _ in range(100)],
                            reason="sale", created_at="2026-12-05T09:00:01+08:00")
    with write_tx(engine) as conn:  # the codes: the product's SKU (a typed count)
        conn.exec_driver_sql(
            "UPDATE count_line SET code = (SELECT sku FROM product WHERE id = product_id)")


def _ensure(skus: int, lines: int) -> Path:
    from pos_app.store import db

    path = dataset.CACHE_DIR / f"count-{skus}-{lines}.db"
    if path.exists():
        log(f"using cached {path.name}")
        return path
    source = dataset.ensure_db(skus)
    tmp = path.with_name(f"{path.stem}.partial-{os.getpid()}.db")
    shutil.copyfile(source, tmp)
    log(f"building the count session ({lines:,} lines) into {tmp.name}")
    engine = db.open_database(tmp)
    try:
        _session(engine, skus, lines)
    finally:
        engine.dispose()
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)
    return path


def _scans(engine: Engine, path: Path, sid: int, n: int) -> tuple[list[int], list[int]]:
    """Timed count scans of uncounted barcodes, and the bare reference."""
    from pos_app.services.counts import CountService
    from pos_app.store import terminal

    rows = dataset.sample_rows(path, "barcode", "code, product_id", n * 3, seed=SEED + 1)
    con = sqlite3.connect(path)
    counted = {r[0] for r in con.execute(
        "SELECT DISTINCT product_id FROM count_line WHERE session_id = ?", (sid,))}
    con.close()
    codes = [code for code, pid in rows if pid not in counted][: n * 2]
    service = CountService(engine=engine, store_info=terminal.get_store_info(engine=engine),
                           device="T01")
    timed = []
    for code in codes[:n]:
        t0 = time.perf_counter_ns()
        service.scan(sid, code, qty=3, location="B-01")
        timed.append(time.perf_counter_ns() - t0)
    ref = sqlite3.connect(path, isolation_level=None)
    ref.execute("PRAGMA synchronous=FULL")
    ref.execute("CREATE TABLE IF NOT EXISTS bench_ref (code TEXT, qty INTEGER)")
    refs = []
    for code in codes[n:]:
        t0 = time.perf_counter_ns()
        ref.execute("SELECT product_id FROM barcode WHERE code = ?", (code,)).fetchone()
        ref.execute("BEGIN IMMEDIATE")
        ref.execute("INSERT INTO bench_ref VALUES (?, 3)", (code,))
        ref.execute("COMMIT")
        refs.append(time.perf_counter_ns() - t0)
    ref.close()
    return timed, refs


def _check(engine: Engine, sid: int) -> bool:
    """Sampled products: the balance after posting = counted + movements after the mark."""
    from pos_app.core.counting import product_counts
    from pos_app.store import counts
    from pos_app.store.db import read_tx

    with read_tx(engine) as conn:
        totals = product_counts(counts.lines_of(conn, sid))
        for pid in random.Random(SEED + 2).sample(sorted(totals), k=50):
            c = totals[pid]
            after = conn.exec_driver_sql(
                "SELECT coalesce(sum(delta), 0) FROM stock_movement WHERE product_id = ? "
                "AND id > ? AND reason != 'count'", (pid, c.hwm)).scalar_one()
            balance = conn.exec_driver_sql(
                "SELECT on_hand FROM stock_balance WHERE product_id = ?", (pid,)).scalar_one()
            if balance != c.counted + after:
                return False
    return True


def run(*, skus: int, small: bool) -> dict[str, object]:
    from pos_app.services.counts import CountService
    from pos_app.store import db, terminal

    lines = SMALL_LINES if small else LINES
    source = _ensure(skus, lines)
    with tempfile.TemporaryDirectory(dir=dataset.scratch_dir()) as tmp:
        copy = Path(tmp) / "count.db"
        shutil.copyfile(source, copy)
        os.sync()
        engine = db.open_database(copy)
        try:
            service = CountService(engine=engine,
                                   store_info=terminal.get_store_info(engine=engine))
            t0 = time.perf_counter()
            review = service.review(1)
            variance_s = time.perf_counter() - t0
            timed, refs = _scans(engine, copy, 1, SMALL_SCANS if small else SCANS)
            service.approve(1)
            t0 = time.perf_counter()
            posted = service.post(1)
            post_s = time.perf_counter() - t0
            matches = _check(engine, 1)
        finally:
            engine.dispose()
    scan = summary_ms(timed, 50, 99)
    ref = summary_ms(refs, 50, 99)
    return {
        "variance_s": round(variance_s, 3), "post_s": round(post_s, 3),
        "scan_to_count_ms_p50": scan["p50"], "scan_to_count_ms_p99": scan["p99"],
        "ref_lookup_insert_ms_p99": ref["p99"],
        "ratio_scan_p99_to_ref": round(scan["p99"] / ref["p99"], 2) if ref["p99"] else None,
        "lines": review.lines, "products_counted": len(review.rows),
        "big_variances": len(review.big), "uncounted_products": review.uncounted_total,
        "adjusted": posted.adjusted, "post_matches": matches, "scans": len(timed),
        "skus": skus, "targets": TARGET, "anchor": ANCHOR,
    }

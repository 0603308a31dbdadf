"""A till after a year of trading, for ``bench.history``: built once per size and cached as
``.bench/history-<sales>-<skus>.db``.

Every sale goes through ``CheckoutService`` (about ``LINES`` products added, paid in cash,
``complete()``), spread over ``DAYS`` days of a store's opening hours; at the end of each
day the events are acknowledged in push-sized batches and the days outside the verified
window pruned, as the sync client does. To build fast the build's own connections write with
``synchronous=OFF`` (a crash only loses the cache, which is then built again); everything else
is the app's code path.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import dataset
from bench.report import log

if TYPE_CHECKING:  # imported when a run needs it
    from sqlalchemy import Engine

DAYS = 365
LINES = 10
PUSH_BATCH = 250
KEEP_ACKED_DAYS = 30
POOL = 20_000  # products sold (a store sells a part of its catalog)


def cache_path(sales: int, skus: int) -> Path:
    return dataset.CACHE_DIR / f"history-{sales}-{skus}.db"


def first_day(today: datetime) -> datetime:
    """Opening time of the first day of the year of trading that ends yesterday."""
    start = (today - timedelta(days=DAYS)).replace(hour=8, minute=0, second=0, microsecond=0)
    return start


def _fast(engine: Engine) -> None:
    from sqlalchemy import event

    def off(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA synchronous=OFF")

    event.listen(engine, "connect", off)


def _sell_year(engine: Engine, *, sales: int, skus: int, today: datetime, seed: int = 3) -> None:
    from pos_app.core.money import Money
    from pos_app.services.checkout import CheckoutService
    from pos_app.store import catalog, terminal
    from pos_app.store.sync_local import TerminalSyncStore
    from sync.client_plan import verify_since

    rng = random.Random(seed)
    info = terminal.get_store_info(engine=engine)
    ids = rng.sample(range(1, skus + 1), min(POOL, skus))
    products = [p for i in ids if (p := catalog.get_product(engine=engine, product_id=i))
                and not p.is_weighed and not p.age_restricted and p.active]
    now = [first_day(today)]
    checkout = CheckoutService(engine=engine, store_info=info, clock=lambda: now[0])
    store = TerminalSyncStore(engine=engine, terminal_code=info.terminal_code,
                              clock=lambda: now[0])
    per_day = [sales // DAYS + (1 if d < sales % DAYS else 0) for d in range(DAYS)]
    started = time.monotonic()
    done = 0
    for day, count in enumerate(per_day):
        opening = first_day(today) + timedelta(days=day)
        step = timedelta(hours=13) / max(count, 1)
        for i in range(count):
            now[0] = opening + step * i
            for product in rng.sample(products, LINES):
                checkout.add_product(product, rng.choice((1, 1, 1, 2)))
            due = checkout.current().priced.totals.total
            checkout.add_tender("cash", Money((due.fen // 10_000 + 1) * 10_000))
            checkout.complete()
        done += count
        now[0] = opening + timedelta(hours=13, minutes=30)
        ack_pending(engine, info.terminal_code)
        store.prune(verify_since(now[0].date(), KEEP_ACKED_DAYS))
        if day % 30 == 29 or day == DAYS - 1:
            rate = done / max(time.monotonic() - started, 1e-9)
            log(f"day {day + 1}/{DAYS}: {done:,} sales ({rate:,.0f}/s)")


def ack_pending(engine: Engine, terminal_code: str) -> None:
    """Acknowledge what is pending in push-sized batches, as the client does after a push."""
    from pos_app.store import sync_state
    from pos_app.store.sync_local import TerminalSyncStore

    store = TerminalSyncStore(engine=engine, terminal_code=terminal_code)
    first = sync_state.get_status(engine=engine).acked_seq + 1
    last = store.last_seq()
    for lo in range(first, last + 1, PUSH_BATCH):
        store.ack(lo, min(lo + PUSH_BATCH - 1, last), {})


def _checkpoint(path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def build(path: Path, *, sales: int, skus: int, today: datetime,
          progress: Callable[[str], None] = log) -> None:
    """Build the year-old database at ``path`` (through a temporary name)."""
    from pos_app.store import db

    catalog_db = dataset.ensure_db(skus)
    tmp = path.with_name(f"{path.stem}.partial-{os.getpid()}.db")
    for stale in path.parent.glob(f"{path.stem}.partial-*"):
        stale.unlink()
    shutil.copyfile(catalog_db, tmp)
    progress(f"selling {sales:,} sales of {LINES} lines over {DAYS} days into {tmp.name}")
    started = time.monotonic()
    engine = db.open_engine(tmp)
    try:
        db.migrate(engine)  # an older catalog cache is upgraded (and converted) here
        _fast(engine)
        engine.dispose()  # the pool's connections get the fast pragma from now on
        _sell_year(engine, sales=sales, skus=skus, today=today)
    finally:
        engine.dispose()
    _checkpoint(tmp)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)
    progress(f"built {path.name} in {time.monotonic() - started:.0f}s "
             f"({path.stat().st_size / 1e6:,.0f} MB)")


def ensure(*, sales: int, skus: int, today: datetime) -> Path:
    """Path of the cached year-old database, built if missing."""
    import fcntl

    dataset.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = cache_path(sales, skus)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            log(f"using cached {path.name}")
        else:
            build(path, sales=sales, skus=skus, today=today)
    return path

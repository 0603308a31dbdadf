"""Benchmark databases: generated once per size, cached as .bench/skus-N.db.

Generation writes to a temporary name and renames when complete, so a killed run never leaves
a half-built cache; a cache is trusted only if it opens and holds at least N products.
"""

from __future__ import annotations

import fcntl
import os
import random
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.report import log

if TYPE_CHECKING:  # imported when a run needs them
    from sqlalchemy import Engine

    from pos_app.core.product import ProductInfo

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = REPO_ROOT / ".bench"


def cache_path(skus: int) -> Path:
    return CACHE_DIR / f"skus-{skus}.db"


def scratch_dir() -> Path:
    """A directory on the same disk as the caches, for throw-away databases."""
    path = CACHE_DIR / "scratch"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _product_count(path: Path) -> int | None:
    """Products in an existing cache via the store's own API, or None if unusable."""
    if not path.exists():
        return None
    from pos_app.store import catalog, db

    try:
        engine = db.open_database(path)
        try:
            return catalog.product_count(engine=engine)
        finally:
            engine.dispose()
    except Exception as exc:  # a corrupt or foreign file is simply regenerated
        log(f"cache {path.name} unusable ({type(exc).__name__}: {exc}); regenerating")
        return None


def _ensure_store_info(engine: Engine) -> None:
    """The app needs store/terminal settings; give the synthetic DB a default if it has none."""
    from pos_app.core.store_info import StoreInfo
    from pos_app.store import terminal

    try:
        terminal.get_store_info(engine=engine)
        return
    except Exception:
        pass
    terminal.set_store_info(
        engine=engine,
        info=StoreInfo(store_code="S001", store_name="基准测试店",
                       store_address="上海市", terminal_code="T01"),
    )


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so the file alone can be renamed."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def populate(engine: Engine, skus: int) -> None:
    """Fill an empty database: synthetic products, merged search index, store info."""
    from pos_app.store import synthetic

    synthetic.generate_synthetic(engine=engine, count=skus)
    synthetic.optimize_search_index(engine=engine)
    _ensure_store_info(engine)


def products(engine: Engine, ids: Iterable[int]) -> list[ProductInfo]:
    """The catalog's products of these ids (each one must be there)."""
    from pos_app.store import catalog

    found = []
    for product_id in ids:
        product = catalog.get_product(engine=engine, product_id=product_id)
        if product is None:
            raise RuntimeError(f"product {product_id} is not in the benchmark catalog")
        found.append(product)
    return found


def _generate(path: Path, skus: int) -> None:
    from pos_app.store import db

    tmp = path.with_name(f"{path.stem}.partial-{os.getpid()}.db")
    for stale in path.parent.glob(f"{path.stem}.partial-*"):
        stale.unlink()
    log(f"generating {skus:,} synthetic products into {tmp.name} (once; cached after)")
    started = time.monotonic()
    engine = db.open_database(tmp)
    try:
        populate(engine, skus)
    finally:
        engine.dispose()
    _checkpoint(tmp)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):  # stale side files of an older cache would corrupt it
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)
    log(f"generated {path.name} in {time.monotonic() - started:.1f}s")


def ensure_db(skus: int) -> Path:
    """Path of a valid benchmark DB with ``skus`` products, generating it if needed."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = cache_path(skus)
    with open(CACHE_DIR / f"skus-{skus}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one generator at a time
        count = _product_count(path)
        if count is not None and count >= skus:
            log(f"using cached {path.name} ({count:,} products)")
        else:
            if count is not None:
                log(f"cache {path.name} holds {count:,} < {skus:,} products; regenerating")
            _generate(path, skus)
    return path


def sample_rows(path: Path, table: str, columns: str, n: int,
                seed: int) -> list[tuple[Any, ...]]:
    """About ``n`` random rows of ``table`` by random rowid: bounded, no full scan."""
    rng = random.Random(seed)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (max_rowid,) = con.execute(f"SELECT max(rowid) FROM {table}").fetchone()
        if not max_rowid:
            raise RuntimeError(f"{table} is empty in {path}")
        rows: list[tuple[Any, ...]] = []
        attempts = 0
        while len(rows) < n and attempts < n * 20:
            attempts += 1
            row = con.execute(
                f"SELECT {columns} FROM {table} WHERE rowid >= ? ORDER BY rowid LIMIT 1",
                (rng.randint(1, max_rowid),),
            ).fetchone()
            if row is not None:
                rows.append(row)
        return rows
    finally:
        con.close()

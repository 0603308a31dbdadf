"""Demo data in the till's store: the demo chain (``contract.demo``: a realistic Chinese
supermarket, store S001, terminal T01) with members and promotions (``demo_loyalty``), and
synthetic SKUs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from contract.demo import DEMO_CSV, DEMO_STAFF, DEMO_STORE, demo_staff_data, opening_qty
from contract.products import decode_csv_bytes, parse_products_csv
from pos_app.core.clock import default_now
from pos_app.core.errors import PosError
from pos_app.store.catalog import product_id_of, upsert_rows
from pos_app.store.db import write_tx
from pos_app.store.demo_loyalty import seed_loyalty
from pos_app.store.models import staff
from pos_app.store.search_text import index_text
from pos_app.store.staff import put_staff
from pos_app.store.stock import apply_movements
from pos_app.store.synthetic import generate_synthetic, optimize_search_index
from pos_app.store.terminal import put_store_info, read_store_info

__all__ = ["generate_synthetic", "optimize_search_index", "seed_demo", "seed_demo_staff"]


def seed_demo(*, engine: Engine, csv_path: Path = DEMO_CSV, at: datetime | None = None) -> bool:
    """Load the demo catalog, store info, opening stock (as of ``at``, default now) and the
    demo staff in one transaction; a second call does nothing. Returns whether anything was
    written."""
    rows, errors = parse_products_csv(decode_csv_bytes(csv_path.read_bytes()))
    if errors:  # the shipped file is checked by the tests; this guards edited copies
        first = errors[0]
        raise PosError("demo.bad_data", line=first.line, problem=first.key)
    products = [r for _, r in rows]
    texts = [index_text(p.name) for p in products]
    seeded_at = (at or default_now()).isoformat()
    with write_tx(engine) as conn:
        if product_id_of(conn, products[0].sku) is not None:  # seeded already
            return False
        if read_store_info(conn) is None:
            put_store_info(conn, DEMO_STORE)
        ids = upsert_rows(conn, products, texts=texts)
        apply_movements(conn, [
            (pid, opening_qty(n, p.is_weighed))
            for n, (pid, p) in enumerate(zip(ids, products, strict=True))
        ], reason="opening", created_at=seeded_at)
        seed_loyalty(conn, at=seeded_at)
        _put_demo_staff(conn, at=seeded_at)
    return True


def _put_demo_staff(conn: Connection, *, at: str) -> bool:
    if conn.execute(select(staff.c.staff_id).where(
            staff.c.staff_id == DEMO_STAFF[0].staff_id)).first():
        return False
    for staff_id, data in demo_staff_data():
        put_staff(conn, staff_id, data, at=at)
    return True


def seed_demo_staff(*, engine: Engine, at: datetime | None = None) -> bool:
    """The demo staff (public PINs) on a demo database that lacks them (a benchmark's, or
    one seeded before staff existed); a second call does nothing."""
    with write_tx(engine) as conn:
        return _put_demo_staff(conn, at=(at or default_now()).isoformat())

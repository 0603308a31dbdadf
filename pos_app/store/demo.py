"""Demo data in the till's store: the demo chain (``contract.demo``: a realistic Chinese
supermarket, store S001, terminal T01) with members and promotions (``demo_loyalty``), and
synthetic SKUs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from contract.demo import DEMO_CSV, DEMO_STORE, demo_staff_data, opening_qty
from contract.products import decode_csv_bytes, parse_products_csv
from pos_app.core.clock import default_now
from pos_app.core.errors import PosError
from pos_app.store.catalog import product_id_of, upsert_rows
from pos_app.store.db import write_tx
from pos_app.store.demo_loyalty import seed_loyalty
from pos_app.store.search_text import index_text
from pos_app.store.staff import put_staff
from pos_app.store.stock import apply_movements
from pos_app.store.synthetic import generate_synthetic, optimize_search_index
from pos_app.store.terminal import put_store_info, read_store_info

__all__ = ["generate_synthetic", "optimize_search_index", "seed_demo"]


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
    staff = demo_staff_data()  # argon2: hashed before the transaction
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
        for staff_id, data in staff:
            put_staff(conn, staff_id, data, at=seeded_at)
    return True

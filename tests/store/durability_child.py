"""Child process for test_durability_kill: sells in a loop and reports each committed sale.

Usage: python durability_child.py DB_PATH SEED. Prints ``ready`` once, then one line
``RECEIPT_NO LINES`` per sale, written and flushed only after commit_sale has returned.
"""

from __future__ import annotations

import random
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from pos_app.store.db import open_engine
from pos_app.store.sales import SaleLineRecord, SaleRecord, TenderRecord, commit_sale


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    engine = open_engine(path)
    with engine.connect() as conn:
        products = [(r[0], r[1]) for r in conn.execute(text("SELECT id, price_fen FROM product"))]
    print("ready", flush=True)
    while True:
        picks = rng.sample(products, rng.randint(1, min(4, len(products))))
        lines = [SaleLineRecord(product_id=pid, sku=str(pid), name="商品", qty=q,
                                unit_price_fen=price, gross_fen=q * price, net_fen=q * price)
                 for (pid, price), q in ((p, rng.randint(1, 3)) for p in picks)]
        total = sum(ln.net_fen for ln in lines)
        now = datetime.now(UTC)
        record = SaleRecord(
            sale_uuid=str(uuid.uuid4()), store_code="S001", terminal_code="T01",
            opened_at=now, closed_at=now, lines=lines,
            tenders=[TenderRecord(kind="cash", amount_fen=total, tendered_fen=total)],
            item_count=sum(ln.qty for ln in lines), subtotal_fen=total, total_fen=total,
            paid_fen=total,
        )
        done = commit_sale(engine=engine, record=record)
        sys.stdout.write(f"{done.receipt_no} {len(lines)}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

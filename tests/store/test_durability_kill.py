"""A sale the cashier saw completed survives kill -9; no sale is ever half written."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from contract.products import ProductRow
from pos_app.store import catalog, db

ROUNDS = 25
TIME_BUDGET_S = 20.0  # bounded on a slow or busy machine: fewer rounds, same checks
CHILD = Path(__file__).with_name("durability_child.py")
ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(path: Path, rng: random.Random) -> list[tuple[str, int]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(CHILD), str(path), str(rng.randrange(10**6))],
                            stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0.0, 0.3))  # sometimes during start-up
    else:
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.4))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    reported = []
    for line in out.split(b"\n")[:-1]:  # the last piece may be cut mid-line
        if line != b"ready":
            receipt, n_lines = line.decode().split()
            reported.append((receipt, int(n_lines)))
    return reported


def test_sales_survive_sigkill_whole_and_counters_stay_gap_free(tmp_path: Path) -> None:
    path = tmp_path / "kill.db"
    engine = db.open_database(path)
    catalog.upsert_products(engine=engine, rows=[
        ProductRow(sku=f"K{i}", name=f"测试商品{i}", price_fen=100 + i) for i in range(8)
    ])
    engine.dispose()
    rng = random.Random(20241122)
    reported: list[tuple[str, int]] = []
    started = time.monotonic()
    rounds = 0
    while rounds < ROUNDS and time.monotonic() - started < TIME_BUDGET_S:
        reported += _run_and_kill(path, rng)
        rounds += 1
    assert rounds >= 5 and len(reported) > 0

    engine = db.open_database(path)
    with engine.connect() as conn:
        def q(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in conn.execute(text(sql))]

        assert q("PRAGMA integrity_check") == [("ok",)]
        per_sale = {r[0]: r[1:] for r in q(
            "SELECT s.receipt_no, (SELECT count(*) FROM sale_line l WHERE l.sale_id = s.id), "
            "(SELECT count(*) FROM sale_tender t WHERE t.sale_id = s.id), "
            "(SELECT count(*) FROM stock_movement m WHERE m.sale_id = s.id), "
            "(SELECT count(*) FROM outbox_event e WHERE e.type = 'sale.completed' "
            " AND json_extract(e.payload, '$.receipt_no') = s.receipt_no) FROM sale s")}
        for receipt, n_lines in reported:  # every reported sale exists whole
            assert per_sale[receipt] == (n_lines, 1, n_lines, 1), receipt
        for receipt, (n_lines, n_tenders, n_moves, n_events) in per_sale.items():
            assert n_lines > 0 and n_tenders == 1 and n_moves == n_lines and n_events == 1, receipt
        n = len(per_sale)
        assert [r[0] for r in q("SELECT receipt_seq FROM sale ORDER BY receipt_seq")] == list(
            range(1, n + 1))
        assert [r[0] for r in q("SELECT seq FROM outbox_event ORDER BY seq")] == list(
            range(1, n + 1))
        assert q("SELECT value FROM counter WHERE name = 'receipt:T01'") == [(n,)]
        assert q("SELECT value FROM counter WHERE name = 'outbox:T01'") == [(n,)]
        assert q(
            "SELECT b.product_id, b.on_hand FROM stock_balance b ORDER BY b.product_id"
        ) == q("SELECT product_id, sum(delta) FROM stock_movement GROUP BY product_id "
               "ORDER BY product_id")
        assert q("SELECT sum(qty) FROM sale_line") == q(
            "SELECT -sum(delta) FROM stock_movement WHERE reason = 'sale'")
    engine.dispose()
    print(f"{rounds} kills, {len(reported)} reported sales, {n} committed")

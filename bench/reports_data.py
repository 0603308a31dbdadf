"""A year of a store's sales for ``bench.reports``, built once per size and cached as
``.bench/reports-<sales>-<skus>.db`` on top of the catalog of ``bench.dataset``.

The report reads only the sales tables, so the sales are written straight into them from the
models' tables (``insert(sale)``, ``insert(sale_line)`` ...) as the store writes them:
``bench.history_data`` sells through ``CheckoutService`` instead, which is the right thing for
what it measures but takes far longer for 300,000 sales and gives every sale the same shape.
Here the mix is a store's: ``history_data.DAYS`` days of 2025, busier at noon and in the
evening and on weekends, about ``history_data.LINES`` lines a sale over a pool of
``history_data.POOL`` products (a part of them weighed), cash / mobile / card and split
tenders, a third of the sales to members, six cashiers, promotions on a fifth of the sales
(each named in ``sale_promotion`` and on its line), hand discounts and a few voided sales.
``RETURNED`` of the completed sales are partly returned later (``sale_return`` with its
line and payouts, as ``store.returns`` writes them): a piece or the whole weight of one
line, the same day or up to a week after, refunded over the sale's tenders in proportion,
taken by any of the cashiers. Times are written in the store's zone (+08:00), as the till
writes them.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import dataset, history_data
from bench.report import log

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

FIRST_DAY = date(2025, 1, 1)
CST = timezone(timedelta(hours=8))
# Sales per opening hour (08:00-21:00), relative: a morning, a lunch and an evening peak.
HOURLY = (4, 7, 6, 8, 11, 9, 6, 6, 8, 11, 12, 9, 5)
CASHIERS = (("st-01", "王芳"), ("st-02", "李娜"), ("st-03", "张伟"), ("st-04", "刘洋"),
            ("st-05", "陈静"), ("st-06", "赵磊"))
PROMOTIONS = 40
RETURNED = 0.02  # share of the completed sales partly returned
RETURNS_SEED = 14
RETURN_AFTER_DAYS = (0, 0, 0, 1, 1, 2, 3, 5, 7)  # how long after the sale, a store's mix
REASONS = ("defective", "wrong_item", "changed_mind", "expired", "other")
DAY_BATCH = 10  # days written per transaction


def cache_path(sales: int, skus: int) -> Path:
    # "-returns": the sales before returns were seeded are another data set.
    return dataset.CACHE_DIR / f"reports-{sales}-{skus}-returns.db"


def day(index: int) -> date:
    """The ``index``-th day of trading (0 = ``FIRST_DAY``)."""
    return FIRST_DAY + timedelta(days=index)


def _pool(engine: Engine, skus: int, rng: random.Random) -> list[tuple[Any, ...]]:
    from sqlalchemy import select

    from pos_app.store.models import product

    p = product.c
    ids = rng.sample(range(1, skus + 1), min(history_data.POOL, skus))
    with engine.connect() as conn:
        rows = conn.execute(select(p.id, p.sku, p.name, p.name_en, p.price_fen, p.tax_rate_bp)
                            .where(p.id.in_(ids))).all()
    # A tenth of the pool is sold by weight (fruit, meat: grams on the line).
    return [(*r, i % 10 == 0) for i, r in enumerate(rows)]


class _Writer:
    """Builds the rows of one sale after another, ids given here."""

    def __init__(self, pool: list[tuple[Any, ...]], rng: random.Random) -> None:
        self.pool, self.rng = pool, rng
        self.sale_id = 0
        self.sales: list[dict[str, Any]] = []
        self.lines: list[dict[str, Any]] = []
        self.line_promos: list[dict[str, Any]] = []
        self.tenders: list[dict[str, Any]] = []
        self.promotions: list[dict[str, Any]] = []
        # Returns draw from their own stream, so the sales are the same as without them.
        self.back = random.Random(RETURNS_SEED)
        self.return_id = 0
        self.returns: list[dict[str, Any]] = []
        self.return_lines: list[dict[str, Any]] = []
        self.return_tenders: list[dict[str, Any]] = []

    def sale(self, at: datetime) -> None:
        rng = self.rng
        self.sale_id += 1
        sid = self.sale_id
        n_lines = max(1, round(rng.gauss(history_data.LINES, 3)))
        promo = rng.randrange(PROMOTIONS) if rng.random() < 0.2 else None
        hand = rng.random() < 0.03
        subtotal = discount = total = items = 0
        for no, (pid, sku, name, name_en, price, rate, weighed) in enumerate(
                rng.sample(self.pool, n_lines), 1):
            qty = rng.randrange(150, 1500) if weighed else rng.choice((1, 1, 1, 2, 3))
            gross = price * qty // 1000 if weighed else price * qty
            promo_off = gross // 10 if promo is not None and no == 1 else 0
            off = promo_off + (gross // 20 if hand and no == 2 else 0)
            net = gross - off
            self.lines.append({
                "sale_id": sid, "line_no": no, "product_id": pid, "sku": sku, "name": name,
                "name_en": name_en, "qty": qty, "is_weighed": weighed, "unit_price_fen": price,
                "gross_fen": gross, "discount_fen": off, "net_fen": net,
                "tax_fen": net * rate // (10_000 + rate), "tax_rate_bp": rate,
                "price_overridden": False, "scanned_code": "", "promo_discount_fen": promo_off,
                "override_fen": 0})
            subtotal, discount, total = subtotal + gross, discount + off, total + net
            items += 1 if weighed else qty
            if promo_off:
                self.line_promos.append({"sale_id": sid, "line_no": no,
                                         "promo_id": f"PR{promo:03d}"})
                self.promotions.append({
                    "sale_id": sid, "promo_id": f"PR{promo:03d}",
                    "name": f"促销活动{promo:03d} 九折", "kind": "percent_off",
                    "discount_fen": promo_off,
                    "explanation": '{"key": "promo.percent_off", "data": {}}'})
        voided = rng.random() < 0.005
        cashier_id, cashier = rng.choice(CASHIERS)
        member = f"M{rng.randrange(20_000):06d}" if rng.random() < 0.35 else None
        stamp = at.isoformat()
        self.sales.append({
            "id": sid, "sale_uuid": f"bench-report-{sid}", "store_code": "S001",
            "terminal_code": "T01", "state": "voided" if voided else "completed",
            "receipt_seq": None if voided else sid,
            "receipt_no": None if voided else f"S001-T01-{sid:06d}", "cashier": cashier,
            "opened_at": (at - timedelta(seconds=90)).isoformat(), "closed_at": stamp,
            "item_count": items, "subtotal_fen": subtotal, "discount_fen": discount,
            "tax_fen": 0, "rounding_fen": 0, "total_fen": total, "paid_fen": total,
            "change_fen": 0, "member_id": member, "points_earned": total // 100 if member else 0,
            "points_redeemed": 0, "shift_id": None, "cashier_id": cashier_id,
            "sale_discount_fen": 0})
        roll = rng.random()
        kinds = (("cash",) if roll < 0.35 else ("mobile",) if roll < 0.85 else
                 ("card",) if roll < 0.95 else ("mobile", "cash"))
        first = total if len(kinds) == 1 else total // 2
        paid = list(zip(kinds, (first, total - first), strict=False))
        for kind, amount in paid:
            self.tenders.append({"sale_id": sid, "kind": kind, "amount_fen": amount,
                                 "tendered_fen": amount, "reference": ""})
        if not voided and total and self.back.random() < RETURNED:
            self._take_back(at, self.lines[-n_lines], paid, member)

    def _take_back(self, sold_at: datetime, line: dict[str, Any],
                   paid: list[tuple[str, int]], member: str | None) -> None:
        """A later return of one piece (or the whole weight) of ``line``."""
        rng = self.back
        self.return_id += 1
        rid, sid = self.return_id, line["sale_id"]
        days = rng.choice(RETURN_AFTER_DAYS)
        at = sold_at + timedelta(days=days, minutes=rng.randrange(5, 120) if not days else 0)
        qty = line["qty"] if line["is_weighed"] else 1
        net = line["net_fen"] * qty // line["qty"]
        total = sum(amount for _kind, amount in paid)
        first = net * paid[0][1] // total
        cashier_id, cashier = rng.choice(CASHIERS)
        stamp = at.isoformat()
        self.returns.append({
            "id": rid, "return_uuid": f"bench-return-{rid}", "store_code": "S001",
            "terminal_code": "T01", "return_seq": rid, "return_no": f"S001-T01-R{rid:06d}",
            "kind": "sale", "original_sale_uuid": f"bench-report-{sid}",
            "original_receipt_no": f"S001-T01-{sid:06d}", "original_terminal_code": "T01",
            "shift_id": None, "staff_id": cashier_id, "staff_name": cashier,
            "approver_id": None, "approver_name": None, "reason": rng.choice(REASONS),
            "at": stamp, "refund_fen": net, "rounding_fen": 0,
            "tax_fen": line["tax_fen"] * qty // line["qty"], "member_id": member,
            "points_back": 0, "points_clawback": net // 100 if member else 0,
            "clawback_short": 0, "exchange_sale_uuid": None, "to_cash": False,
            "flags": "[]", "coupons_reinstated": "[]"})
        self.return_lines.append({
            "return_id": rid, "pos": 1, "line_no": line["line_no"],
            "product_id": line["product_id"], "sku": line["sku"], "name": line["name"],
            "name_en": line["name_en"], "qty": qty, "is_weighed": line["is_weighed"],
            "net_fen": net, "tax_fen": line["tax_fen"] * qty // line["qty"],
            "tax_rate_bp": line["tax_rate_bp"], "refund_fen": net,
            "disposition": "damaged" if rng.random() < 0.2 else "restock"})
        for index, ((kind, _amount), fen) in enumerate(
                zip(paid, (first, net - first), strict=False)):
            if fen:
                self.return_tenders.append({
                    "return_id": rid, "tender_index": index, "kind": kind, "payout": kind,
                    "amount_fen": fen, "points": 0, "reference": ""})

    def flush(self, conn: Connection) -> None:
        from sqlalchemy import insert

        from pos_app.store.models import (
            sale,
            sale_line,
            sale_line_promotion,
            sale_promotion,
            sale_return,
            sale_return_line,
            sale_return_tender,
            sale_tender,
        )

        for table, rows in ((sale, self.sales), (sale_line, self.lines),
                            (sale_line_promotion, self.line_promos),
                            (sale_tender, self.tenders), (sale_promotion, self.promotions),
                            (sale_return, self.returns), (sale_return_line, self.return_lines),
                            (sale_return_tender, self.return_tenders)):
            if rows:
                conn.execute(insert(table), rows)
            rows.clear()


def _times(rng: random.Random, on: date, count: int) -> list[datetime]:
    opening = datetime(on.year, on.month, on.day, 8, tzinfo=CST)
    hours = rng.choices(range(len(HOURLY)), weights=HOURLY, k=count)
    return sorted(opening + timedelta(hours=h, seconds=rng.randrange(3600)) for h in hours)


def _sell_year(engine: Engine, *, sales: int, skus: int, seed: int = 5) -> None:
    from pos_app.store.db import write_tx

    rng = random.Random(seed)
    writer = _Writer(_pool(engine, skus, rng), rng)
    weights = [1.3 if day(d).weekday() >= 5 else 1.0 for d in range(history_data.DAYS)]
    scale = sales / sum(weights)
    per_day = [int(w * scale) for w in weights]
    per_day[-1] += sales - sum(per_day)
    started = time.monotonic()
    for lo in range(0, history_data.DAYS, DAY_BATCH):
        for d in range(lo, min(lo + DAY_BATCH, history_data.DAYS)):
            for at in _times(rng, day(d), per_day[d]):
                writer.sale(at)
        with write_tx(engine) as conn:
            writer.flush(conn)
        if lo % 60 == 50 or lo + DAY_BATCH >= history_data.DAYS:
            rate = writer.sale_id / max(time.monotonic() - started, 1e-9)
            log(f"day {min(lo + DAY_BATCH, history_data.DAYS)}/{history_data.DAYS}: "
                f"{writer.sale_id:,} sales, {writer.return_id:,} returns ({rate:,.0f}/s)")


def _fast(engine: Engine) -> None:
    from sqlalchemy import event

    def off(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA synchronous=OFF")
        dbapi_conn.execute("PRAGMA foreign_keys=OFF")  # ids are given in order here

    event.listen(engine, "connect", off)


def build(path: Path, *, sales: int, skus: int,
          progress: Callable[[str], None] = log) -> None:
    """Build the database at ``path`` (through a temporary name)."""
    from pos_app.store import db

    catalog_db = dataset.ensure_db(skus)
    tmp = path.with_name(f"{path.stem}.partial-{os.getpid()}.db")
    for stale in path.parent.glob(f"{path.stem}.partial-*"):
        stale.unlink()
    shutil.copyfile(catalog_db, tmp)
    progress(f"writing {sales:,} sales over {history_data.DAYS} days into {tmp.name}")
    started = time.monotonic()
    engine = db.open_engine(tmp)
    try:
        db.migrate(engine)
        _fast(engine)
        engine.dispose()
        _sell_year(engine, sales=sales, skus=skus)
    finally:
        engine.dispose()
    history_data._checkpoint(tmp)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)
    progress(f"built {path.name} in {time.monotonic() - started:.0f}s "
             f"({path.stat().st_size / 1e6:,.0f} MB)")


def ensure(*, sales: int, skus: int) -> Path:
    """Path of the cached year of sales, built if missing."""
    import fcntl

    dataset.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = cache_path(sales, skus)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            log(f"using cached {path.name}")
        else:
            build(path, sales=sales, skus=skus)
    return path

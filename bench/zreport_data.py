"""The till of ``bench.zreport``: a year of closed shifts and one open, busy shift; built
once per size and cached as ``.bench/zreport-<sales>x<shifts>-<skus>.db``.

The first shift is sold through the till's services (``bench.shift_sales``: staff signing
in with PINs, the benchmark's 500 active promotions, every tender, discounts, overrides,
voids, cash movements) and closed with its Z. Its rows are then copied in bulk as the
year's other closed shifts (spread over ``history_data.DAYS`` days) and, last, as the open
shift the benchmark reports on: new ids, uuids, receipt numbers and shift, times moved by
whole days, everything else as the app wrote it. Copied: the shift, its sales with their
lines, tenders, promotions and member blocks, its cash movements and audit entries (the
tables a shift report reads). Not copied: stock movements, points entries and outbox
events (a year-old till has pushed and pruned its events; the Z reads none of them).
As in ``history_data`` the build writes with ``synchronous=OFF``: a crash loses the cache.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench import dataset, history_data, shift_sales, stack
from bench.report import log

POOL = 2_000  # products the store sells over the shift
# The tables copied per sale (keyed by sale_id); their own ids are left to SQLite.
PER_SALE = ("sale_line", "sale_tender", "sale_promotion", "sale_line_promotion", "sale_member")


def cache_path(sales: int, shifts: int, skus: int) -> Path:
    return dataset.CACHE_DIR / f"zreport-{sales}x{shifts}-{skus}.db"


@dataclass(frozen=True, slots=True)
class Rows:
    """Some rows of one table, with their column names."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def col(self, name: str) -> int:
        return self.columns.index(name)


def _read(con: sqlite3.Connection, sql: str, *args: Any) -> Rows:
    cur = con.execute(sql, args)
    return Rows(tuple(d[0] for d in cur.description), cur.fetchall())


@dataclass(frozen=True, slots=True)
class Template:
    """The shift sold through the services, as rows to copy."""

    shift: Rows
    sales: Rows
    per_sale: dict[str, Rows]
    cash: Rows
    audit: Rows

    @staticmethod
    def load(con: sqlite3.Connection, shift_id: int) -> Template:
        shift = _read(con, "SELECT * FROM shift WHERE id = ?", shift_id)
        opened, closed = (shift.rows[0][shift.col(c)] for c in ("opened_at", "closed_at"))
        in_shift = "sale_id IN (SELECT id FROM sale WHERE shift_id = ?)"
        return Template(
            shift=shift,
            sales=_read(con, "SELECT * FROM sale WHERE shift_id = ? ORDER BY id", shift_id),
            per_sale={t: _read(con, f"SELECT * FROM {t} WHERE {in_shift} ORDER BY rowid",
                               shift_id) for t in PER_SALE},
            cash=_read(con, "SELECT * FROM cash_movement WHERE shift_id = ? ORDER BY id",
                       shift_id),
            # Everything staff did while the shift was open (sign-ins, drawer, voids...).
            audit=_read(con, "SELECT * FROM audit_entry WHERE at >= ? AND at <= ? ORDER BY id",
                        opened, closed))


def _insert(con: sqlite3.Connection, table: str, columns: Sequence[str],
            rows: list[tuple[Any, ...]]) -> None:
    marks = ", ".join("?" * len(columns))
    con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _moved(at: str | None, days: int) -> str | None:
    return None if at is None else (datetime.fromisoformat(at) + timedelta(days=days)).isoformat()


def copy_shift(con: sqlite3.Connection, t: Template, *, days: int, keep_open: bool) -> int:
    """Insert a copy of ``t`` ``days`` later as the terminal's next shift; returns its id."""
    from pos_app.core.sale import receipt_number

    (max_sale,) = con.execute("SELECT coalesce(max(id), 0) FROM sale").fetchone()
    (shift_no,) = con.execute("SELECT max(shift_no) + 1 FROM shift").fetchone()
    (seq_base,) = con.execute("SELECT coalesce(max(receipt_seq), 0) FROM sale").fetchone()
    s = dict(zip(t.shift.columns, t.shift.rows[0], strict=True))
    shift_uuid = str(uuid.uuid4())
    s |= {"shift_uuid": shift_uuid, "shift_no": shift_no,
          "opened_at": _moved(s["opened_at"], days), "closed_at": _moved(s["closed_at"], days)}
    if keep_open:
        s |= {"state": "open", "closed_at": None, "closed_by_id": None,
              "closed_by_name": None, "report": None}
    s.pop("id")
    marks = ", ".join("?" * len(s))
    shift_id = int(con.execute(f"INSERT INTO shift ({', '.join(s)}) VALUES ({marks}) "
                               "RETURNING id", tuple(s.values())).fetchone()[0])
    first_id = t.sales.rows[0][t.sales.col("id")]
    first_seq = min(r[t.sales.col("receipt_seq")] or 1 << 62 for r in t.sales.rows)
    offset = max_sale + 1 - first_id
    uuids = {shift_uuid_of(t): shift_uuid}
    sales = []
    c = {name: t.sales.col(name) for name in ("id", "sale_uuid", "receipt_seq", "receipt_no",
                                              "store_code", "terminal_code", "shift_id",
                                              "opened_at", "closed_at")}
    for r in t.sales.rows:
        row = list(r)
        row[c["id"]] = r[c["id"]] + offset
        row[c["sale_uuid"]] = uuids[r[c["sale_uuid"]]] = str(uuid.uuid4())
        if r[c["receipt_seq"]] is not None:
            seq = r[c["receipt_seq"]] - first_seq + seq_base + 1
            row[c["receipt_seq"]] = seq
            row[c["receipt_no"]] = receipt_number(r[c["store_code"]], r[c["terminal_code"]],
                                                  seq)
        row[c["shift_id"]] = shift_id
        row[c["opened_at"]] = _moved(r[c["opened_at"]], days)
        row[c["closed_at"]] = _moved(r[c["closed_at"]], days)
        sales.append(tuple(row))
    _insert(con, "sale", t.sales.columns, sales)
    for table, rows in t.per_sale.items():
        keep = [i for i, name in enumerate(rows.columns) if name != "id"]
        sale_col = rows.col("sale_id")
        _insert(con, table, [rows.columns[i] for i in keep], [
            tuple(r[i] + offset if i == sale_col else r[i] for i in keep) for r in rows.rows])
    _copy_cash(con, t.cash, shift_id, days)
    _copy_audit(con, t.audit, uuids, days, keep_open=keep_open)
    return shift_id


def shift_uuid_of(t: Template) -> str:
    return str(t.shift.rows[0][t.shift.col("shift_uuid")])


def _copy_cash(con: sqlite3.Connection, rows: Rows, shift_id: int, days: int) -> None:
    cols = [n for n in rows.columns if n != "id"]
    out = []
    for r in rows.rows:
        d = dict(zip(rows.columns, r, strict=True))
        d |= {"movement_uuid": str(uuid.uuid4()), "shift_id": shift_id,
              "at": _moved(d["at"], days)}
        out.append(tuple(d[n] for n in cols))
    _insert(con, "cash_movement", cols, out)


def _copy_audit(con: sqlite3.Connection, rows: Rows, uuids: dict[str, str], days: int, *,
                keep_open: bool) -> None:
    cols = [n for n in rows.columns if n != "id"]
    out = []
    for r in rows.rows:
        d = dict(zip(rows.columns, r, strict=True))
        if keep_open and d["action"] == "z_report":
            continue
        d |= {"entry_uuid": str(uuid.uuid4()), "at": _moved(d["at"], days),
              "subject": uuids.get(d["subject"], d["subject"])}
        out.append(tuple(d[n] for n in cols))
    _insert(con, "audit_entry", cols, out)


def _seed_staff(engine: Any) -> None:
    from contract.demo import demo_staff_data
    from pos_app.store.db import write_tx
    from pos_app.store.staff import put_staff

    demo = demo_staff_data()
    with write_tx(engine) as conn:
        for staff_id, data in demo:
            put_staff(conn, staff_id, data, at="2026-01-01T00:00:00+00:00")
    shift_sales.add_cashiers(engine)


def _sell_template(path: Path, *, sales: int, skus: int, start: datetime) -> int:
    from pos_app.store import db, terminal

    engine = db.open_database(path)
    try:
        history_data._fast(engine)
        engine.dispose()  # the pool's connections get the fast pragma from now on
        _seed_staff(engine)
        ids = dict.fromkeys(int(r[0]) for r in dataset.sample_rows(
            dataset.cache_path(skus), "product", "id", POOL, seed=13))
        products = [p for p in dataset.products(engine, ids)
                    if not p.is_weighed and not p.age_restricted and p.active]
        row = shift_sales.sell_shift(engine, products, sales=sales, start=start, seed=7,
                                     close=True)
        # A year-old till has pushed what it sold.
        history_data.ack_pending(engine, terminal.get_store_info(engine=engine).terminal_code)
        return row.shift_id
    finally:
        engine.dispose()


def _copy_year(path: Path, shift_id: int, shifts: int) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA synchronous=OFF")
        template = Template.load(con, shift_id)
        for k in range(1, shifts + 1):
            con.execute("BEGIN")
            copy_shift(con, template, days=k * history_data.DAYS // shifts,
                       keep_open=k == shifts)
            con.execute("COMMIT")
            if k % 10 == 0 or k == shifts:
                log(f"copied {k}/{shifts} shifts")
        # The counters go on from the copies, as if the till had sold them all.
        con.execute("UPDATE counter SET value = (SELECT max(receipt_seq) FROM sale) "
                    "WHERE name LIKE 'receipt:%'")
        con.execute("UPDATE counter SET value = (SELECT max(shift_no) FROM shift) "
                    "WHERE name LIKE 'shift:%'")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def build(path: Path, *, sales: int, shifts: int, skus: int, today: datetime) -> None:
    """Build the database at ``path`` (through a temporary name): ``shifts`` closed shifts of
    ``sales`` sales over the year before ``today`` and one open shift today."""
    for stale in path.parent.glob(f"{path.stem}.partial-*"):
        shutil.rmtree(stale)
    tmp_dir = path.with_name(f"{path.stem}.partial-{os.getpid()}")
    tmp_dir.mkdir(parents=True)
    started = time.monotonic()
    work = stack.working_db(skus, tmp_dir)
    day = today.replace(hour=8, minute=0, second=0, microsecond=0)
    template = _sell_template(work, sales=sales, skus=skus,
                              start=day - timedelta(days=history_data.DAYS))
    log(f"sold the first shift in {time.monotonic() - started:.0f}s; copying it "
        f"{shifts - 1} times as the year's shifts and once as today's open shift")
    _copy_year(work, template, shifts)
    for suffix in ("-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(work, path)
    shutil.rmtree(tmp_dir)
    log(f"built {path.name} in {time.monotonic() - started:.0f}s "
        f"({path.stat().st_size / 1e6:,.0f} MB)")


def ensure(*, sales: int, shifts: int, skus: int, today: datetime) -> Path:
    """Path of the cached database, built if missing."""
    import fcntl

    dataset.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = cache_path(sales, shifts, skus)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            log(f"using cached {path.name}")
        else:
            build(path, sales=sales, shifts=shifts, skus=skus, today=today)
    return path

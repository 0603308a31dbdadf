"""The Z report of a big shift, on a till with a year of sales (budget: p99 ≤ 300 ms).

Anchor: closing an Odoo POS session with thousands of orders takes 15 minutes or more.

The till (``bench.zreport_data``, cached): one open shift of ``--sales`` sales (3,000 of
about 10 lines) sold through the till's services with a busy day's mix, after a year of
closed shifts of the same size (300,000 sales; 30,000 with ``--small``, ``small_note``
says so). The benchmarks' 500 active promotions (``bench.stack``) discount nearly every
line (``lines_with_promotion``, ``sale_promotion_rows``): more promotion rows to sum than a
typical shift has. On a scratch copy:

- ``z_ms_p50`` / ``z_ms_p99``: what the Z's ``run`` computes before it writes —
  ``store.shift_figures.shift_facts`` (the SQL that sums the shift) and
  ``core.shift_report.z_report`` — repeated warm; ``z_ms_first`` is the first, on a fresh
  engine (the file is in the OS cache from the copy); ``z_queries_ms``: the five slowest
  statements of one run.
- ``x_ms_p50`` / ``x_ms_p99``: ``ShiftService.x_report()`` as the manager runs it (facts,
  report and its audit entry, a durable write).
- ``close_ms``: ``ShiftService.begin_close(...).run_now()`` once, end to end: the Z, the
  kept report, the shift closed, its event and audit entry; ``close_matches_timed``: that Z's
  figures equal the timed ones.
- Reference: ``ref_sum_lines_ms``, one bare SQL pass summing the shift's lines over the
  ``shift_id`` index (``ratio_p99_to_ref``: the Z's p99 to its p99).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import dataset, shift_sales, zreport_data
from bench.report import log
from bench.stats import ms, percentile, summary_ms

if TYPE_CHECKING:  # imported when a run needs them
    from sqlalchemy import Engine

    from pos_app.core.shift_facts import ShiftFacts
    from pos_app.core.shift_report import ShiftCount
    from pos_app.store.shifts import ShiftRow

SALES = 3_000
FULL_SHIFTS = 100  # closed shifts before the open one: 300,000 sales
SMALL_SHIFTS = 10
REPEATS = 30
WARMUP = 3
X_REPEATS = 10
TARGET_P99_MS = 300
ANCHOR = "Odoo POS: closing a session with thousands of orders takes 15+ minutes"
_REF = ("SELECT count(*), sum(l.net_fen), sum(l.tax_fen) FROM sale s "
        "JOIN sale_line l ON l.sale_id = s.id WHERE s.shift_id = ? AND s.state = 'completed'")


def _count(expected_fen: int) -> ShiftCount:
    """A blind count two yuan short of what should be in the drawer."""
    from pos_app.core.shift_report import ShiftCount

    return ShiftCount(shift_sales.count_of(max(expected_fen - 200, 0)))


def _z(engine: Engine, row: ShiftRow, count: ShiftCount, at: datetime) -> ShiftFacts:
    """What ``ShiftService.begin_close``'s ``run`` computes before it writes."""
    from pos_app.core.shift_report import z_report
    from pos_app.store import terminal
    from pos_app.store.shift_figures import shift_facts

    info = terminal.get_store_info(engine=engine)
    facts = shift_facts(engine, row, store_name=info.store_name,
                        terminal_code=info.terminal_code, until=at)
    z_report(facts, count, closed_at=at)
    return facts


@contextmanager
def _statement_times(engine: Engine) -> Iterator[list[tuple[str, int]]]:
    """(statement, ns) of every statement the engine runs inside the block."""
    from sqlalchemy import event

    out: list[tuple[str, int]] = []
    started: list[int] = []

    def before(*_a: Any) -> None:
        started.append(time.perf_counter_ns())

    def after(_c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        out.append((" ".join(statement.split()), time.perf_counter_ns() - started.pop()))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield out
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def _label(statement: str) -> str:
    """A short name for a statement: the tables it reads and what it groups by."""
    tables = dict.fromkeys(re.findall(r"(?:FROM|JOIN) (\w+)", statement))
    group = re.search(r"GROUP BY (.+?)(?: ORDER BY| LIMIT|$)", statement)
    by = " by " + re.sub(r"\w+\.", "", group[1]) if group else ""
    return "+".join(tables) + by


def _time_z(engine: Engine, row: ShiftRow, count: ShiftCount, at: datetime,
            repeats: int) -> dict[str, Any]:
    t0 = time.perf_counter_ns()
    facts = _z(engine, row, count, at)
    first = time.perf_counter_ns() - t0
    for _ in range(WARMUP):
        _z(engine, row, count, at)
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        _z(engine, row, count, at)
        samples.append(time.perf_counter_ns() - t0)
    with _statement_times(engine) as statements:
        _z(engine, row, count, at)
    slowest = sorted(statements, key=lambda s: -s[1])
    return {"facts": facts, "z_ms_p50": ms(percentile(samples, 50)),
            "z_ms_p99": ms(percentile(samples, 99)), "z_ms_max": ms(max(samples)),
            "z_ms_first": ms(first), "z_statements": len(statements),
            "z_queries_ms": {f"{i + 1}. {_label(s)}": ms(ns)
                             for i, (s, ns) in enumerate(slowest[:5])}}


def _reference(path: Path, shift_id: int, repeats: int) -> list[int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for _ in range(WARMUP):
            con.execute(_REF, (shift_id,)).fetchall()
        out = []
        for _ in range(repeats):
            t0 = time.perf_counter_ns()
            con.execute(_REF, (shift_id,)).fetchall()
            out.append(time.perf_counter_ns() - t0)
        return out
    finally:
        con.close()


def _context(path: Path, shift_id: int) -> dict[str, Any]:
    """What the open shift and the database hold."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        def one(sql: str, *args: Any) -> Any:
            return con.execute(sql, args).fetchone()[0]

        in_shift = "sale_id IN (SELECT id FROM sale WHERE shift_id = ?)"
        return {
            "voided_sales": one("SELECT count(*) FROM sale WHERE shift_id = ? "
                                "AND state = 'voided'", shift_id),
            "lines": one(f"SELECT count(*) FROM sale_line WHERE {in_shift}", shift_id),
            "lines_with_promotion": one(f"SELECT count(*) FROM sale_line WHERE {in_shift} "
                                        "AND promo_discount_fen > 0", shift_id),
            "sale_promotion_rows": one(f"SELECT count(*) FROM sale_promotion WHERE {in_shift}",
                                       shift_id),
            "tenders": dict(con.execute(f"SELECT kind, count(*) FROM sale_tender WHERE "
                                        f"{in_shift} GROUP BY kind", (shift_id,)).fetchall()),
            "cashiers": one("SELECT count(DISTINCT cashier_id) FROM sale WHERE shift_id = ?",
                            shift_id),
            "audit_in_shift": dict(con.execute(
                "SELECT action, count(*) FROM audit_entry WHERE action IN "
                "('line_void', 'open_drawer', 'price_override', 'sale_void', 'discount') "
                "AND at >= (SELECT opened_at FROM shift WHERE id = ?) GROUP BY action",
                (shift_id,)).fetchall()),
            "history_shifts": one("SELECT count(*) FROM shift WHERE id <> ?", shift_id),
            "history_sales": one("SELECT count(*) FROM sale WHERE shift_id <> ?", shift_id),
            "history_lines": one("SELECT count(*) FROM sale_line") - one(
                f"SELECT count(*) FROM sale_line WHERE {in_shift}", shift_id),
        }
    finally:
        con.close()


def _measure(path: Path, repeats: int) -> dict[str, Any]:
    """The Z timed, then the X and the close through ``ShiftService`` (manager signed in)."""
    from pos_app.core.shift_report import expected_cash
    from pos_app.services.shifts import ShiftService
    from pos_app.services.staff import StaffService
    from pos_app.store import db, terminal
    from pos_app.store import shifts as shift_store
    from pos_app.store.shift_figures import shift_facts

    engine = db.open_database(path)
    try:
        info = terminal.get_store_info(engine=engine)
        row = shift_store.current_shift(engine, info.terminal_code)
        if row is None:
            raise RuntimeError(f"no open shift in {path}")
        at = datetime.fromisoformat(row.opened_at) + timedelta(hours=13, minutes=30)
        count = _count(expected_cash(shift_facts(
            engine, row, store_name=info.store_name, terminal_code=info.terminal_code,
            until=at)).fen)
        engine.dispose()  # the timed Z starts on fresh connections
        log(f"timing the Z of shift {row.shift_no}: {repeats} runs after {WARMUP} warm-up")
        figures = _time_z(engine, row, count, at, repeats)
        facts = figures.pop("facts")
        staff = StaffService(engine=engine, store_info=info, clock=lambda: at)
        staff.begin_sign_in(*shift_sales.TURNS[-1]).run_now()  # the manager
        shifts = ShiftService(engine=engine, store_info=info, staff=staff, clock=lambda: at)
        x_ns = []
        for _ in range(X_REPEATS):
            t0 = time.perf_counter_ns()
            shifts.x_report()
            x_ns.append(time.perf_counter_ns() - t0)
        log("closing the shift end to end")
        t0 = time.perf_counter_ns()
        closed = shifts.begin_close(count).run_now()
        close_ns = time.perf_counter_ns() - t0
    finally:
        engine.dispose()
    ref_ns = _reference(path, row.shift_id, repeats)
    return {**figures, "x_ms_p50": ms(percentile(x_ns, 50)),
            "x_ms_p99": ms(percentile(x_ns, 99)), "close_ms": ms(close_ns),
            "close_matches_timed": closed.facts == facts,
            "ref_sum_lines_ms": summary_ms(ref_ns, 50, 99),
            "ratio_p99_to_ref": round(figures["z_ms_p99"] / ms(percentile(ref_ns, 99)), 1),
            "sales_completed": facts.activity.sales_count,
            **_context(path, row.shift_id),
            "db_mb": round(path.stat().st_size / 1e6, 1)}


def run(*, skus: int, small: bool, sales: int | None = None) -> dict[str, object]:
    sales = sales or SALES
    shifts = SMALL_SHIFTS if small else FULL_SHIFTS
    source = zreport_data.ensure(sales=sales, shifts=shifts, skus=skus,
                                 today=datetime.now().astimezone())
    with tempfile.TemporaryDirectory(dir=dataset.scratch_dir()) as tmp:
        copy = Path(tmp) / "zreport.db"
        shutil.copyfile(source, copy)
        os.sync()  # the copy's writeback would otherwise run during the timed part
        figures = _measure(copy, REPEATS)
    return {"z_ms_p50": figures.pop("z_ms_p50"), "z_ms_p99": figures.pop("z_ms_p99"),
            "sales": sales, "repeats": REPEATS, **figures, "skus": skus,
            "target_p99_ms": TARGET_P99_MS, "anchor": ANCHOR,
            **({"small_note": f"history reduced to {shifts} shifts for --small"} if small
               else {})}

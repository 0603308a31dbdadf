"""Pushes keep PostgreSQL's statistics fresh enough for the key lookups they make: the tables
they write are analysed when never analysed or changed a lot since, checked at most every
few seconds per process, and a table that did not change is not sampled again."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import Engine, text

from sync.server import push
from tests.sync.server.helpers import Till
from tests.waiting import wait_until


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {r[0]: int(r[1]) for r in conn.execute(text(
            "SELECT relname, analyze_count FROM pg_stat_user_tables "
            "WHERE schemaname = current_schema()"))}


def _changed(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT n_mod_since_analyze FROM pg_stat_user_tables "
            "WHERE schemaname = current_schema() AND relname = :t"), {"t": table}).scalar_one())


@pytest.mark.parametrize("backend", ["sqlite"])
def test_sqlite_needs_no_statistics(engine: Engine, backend: str,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(push, "_last_analyze", [0.0])
    push.refresh_statistics(engine)  # nothing to do: SQLite plans without them
    assert push._last_analyze == [0.0]


@pytest.mark.parametrize("backend", ["postgres"])
def test_only_changed_tables_are_analysed_at_most_every_few_s(
    engine: Engine, backend: str, till: Till, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(push, "_last_analyze", [time.monotonic()])  # the push: no check
    monkeypatch.setattr(push, "_STALE_ROWS", 0)  # one changed row makes a table stale
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            f"ANALYZE {', '.join(push._ANALYZED)}")
    till.push([till.sale()])  # writes applied_event, sale, stock_movement; no points
    wait_until(lambda: _changed(engine, "applied_event") > 0, what="the change count")
    before = _counts(engine)
    push._last_analyze[0] = 0.0
    push.refresh_statistics(engine)
    wait_until(lambda: _counts(engine)["applied_event"] > before["applied_event"],
               what="applied_event to be analysed")
    after = _counts(engine)
    assert after["points_entry"] == before["points_entry"]  # unchanged: not sampled again
    assert after["member"] == before["member"]
    push.refresh_statistics(engine)  # within the interval: not even checked
    assert _counts(engine) == after

"""The outbox after a year of trading: what the sync path reads uses an index that fits it
(planned without ANALYZE), and the per-day sums kept with the events equal what
``contract.summary.summarize`` works out from the payloads."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event, text

from contract.protocol import POINTS_TRANSACTION, SALE_COMPLETED, SALE_VOIDED, STOCK_MOVEMENT
from contract.summary import summarize
from pos_app.store import db, outbox, retention, sync_state

AT = "2026-12-01T10:00:00+08:00"


@pytest.fixture(scope="module")
def shared_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = db.open_database(Path(tmp_path_factory.mktemp("outbox")) / "outbox.db")
    yield eng
    eng.dispose()


def _statements(engine: Engine, call: Callable[[], object]) -> list[tuple[str, Any]]:
    """The SQL statements (with their parameters) that ``call`` runs on ``engine``."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: object, _cur: object, statement: str, params: Any, *_: object) -> None:
        if any(t in statement for t in ("outbox_event", "outbox_day", "print_job")):
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def _plans(engine: Engine, call: Callable[[], object]) -> list[str]:
    statements = _statements(engine, call)
    assert statements
    with engine.connect() as conn:
        assert conn.execute(text(
            "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar() == 0
        raw = conn.connection.dbapi_connection
        assert raw is not None
        return [" | ".join(r[-1] for r in raw.execute("EXPLAIN QUERY PLAN " + sql, params))
                for sql, params in statements]


_UNACKED = "SEARCH outbox_event USING INDEX ix_outbox_event_unacked (terminal_code=?"
_BY_DATE = "SEARCH outbox_event USING INDEX ix_outbox_event_terminal_code_business_date"
# What the sync path runs, and the index each of its reads of the outbox must use.
CALLS: dict[str, tuple[Callable[[Engine], object], tuple[str, ...]]] = {
    "pending batch": (lambda e: sync_state.pending_batch(
        engine=e, terminal_code="T01", limit=250), (_UNACKED,)),
    "pending events": (lambda e: outbox.pending_events(
        engine=e, terminal_code="T01"), (_UNACKED,)),
    "backlog": (lambda e: sync_state.backlog(engine=e, terminal_code="T01"), (_UNACKED,)),
    "mark acked": (lambda e: outbox.mark_acked(
        engine=e, terminal_code="T01", up_to_seq=5, acked_at=AT), (_UNACKED,)),
    "ack": (lambda e: sync_state.ack(engine=e, terminal_code="T01", from_seq=3, up_to_seq=5,
                                     at=AT), (_UNACKED,)),
    "day summaries": (lambda e: sync_state.day_summaries(
        engine=e, terminal_code="T01", since="2026-11-01"),
        ("SEARCH outbox_day USING INDEX sqlite_autoindex_outbox_day_1", _UNACKED)),
    "prune": (lambda e: sync_state.prune_acked(
        engine=e, terminal_code="T01", before="2026-11-01"), (_BY_DATE,)),
    "days pushed again": (lambda e: sync_state.unack_dates(
        engine=e, terminal_code="T01", dates=["2026-11-02"]), (_BY_DATE,)),
    "retention: old sales wait for their events": (lambda e: retention.prune_sales(
        engine=e, before=datetime.fromisoformat(AT)),
        ("SCAN outbox_event USING INDEX ix_outbox_event_unacked",)),
    "retention: printed bytes": (lambda e: retention.drop_print_bytes(
        engine=e, before=datetime.fromisoformat(AT)),
        ("SEARCH print_job USING INDEX ix_print_job_with_bytes (updated_at<?)",)),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_sync_reads_of_the_outbox_use_an_index_that_fits_without_analyze(
        shared_engine: Engine, name: str) -> None:
    call, expected = CALLS[name]
    plans = _plans(shared_engine, lambda: call(shared_engine))
    outbox_plans = [p for p in plans if any(t in p for t in ("outbox", "print_job"))]
    for plan in outbox_plans:
        steps = plan.split(" | ")
        assert "SCAN outbox_event" not in steps and "SCAN outbox_day" not in plan, plan
        assert "print_job USING INDEX ix_print_job_state" not in plan, plan
        assert "sqlite_autoindex_outbox_event_2 (terminal_code=?)" not in plan, plan
    for want in expected:
        assert any(want in p for p in outbox_plans), (want, plans)


# ---- day sums ---------------------------------------------------------------------------

_ints = st.one_of(st.integers(-10**9, 10**9), st.booleans(), st.text(max_size=3),
                  st.floats(allow_nan=False, allow_infinity=False), st.none())
_line = st.one_of(st.fixed_dictionaries({"qty": _ints}), st.just("two cokes"), st.integers())
_counted = st.one_of(st.fixed_dictionaries({"delta": _ints}), st.just("cola"), st.integers())
_payload = st.fixed_dictionaries({}, optional={
    "total_fen": _ints, "points": _ints, "delta": _ints,
    "lines": st.one_of(st.lists(_line, max_size=4), st.text(max_size=3)),
    "products": st.one_of(st.lists(_counted, max_size=4), st.text(max_size=3))})
_event = st.tuples(
    st.sampled_from((SALE_COMPLETED, SALE_VOIDED, POINTS_TRANSACTION, STOCK_MOVEMENT,
                     "coupon.redeemed", "count.posted")),
    st.sampled_from(("2026-11-30T23:59:59+08:00", "2026-12-01T00:00:00+08:00",
                     "2026-12-01T18:30:00-05:00", "2026-12-02T09:00:00+00:00")),
    _payload)
_terminals = (f"H{i:05d}" for i in itertools.count())


def _write(engine: Engine, terminal: str, events: list[tuple[str, str, dict[str, Any]]]
           ) -> None:
    with db.write_tx(engine) as conn:
        for type_, at, payload in events:
            outbox.append_event(conn, store_code="S001", terminal_code=terminal, type=type_,
                                payload=payload, created_at=at)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(_event, max_size=12), pending=st.sets(st.integers(1, 12)),
       pruned_before=st.sampled_from(("2026-01-01", "2026-12-01", "2026-12-02")))
def test_stored_day_sums_equal_the_summaries_of_the_payloads(
        shared_engine: Engine, events: list[tuple[str, str, dict[str, Any]]],
        pending: set[int], pruned_before: str) -> None:
    terminal = next(_terminals)
    _write(shared_engine, terminal, events)
    sync_state.ack(engine=shared_engine, terminal_code=terminal, up_to_seq=len(events), at=AT)
    for seq in pending:  # some events pending again (a day that differed)
        sync_state.unack_above(engine=shared_engine, terminal_code=terminal, seq=seq - 1)
        sync_state.ack(engine=shared_engine, terminal_code=terminal, from_seq=seq + 1,
                       up_to_seq=len(events), at=AT)
    sync_state.prune_acked(engine=shared_engine, terminal_code=terminal, before=pruned_before)
    with shared_engine.connect() as conn:
        kept = conn.execute(text(
            "SELECT type, created_at, payload FROM outbox_event WHERE terminal_code = :t AND "
            "acked_at IS NOT NULL ORDER BY seq"), {"t": terminal}).all()
    expected = summarize((r[0], r[1], json.loads(r[2])) for r in kept)
    assert sync_state.day_summaries(engine=shared_engine, terminal_code=terminal,
                                    since="2000-01-01") == expected


def test_day_sums_of_an_outbox_written_before_the_migration_are_filled_in(
        tmp_path: Path) -> None:
    engine = db.open_engine(tmp_path / "old.db")
    db.migrate(engine, revision="0007_sync")
    events: list[tuple[str, str, dict[str, Any]]] = [
        (SALE_COMPLETED, AT, {"total_fen": 450, "lines": [{"qty": 2}, {"qty": 1}]}),
        (POINTS_TRANSACTION, AT, {"points": -300}), (SALE_VOIDED, AT, {}),
        (STOCK_MOVEMENT, "2026-12-02T08:00:00+08:00", {"delta": 24})]
    with engine.begin() as conn:  # what the pre-0010 app wrote (no triggers yet)
        for seq, (type_, at, payload) in enumerate(events, 1):
            conn.execute(text(
                "INSERT INTO outbox_event (event_uuid, store_code, terminal_code, seq, type, "
                "version, payload, created_at, acked_at) VALUES (:u, 'S001', 'T01', :q, :ty, "
                "1, :p, :c, :c)"), {"u": f"u{seq}", "q": seq, "ty": type_, "c": at,
                                     "p": json.dumps(payload)})
    db.migrate(engine)
    try:
        assert sync_state.day_summaries(engine=engine, terminal_code="T01",
                                        since="2026-01-01") == summarize(events)
    finally:
        engine.dispose()


def test_verification_reads_the_day_sums_not_the_acknowledged_payloads(
        shared_engine: Engine) -> None:
    terminal = next(_terminals)
    _write(shared_engine, terminal, [
        (SALE_COMPLETED, AT, {"total_fen": 990, "lines": [{"qty": 3}]}),
        (POINTS_TRANSACTION, AT, {"points": 99}),
        (SALE_COMPLETED, AT, {"total_fen": 100, "lines": [{"qty": 1}]})])
    sync_state.ack(engine=shared_engine, terminal_code=terminal, up_to_seq=2, at=AT)
    with shared_engine.begin() as conn:  # unreadable now: any parse of them would fail
        conn.execute(text("UPDATE outbox_event SET payload = 'not json' WHERE "
                          "terminal_code = :t AND acked_at IS NOT NULL"), {"t": terminal})
    [day] = sync_state.day_summaries(engine=shared_engine, terminal_code=terminal,
                                     since="2026-01-01")
    assert (day.events, day.sales_count, day.sales_total_fen, day.points_delta,
            day.stock_delta) == (2, 1, 990, 99, -3)

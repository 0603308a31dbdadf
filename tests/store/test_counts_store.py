"""The count store on a real database: any interleaving of sales, count lines on two
devices and recounts posts to counted + what moved after each product's count."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select, text

from contract.products import ProductRow
from pos_app.core.counting import CountScope, product_counts
from pos_app.store import catalog, counts, db
from pos_app.store.db import write_tx
from pos_app.store.models import stock_movement
from pos_app.store.stock import apply_movements, balance_of

_n = itertools.count()
_step = st.one_of(
    st.tuples(st.just("sell"), st.integers(0, 2), st.integers(1, 4)),
    st.tuples(st.just("count"), st.integers(0, 2), st.integers(0, 30)),
    st.tuples(st.just("recount"), st.integers(0, 2), st.just(0)),
)


def _engine(tmp_path: Path) -> Engine:
    engine = db.open_database(tmp_path / f"counts-{next(_n)}.db")
    catalog.upsert_products(engine=engine, rows=[
        ProductRow(sku=f"P{i}", name=f"商品{i}", price_fen=100 + i, cost_fen=60 + i)
        for i in range(3)])
    return engine


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(_step, min_size=1, max_size=25))
def test_posted_balances_are_counted_plus_what_moved_after_the_count(
        tmp_path: Path, steps: list[tuple[str, int, int]]) -> None:
    engine = _engine(tmp_path)
    try:
        with write_tx(engine) as conn:
            apply_movements(conn, [(pid, 50) for pid in (1, 2, 3)], reason="opening",
                            created_at="2026-12-05T08:00:00+08:00")
        sid = counts.open_session(engine=engine, session_uuid="s", store_code="S001",
                                  scope=CountScope("store"), blind=True,
                                  opened_at="2026-12-05T08:30:00+08:00")
        rnd = 0
        for n, (kind, p, qty) in enumerate(steps):
            with write_tx(engine) as conn:
                if kind == "sell":
                    apply_movements(conn, [(p + 1, -qty)], reason="sale",
                                    created_at="2026-12-05T09:00:00+08:00")
                elif kind == "count":
                    counts.add_line(conn, session_id=sid, product_id=p + 1, code=f"P{p}",
                                    qty=qty, counted_at=f"2026-12-05T09:{n:02d}:00+08:00",
                                    round=rnd, device="T0" + "12"[n % 2])
                else:
                    rnd += 1
        with write_tx(engine) as conn:
            lines = counts.lines_of(conn, sid)
        totals = product_counts(lines)
        counts.set_state(engine=engine, session_id=sid, state="approved")
        counts.post(engine=engine, session_id=sid, store_code="S001", terminal_code="T01",
                    posted_at="2026-12-05T12:00:00+08:00")
        with engine.connect() as conn:
            for pid, c in totals.items():
                after = sum(conn.execute(select(stock_movement.c.delta).where(
                    stock_movement.c.product_id == pid, stock_movement.c.id > c.hwm,
                    stock_movement.c.reason != "count")).scalars())
                assert balance_of(conn, pid) == c.counted + after
    finally:
        engine.dispose()


def test_a_posted_count_takes_no_more_lines_even_past_the_store(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    sid = counts.open_session(engine=engine, session_uuid="s", store_code="S001",
                              scope=CountScope("store"), blind=False,
                              opened_at="2026-12-05T08:30:00+08:00")
    with write_tx(engine) as conn:
        counts.add_line(conn, session_id=sid, product_id=1, code="P0", qty=2,
                        counted_at="2026-12-05T09:00:00+08:00")
    counts.set_state(engine=engine, session_id=sid, state="approved")
    counts.post(engine=engine, session_id=sid, store_code="S001", terminal_code="T01",
                posted_at="2026-12-05T12:00:00+08:00")
    with engine.begin() as conn, pytest.raises(Exception, match="takes no more lines"):
        conn.execute(text("INSERT INTO count_line (session_id, product_id, code, qty, hwm, "
                          "round, counter_id, counter_name, device, location, counted_at) "
                          "VALUES (:s, 1, 'P0', 1, 0, 0, '', '', '', '', '')"), {"s": sid})
    with engine.begin() as conn, pytest.raises(Exception, match="never deleted"):
        conn.execute(text("DELETE FROM count_session"))
    engine.dispose()


def test_a_pulled_store_balance_is_what_the_count_is_expected_against(tmp_path: Path) -> None:
    # The cloud's balance of P0 holds another till's sales (−6) and our sale of 2 (event 1,
    # pulled); our sale of 1 (event 2) was not pulled yet. We count 30 after all of them,
    # then sell 4 more: the store then has 26 on hand as this till sees it.
    from pos_app.store import sync_state
    from pos_app.store.models import stock_cloud
    from pos_app.store.outbox import append_event

    engine = _engine(tmp_path)
    with write_tx(engine) as conn:
        apply_movements(conn, [(1, 50)], reason="opening", created_at="2026-12-05T08:00:00")
        for delta in (-2, -1):
            seq = append_event(conn, store_code="S001", terminal_code="T01",
                               type="stock.movement", payload={"sku": "P0", "delta": delta},
                               created_at="2026-12-05T09:00:00+08:00").seq
            apply_movements(conn, [(1, delta)], reason="sale", event_seq=seq,
                            created_at="2026-12-05T09:00:00+08:00")
        conn.execute(stock_cloud.insert().values(sku="P0", on_hand=50 - 6 - 2, basis_seq=1,
                                                 updated_at="2026-12-05T09:00:00+08:00"))
    sid = counts.open_session(engine=engine, session_uuid="s", store_code="S001",
                              scope=CountScope("store"), blind=True,
                              opened_at="2026-12-05T09:30:00+08:00")
    with write_tx(engine) as conn:
        counts.add_line(conn, session_id=sid, product_id=1, code="P0", qty=30,
                        counted_at="2026-12-05T10:00:00+08:00")
        seq = append_event(conn, store_code="S001", terminal_code="T01",
                           type="stock.movement", payload={"sku": "P0", "delta": -4},
                           created_at="2026-12-05T10:05:00+08:00").seq
        apply_movements(conn, [(1, -4)], reason="sale", event_seq=seq,
                        created_at="2026-12-05T10:05:00+08:00")
    with engine.connect() as conn:
        snap = counts.snapshot(conn, sid)
        assert snap.ledger.expected(1, snap.counts[1].hwm) == 50 - 6 - 2 - 1
    counts.set_state(engine=engine, session_id=sid, state="approved")
    posted = counts.post(engine=engine, session_id=sid, store_code="S001",
                         terminal_code="T01", posted_at="2026-12-05T12:00:00+08:00")
    assert posted.net_delta == 30 - 41
    assert sync_state.stock_view(engine=engine, sku="P0") == 30 - 4
    engine.dispose()

"""The terminal's sync state in SQLite: batches without holes, acknowledgements within a
batch, the high-water mark, and the ledger still append-only after migration 0007."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from pos_app.store import sync_state
from tests.sync.client.conftest import sell

AT = "2026-12-01T10:00:00+08:00"


def test_a_batch_stops_at_the_first_hole(engine: Engine) -> None:
    sell(engine, 5)
    sync_state.ack(engine=engine, terminal_code="T01", from_seq=3, up_to_seq=3, at=AT)
    batch = sync_state.pending_batch(engine=engine, terminal_code="T01", limit=250)
    assert [e.seq for e in batch] == [1, 2]
    assert all(e.created_at.utcoffset() is not None for e in batch)


def test_acknowledging_a_range_moves_the_high_water_mark_up_only(engine: Engine) -> None:
    sell(engine, 4)
    assert sync_state.ack(engine=engine, terminal_code="T01", up_to_seq=99, at=AT) == 4
    assert sync_state.get_status(engine=engine).acked_seq == 4  # capped at what exists
    assert sync_state.unack_above(engine=engine, terminal_code="T01", seq=1) == 3
    assert sync_state.get_status(engine=engine).acked_seq == 1
    assert sync_state.backlog(engine=engine, terminal_code="T01") == 3


def test_a_cloud_that_went_back_no_longer_holds_our_stock_movements(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO stock_cloud (sku, on_hand, basis_seq, updated_at) "
                          "VALUES ('T-COLA', 10, 7, :at)"), {"at": AT})
    sync_state.unack_above(engine=engine, terminal_code="T01", seq=3)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT basis_seq FROM stock_cloud")).scalar() == 3


def test_the_stock_ledger_stays_append_only(engine: Engine) -> None:
    sell(engine, 1)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE stock_movement SET event_seq = 99"))

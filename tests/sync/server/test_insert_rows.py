"""``db.insert_rows``: the bulk insert of a push (COPY on PostgreSQL) behaves as an INSERT."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from sync.server.db import insert_rows, write_tx
from sync.server.ledger_tables import flag, stock_movement
from tests.sync.server.helpers import Clock


def _movement(line_no: int, clock: Clock, **extra: object) -> dict[str, object]:
    return {"store_id": 1, "event_uuid": "e-1", "line_no": line_no, "sku": "010001",
            "delta": -line_no, "reason": "sale", "terminal_id": "1-t", "created_at": "c",
            "received_at": clock(), **extra}


def test_rows_are_written_with_their_types_and_defaults(
        engine: Engine, clock: Clock, store_id: int) -> None:
    at = clock().astimezone(timezone(timedelta(hours=8)))  # any offset: stored as UTC
    with write_tx(engine) as conn:
        insert_rows(conn, stock_movement, [_movement(n, clock) for n in range(1, 4)])
        # "detail" has a Python-side default an INSERT fills in; text with a quote and tab.
        insert_rows(conn, flag, [{"store_id": store_id, "flag_id": "f-1", "kind": "k",
                                  "subject": "a'b\t\"c\"\\n 中", "open_key": None,
                                  "created_at": at, "resolved_at": None}])
    with engine.connect() as conn:
        moved = conn.execute(select(stock_movement.c.line_no, stock_movement.c.delta,
                                    stock_movement.c.received_at)
                             .order_by(stock_movement.c.line_no)).all()
        flagged = conn.execute(select(flag.c.subject, flag.c.detail, flag.c.created_at,
                                      flag.c.open_key)).one()
    assert [(n, d) for n, d, _ in moved] == [(1, -1), (2, -2), (3, -3)]
    assert all(when == clock() for _, _, when in moved)  # stored as UTC, read back aware
    assert flagged == ("a'b\t\"c\"\\n 中", "{}", clock(), None)


def test_a_duplicate_row_raises_an_integrity_error_and_a_savepoint_recovers(
        engine: Engine, clock: Clock, store_id: int) -> None:
    with write_tx(engine) as conn:
        insert_rows(conn, stock_movement, [_movement(1, clock)])
        savepoint = conn.begin_nested()
        with pytest.raises(IntegrityError):
            insert_rows(conn, stock_movement, [_movement(2, clock), _movement(1, clock)])
        savepoint.rollback()
        insert_rows(conn, stock_movement, [_movement(3, clock)])
    with engine.connect() as conn:
        assert conn.execute(select(stock_movement.c.line_no)
                            .order_by(stock_movement.c.line_no)).scalars().all() == [1, 3]

"""Stock counts in the cloud, on SQLite and PostgreSQL: ``count.posted`` applied once however
often it is delivered, each adjustment a ``count`` movement on top of the sales the cloud
has, and hostile counts quarantined."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine

from contract.store_events import COUNT_POSTED
from sync.server.catalog import add_stock
from sync.server.db import write_tx
from sync.server.ledger_tables import stock_count, stock_movement
from tests.sync.server.helpers import Clock, Till
from tests.sync.server.test_effects import flags, rows
from tests.sync.server.test_returns_sync import balance


def count_payload(products: list[tuple[str, int, int]], *, session_uuid: str | None = None,
                  **extra: Any) -> dict[str, Any]:
    """A count as pos_app.store.counts posts it: (sku, counted, expected) per product."""
    return {"session_uuid": session_uuid or str(uuid.uuid4()), "scope_kind": "store",
            "opened_at": "2026-12-01T08:00:00+08:00",
            "posted_at": "2026-12-01T12:00:00+08:00", "approver_name": "李店长",
            "line_count": len(products),
            "products": [{"sku": sku, "counted": c, "expected": e, "delta": c - e, "hwm": 7}
                         for sku, c, e in products], **extra}


def test_a_count_moves_stock_once_however_often_it_is_delivered(
        till: Till, engine: Engine, clock: Clock, store_id: int) -> None:
    with write_tx(engine) as conn:
        add_stock(conn, store_id=store_id, moves=[("010001", 20), ("010002", 5)],
                  reason="opening", now=clock())
    # The till counted 17 of 010001 when its ledger said 20; 010002 matched.
    counted = till.event(COUNT_POSTED, count_payload(
        [("010001", 17, 20), ("010002", 5, 5)],
        unknown=[{"code": "6990000009995", "qty": 2}]))
    sold = till.sale(sale_uuid=str(uuid.uuid4()), lines=[("010001", 3)], total_fen=1050)
    answer = till.push([counted, sold])  # three sold after counting
    assert answer["applied"] == 2 and answer["quarantined"] == []
    assert (balance(engine, "010001"), balance(engine, "010002")) == (17 - 3, 5)
    assert till.push([counted])["duplicates"] == 1
    copy = till.event(COUNT_POSTED, counted["payload"])  # the same count, a new event
    answer = till.push([copy])
    assert [q["reason"] for q in answer["quarantined"]] == ["sync.count_exists"]
    assert balance(engine, "010001") == 14
    assert rows(engine, stock_movement.c.sku, stock_movement.c.delta, stock_movement.c.reason,
                where=stock_movement.c.event_uuid == counted["event_uuid"]) == [
        ("010001", -3, "count")]
    assert rows(engine, stock_count.c.products, stock_count.c.net_delta) == [(2, -3)]
    assert flags(engine) == []


def test_a_hostile_count_is_quarantined_and_flagged(till: Till, engine: Engine) -> None:
    absurd = count_payload([("010001", 10**12, 0)])
    lying = count_payload([("010001", 5, 2)]) | {"products": [
        {"sku": "010001", "counted": 5, "expected": 2, "delta": 900}]}
    odd_scope = count_payload([("010001", 5, 2)], scope_kind="galaxy")
    twice = count_payload([("010001", 5, 2), ("010001", 6, 2)])
    answer = till.push([till.event(COUNT_POSTED, p)
                        for p in (absurd, lying, odd_scope, twice)])
    assert [q["reason"] for q in answer["quarantined"]] == [
        "sync.count_out_of_bounds", "sync.count_out_of_bounds", "sync.payload_invalid",
        "sync.payload_invalid"]
    assert rows(engine, stock_count.c.session_uuid) == []
    assert {k for k, _ in flags(engine)} == {"event_quarantined"}  # HQ looks at the till

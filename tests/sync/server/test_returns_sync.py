"""Returns in the cloud, on SQLite and PostgreSQL: ``return.completed`` applied once however
often it is delivered, its stock and points moved exactly once, the flags HQ sees, and the
receipt lookup a till uses to return another till's sale."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine

from contract.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from contract.store_events import RETURN_COMPLETED
from sync.server.catalog import add_stock
from sync.server.db import write_tx
from sync.server.ledger_tables import (
    sale_return,
    sale_return_line,
    stock_balance,
    stock_movement,
)
from sync.server.tables import member
from tests.sync.server.helpers import Clock, Till, enroll_till
from tests.sync.server.test_effects import add_member, flags, rows


def return_payload(sale_uuid: str, *, lines: list[tuple[int, str, int, str]],
                   return_uuid: str | None = None, kind: str = "sale",
                   **extra: Any) -> dict[str, Any]:
    """A return as pos_app.store.returns writes it: lines (line_no, sku, qty, disposition)."""
    refund = sum(350 * qty for _, _, qty, _ in lines)
    return {"return_uuid": return_uuid or str(uuid.uuid4()), "return_no": "S001-T01-R000001",
            "return_seq": 1, "kind": kind, "at": "2026-12-01T10:05:00+08:00",
            "original_sale_uuid": sale_uuid if kind == "sale" else None,
            "original_receipt_no": "S001-T01-000001", "refund_fen": refund,
            "lines": [{"line_no": n, "sku": sku, "qty": qty, "net_fen": 350 * qty,
                       "refund_fen": 350 * qty, "disposition": d} for n, sku, qty, d in lines],
            "tenders": [{"tender_index": 0, "kind": "cash", "payout": "cash",
                         "amount_fen": refund}], **extra}


def balance(engine: Engine, sku: str) -> int:
    return int(rows(engine, stock_balance.c.on_hand, where=stock_balance.c.sku == sku)[0][0])


def test_a_return_moves_stock_once_however_often_it_is_delivered(
        till: Till, engine: Engine, clock: Clock, store_id: int) -> None:
    with write_tx(engine) as conn:
        add_stock(conn, store_id=store_id, moves=[("010001", 10), ("010002", 10)],
                  reason="opening", now=clock())
    sale_uuid = str(uuid.uuid4())
    sold = till.sale(sale_uuid=sale_uuid, lines=[("010001", 3), ("010002", 2)],
                     total_fen=1750)
    back = till.event(RETURN_COMPLETED, return_payload(
        sale_uuid, lines=[(1, "010001", 2, "restock"), (2, "010002", 1, "damaged")]))
    answer = till.push([sold, back])
    assert answer["applied"] == 2 and answer["quarantined"] == []
    assert (balance(engine, "010001"), balance(engine, "010002")) == (9, 8)
    again = till.push([back])  # the same event delivered again
    assert again["duplicates"] == 1
    copy = till.event(RETURN_COMPLETED, back["payload"])  # the same return, a new event
    answer = till.push([copy])
    assert [q["reason"] for q in answer["quarantined"]] == ["sync.return_exists"]
    assert (balance(engine, "010001"), balance(engine, "010002")) == (9, 8)
    assert sorted(rows(engine, stock_movement.c.sku, stock_movement.c.delta,
                       stock_movement.c.reason,
                       where=stock_movement.c.event_uuid == back["event_uuid"])) == [
        ("010001", 2, "return"), ("010002", -1, "write_off"), ("010002", 1, "return")]
    assert rows(engine, sale_return.c.original_sale_uuid) == [(sale_uuid,)]
    assert len(rows(engine, sale_return_line.c.pos)) == 2
    assert flags(engine) == []


def test_hq_sees_returns_to_check(till: Till, engine: Engine) -> None:
    sale_uuid = str(uuid.uuid4())
    till.push([
        till.sale(sale_uuid=sale_uuid, lines=[("010001", 1)], total_fen=350),
        till.event(RETURN_COMPLETED, return_payload(
            sale_uuid, lines=[(1, "010001", 1, "restock")], member_id="M1",
            points_clawback=5, clawback_short=20, flags=["clawback_short"])),
        till.event(RETURN_COMPLETED, return_payload(
            sale_uuid, lines=[(1, "010001", 1, "restock")])),  # one more than sold
        till.event(RETURN_COMPLETED, return_payload(
            "", lines=[(1, "010002", 1, "restock")], kind="other_till_offline",
            original_receipt_no="S001-T02-000009", approver_name="王主管")),
    ])
    kinds = [k for k, _ in flags(engine)]
    assert sorted(kinds) == ["return_clawback_short", "return_other_till_offline",
                             "return_over_sold"]


def test_a_hostile_return_is_quarantined_and_flagged(till: Till, engine: Engine) -> None:
    bad = return_payload(str(uuid.uuid4()), lines=[(1, "010001", 10**9, "restock")])
    odd = return_payload(str(uuid.uuid4()), lines=[(1, "010001", 1, "stolen")])
    answer = till.push([till.event(RETURN_COMPLETED, bad), till.event(RETURN_COMPLETED, odd)])
    assert [q["reason"] for q in answer["quarantined"]] == [
        "sync.return_out_of_bounds", "sync.payload_invalid"]
    assert rows(engine, sale_return.c.return_uuid) == []
    assert [k for k, _ in flags(engine)] == ["event_quarantined"]


def test_points_given_back_and_taken_back_move_the_cloud_balance_once(
        till: Till, engine: Engine, clock: Clock) -> None:
    add_member(engine, clock, "M-RET", "13800000077", points=10)
    back = till.points("M-RET", 500, kind="reverse", entry_uuid="ret-1/back")
    taken = till.points("M-RET", -600, kind="reverse", entry_uuid="ret-1/earned")
    till.push([back, taken])
    till.push([back, taken])  # delivered again
    assert rows(engine, member.c.points_balance, where=member.c.member_id == "M-RET") == [
        (10 + 500 - 600,)]
    assert ("points_overdrawn", "M-RET") in flags(engine)  # the member had spent them


def test_the_receipt_lookup_answers_only_within_the_callers_store(
        till: Till, client: Any, engine: Engine, clock: Clock) -> None:
    sale_uuid = str(uuid.uuid4())
    till.push([till.sale(sale_uuid=sale_uuid, lines=[("010001", 2), ("010002", 1)],
                         total_fen=1050),
               till.event(RETURN_COMPLETED, return_payload(
                   sale_uuid, lines=[(1, "010001", 1, "restock")]))])
    other = enroll_till(client, engine, clock, store_code="S001", terminal_code="T02")
    r = client.get("/v1/sales/S001-T01-000001", headers=other.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["sale_uuid"], body["terminal_code"]) == (sale_uuid, "T01")
    assert [(ln["line_no"], ln["qty"]) for ln in body["lines"]] == [(1, 2), (2, 1)]
    [ret] = body["returns"]
    assert [(ln["line_no"], ln["qty"]) for ln in ret["lines"]] == [(1, 1)]
    assert ret["tenders"] == [{"index": 0, "amount_fen": 350, "points": 0}]
    missing = client.get("/v1/sales/S001-T01-000077", headers=other.headers)
    assert (missing.status_code, missing.json()["code"]) == (404, "sync.receipt_not_found")
    foreign = client.get("/v1/sales/S002-T01-000001", headers=other.headers)
    assert (foreign.status_code, foreign.json()["code"]) == (403, "sync.receipt_other_store")
    anonymous = client.get("/v1/sales/S001-T01-000001",
                           headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)})
    assert (anonymous.status_code, anonymous.json()["code"]) == (401,
                                                                 "sync.credential_invalid")

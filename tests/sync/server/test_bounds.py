"""Events are checked against plausible bounds, and no event of one store can make another
store's push fail: hostile amounts are quarantined and flagged, and an event whose writes
fail (a balance at the type's limit) is quarantined alone while its batch goes on."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import Engine, update

from contract.protocol import POINTS_TRANSACTION, SALE_COMPLETED
from sync.server.admin import create_store
from sync.server.bounds import MAX_GRAMS, MAX_PIECES, MAX_POINTS_PER_EVENT, MAX_STOCK_DELTA
from sync.server.catalog import add_stock
from sync.server.db import write_tx
from sync.server.ledger_tables import sale, stock_balance
from sync.server.tables import member
from tests.sync.server.helpers import Clock, Till, enroll_till, sale_payload
from tests.sync.server.test_effects import add_member, flags, rows

BIGINT_MAX = 2**63 - 1


def earn(till: Till, member_id: str, points: int, sale_uuid: str | None) -> dict[str, Any]:
    return till.event(POINTS_TRANSACTION, {
        "entry_uuid": str(uuid.uuid4()), "member_id": member_id, "kind": "earn",
        "points": points, "sale_uuid": sale_uuid, "reason": "sale"})


def member_sale(till: Till, member_id: str, total_fen: int) -> tuple[dict[str, Any], str]:
    sale_uuid = str(uuid.uuid4())
    ev = till.event(SALE_COMPLETED, sale_payload(sale_uuid, lines=[("010001", 2)],
                                                 total_fen=total_fen, member_id=member_id))
    return ev, sale_uuid


def reasons(answer: dict[str, Any]) -> list[str]:
    return [q["reason"] for q in answer["quarantined"]]


def balance(engine: Engine, member_id: str) -> int:
    return int(rows(engine, member.c.points_balance, where=member.c.member_id == member_id)[0][0])


@pytest.fixture
def hostile(client: Any, engine: Engine, clock: Clock, store_id: int) -> Till:
    """A till of another store, S002."""
    create_store(engine, code="S002", name="二店", now=clock())
    return enroll_till(client, engine, clock, store_code="S002", terminal_code="T09")


def test_a_store_pushing_huge_points_cannot_stop_another_stores_sale(
        till: Till, hostile: Till, engine: Engine, clock: Clock) -> None:
    add_member(engine, clock, "M1", "13800000001", 100)
    attack = hostile.push([hostile.points("M1", 10**14) for _ in range(250)])
    assert attack["cursor"] == 250 and attack["applied"] == 0
    assert set(reasons(attack)) == {"sync.points_out_of_bounds"}
    assert len(flags(engine, "event_quarantined")) == 250
    assert balance(engine, "M1") == 100

    ev, sale_uuid = member_sale(till, "M1", 7000)
    answer = till.push([ev, earn(till, "M1", 70, sale_uuid)])
    assert (answer["applied"], answer["quarantined"]) == (2, [])
    assert balance(engine, "M1") == 170


def test_a_balance_at_the_bigint_limit_quarantines_only_the_event_that_would_pass_it(
        till: Till, engine: Engine, clock: Clock) -> None:
    add_member(engine, clock, "M1", "13800000001", 0)
    with write_tx(engine) as conn:  # what ~92,000 hostile events of 1e14 did before
        conn.execute(update(member).values(points_balance=BIGINT_MAX - 10))
    ev, sale_uuid = member_sale(till, "M1", 7000)
    answer = till.push([ev, earn(till, "M1", 70, sale_uuid), till.stock("010001", 5)])
    assert answer["applied"] == 2 and reasons(answer) == ["sync.apply_failed"]
    assert answer["quarantined"][0]["seq"] == 2 and answer["cursor"] == 3
    assert balance(engine, "M1") == BIGINT_MAX - 10
    assert rows(engine, sale.c.sale_uuid) == [(sale_uuid,)]
    assert ("event_quarantined", answer["quarantined"][0]["event_uuid"]) in flags(engine)
    # A redemption brings the damaged balance back: it always passes.
    fix = till.push([till.points("M1", -100, kind="adjust")])
    assert fix["applied"] == 1 and balance(engine, "M1") == BIGINT_MAX - 110


def test_a_stock_balance_at_the_bigint_limit_quarantines_only_its_movement(
        till: Till, engine: Engine, clock: Clock, store_id: int) -> None:
    with write_tx(engine) as conn:
        add_stock(conn, store_id=store_id, moves=[("010001", 1)], reason="opening",
                  now=clock())
        conn.execute(update(stock_balance).values(on_hand=BIGINT_MAX - 1))
    answer = till.push([till.stock("010001", 5), till.stock("010002", 5)])
    assert answer["applied"] == 1 and reasons(answer) == ["sync.apply_failed"]
    assert sorted(rows(engine, stock_balance.c.sku, stock_balance.c.on_hand)) == [
        ("010001", BIGINT_MAX - 1), ("010002", 5)]


def test_an_earn_entry_is_bounded_by_what_its_sale_could_earn(
        till: Till, engine: Engine, clock: Clock) -> None:
    add_member(engine, clock, "M1", "13800000001", 0)
    ev, sale_uuid = member_sale(till, "M1", 1000)  # ¥10: at most 10 × 2 (top tier) points
    answer = till.push([ev, earn(till, "M1", 21, sale_uuid), earn(till, "M1", 20, sale_uuid)])
    assert answer["applied"] == 2 and reasons(answer) == ["sync.points_out_of_bounds"]
    # The sale is found when it was recorded by an earlier push too.
    later = till.push([earn(till, "M1", 5, sale_uuid), earn(till, "M1", 21, sale_uuid)])
    assert later["applied"] == 1 and reasons(later) == ["sync.points_out_of_bounds"]
    assert balance(engine, "M1") == 25


def test_an_earn_entry_before_its_sale_in_the_batch_is_bounded_by_it(
        till: Till, engine: Engine, clock: Clock) -> None:
    """Older tills wrote a sale's points events before the sale's own event."""
    add_member(engine, clock, "M1", "13800000001", 0)
    sale_uuid = str(uuid.uuid4())
    first, too_much = earn(till, "M1", 20, sale_uuid), earn(till, "M1", 21, sale_uuid)
    ev = till.event(SALE_COMPLETED, sale_payload(sale_uuid, total_fen=1000, member_id="M1"))
    answer = till.push([first, too_much, ev])
    assert answer["applied"] == 2 and reasons(answer) == ["sync.points_out_of_bounds"]
    assert balance(engine, "M1") == 20


def test_an_earn_entry_of_an_unknown_sale_is_held_to_the_cap_and_flagged(
        till: Till, engine: Engine, clock: Clock) -> None:
    add_member(engine, clock, "M1", "13800000001", 0)
    ok, over = earn(till, "M1", 500, "not-seen-yet"), earn(
        till, "M1", MAX_POINTS_PER_EVENT + 1, "not-seen-yet")
    answer = till.push([ok, over])
    assert answer["applied"] == 1 and reasons(answer) == ["sync.points_out_of_bounds"]
    assert ("points_sale_unknown", ok["payload"]["entry_uuid"]) in flags(engine)
    assert balance(engine, "M1") == 500


def test_every_points_entry_and_stock_movement_has_a_cap(till: Till, engine: Engine) -> None:
    answer = till.push([
        till.points("M1", MAX_POINTS_PER_EVENT, kind="adjust"),
        till.points("M1", -MAX_POINTS_PER_EVENT - 1, kind="adjust"),
        till.stock("010001", MAX_STOCK_DELTA), till.stock("010001", -MAX_STOCK_DELTA - 1)])
    assert answer["applied"] == 2
    assert reasons(answer) == ["sync.points_out_of_bounds", "sync.stock_out_of_bounds"]


@pytest.mark.parametrize("qty,weighed,ok", [
    (MAX_PIECES, False, True), (MAX_PIECES + 1, False, False), (0, False, False),
    (-3, False, False), (MAX_GRAMS, True, True), (MAX_GRAMS + 1, True, False)])
def test_sale_line_quantities_stay_within_the_tills_limits(
        till: Till, qty: int, weighed: bool, ok: bool) -> None:
    payload = sale_payload(lines=[("010001", 1)])
    payload["lines"][0].update(qty=qty, is_weighed=weighed)
    answer = till.push([till.event(SALE_COMPLETED, payload)])
    assert reasons(answer) == ([] if ok else ["sync.sale_out_of_bounds"])

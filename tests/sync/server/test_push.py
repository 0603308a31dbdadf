"""Push: once and only once, whatever the network does to a batch."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from contract.protocol import SALE_COMPLETED, STOCK_MOVEMENT
from sync.server import upgrades
from sync.server.ledger_tables import applied_event, sale, stock_movement
from tests.sync.server.helpers import Clock, Till, enroll_till


def count(engine: Engine, table: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_batch_is_applied_and_the_cursor_advances(till: Till, engine: Engine) -> None:
    answer = till.push([till.sale(), till.sale(), till.stock("010001", 24)])
    assert answer["status"] == "ok"
    assert (answer["cursor"], answer["expected_seq"], answer["applied"]) == (3, 4, 3)
    assert till.hello()["cursor"] == 3
    assert count(engine, sale) == 2 and count(engine, applied_event) == 3


def test_the_same_batch_again_is_all_duplicates_and_changes_nothing(
        till: Till, engine: Engine) -> None:
    batch = [till.sale(), till.points("M1", 5)]
    till.push(batch)
    again = till.push(batch)
    assert (again["status"], again["applied"], again["duplicates"]) == ("ok", 0, 2)
    assert count(engine, sale) == 1 and count(engine, stock_movement) == 1


def test_a_batch_starting_past_the_cursor_is_a_gap_and_applies_nothing(
        till: Till, engine: Engine) -> None:
    till.push([till.sale()])
    till.sale()  # seq 2 never arrives
    answer = till.push([till.sale()])
    assert (answer["status"], answer["cursor"], answer["expected_seq"]) == ("gap", 1, 2)
    assert count(engine, sale) == 1


def test_a_replayed_old_batch_leaves_the_state_unchanged(till: Till, engine: Engine) -> None:
    first = [till.sale(), till.sale()]
    till.push(first)
    till.push([till.sale()])
    answer = till.push(first)
    assert (answer["cursor"], answer["duplicates"], answer["applied"]) == (3, 2, 0)
    assert count(engine, sale) == 3


def test_a_batch_overlapping_the_cursor_applies_only_the_new_events(
        till: Till, engine: Engine) -> None:
    events = [till.sale() for _ in range(4)]
    till.push(events[:2])
    answer = till.push(events[1:])
    assert (answer["applied"], answer["duplicates"], answer["cursor"]) == (2, 1, 4)


def test_an_event_the_cloud_lost_is_applied_even_below_the_cursor(
        till: Till, engine: Engine) -> None:
    events = [till.sale(), till.sale()]
    till.push(events)
    lost = {"s": events[1]["payload"]["sale_uuid"], "e": events[1]["event_uuid"]}
    with engine.begin() as conn:  # a restore lost the second event and all it wrote
        for table in ("sale_tender", "sale_line", "sale"):
            conn.execute(text(f"DELETE FROM {table} WHERE sale_uuid = :s"), lost)
        for table in ("stock_movement", "applied_event"):
            conn.execute(text(f"DELETE FROM {table} WHERE event_uuid = :e"), lost)
    answer = till.push(events)
    assert (answer["applied"], answer["duplicates"], answer["cursor"]) == (1, 1, 2)
    assert count(engine, sale) == 2


def test_seqs_must_be_consecutive_within_a_batch(till: Till) -> None:
    a, _, c = till.sale(), till.sale(), till.sale()
    r = till.client.post("/v1/push", json=till.body(events=[a, c]), headers=till.headers)
    assert r.status_code == 422 and r.json()["code"] == "sync.request_invalid"


@pytest.mark.parametrize(("type_", "payload", "reason"), [
    ("coffee.brewed", {"cups": 2}, "sync.event_type_unknown"),
    (SALE_COMPLETED, {"sale_uuid": "x", "lines": "two cans", "total_fen": 1},
     "sync.payload_invalid"),
    (SALE_COMPLETED, {"sale_uuid": "x", "lines": [], "total_fen": 10**30},
     "sync.payload_invalid"),
    (STOCK_MOVEMENT, {"sku": "a\u0000b", "delta": 1}, "sync.payload_invalid"),
    (STOCK_MOVEMENT, {"sku": "010001", "delta": "1"}, "sync.payload_invalid"),
])
def test_a_poison_event_is_quarantined_and_the_queue_keeps_draining(
        till: Till, engine: Engine, type_: str, payload: dict[str, Any], reason: str) -> None:
    events = [till.sale(), till.event(type_, payload), till.sale()]
    answer = till.push(events)
    assert (answer["status"], answer["cursor"], answer["applied"]) == ("ok", 3, 2)
    assert answer["quarantined"] == [
        {"event_uuid": events[1]["event_uuid"], "seq": 2, "reason": reason}]
    with engine.connect() as conn:
        row = conn.execute(select(applied_event.c.status, applied_event.c.reason).where(
            applied_event.c.event_uuid == events[1]["event_uuid"])).one()
    assert tuple(row) == ("quarantined", reason)
    assert till.push([till.sale()])["cursor"] == 4


def test_the_same_sale_in_a_second_event_is_quarantined_not_counted_twice(
        till: Till, engine: Engine) -> None:
    first = till.sale(sale_uuid="sale-1")
    answer = till.push([first, till.sale(sale_uuid="sale-1")])
    assert [q["reason"] for q in answer["quarantined"]] == ["sync.sale_exists"]
    assert count(engine, stock_movement) == 1


def test_an_event_version_newer_than_the_server_refuses_the_batch(
        till: Till, engine: Engine) -> None:
    events = [till.sale(), till.event(SALE_COMPLETED, {}, version=2)]
    r = till.client.post("/v1/push", json=till.body(events=events), headers=till.headers)
    assert r.status_code == 422
    assert r.json()["code"] == "sync.event_version_unknown"
    assert r.json()["data"]["version"] == 2
    assert count(engine, applied_event) == 0 and till.hello()["cursor"] == 0


@pytest.fixture
def stock_movement_v2() -> Iterator[None]:
    """Pretend stock.movement is at version 2, where v1's ``qty`` became ``delta``."""
    saved = dict(upgrades.CURRENT_VERSIONS), dict(upgrades.UPGRADERS)
    upgrades.CURRENT_VERSIONS[STOCK_MOVEMENT] = 3
    upgrades.UPGRADERS[(STOCK_MOVEMENT, 1)] = lambda p: {
        **{k: v for k, v in p.items() if k != "qty"}, "delta": p["qty"]}
    upgrades.UPGRADERS[(STOCK_MOVEMENT, 2)] = lambda p: {**p, "reason": p.get("reason") or "v2"}
    yield
    upgrades.CURRENT_VERSIONS.clear()
    upgrades.CURRENT_VERSIONS.update(saved[0])
    upgrades.UPGRADERS.clear()
    upgrades.UPGRADERS.update(saved[1])


def test_an_old_event_version_is_upgraded_step_by_step_not_dropped(
        till: Till, engine: Engine, stock_movement_v2: None) -> None:
    old = till.event(STOCK_MOVEMENT, {"sku": "010001", "qty": 7}, version=1)
    answer = till.push([old])
    assert (answer["applied"], answer["quarantined"]) == (1, [])
    with engine.connect() as conn:
        moved = conn.execute(select(stock_movement.c.delta, stock_movement.c.reason)).one()
        raw = conn.execute(select(applied_event.c.payload, applied_event.c.version)).one()
    assert tuple(moved) == (7, "v2")
    assert raw.version == 1 and '"qty":7' in raw.payload  # recorded as it arrived


def test_an_old_version_without_an_upgrader_is_quarantined(
        till: Till, stock_movement_v2: None) -> None:
    del upgrades.UPGRADERS[(STOCK_MOVEMENT, 2)]
    answer = till.push([till.event(STOCK_MOVEMENT, {"sku": "a", "qty": 1}, version=1)])
    assert [q["reason"] for q in answer["quarantined"]] == ["sync.event_upgrade_missing"]


def test_the_same_batch_sent_twice_at_once_is_applied_once(
        till: Till, engine: Engine) -> None:
    batch = [till.sale(lines=[("010001", 1), ("010002", 1)]) for _ in range(40)]
    batch += [till.points("M1", 3) for _ in range(20)]
    body = till.body(events=batch)
    answers: list[dict[str, Any]] = []
    start = threading.Barrier(3)

    def send() -> None:
        start.wait()
        r = till.client.post("/v1/push", json=body, headers=till.headers)
        answers.append({**r.json(), "http": r.status_code})

    threads = [threading.Thread(target=send) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a["http"] for a in answers] == [200, 200, 200], answers
    assert sorted(a["applied"] for a in answers) == [0, 0, 60]
    assert sorted(a["duplicates"] for a in answers) == [0, 60, 60]
    assert count(engine, sale) == 40 and count(engine, stock_movement) == 80
    assert count(engine, applied_event) == 60


def test_two_terminals_pushing_at_once_both_succeed(till: Till, client: Any, engine: Engine,
                                                    clock: Clock) -> None:
    other = enroll_till(client, engine, clock, store_code="S001", terminal_code="T02")
    lines = [("010001", 1), ("010002", 1), ("010003", 1)]
    batches = [(t, [t.sale(lines=lines[::step]) for _ in range(30)])
               for t, step in ((till, 1), (other, -1))]
    errors: list[str] = []

    def send(t: Till, events: list[dict[str, Any]]) -> None:
        r = t.client.post("/v1/push", json=t.body(events=events), headers=t.headers)
        if r.status_code != 200:
            errors.append(r.text)

    threads = [threading.Thread(target=send, args=b) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert till.pull_all("stock") == {sku: {"on_hand": -60} for sku, _ in lines}
    assert count(engine, sale) == 60


def test_event_ids_are_unique_per_store_not_per_terminal(till: Till, client: Any,
                                                         engine: Engine, clock: Clock) -> None:
    other = enroll_till(client, engine, clock, store_code="S001", terminal_code="T02")
    ev = till.sale()
    till.push([ev])
    assert other.push([{**ev, "seq": 1}])["duplicates"] == 1

"""Quarantine, cloud side: HQ sees quarantined events per store (status page, CLI), and an
event its till fixed and pushed again is checked again and applied when it now passes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine

from sync.server.admin import create_store
from sync.server.cli import main
from sync.server.ledger_tables import applied_event, flag, sale
from tests.sync.server.helpers import Clock, Till, enroll_till
from tests.sync.server.test_effects import rows


def bad_sale(till: Till) -> dict[str, Any]:
    ev = till.sale(lines=[("010001", 2)])
    ev["payload"]["lines"][0]["qty"] = 0  # a till bug: a line of nothing
    return ev


def fixed(ev: dict[str, Any]) -> dict[str, Any]:
    payload = json.loads(json.dumps(ev["payload"]))
    payload["lines"][0]["qty"] = 2
    return {**ev, "payload": payload}


def event_row(engine: Engine, event_uuid: str) -> tuple[Any, ...]:
    return rows(engine, applied_event.c.status, applied_event.c.reason,
                applied_event.c.history, where=applied_event.c.event_uuid == event_uuid)[0]


def test_a_fixed_event_pushed_again_below_the_cursor_is_applied_with_its_history(
        till: Till, engine: Engine, clock: Clock) -> None:
    broken = bad_sale(till)
    first = till.push([broken, till.stock("010001", 3)])
    assert [q["reason"] for q in first["quarantined"]] == ["sync.sale_out_of_bounds"]
    assert first["cursor"] == 2 and rows(engine, sale.c.sale_uuid) == []
    assert rows(engine, flag.c.kind, flag.c.resolved_at) == [("event_quarantined", None)]

    clock.advance(minutes=5)
    again = till.push([fixed(broken)])
    assert (again["applied"], again["duplicates"], again["quarantined"]) == (1, 0, [])
    assert again["cursor"] == 2
    status, reason, history = event_row(engine, broken["event_uuid"])
    assert (status, reason) == ("applied", None)
    assert [h["reason"] for h in json.loads(history)] == ["sync.sale_out_of_bounds"]
    assert rows(engine, sale.c.sale_uuid) == [(broken["payload"]["sale_uuid"],)]
    assert rows(engine, flag.c.resolved_at)[0][0] is not None  # HQ's flag closed itself


def test_a_still_broken_event_stays_quarantined_and_is_reported_again(
        till: Till, engine: Engine) -> None:
    broken = bad_sale(till)
    till.push([broken])
    again = till.push([broken])  # a plain retry of the same batch
    assert [q["reason"] for q in again["quarantined"]] == ["sync.sale_out_of_bounds"]
    assert again["applied"] == 0
    assert event_row(engine, broken["event_uuid"])[:2] == ("quarantined",
                                                           "sync.sale_out_of_bounds")
    assert event_row(engine, broken["event_uuid"])[2] is None  # nothing changed: no history


def test_an_applied_event_pushed_again_stays_a_duplicate_whatever_its_payload(
        till: Till, engine: Engine) -> None:
    ev = till.sale(lines=[("010001", 2)], total_fen=700)
    till.push([ev])
    changed = {**ev, "payload": {**ev["payload"], "total_fen": 9_999}}
    again = till.push([changed])
    assert (again["applied"], again["duplicates"]) == (0, 1)
    assert rows(engine, sale.c.total_fen) == [(700,)]


@pytest.fixture
def two_stores(till: Till, client: Any, engine: Engine, clock: Clock) -> tuple[Till, Till]:
    create_store(engine, code="S002", name="二店", now=clock())
    other = enroll_till(client, engine, clock, store_code="S002", terminal_code="T07")
    till.push([bad_sale(till)])
    other.push([other.event("coffee.brewed", {}), other.stock("010001", 10**12)])
    return till, other


def test_the_status_page_lists_quarantined_events_per_store(
        two_stores: tuple[Till, Till], client: Any) -> None:
    page = client.get("/").text
    s1, s2 = page.index("Quarantined events · S001"), page.index("Quarantined events · S002")
    first, second = page[s1:s2], page[s2:]
    assert "T01" in first and "sync.sale_out_of_bounds" in first and "T07" not in first
    for text in ("T07", "coffee.brewed", "sync.event_type_unknown", "stock.movement",
                 "sync.stock_out_of_bounds", "2026-12-01 10:00"):
        assert text in second, text


def test_the_cli_lists_quarantined_events_of_a_store(
        two_stores: tuple[Till, Till], database_url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", database_url, "quarantine", "list", "--store", "S002"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split("\t")[:5] == ["store", "terminal", "seq", "type", "reason"]
    assert sorted(line.split("\t")[1:5] for line in lines[1:]) == [
        ["T07", "1", "coffee.brewed", "sync.event_type_unknown"],
        ["T07", "2", "stock.movement", "sync.stock_out_of_bounds"]]
    assert main(["--database-url", database_url, "quarantine", "list"]) == 0
    assert "S001\tT01\t1\tsale.completed\tsync.sale_out_of_bounds" in capsys.readouterr().out

"""Verify: the cloud's per-day summaries against the till's, from the same events."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from contract.protocol import DaySummary
from contract.summary import summarize
from tests.sync.server.helpers import CST, Till


def till_days(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the till sends: the summary of its own outbox."""
    return [d.model_dump() for d in summarize(
        (e["type"], e["created_at"], e["payload"]) for e in events)]


def verify(till: Till, days: list[dict[str, Any]]) -> dict[str, Any]:
    r = till.client.post("/v1/verify", json={"store_code": "S001", "terminal_code": "T01",
                                             "days": days}, headers=till.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_the_same_events_give_the_same_days(till: Till) -> None:
    events = [till.sale(total_fen=700), till.points("M1", 7), till.void(), till.stock("A", 5),
              till.event("coffee.brewed", {"cups": 1})]  # quarantined events count too
    till.push(events)
    answer = verify(till, till_days(events))
    assert answer["mismatched"] == [] and answer["cursor"] == 5
    assert [DaySummary(**d) for d in answer["server_days"]] == summarize(
        (e["type"], e["created_at"], e["payload"]) for e in events)


def test_a_day_the_cloud_lost_is_reported(till: Till, engine: Engine) -> None:
    day1 = datetime(2026, 11, 30, 20, 0, tzinfo=CST)
    events = [till.event("sale.completed", {"sale_uuid": "a", "lines": [], "total_fen": 100},
                         created_at=day1),
              till.sale(), till.sale()]
    till.push(events)
    with engine.begin() as conn:  # restored from an older backup: the last sale is gone
        conn.execute(text("DELETE FROM applied_event WHERE event_uuid = :u"),
                     {"u": events[2]["event_uuid"]})
    answer = verify(till, till_days(events))
    assert answer["mismatched"] == ["2026-12-01"]
    assert answer["server_days"][1]["sales_count"] == 1


def test_a_day_the_cloud_never_saw_is_a_mismatch(till: Till) -> None:
    events = [till.sale()]
    answer = verify(till, till_days(events))
    assert answer["mismatched"] == ["2026-12-01"]
    assert answer["server_days"] == [{
        "business_date": "2026-12-01", "events": 0, "sales_count": 0, "sales_total_fen": 0,
        "voided_count": 0, "points_delta": 0, "stock_delta": 0}]


def test_days_are_the_tills_local_dates(till: Till) -> None:
    till.skew = timedelta(hours=14)  # 00:00 the next day in Shanghai
    events = [till.sale()]
    till.push(events)
    assert till_days(events)[0]["business_date"] == "2026-12-02"
    assert verify(till, till_days(events))["mismatched"] == []


def test_only_the_days_asked_about_are_compared(till: Till) -> None:
    till.push([till.sale()])
    assert verify(till, [])["mismatched"] == []

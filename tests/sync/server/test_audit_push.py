"""``audit.recorded``: a till's audit log entries recorded once per store, whatever is pushed
twice, and a hostile entry quarantined without stopping the rest of its batch."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from contract.protocol import AUDIT_RECORDED
from sync.server.admin import create_store
from sync.server.ledger_tables import applied_event, audit_entry
from tests.sync.server.helpers import Clock, Till, enroll_till


def audit(entry_uuid: str | None = None, **changes: Any) -> dict[str, Any]:
    """An entry as pos_app.store.audit.append_audit writes it."""
    return {"entry_uuid": str(uuid.uuid4()) if entry_uuid is None else entry_uuid,
            "at": "2026-12-01T10:00:05+08:00", "action": "discount",
            "staff_id": "demo-staff-cashier", "staff_name": "王芳",
            "approver_id": "demo-staff-supervisor", "approver_name": "李强",
            "subject": "sale-1", "detail": {"discount_bp": 2000, "off_fen": 150}, **changes}


def entries(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(
            audit_entry.c.store_id, audit_entry.c.entry_uuid, audit_entry.c.action,
            audit_entry.c.staff_name, audit_entry.c.approver_name, audit_entry.c.detail,
            audit_entry.c.at).order_by(audit_entry.c.store_id, audit_entry.c.at))]


def reasons(answer: dict[str, Any]) -> list[str]:
    return [q["reason"] for q in answer["quarantined"]]


def test_an_audit_entry_is_recorded_once_even_when_pushed_twice(
        till: Till, engine: Engine, store_id: int) -> None:
    first = till.event(AUDIT_RECORDED, audit("e-1"))
    assert till.push([first])["applied"] == 1
    assert till.push([first])["duplicates"] == 1  # the same event again (a lost answer)
    # Another event carrying the same entry (a till that wrote it twice) is not applied.
    again = till.event(AUDIT_RECORDED, audit("e-1", action="line_void"))
    answer = till.push([again])
    assert answer["applied"] == 0 and reasons(answer) == ["sync.audit_entry_exists"]
    assert entries(engine) == [(store_id, "e-1", "discount", "王芳", "李强",
                                '{"discount_bp":2000,"off_fen":150}',
                                "2026-12-01T10:00:05+08:00")]


def test_an_entry_twice_in_one_batch_is_recorded_once(till: Till, engine: Engine) -> None:
    events = [till.event(AUDIT_RECORDED, audit("e-2")), till.sale(),
              till.event(AUDIT_RECORDED, audit("e-2"))]
    answer = till.push(events)
    assert answer["applied"] == 2 and reasons(answer) == ["sync.audit_entry_exists"]
    assert [e[1] for e in entries(engine)] == ["e-2"]


def test_an_entry_without_staff_or_approver_is_kept_as_sent(till: Till,
                                                            engine: Engine) -> None:
    """A sign-in with an unknown code: nobody signed in, nobody approved."""
    till.push([till.event(AUDIT_RECORDED, audit(
        "e-3", action="sign_in_failed", staff_id="", staff_name="", approver_id=None,
        approver_name=None, subject="", detail={"code": "77", "why": "unknown"}))])
    [(_, _, action, staff_name, approver, detail, _)] = entries(engine)
    assert (action, staff_name, approver) == ("sign_in_failed", "", None)
    assert json.loads(detail) == {"code": "77", "why": "unknown"}


def test_each_store_keeps_its_own_log(till: Till, client: Any, engine: Engine,
                                      clock: Clock) -> None:
    create_store(engine, code="S002", name="二号店", now=clock())
    other = enroll_till(client, engine, clock, store_code="S002", terminal_code="T01")
    assert till.push([till.event(AUDIT_RECORDED, audit("same"))])["applied"] == 1
    assert other.push([other.event(AUDIT_RECORDED, audit("same"))])["applied"] == 1
    assert len(entries(engine)) == 2


HOSTILE: dict[str, dict[str, Any]] = {
    "huge detail": {"detail": {f"k{i}": "x" * 900 for i in range(10)}},
    "a long detail text": {"detail": {"note": "x" * 1001}},
    "detail nested too deep": {"detail": {"a": [[[[[[[[[["deep"]]]]]]]]]]}},
    "NUL in a name": {"staff_name": "王\x00芳"},
    "NUL in the detail": {"detail": {"why\x00": "x"}},
    "NUL in a detail value": {"detail": {"why": "x\x00"}},
    "a number for a text": {"staff_id": 5},
    "a list for the detail": {"detail": [1, 2]},
    "no time": {"at": "yesterday"},
    "a number for the time": {"at": 1_733_000_000},
    "a long action": {"action": "a" * 65},
    "an empty action": {"action": ""},
    "a long subject": {"subject": "s" * 129},
    "no entry uuid": {"entry_uuid": ""},
    "a huge number": {"detail": {"off_fen": 2**70}},
}


@pytest.mark.parametrize("change", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_hostile_audit_entry_is_quarantined_and_the_batch_goes_on(
        till: Till, engine: Engine, change: dict[str, Any]) -> None:
    good = till.event(AUDIT_RECORDED, audit("good-1"))
    bad = till.event(AUDIT_RECORDED, audit(**change))
    events = [good, bad, till.sale(), till.event(AUDIT_RECORDED, audit("good-2"))]
    answer = till.push(events)
    assert answer["status"] == "ok" and answer["cursor"] == till.seq
    assert answer["applied"] == 3 and reasons(answer) == ["sync.payload_invalid"]
    assert answer["quarantined"][0]["event_uuid"] == bad["event_uuid"]
    assert [e[1] for e in entries(engine)] == ["good-1", "good-2"]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(applied_event).where(
            applied_event.c.status == "quarantined")).scalar_one() == 1


def test_a_detail_with_nan_is_quarantined(till: Till, engine: Engine) -> None:
    """JSON has no NaN, but Python's parser reads one: it must not reach the log."""
    event = till.event(AUDIT_RECORDED, audit(detail={"off_fen": float("nan")}))
    r = till.client.post("/v1/push", content=json.dumps(till.body(events=[event])),
                         headers={**till.headers, "Content-Type": "application/json"})
    assert r.status_code == 200 and reasons(r.json()) == ["sync.payload_invalid"]
    assert entries(engine) == []


def test_shift_and_cash_events_are_checked_and_kept_as_sent(till: Till,
                                                            engine: Engine) -> None:
    """The cloud has no shift tables yet: a valid event is applied (its till moves on) and
    its payload kept in its applied_event row; a hostile one is quarantined."""
    opened = {"shift_uuid": "sh-1", "shift_no": 1, "opened_at": "2026-12-01T08:00:00+08:00",
              "opened_by_id": "demo-staff-cashier", "opening_float_fen": 20_000,
              "opening_count": {"y100": 2}}
    moved = {"movement_uuid": "mv-1", "shift_uuid": "sh-1", "kind": "paid_out",
             "amount_fen": 500, "reason": "快递费", "staff_id": "demo-staff-cashier",
             "at": "2026-12-01T09:00:00+08:00"}
    events = [till.event("shift.opened", opened), till.event("cash.moved", moved),
              till.event("cash.moved", {**moved, "movement_uuid": "mv-2", "at": "x" * 41})]
    answer = till.push(events)
    assert answer["applied"] == 2 and reasons(answer) == ["sync.payload_invalid"]
    with engine.connect() as conn:
        kept = conn.execute(select(applied_event.c.payload).where(
            applied_event.c.event_uuid == events[1]["event_uuid"])).scalar_one()
    assert json.loads(kept) == moved

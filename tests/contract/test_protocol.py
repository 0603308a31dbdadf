"""The sync contract: schemas refuse what the protocol forbids; summaries agree both sides."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from contract.protocol import (
    EVENT_VERSIONS,
    MAX_BATCH,
    POINTS_TRANSACTION,
    SALE_COMPLETED,
    SALE_VOIDED,
    Change,
    OutEvent,
    PushRequest,
)
from contract.summary import summarize

CST = timezone(timedelta(hours=8))
AT = datetime(2026, 12, 1, 23, 30, tzinfo=CST)


def event(seq: int, type_: str = SALE_COMPLETED, **payload: object) -> OutEvent:
    return OutEvent(event_uuid=uuid.uuid4(), seq=seq, type=type_, version=1,
                    payload=payload, created_at=AT)


def push(*events: OutEvent) -> PushRequest:
    return PushRequest(store_code="S001", terminal_code="T01", sent_at=AT, events=list(events))


def test_a_batch_is_consecutive_and_bounded() -> None:
    assert len(push(event(5), event(6), event(7)).events) == 3
    with pytest.raises(ValidationError, match="consecutive"):
        push(event(5), event(7))
    with pytest.raises(ValidationError, match="consecutive"):
        push(event(6), event(5))
    with pytest.raises(ValidationError):
        push(*[event(i) for i in range(1, MAX_BATCH + 2)])
    with pytest.raises(ValidationError):
        push()


def test_times_must_carry_an_offset_and_codes_are_plain() -> None:
    with pytest.raises(ValidationError, match="UTC offset"):
        OutEvent(event_uuid=uuid.uuid4(), seq=1, type="x", version=1, payload={},
                 created_at=datetime(2026, 12, 1, 12, 0))
    with pytest.raises(ValidationError):
        PushRequest(store_code="S 001", terminal_code="T01", sent_at=AT, events=[event(1)])
    with pytest.raises(ValidationError):
        event(0)


def test_a_change_carries_data_exactly_when_it_is_an_upsert() -> None:
    Change(seq=1, key="A1", op="upsert", data={"name": "苹果"})
    Change(seq=2, key="A1", op="delete")
    with pytest.raises(ValidationError):
        Change(seq=3, key="A1", op="upsert")
    with pytest.raises(ValidationError):
        Change(seq=4, key="A1", op="delete", data={})


def test_every_event_type_has_a_version() -> None:
    assert all(v >= 1 for v in EVENT_VERSIONS.values())


def test_summaries_use_the_terminals_own_date_and_sum_stock_and_points() -> None:
    late = AT  # 23:30 in Shanghai is 15:30 UTC: the business day is the terminal's
    rows: list[tuple[str, datetime | str, dict[str, Any]]] = [
        (SALE_COMPLETED, late, {"total_fen": 1_250, "lines": [{"qty": 2}, {"qty": 350}]}),
        (SALE_COMPLETED, late.isoformat(), {"total_fen": 300, "lines": [{"qty": 1}]}),
        (SALE_VOIDED, late + timedelta(hours=1), {"total_fen": 999}),
        (POINTS_TRANSACTION, late, {"points": -500}),
        (POINTS_TRANSACTION, late, {"points": 12}),
        (SALE_COMPLETED, late, {"total_fen": "bad", "lines": "bad"}),  # counts as zero
    ]
    [day1, day2] = summarize(rows)
    assert day1.business_date == "2026-12-01"
    assert (day1.events, day1.sales_count, day1.sales_total_fen) == (5, 3, 1_550)
    assert (day1.stock_delta, day1.points_delta, day1.voided_count) == (-353, -488, 0)
    assert (day2.business_date, day2.voided_count, day2.events) == ("2026-12-02", 1, 1)
    assert summarize(reversed(rows)) == summarize(rows)  # order does not matter

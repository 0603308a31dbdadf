"""Verification (days compared, differing days pushed again), pruning of acknowledged
events, and the client's pure decisions."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Engine, text

from contract.protocol import SALE_COMPLETED, PushResponse
from pos_app.core.clock import DEFAULT_CLOCK
from pos_app.store import outbox, sync_state
from pos_app.store.db import write_tx
from sync.client import SyncClient, plan_hello, plan_push, verify_since
from tests.sync.client.conftest import make_client, sell
from tests.sync.client.fake_cloud import FakeCloud


def answer(status: Literal["ok", "gap"], cursor: int) -> PushResponse:
    return PushResponse(status=status, cursor=cursor, expected_seq=cursor + 1,
                        server_time=datetime.now().astimezone(), clock_skew_s=0.0)


def test_hello_below_the_high_water_mark_makes_the_rest_pending() -> None:
    assert plan_hello(cursor=5, acked_seq=9, last_seq=12).unack_above == 5
    assert plan_hello(cursor=9, acked_seq=9, last_seq=12).unack_above is None
    assert plan_hello(cursor=20, acked_seq=9, last_seq=12).cloud_ahead


def test_push_acknowledges_only_the_batch_up_to_the_cursor() -> None:
    assert plan_push(first_seq=3, last_seq=6, answer=answer("ok", 6)).ack_last == 6
    step = plan_push(first_seq=3, last_seq=6, answer=answer("ok", 9))
    assert (step.ack_first, step.ack_last) == (3, 6)  # 7..9 are not in this batch
    stale = plan_push(first_seq=3, last_seq=6, answer=answer("ok", 2))
    assert stale.ack_last < stale.ack_first
    gap = plan_push(first_seq=7, last_seq=9, answer=answer("gap", 4))
    assert (gap.unack_above, gap.expect_first, gap.ack_last < gap.ack_first) == (4, 5, True)


def test_the_verified_window_is_the_kept_days() -> None:
    assert verify_since(date(2026, 12, 31), 30) == "2026-12-02"
    assert verify_since(date(2026, 12, 31), 1) == "2026-12-31"
    assert verify_since(date(2026, 12, 31), 10_000) == (
        date(2026, 12, 31) - timedelta(days=399)).isoformat()


def test_a_day_the_cloud_lost_is_found_and_pushed_again(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 3)
    client.sync_once()
    cloud.lose(seq=2)  # its cursor still says 3
    report = client.sync_once(verify=True)
    assert report.mismatched == [DEFAULT_CLOCK.today().isoformat()]  # the store's day
    assert report.repushed == 3 and report.applied == 1
    assert {e.event_uuid for e in outbox.events_after(engine=engine, terminal_code="T01")} \
        == set(cloud.events)
    assert client.sync_once(verify=True).mismatched == []


def test_a_day_that_keeps_differing_is_reported_once_it_differs_twice(
        engine: Engine, cloud: FakeCloud, client: SyncClient,
        monkeypatch: Any) -> None:
    sell(engine, 1)
    monkeypatch.setattr(cloud, "summaries", dict)  # a cloud that never agrees
    first = client.sync_once(verify=True)
    assert first.mismatched and not first.still_mismatched
    second = client.sync_once(verify=True)
    assert second.still_mismatched == first.mismatched


def test_verification_is_skipped_until_due(engine: Engine, cloud: FakeCloud) -> None:
    sell(engine, 1)
    with make_client(engine, cloud, verify_every_s=3600) as client:
        assert client.sync_once().verified  # the first sync verifies
        assert not client.sync_once().verified
    assert cloud.paths("/v1/verify") == ["/v1/verify"]


def _old_event(engine: Engine, days_ago: int) -> None:
    at = (datetime.now().astimezone() - timedelta(days=days_ago)).isoformat()
    with write_tx(engine) as conn:
        outbox.append_event(conn, store_code="S001", terminal_code="T01", type=SALE_COMPLETED,
                            payload={"total_fen": 100, "lines": []}, created_at=at)


def test_acknowledged_events_are_kept_n_days_then_pruned(
        engine: Engine, cloud: FakeCloud) -> None:
    _old_event(engine, 40)
    _old_event(engine, 3)
    with make_client(engine, cloud, keep_acked_days=30) as client:
        report = client.sync_once(verify=True)
    assert report.pruned == 1
    with engine.connect() as conn:
        left = conn.execute(text("SELECT seq FROM outbox_event ORDER BY seq")).scalars().all()
    assert left == [2]


def test_pending_events_are_never_pruned(engine: Engine) -> None:
    _old_event(engine, 400)
    assert sync_state.prune_acked(engine=engine, terminal_code="T01", before="2999-01-01") == 0
    assert sync_state.backlog(engine=engine, terminal_code="T01") == 1


def test_day_sums_of_real_trading_equal_the_recomputed_summaries(
        engine: Engine, client: SyncClient) -> None:
    """Sales with a member earning points, a sale paid partly with points (a negative
    points entry), a voided sale: the stored day sums the verification sends equal what
    ``summarize`` works out from the payloads, before and after the push."""
    from contract.summary import summarize
    from pos_app.core.money import Money
    from tests.conftest import COLA, TEA
    from tests.sync.client.conftest import GOLD_CARD

    checkout = sell(engine, 2, member_card=GOLD_CARD)
    checkout.scan(GOLD_CARD)
    checkout.scan(TEA)
    checkout.pay_points(100)
    checkout.add_tender("cash", Money(checkout.current().payment.remaining.fen))
    checkout.complete()
    checkout.scan(COLA)
    checkout.void()

    def recomputed() -> list[Any]:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT type, created_at, payload FROM outbox_event "
                                     "WHERE acked_at IS NOT NULL ORDER BY seq")).all()
        return summarize((r[0], r[1], json.loads(r[2])) for r in rows)

    assert sync_state.day_summaries(engine=engine, terminal_code="T01",
                                    since="2000-01-01") == recomputed() == []
    report = client.sync_once(verify=True)
    assert report.mismatched == [] and report.acked > 0
    [day] = sync_state.day_summaries(engine=engine, terminal_code="T01", since="2000-01-01")
    assert [day] == recomputed()
    assert (day.sales_count, day.voided_count) == (3, 1) and day.points_delta != 0

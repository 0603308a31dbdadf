"""Push: batches, acknowledgements by cursor, lost and doubled answers, gaps, a cloud that
went back in time, and retries with backoff."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, text

from pos_app.store import outbox, sync_state
from sync.client import SyncClient, SyncError, SyncOffline, SyncRefused
from tests.sync.client.conftest import GOLD_CARD, make_client, sell
from tests.sync.client.fake_cloud import FakeCloud


def local_events(engine: Engine) -> list[tuple[str, int, bool]]:
    with engine.connect() as conn:
        return [(r[0], r[1], r[2] is not None) for r in conn.execute(text(
            "SELECT event_uuid, seq, acked_at FROM outbox_event ORDER BY seq"))]


def points_states(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT state FROM points_entry ORDER BY id"))]


def assert_converged(engine: Engine, cloud: FakeCloud) -> None:
    events = local_events(engine)
    assert {u for u, _, _ in events} == set(cloud.events)
    assert all(acked for _, _, acked in events)
    assert sync_state.backlog(engine=engine, terminal_code="T01") == 0


def test_sync_pushes_every_event_once_and_acknowledges_them(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 3, member_card=GOLD_CARD)
    report = client.sync_once()
    assert report.applied == len(local_events(engine)) == cloud.cursor
    assert report.duplicates == 0
    assert_converged(engine, cloud)
    # pushed but the member's new balance not pulled yet: still counted on top of it
    assert set(points_states(engine)) == {"acked"}
    assert client.sync_once().applied == 0  # nothing left: a second sync pushes nothing


def test_batches_hold_at_most_batch_events_oldest_first(
        engine: Engine, cloud: FakeCloud) -> None:
    sell(engine, 5)
    with make_client(engine, cloud, batch=2) as client:
        client.sync_once()
    assert cloud.pushed_batches() == [[1, 2], [3, 4], [5]]
    assert_converged(engine, cloud)


def test_an_answer_lost_after_the_commit_is_retried_and_gives_duplicates(
        engine: Engine, cloud: FakeCloud, client: SyncClient, sleeps: list[float]) -> None:
    sell(engine, 2)
    cloud.fail("/v1/push", "lost_answer")
    report = client.sync_once()
    assert len(cloud.pushed_batches()) == 2  # the same batch again
    assert report.applied == 0 and report.duplicates == 2
    assert len(sleeps) == 1
    assert_converged(engine, cloud)


def test_a_batch_delivered_twice_is_applied_once(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 2)
    cloud.fail("/v1/push", "twice")
    client.sync_once()
    assert len(cloud.events) == 2
    assert_converged(engine, cloud)


def test_a_stale_answer_acknowledges_nothing_and_the_batch_is_sent_again(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 2)
    cloud.fail("/v1/push", "stale")  # applied, but the answer is the one from before
    client.sync_once()
    assert cloud.pushed_batches() == [[1, 2], [1, 2]]
    assert_converged(engine, cloud)


def test_a_server_restart_mid_batch_is_only_a_retry(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 2)
    cloud.fail("/v1/push", "connect")  # killed before the commit: nothing applied
    cloud.fail("/v1/push", "lost_answer")  # killed after the commit
    client.sync_once()
    assert len(cloud.pushed_batches()) == 3
    assert_converged(engine, cloud)


def test_5xx_is_retried_with_growing_backoff_then_succeeds(
        engine: Engine, cloud: FakeCloud, client: SyncClient, sleeps: list[float]) -> None:
    sell(engine, 1)
    cloud.fail("/v1/push", "503", times=3)
    client.sync_once()
    assert sleeps == sorted(sleeps) and len(sleeps) == 3 and sleeps[0] < sleeps[-1]
    assert_converged(engine, cloud)


def test_an_unreachable_cloud_is_offline_after_the_retries_and_nothing_changes(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 1)
    cloud.fail("/v1/push", "connect", times=10)
    with pytest.raises(SyncOffline) as err:
        client.sync_once()
    assert err.value.key == "sync.offline"
    assert len(cloud.pushed_batches()) == 4  # the policy's attempts
    assert not any(acked for _, _, acked in local_events(engine))


def test_a_refusal_is_a_typed_error_with_the_problem_code(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    cloud.fail("/v1/hello", "outdated")
    with pytest.raises(SyncRefused) as err:
        client.sync_once()
    assert (err.value.key, err.value.code, err.value.status) == (
        "sync.protocol_outdated", "sync.protocol_outdated", 426)
    cloud.fail("/v1/hello", "problem")
    with pytest.raises(SyncRefused) as err:
        client.sync_once()
    assert err.value.key == "sync.problem"  # a code the till does not know: told generically
    assert err.value.data["problem"] == "sync.something_new"


def test_a_wrong_credential_is_refused(engine: Engine, cloud: FakeCloud) -> None:
    cloud.token = "another"
    with make_client(engine, cloud) as client, pytest.raises(SyncRefused) as err:
        client.sync_once()
    assert err.value.key == "sync.credential_invalid"


def test_a_cloud_restored_to_an_earlier_point_gets_the_lost_events_again(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 4)
    client.sync_once()
    cloud.restore(cursor=2)
    report = client.sync_once()
    assert report.unacked == 2 and report.applied == 2
    assert cloud.cursor == 4
    assert_converged(engine, cloud)


def test_a_gap_resumes_from_the_expected_seq(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 4)
    # The till believes events 1-2 are acknowledged but the cloud never got them (its
    # high-water mark forgotten, as after enrolling with another cloud): a gap.
    sync_state.ack(engine=engine, terminal_code="T01", up_to_seq=2, at="2026-12-01T00:00:00Z")
    sync_state.update_status(engine=engine, acked_seq=0)
    report = client.sync_once()
    assert report.gaps == 1
    assert cloud.pushed_batches() == [[3, 4], [1, 2, 3, 4]]
    assert_converged(engine, cloud)


def test_events_the_till_no_longer_keeps_cannot_be_pushed_again(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 3)
    client.sync_once()
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM outbox_event WHERE seq = 1"))  # pruned long ago
    cloud.restore(cursor=0)
    with pytest.raises(SyncError) as err:
        client.sync_once()
    assert (err.value.key, err.value.data) == ("sync.events_missing", {"first": 1, "last": 1})


def test_a_quarantined_points_event_is_acknowledged_but_never_counted(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 1, member_card=GOLD_CARD)
    cloud.poison = lambda payload: "entry_uuid" in payload
    report = client.sync_once()
    assert report.quarantined == 1
    assert points_states(engine) == ["quarantined"]
    assert_converged(engine, cloud)


def test_one_sync_at_a_time(engine: Engine, cloud: FakeCloud) -> None:
    sell(engine, 3)
    cloud.delay_s = 0.005
    with make_client(engine, cloud, batch=1) as client:
        threads = [threading.Thread(target=client.sync_once) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
    assert cloud.max_in_flight == 1
    assert_converged(engine, cloud)


def test_sales_keep_their_order_in_the_outbox(engine: Engine) -> None:
    sell(engine, 2, member_card=GOLD_CARD)
    events = outbox.events_after(engine=engine, terminal_code="T01")
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].type == "sale.completed"  # its movements carry its seq

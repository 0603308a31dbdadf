"""Issue 5 §6, delivery scenarios 1–7 and 11: the real till (its database, checkout and sync
client) against the real cloud server (``pos-cloud serve`` in a process of its own), through
the fault-injecting proxy, on SQLite and on a real PostgreSQL (unreachable → the tests fail).
Scenario 7 also covers a lost reset page (a refetch requested by HQ).

One cloud per database for the whole module (each test enrolls a till of its own and counts
only that till's rows), killed and restarted where a scenario needs it.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, delete, select, text

import pos_app.services.sync_service as sync_service_module
from contract.demo import DEMO_PROMOTIONS
from contract.products import ProductRow
from contract.protocol import SALE_COMPLETED, PushResponse
from pos_app.config import SyncConfig
from pos_app.core.promo_codec import promotion_to_dict
from pos_app.services.sync_service import SyncService
from pos_app.store import db as terminal_db
from pos_app.store import sync_apply
from pos_app.store.db import write_tx as terminal_write_tx
from pos_app.store.outbox import append_event
from pos_app.store.promotions import PromotionRecord
from pos_app.store.promotions import put_promotions as put_local_promotions
from sync.client import SyncOffline
from sync.client_credential import Credential
from sync.server.catalog import delete_products, put_products, put_promotions
from sync.server.db import write_tx as cloud_write_tx
from sync.server.ledger_tables import (
    change_log,
    coupon_redemption,
    flag,
    points_entry,
    refetch,
    sale,
    stock_balance,
    stock_movement,
)
from sync.server.pull import request_refetch
from sync.server.tables import CHAIN, member, product, product_barcode, promotion
from sync.server.tables import terminal as cloud_terminal
from sync.testing.cloud_process import REPO_ROOT
from sync.testing.faultproxy import FaultProxy, FaultRule
from tests.sync.scenario_helpers import (
    BACKENDS,
    GOLD_CARD,
    Cloud,
    Till,
    applied_events,
    assert_in_step,
    checksum,
    ledger_counts,
    new_till,
    running_cloud,
    set_terminal_code,
    terminal_cursor,
)
from tests.waiting import wait_until

_terminal_codes = (f"T{n:02d}" for n in itertools.count(1))


@pytest.fixture(scope="module", params=BACKENDS)
def cloud(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cloud]:
    backend = str(request.param)
    with running_cloud(backend, tmp_path_factory.mktemp(f"cloud-{backend}")) as running:
        yield running


@pytest.fixture
def live_cloud(cloud: Cloud) -> Cloud:
    """The module's cloud, started again if an earlier test left it killed."""
    cloud.ensure_running()
    return cloud


@pytest.fixture
def till(live_cloud: Cloud, demo_db_template: Path, tmp_path: Path) -> Iterator[Till]:
    """A demo till enrolled with the cloud under a terminal code of its own."""
    t = new_till(live_cloud, demo_db_template, tmp_path / "till.db", next(_terminal_codes))
    yield t
    t.close()


@pytest.fixture
def proxy(live_cloud: Cloud) -> Iterator[FaultProxy]:
    with FaultProxy(live_cloud.url, seed=5, upstream_timeout_s=20) as p:
        yield p
        assert p.internal_errors == []


def member_points(engine: Engine, member_id: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(member.c.points_balance).where(
            member.c.member_id == member_id)).scalar_one())


def earned(till: Till, sale_uuid: str) -> int:
    """Points the till's ledger gave for a sale."""
    with till.engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT coalesce(sum(points), 0) FROM points_entry WHERE sale_uuid = :s"),
            {"s": sale_uuid}).scalar_one())


# ---- 1. the answer is lost after the server committed -------------------------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize("rst", [False, True], ids=["closed", "reset"])
def test_1_answer_lost_after_commit_retry_applies_once(
        live_cloud: Cloud, till: Till, proxy: FaultProxy, rst: bool) -> None:
    (sale_uuid,) = till.sell(1, member_card=GOLD_CARD)
    points = earned(till, sale_uuid)
    assert points > 0
    balance = member_points(live_cloud.engine, "M-DEMO-1")
    rule = proxy.add_rule(FaultRule("drop_response", method="POST", path="/v1/push", times=1,
                               rst=rst))
    with till.client(proxy.base_url) as client:
        report = client.sync_once()
    pushes = proxy.entries("POST", "/v1/push")
    assert proxy.fired(rule) == 1
    # Delivered twice, answered both times: committed, then found to be duplicates.
    assert [(e.action, e.upstream, e.replied) for e in pushes] == [
        ("drop_response", (200,), None), ("pass", (200,), 200)]
    assert (report.applied, report.duplicates, report.acked) == (0, 2, 2)
    counts = assert_in_step(live_cloud, till)
    assert (counts["sales"], counts["sale_lines"], counts["stock_movements"],
            counts["points_entries"]) == (1, 2, 2, 1)
    with live_cloud.engine.connect() as conn:
        moves = conn.execute(select(stock_movement.c.sku, stock_movement.c.delta).where(
            stock_movement.c.terminal_id == till.terminal_id)).all()
        entries = conn.execute(select(points_entry.c.points).where(
            points_entry.c.sale_uuid == sale_uuid)).scalars().all()
    assert sorted(moves) == [("010001", -1), ("010002", -1)]
    assert entries == [points]
    assert member_points(live_cloud.engine, "M-DEMO-1") == balance + points


# ---- 2. the server is killed mid-batch, before and after its commit -----------------------


@contextmanager
def push_lock(cloud: Cloud, terminal_id: str) -> Iterator[None]:
    """Hold what a push of this terminal takes first: its terminal row (PostgreSQL) or the
    database's write lock (SQLite). A push arriving meanwhile waits inside its request."""
    with cloud_write_tx(cloud.engine) as conn:
        conn.execute(select(cloud_terminal.c.cursor).where(
            cloud_terminal.c.terminal_id == terminal_id).with_for_update())
        yield


def server_waits_for_lock(cloud: Cloud) -> bool:
    """Whether a session of the cloud's PostgreSQL database waits for a lock."""
    with cloud.engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'")).scalar_one())


@pytest.mark.timeout(90)
def test_2_server_killed_mid_batch_before_and_after_commit(
        live_cloud: Cloud, till: Till, proxy: FaultProxy) -> None:
    cloud = live_cloud
    till.sell(12, member_card=GOLD_CARD)  # 24 events, pushed 5 at a time
    assert till.last_seq() == 24

    # Before the commit: the second push is held by the proxy while the test takes the lock
    # the push's transaction needs first, then forwarded; the server is killed while the
    # push waits inside it (PostgreSQL: its transaction open, blocked on the terminal row).
    hold = proxy.add_rule(FaultRule("delay_request", method="POST", path="/v1/push", skip=1,
                               times=1, delay_ms=300))
    with till.client(proxy.base_url, batch=5) as client, ThreadPoolExecutor(1) as pool:
        syncing = pool.submit(client.sync_once)
        wait_until(lambda: proxy.fired(hold) == 1, what="the second push held by the proxy")
        with push_lock(cloud, till.terminal_id):
            if cloud.backend == "postgres":
                wait_until(lambda: server_waits_for_lock(cloud), what="the push to wait")
            else:  # SQLite shows no waiter: the push was sent on and is not answered yet
                wait_until(lambda: proxy.awaiting_upstream == 1, what="the push forwarded")
            cloud.process.kill()
        with pytest.raises(SyncOffline):
            syncing.result(timeout=30)
    (held,) = proxy.entries("POST", "/v1/push", action="delay_request")
    # The server had accepted the held push when it died (not refused: it was not down yet).
    assert held.upstream == (0,) and "Refused" not in held.note, held.note
    assert terminal_cursor(cloud.engine, till.terminal_id) == 5
    assert len(applied_events(cloud.engine, till.terminal_id)) == 5
    assert till.backlog() == 19
    cloud.process.start()

    # After the commit: the third push is applied, its answer lost, and the server killed
    # before the client's retry reaches it.
    lost = proxy.add_rule(FaultRule("drop_response", method="POST", path="/v1/push", skip=1,
                               times=1))
    killed: list[float] = []

    def sleep_after_kill(seconds: float) -> None:
        if not killed:
            cloud.process.kill()
            killed.append(seconds)
        time.sleep(seconds)

    with till.client(proxy.base_url, batch=5, sleep=sleep_after_kill) as client:
        with pytest.raises(SyncOffline):
            client.sync_once()
    assert proxy.fired(lost) == 1 and killed
    assert terminal_cursor(cloud.engine, till.terminal_id) == 15  # 11-15 committed
    assert till.backlog() == 14  # acknowledged up to 10

    cloud.process.start()
    with till.client(proxy.base_url, batch=5) as client:
        report = client.sync_once(verify=True)
    assert (report.duplicates, report.applied, report.acked) == (5, 9, 14)
    assert report.mismatched == []
    counts = assert_in_step(cloud, till)
    assert (counts["sales"], counts["stock_movements"], counts["points_entries"]) == (12, 24, 12)


# ---- 3. the same batch sent twice at the same moment ---------------------------------------


@pytest.mark.timeout(60)
def test_3_same_batch_sent_concurrently_is_applied_once(
        live_cloud: Cloud, till: Till, proxy: FaultProxy) -> None:
    cloud = live_cloud
    till.sell(4, member_card=GOLD_CARD)  # events 1-8
    # Through the proxy: each push delivered to the server twice, both copies at once.
    twice = proxy.add_rule(FaultRule("duplicate", method="POST", path="/v1/push", copies=2,
                                concurrent=True))
    with till.client(proxy.base_url, batch=3) as client:
        report = client.sync_once()
    pushes = proxy.entries("POST", "/v1/push")
    assert proxy.fired(twice) == len(pushes) == 3
    assert [e.upstream for e in pushes] == [(200, 200)] * 3
    assert report.acked == 8
    assert_in_step(cloud, till)

    # Straight to the server: one batch posted by four threads released together.
    till.sell(3, member_card=GOLD_CARD)  # events 9-14
    body = till.push_body(till.events(9))
    start = threading.Barrier(4)

    def post(_: int) -> PushResponse:
        start.wait(timeout=10)
        r = httpx.post(f"{cloud.url}/v1/push", json=body, headers=till.headers, timeout=20)
        assert r.status_code == 200, r.text
        return PushResponse.model_validate(r.json())

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(post, range(4)))
    assert sorted(a.applied for a in answers) == [0, 0, 0, 6]
    assert sorted(a.duplicates for a in answers) == [0, 6, 6, 6]
    assert {(a.status, a.cursor) for a in answers} == {("ok", 14)}
    with till.client(proxy.base_url) as client:  # the till never saw those answers
        again = client.sync_once()
    assert (again.applied, again.duplicates, again.acked) == (0, 6, 6)
    counts = assert_in_step(cloud, till)
    assert (counts["sales"], counts["stock_movements"], counts["points_entries"]) == (7, 14, 7)


# ---- 4. replayed old batches and a seq gap -----------------------------------------------


def cloud_state(cloud: Cloud, till: Till) -> dict[str, Any]:
    """Everything a push of this till may change on the cloud."""
    with cloud.engine.connect() as conn:
        balances = dict(conn.execute(select(stock_balance.c.sku, stock_balance.c.on_hand).where(
            stock_balance.c.sku.in_(["010001", "010002"]))).all())
        flags = conn.execute(select(text("count(*)")).select_from(flag)).scalar_one()
        totals = conn.execute(select(sale.c.sale_uuid, sale.c.total_fen).where(
            sale.c.terminal_id == till.terminal_id)).all()
    return {"counts": ledger_counts(cloud.engine, till.terminal_id),
            "events": applied_events(cloud.engine, till.terminal_id),
            "cursor": terminal_cursor(cloud.engine, till.terminal_id),
            "stock": balances, "flags": flags, "sales": sorted(totals),
            "points": member_points(cloud.engine, "M-DEMO-1")}


@pytest.mark.timeout(60)
def test_4_replayed_batches_and_a_seq_gap_leave_the_cloud_unchanged(
        live_cloud: Cloud, till: Till) -> None:
    cloud = live_cloud
    till.sell(5, member_card=GOLD_CARD)  # events 1-10
    with till.client(cloud.url, batch=4) as client:
        client.sync_once()
    before = cloud_state(cloud, till)
    assert before["cursor"] == 10

    def push(events: list[Any]) -> PushResponse:
        r = httpx.post(f"{cloud.url}/v1/push", json=till.push_body(events),
                       headers=till.headers, timeout=20)
        assert r.status_code == 200, r.text
        return PushResponse.model_validate(r.json())

    # Replays: each old batch again, a slice of one, all of them, and one whose first event
    # was tampered with on the way (same uuid): duplicates, nothing applied.
    tampered = till.events(1, 4)
    tampered[0] = tampered[0].model_copy(update={"payload": {
        **tampered[0].payload, "total_fen": 1, "lines": []}})
    for first, last, events in [(1, 4, None), (5, 8, None), (9, 10, None), (2, 3, None),
                                (1, 10, None), (1, 4, tampered)]:
        answer = push(events or till.events(first, last))
        assert (answer.status, answer.applied, answer.duplicates, answer.cursor,
                answer.expected_seq) == ("ok", 0, last - first + 1, 10, 11)
        assert answer.quarantined == []
    assert cloud_state(cloud, till) == before

    # A gap: events 11-14 exist at the till, a batch starting at 13 is refused whole.
    till.sell(2, member_card=GOLD_CARD)  # events 11-14
    answer = push(till.events(13, 14))
    assert (answer.status, answer.applied, answer.duplicates, answer.cursor,
            answer.expected_seq) == ("gap", 0, 0, 10, 11)
    assert cloud_state(cloud, till) == before

    # The till thinks 11-12 arrived (an acknowledgement it should not have): the cloud's
    # cursor tells it otherwise, it pushes them again, and everything arrives once.
    assert till.backlog() == 4
    with till.engine.begin() as conn:
        conn.execute(text("UPDATE outbox_event SET acked_at = '2026-01-01T00:00:00+00:00' "
                          "WHERE terminal_code = :t AND seq IN (11, 12)"),
                     {"t": till.terminal_code})
        conn.execute(text("UPDATE sync_status SET acked_seq = 12"))
    with till.client(cloud.url) as client:
        report = client.sync_once(verify=True)
    assert (report.unacked, report.applied, report.duplicates) == (2, 4, 0)
    assert report.mismatched == []
    counts = assert_in_step(cloud, till)
    assert (counts["sales"], counts["stock_movements"], counts["points_entries"]) == (7, 14, 7)


# ---- 5. a poison event -------------------------------------------------------------------


@pytest.mark.timeout(60)
def test_5_poison_events_are_quarantined_and_the_queue_keeps_draining(
        live_cloud: Cloud, till: Till, proxy: FaultProxy) -> None:
    cloud = live_cloud
    (first_sale, _) = till.sell(2, member_card=GOLD_CARD)  # events 1-4
    at = datetime.now().astimezone().isoformat()
    with terminal_write_tx(till.engine) as conn:
        original = conn.execute(text(
            "SELECT payload FROM outbox_event WHERE terminal_code = :t AND seq = 1"),
            {"t": till.terminal_code}).scalar_one()
        poison = [
            # 5: a sale whose payload cannot be read
            (SALE_COMPLETED, '{"sale_uuid": 7, "lines": "two cokes", "total_fen": "5 yuan"}'),
            # 6: an event type no cloud knows
            ("sale.teleported", '{"to": "mars"}'),
            # 7: a well-formed sale carried a second time by another event
            (SALE_COMPLETED, original),
        ]
        for type_, payload in poison:  # seqs 5, 6, 7
            append_event(conn, store_code="S001", terminal_code=till.terminal_code,
                         type=type_, version=1, payload=json.loads(payload), created_at=at)
    till.sell(2, member_card=GOLD_CARD)  # events 8-11
    assert till.last_seq() == 11
    with till.client(proxy.base_url, batch=3) as client:
        report = client.sync_once(verify=True)
        again = client.sync_once(verify=True)
    assert (report.applied, report.quarantined, report.acked) == (8, 3, 11)
    assert report.mismatched == [] and again.mismatched == []
    assert (again.applied, again.quarantined, again.acked) == (0, 0, 0)
    assert till.backlog() == 0
    events = applied_events(cloud.engine, till.terminal_id)
    assert [(seq, status, reason) for _, seq, status, reason in events if seq in (5, 6, 7)] == [
        (5, "quarantined", "sync.payload_invalid"),
        (6, "quarantined", "sync.event_type_unknown"),
        (7, "quarantined", "sync.sale_exists")]
    assert [seq for _, seq, status, _ in events if status == "applied"] == [
        1, 2, 3, 4, 8, 9, 10, 11]
    assert terminal_cursor(cloud.engine, till.terminal_id) == 11
    # The till keeps them too, with the cloud's reasons; none is text a repair can cure.
    from pos_app.store.outbox_quarantine import quarantined_events
    held = quarantined_events(engine=till.engine, terminal_code=till.terminal_code)
    assert [(h.seq, h.reason, h.repairable) for h in held] == [
        (5, "sync.payload_invalid", False), (6, "sync.event_type_unknown", False),
        (7, "sync.sale_exists", False)]
    counts = ledger_counts(cloud.engine, till.terminal_id)
    assert (counts["sales"], counts["stock_movements"], counts["points_entries"],
            counts["quarantined"]) == (4, 8, 4, 3)
    with cloud.engine.connect() as conn:
        assert conn.execute(select(sale.c.event_uuid).where(
            sale.c.sale_uuid == first_sale)).scalar_one() == events[0][0]
    page = httpx.get(cloud.url + "/", timeout=10)
    assert page.status_code == 200
    quarantine = page.text.split("Quarantined events", 1)[1]
    for shown in ("sync.payload_invalid", "sync.event_type_unknown", "sync.sale_exists",
                  "sale.teleported", f"<td>{till.terminal_code}</td>"):
        assert shown in quarantine


# ---- 6. the server answers 5xx for a while -------------------------------------------------


@pytest.mark.timeout(60)
def test_6_server_errors_for_a_while_then_the_backlog_drains(
        live_cloud: Cloud, till: Till, proxy: FaultProxy, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    cloud = live_cloud
    # The service's backoff without its jitter: the retry after the first failure is due
    # exactly interval_s later.
    monkeypatch.setattr(sync_service_module, "random", SimpleNamespace(random=lambda: 0.5))
    config = SyncConfig(url=proxy.base_url, interval_s=1.0, push_delay_s=0.0,
                        retry_attempts=2, retry_s=0.02, timeout_s=5.0)
    credential = Credential(url=proxy.base_url, store_code=till.store_code, store_name="",
                            terminal_code=till.terminal_code, terminal_id=till.terminal_id,
                            credential=till.credential)
    outage = proxy.add_rule(FaultRule("error", path="/v1/", status=503))
    service = SyncService(engine=till.engine, config=config, data_dir=tmp_path / "sync",
                          credential=credential)
    seen: list[tuple[str, str, int]] = []
    service.subscribe(lambda s: seen.append((s.phase, s.last_error_key, s.backlog)))
    service.start()
    try:
        for n in range(12):  # selling goes on through the outage and after it
            till.sell(1, member_card=GOLD_CARD if n % 2 else None)
            service.note_local_change()
            if n == 5:
                wait_until(lambda: any(phase == "offline" for phase, _k, _b in seen),
                           what="the service to report the outage")
                refused = proxy.fired(outage)
                proxy.remove_rule(outage)  # the server is back
        wait_until(lambda: till.backlog() == 0 and service.state.phase == "online",
                   timeout_s=20, what="the backlog to drain")
    finally:
        service.stop()
    assert refused >= 2  # the first sync's tries were all refused
    assert any(phase == "offline" and key == "sync.server_unavailable" and backlog > 0
               for phase, key, backlog in seen)
    assert service.state.last_error_key == "" and service.state.backlog == 0
    counts = assert_in_step(cloud, till)
    assert (counts["sales"], counts["stock_movements"], counts["points_entries"]) == (12, 24, 6)


# ---- 11. the till's app is upgraded with events still in its outbox ------------------------

OLD_SCHEMA = "0006_member_coupons"  # the till's schema before sync (commit 288dcd3)


def old_append(conn: Any, *, terminal_code: str, type_: str, payload: dict[str, Any],
               created_at: str) -> str:
    """``pos_app.store.outbox.append_event`` as the pre-sync app (schema 0006) ran it: every
    event at version 1, the next gap-free seq, the payload as sorted compact JSON."""
    seq = conn.execute(text(
        "INSERT INTO counter (name, value) VALUES (:name, 1) ON CONFLICT (name) DO UPDATE "
        "SET value = value + 1 RETURNING value"), {"name": f"outbox:{terminal_code}"}
    ).scalar_one()
    event_uuid = str(uuid.uuid4())
    conn.execute(text(
        "INSERT INTO outbox_event (event_uuid, store_code, terminal_code, seq, type, version, "
        "payload, created_at) VALUES (:u, 'S001', :t, :q, :ty, 1, :p, :c)"),
        {"u": event_uuid, "t": terminal_code, "q": seq, "ty": type_, "c": created_at,
         "p": json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)})
    return event_uuid


def old_sale(sale_uuid: str, *, terminal_code: str, at: str, member_id: str | None = None,
             points: list[dict[str, Any]] | None = None,
             coupons: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A sale payload as the pre-sync app's ``sale_payload`` wrote it (the whole record)."""
    lines = [{"sku": "010001", "name": "可口可乐 330ml", "qty": 2, "product_id": 1,
              "is_weighed": False, "unit_price_fen": 300, "gross_fen": 600,
              "discount_fen": 150, "net_fen": 450, "tax_fen": 52, "tax_rate_bp": 1300,
              "price_overridden": False, "scanned_code": "6901000000004",
              "promo_discount_fen": 150, "promo_ids": ["P-DRINK-2ND"]}]
    return {"sale_uuid": sale_uuid, "store_code": "S001", "terminal_code": terminal_code,
            "cashier": "王小明", "opened_at": at, "closed_at": at, "item_count": 2,
            "subtotal_fen": 600, "discount_fen": 150, "tax_fen": 52, "rounding_fen": 0,
            "total_fen": 450, "paid_fen": 500, "change_fen": 50, "lines": lines,
            "tenders": [{"kind": "cash", "amount_fen": 450, "tendered_fen": 500,
                         "reference": ""}],
            "promotions": [{"promo_id": "P-DRINK-2ND", "name": "饮料第二件半价",
                            "kind": "nth_item", "discount_fen": 150, "explanation": {}}],
            "member_id": member_id, "member_receipt": None, "points": points or [],
            "coupons": coupons or [], "promo_usage": [], "receipt_no": None,
            "receipt_seq": None}


@pytest.mark.timeout(60)
def test_11_upgraded_till_pushes_the_events_the_old_app_left(
        live_cloud: Cloud, demo_db_template: Path, tmp_path: Path) -> None:
    cloud = live_cloud
    code = next(_terminal_codes)
    path = tmp_path / "till.db"
    shutil.copyfile(demo_db_template, path)
    # The till as the previous release left it: schema 0006, unsynced events in its outbox.
    engine = terminal_db.open_engine(path)
    terminal_db.downgrade(engine, revision=OLD_SCHEMA)
    assert terminal_db.current_revision(engine) == OLD_SCHEMA
    set_terminal_code(engine, code)
    at = datetime.now().astimezone().isoformat()
    naive = datetime.now().replace(tzinfo=None).isoformat()  # an older build: no offset
    member_id, coupon_id = f"M-OLD-{code}", f"C-OLD-{code}"
    phone = f"139{int(code[1:]):08d}"
    sales = {name: str(uuid.uuid4()) for name in ("member", "plain", "minimal", "voided")}
    entry = {"entry_uuid": str(uuid.uuid4()), "member_id": member_id, "kind": "earn",
             "points": 12, "sale_uuid": sales["member"], "business_date": at[:10],
             "reason": "sale"}
    redemption = {"coupon_id": coupon_id, "sale_uuid": sales["member"],
                  "member_id": member_id, "discount_fen": 100, "store_code": "S001",
                  "terminal_code": code, "redeemed_at": at}
    with engine.begin() as conn:
        def put(type_: str, payload: dict[str, Any], created_at: str = at) -> None:
            old_append(conn, terminal_code=code, type_=type_, payload=payload,
                       created_at=created_at)

        put("member.signed_up", {"member_id": member_id, "phone": phone, "name": "老会员",
                                 "tier": "regular", "consent_at": at, "store_code": "S001"})
        # The old commit_sale wrote the redemption and points events before the sale's.
        put("coupon.redeemed", redemption)
        put("points.transaction", entry)
        put(SALE_COMPLETED, old_sale(sales["member"], terminal_code=code, at=at,
                                     member_id=member_id, points=[entry],
                                     coupons=[redemption]))
        put(SALE_COMPLETED, old_sale(sales["plain"], terminal_code=code, at=naive), naive)
        put(SALE_COMPLETED, {"sale_uuid": sales["minimal"], "total_fen": 300,
                             "lines": [{"sku": "010002", "qty": 1}]})
        put("sale.voided", old_sale(sales["voided"], terminal_code=code, at=at))
    engine.dispose()

    # The new release opens the database (migrated to head), enrolls, sells and syncs.
    engine = terminal_db.open_database(path)
    assert terminal_db.current_revision(engine) == terminal_db.HEAD_REVISION
    terminal_id, credential = cloud.enroll(code)
    till = Till(engine, path, "S001", code, terminal_id, credential)
    try:
        assert till.backlog() == 7
        with till.client(cloud.url, batch=4) as client:
            first = client.sync_once(verify=True)
            assert (first.applied, first.quarantined, first.acked) == (7, 0, 7)
            # The upgrade dropped the members' full phones and card numbers: a card is
            # found again once a sync brought the chain's lookup secret and the hashes.
            new_sales = till.sell(2, member_card=GOLD_CARD)  # events 8-11, the new order
            report = client.sync_once(verify=True)
        assert (report.applied, report.quarantined, report.acked) == (4, 0, 4)
        assert first.mismatched == report.mismatched == []
        events = applied_events(cloud.engine, terminal_id)
        assert [(seq, status) for _, seq, status, _ in events] == [
            (n, "applied") for n in range(1, 12)]
        assert terminal_cursor(cloud.engine, terminal_id) == till.last_seq() == 11
        assert till.backlog() == 0
        with cloud.engine.connect() as conn:
            states = dict(conn.execute(select(sale.c.sale_uuid, sale.c.state).where(
                sale.c.terminal_id == terminal_id)).all())
            redeemed = conn.execute(select(coupon_redemption.c.sale_uuid, coupon_redemption.c
                                           .reused).where(
                coupon_redemption.c.coupon_id == coupon_id)).all()
            balance = conn.execute(select(member.c.points_balance).where(
                member.c.member_id == member_id)).scalar_one()
            entries = conn.execute(select(points_entry.c.entry_uuid).where(
                points_entry.c.terminal_id == terminal_id)).scalars().all()
        assert states == {sales["member"]: "completed", sales["plain"]: "completed",
                          sales["minimal"]: "completed", sales["voided"]: "voided",
                          new_sales[0]: "completed", new_sales[1]: "completed"}
        assert redeemed == [(sales["member"], False)]
        assert balance == 12
        assert len(entries) == 3 and entry["entry_uuid"] in entries
        counts = ledger_counts(cloud.engine, terminal_id)
        # One movement per line of a completed sale (three old ones with one line each, two
        # new ones with two), none for the voided sale.
        assert counts["stock_movements"] == 3 + 2 * 2
        assert counts["stock_delta"] == -(2 + 2 + 1 + 2 * 2)
    finally:
        till.close()


# ---- 7. a crash between applying a pulled page and saving its cursor -----------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize("diverged", ["removed_on_cloud", "stale_on_till"])
def test_7_a_reset_page_lost_on_its_way_is_served_again(
        live_cloud: Cloud, till: Till, proxy: FaultProxy, diverged: str) -> None:
    """A refetch: the reset page's answer is lost and the till asks again from its old
    cursor; it must get the reset page again, apply it with its cursor, and end with the
    cloud's copy exactly. (With a till up to date and a stream that fits in one page, the old
    cursor used to equal the reset page's ``next_after``, which the cloud took as the proof
    that the reset was applied: the reset was silently lost. Fixed in sync/server/pull.py.)"""
    cloud = live_cloud
    gone = replace(DEMO_PROMOTIONS[0], promo_id=f"P-GONE-{till.terminal_code}")
    gone_data = {k: v for k, v in promotion_to_dict(gone).items() if k != "promo_id"}
    if diverged == "removed_on_cloud":
        with cloud_write_tx(cloud.engine) as conn:
            put_promotions(conn, {gone.promo_id: gone_data}, now=datetime.now(UTC))
    with till.client(proxy.base_url) as client:
        client.sync_once()

    def active_promotions() -> set[str]:
        with till.engine.connect() as conn:
            return set(conn.execute(text(
                "SELECT promo_id FROM promotion WHERE active")).scalars())

    if diverged == "removed_on_cloud":
        # The promotion goes from the cloud without a tombstone (e.g. its database was
        # restored from a backup older than it).
        assert gone.promo_id in active_promotions()
        with cloud_write_tx(cloud.engine) as conn:
            conn.execute(delete(promotion).where(promotion.c.promo_id == gone.promo_id))
            conn.execute(delete(change_log).where(change_log.c.stream == "promotions",
                                                  change_log.c.key == gone.promo_id))
    else:
        # The till is up to date, but its copy holds a promotion the cloud never sent (left
        # by an earlier cloud or a support fix).
        with terminal_write_tx(till.engine) as conn:
            put_local_promotions(conn, [PromotionRecord(gone.promo_id, str(gone_data["kind"]), {
                k: v for k, v in gone_data.items() if k != "kind"})], at="2026-01-01T00:00:00")
        assert gone.promo_id in active_promotions()
    # HQ has the till pull its promotions again from scratch. The answer with the reset page
    # is lost; the till retries from the cursor it still has.
    with cloud.engine.connect() as conn:
        store_id = conn.execute(select(cloud_terminal.c.store_id).where(
            cloud_terminal.c.terminal_id == till.terminal_id)).scalar_one()
    request_refetch(cloud.engine, store_id=store_id, terminal_id=till.terminal_id,
                    streams=["promotions"], at=datetime.now(UTC))
    lost = proxy.add_rule(FaultRule("drop_response", method="GET", path="/v1/pull/promotions",
                               times=1))
    with till.client(proxy.base_url) as client:
        report = client.sync_once()
        again = client.sync_once()
    assert proxy.fired(lost) == 1
    assert report.resets == ["promotions"] and again.resets == []
    with cloud.engine.connect() as conn:
        remote = set(conn.execute(select(promotion.c.promo_id)).scalars())
        pending = conn.execute(select(refetch.c.stream).where(
            refetch.c.terminal_id == till.terminal_id)).scalars().all()
    assert gone.promo_id not in remote
    assert active_promotions() == remote
    assert pending == []


# Last in the module: these grow the chain's catalog, which every later till would pull.

_WORDS = ("苹果", "香蕉", "牛奶", "面包", "可乐", "薯片", "酸奶", "矿泉水", "饼干", "咖啡")
_SYNC_SCRIPT = """
import os, sys
from pos_app.store.db import open_database
from sync.client import SyncClient
engine = open_database(sys.argv[1])
SyncClient(base_url=sys.argv[2], credential=os.environ["SCENARIO_CREDENTIAL"],
           store_code="S001", terminal_code=sys.argv[3], engine=engine,
           page=int(sys.argv[4])).sync_once()
"""


def grow_catalog(cloud: Cloud, tag: str, n: int, *, seed: int) -> list[ProductRow]:
    """``n`` new products (half with a barcode) in the cloud's catalog."""
    rng = random.Random(seed)
    rows = [ProductRow(
        sku=f"{tag}-{i:05d}", name=f"{rng.choice(_WORDS)}{rng.choice(_WORDS)} {tag}{i}",
        name_en=f"Item {tag} {i}", price_fen=rng.randint(100, 99_999), unit="件",
        category=rng.choice(("饮料", "零食", "生鲜")), tax_rate_bp=rng.choice((900, 1300)),
        barcodes=(f"{tag[-1]}{i:012d}",) if i % 2 else ()) for i in range(n)]
    with cloud_write_tx(cloud.engine) as conn:
        put_products(conn, rows, now=datetime.now(UTC))
    return rows


def change_catalog(cloud: Cloud, rows: list[ProductRow], *, seed: int) -> set[str]:
    """Reprice 40 of ``rows`` and delete 20 others (tombstones); the deleted SKUs."""
    rng = random.Random(seed)
    picked = rng.sample(rows, 60)
    with cloud_write_tx(cloud.engine) as conn:
        put_products(conn, [replace(r, price_fen=r.price_fen + 1) for r in picked[:40]],
                     now=datetime.now(UTC))
        delete_products(conn, [r.sku for r in picked[40:]])
    return {r.sku for r in picked[40:]}


def cloud_catalog(cloud: Cloud) -> dict[str, tuple[Any, ...]]:
    """sku → the product as the cloud has it (its barcodes sorted)."""
    p = product.c
    with cloud.engine.connect() as conn:
        codes: dict[str, list[str]] = {}
        for code, sku in conn.execute(select(product_barcode.c.code, product_barcode.c.sku)):
            codes.setdefault(sku, []).append(code)
        return {r[0]: (*r, tuple(sorted(codes.get(r[0], ())))) for r in conn.execute(select(
            p.sku, p.name, p.name_en, p.category, p.unit, p.price_fen, p.tax_rate_bp,
            p.is_weighed, p.age_restricted, p.active, p.brand))}


def till_catalog(engine: Engine) -> dict[str, tuple[Any, ...]]:
    """sku → the product as the till has it (same shape as ``cloud_catalog``)."""
    with engine.connect() as conn:
        codes: dict[int, list[str]] = {}
        for code, pid in conn.execute(text("SELECT code, product_id FROM barcode")):
            codes.setdefault(pid, []).append(code)
        rows = conn.execute(text(
            "SELECT id, sku, name, name_en, category, unit, price_fen, tax_rate_bp, "
            "is_weighed, age_restricted, active, brand FROM product")).all()
        assert conn.execute(text("SELECT count(*) FROM product_fts")).scalar_one() == len(rows)
    found = {r[1]: (*r[1:8], bool(r[8]), bool(r[9]), bool(r[10]), r[11],
                    tuple(sorted(codes.get(r[0], ())))) for r in rows}
    assert len(found) == len(rows), "a SKU twice"
    return found


def products_upto(cloud: Cloud, seq: int) -> set[str]:
    """The SKUs of the products stream's upserts up to change ``seq``."""
    c = change_log.c
    with cloud.engine.connect() as conn:
        return set(conn.execute(select(c.key).where(
            c.stream == "products", c.store_id == CHAIN, c.op == "upsert",
            c.seq <= seq)).scalars())


def products_cursor(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT coalesce(max(after), 0) FROM sync_cursor WHERE stream = 'products'"))
            .scalar_one())


@pytest.mark.timeout(90)
@pytest.mark.parametrize("crash", ["raise_mid_page", "sigkill_mid_pull"])
def test_7_crash_between_a_pulled_page_and_its_cursor_skips_and_doubles_nothing(
        live_cloud: Cloud, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        crash: str) -> None:
    cloud = live_cloud
    tag = "R" if crash == "raise_mid_page" else "K"
    rows = grow_catalog(cloud, tag, 2000, seed=7)
    total = len(cloud_catalog(cloud))
    # A till without a catalog: every product it has comes from the pull.
    till = new_till(cloud, None, tmp_path / "till.db", next(_terminal_codes))
    try:
        if crash == "raise_mid_page":
            # The 1234th product change fails (a power cut inside the third page): the
            # pages before it, and the chunks of its page that committed, stay with their
            # cursor; the rest of its chunk is rolled back with the cursor it would have saved.
            handler = sync_apply.HANDLERS["products"]
            upsert, calls = handler.upsert, itertools.count(1)

            def failing_upsert(*args: Any, **kwargs: Any) -> None:
                if next(calls) == 1234:
                    raise RuntimeError("power cut")
                upsert(*args, **kwargs)

            monkeypatch.setattr(handler, "upsert", failing_upsert)
            with till.client(cloud.url, page=500) as client, pytest.raises(
                    RuntimeError, match="power cut"):
                client.sync_once()
            monkeypatch.undo()
        else:
            # The till's process is killed while it pulls, pages of 100.
            proc = subprocess.Popen(
                [sys.executable, "-c", _SYNC_SCRIPT, str(till.path), cloud.url,
                 till.terminal_code, "100"],
                env={**os.environ, "SCENARIO_CREDENTIAL": till.credential,
                     "PYTHONPATH": str(REPO_ROOT)},
                cwd=REPO_ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE)
            try:
                wait_until(lambda: products_cursor(till.engine) > 0 or proc.poll() is not None,
                           timeout_s=30, every_s=0.005, what="the pull to start")
                os.killpg(proc.pid, signal.SIGKILL)
            finally:
                proc.kill()
                _, err = proc.communicate(timeout=10)
            assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
        cursor = products_cursor(till.engine)
        local = till_catalog(till.engine)
        assert 0 < len(local) < total, "the crash did not land mid-pull"
        # Everything up to the saved cursor is there, nothing beyond it.
        assert set(local) == products_upto(cloud, cursor)

        # The cloud moves on meanwhile; the restarted till syncs again.
        deleted = change_catalog(cloud, rows, seed=11)
        with till.client(cloud.url, page=500) as client:
            report = client.sync_once()
        assert report.rejected == {}
        remote, local = cloud_catalog(cloud), till_catalog(till.engine)
        assert len(remote) == total - len(deleted)
        kept = {sku: row for sku, row in local.items() if sku in remote}
        assert len(kept) == len(remote) and checksum(list(kept.values())) == checksum(
            list(remote.values()))
        assert kept == remote
        gone = {sku: row for sku, row in local.items() if sku not in remote}
        assert set(gone) <= deleted and not any(row[10] for row in gone.values())
    finally:
        till.close()

"""The real terminal (its database, checkout and sync client) against the real cloud app:
sales arrive once, points and stock come back, the days verify."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select

from contract.protocol import EnrollRequest
from pos_app.core.money import Money
from pos_app.services.checkout import CheckoutService
from pos_app.store import db as terminal_db
from pos_app.store import sync_state, terminal
from pos_app.store.catalog import get_product_by_sku, on_hand
from pos_app.store.members import find_members
from sync.client import RetryPolicy, SyncClient, SyncOffline, enroll
from sync.server.enroll import create_enrollment_code
from sync.server.ledger_tables import applied_event, sale, stock_balance
from sync.server.seed import seed_demo
from sync.server.tables import member
from tests.sync.server.helpers import Clock, backlog_shown

COKE, SPRITE = "6901000000004", "6911001079190"  # demo SKUs 010001, 010002
GOLD_CARD = "8800000001"  # M-DEMO-1


def sell(engine: Engine, n: int, *, member_card: str, codes: tuple[str, ...]) -> None:
    """``n`` cash sales to a member at the till, through its checkout service."""
    checkout = CheckoutService(engine=engine, store_info=terminal.get_store_info(engine=engine))
    for _ in range(n):
        checkout.scan(member_card)
        for code in codes:
            checkout.scan(code)
        checkout.add_tender("cash", Money(checkout.current().payment.remaining.fen))
        checkout.complete()


@pytest.fixture
def terminal_engine(demo_db_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """The demo terminal's database (the till's own, not the cloud's)."""
    path = tmp_path / "store.db"
    shutil.copyfile(demo_db_template, path)
    engine = terminal_db.open_database(path)
    yield engine
    engine.dispose()


class PushesRefused(httpx.BaseTransport):
    """The network in front of the cloud: while ``refusing``, a push gets a 503 (an
    overloaded balancer) and never reaches the cloud; everything else goes through."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.refusing = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.refusing and request.url.path == "/v1/push":
            return httpx.Response(503, json={"code": "sync.server_busy", "message": "busy"})
        return self.inner.handle_request(request)


def count(engine: Engine, table: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def cloud_on_hand(engine: Engine, sku: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(stock_balance.c.on_hand).where(
            stock_balance.c.sku == sku)).scalar_one())


def test_sales_sync_once_and_stock_and_points_come_back(
        client: Any, engine: Engine, clock: Clock, terminal_engine: Engine) -> None:
    seed_demo(engine, now=clock())
    transport = client._transport  # the app in-process, through the real HTTP client
    code = create_enrollment_code(engine, store_code="S001", now=clock())
    creds = enroll("http://cloud", EnrollRequest(enrollment_code=code, terminal_code="T01"),
                   transport=transport)
    with SyncClient(base_url="http://cloud", credential=creds.credential, store_code="S001",
                    terminal_code="T01", engine=terminal_engine, transport=transport,
                    retry=RetryPolicy(attempts=2, initial_s=0.01, max_s=0.01, jitter_s=0.0),
                    sleep=lambda _s: None) as sync:
        first = sync.sync_once(verify=True)
        assert first.pulled["products"] == 346 and first.mismatched == []
        before = cloud_on_hand(engine, "010001")
        sell(terminal_engine, 3, member_card=GOLD_CARD, codes=(COKE, SPRITE))
        report = sync.sync_once(verify=True)
        assert report.applied == report.acked > 3 and report.quarantined == 0
        assert report.mismatched == []
        again = sync.sync_once(verify=True)
        assert (again.applied, again.duplicates) == (0, 0)
    assert count(engine, sale) == 3 and count(engine, applied_event) == report.applied
    coke = get_product_by_sku(engine=terminal_engine, sku="010001")
    assert coke is not None
    assert cloud_on_hand(engine, "010001") == before - 3 == on_hand(
        engine=terminal_engine, product_id=coke.product_id)
    [gold] = find_members(engine=terminal_engine, card_no=GOLD_CARD)
    assert gold.points_pending == 0
    with engine.connect() as conn:
        cloud_points = conn.execute(select(member.c.points_balance).where(
            member.c.member_id == gold.member_id)).scalar_one()
    assert gold.points_confirmed == cloud_points > 3_200


def test_the_status_page_shows_the_events_a_till_could_not_push_yet(
        client: Any, engine: Engine, clock: Clock, terminal_engine: Engine) -> None:
    seed_demo(engine, now=clock())
    network = PushesRefused(client._transport)
    code = create_enrollment_code(engine, store_code="S001", now=clock())
    creds = enroll("http://cloud", EnrollRequest(enrollment_code=code, terminal_code="T01"),
                   transport=network)
    with SyncClient(base_url="http://cloud", credential=creds.credential, store_code="S001",
                    terminal_code="T01", engine=terminal_engine, transport=network,
                    retry=RetryPolicy(attempts=2, initial_s=0.01, max_s=0.01, jitter_s=0.0),
                    sleep=lambda _s: None) as sync:
        sync.sync_once()
        assert backlog_shown(client) == "0 · 2026-12-01 10:00:00"
        sell(terminal_engine, 4, member_card=GOLD_CARD, codes=(COKE,))
        unsent = sync_state.backlog(engine=terminal_engine, terminal_code="T01")
        assert unsent >= 4  # the sales and their points entries
        network.refusing = True
        clock.advance(minutes=1)
        with pytest.raises(SyncOffline):
            sync.sync_once()  # hello went through, the push did not
        assert backlog_shown(client) == f"{unsent} · 2026-12-01 10:01:00"
        network.refusing = False
        clock.advance(minutes=1)
        sync.sync_once()
    assert sync_state.backlog(engine=terminal_engine, terminal_code="T01") == 0
    assert backlog_shown(client) == "0 · 2026-12-01 10:02:00"

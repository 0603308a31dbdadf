"""Fixtures: the demo terminal database, a fake cloud, a client wired to it, sales."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from pos_app.core.money import Money
from pos_app.services.checkout import CheckoutService
from pos_app.store import terminal
from sync.client import RetryPolicy, SyncClient
from tests.conftest import CHIPS, COLA, TEA
from tests.sync.client.fake_cloud import TOKEN, URL, FakeCloud

FAST_RETRY = RetryPolicy(attempts=4, initial_s=0.01, max_s=0.04, jitter_s=0.0)
GOLD_CARD = "8800000001"  # M-DEMO-1, a gold member of the demo


@pytest.fixture
def cloud() -> FakeCloud:
    return FakeCloud()


@pytest.fixture
def sleeps() -> list[float]:
    """Backoff sleeps the client asked for (not slept: tests stay fast and exact)."""
    return []


@pytest.fixture
def client(engine: Engine, cloud: FakeCloud, sleeps: list[float]) -> Iterator[SyncClient]:
    c = make_client(engine, cloud, sleeps)
    yield c
    c.close()


def make_client(engine: Engine, cloud: FakeCloud, sleeps: list[float] | None = None,
                **options: Any) -> SyncClient:
    return SyncClient(base_url=URL, credential=TOKEN, store_code="S001", terminal_code="T01",
                      engine=engine, transport=cloud.transport(), retry=FAST_RETRY,
                      sleep=(sleeps if sleeps is not None else []).append,
                      **options)


def sell(engine: Engine, n: int = 1, *, member_card: str | None = None,
         codes: tuple[str, ...] = (COLA, TEA, CHIPS)) -> CheckoutService:
    """Complete ``n`` cash sales through the checkout service (sale, points events)."""
    checkout = CheckoutService(engine=engine, store_info=terminal.get_store_info(engine=engine))
    for _ in range(n):
        if member_card:
            checkout.scan(member_card)
        for code in codes:
            checkout.scan(code)
        due = checkout.current().payment.remaining
        checkout.add_tender("cash", Money(due.fen))
        checkout.complete()
    return checkout

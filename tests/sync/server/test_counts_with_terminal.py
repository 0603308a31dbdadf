"""A real till and the real cloud (SQLite and PostgreSQL): a count posted while the till
sells reaches the cloud once, and the cloud's balance equals the till's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from pos_app.core.counting import CountScope
from pos_app.services.counts import CountService
from pos_app.store import catalog, sync_state, terminal
from pos_app.store.models import stock_cloud
from sync.server.ledger_tables import stock_count
from sync.server.seed import seed_demo
from tests.services.return_till import COKE_330, Clock, make_till
from tests.sync.server.helpers import Clock as CloudClock
from tests.sync.server.test_effects import rows
from tests.sync.server.test_returns_two_tills import _engine, _sync
from tests.sync.server.test_with_terminal import cloud_on_hand


@pytest.fixture
def one(demo_db_template: Path, tmp_path: Path) -> Iterator[Engine]:
    till = _engine(demo_db_template, tmp_path / "t01.db", "T01")
    yield till
    till.dispose()


def test_a_count_posted_while_selling_leaves_the_cloud_equal_to_the_till(
        client: Any, engine: Engine, clock: CloudClock, one: Engine) -> None:
    seed_demo(engine, now=clock())
    sync, _cred = _sync(client, one, engine, clock, "T01")
    with sync:
        sync.sync_once()
        till = make_till(one, "manager", clock=Clock())
        counts = CountService(engine=one, store_info=terminal.get_store_info(engine=one),
                              staff=till.staff, clock=till.clock)
        coke = catalog.find_by_barcode(engine=one, code=COKE_330)
        assert coke is not None
        till_before = catalog.on_hand(engine=one, product_id=coke.product_id)
        assert cloud_on_hand(engine, "010001") == till_before  # the same demo stock
        sid = counts.open(CountScope("zone", "饮料区"))
        till.sell(COKE_330)  # before the count line: in the expected quantity
        counts.scan(sid, COKE_330, qty=till_before - 1 - 4)  # four missing on the shelf
        till.sell(COKE_330, COKE_330, COKE_330)  # after counting
        sync.sync_once()  # the sales reach the cloud, its balance comes back
        assert sync_state.stock_view(engine=one, sku="010001") == till_before - 4
        with one.connect() as conn:  # the count is expected against the pulled balance
            assert conn.execute(select(stock_cloud.c.on_hand).where(
                stock_cloud.c.sku == "010001")).scalar_one() == till_before - 4
        counts.approve(sid)
        counts.post(sid)
        sync.sync_once()
        assert sync.sync_once().applied == 0
    counted = till_before - 1 - 4
    assert catalog.on_hand(engine=one, product_id=coke.product_id) == counted - 3
    assert cloud_on_hand(engine, "010001") == counted - 3
    assert sync_state.stock_view(engine=one, sku="010001") == counted - 3
    assert len(rows(engine, stock_count.c.session_uuid)) == 1

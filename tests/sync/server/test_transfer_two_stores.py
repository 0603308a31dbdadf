"""A transfer between two stores through the cloud, with two real tills (SQLite and
PostgreSQL clouds): S001's till sends goods, S002's till pulls the transfer as an expected
receipt and receives it with one short line; the cloud's balances move once and the
transfer sums to zero across the stores; a purchase order made at HQ is received at S001."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from contract.protocol import EnrollRequest
from pos_app.services.receiving import ReceivingService
from pos_app.services.stock_ops import StockOpsService
from pos_app.store import catalog, terminal
from pos_app.store import db as terminal_db
from sync.client import RetryPolicy, SyncClient, enroll
from sync.server.enroll import create_enrollment_code
from sync.server.ledger_tables import expected_receipt, stock_balance, stock_movement
from sync.server.receiving import OrderLine, create_purchase_order
from sync.server.seed import seed_demo
from sync.server.tables import store
from tests.services.return_till import COKE_330, sku_code
from tests.sync.server.helpers import Clock as CloudClock

TELUNSU = "040009"
NOW = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)


def _till(template: Path, path: Path, store_code: str) -> Engine:
    shutil.copyfile(template, path)
    engine = terminal_db.open_database(path)
    info = terminal.get_store_info(engine=engine)
    terminal.set_store_info(engine=engine, info=replace(info, store_code=store_code,
                                                        terminal_code="T01"))
    return engine


@pytest.fixture
def tills(demo_db_template: Path, tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    one = _till(demo_db_template, tmp_path / "s001.db", "S001")
    two = _till(demo_db_template, tmp_path / "s002.db", "S002")
    yield one, two
    one.dispose()
    two.dispose()


def _sync(client: Any, engine: Engine, cloud: Engine, clock: CloudClock,
          store_code: str) -> SyncClient:
    transport = client._transport
    code = create_enrollment_code(cloud, store_code=store_code, now=clock())
    creds = enroll("http://cloud", EnrollRequest(enrollment_code=code, terminal_code="T01"),
                   transport=transport)
    return SyncClient(base_url="http://cloud", credential=creds.credential,
                      store_code=store_code, terminal_code="T01", engine=engine,
                      transport=transport, sleep=lambda _s: None,
                      retry=RetryPolicy(attempts=2, initial_s=0.01, max_s=0.01, jitter_s=0.0))


def _cloud(cloud: Engine, store_code: str, sku: str) -> int:
    with cloud.connect() as conn:
        store_id = conn.execute(select(store.c.id).where(store.c.code == store_code)).scalar()
        value = conn.execute(select(stock_balance.c.on_hand).where(
            stock_balance.c.store_id == store_id, stock_balance.c.sku == sku)).scalar()
    return int(value or 0)


def _here(engine: Engine, sku: str) -> int:
    product = catalog.get_product_by_sku(engine=engine, sku=sku)
    assert product is not None
    return catalog.on_hand(engine=engine, product_id=product.product_id)


def _services(engine: Engine) -> tuple[ReceivingService, StockOpsService]:
    info = terminal.get_store_info(engine=engine)
    return (ReceivingService(engine=engine, store_info=info, clock=lambda: NOW),
            StockOpsService(engine=engine, store_info=info, clock=lambda: NOW))


def test_a_transfer_from_s001_to_s002_through_the_cloud_balances_to_zero(
        client: Any, engine: Engine, clock: CloudClock, tills: tuple[Engine, Engine]) -> None:
    seed_demo(engine, now=clock())
    one, two = tills
    sync_one, sync_two = (_sync(client, one, engine, clock, "S001"),
                          _sync(client, two, engine, clock, "S002"))
    with sync_one, sync_two:
        sync_one.sync_once()
        sync_two.sync_once()
        coke = catalog.find_by_barcode(engine=one, code=COKE_330)
        assert coke is not None
        telunsu = sku_code(one, TELUNSU)
        cloud_before = {(s, sku): _cloud(engine, s, sku) for s in ("S001", "S002")
                        for sku in (coke.sku, TELUNSU)}
        till_before = {sku: _here(one, sku) for sku in (coke.sku, TELUNSU)}
        there_before = {sku: _here(two, sku) for sku in (coke.sku, TELUNSU)}

        _, ops = _services(one)
        ops.transfer_out("S002", [(COKE_330, 6), (telunsu, 2)])
        sync_one.sync_once()
        assert sync_one.sync_once().applied == 0  # nothing twice
        assert _cloud(engine, "S001", coke.sku) == cloud_before[("S001", coke.sku)] - 6
        assert _here(one, coke.sku) == till_before[coke.sku] - 6

        sync_two.sync_once()
        receiving, _ = _services(two)
        [incoming] = receiving.open_orders()
        assert (incoming.kind, incoming.from_store) == ("transfer", "S001")
        draft = receiving.start(incoming.receipt_id)
        receiving.set_qty(draft, coke.sku, 6)
        receiving.set_qty(draft, TELUNSU, 1)  # one broke on the way: short
        assert [(d.sku, d.status) for d in receiving.differences(draft)] == [
            (coke.sku, "ok"), (TELUNSU, "short")]
        receiving.post(draft)
        sync_two.sync_once()
        sync_two.sync_once()
        assert receiving.open_orders() == []
        assert _here(two, coke.sku) == there_before[coke.sku] + 6

    assert _cloud(engine, "S002", coke.sku) == cloud_before[("S002", coke.sku)] + 6
    assert _cloud(engine, "S002", TELUNSU) == cloud_before[("S002", TELUNSU)] + 1
    with engine.connect() as conn:
        moved = conn.execute(select(stock_movement.c.sku, stock_movement.c.delta).where(
            stock_movement.c.reason.in_(["transfer_out", "receipt"]))).all()
        assert [r.status for r in conn.execute(select(expected_receipt.c.status))] == [
            "received"]
    net: dict[str, int] = {}
    for sku, delta in moved:
        net[sku] = net.get(sku, 0) + delta
    assert net == {coke.sku: 0, TELUNSU: -1}  # the broken one is S002's short line


def test_a_purchase_order_from_hq_is_received_at_the_store(
        client: Any, engine: Engine, clock: CloudClock, tills: tuple[Engine, Engine]) -> None:
    seed_demo(engine, now=clock())
    one, _ = tills
    po = create_purchase_order(engine, store_code="S001", supplier="可口可乐装瓶厂",
                               lines=[OrderLine("010001", 48, 180)], now=clock())
    with _sync(client, one, engine, clock, "S001") as sync_one:
        sync_one.sync_once()
        receiving, _ = _services(one)
        [order] = receiving.open_orders()
        assert (order.receipt_id, order.lines) == (po, (("010001", 48, 180),))
        before, cloud_before = _here(one, "010001"), _cloud(engine, "S001", "010001")
        draft = receiving.start(po)
        receiving.set_qty(draft, "010001", 48)
        receiving.post(draft)
        sync_one.sync_once()
        sync_one.sync_once()
        assert receiving.open_orders() == []
    assert _here(one, "010001") - before == 48
    assert _cloud(engine, "S001", "010001") - cloud_before == 48

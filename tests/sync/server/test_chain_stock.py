"""附近门店库存: a till asks the cloud how much of a product the chain's other stores hold
(``GET /v1/stock/{sku}``), on SQLite and PostgreSQL: the caller's own store is left out,
the most first, an unknown SKU has no stores, a stranger is refused."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine

from contract.protocol import EnrollRequest
from pos_app.config import SyncConfig
from pos_app.services.chain_stock import ChainStockService, ChainStockView
from pos_app.services.sync_service import SyncService
from pos_app.store import db as terminal_db
from sync.client import enroll
from sync.client_credential import Credential
from sync.server.admin import create_store
from sync.server.catalog import add_stock
from sync.server.db import write_tx
from sync.server.enroll import create_enrollment_code
from sync.server.seed import seed_demo
from tests.sync.server.helpers import Clock, Till


def test_the_other_stores_balances_of_a_product(till: Till, client: Any, engine: Engine,
                                                 clock: Clock, store_id: int) -> None:
    xuhui = create_store(engine, code="S002", name="徐汇店", address="漕溪北路 88 号",
                         now=clock())
    jingan = create_store(engine, code="S003", name="静安店", address="南京西路", now=clock())
    with write_tx(engine) as conn:
        add_stock(conn, store_id=store_id, moves=[("010001", 40)], reason="opening",
                  now=clock())
        add_stock(conn, store_id=xuhui, moves=[("010001", 3)], reason="opening", now=clock())
        add_stock(conn, store_id=jingan, moves=[("010001", 12), ("010002", 5)],
                  reason="opening", now=clock())
    answer = client.get("/v1/stock/010001", headers=till.headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [(s["store_code"], s["store_name"], s["on_hand"]) for s in body["stores"]] == [
        ("S003", "静安店", 12), ("S002", "徐汇店", 3)]  # not S001's own 40
    assert body["sku"] == "010001" and body["as_of"].startswith(clock().date().isoformat())
    assert client.get("/v1/stock/NOPE", headers=till.headers).json()["stores"] == []
    stranger = client.get("/v1/stock/010001",
                          headers={**till.headers, "Authorization": "Bearer 1-T01.nope"})
    assert stranger.status_code == 401


NOODLES = "030001"  # 康师傅红烧牛肉面 五连包: held by both demo neighbours


class Cable(httpx.BaseTransport):
    """The till's network to the cloud: unplugged, every request fails to connect."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.plugged = inner, True

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not self.plugged:
            raise httpx.ConnectError("unplugged", request=request)
        return self.inner.handle_request(request)


def test_the_till_shows_the_last_answer_with_its_age_when_offline(
        client: Any, engine: Engine, clock: Clock, demo_db_template: Path,
        tmp_path: Path) -> None:
    seed_demo(engine, now=clock())  # S001 and its neighbours S002, S003
    shutil.copyfile(demo_db_template, tmp_path / "till.db")
    till_db = terminal_db.open_database(tmp_path / "till.db")
    cable = Cable(client._transport)
    answer = enroll("http://cloud", EnrollRequest(
        enrollment_code=create_enrollment_code(engine, store_code="S001", now=clock()),
        terminal_code="T01"), transport=cable)
    sync = SyncService(engine=till_db, config=SyncConfig(url="http://cloud"),
                       data_dir=tmp_path, transport=cable, credential=Credential(
                           url="http://cloud", store_code="S001", store_name="",
                           terminal_code="T01", terminal_id=answer.terminal_id,
                           credential=answer.credential))
    chain = ChainStockService(sync=sync, transport=cable, clock=clock)
    assert chain.lookup(NOODLES) == ChainStockView(NOODLES)  # not online yet: never asked
    sync.run_once()
    fresh = chain.lookup(NOODLES)
    assert fresh.fresh and fresh.asked_at == clock()
    assert {s.store_code for s in fresh.stores} == {"S002", "S003"}
    held = [s.on_hand for s in fresh.stores]
    assert held == sorted(held, reverse=True) and held[0] > 0
    cable.plugged = False
    kept = chain.lookup(NOODLES)  # the cloud cannot be reached: the last answer, not fresh
    assert not kept.fresh and kept.stores == fresh.stores and kept.asked_at == fresh.asked_at
    till_db.dispose()

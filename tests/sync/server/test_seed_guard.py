"""``seed-demo`` installs the public demo signing key: only ever into a database made for
the demo, never into one that holds a real chain."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from contract.demo import DEMO_KEY_ID
from contract.members import MemberRecord
from sync.server.admin import create_store
from sync.server.catalog import put_members
from sync.server.db import write_tx
from sync.server.ledger_tables import stock_balance
from sync.server.tables import chain_key, cloud_meta, store
from tests.sync.server.helpers import Clock
from tests.sync.server.test_cli import cli  # noqa: F401  (fixture)


def key_ids(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(chain_key.c.key_id)).scalars())


def test_seed_demo_makes_an_empty_database_the_demos(cli: Any, engine: Engine) -> None:  # noqa: F811
    assert cli("seed-demo") == (0, "demo chain created", "")
    assert cli("seed-demo") == (0, "demo chain exists", "")
    with engine.connect() as conn:
        assert conn.execute(select(cloud_meta.c.key, cloud_meta.c.value)).all() == [
            ("demo", "1")]
    assert key_ids(engine) == [DEMO_KEY_ID]
    with engine.connect() as conn:  # the chain's other stores, for 附近门店库存
        assert list(conn.execute(select(store.c.code).order_by(store.c.code)).scalars()) == [
            "S001", "S002", "S003"]
        held = conn.execute(select(stock_balance.c.store_id).where(
            stock_balance.c.on_hand > 0).distinct()).scalars()
        assert len(list(held)) == 3


def test_seed_demo_refuses_a_database_with_a_real_store(
        cli: Any, engine: Engine, clock: Clock) -> None:  # noqa: F811
    create_store(engine, code="S100", name="真店", now=clock())
    real_keys = key_ids(engine)
    code, out, err = cli("seed-demo")
    assert code == 1 and out == ""
    assert err.startswith("pos-cloud: seed-demo refused: this database holds stores")
    assert "forged member codes and coupons" in err
    assert key_ids(engine) == real_keys and DEMO_KEY_ID not in real_keys


def test_seed_demo_refuses_a_database_with_members_only(
        cli: Any, engine: Engine, clock: Clock) -> None:  # noqa: F811
    with write_tx(engine) as conn:
        put_members(conn, [MemberRecord("M1", "13800000001", "张伟", "regular")], now=clock())
    assert cli("seed-demo")[0] == 1
    assert key_ids(engine) == []


def test_a_demo_database_used_for_a_real_store_is_refused_again(
        cli: Any, engine: Engine, clock: Clock) -> None:  # noqa: F811
    assert cli("seed-demo")[0] == 0
    create_store(engine, code="S200", name="新店", now=clock())
    code, _, err = cli("seed-demo")
    assert code == 1 and "also holds store S200" in err

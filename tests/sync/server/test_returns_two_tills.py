"""Two real tills and the real cloud (SQLite and PostgreSQL): a receipt of T01 returned at
T02 through the cloud's lookup, never more than sold across both, and the cloud's stock and
points moved once by the return."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from contract.protocol import EnrollRequest
from pos_app.core.errors import PosError
from pos_app.services.cloud_lookup import CloudSaleLookup
from pos_app.store import db as terminal_db
from pos_app.store import terminal
from sync.client import RetryPolicy, SyncClient, enroll
from sync.client_credential import Credential
from sync.server.enroll import create_enrollment_code
from sync.server.ledger_tables import sale_return
from sync.server.seed import seed_demo
from sync.server.tables import member
from tests.services.return_till import COKE_330, Clock, make_till, sku_code
from tests.sync.server.helpers import Clock as CloudClock
from tests.sync.server.test_with_terminal import cloud_on_hand

TELUNSU = "040009"


def _engine(template: Path, path: Path, terminal_code: str) -> Engine:
    shutil.copyfile(template, path)
    engine = terminal_db.open_database(path)
    info = terminal.get_store_info(engine=engine)
    terminal.set_store_info(engine=engine, info=replace(info, terminal_code=terminal_code))
    return engine


@pytest.fixture
def tills(demo_db_template: Path, tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    one = _engine(demo_db_template, tmp_path / "t01.db", "T01")
    two = _engine(demo_db_template, tmp_path / "t02.db", "T02")
    yield one, two
    one.dispose()
    two.dispose()


def _sync(client: Any, engine: Engine, cloud: Engine, clock: CloudClock,
          terminal_code: str) -> tuple[SyncClient, Credential]:
    transport = client._transport
    code = create_enrollment_code(cloud, store_code="S001", now=clock())
    creds = enroll("http://cloud", EnrollRequest(enrollment_code=code,
                                                 terminal_code=terminal_code),
                   transport=transport)
    sync = SyncClient(base_url="http://cloud", credential=creds.credential, store_code="S001",
                      terminal_code=terminal_code, engine=engine, transport=transport,
                      retry=RetryPolicy(attempts=2, initial_s=0.01, max_s=0.01, jitter_s=0.0),
                      sleep=lambda _s: None)
    credential = Credential(url="http://cloud", store_code="S001", store_name="",
                            terminal_code=terminal_code, terminal_id=creds.terminal_id,
                            credential=creds.credential)
    return sync, credential


def test_another_tills_receipt_is_returned_through_the_cloud_once(
        client: Any, engine: Engine, clock: CloudClock, tills: tuple[Engine, Engine]) -> None:
    seed_demo(engine, now=clock())
    one, two = tills
    sync_one, cred_one = _sync(client, one, engine, clock, "T01")
    sync_two, cred_two = _sync(client, two, engine, clock, "T02")
    lookup = CloudSaleLookup(url="http://cloud", credential=cred_two,
                             transport=client._transport)
    with sync_one, sync_two:
        sync_one.sync_once()
        sync_two.sync_once()
        seller = make_till(one, clock=Clock(), lookup=CloudSaleLookup(
            url="http://cloud", credential=cred_one, transport=client._transport))
        telunsu = sku_code(one, TELUNSU)
        receipt = seller.sell(COKE_330, COKE_330, telunsu, member="M-DEMO-1")
        sync_one.sync_once()
        stock_before = cloud_on_hand(engine, "010001")
        points_before = _points(engine, "M-DEMO-1")

        other = make_till(two, lookup=lookup, clock=Clock())
        found = other.returns.find(receipt)
        assert (found.source, found.terminal_code) == ("cloud", "T01")
        earned = found.original.points_earned
        assert earned > 0  # the cloud told the points the sale earned
        draft = other.returns.draft(found, {1: 1, 2: 1}, reason="other")
        done = other.returns.commit(draft)
        sync_two.sync_once()
        again = sync_two.sync_once()
        assert again.applied == 0
        assert cloud_on_hand(engine, "010001") == stock_before + 1
        clawed = done.committed.points_clawback
        assert 0 < clawed == draft.plan.points_clawback < earned  # in proportion to the net
        assert _points(engine, "M-DEMO-1") == points_before - clawed

        # Back at T01: its own receipt shows what T02 took back, and no more comes back.
        found_here = seller.returns.find(receipt)
        assert [ln.returned_qty for ln in found_here.lines] == [1, 1]
        with pytest.raises(PosError) as err:
            seller.returns.draft(found_here, {2: 1}, reason="other")
        assert err.value.key == "return.qty_exceeds_sold"
        last = seller.returns.commit(seller.returns.draft(found_here, {1: 1}, reason="other"))
        assert last.committed.points_clawback == earned - clawed  # the last takes the rest
        sync_one.sync_once()
    with engine.connect() as conn:
        assert len(conn.execute(select(sale_return.c.return_uuid)).all()) == 2


def test_a_receipt_of_another_store_or_unknown_is_refused_by_the_cloud(
        client: Any, engine: Engine, clock: CloudClock, tills: tuple[Engine, Engine]) -> None:
    seed_demo(engine, now=clock())
    _, two = tills
    sync_two, cred_two = _sync(client, two, engine, clock, "T02")
    sync_two.close()
    lookup = CloudSaleLookup(url="http://cloud", credential=cred_two,
                             transport=client._transport)
    with pytest.raises(PosError) as err:
        lookup("S009-T01-000001")
    assert err.value.key == "return.other_store"
    other = make_till(two, lookup=lookup, clock=Clock())
    with pytest.raises(PosError) as err:
        other.returns.find("S001-T01-000042")
    assert err.value.key == "return.receipt_not_found"
    offline = CloudSaleLookup(url="http://127.0.0.1:9", credential=cred_two, timeout_s=0.5)
    with pytest.raises(PosError) as err:
        make_till(two, lookup=offline, open_shift=False, clock=Clock()).returns.find(
            "S001-T01-000042")
    assert err.value.key == "return.other_till_offline"


def _points(engine: Engine, member_id: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(member.c.points_balance).where(
            member.c.member_id == member_id)).scalar_one())

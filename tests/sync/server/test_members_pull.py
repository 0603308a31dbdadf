"""Members on the tills against the real cloud app: a phone signed up on two tills offline
reaches both tills as two members (nothing dropped), and a change a till cannot apply stops
its stream where HQ and the cashier see it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from contract.protocol import EnrollRequest
from pos_app.config import SyncConfig
from pos_app.services.loyalty import LoyaltyService
from pos_app.services.sync_service import SyncService
from pos_app.store import db as terminal_db
from pos_app.store import sync_state, terminal
from pos_app.store.members import find_members
from sync.client import RetryPolicy, SyncClient, enroll
from sync.client_credential import Credential
from sync.server.changes import ChangeSet, flush
from sync.server.db import write_tx
from sync.server.enroll import create_enrollment_code
from sync.server.flags import PHONE_TAKEN, PULL_REJECTED
from sync.server.ledger_tables import flag
from sync.server.lookup import lookup_secret, member_data
from sync.server.seed import seed_demo
from tests.sync.server.helpers import CST, Clock

FAST = RetryPolicy(attempts=2, initial_s=0.01, max_s=0.01, jitter_s=0.0)
PHONE = "13712345678"


def _till(template: Path, tmp_path: Path, code: str) -> Engine:
    path = tmp_path / code / "store.db"
    path.parent.mkdir()
    shutil.copyfile(template, path)
    engine = terminal_db.open_database(path)
    info = terminal.get_store_info(engine=engine)
    terminal.set_store_info(engine=engine, info=replace(info, terminal_code=code))
    return engine


@pytest.fixture
def tills(demo_db_template: Path, tmp_path: Path) -> Iterator[dict[str, Engine]]:
    """Two tills of store S001 (T01, T02), each with its own database."""
    engines = {code: _till(demo_db_template, tmp_path, code) for code in ("T01", "T02")}
    yield engines
    for engine in engines.values():
        engine.dispose()


def _enroll(client: Any, clock: Clock, terminal_code: str) -> str:
    """A credential for the till (the app in-process, through the real HTTP client)."""
    code = create_enrollment_code(client.app.state.engine, store_code="S001", now=clock())
    return enroll("http://cloud", EnrollRequest(enrollment_code=code,
                                                terminal_code=terminal_code),
                  transport=client._transport).credential


def _client(client: Any, engine: Engine, clock: Clock, terminal_code: str) -> SyncClient:
    return SyncClient(base_url="http://cloud", credential=_enroll(client, clock, terminal_code),
                      store_code="S001", terminal_code=terminal_code, engine=engine,
                      transport=client._transport, retry=FAST, sleep=lambda _s: None)


def _sign_up(engine: Engine, name: str) -> str:
    loyalty = LoyaltyService(engine=engine, store_info=terminal.get_store_info(engine=engine),
                             clock=lambda: datetime(2026, 12, 1, 10, 0, tzinfo=CST))
    member = loyalty.begin_sign_up(phone=PHONE, name=name, consent=True).run_now()
    return member.member_id


def _flags(engine: Engine, kind: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(flag).where(flag.c.kind == kind))
                .mappings()]


def test_a_phone_signed_up_on_two_tills_offline_reaches_both_tills_as_two_members(
        client: Any, engine: Engine, clock: Clock, tills: dict[str, Engine]) -> None:
    seed_demo(engine, now=clock())
    syncs = {code: _client(client, till, clock, code) for code, till in tills.items()}
    try:
        for sync in syncs.values():
            sync.sync_once()
        # Offline, each till signs the same phone up (neither knows the other's member).
        first, second = _sign_up(tills["T01"], "赵一"), _sign_up(tills["T02"], "赵二")
        reports = [syncs["T01"].sync_once(), syncs["T02"].sync_once(),
                   syncs["T01"].sync_once()]
    finally:
        for sync in syncs.values():
            sync.close()
    assert [r.rejected for r in reports] == [{}, {}, {}]
    for till in tills.values():
        found = find_members(engine=till, phone=PHONE)
        assert sorted(m.member_id for m in found) == sorted([first, second])
        assert sync_state.cursors(engine=till)["members"] > 0
        loyalty = LoyaltyService(engine=till, store_info=terminal.get_store_info(engine=till),
                                 clock=lambda: datetime(2026, 12, 1, 11, 0, tzinfo=CST))
        assert {m.member_id for m in loyalty.find_by_phone("137 1234 5678")} == {first, second}
    [taken] = _flags(engine, PHONE_TAKEN)
    assert {taken["subject"], json.loads(taken["detail"])["other_member"]} == {first, second}


def test_a_change_a_till_cannot_apply_stops_its_stream_visibly_until_it_is_fixed(
        client: Any, engine: Engine, clock: Clock, tills: dict[str, Engine],
        tmp_path: Path) -> None:
    seed_demo(engine, now=clock())
    till = tills["T01"]
    service = SyncService(
        engine=till, config=SyncConfig(url="http://cloud"), data_dir=tmp_path,
        credential=Credential(url="http://cloud", store_code="S001", store_name="",
                              terminal_code="T01", terminal_id="",
                              credential=_enroll(client, clock, "T01")),
        transport=client._transport, retry=FAST, sleep=lambda _s: None)
    try:
        assert service.run_once() is not None
        cursor = sync_state.cursors(engine=till)["members"]
        with write_tx(engine) as conn:  # a member row this till cannot read
            changes = ChangeSet()
            good = member_data({"phone": PHONE, "name": "坏", "tier": "gold", "card_no": None,
                                "birthday": None, "points_balance": 5},
                               lookup_secret(conn, now=clock(), changes=changes))
            bad = {**good, "birthday_md": "1 May"}
            changes.upsert("members", "M-BAD", bad)
            flush(conn, changes)
        report = service.run_once()
        assert report is not None and report.rejected["members"].change_key == "M-BAD"
        state = service.state
        assert (state.phase, state.last_error_key) == ("error", "sync.change_rejected")
        assert state.last_error_data["record"] == "M-BAD"
        assert sync_state.cursors(engine=till)["members"] == cursor  # not moved past it
        assert find_members(engine=till, phone=PHONE) == []
        [rejected] = _flags(engine, PULL_REJECTED)
        assert json.loads(rejected["detail"])["key"] == "M-BAD"
        assert "birthday" in json.loads(rejected["detail"])["reason"]
        page = client.get("/").text  # HQ's status page lists it
        assert "pull_change_rejected" in page and "T01 members/M-BAD" in page

        service.run_once()  # asked for again, still refused: one open flag, not two
        assert len(_flags(engine, PULL_REJECTED)) == 1
        with write_tx(engine) as conn:  # HQ fixes the record
            changes = ChangeSet()
            changes.upsert("members", "M-BAD", {**bad, "birthday_md": "05-01"})
            flush(conn, changes)
        fixed = service.run_once()
        assert fixed is not None and fixed.rejected == {}
        assert service.state.phase == "online"
        assert [m.member_id for m in find_members(engine=till, phone=PHONE)] == ["M-BAD"]
    finally:
        service.stop()

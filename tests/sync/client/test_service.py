"""Enrollment and its credential file, and the SyncService the till's UI uses: states,
the worker thread, reference data reloaded after a pull, the write gate."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from pos_app.config import SyncConfig
from pos_app.core.errors import PosError
from pos_app.services.checkout import CheckoutService
from pos_app.services.loyalty import load_reference
from pos_app.services.reference import PulledReference, reference_loader, use_pulled
from pos_app.services.sync_service import SyncService, SyncState, enroll_terminal
from pos_app.store import db, sync_state, terminal
from pos_app.ui.messages import MESSAGES
from sync.client import CLIENT_KEYS, KNOWN_PROBLEMS, SyncRefused
from sync.client_credential import Credential, credential_path, load_credential, save_credential
from tests.sync.client.conftest import FAST_RETRY, sell
from tests.sync.client.fake_cloud import TOKEN, URL, FakeCloud
from tests.sync.client.test_pull import rule
from tests.waiting import wait_until


def cred() -> Credential:
    return Credential(url=URL, store_code="S001", store_name="测试门店", terminal_code="T01",
                      terminal_id="S001-T01", credential=TOKEN)


def service(engine: Engine, cloud: FakeCloud, tmp_path: Path, **config: Any) -> SyncService:
    return SyncService(engine=engine, config=SyncConfig(**config),
                       data_dir=tmp_path, credential=cred(), transport=cloud.transport(),
                       retry=FAST_RETRY, sleep=lambda s: None)


def test_the_credential_file_is_private(tmp_path: Path) -> None:
    path = credential_path(tmp_path)
    path.write_text("old, world-readable")
    path.chmod(0o644)
    save_credential(path, cred())
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_credential(path) == cred()
    assert TOKEN not in repr(load_credential(path))
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_broken_credential_file_is_told_not_crashed(tmp_path: Path) -> None:
    path = credential_path(tmp_path)
    assert load_credential(path) is None
    path.write_text("{not json")
    with pytest.raises(PosError) as err:
        load_credential(path)
    assert err.value.key == "sync.credential_file"


def test_enrollment_saves_the_credential_and_takes_the_clouds_store(
        engine: Engine, cloud: FakeCloud, tmp_path: Path) -> None:
    cloud.enroll_codes["ENROLL-123456"] = "云端旗舰店"
    got = enroll_terminal(engine=engine, data_dir=tmp_path, url=URL + "/", code="ENROLL-123456",
                          transport=cloud.transport())
    assert (got.store_code, got.terminal_code, got.credential) == ("S001", "T01", TOKEN)
    assert stat.S_IMODE(os.stat(credential_path(tmp_path)).st_mode) == 0o600
    info = terminal.get_store_info(engine=engine)
    assert (info.store_name, info.terminal_code) == ("云端旗舰店", "T01")
    with pytest.raises(SyncRefused) as err:  # a code works once
        enroll_terminal(engine=engine, data_dir=tmp_path, url=URL, code="ENROLL-123456",
                        transport=cloud.transport())
    assert err.value.key == "sync.enrollment_code_used"


def test_every_sync_message_key_is_translated() -> None:
    assert (CLIENT_KEYS | KNOWN_PROBLEMS | {"sync.failed", "coupon.revoked"}) - set(MESSAGES) \
        == set()


def test_a_till_never_enrolled_says_so_and_does_nothing(engine: Engine, tmp_path: Path) -> None:
    svc = SyncService(engine=engine, config=SyncConfig(), data_dir=tmp_path)
    assert svc.state.phase == "not_enrolled"
    svc.start()
    assert svc.run_once() is None
    svc.stop()


def test_a_sync_goes_syncing_then_online_with_the_backlog_and_cursors(
        engine: Engine, cloud: FakeCloud, tmp_path: Path) -> None:
    sell(engine, 2)
    svc = service(engine, cloud, tmp_path)
    assert svc.state.backlog > 0 and svc.state.phase == "starting"
    seen: list[SyncState] = []
    svc.subscribe(seen.append)
    cloud.put("tiers", "gold", {"rank": 2, "name_zh": "金卡", "name_en": "Gold"})
    assert svc.run_once() is not None
    assert seen[0].phase == "syncing"
    state = svc.state
    assert (state.phase, state.backlog, state.last_error_key) == ("online", 0, "")
    assert state.cursors["tiers"] == 1 and state.server_cursor == cloud.cursor
    assert state.last_success_at is not None and svc.is_online()
    status = sync_state.get_status(engine=engine)
    assert status.last_success_at is not None and status.acked_seq == cloud.cursor


def test_an_unreachable_cloud_is_offline_and_keeps_the_backlog(
        engine: Engine, cloud: FakeCloud, tmp_path: Path) -> None:
    sell(engine, 1)
    cloud.fail("/v1/hello", "connect", times=10)
    svc = service(engine, cloud, tmp_path)
    assert svc.run_once() is None
    state = svc.state
    assert (state.phase, state.last_error_key) == ("offline", "sync.offline")
    assert state.backlog > 0 and not svc.is_online()
    assert sync_state.get_status(engine=engine).last_error_key == "sync.offline"


def test_a_refusal_is_an_error_state_with_its_key(
        engine: Engine, cloud: FakeCloud, tmp_path: Path) -> None:
    cloud.fail("/v1/hello", "outdated")
    svc = service(engine, cloud, tmp_path)
    svc.run_once()
    assert (svc.state.phase, svc.state.last_error_key) == ("error", "sync.protocol_outdated")


def test_the_skew_of_the_tills_clock_is_measured_and_flagged(
        engine: Engine, tmp_path: Path) -> None:
    cloud = FakeCloud(skew_s=900)  # the cloud's clock 15 minutes ahead of ours
    svc = service(engine, cloud, tmp_path)
    svc.run_once()
    assert svc.state.clock_skew_s is not None and svc.state.clock_skew_s > 890
    assert svc.state.skew_flagged and svc.state.phase == "online"


def test_new_rules_are_read_on_the_worker_and_handed_over_never_put_in_use_there(
        engine: Engine, cloud: FakeCloud, tmp_path: Path) -> None:
    checkout = CheckoutService(engine=engine, store_info=terminal.get_store_info(engine=engine))
    svc = service(engine, cloud, tmp_path)
    svc.set_reference_loader(reference_loader(engine=engine))
    handed: list[object] = []
    svc.subscribe_pulled(handed.append)
    before_rules, before_info = checkout.loyalty.reference, checkout.store_info
    cloud.put("promotions", "P-CLOUD", rule("P-CLOUD", "云端八折"))
    cloud.put("store", "S001", {"store_name": "云端门店"})
    svc.run_once()
    # The sync side only read: what the cashier's thread prices with is untouched.
    assert checkout.loyalty.reference is before_rules and checkout.store_info is before_info
    [pulled] = handed
    assert isinstance(pulled, PulledReference) and pulled.streams >= {"promotions", "store"}
    use_pulled(checkout, pulled)  # what the UI thread does with it
    assert "P-CLOUD" in {p.promo_id for p in checkout.loyalty.rules}
    assert checkout.store_info.store_name == "云端门店"


def test_loyalty_reference_data_changes_as_one_object(
        engine: Engine, cloud: FakeCloud, tmp_path: Path) -> None:
    loyalty = CheckoutService(engine=engine,
                              store_info=terminal.get_store_info(engine=engine)).loyalty
    old = loyalty.reference
    cloud.put("promotions", "P-CLOUD", rule("P-CLOUD", "云端八折"))
    cloud.put("tiers", "vip", {"rank": 9, "name_zh": "贵宾", "name_en": "VIP"})
    service(engine, cloud, tmp_path).run_once()
    new = load_reference(engine=engine)  # built aside: nothing in use changes
    assert loyalty.reference is old and "vip" not in {t.code for t in loyalty.tiers}
    loyalty.use(new)  # one assignment: tiers, rules, keys and the index together
    assert loyalty.reference is new
    assert (loyalty.tiers, loyalty.rules, loyalty.keys) == (new.tiers, new.rules, new.keys)
    assert "vip" in {t.code for t in loyalty.tiers}
    # A reader holding the old reference keeps a consistent old view.
    assert "P-CLOUD" not in {p.promo_id for p in old.rules}
    assert "vip" not in {t.code for t in old.tiers}


def test_the_worker_syncs_on_start_and_on_demand(
        engine: Engine, cloud: FakeCloud, tmp_path: Path) -> None:
    svc = service(engine, cloud, tmp_path, interval_s=3600)
    svc.start()
    try:
        assert wait_until(lambda: svc.state.phase == "online")
        sell(engine, 1)
        svc.note_local_change()
        assert wait_until(lambda: svc.state.backlog > 0)  # recounted, not pushed yet
        svc.sync_now()
        assert wait_until(lambda: len(cloud.events) > 0 and svc.state.backlog == 0)
    finally:
        svc.stop()


def test_a_background_writer_gives_way_to_a_waiting_sale(engine: Engine) -> None:
    """The sync worker's transactions wait while a sale waits: a sale waits for at most the
    background transaction already running."""
    order: list[str] = []
    in_background = threading.Event()
    release = threading.Event()

    def background(name: str, hold: bool = False) -> None:
        with db.write_tx(engine, background=True):
            order.append(name)
            if hold:
                in_background.set()
                release.wait(5)

    first = threading.Thread(target=background, args=("bg-1", True))
    first.start()
    assert in_background.wait(5)
    sale = threading.Thread(target=lambda: _foreground(engine, order))
    sale.start()
    while not db._gate(engine)._foreground_waiting:  # the sale is queued behind bg-1
        threading.Event().wait(0.001)
    second = threading.Thread(target=background, args=("bg-2",))
    second.start()
    threading.Event().wait(0.05)  # bg-2 would run now if it did not give way
    release.set()
    for t in (first, sale, second):
        t.join(5)
    assert order == ["bg-1", "sale", "bg-2"]


def _foreground(engine: Engine, order: list[str]) -> None:
    with db.write_tx(engine):
        order.append("sale")


def test_pos_enroll_connects_the_till_from_the_command_line(
        db_path: Path, tmp_path: Path, cloud: FakeCloud, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], qapp: object) -> None:
    # qapp: the command would make a bare QCoreApplication, which GUI tests cannot share.
    import sync.client
    from pos_app.__main__ import main, parse_args

    real = sync.client.enroll
    monkeypatch.setattr(sync.client, "enroll", lambda url, request, **_: real(
        url, request, transport=cloud.transport()))
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path))
    cloud.enroll_codes["S001-ABCDEFGH"] = "云端旗舰店"
    assert main(["enroll", URL, "S001-ABCDEFGH", "--db", str(db_path), "--lang", "en_US"]) == 0
    assert "terminal T01 of 云端旗舰店 (S001)" in capsys.readouterr().out
    assert stat.S_IMODE(os.stat(credential_path(tmp_path)).st_mode) == 0o600
    assert main(["enroll", URL, "S001-ABCDEFGH", "--db", str(db_path), "--lang", "en_US"]) == 1
    assert "has been used already" in capsys.readouterr().err
    assert parse_args(["--demo", "--sim"]).demo  # the till's own flags are unchanged

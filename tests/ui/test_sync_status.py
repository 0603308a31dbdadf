"""The status bar's sync item and the details dialog, with the worker thread against a fake
cloud: not set up, syncing then online with the backlog drained, offline in plain words,
"Sync now", and selling while the cloud is away."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.config import Settings, SyncConfig
from pos_app.services.demo_session import sign_in_demo
from pos_app.services.factory import open_services
from pos_app.ui import i18n
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.sync_dialog import SyncDialog
from sync.client_credential import Credential, credential_path, save_credential
from tests.conftest import COLA
from tests.sync.client.conftest import sell
from tests.sync.client.fake_cloud import TOKEN, URL, FakeCloud
from tests.sync.client.test_pull import rule
from tests.ui.conftest import cell_text, scan

QUIET = SyncConfig(interval_s=3600, push_delay_s=3600, retry_attempts=2, retry_s=0.0)


@pytest.fixture
def cloud() -> FakeCloud:
    return FakeCloud()


def open_window(qtbot: QtBot, db_path: Path, data_dir: Path, cloud: FakeCloud,
                *, enrolled: bool = True) -> Iterator[CashierWindow]:
    if enrolled:
        save_credential(credential_path(data_dir), Credential(
            url=URL, store_code="S001", store_name="测试门店", terminal_code="T01",
            terminal_id="S001-T01", credential=TOKEN))
    settings = Settings(data_dir=data_dir, db_path=db_path, lang="en_US", sync=QUIET)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = i18n.install_translators(app, "en_US")
    services = open_services(db_path=db_path, settings=settings,
                             sync_transport=cloud.transport())
    sign_in_demo(services)
    win = CashierWindow(services=services, settings=settings, lang="en_US")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win
    finally:
        win.shutdown()
        services.close()
        for t in translators:
            app.removeTranslator(t)


@pytest.fixture
def window(qtbot: QtBot, db_path: Path, tmp_path: Path,
           cloud: FakeCloud) -> Iterator[CashierWindow]:
    yield from open_window(qtbot, db_path, tmp_path, cloud)


def open_details(qtbot: QtBot, win: CashierWindow) -> SyncDialog:
    qtbot.mouseClick(win.sync_status, Qt.MouseButton.LeftButton)
    dialog = win.status.sync_dialog
    assert isinstance(dialog, SyncDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def test_a_till_never_enrolled_says_sync_is_not_set_up(
        qtbot: QtBot, db_path: Path, tmp_path: Path, cloud: FakeCloud) -> None:
    for win in open_window(qtbot, db_path, tmp_path, cloud, enrolled=False):
        assert win.sync_status.text() == "Sync: not set up"
        dialog = open_details(qtbot, win)
        assert "not connected to the cloud" in dialog.problem.text()
        assert not dialog.sync_button.isEnabled()


def test_the_status_goes_online_and_the_backlog_drains(
        qtbot: QtBot, window: CashierWindow, cloud: FakeCloud) -> None:
    services = window.services
    sell(services.engine, 2)
    cloud.put("products", "CLOUD-1", {"name": "云端新品", "price_fen": 990})
    services.sync.start()
    qtbot.waitUntil(lambda: window.sync_status.text().startswith("Sync: online")
                    and "to send" not in window.sync_status.text(), timeout=10_000)
    assert len(cloud.events) > 0
    dialog = open_details(qtbot, window)
    assert dialog.backlog.text() == "0 records"
    assert dialog.url.text() == URL
    assert dialog.identity.text() == "测试门店 (S001) · T01"
    assert dialog.problem.text() == "none"
    cells = [(dialog.streams.item(r, 0), dialog.streams.item(r, 1))
             for r in range(dialog.streams.rowCount())]
    assert [b.text() for a, b in cells if a and b and a.text() == "Products"] == ["1"]


def test_offline_is_told_in_plain_words_and_selling_goes_on(
        qtbot: QtBot, window: CashierWindow, cloud: FakeCloud) -> None:
    cloud.fail("/v1/hello", "connect", times=100)
    window.services.sync.start()
    qtbot.waitUntil(lambda: window.sync_status.text().startswith("Sync: offline"),
                    timeout=10_000)
    dialog = open_details(qtbot, window)
    assert "cannot be reached" in dialog.problem.text()
    scan(qtbot, window, COLA)  # selling does not care
    qtbot.waitUntil(lambda: len(window.checkout.sale.cart.lines) == 1, timeout=3000)
    sell(window.services.engine, 1)
    window.on_sale_committed(None)  # what a completed sale does: the backlog is recounted
    qtbot.waitUntil(lambda: "to send" in window.sync_status.text(), timeout=5000)
    assert dialog.backlog.text() != "0 records"
    cloud.faults.clear()
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.phase.text() == "online", timeout=10_000)
    assert dialog.problem.text() == "none"
    assert dialog.sync_button.isEnabled()


def _record_assignments(obj: object, names: tuple[str, ...],
                        seen: list[tuple[str, str]]) -> None:
    """Make ``obj`` note which thread assigns each of ``names`` (its class swapped for a
    subclass whose properties store into the instance as before)."""

    def recorded(name: str) -> property:
        def get(self: object) -> object:
            return self.__dict__[name]

        def put(self: object, value: object) -> None:
            seen.append((name, threading.current_thread().name))
            self.__dict__[name] = value

        return property(get, put)

    base = type(obj)
    obj.__class__ = type(f"Recording{base.__name__}", (base,),
                         {name: recorded(name) for name in names})


def test_pulled_rules_and_store_name_are_put_in_use_on_the_ui_thread_only(
        qtbot: QtBot, window: CashierWindow, cloud: FakeCloud) -> None:
    checkout = window.checkout
    seen: list[tuple[str, str]] = []
    _record_assignments(checkout, ("store_info",), seen)
    _record_assignments(checkout.loyalty, ("reference", "store_info"), seen)
    old_rules = checkout.loyalty.reference
    cloud.put("store", "S001", {"store_name": "云端门店"})
    cloud.put("promotions", "P-CLOUD", rule("P-CLOUD", "云端八折"))
    with qtbot.waitSignal(window.sync_status.bridge.sig_pulled, timeout=10_000):
        window.services.sync.start()
    assert "P-CLOUD" in {p.promo_id for p in checkout.loyalty.rules}
    assert checkout.loyalty.reference is not old_rules
    assert checkout.store_info.store_name == checkout.loyalty.store_info.store_name == "云端门店"
    qtbot.waitUntil(lambda: window.store_label.text().startswith("云端门店"), timeout=5000)
    assert {name for name, _ in seen} == {"store_info", "reference"}
    assert {thread for _, thread in seen} == {threading.main_thread().name}


def test_a_change_the_till_cannot_use_is_told_in_the_status_bar_and_the_details(
        qtbot: QtBot, window: CashierWindow, cloud: FakeCloud) -> None:
    cloud.put("products", "BAD-1", {"name": "坏数据", "price_fen": -5})
    window.services.sync.start()
    qtbot.waitUntil(lambda: window.sync_status.text().startswith("Sync: needs attention"),
                    timeout=10_000)
    dialog = open_details(qtbot, window)
    assert "cannot use head office's Products record BAD-1" in dialog.problem.text()
    assert "price_fen" in dialog.problem.text()
    assert [s for s, _, _ in cloud.rejected] == ["products"]


def test_records_the_cloud_did_not_accept_are_listed_and_repaired_and_resent(
        qtbot: QtBot, window: CashierWindow, cloud: FakeCloud) -> None:
    import json

    from contract.products import ProductRow
    from pos_app.store import catalog

    engine = window.services.engine
    catalog.upsert_products(engine=engine, rows=[ProductRow(  # as an old import let it in
        sku="NUL-1", name="Cola\x00Zero", price_fen=300, barcodes=("6900000000014",))])
    cloud.poison = lambda payload: "\\u0000" in json.dumps(payload)
    sell(engine, 1, codes=("6900000000014",))
    sell(engine, 1)
    window.services.sync.start()
    qtbot.waitUntil(lambda: "1 not accepted" in window.sync_status.text(), timeout=10_000)
    dialog = open_details(qtbot, window)
    listed = dialog.quarantine
    assert listed.isVisible() and listed.table.rowCount() == 1
    assert cell_text(listed.table, 0, 1) == "Sale"
    assert "text the cloud cannot store" in cell_text(listed.table, 0, 2)
    assert not listed.repair_button.isEnabled()  # nothing selected yet
    listed.table.selectRow(0)
    assert listed.repair_button.isEnabled()
    qtbot.mouseClick(listed.repair_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not listed.isVisible(), timeout=10_000)
    assert "not accepted" not in window.sync_status.text()
    assert [e.status for e in cloud.events.values()].count("quarantined") == 0

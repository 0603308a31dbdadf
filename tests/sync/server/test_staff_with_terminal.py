"""Staff made by HQ with ``pos-cloud staff`` sign in at a real till after its sync (its
database, sync client and StaffService), and the till's audit log reaches the cloud once."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from contract.protocol import EnrollRequest
from pos_app.core.errors import PosError
from pos_app.core.roles import Permission
from pos_app.services.staff import StaffService
from pos_app.store import db as terminal_db
from pos_app.store import terminal
from pos_app.store.staff import find_staff, role_of
from sync.client import RetryPolicy, SyncClient, enroll
from sync.server.cli import main
from sync.server.enroll import create_enrollment_code
from sync.server.ledger_tables import audit_entry
from tests.sync.server.helpers import Clock


@pytest.fixture
def terminal_engine(demo_db_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """The demo till's own database (store S001, terminal T01)."""
    path = tmp_path / "store.db"
    shutil.copyfile(demo_db_template, path)
    engine = terminal_db.open_database(path)
    yield engine
    engine.dispose()


@pytest.fixture
def sync(client: Any, engine: Engine, clock: Clock, store_id: int,
         terminal_engine: Engine) -> Iterator[SyncClient]:
    """The till, enrolled in store S001 of a chain made with ``create-store``."""
    transport = client._transport  # the app in-process, through the real HTTP client
    code = create_enrollment_code(engine, store_code="S001", now=clock())
    creds = enroll("http://cloud", EnrollRequest(enrollment_code=code, terminal_code="T01"),
                   transport=transport)
    with SyncClient(base_url="http://cloud", credential=creds.credential, store_code="S001",
                    terminal_code="T01", engine=terminal_engine, transport=transport,
                    retry=RetryPolicy(attempts=2, initial_s=0.01, max_s=0.01, jitter_s=0.0),
                    sleep=lambda _s: None) as client_:
        yield client_


@pytest.fixture
def cli(database_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Any:
    def run(*args: str, pin: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(pin))
        status = main(["--database-url", database_url, "staff", *args])
        capsys.readouterr()
        return status
    return run


@pytest.fixture
def staff_service(terminal_engine: Engine) -> StaffService:
    return StaffService(engine=terminal_engine,
                        store_info=terminal.get_store_info(engine=terminal_engine),
                        clock=lambda: datetime(2026, 12, 1, 2, 5, tzinfo=UTC))


def test_hq_adds_disables_and_resets_a_pin_and_the_till_follows(
        cli: Any, sync: SyncClient, staff_service: StaffService,
        terminal_engine: Engine) -> None:
    assert cli("add", "S001", "--code", "5001", "--name", "赵六", "--role", "supervisor",
               "--badge", "STF5001", "--pin-stdin", pin="4321\n") == 0
    report = sync.sync_once()
    assert report.pulled["staff"] == 1 and report.pulled["roles"] == 4
    session = staff_service.begin_sign_in("5001", "4321").run_now()
    assert (session.name, session.role.code) == ("赵六", "supervisor")
    assert session.allows(Permission.SALE_VOID) and not session.allows(Permission.Z_REPORT)
    staff_service.begin_sign_out().run_now()
    assert staff_service.begin_badge("STF5001").run_now().code == "5001"

    assert cli("set-pin", "S001", "5001", "--pin-stdin", pin="86420\n") == 0
    sync.sync_once()
    assert staff_service.begin_sign_in("5001", "86420").run_now().code == "5001"
    with pytest.raises(PosError, match=r"staff\.pin_wrong"):
        staff_service.begin_sign_in("5001", "4321").run_now()

    assert cli("disable", "S001", "5001") == 0
    sync.sync_once()
    member = find_staff(terminal_engine, code="5001")
    assert member is not None and not member.active
    with pytest.raises(PosError, match=r"staff\.inactive"):
        staff_service.begin_sign_in("5001", "86420").run_now()
    assert "5001" not in [s.code for s in staff_service.staff_list()]


def test_the_roles_stream_replaces_the_tills_defaults(
        sync: SyncClient, engine: Engine, clock: Clock, terminal_engine: Engine) -> None:
    from pos_app.core.roles import Role
    from sync.server.db import write_tx
    from sync.server.staff import put_roles

    with write_tx(engine) as conn:
        put_roles(conn, [Role("cashier", frozenset({Permission.SELL}), max_discount_bp=500)],
                  now=clock())
    sync.sync_once()
    cashier = role_of(terminal_engine, "cashier")
    assert cashier.permissions == {Permission.SELL} and cashier.max_discount_bp == 500
    assert role_of(terminal_engine, "manager").allows(Permission.Z_REPORT)


def test_the_tills_audit_log_reaches_the_cloud_once(
        cli: Any, sync: SyncClient, staff_service: StaffService, engine: Engine) -> None:
    assert cli("add", "S001", "--code", "5001", "--name", "赵六", "--role", "cashier",
               "--pin-stdin", pin="4321\n") == 0
    sync.sync_once()
    staff_service.begin_sign_in("5001", "4321").run_now()
    with pytest.raises(PosError):
        staff_service.begin_sign_in("5001", "0000").run_now()
    staff_service.begin_sign_out().run_now()
    first = sync.sync_once(verify=True)
    assert first.quarantined == 0 and first.mismatched == []
    again = sync.sync_once(verify=True)
    assert (again.applied, again.quarantined) == (0, 0)
    with engine.connect() as conn:
        logged = conn.execute(select(audit_entry.c.action, audit_entry.c.staff_name)).all()
    assert sorted(tuple(r) for r in logged) == [  # one clock reading: no order by time
        ("sign_in", "赵六"), ("sign_in_failed", "赵六"), ("sign_out", "赵六")]

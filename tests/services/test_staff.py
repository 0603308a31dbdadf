"""Sign-in, the wrong-PIN lock, the first-run admin and supervisor approvals, with real
argon2id hashes on a real database (the demo store's staff: contract.demo.DEMO_STAFF)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from contract.demo import DEMO_STORE
from pos_app.core.errors import PosError
from pos_app.core.roles import Permission
from pos_app.services.staff import MAX_FAILURES, StaffService
from pos_app.store import db
from pos_app.store.audit import AuditFilter, read_audit


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def empty_engine(tmp_path: Path) -> Iterator[Engine]:
    eng = db.open_database(tmp_path / "new-till.db")
    yield eng
    eng.dispose()


@pytest.fixture
def service(engine: Engine, clock: Clock) -> StaffService:
    return StaffService(engine=engine, store_info=DEMO_STORE, clock=clock)


def _actions(engine: Engine) -> list[str]:
    return [r.action for r in reversed(read_audit(engine, AuditFilter()))]


def test_sign_in_by_pin_and_badge(service: StaffService, engine: Engine) -> None:
    session = service.begin_sign_in(" 1001 ", "1111").run_now()
    assert (session.name, session.role.code) == ("王芳", "cashier")
    assert service.session == session and service.allows("sell")
    assert not service.allows("price_override") and not service.allows("no_such_action")
    service.begin_sign_out().run_now()
    assert service.session is None and not service.allows("sell")
    by_badge = service.begin_badge("STF3001").run_now()
    assert by_badge.role.code == "manager"
    assert _actions(engine) == ["sign_in", "sign_out", "sign_in"]
    assert read_audit(engine, AuditFilter())[0].detail == {"by": "badge"}


def test_wrong_pins_count_down_then_lock_and_every_attempt_is_audited(
        service: StaffService, engine: Engine, clock: Clock) -> None:
    for left in range(MAX_FAILURES - 1, 0, -1):
        with pytest.raises(PosError) as err:
            service.begin_sign_in("1001", "9999").run_now()
        assert (err.value.key, err.value.data["left"]) == ("staff.pin_wrong", left)
    with pytest.raises(PosError) as err:
        service.begin_sign_in("1001", "9999").run_now()
    assert (err.value.key, err.value.data["minutes"]) == ("staff.locked", 5)
    # Locked: even the right PIN is refused, and that is audited too.
    clock.now += timedelta(minutes=2)
    with pytest.raises(PosError, match=r"staff.locked"):
        service.begin_sign_in("1001", "1111").run_now()
    assert service.session is None
    assert _actions(engine) == ["sign_in_failed"] * MAX_FAILURES + [
        "staff_locked", "sign_in_failed"]
    # Another staff member is not locked; after the lock the right PIN works.
    service.begin_sign_in("2001", "2222").run_now()
    clock.now += timedelta(minutes=4)
    assert service.begin_sign_in("1001", "1111").run_now().code == "1001"


def test_unknown_code_inactive_staff_and_unknown_badge(service: StaffService,
                                                        engine: Engine) -> None:
    with pytest.raises(PosError, match=r"staff.unknown"):
        service.begin_sign_in("4242", "1111").run_now()
    with pytest.raises(PosError, match=r"staff.unknown"):
        service.begin_badge("STF999").run_now()
    from pos_app.store import staff as staff_store
    with db.write_tx(engine) as conn:
        staff_store.disable_staff(conn, "demo-staff-cashier", at="2026-12-05T09:00:00+00:00")
    with pytest.raises(PosError, match=r"staff.inactive"):
        service.begin_sign_in("1001", "1111").run_now()
    assert [r.detail["why"] for r in read_audit(engine, AuditFilter())] == [
        "inactive", "unknown", "unknown"]


def test_first_run_admin_only_on_a_till_without_staff(empty_engine: Engine,
                                                       clock: Clock) -> None:
    service = StaffService(engine=empty_engine, store_info=DEMO_STORE, clock=clock)
    assert service.needs_first_admin()
    for pin, again, key in (("12", "12", "staff.pin_invalid"), ("1234", "1243",
                                                                 "staff.pin_mismatch")):
        with pytest.raises(PosError, match=key):
            service.begin_create_admin(name="店长", code="1", pin=pin, pin_again=again)
    session = service.begin_create_admin(name="店长", code="1", pin="2468",
                                         pin_again="2468").run_now()
    assert session.role.code == "manager" and service.session == session
    assert not service.needs_first_admin()
    assert _actions(empty_engine) == ["staff_created", "sign_in"]
    with pytest.raises(PosError, match=r"staff.admin_exists"):
        service.begin_create_admin(name="second", code="2", pin="1357",
                                   pin_again="1357").run_now()
    service.begin_sign_out().run_now()
    assert service.begin_sign_in("1", "2468").run_now().name == "店长"


def test_a_supervisor_approves_one_action_recorded_with_both_names(
        service: StaffService, engine: Engine) -> None:
    service.begin_sign_in("1001", "1111").run_now()
    with pytest.raises(PosError, match=r"staff.approve_self"):
        service.begin_approve(Permission.LINE_VOID, code="1001", pin="1111").run_now()
    with pytest.raises(PosError, match=r"staff.pin_wrong"):
        service.begin_approve(Permission.PRICE_OVERRIDE, code="2001", pin="0000").run_now()
    approval = service.begin_approve(Permission.PRICE_OVERRIDE, code="2001", pin="2222",
                                     subject="sale-1").run_now()
    assert (approval.permission, approval.approver_name) == (Permission.PRICE_OVERRIDE, "李强")
    entry = read_audit(engine, AuditFilter(action="approval"))[0]
    assert (entry.staff_name, entry.approver_name, entry.subject) == ("王芳", "李强", "sale-1")
    assert entry.detail["action"] == "price_override"
    # A supervisor may not approve what their own role may not do (a Z report here).
    with pytest.raises(PosError, match=r"staff.approver_not_allowed"):
        service.begin_approve(Permission.Z_REPORT, badge="STF2001").run_now()
    assert service.begin_approve(Permission.Z_REPORT, badge="STF3001").run_now().approver_name \
        == "张敏"

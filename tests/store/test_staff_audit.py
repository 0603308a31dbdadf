"""The staff tables, roles as data and the append-only audit log."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.exc import DatabaseError

from contract.staff import RoleData, StaffData
from pos_app.core.roles import Permission
from pos_app.store import staff as staff_store
from pos_app.store.audit import AuditFilter, AuditRecord, read_audit, write_audit
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import audit_entry, outbox_event
from tests.store.conftest import T0

AT = T0.isoformat()


def _staff(code: str = "1001", role: str = "cashier") -> StaffData:
    return StaffData(code=code, name="王芳", role=role, pin_hash="$argon2id$" + "x" * 30)


def test_audit_is_append_only_and_each_entry_has_its_event(empty_engine: Engine) -> None:
    rec = AuditRecord(action="price_override", staff_id="s1", staff_name="王芳", at=AT,
                      subject="sale-1", approver_id="s2", approver_name="李强",
                      detail={"line": 1, "from_fen": 500, "to_fen": 300})
    write_audit(empty_engine, [rec], store_code="S001", terminal_code="T01")
    with read_tx(empty_engine) as conn:
        events = conn.execute(select(outbox_event.c.type, outbox_event.c.payload)).all()
    assert [e.type for e in events] == ["audit.recorded"]
    payload = json.loads(events[0].payload)
    assert payload["approver_name"] == "李强" and payload["detail"]["to_fen"] == 300
    for stmt in (update(audit_entry).values(staff_name="someone else"), delete(audit_entry)):
        with pytest.raises(DatabaseError, match="append-only"), write_tx(empty_engine) as conn:
            conn.execute(stmt)
    assert [r.staff_name for r in read_audit(empty_engine, AuditFilter())] == ["王芳"]


def test_audit_filters_by_action_staff_and_time(empty_engine: Engine) -> None:
    def rec(minutes: int, action: str, staff_id: str, approver: str | None = None) -> AuditRecord:
        return AuditRecord(action=action, staff_id=staff_id, staff_name=staff_id,
                           at=(T0 + timedelta(minutes=minutes)).isoformat(),
                           approver_id=approver, approver_name=approver)

    write_audit(empty_engine, [rec(0, "sign_in", "a"), rec(1, "line_void", "a"),
                               rec(2, "approval", "a", approver="b"), rec(3, "sign_in", "b")],
                store_code="S001", terminal_code="T01")
    assert [r.action for r in read_audit(empty_engine, AuditFilter())] == [
        "sign_in", "approval", "line_void", "sign_in"]  # newest first
    assert [r.staff_id for r in read_audit(empty_engine, AuditFilter(action="sign_in"))] == [
        "b", "a"]
    # A staff member as doer or approver.
    assert [r.action for r in read_audit(empty_engine, AuditFilter(staff_id="b"))] == [
        "sign_in", "approval"]
    window = AuditFilter(since=(T0 + timedelta(minutes=1)).isoformat(),
                         until=(T0 + timedelta(minutes=3)).isoformat())
    assert [r.action for r in read_audit(empty_engine, window)] == ["approval", "line_void"]
    assert len(read_audit(empty_engine, AuditFilter(limit=2, offset=3))) == 1


def test_roles_are_data_with_defaults_for_unsent_codes(empty_engine: Engine) -> None:
    assert staff_store.role_of(empty_engine, "cashier").allows(Permission.SELL)
    assert not staff_store.role_of(empty_engine, "cashier").allows(Permission.PRICE_OVERRIDE)
    with write_tx(empty_engine) as conn:
        staff_store.put_role(conn, "cashier", RoleData(
            permissions=["sell", "price_override", "from_a_newer_cloud"],
            max_discount_bp=500), at=AT)
    role = staff_store.role_of(empty_engine, "cashier")
    assert role.allows(Permission.PRICE_OVERRIDE) and not role.allows(Permission.LINE_VOID)
    assert role.allows(Permission.DISCOUNT) is False  # not in the cloud's list
    assert role.max_discount_bp == 500
    assert staff_store.role_of(empty_engine, "no-such-role").permissions == frozenset()


def test_a_code_moves_to_the_staff_member_the_cloud_gives_it(empty_engine: Engine) -> None:
    with write_tx(empty_engine) as conn:
        staff_store.put_staff(conn, "s1", _staff("1001"), at=AT)
        staff_store.put_staff(conn, "s2", _staff("1001"), at=AT)
    found = staff_store.find_staff(empty_engine, code="1001")
    assert found is not None and found.staff_id == "s2"
    assert staff_store.staff_count(empty_engine) == 1


def test_wrong_pins_lock_then_the_lock_ends(empty_engine: Engine) -> None:
    lock = timedelta(minutes=5)
    with write_tx(empty_engine) as conn:
        results = [staff_store.count_failure(conn, "s1", T0, max_failures=5, lock_for=lock)
                   for _ in range(5)]
        assert [n for n, _ in results] == [1, 2, 3, 4, 5]
        assert results[-1][1] == T0 + lock and all(u is None for _, u in results[:-1])
        assert staff_store.locked_until(conn, "s1", T0 + timedelta(minutes=4)) == T0 + lock
        assert staff_store.locked_until(conn, "s1", T0 + lock) is None
        # After the lock, the count starts again.
        later = T0 + timedelta(minutes=6)
        assert staff_store.count_failure(conn, "s1", later, max_failures=5,
                                         lock_for=lock) == (1, None)


def test_audit_triggers_are_in_the_migrated_schema(empty_engine: Engine) -> None:
    with read_tx(empty_engine) as conn:
        names = set(conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    assert {"audit_entry_no_update", "audit_entry_no_delete"} <= names

"""Who is at the till: sign-in by PIN or badge, the wrong-PIN lock, the first-run admin,
permissions and the supervisor's one-action approval, and the audit entries of all that.

PINs are verified with argon2id on the writer thread (``Pending.run``): about a tenth of a
second by design, never on the UI thread. Every attempt, right or wrong, is audited in the
same transaction that counts it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from contract.staff import StaffData, badge_hash, check_pin, hash_pin, verify_pin
from pos_app.core.errors import PosError
from pos_app.core.roles import Permission, Role
from pos_app.core.store_info import StoreInfo
from pos_app.core.text import require_clean
from pos_app.services.results import Pending
from pos_app.store import staff as staff_store
from pos_app.store.audit import AuditFilter, AuditRecord, append_audit, read_audit, write_audit
from pos_app.store.db import write_tx
from pos_app.store.staff import StaffMember

MAX_FAILURES = 5
__all__ = ["MAX_FAILURES", "Approval", "AuditFilter", "AuditRecord", "Session", "StaffService"]


@dataclass(frozen=True, slots=True)
class Session:
    """The signed-in staff member and their role."""

    staff_id: str
    code: str
    name: str
    role: Role

    def allows(self, permission: Permission, *, discount_bp: int = 0) -> bool:
        return self.role.allows(permission, discount_bp=discount_bp)


@dataclass(frozen=True, slots=True)
class Approval:
    """A supervisor's yes to exactly one action (``permission``; a discount up to their own
    limit). The action records it with both names; it is used once."""

    permission: Permission
    approver_id: str
    approver_name: str
    max_discount_bp: int
    approval_id: str


class StaffService:
    """The till's staff: sign-in, the current session, permissions and approvals."""

    def __init__(self, *, engine: Engine, store_info: StoreInfo,
                 clock: Callable[[], datetime], lock_minutes: int = 5) -> None:
        self._engine = engine
        self.store_info = store_info
        self._clock = clock
        self._lock_for = timedelta(minutes=lock_minutes)
        self.session: Session | None = None

    # ---- who may sign in ------------------------------------------------------------------

    def needs_first_admin(self) -> bool:
        """True on a till without any staff: it asks for a local admin first."""
        return staff_store.staff_count(self._engine) == 0

    def staff_list(self) -> list[StaffMember]:
        """Active staff, by code."""
        return staff_store.list_staff(self._engine)

    def _role(self, member: StaffMember) -> Role:
        return staff_store.role_of(self._engine, member.role)

    def _session(self, member: StaffMember) -> Session:
        return Session(member.staff_id, member.code, member.name, self._role(member))

    # ---- audit ------------------------------------------------------------------------------

    def record(self, action: str, *, subject: str = "", detail: dict[str, Any] | None = None,
               approval: Approval | None = None, who: Session | None = None) -> AuditRecord:
        """An audit entry of the signed-in staff member (not written yet)."""
        who = who or self.session
        return AuditRecord(
            action=action, staff_id=who.staff_id if who else "",
            staff_name=who.name if who else "", at=self._clock().isoformat(),
            subject=subject, detail=dict(detail or {}),
            approver_id=approval.approver_id if approval else None,
            approver_name=approval.approver_name if approval else None)

    def _write(self, conn: Any, records: Sequence[AuditRecord]) -> None:
        info = self.store_info
        append_audit(conn, records, store_code=info.store_code,
                     terminal_code=info.terminal_code)

    def write_now(self, records: Sequence[AuditRecord]) -> None:
        """Write entries in a transaction of their own (on the writer thread)."""
        write_audit(self._engine, records, store_code=self.store_info.store_code,
                    terminal_code=self.store_info.terminal_code)

    def begin_audit(self, records: Sequence[AuditRecord]) -> Pending[None, None]:
        """Write entries (a drawer opened, a reprint...) on the writer thread."""
        return Pending(lambda: self.write_now(records), lambda _r: None, lambda: None)

    def audit_log(self, f: AuditFilter) -> list[AuditRecord]:
        """A page of the audit log for the manager's viewer (run it off the UI thread)."""
        return read_audit(self._engine, f)

    # ---- first run --------------------------------------------------------------------------

    def begin_create_admin(self, *, name: str, code: str, pin: str,
                           pin_again: str) -> Pending[Session, Session]:
        """Create the one local admin of a till without staff (a manager), signed in."""
        name = require_clean(name.strip(), key="staff.name_invalid")
        if not name or len(name) > 64:
            raise PosError("staff.name_invalid")
        check_pin(pin)
        if pin != pin_again:
            raise PosError("staff.pin_mismatch")
        data = StaffData(code=code.strip() or "1", name=name, role="manager",
                         pin_hash="x" * 20)

        def run() -> Session:
            member = data.model_copy(update={"pin_hash": hash_pin(pin)})
            staff_id = f"local-{uuid.uuid4()}"
            at = self._clock().isoformat()
            with write_tx(self._engine) as conn:
                staff_store.require_no_staff(conn)
                staff_store.put_staff(conn, staff_id, member, at=at, source="local")
                session = Session(staff_id, member.code, name,
                                  staff_store.role_of(self._engine, "manager"))
                self._write(conn, [self.record("staff_created", who=session,
                                               detail={"code": member.code, "role": "manager"}),
                                   self.record("sign_in", who=session)])
            return session

        return Pending(run, self._signed_in, lambda: None)

    # ---- sign-in ----------------------------------------------------------------------------

    def _signed_in(self, session: Session) -> Session:
        self.session = session
        return session

    def _check(self, member: StaffMember | None, pin: str | None, *, key: str,
               audit_action: str, subject: str) -> StaffMember:
        """Verify one attempt (writer thread): audits it, counts wrong PINs, locks after
        ``MAX_FAILURES``; raises the refusal after its entries are committed."""
        now = self._clock()
        refusal: PosError | None = None
        entries: list[AuditRecord] = []
        who = None if member is None else Session(member.staff_id, member.code, member.name,
                                                  Role("unknown"))
        with write_tx(self._engine) as conn:
            if member is None:
                refusal = PosError("staff.unknown", code=key)
                entries.append(self.record(f"{audit_action}_failed", subject=subject,
                                           detail={"code": key, "why": "unknown"}))
            elif not member.active:
                refusal = PosError("staff.inactive", name=member.name)
                entries.append(self.record(f"{audit_action}_failed", who=who, subject=subject,
                                           detail={"why": "inactive"}))
            elif (until := staff_store.locked_until(conn, member.staff_id, now)) is not None:
                refusal = PosError("staff.locked", name=member.name,
                                   minutes=_minutes_left(until, now))
                entries.append(self.record(f"{audit_action}_failed", who=who, subject=subject,
                                           detail={"why": "locked"}))
            elif pin is not None and not verify_pin(member.pin_hash, pin):
                failed, locked = staff_store.count_failure(
                    conn, member.staff_id, now, max_failures=MAX_FAILURES,
                    lock_for=self._lock_for)
                entries.append(self.record(f"{audit_action}_failed", who=who, subject=subject,
                                           detail={"why": "wrong_pin", "failures": failed}))
                if locked is not None:
                    entries.append(self.record("staff_locked", who=who, detail={
                        "until": locked.isoformat(), "failures": failed}))
                    refusal = PosError("staff.locked", name=member.name,
                                       minutes=_minutes_left(locked, now))
                else:
                    refusal = PosError("staff.pin_wrong", left=MAX_FAILURES - failed)
            else:
                staff_store.clear_failures(conn, member.staff_id)
            self._write(conn, entries)
        if refusal is not None:
            raise refusal
        assert member is not None
        return member

    def begin_sign_in(self, code: str, pin: str) -> Pending[Session, Session]:
        """Sign in by staff code and PIN (verified on the writer thread)."""
        code = code.strip()

        def run() -> Session:
            member = staff_store.find_staff(self._engine, code=code)
            member = self._check(member, pin, key=code, audit_action="sign_in", subject="")
            session = self._session(member)
            self.write_now([self.record("sign_in", who=session)])
            return session

        return Pending(run, self._signed_in, lambda: None)

    def begin_badge(self, scanned: str) -> Pending[Session, Session]:
        """Sign in with a scanned staff badge."""
        digest = badge_hash(scanned)

        def run() -> Session:
            member = staff_store.find_staff(self._engine, badge=digest)
            member = self._check(member, None, key="badge", audit_action="sign_in",
                                 subject="badge")
            session = self._session(member)
            self.write_now([self.record("sign_in", who=session, detail={"by": "badge"})])
            return session

        return Pending(run, self._signed_in, lambda: None)

    def begin_sign_out(self, *, why: str = "sign_out") -> Pending[None, None]:
        """End the session (``why``: sign_out, or auto_lock when the till locked itself)."""
        session = self.session
        self.session = None
        if session is None:
            return Pending(lambda: None, lambda _r: None, lambda: None)
        return self.begin_audit([self.record(why, who=session)])

    # ---- permissions and approvals ---------------------------------------------------------

    def allows(self, action: str, *, discount_bp: int = 0) -> bool:
        """True when the signed-in staff member may do ``action`` (a Permission value)."""
        if self.session is None:
            return False
        try:
            permission = Permission(action)
        except ValueError:
            return False
        return self.session.allows(permission, discount_bp=discount_bp)

    def begin_approve(self, permission: Permission, *, code: str | None = None,
                      pin: str | None = None, badge: str | None = None, subject: str = "",
                      discount_bp: int = 0) -> Pending[Approval, Approval]:
        """A supervisor approves one action with their PIN (or badge): refused when they
        may not do it themselves. The approval is audited at once with both names."""
        requester = self.session
        if requester is None:
            raise PosError("staff.not_signed_in")

        def run() -> Approval:
            if badge is not None:
                member = staff_store.find_staff(self._engine, badge=badge_hash(badge))
                member = self._check(member, None, key="badge", audit_action="approve",
                                     subject=subject)
            else:
                member = staff_store.find_staff(self._engine, code=(code or "").strip())
                member = self._check(member, pin or "", key=code or "",
                                     audit_action="approve", subject=subject)
            role = self._role(member)
            if member.staff_id == requester.staff_id:
                raise PosError("staff.approve_self")
            if not role.allows(permission, discount_bp=discount_bp):
                raise PosError("staff.approver_not_allowed", name=member.name,
                               action=permission.value)
            approval = Approval(permission, member.staff_id, member.name,
                                role.max_discount_bp, str(uuid.uuid4()))
            self.write_now([self.record(
                "approval", subject=subject, approval=approval, who=requester,
                detail={"action": permission.value, "discount_bp": discount_bp,
                        "approval_id": approval.approval_id})])
            return approval

        return Pending(run, lambda a: a, lambda: None)


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, -(-int((until - now).total_seconds()) // 60))

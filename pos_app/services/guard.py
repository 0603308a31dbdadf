"""Permission checks with the supervisor's override, and the audit entries of what was done.

Each protected action asks ``authorize``: the signed-in staff member's role allows it, or a
supervisor's ``Approval`` for exactly that action (used once) does, or it is refused with
``permission.denied`` (the window then opens the override prompt and tries again with the
approval). What was done becomes audit entries: a sale's guard keeps them for the sale's
own transaction (completed, voided or parked); other guards (the drawer, reprints) write
them at once, on the writer thread that did the action.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pos_app.core.errors import PosError
from pos_app.core.roles import Permission
from pos_app.services.permissions import AllowAll, PermissionCheck
from pos_app.services.staff import Approval, StaffService
from pos_app.store.audit import AuditRecord


class Guard:
    """Permission checks and audit entries (``buffered``: kept for the sale's write)."""

    def __init__(self, permissions: PermissionCheck | None = None,
                 staff: StaffService | None = None, *, buffered: bool = True) -> None:
        self._permissions: PermissionCheck = permissions or staff or AllowAll()
        self._staff = staff
        self._buffered = buffered
        self._used: set[str] = set()  # approvals already spent
        self.entries: list[AuditRecord] = []  # the current sale's, not written yet

    def authorize(self, permission: Permission, approval: Approval | None = None, *,
                  discount_bp: int = 0) -> Approval | None:
        """Allow ``permission`` (returns the approval that allows it, if any; ``note``
        spends it) or raise ``permission.denied`` naming the action and, for a discount,
        its size."""
        if self._permissions.allows(permission.value, discount_bp=discount_bp):
            return None
        if (approval is not None and approval.permission is permission
                and approval.approval_id not in self._used
                and (permission is not Permission.DISCOUNT
                     or discount_bp <= approval.max_discount_bp)):
            return approval  # spent by ``note`` once the action is done
        raise PosError("permission.denied", action=permission.value, discount_bp=discount_bp)

    def note(self, action: str, *, subject: str, approval: Approval | None = None,
             **detail: Any) -> None:
        """Record what was done and spend its approval (without a staff service: nothing
        to record)."""
        self.spend(approval)
        if self._staff is None:
            return
        entry = self._staff.record(action, subject=subject, detail=detail, approval=approval)
        if self._buffered:
            self.entries.append(entry)
        else:
            self._staff.write_now([entry])

    def spend(self, approval: Approval | None) -> None:
        """Mark an approval used (its action recorded it in its own transaction)."""
        if approval is not None:
            self._used.add(approval.approval_id)

    def take(self) -> tuple[AuditRecord, ...]:
        """The sale's entries, for its write; the next sale starts with none."""
        entries, self.entries = tuple(self.entries), []
        return entries

    def give_back(self, entries: Sequence[AuditRecord]) -> None:
        """A write that failed: its entries belong to the sale again."""
        self.entries[:0] = entries

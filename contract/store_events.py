"""The store-operations events: the audit log, shifts and the cash outside sales.

Each is written to a till's outbox in the transaction of its record and applied by the
cloud once per store (``sync.server``); ``protocol.EVENT_PAYLOADS`` includes them.
"""

from __future__ import annotations

from typing import Any

from pydantic import StrictInt, StrictStr

from contract.event_base import EventPayload

AUDIT_RECORDED = "audit.recorded"
SHIFT_OPENED = "shift.opened"
CASH_MOVED = "cash.moved"
SHIFT_CLOSED = "shift.closed"


class AuditRecordedPayload(EventPayload):
    """``audit.recorded``: one audit log entry (``detail`` amounts in fen)."""

    entry_uuid: StrictStr
    at: StrictStr
    action: StrictStr
    staff_id: StrictStr
    staff_name: StrictStr = ""
    approver_id: StrictStr | None = None
    approver_name: StrictStr | None = None
    subject: StrictStr = ""
    detail: dict[str, object] = {}



class ShiftOpenedPayload(EventPayload):
    """``shift.opened``: the opening float counted by denomination (code → pieces)."""

    shift_uuid: StrictStr
    shift_no: StrictInt
    opened_at: StrictStr
    opened_by_id: StrictStr
    opened_by_name: StrictStr = ""
    opening_float_fen: StrictInt
    opening_count: dict[StrictStr, StrictInt] = {}


class CashMovedPayload(EventPayload):
    """``cash.moved``: ``paid_in``, ``paid_out`` or ``drop`` (to the safe), positive fen."""

    movement_uuid: StrictStr
    shift_uuid: StrictStr
    kind: StrictStr
    amount_fen: StrictInt
    reason: StrictStr = ""
    staff_id: StrictStr
    staff_name: StrictStr = ""
    approver_name: StrictStr | None = None
    at: StrictStr


class ShiftClosedPayload(EventPayload):
    """``shift.closed``: the Z report (``pos_app.core.shift_codec.z_to_plain``)."""

    shift_uuid: StrictStr
    shift_no: StrictInt
    closed_at: StrictStr
    closed_by_id: StrictStr
    closed_by_name: StrictStr = ""
    report: dict[StrictStr, Any]


STORE_EVENT_VERSIONS: dict[str, int] = {
    AUDIT_RECORDED: 1, SHIFT_OPENED: 1, CASH_MOVED: 1, SHIFT_CLOSED: 1}
STORE_EVENT_PAYLOADS: dict[str, type[EventPayload]] = {
    AUDIT_RECORDED: AuditRecordedPayload,
    SHIFT_OPENED: ShiftOpenedPayload,
    CASH_MOVED: CashMovedPayload,
    SHIFT_CLOSED: ShiftClosedPayload,
}

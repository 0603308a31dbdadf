"""The store-operations events: the audit log, shifts, the cash outside sales, returns,
stock counts.

Each is written to a till's outbox in the transaction of its record and applied by the
cloud once per store (``sync.server``); ``protocol.EVENT_PAYLOADS`` includes them.
"""

from __future__ import annotations

from typing import Any

from pydantic import StrictBool, StrictInt, StrictStr

from contract.event_base import EventPayload
from contract.stock_events import STOCK_EVENT_PAYLOADS, STOCK_EVENT_VERSIONS

AUDIT_RECORDED = "audit.recorded"
SHIFT_OPENED = "shift.opened"
CASH_MOVED = "cash.moved"
SHIFT_CLOSED = "shift.closed"
RETURN_COMPLETED = "return.completed"
COUNT_POSTED = "count.posted"


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


class ReturnLinePayload(EventPayload):
    """A returned line: ``line_no`` of the original sale (None without one); ``qty`` in
    pieces (grams when weighed); ``disposition`` ``restock`` (back to sellable stock) or
    ``damaged`` (back, then written off: the stock balance does not move)."""

    line_no: StrictInt | None = None
    sku: StrictStr
    name: StrictStr = ""
    qty: StrictInt
    is_weighed: StrictBool = False
    net_fen: StrictInt = 0
    tax_fen: StrictInt = 0
    tax_rate_bp: StrictInt = 0
    refund_fen: StrictInt = 0
    disposition: StrictStr = "restock"


class ReturnTenderPayload(EventPayload):
    """A payout of a return from the original sale's tender ``tender_index`` (from 0; None
    without one) of ``kind``, paid as ``payout``; ``points`` back for a points tender."""

    tender_index: StrictInt | None = None
    kind: StrictStr
    payout: StrictStr
    amount_fen: StrictInt
    points: StrictInt = 0
    reference: StrictStr = ""


class ReturnCompletedPayload(EventPayload):
    """``return.completed``: goods back from a sale (``kind`` ``sale``), without a receipt
    (``no_receipt``) or from another till's sale while offline (``other_till_offline``).
    Its points move as ``points.transaction`` events of ``sale_uuid`` = ``return_uuid``;
    ``flags`` name what HQ must look at (``other_till_offline``, ``clawback_short``:
    ``clawback_short`` earned points could not be taken back)."""

    return_uuid: StrictStr
    return_no: StrictStr
    return_seq: StrictInt
    kind: StrictStr
    store_code: StrictStr = ""
    terminal_code: StrictStr = ""
    at: StrictStr
    original_sale_uuid: StrictStr | None = None
    original_receipt_no: StrictStr = ""
    original_terminal_code: StrictStr = ""
    shift_uuid: StrictStr | None = None
    staff_id: StrictStr = ""
    staff_name: StrictStr = ""
    approver_id: StrictStr | None = None
    approver_name: StrictStr | None = None
    reason: StrictStr = ""
    refund_fen: StrictInt
    rounding_fen: StrictInt = 0
    tax_fen: StrictInt = 0
    member_id: StrictStr | None = None
    points_back: StrictInt = 0
    points_clawback: StrictInt = 0
    clawback_short: StrictInt = 0
    exchange_sale_uuid: StrictStr | None = None
    to_cash: StrictBool = False
    flags: list[StrictStr] = []
    coupons_reinstated: list[StrictStr] = []
    lines: list[ReturnLinePayload]
    tenders: list[ReturnTenderPayload] = []


class CountedPayload(EventPayload):
    """A product's count: ``counted`` (pieces, grams when weighed), ``expected`` at the
    count line's ledger mark ``hwm`` (the till's last stock movement id then), and the
    adjustment ``delta`` = counted − expected, applied to the store's stock."""

    sku: StrictStr
    counted: StrictInt
    expected: StrictInt
    delta: StrictInt
    hwm: StrictInt = 0
    counted_at: StrictStr = ""  # the product's last count line (ISO, the till's clock)


class UnknownCodePayload(EventPayload):
    """A code counted that no product has (kept for HQ to look at; it moves no stock)."""

    code: StrictStr
    qty: StrictInt


class CountPostedPayload(EventPayload):
    """``count.posted``: a stock count approved and posted at a till, once per
    ``session_uuid``; each product's ``delta`` is a ``count`` stock movement."""

    session_uuid: StrictStr
    store_code: StrictStr = ""
    terminal_code: StrictStr = ""
    scope_kind: StrictStr
    scope_value: StrictStr = ""
    blind: StrictBool = False
    opened_at: StrictStr
    posted_at: StrictStr
    staff_id: StrictStr = ""
    staff_name: StrictStr = ""
    approver_id: StrictStr | None = None
    approver_name: StrictStr | None = None
    line_count: StrictInt = 0  # count lines behind the products (scans, typed, uploaded)
    products: list[CountedPayload]
    unknown: list[UnknownCodePayload] = []


STORE_EVENT_VERSIONS: dict[str, int] = {
    AUDIT_RECORDED: 1, SHIFT_OPENED: 1, CASH_MOVED: 1, SHIFT_CLOSED: 1, RETURN_COMPLETED: 1,
    COUNT_POSTED: 1, **STOCK_EVENT_VERSIONS}
STORE_EVENT_PAYLOADS: dict[str, type[EventPayload]] = {
    AUDIT_RECORDED: AuditRecordedPayload,
    SHIFT_OPENED: ShiftOpenedPayload,
    CASH_MOVED: CashMovedPayload,
    SHIFT_CLOSED: ShiftClosedPayload,
    RETURN_COMPLETED: ReturnCompletedPayload,
    COUNT_POSTED: CountPostedPayload,
    **STOCK_EVENT_PAYLOADS,
}

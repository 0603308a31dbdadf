"""Flags: conflicts the cloud accepted but HQ must look at (negative stock, points overdrawn,
a coupon used twice, a phone number shared, a till's clock off, a till that cannot apply a
pulled change, returns to check). Never a reason to refuse."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, update

from contract.protocol import CLOCK_SKEW_FLAG_S
from sync.server.db import insert_ignore
from sync.server.ledger_tables import flag

NEGATIVE_STOCK = "negative_stock"
POINTS_OVERDRAWN = "points_overdrawn"
POINTS_MEMBER_UNKNOWN = "points_member_unknown"
COUPON_REUSED = "coupon_reused"
PHONE_TAKEN = "member_phone_taken"
CLOCK_SKEW = "clock_skew"
PULL_REJECTED = "pull_change_rejected"  # a till cannot apply a change: its stream stopped
# An event quarantined because it is out of bounds or could not be applied: HQ looks at it
# (a till may be misbehaving), the till shows it for repair.
EVENT_QUARANTINED = "event_quarantined"
# An earn entry whose sale the cloud has not seen (in its batch or before): held to the
# per-event cap only, so HQ checks it.
POINTS_SALE_UNKNOWN = "points_sale_unknown"
# A till returned a receipt of another till while it could not ask the cloud (a supervisor
# approved it): HQ checks it against the original sale.
RETURN_OTHER_TILL_OFFLINE = "return_other_till_offline"
# A return could not take back all the points its sale earned (the member had spent them).
RETURN_CLAWBACK_SHORT = "return_clawback_short"
# The returns of a sale (from every till) took back more of a line than the sale sold.
RETURN_OVER_SOLD = "return_over_sold"
# Goods received against an order or transfer the cloud does not have open for the store
# (unknown, or received already): the stock moved (the goods are there), HQ checks.
RECEIPT_ORDER_NOT_OPEN = "receipt_order_not_open"
# A receipt with lines short or over against its order or transfer.
RECEIPT_DIFFERENCES = "receipt_differences"


def flag_row(*, store_id: int, kind: str, subject: str, at: datetime,
             open_key: str | None = None, **detail: Any) -> dict[str, Any]:
    """A flag on ``subject``; ``open_key`` (default: the subject) makes it unique while open."""
    return {"store_id": store_id, "flag_id": str(uuid.uuid4()), "kind": kind,
            "subject": subject[:128], "open_key": (open_key or subject)[:160],
            "detail": json.dumps(detail, ensure_ascii=False, default=str), "created_at": at,
            "resolved_at": None}


def add_flags(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Write flags, except those whose problem is flagged and still open."""
    insert_ignore(conn, flag, rows)


def raise_flag(conn: Connection, **fields: Any) -> None:
    """Write one flag (see ``flag_row``) unless the same problem is still open."""
    add_flags(conn, [flag_row(**fields)])


def resolve_flag(conn: Connection, *, store_id: int, flag_id: str, at: datetime) -> bool:
    """Mark a flag resolved (the same problem may then be flagged again); whether it was open."""
    result = conn.execute(update(flag).where(
        flag.c.store_id == store_id, flag.c.flag_id == flag_id, flag.c.resolved_at.is_(None)
    ).values(resolved_at=at, open_key=None))
    return result.rowcount == 1


def resolve_open(conn: Connection, *, store_id: int, kind: str, open_key: str,
                 at: datetime) -> None:
    """Resolve the open flag of ``kind`` on ``open_key`` (its problem went away)."""
    conn.execute(update(flag).where(
        flag.c.store_id == store_id, flag.c.kind == kind, flag.c.open_key == open_key,
        flag.c.resolved_at.is_(None)).values(resolved_at=at, open_key=None))


def clock_skew_flag(conn: Connection, *, store_id: int, terminal_id: str, terminal_code: str,
                    skew_s: float, at: datetime) -> None:
    """Flag a till whose clock is off by more than the protocol allows (once a day)."""
    if abs(skew_s) > CLOCK_SKEW_FLAG_S:
        raise_flag(conn, store_id=store_id, kind=CLOCK_SKEW, subject=terminal_code, at=at,
                   open_key=f"{terminal_id}@{at.date().isoformat()}",
                   terminal_id=terminal_id, skew_s=round(skew_s, 1))

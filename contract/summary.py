"""Per-day summaries of a terminal's events, worked out the same way on both sides.

The terminal summarises its outbox, the cloud the events it recorded for that terminal
(applied or quarantined): the same events give the same summary, so a difference means an
event is missing on one side (see ``contract.protocol`` step 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from contract.protocol import (
    POINTS_TRANSACTION,
    SALE_COMPLETED,
    SALE_VOIDED,
    STOCK_MOVEMENT,
    DaySummary,
)
from contract.stock_events import RECEIPT_POSTED, STOCK_ADJUSTED, TRANSFER_SENT
from contract.store_events import COUNT_POSTED

# Stock documents: the lines' field that moves stock and its sign (contract.stock_events).
_STOCK_DOCS = {RECEIPT_POSTED: ("qty", 1), TRANSFER_SENT: ("qty", -1),
               STOCK_ADJUSTED: ("delta", 1)}


def business_date(created_at: datetime | str) -> str:
    """The terminal's local date of an event (its ``created_at`` in its own offset)."""
    moment = datetime.fromisoformat(created_at) if isinstance(created_at, str) else created_at
    return moment.date().isoformat()


def _int(payload: Mapping[str, Any], key: str) -> int:
    value = payload.get(key, 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def summarize(events: Iterable[tuple[str, datetime | str, Mapping[str, Any]]]
              ) -> list[DaySummary]:
    """Day summaries of ``(type, created_at, payload)`` events, oldest day first.

    A completed sale moves stock by minus each line's qty; a stock movement by its
    ``delta``; a posted count by each product's ``delta``; a receipt by its lines' qty, a
    transfer out by minus them, an adjustment by its lines' delta; points by each entry's
    signed ``points``. Malformed fields count as zero on both sides alike.
    """
    days: dict[str, dict[str, int]] = {}
    for type_, created_at, payload in events:
        d = days.setdefault(business_date(created_at), dict.fromkeys(
            ("events", "sales_count", "sales_total_fen", "voided_count", "points_delta",
             "stock_delta"), 0))
        d["events"] += 1
        if type_ == SALE_COMPLETED:
            d["sales_count"] += 1
            d["sales_total_fen"] += _int(payload, "total_fen")
            lines = payload.get("lines")
            for line in lines if isinstance(lines, list) else []:
                if isinstance(line, Mapping):
                    d["stock_delta"] -= _int(line, "qty")
        elif type_ == SALE_VOIDED:
            d["voided_count"] += 1
        elif type_ == POINTS_TRANSACTION:
            d["points_delta"] += _int(payload, "points")
        elif type_ == STOCK_MOVEMENT:
            d["stock_delta"] += _int(payload, "delta")
        elif type_ == COUNT_POSTED:
            products = payload.get("products")
            for product in products if isinstance(products, list) else []:
                if isinstance(product, Mapping):
                    d["stock_delta"] += _int(product, "delta")
        elif type_ in _STOCK_DOCS:
            field, sign = _STOCK_DOCS[type_]
            lines = payload.get("lines")
            for line in lines if isinstance(lines, list) else []:
                if isinstance(line, Mapping):
                    d["stock_delta"] += sign * _int(line, field)
    return [DaySummary(business_date=day, **sums) for day, sums in sorted(days.items())]

"""What the return screen reads: sales found by date, amount or member; the lowest price a
product sold at lately (returns without a receipt); how many of those a till took today.

Every query is bounded and indexed: sales by ``closed_at`` (a period of at most
``MAX_SEARCH_DAYS``) or by member, at most ``limit`` rows; returns by ``at``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, func, select

from pos_app.core.errors import PosError
from pos_app.store.db import read_tx
from pos_app.store.models import member_coupon, sale, sale_line, sale_return

MAX_SEARCH_DAYS = 31
MAX_RESULTS = 100
_s, _l, _r = sale.c, sale_line.c, sale_return.c


@dataclass(frozen=True, slots=True)
class SaleSummary:
    """A found sale, as a list row shows it (pick one, then ``get_sale`` by its receipt)."""

    receipt_no: str
    closed_at: str
    total_fen: int
    item_count: int
    member_id: str | None
    cashier: str


def find_sales(*, engine: Engine, since: datetime, until: datetime,
               total_fen: int | None = None, member_id: str | None = None,
               limit: int = 50) -> list[SaleSummary]:
    """Completed sales of this till closed in [since, until) (at most ``MAX_SEARCH_DAYS``
    apart), of that total and/or member when given, newest first."""
    if until <= since or until - since > timedelta(days=MAX_SEARCH_DAYS):
        raise PosError("return.search_period_invalid", max_days=MAX_SEARCH_DAYS)
    cond = [_s.state == "completed", _s.receipt_no.is_not(None)]
    if member_id is not None:
        cond.append(_s.member_id == member_id)
    if total_fen is not None:
        cond.append(_s.total_fen == total_fen)
    # Stored with the offset the till wrote: compared as text within a margin, then exactly.
    cond += [_s.closed_at >= (since - timedelta(hours=14)).replace(tzinfo=None).isoformat(),
             _s.closed_at < (until + timedelta(hours=14)).replace(tzinfo=None).isoformat()]
    query = (select(_s.receipt_no, _s.closed_at, _s.total_fen, _s.item_count, _s.member_id,
                    _s.cashier).where(and_(*cond)).order_by(_s.closed_at.desc())
             .limit(max(1, min(limit, MAX_RESULTS)) * 2))
    with read_tx(engine) as conn:
        rows = conn.execute(query).all()
    found = [SaleSummary(*r) for r in rows
             if since <= datetime.fromisoformat(r.closed_at) < until]
    return found[:max(1, min(limit, MAX_RESULTS))]


def lowest_unit_price(*, engine: Engine, product_id: int,
                      since: datetime) -> tuple[int, int] | None:
    """The lowest price a product was paid at on this till since ``since`` as
    ``(net_fen, qty)`` of that line (a ratio: per piece, or per gram when weighed), None
    when it did not sell. Walks the period's sales by their ``closed_at`` index."""
    ratio = _l.net_fen * 1.0 / _l.qty
    with read_tx(engine) as conn:
        row = conn.execute(
            select(_l.net_fen, _l.qty).select_from(sale_line.join(sale, _s.id == _l.sale_id))
            .where(_s.closed_at >= since.replace(tzinfo=None).isoformat(),
                   _s.state == "completed", _l.product_id == product_id, _l.qty > 0)
            .order_by(ratio, _l.id).limit(1)).first()
    return (int(row.net_fen), int(row.qty)) if row else None


def returns_since(*, engine: Engine, terminal_code: str, kind: str,
                  since: datetime) -> tuple[int, int]:
    """How many returns of ``kind`` this till took since ``since`` and their refunds (fen):
    the per-day limit of returns without a receipt."""
    with read_tx(engine) as conn:
        n, fen = conn.execute(
            select(func.count(), func.coalesce(func.sum(_r.refund_fen), 0))
            .where(_r.at >= since.isoformat(), _r.terminal_code == terminal_code,
                   _r.kind == kind)).one()
    return int(n), int(fen)


def wallet_code(*, engine: Engine, coupon_id: str) -> str | None:
    """The signed code of a wallet coupon (its validity is in it), None when unknown."""
    with read_tx(engine) as conn:
        value = conn.execute(select(member_coupon.c.code).where(
            member_coupon.c.coupon_id == coupon_id)).scalar()
    return str(value) if value is not None else None

"""Plausible bounds of what a till may push: an event outside them is quarantined and flagged
for HQ, never applied.

The payload schemas already keep every number inside the database's types; these bounds keep
the *sums* there too (a member's points balance is shared by every store: a till that could
push any amount could drive it to the type's limit and make every other store's sale with
that member fail). The numbers are the till's own limits, copied here because the cloud does
not import the till (``pos_app``); keep them in step.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, func, select

from contract.stock_events import ADJUSTMENT_REASONS
from sync.server.db import among
from sync.server.ledger_tables import sale, sale_line
from sync.server.payloads import (
    CountPosted,
    PointsEntry,
    ReceiptPosted,
    ReturnCompleted,
    Sale,
    StockAdjusted,
    StockMovement,
    TransferSent,
)
from sync.server.tables import promotion, tier

# pos_app.core.quantity: the largest quantity a till accepts on one line.
MAX_PIECES = 99_999
MAX_GRAMS = 999_999
# pos_app.core.money: a trillion yuan (12 digits of yuan) is the largest amount a till parses.
MAX_FEN = 10**14
# pos_app.core.points.PointsPolicy: ¥1 (100 fen) earns one point before the multipliers.
EARN_FEN_PER_POINT = 100
BP = 10_000
# pos_app.core.members.DEFAULT_TIERS: the tills' built-in tiers go up to ×2 (diamond), even
# when the cloud has no tier table yet.
DEFAULT_TOP_TIER_BP = 20_000
# One points entry moves at most this many points (a ¥1,000,000 sale at ×100), one stock
# movement at most this many pieces or grams (a hundred tonnes): enough for any real event,
# and ~10^11 events away from the BIGINT limit.
MAX_POINTS_PER_EVENT = 100_000_000
MAX_STOCK_DELTA = 100_000_000
# A balance beyond this is refused at settlement: far above anything real, far below BIGINT,
# and the same on SQLite (which silently turns an overflowing integer into a float).
MAX_BALANCE = 10**15

SALE_OUT_OF_BOUNDS = "sync.sale_out_of_bounds"
POINTS_OUT_OF_BOUNDS = "sync.points_out_of_bounds"
STOCK_OUT_OF_BOUNDS = "sync.stock_out_of_bounds"
RETURN_OUT_OF_BOUNDS = "sync.return_out_of_bounds"
STOCK_DOC_OUT_OF_BOUNDS = "sync.stock_doc_out_of_bounds"
COUNT_OUT_OF_BOUNDS = "sync.count_out_of_bounds"
# pos_app.core.counting.MAX_COUNT_QTY: the most a till takes on one count line; a product's
# count sums its lines, so it is bounded by the stock bound instead.


def earnable_fen(p: Sale) -> int:
    """The most a sale could earn points on: its total or the sum of its lines' net amounts
    (rounding may take a few fen off the total), never negative."""
    return max(p.total_fen, sum(line.net_fen for line in p.lines), 0)


def sale_problem(p: Sale) -> str | None:
    """Why a sale is out of bounds (quantities and amounts a till cannot produce)."""
    for line in p.lines:
        limit = MAX_GRAMS if line.is_weighed else MAX_PIECES
        if not 1 <= line.qty <= limit:
            return SALE_OUT_OF_BOUNDS
    amounts = [p.total_fen, p.subtotal_fen, p.paid_fen, p.change_fen, p.discount_fen]
    amounts += [a for line in p.lines for a in (line.gross_fen, line.net_fen,
                                                line.unit_price_fen)]
    amounts += [t.amount_fen for t in p.tenders]
    if any(abs(a) > MAX_FEN for a in amounts):
        return SALE_OUT_OF_BOUNDS
    return None


def return_problem(p: ReturnCompleted) -> str | None:
    """Why a return is out of bounds: quantities a till cannot sell, amounts or points it
    cannot take."""
    for line in p.lines:
        limit = MAX_GRAMS if line.is_weighed else MAX_PIECES
        if not 1 <= line.qty <= limit:
            return RETURN_OUT_OF_BOUNDS
    amounts = [p.refund_fen, p.tax_fen, p.rounding_fen]
    amounts += [a for line in p.lines for a in (line.net_fen, line.tax_fen, line.refund_fen)]
    amounts += [t.amount_fen for t in p.tenders]
    if any(abs(a) > MAX_FEN for a in amounts):
        return RETURN_OUT_OF_BOUNDS
    points = [p.points_back, p.points_clawback, p.clawback_short, *(t.points for t in p.tenders)]
    if any(not 0 <= n <= MAX_POINTS_PER_EVENT for n in points):
        return RETURN_OUT_OF_BOUNDS
    return None


def count_problem(p: CountPosted) -> str | None:
    """Why a count is out of bounds: quantities no shelf holds, adjustments beyond one
    stock movement's bound, a negative count."""
    for c in p.products:
        if not 0 <= c.counted <= MAX_STOCK_DELTA or abs(c.delta) > MAX_STOCK_DELTA:
            return COUNT_OUT_OF_BOUNDS
        if abs(c.expected) > MAX_BALANCE or c.delta != c.counted - c.expected:
            return COUNT_OUT_OF_BOUNDS
    if any(not 0 <= u.qty <= MAX_STOCK_DELTA for u in p.unknown):
        return COUNT_OUT_OF_BOUNDS
    return None


def stock_problem(p: StockMovement) -> str | None:
    return STOCK_OUT_OF_BOUNDS if abs(p.delta) > MAX_STOCK_DELTA else None


def stock_doc_problem(p: ReceiptPosted | TransferSent | StockAdjusted) -> str | None:
    """Why a receipt, transfer or adjustment is out of bounds: no lines, a quantity a till
    cannot take (grams of a weighed product are the larger limit), a delta of the wrong
    sign for its reason, a cost beyond any amount."""
    if not p.lines:
        return STOCK_DOC_OUT_OF_BOUNDS
    if isinstance(p, StockAdjusted):
        sign = ADJUSTMENT_REASONS[p.reason]
        if any(not 1 <= line.delta * sign <= MAX_GRAMS for line in p.lines):
            return STOCK_DOC_OUT_OF_BOUNDS
        return None
    if any(not 1 <= line.qty <= MAX_GRAMS for line in p.lines):
        return STOCK_DOC_OUT_OF_BOUNDS
    if isinstance(p, ReceiptPosted):
        costs = [line.cost_fen for line in (*p.lines, *p.short) if line.cost_fen is not None]
        ordered = [line.ordered for line in (*p.lines, *p.short) if line.ordered is not None]
        if any(not 0 <= c <= MAX_FEN for c in costs) or any(
                not 0 <= n <= MAX_GRAMS for n in ordered):
            return STOCK_DOC_OUT_OF_BOUNDS
    return None


def points_problem(p: PointsEntry, *, earnable: int | None, multiplier_bp: int) -> str | None:
    """Why a points entry is out of bounds: beyond the per-event cap, or an ``earn`` for a
    sale (``earnable``: that sale's ``earnable_fen``) larger than the sale could earn at
    ``multiplier_bp`` (top tier × top points event). An earn whose sale is unknown
    (``earnable`` None: a sale in a later batch) is held to the cap alone, as an adjustment
    is; the caller flags it."""
    if abs(p.points) > MAX_POINTS_PER_EVENT:
        return POINTS_OUT_OF_BOUNDS
    if p.kind != "earn" or p.sale_uuid is None or earnable is None:
        return None
    if p.points > earnable // EARN_FEN_PER_POINT * multiplier_bp // (BP * BP):
        return POINTS_OUT_OF_BOUNDS
    return None


def top_multiplier_bp(conn: Connection) -> int:
    """The highest tier multiplier times the highest points event (``points_multiplier``
    promotion) the chain has, in bp×bp units as ``earn_points`` multiplies them."""
    top_tier = conn.execute(select(func.max(tier.c.points_multiplier_bp))).scalar()
    events = [BP]
    for data in conn.execute(select(promotion.c.data)
                             .where(promotion.c.kind == "points_multiplier")).scalars():
        value = json.loads(data).get("multiplier_bp", BP)
        events.append(value if isinstance(value, int) else BP)
    return max(int(top_tier or 0), DEFAULT_TOP_TIER_BP) * max(events)


def recorded_earnable(conn: Connection, *, store_id: int, sale_uuids: Iterable[str]
                      ) -> dict[str, int]:
    """``earnable_fen`` of this store's sales already recorded, by sale uuid."""
    uuids = list(set(sale_uuids))
    if not uuids:
        return {}
    nets: dict[str, int] = dict(conn.execute(
        select(sale_line.c.sale_uuid, func.sum(sale_line.c.net_fen))
        .where(sale_line.c.store_id == store_id, among(conn, sale_line.c.sale_uuid, uuids))
        .group_by(sale_line.c.sale_uuid)).all())
    return {uuid: max(int(total), int(nets.get(uuid) or 0), 0)
            for uuid, total in conn.execute(select(sale.c.sale_uuid, sale.c.total_fen).where(
                sale.c.store_id == store_id, among(conn, sale.c.sale_uuid, uuids),
                sale.c.state == "completed"))}

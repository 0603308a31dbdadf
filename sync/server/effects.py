"""What each event type does to the cloud's records, inside its push batch.

A handler either records the event's effects or raises ``Quarantine`` *before* writing
anything (its checks come first), so a quarantined event leaves no trace but its
``applied_event`` row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from contract.protocol import (
    AUDIT_RECORDED,
    COUPON_REDEEMED,
    MEMBER_SIGNED_UP,
    POINTS_TRANSACTION,
    SALE_COMPLETED,
    SALE_VOIDED,
    STOCK_MOVEMENT,
)
from contract.stock_events import RECEIPT_POSTED, STOCK_ADJUSTED, TRANSFER_SENT
from contract.store_events import (
    CASH_MOVED,
    COUNT_POSTED,
    RETURN_COMPLETED,
    SHIFT_CLOSED,
    SHIFT_OPENED,
)
from sync.server.batch import Batch, ledger_points
from sync.server.bounds import earnable_fen, points_problem, sale_problem, stock_problem
from sync.server.count_effects import COUNT_EXISTS, apply_count
from sync.server.db import insert_new
from sync.server.flags import COUPON_REUSED, PHONE_TAKEN, POINTS_SALE_UNKNOWN
from sync.server.ledger_tables import (
    audit_entry,
    coupon_redemption,
    points_entry,
    sale,
    sale_line,
    sale_promotion,
    sale_tender,
    stock_movement,
)
from sync.server.lookup import member_data
from sync.server.payloads import (
    AuditEntry,
    CountPosted,
    CouponRedemption,
    MemberSignUp,
    PointsEntry,
    ReturnCompleted,
    Sale,
    StockMovement,
)
from sync.server.return_effects import RETURN_EXISTS, apply_return
from sync.server.stock_effects import (
    STOCK_DOC_EXISTS,
    apply_adjustment,
    apply_receipt,
    apply_transfer,
)
from sync.server.tables import claim, member


class Quarantine(Exception):
    """The event can never apply; ``reason`` is the sync.* key HQ sees; ``flag``: HQ is
    also flagged (an event out of bounds: a till may be misbehaving)."""

    def __init__(self, reason: str, *, flag: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.flag = flag


def _bounded(problem: str | None) -> None:
    if problem is not None:
        raise Quarantine(problem, flag=True)


@dataclass(frozen=True, slots=True)
class Source:
    """The event being applied: where its records come from."""

    event_uuid: str
    created_at: str  # the terminal's clock, ISO with offset
    business_date: str


_KEYS = {"store_id", "sale_uuid", "line_no", "tender_no", "promo_no"}
_LINE = set(sale_line.c.keys()) - _KEYS
_TENDER = set(sale_tender.c.keys()) - _KEYS
_PROMO = set(sale_promotion.c.keys()) - _KEYS


def _sale(batch: Batch, src: Source, p: Sale, *, state: str) -> None:
    _bounded(sale_problem(p))
    if p.sale_uuid in batch.sales:
        # Another event already carried this sale: applying it twice would count it twice.
        raise Quarantine("sync.sale_exists")
    batch.sales.add(p.sale_uuid)
    store_id, terminal_id = batch.caller.store_id, batch.caller.terminal_id
    key = {"store_id": store_id, "sale_uuid": p.sale_uuid}
    batch.insert(sale, {
        **key, "terminal_id": terminal_id, "event_uuid": src.event_uuid, "state": state,
        "receipt_no": p.receipt_no, "cashier": p.cashier, "opened_at": p.opened_at,
        "closed_at": p.closed_at, "business_date": src.business_date,
        "item_count": p.item_count, "subtotal_fen": p.subtotal_fen,
        "discount_fen": p.discount_fen, "tax_fen": p.tax_fen, "rounding_fen": p.rounding_fen,
        "total_fen": p.total_fen, "paid_fen": p.paid_fen, "change_fen": p.change_fen,
        "member_id": p.member_id, "received_at": batch.received_at})
    # The columns each part has: the payload carries more (the till's whole record).
    batch.insert(sale_line, *({**key, "line_no": n, **line.model_dump(include=_LINE)}
                              for n, line in enumerate(p.lines, 1)))
    batch.insert(sale_tender, *({**key, "tender_no": n, **t.model_dump(include=_TENDER)}
                                for n, t in enumerate(p.tenders, 1)))
    batch.insert(sale_promotion, *({**key, "promo_no": n, **pr.model_dump(include=_PROMO)}
                                   for n, pr in enumerate(p.promotions, 1)))
    if state != "completed":
        return  # a voided sale is kept for the record; it moved no stock, earns nothing
    batch.earnable[p.sale_uuid] = earnable_fen(p)
    batch.insert(stock_movement, *(
        {"store_id": store_id, "event_uuid": src.event_uuid, "line_no": n, "sku": line.sku,
         "delta": -line.qty, "reason": "sale", "terminal_id": terminal_id,
         "created_at": src.created_at, "received_at": batch.received_at}
        for n, line in enumerate(p.lines, 1)))
    for line in p.lines:
        batch.move_stock(line.sku, -line.qty)


def _completed(batch: Batch, src: Source, p: Any) -> None:
    _sale(batch, src, p, state="completed")


def _voided(batch: Batch, src: Source, p: Any) -> None:
    _sale(batch, src, p, state="voided")


def _points(batch: Batch, src: Source, p: PointsEntry) -> None:
    earnable = batch.earnable.get(p.sale_uuid) if p.sale_uuid is not None else None
    multiplier = batch.multiplier_bp if p.kind == "earn" and earnable is not None else 0
    _bounded(points_problem(p, earnable=earnable, multiplier_bp=multiplier))
    if p.entry_uuid in batch.entries:
        raise Quarantine("sync.points_entry_exists")
    if p.kind == "earn" and p.sale_uuid is not None and earnable is None:
        batch.flag(POINTS_SALE_UNKNOWN, p.entry_uuid, sale_uuid=p.sale_uuid,
                   points=p.points, terminal=batch.caller.terminal_code)
    batch.entries.add(p.entry_uuid)
    batch.insert(points_entry, {
        "entry_uuid": p.entry_uuid, "member_id": p.member_id,
        "store_id": batch.caller.store_id, "terminal_id": batch.caller.terminal_id,
        "event_uuid": src.event_uuid, "kind": p.kind, "points": p.points,
        "sale_uuid": p.sale_uuid, "business_date": p.business_date or src.business_date,
        "reason": p.reason, "created_at": src.created_at, "received_at": batch.received_at})
    batch.move_points(p.member_id, p.points)


def _coupon(batch: Batch, src: Source, p: CouponRedemption) -> None:
    store_id = batch.caller.store_id
    # The claim row makes "first redemption" race-free across concurrent pushes.
    first = insert_new(batch.conn, claim, {"kind": "coupon", "key": p.coupon_id,
                                           "owner": src.event_uuid})
    batch.insert(coupon_redemption, {
        "store_id": store_id, "event_uuid": src.event_uuid, "coupon_id": p.coupon_id,
        "sale_uuid": p.sale_uuid, "member_id": p.member_id, "discount_fen": p.discount_fen,
        "terminal_id": batch.caller.terminal_id, "redeemed_at": p.redeemed_at or src.created_at,
        "reused": not first, "received_at": batch.received_at})
    if not first:
        batch.flag(COUPON_REUSED, p.coupon_id, open_key=src.event_uuid, sale_uuid=p.sale_uuid,
                   terminal=batch.caller.terminal_code, discount_fen=p.discount_fen)


def _signed_up(batch: Batch, src: Source, p: MemberSignUp) -> None:
    conn = batch.conn
    if conn.execute(select(member.c.member_id).where(member.c.member_id == p.member_id)).first():
        return  # already known (pushed again after a restore): nothing to change
    owner = conn.execute(select(claim.c.owner).where(
        claim.c.kind == "phone", claim.c.key == p.phone)).scalar()
    if owner is None and not insert_new(conn, claim, {"kind": "phone", "key": p.phone,
                                                      "owner": p.member_id}):
        owner = conn.execute(select(claim.c.owner).where(
            claim.c.kind == "phone", claim.c.key == p.phone)).scalar()
    if owner is not None and owner != p.member_id:
        # Two tills signed the same phone up offline: keep both members, HQ merges them.
        batch.flag(PHONE_TAKEN, p.member_id, other_member=owner,
                   terminal=batch.caller.terminal_code)
    # Entries recorded before the sign-up arrived; this batch's own are added by settle().
    balance = ledger_points(conn, p.member_id)
    row = {"member_id": p.member_id, "phone": p.phone, "name": p.name, "tier": p.tier,
           "card_no": p.card_no, "birthday": p.birthday, "consent_at": p.consent_at,
           "opening_points": 0, "points_balance": balance, "source": "store",
           "created_at": batch.received_at, "updated_at": batch.received_at}
    conn.execute(member.insert(), row)
    batch.changes.upsert("members", p.member_id, member_data(row, batch.lookup_secret()))


def _stock(batch: Batch, src: Source, p: StockMovement) -> None:
    _bounded(stock_problem(p))
    batch.insert(stock_movement, {
        "store_id": batch.caller.store_id, "event_uuid": src.event_uuid, "line_no": 1,
        "sku": p.sku, "delta": p.delta, "reason": p.reason,
        "terminal_id": batch.caller.terminal_id, "created_at": src.created_at,
        "received_at": batch.received_at})
    batch.move_stock(p.sku, p.delta)


def _audit(batch: Batch, src: Source, p: AuditEntry) -> None:
    if p.entry_uuid in batch.audits:
        # Another event already carried this entry: the log would show it twice.
        raise Quarantine("sync.audit_entry_exists")
    batch.audits.add(p.entry_uuid)
    batch.insert(audit_entry, {
        "store_id": batch.caller.store_id, "entry_uuid": p.entry_uuid,
        "terminal_id": batch.caller.terminal_id, "event_uuid": src.event_uuid, "at": p.at,
        "action": p.action, "staff_id": p.staff_id, "staff_name": p.staff_name,
        "approver_id": p.approver_id, "approver_name": p.approver_name,
        "subject": p.subject, "detail": p.detail_json(), "received_at": batch.received_at})


def _returned(batch: Batch, src: Source, p: ReturnCompleted) -> None:
    reason = apply_return(batch, src, p)
    if reason is not None:
        # Out of bounds: HQ looks at the till; a return carried twice is only refused.
        raise Quarantine(reason, flag=reason != RETURN_EXISTS)


def _counted(batch: Batch, src: Source, p: CountPosted) -> None:
    reason = apply_count(batch, src, p)
    if reason is not None:
        # Out of bounds: HQ looks at the till; a count carried twice is only refused.
        raise Quarantine(reason, flag=reason != COUNT_EXISTS)


def _stock_doc(apply: Callable[[Batch, Source, Any], str | None]
               ) -> Callable[[Batch, Source, Any], None]:
    """A receipt, transfer or adjustment handler: out of bounds is flagged for HQ (a till
    may be misbehaving), a document carried twice only refused."""
    def handler(batch: Batch, src: Source, p: Any) -> None:
        reason = apply(batch, src, p)
        if reason is not None:
            raise Quarantine(reason, flag=reason != STOCK_DOC_EXISTS)
    return handler


def _kept(batch: Batch, src: Source, p: Any) -> None:
    """Shift and cash events: checked, and kept as sent in their ``applied_event`` row (the
    cloud has no shift tables yet; they can be filled from those rows when it has)."""


HANDLERS: dict[str, Callable[[Batch, Source, Any], None]] = {
    SALE_COMPLETED: _completed,
    SALE_VOIDED: _voided,
    POINTS_TRANSACTION: _points,
    COUPON_REDEEMED: _coupon,
    MEMBER_SIGNED_UP: _signed_up,
    STOCK_MOVEMENT: _stock,
    AUDIT_RECORDED: _audit,
    SHIFT_OPENED: _kept,
    CASH_MOVED: _kept,
    SHIFT_CLOSED: _kept,
    RETURN_COMPLETED: _returned,
    COUNT_POSTED: _counted,
    RECEIPT_POSTED: _stock_doc(apply_receipt),
    TRANSFER_SENT: _stock_doc(apply_transfer),
    STOCK_ADJUSTED: _stock_doc(apply_adjustment),
}


def apply_event(batch: Batch, src: Source, type_: str, payload: Any) -> None:
    """Record the effects of one validated event (``Quarantine`` when it cannot apply)."""
    HANDLERS[type_](batch, src, payload)

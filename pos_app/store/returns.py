"""Returns: one transaction for the return, its stock movements, points, audit entries and
its ``return.completed`` event; an exchange writes its new sale in the same transaction.

- Never changed or deleted once written (``raw_sql.TRIGGERS``); retrying the same
  ``return_uuid`` returns the first result.
- A plan counts the earlier returns it saw (``ReturnRecord.counted``): when another return
  of the same sale was written here since, the write refuses (``return.history_changed``)
  and the till plans again, so two returns never give back more than was sold.
- Stock: restocked goods come back to sellable stock (``return``); damaged ones come back and
  are written off at once (``return`` then ``write_off``): both in the ledger, the sellable
  balance unchanged (``core.returns``).
- Points: the points paid with come back first (a pending ``reverse`` entry), then the
  earned points are taken back, at most down to the member's balance; what could not be
  taken back is ``clawback_short`` (the event flags it for HQ). Entries go to the cloud as
  ``points.transaction`` events of ``sale_uuid`` = the return's uuid.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select

from contract.protocol import payload_json
from contract.store_events import (
    RETURN_COMPLETED,
    ReturnCompletedPayload,
    ReturnLinePayload,
    ReturnTenderPayload,
)
from pos_app.core.errors import PosError
from pos_app.core.returns import return_number
from pos_app.store.audit import AuditRecord, append_audit
from pos_app.store.db import read_tx, write_tx
from pos_app.store.members import PointsRecord, append_points
from pos_app.store.models import (
    member,
    points_entry,
    sale_return,
    sale_return_line,
    sale_return_tender,
)
from pos_app.store.outbox import append_event, next_value
from pos_app.store.sales import CommittedSale, SaleRecord, write_completed_sale
from pos_app.store.stock import apply_movements


@dataclass(frozen=True, slots=True)
class ReturnLineRecord:
    """A returned line: ``line_no`` of the original sale (None without one), qty in pieces
    (grams when weighed), ``refund_fen`` = net (+ tax when the sale was tax-exclusive)."""

    line_no: int | None
    product_id: int | None
    sku: str
    name: str
    qty: int
    net_fen: int
    refund_fen: int
    disposition: str = "restock"
    tax_fen: int = 0
    tax_rate_bp: int = 0
    is_weighed: bool = False
    name_en: str = ""


@dataclass(frozen=True, slots=True)
class ReturnTenderRecord:
    """A payout: from the sale's tender ``tender_index`` (None without one) of ``kind``,
    paid as ``payout``; ``reference``: the card terminal's or the provider's refund."""

    tender_index: int | None
    kind: str
    payout: str
    amount_fen: int
    points: int = 0
    reference: str = ""


@dataclass(frozen=True, slots=True)
class ReturnRecord:
    """A return as plain values, built by the services from a ``core.refunds`` plan.
    ``points_clawback`` is what the plan takes back; the write caps it at the balance."""

    return_uuid: str
    store_code: str
    terminal_code: str
    kind: str  # sale | no_receipt | other_till_offline
    at: datetime
    business_date: str  # the store's local day (points entries)
    reason: str
    lines: Sequence[ReturnLineRecord]
    tenders: Sequence[ReturnTenderRecord] = ()
    original_sale_uuid: str | None = None
    original_receipt_no: str = ""
    original_terminal_code: str = ""
    counted: frozenset[str] = frozenset()  # the earlier returns the plan counted
    shift_id: int | None = None
    shift_uuid: str | None = None
    staff_id: str = ""
    staff_name: str = ""
    approver_id: str | None = None
    approver_name: str | None = None
    refund_fen: int = 0
    rounding_fen: int = 0
    tax_fen: int = 0
    member_id: str | None = None
    points_back: int = 0
    points_clawback: int = 0
    exchange_sale_uuid: str | None = None
    to_cash: bool = False
    flags: tuple[str, ...] = ()
    coupons_reinstated: tuple[str, ...] = ()
    audit: Sequence[AuditRecord] = field(default=())


@dataclass(frozen=True, slots=True)
class CommittedReturn:
    """A written return: its number, and the points actually taken back."""

    return_id: int
    return_no: str
    seq: int
    points_clawback: int
    clawback_short: int


@dataclass(frozen=True, slots=True)
class StoredReturn:
    """An earlier return of a sale, as the plan of the next one needs it."""

    return_uuid: str
    return_no: str
    lines: tuple[ReturnLineRecord, ...]
    tenders: tuple[ReturnTenderRecord, ...]
    points_clawback: int


_r, _rl, _rt = sale_return.c, sale_return_line.c, sale_return_tender.c
_LINE_FIELDS = ("line_no", "product_id", "sku", "name", "qty", "net_fen", "refund_fen",
                "disposition", "tax_fen", "tax_rate_bp", "is_weighed", "name_en")
_TENDER_FIELDS = ("tender_index", "kind", "payout", "amount_fen", "points", "reference")
_RETURN_FIELDS = ("return_uuid", "store_code", "terminal_code", "kind", "original_sale_uuid",
                  "original_receipt_no", "original_terminal_code", "shift_id", "staff_id",
                  "staff_name", "approver_id", "approver_name", "reason", "refund_fen",
                  "rounding_fen", "tax_fen", "member_id", "points_back", "exchange_sale_uuid",
                  "to_cash")


def _existing(conn: Connection, return_uuid: str) -> CommittedReturn | None:
    r = conn.execute(select(_r.id, _r.return_no, _r.return_seq, _r.points_clawback,
                            _r.clawback_short).where(_r.return_uuid == return_uuid)).first()
    return CommittedReturn(*r) if r else None


def _check_history(conn: Connection, record: ReturnRecord) -> None:
    if record.original_sale_uuid is None or record.kind != "sale":
        return
    here = set(conn.execute(select(_r.return_uuid).where(
        _r.original_sale_uuid == record.original_sale_uuid)).scalars())
    if here - record.counted:
        raise PosError("return.history_changed", receipt_no=record.original_receipt_no)


def _balance(conn: Connection, member_id: str) -> int | None:
    """The member's available points here (None: a member this till does not know)."""
    confirmed = conn.execute(select(member.c.points_confirmed).where(
        member.c.member_id == member_id)).scalar()
    if confirmed is None:
        return None
    pending = conn.execute(select(func.coalesce(func.sum(points_entry.c.points), 0)).where(
        points_entry.c.member_id == member_id,
        points_entry.c.state.in_(("pending", "acked")))).scalar_one()
    return int(confirmed) + int(pending)


def _points(record: ReturnRecord, clawback: int) -> list[PointsRecord]:
    if record.member_id is None:
        return []
    entries = []
    for what, points in (("return_redeemed", record.points_back),
                         ("return_earned", -clawback)):
        if points:
            entries.append(PointsRecord(
                entry_uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{record.return_uuid}/{what}")),
                member_id=record.member_id, kind="reverse", points=points,
                business_date=record.business_date, reason=what))
    return entries


def _payload(r: ReturnRecord, *, return_no: str, seq: int, clawback: int,
             short: int) -> dict[str, Any]:
    """``return.completed`` (the one mapping of a return to its wire format)."""
    return payload_json(ReturnCompletedPayload(
        return_uuid=r.return_uuid, return_no=return_no, return_seq=seq, kind=r.kind,
        store_code=r.store_code, terminal_code=r.terminal_code, at=r.at.isoformat(),
        original_sale_uuid=r.original_sale_uuid, original_receipt_no=r.original_receipt_no,
        original_terminal_code=r.original_terminal_code, shift_uuid=r.shift_uuid,
        staff_id=r.staff_id, staff_name=r.staff_name, approver_id=r.approver_id,
        approver_name=r.approver_name, reason=r.reason, refund_fen=r.refund_fen,
        rounding_fen=r.rounding_fen, tax_fen=r.tax_fen, member_id=r.member_id,
        points_back=r.points_back, points_clawback=clawback, clawback_short=short,
        exchange_sale_uuid=r.exchange_sale_uuid, to_cash=r.to_cash,
        flags=[*r.flags, *(["clawback_short"] if short else [])],
        coupons_reinstated=list(r.coupons_reinstated),
        lines=[ReturnLinePayload(
            line_no=ln.line_no, sku=ln.sku, name=ln.name, qty=ln.qty, is_weighed=ln.is_weighed,
            net_fen=ln.net_fen, tax_fen=ln.tax_fen, tax_rate_bp=ln.tax_rate_bp,
            refund_fen=ln.refund_fen, disposition=ln.disposition) for ln in r.lines],
        tenders=[ReturnTenderPayload(
            tender_index=t.tender_index, kind=t.kind, payout=t.payout, amount_fen=t.amount_fen,
            points=t.points, reference=t.reference) for t in r.tenders]))


def write_return(conn: Connection, record: ReturnRecord) -> CommittedReturn:
    """``commit_return``'s writes in the caller's transaction."""
    if not record.lines:
        raise PosError("return.empty")
    old = _existing(conn, record.return_uuid)
    if old is not None:
        return old
    _check_history(conn, record)
    clawback, short = record.points_clawback, 0
    if record.member_id is not None and clawback:
        balance = _balance(conn, record.member_id)
        if balance is not None:
            clawback = max(0, min(clawback, balance + record.points_back))
            short = record.points_clawback - clawback
    seq = next_value(conn, f"return:{record.terminal_code}")
    return_no = return_number(record.store_code, record.terminal_code, seq)
    at = record.at.isoformat()
    return_id = int(conn.execute(insert(sale_return).returning(_r.id), {
        **{f: getattr(record, f) for f in _RETURN_FIELDS}, "return_seq": seq,
        "return_no": return_no, "at": at, "points_clawback": clawback,
        "clawback_short": short, "flags": json.dumps([*record.flags, *(
            ["clawback_short"] if short else [])]),
        "coupons_reinstated": json.dumps(list(record.coupons_reinstated))}).scalar_one())
    conn.execute(insert(sale_return_line), [
        {"return_id": return_id, "pos": n, **{f: getattr(ln, f) for f in _LINE_FIELDS}}
        for n, ln in enumerate(record.lines, 1)])
    if record.tenders:
        conn.execute(insert(sale_return_tender), [
            {"return_id": return_id, **{f: getattr(t, f) for f in _TENDER_FIELDS}}
            for t in record.tenders])
    where = {"store_code": record.store_code, "terminal_code": record.terminal_code}
    event = append_event(conn, store_code=record.store_code,
                         terminal_code=record.terminal_code, type=RETURN_COMPLETED,
                         created_at=at, payload=_payload(record, return_no=return_no, seq=seq,
                                                         clawback=clawback, short=short))
    back = [(ln.product_id, ln.qty) for ln in record.lines if ln.product_id is not None]
    apply_movements(conn, back, reason="return", created_at=at, event_seq=event.seq)
    apply_movements(conn, [(ln.product_id, -ln.qty) for ln in record.lines
                           if ln.product_id is not None and ln.disposition == "damaged"],
                    reason="write_off", created_at=at, event_seq=event.seq)
    append_points(conn, _points(record, clawback), sale_uuid=record.return_uuid, at=at,
                  **where)
    append_audit(conn, record.audit, **where)
    return CommittedReturn(return_id, return_no, seq, clawback, short)


def commit_return(*, engine: Engine, record: ReturnRecord) -> CommittedReturn:
    """Write a return with its lines, payouts, stock movements, points entries, audit
    entries and ``return.completed`` event in ONE transaction (safe to retry)."""
    with write_tx(engine) as conn:
        return write_return(conn, record)


def commit_exchange(*, engine: Engine, sale: SaleRecord,
                    ret: ReturnRecord) -> tuple[CommittedSale, CommittedReturn]:
    """An exchange: the new sale (paid in part by the return's ``exchange`` payouts) and the
    return, in ONE transaction (safe to retry)."""
    with write_tx(engine) as conn:
        committed = write_completed_sale(conn, sale)
        done = write_return(conn, replace(ret, exchange_sale_uuid=sale.sale_uuid))
    return committed, done


def returns_of_sale(*, engine: Engine, sale_uuid: str) -> list[StoredReturn]:
    """Every return of a sale on this till, oldest first (for its ``ReturnHistory``)."""
    with read_tx(engine) as conn:
        heads = conn.execute(select(_r.id, _r.return_uuid, _r.return_no, _r.points_clawback)
                             .where(_r.original_sale_uuid == sale_uuid).order_by(_r.id)).all()
        out = []
        for h in heads:
            lines = tuple(ReturnLineRecord(*x) for x in conn.execute(
                select(*(_rl[f] for f in _LINE_FIELDS)).where(_rl.return_id == h.id)
                .order_by(_rl.pos)))
            tenders = tuple(ReturnTenderRecord(*x) for x in conn.execute(
                select(*(_rt[f] for f in _TENDER_FIELDS)).where(_rt.return_id == h.id)
                .order_by(_rt.id)))
            out.append(StoredReturn(h.return_uuid, h.return_no, lines, tenders,
                                    int(h.points_clawback)))
        return out

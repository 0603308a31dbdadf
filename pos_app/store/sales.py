"""Completed and voided sales: one transaction for the sale, ledger, counters and outbox."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Integer, bindparam, case, func, insert, select

from contract.protocol import EVENT_VERSIONS, SALE_COMPLETED, SALE_VOIDED
from pos_app.core.errors import PosError
from pos_app.core.sale import receipt_number
from pos_app.store.audit import AuditRecord, append_audit
from pos_app.store.db import read_tx, write_tx
from pos_app.store.members import PointsRecord, add_promo_usage, append_points, sale_points
from pos_app.store.models import (
    product,
    sale,
    sale_line,
    sale_line_promotion,
    sale_member,
    sale_promotion,
    sale_tender,
)
from pos_app.store.outbox import append_event, next_value
from pos_app.store.promotions import CouponUseRecord, record_redemptions, sale_coupons
from pos_app.store.stock import apply_movements
from pos_app.store.wire import sale_payload


@dataclass(frozen=True, slots=True)
class SaleLineRecord:
    """One sold line: qty in pieces (grams when weighed), amounts in fen."""

    product_id: int | None
    sku: str
    name: str
    qty: int
    unit_price_fen: int
    gross_fen: int
    net_fen: int
    discount_fen: int = 0
    tax_fen: int = 0
    tax_rate_bp: int = 0
    is_weighed: bool = False
    price_overridden: bool = False
    scanned_code: str = ""
    promo_discount_fen: int = 0  # the promotions' part of ``discount_fen``
    promo_ids: tuple[str, ...] = ()  # the sale's promotions that touched this line
    name_en: str = ""  # the product's English name ("" when it has none)
    override_fen: int = 0  # list gross minus this gross when the price was overridden


@dataclass(frozen=True, slots=True)
class SalePromotionRecord:
    """A promotion applied to the sale; ``explanation`` is ``{"key": ..., "data": {...}}``."""

    promo_id: str
    name: str
    kind: str
    discount_fen: int
    explanation: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SaleMemberRecord:
    """The member block the receipt printed, masked, with the points balance after the sale
    (the ledger alone cannot give it later: the cloud's confirmed balance moves on)."""

    masked_phone: str
    masked_name: str
    tier_name: str
    points_balance: int


@dataclass(frozen=True, slots=True)
class TenderRecord:
    """One payment: ``amount_fen`` goes to the sale, ``tendered_fen`` was handed over."""

    kind: str
    amount_fen: int
    tendered_fen: int
    reference: str = ""


@dataclass(frozen=True, slots=True)
class SaleRecord:
    """A finished sale as plain values, built by the services layer from core values."""

    sale_uuid: str
    store_code: str
    terminal_code: str
    opened_at: datetime
    closed_at: datetime
    lines: Sequence[SaleLineRecord]
    tenders: Sequence[TenderRecord] = ()
    cashier: str = ""
    item_count: int = 0
    subtotal_fen: int = 0
    discount_fen: int = 0
    tax_fen: int = 0
    rounding_fen: int = 0
    total_fen: int = 0
    paid_fen: int = 0
    change_fen: int = 0
    member_id: str | None = None
    promotions: Sequence[SalePromotionRecord] = ()
    coupons: Sequence[CouponUseRecord] = ()
    points: Sequence[PointsRecord] = ()
    promo_usage: Sequence[tuple[str, str, int]] = ()  # (member_id, promo_id, units)
    member_receipt: SaleMemberRecord | None = None
    shift_id: int | None = None  # the till's open shift (None: scripts, old sales)
    cashier_id: str = ""  # the signed-in staff member
    sale_discount_fen: int = 0  # the whole-sale discount's part of ``discount_fen``
    audit: Sequence[AuditRecord] = ()  # what staff did in the sale (voids, overrides...)

    @property
    def points_earned(self) -> int:
        """Points this sale earns (the earn entries)."""
        return sum(e.points for e in self.points if e.kind == "earn")

    @property
    def points_redeemed(self) -> int:
        """Points paid with in this sale (positive)."""
        return -sum(e.points for e in self.points if e.kind == "redeem")


@dataclass(frozen=True, slots=True)
class CommittedSale:
    sale_id: int
    receipt_no: str
    seq: int


@dataclass(frozen=True, slots=True)
class StoredSale:
    """A sale read back: its state, receipt and the record it was written from."""

    sale_id: int
    state: str
    receipt_no: str | None
    seq: int | None
    record: SaleRecord
    lines_count: int = field(default=0)


# ---- rows <-> records (the one mapping of the sales tables) -----------------------------

_LINE_FIELDS = ("product_id", "sku", "name", "name_en", "qty", "is_weighed", "unit_price_fen",
                "gross_fen", "discount_fen", "net_fen", "tax_fen", "tax_rate_bp",
                "price_overridden", "scanned_code", "promo_discount_fen", "override_fen")
_SALE_FIELDS = ("sale_uuid", "store_code", "terminal_code", "cashier", "item_count",
                "subtotal_fen", "discount_fen", "tax_fen", "rounding_fen", "total_fen",
                "paid_fen", "change_fen", "member_id", "shift_id", "cashier_id",
                "sale_discount_fen", "points_earned", "points_redeemed")
_TENDER_FIELDS = ("kind", "amount_fen", "tendered_fen", "reference")
_MEMBER_FIELDS = ("masked_phone", "masked_name", "tier_name", "points_balance")


def _sale_values(r: SaleRecord, *, state: str, seq: int | None,
                 receipt_no: str | None) -> dict[str, Any]:
    return {**{f: getattr(r, f) for f in _SALE_FIELDS}, "state": state, "receipt_seq": seq,
            "receipt_no": receipt_no, "opened_at": r.opened_at.isoformat(),
            "closed_at": r.closed_at.isoformat()}


def _promotion_values(sale_id: int, p: SalePromotionRecord) -> dict[str, Any]:
    return {"sale_id": sale_id, "promo_id": p.promo_id, "name": p.name, "kind": p.kind,
            "discount_fen": p.discount_fen,
            "explanation": json.dumps(p.explanation, ensure_ascii=False)}


_l = sale_line.c
_p = product.c
_sid = bindparam("sale_id", type_=Integer)
_LINE_READ = (*(f for f in _LINE_FIELDS if f != "name_en"), "line_no", "name_en")
# Lines written before the English name was kept take the product's (for reprints).
_LINES = (select(*(_l[f] for f in _LINE_READ[:-1]),
                 case((_l.name_en != "", _l.name_en),
                      else_=func.coalesce(_p.name_en, "")).label("name_en"))
          .select_from(sale_line.outerjoin(product, _p.id == _l.product_id))
          .where(_l.sale_id == _sid).order_by(_l.line_no))
_LINE_PROMOS = (select(sale_line_promotion.c.line_no, sale_line_promotion.c.promo_id)
                .where(sale_line_promotion.c.sale_id == _sid)
                .order_by(sale_line_promotion.c.id))
_PROMOTIONS = (select(sale_promotion.c.promo_id, sale_promotion.c.name, sale_promotion.c.kind,
                      sale_promotion.c.discount_fen, sale_promotion.c.explanation)
               .where(sale_promotion.c.sale_id == _sid).order_by(sale_promotion.c.id))
_TENDERS = (select(*(sale_tender.c[f] for f in _TENDER_FIELDS))
            .where(sale_tender.c.sale_id == _sid).order_by(sale_tender.c.id))
_MEMBER = select(*(sale_member.c[f] for f in _MEMBER_FIELDS)).where(
    sale_member.c.sale_id == _sid)
_s = sale.c
_SALE_READ = tuple(f for f in _SALE_FIELDS if not f.startswith("points_"))  # (derived)
_SALES = select(_s.id, _s.state, _s.receipt_no, _s.receipt_seq, _s.opened_at, _s.closed_at,
                *(_s[f] for f in _SALE_READ))
_EXISTING = select(_s.id, _s.state, _s.receipt_no, _s.receipt_seq).where(
    _s.sale_uuid == bindparam("sale_uuid"))
_INSERT_SALE = insert(sale).returning(_s.id)
_INSERT_LINES = insert(sale_line)
_INSERT_LINE_PROMOS = insert(sale_line_promotion)
_INSERT_TENDERS = insert(sale_tender)
_INSERT_PROMOTIONS = insert(sale_promotion)
_INSERT_MEMBER = insert(sale_member)


def _insert_sale(conn: Connection, record: SaleRecord, *, state: str, seq: int | None,
                 receipt_no: str | None) -> int:
    r = record
    sale_id = int(conn.execute(_INSERT_SALE, _sale_values(
        r, state=state, seq=seq, receipt_no=receipt_no)).scalar_one())
    if r.lines:
        conn.execute(_INSERT_LINES, [
            {"sale_id": sale_id, "line_no": n, **{f: getattr(ln, f) for f in _LINE_FIELDS}}
            for n, ln in enumerate(r.lines, 1)])
        line_promos = [{"sale_id": sale_id, "line_no": n, "promo_id": promo_id}
                       for n, ln in enumerate(r.lines, 1) for promo_id in ln.promo_ids]
        if line_promos:
            conn.execute(_INSERT_LINE_PROMOS, line_promos)
    if r.tenders:
        conn.execute(_INSERT_TENDERS, [
            {"sale_id": sale_id, **{f: getattr(t, f) for f in _TENDER_FIELDS}}
            for t in r.tenders])
    if r.promotions:
        conn.execute(_INSERT_PROMOTIONS, [_promotion_values(sale_id, p) for p in r.promotions])
    if r.member_receipt is not None:
        m = r.member_receipt
        conn.execute(_INSERT_MEMBER, {"sale_id": sale_id,
                                      **{f: getattr(m, f) for f in _MEMBER_FIELDS}})
    return sale_id


def _stored(conn: Connection, r: Any) -> StoredSale:
    ids = {"sale_id": r.id}
    line_promos: dict[int, list[str]] = {}
    for no, promo_id in conn.execute(_LINE_PROMOS, ids):
        line_promos.setdefault(no, []).append(promo_id)
    lines = []
    for x in conn.execute(_LINES, ids):
        values = dict(zip(_LINE_READ, x, strict=True))
        promo_ids = tuple(line_promos.get(values.pop("line_no"), ()))
        lines.append(SaleLineRecord(**values, promo_ids=promo_ids))
    promotions = [SalePromotionRecord(x[0], x[1], x[2], x[3], json.loads(x[4]))
                  for x in conn.execute(_PROMOTIONS, ids)]
    tenders = [TenderRecord(*x) for x in conn.execute(_TENDERS, ids)]
    snapshot = conn.execute(_MEMBER, ids).first()
    record = SaleRecord(
        **dict(zip(_SALE_READ, r[6:], strict=True)),
        opened_at=datetime.fromisoformat(r.opened_at),
        closed_at=datetime.fromisoformat(r.closed_at), lines=tuple(lines),
        tenders=tuple(tenders), promotions=tuple(promotions),
        coupons=tuple(sale_coupons(conn, sale_id=r.id)),
        points=tuple(sale_points(conn, sale_uuid=r.sale_uuid)),
        member_receipt=SaleMemberRecord(*snapshot) if snapshot else None,
    )
    return StoredSale(sale_id=r.id, state=r.state, receipt_no=r.receipt_no, seq=r.receipt_seq,
                      record=record, lines_count=len(lines))


def _existing(conn: Connection, sale_uuid: str) -> Any:
    return conn.execute(_EXISTING, {"sale_uuid": sale_uuid}).first()


def commit_sale(
    *, engine: Engine, record: SaleRecord, new_uuid: Callable[[], str] | None = None
) -> CommittedSale:
    """Write a completed sale with its lines, tenders, stock movements, balance updates,
    gap-free receipt number and ``sale.completed`` outbox event in ONE transaction.
    Committing the same ``sale_uuid`` again returns the first result (safe to retry)."""
    with write_tx(engine) as conn:
        return write_completed_sale(conn, record, new_uuid=new_uuid)


def write_completed_sale(conn: Connection, record: SaleRecord, *,
                         new_uuid: Callable[[], str] | None = None) -> CommittedSale:
    """``commit_sale``'s writes in the caller's transaction (an exchange writes its return in
    the same one)."""
    if not record.lines:
        raise PosError("sale.empty")
    old = _existing(conn, record.sale_uuid)
    if old is not None:
        if old[1] != "completed":
            raise PosError("sale.not_open", sale_uuid=record.sale_uuid, state=old[1])
        return CommittedSale(sale_id=old[0], receipt_no=old[2], seq=old[3])
    seq = next_value(conn, f"receipt:{record.terminal_code}")
    receipt_no = receipt_number(record.store_code, record.terminal_code, seq)
    sale_id = _insert_sale(conn, record, state="completed", seq=seq, receipt_no=receipt_no)
    at = record.closed_at.isoformat()
    # The sale's event first: its stock movements carry its seq, so the local stock view
    # knows which movements the cloud's balance already includes.
    event = append_event(
        conn, store_code=record.store_code, terminal_code=record.terminal_code,
        type=SALE_COMPLETED, version=EVENT_VERSIONS[SALE_COMPLETED], created_at=at,
        payload=sale_payload(record, receipt_no=receipt_no, seq=seq),
        event_uuid=new_uuid() if new_uuid else None,
    )
    apply_movements(conn, [
        (ln.product_id, -ln.qty) for ln in record.lines if ln.product_id is not None
    ], reason="sale", sale_id=sale_id, created_at=at, event_seq=event.seq)
    where = {"store_code": record.store_code, "terminal_code": record.terminal_code,
             "at": at}
    record_redemptions(conn, record.coupons, sale_id=sale_id, sale_uuid=record.sale_uuid,
                       **where)
    append_points(conn, record.points, sale_uuid=record.sale_uuid, **where)
    add_promo_usage(conn, record.promo_usage)
    append_audit(conn, record.audit, store_code=record.store_code,
                 terminal_code=record.terminal_code)
    return CommittedSale(sale_id=sale_id, receipt_no=receipt_no, seq=seq)


def record_voided_sale(*, engine: Engine, record: SaleRecord) -> int:
    """Keep a voided sale (state voided, its lines) and a ``sale.voided`` event; no receipt
    number and no stock movement. Returns the sale id (the first one on a retry)."""
    with write_tx(engine) as conn:
        old = _existing(conn, record.sale_uuid)
        if old is not None:
            if old[1] != "voided":
                raise PosError("sale.not_open", sale_uuid=record.sale_uuid, state=old[1])
            return int(old[0])
        sale_id = _insert_sale(conn, record, state="voided", seq=None, receipt_no=None)
        append_event(
            conn, store_code=record.store_code, terminal_code=record.terminal_code,
            type=SALE_VOIDED, version=EVENT_VERSIONS[SALE_VOIDED],
            created_at=record.closed_at.isoformat(),
            payload=sale_payload(record, receipt_no=None, seq=None),
        )
        append_audit(conn, record.audit, store_code=record.store_code,
                     terminal_code=record.terminal_code)
    return sale_id


def get_sale(*, engine: Engine, receipt_no: str) -> StoredSale | None:
    """A completed sale by its receipt number (for reprint and returns)."""
    with read_tx(engine) as conn:
        r = conn.execute(_SALES.where(_s.receipt_no == receipt_no.strip())).first()
        return _stored(conn, r) if r else None


def recent_sales(*, engine: Engine, limit: int = 50) -> list[StoredSale]:
    """The latest sales (completed and voided), newest first."""
    with read_tx(engine) as conn:
        rows = conn.execute(_SALES.order_by(_s.id.desc()).limit(limit)).all()
        return [_stored(conn, r) for r in rows]

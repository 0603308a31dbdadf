"""Completed and voided sales: one transaction for the sale, ledger, counters and outbox."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, text

from contract.protocol import EVENT_VERSIONS, SALE_COMPLETED, SALE_VOIDED
from pos_app.core.errors import PosError
from pos_app.core.sale import receipt_number
from pos_app.store.db import read_tx, write_tx
from pos_app.store.members import PointsRecord, add_promo_usage, append_points
from pos_app.store.outbox import append_event, next_value
from pos_app.store.promotions import CouponUseRecord, record_redemptions
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


def _insert_sale(conn: Connection, record: SaleRecord, *, state: str, seq: int | None,
                 receipt_no: str | None) -> int:
    r = record
    sale_id = conn.execute(text(
        "INSERT INTO sale (sale_uuid, store_code, terminal_code, state, receipt_seq, "
        "receipt_no, cashier, opened_at, closed_at, item_count, subtotal_fen, discount_fen, "
        "tax_fen, rounding_fen, total_fen, paid_fen, change_fen, member_id, points_earned, "
        "points_redeemed) VALUES (:u, :s, :t, :st, :q, :rn, :c, :o, :cl, :ic, :sub, :disc, "
        ":tax, :rnd, :tot, :paid, :chg, :mid, :pe, :pr) RETURNING id"
    ), {"mid": r.member_id, "pe": r.points_earned, "pr": r.points_redeemed,
        "u": r.sale_uuid, "s": r.store_code, "t": r.terminal_code, "st": state, "q": seq,
        "rn": receipt_no, "c": r.cashier, "o": r.opened_at.isoformat(),
        "cl": r.closed_at.isoformat(), "ic": r.item_count, "sub": r.subtotal_fen,
        "disc": r.discount_fen, "tax": r.tax_fen, "rnd": r.rounding_fen, "tot": r.total_fen,
        "paid": r.paid_fen, "chg": r.change_fen}).scalar_one()
    if r.lines:
        conn.execute(text(
            "INSERT INTO sale_line (sale_id, line_no, product_id, sku, name, name_en, qty, "
            "is_weighed, unit_price_fen, gross_fen, discount_fen, net_fen, tax_fen, "
            "tax_rate_bp, price_overridden, scanned_code, promo_discount_fen) VALUES (:sid, "
            ":no, :pid, :sku, :name, :en, :qty, :w, :up, :gross, :disc, :net, :tax, :rate, "
            ":ovr, :code, :promo)"
        ), [{"sid": sale_id, "no": n, "pid": ln.product_id, "sku": ln.sku, "name": ln.name,
             "en": ln.name_en,
             "promo": ln.promo_discount_fen, "qty": ln.qty, "w": ln.is_weighed,
             "up": ln.unit_price_fen, "gross": ln.gross_fen,
             "disc": ln.discount_fen, "net": ln.net_fen, "tax": ln.tax_fen,
             "rate": ln.tax_rate_bp, "ovr": ln.price_overridden, "code": ln.scanned_code}
            for n, ln in enumerate(r.lines, 1)])
        line_promos = [{"sid": sale_id, "no": n, "id": promo_id}
                       for n, ln in enumerate(r.lines, 1) for promo_id in ln.promo_ids]
        if line_promos:
            conn.execute(text(
                "INSERT INTO sale_line_promotion (sale_id, line_no, promo_id) "
                "VALUES (:sid, :no, :id)"), line_promos)
    if r.tenders:
        conn.execute(text(
            "INSERT INTO sale_tender (sale_id, kind, amount_fen, tendered_fen, reference) "
            "VALUES (:sid, :k, :a, :t, :ref)"
        ), [{"sid": sale_id, "k": t.kind, "a": t.amount_fen, "t": t.tendered_fen,
             "ref": t.reference} for t in r.tenders])
    if r.promotions:
        conn.execute(text(
            "INSERT INTO sale_promotion (sale_id, promo_id, name, kind, discount_fen, "
            "explanation) VALUES (:sid, :id, :name, :kind, :d, :x)"
        ), [{"sid": sale_id, "id": p.promo_id, "name": p.name, "kind": p.kind,
             "d": p.discount_fen, "x": json.dumps(p.explanation, ensure_ascii=False)}
            for p in r.promotions])
    if r.member_receipt is not None:
        m = r.member_receipt
        conn.execute(text(
            "INSERT INTO sale_member (sale_id, masked_phone, masked_name, tier_name, "
            "points_balance) VALUES (:sid, :phone, :name, :tier, :bal)"
        ), {"sid": sale_id, "phone": m.masked_phone, "name": m.masked_name,
            "tier": m.tier_name, "bal": m.points_balance})
    return int(sale_id)


def _existing(conn: Connection, sale_uuid: str) -> Any:
    return conn.execute(text(
        "SELECT id, state, receipt_no, receipt_seq FROM sale WHERE sale_uuid = :u"
    ), {"u": sale_uuid}).first()


def commit_sale(
    *, engine: Engine, record: SaleRecord, new_uuid: Callable[[], str] | None = None
) -> CommittedSale:
    """Write a completed sale with its lines, tenders, stock movements, balance updates,
    gap-free receipt number and ``sale.completed`` outbox event in ONE transaction.
    Committing the same ``sale_uuid`` again returns the first result (safe to retry)."""
    if not record.lines:
        raise PosError("sale.empty")
    with write_tx(engine) as conn:
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
    return sale_id


_SALE_COLS = ("id, state, receipt_no, receipt_seq, sale_uuid, store_code, terminal_code, "
              "opened_at, closed_at, cashier, item_count, subtotal_fen, discount_fen, tax_fen, "
              "rounding_fen, total_fen, paid_fen, change_fen, member_id")


def _stored(conn: Connection, r: Any) -> StoredSale:
    line_promos: dict[int, list[str]] = {}
    for no, promo_id in conn.execute(text(
            "SELECT line_no, promo_id FROM sale_line_promotion WHERE sale_id = :id ORDER BY id"),
            {"id": r[0]}):
        line_promos.setdefault(no, []).append(promo_id)
    # Lines written before the English name was kept take the product's (for reprints).
    lines = [SaleLineRecord(
        product_id=x[0], sku=x[1], name=x[2], qty=x[3], unit_price_fen=x[4], gross_fen=x[5],
        net_fen=x[6], discount_fen=x[7], tax_fen=x[8], tax_rate_bp=x[9],
        is_weighed=bool(x[10]), price_overridden=bool(x[11]), scanned_code=x[12],
        promo_discount_fen=x[13], promo_ids=tuple(line_promos.get(x[14], ())), name_en=x[15],
    ) for x in conn.execute(text(
        "SELECT l.product_id, l.sku, l.name, l.qty, l.unit_price_fen, l.gross_fen, l.net_fen, "
        "l.discount_fen, l.tax_fen, l.tax_rate_bp, l.is_weighed, l.price_overridden, "
        "l.scanned_code, l.promo_discount_fen, l.line_no, "
        "CASE WHEN l.name_en != '' THEN l.name_en ELSE coalesce(p.name_en, '') END "
        "FROM sale_line AS l LEFT JOIN product AS p ON p.id = l.product_id "
        "WHERE l.sale_id = :id ORDER BY l.line_no"), {"id": r[0]})]
    promotions = [SalePromotionRecord(x[0], x[1], x[2], x[3], json.loads(x[4]))
                  for x in conn.execute(text(
                      "SELECT promo_id, name, kind, discount_fen, explanation FROM "
                      "sale_promotion WHERE sale_id = :id ORDER BY id"), {"id": r[0]})]
    coupons = [CouponUseRecord(x[0], x[1], x[2]) for x in conn.execute(text(
        "SELECT coupon_id, discount_fen, member_id FROM coupon_redemption WHERE sale_id = :id "
        "ORDER BY coupon_id"), {"id": r[0]})]
    points = [PointsRecord(*x) for x in conn.execute(text(
        "SELECT entry_uuid, member_id, kind, points, business_date, reason FROM points_entry "
        "WHERE sale_uuid = :u ORDER BY id"), {"u": r[4]})]
    snapshot = conn.execute(text(
        "SELECT masked_phone, masked_name, tier_name, points_balance FROM sale_member "
        "WHERE sale_id = :id"), {"id": r[0]}).first()
    tenders = [TenderRecord(kind=x[0], amount_fen=x[1], tendered_fen=x[2], reference=x[3])
               for x in conn.execute(text(
                   "SELECT kind, amount_fen, tendered_fen, reference FROM sale_tender "
                   "WHERE sale_id = :id ORDER BY id"), {"id": r[0]})]
    record = SaleRecord(
        sale_uuid=r[4], store_code=r[5], terminal_code=r[6],
        opened_at=datetime.fromisoformat(r[7]), closed_at=datetime.fromisoformat(r[8]),
        lines=tuple(lines), tenders=tuple(tenders), cashier=r[9], item_count=r[10],
        subtotal_fen=r[11], discount_fen=r[12], tax_fen=r[13], rounding_fen=r[14],
        total_fen=r[15], paid_fen=r[16], change_fen=r[17], member_id=r[18],
        promotions=tuple(promotions), coupons=tuple(coupons), points=tuple(points),
        member_receipt=SaleMemberRecord(*snapshot) if snapshot else None,
    )
    return StoredSale(sale_id=r[0], state=r[1], receipt_no=r[2], seq=r[3], record=record,
                      lines_count=len(lines))


def get_sale(*, engine: Engine, receipt_no: str) -> StoredSale | None:
    """A completed sale by its receipt number (for reprint and returns)."""
    with read_tx(engine) as conn:
        r = conn.execute(text(f"SELECT {_SALE_COLS} FROM sale WHERE receipt_no = :rn"),
                         {"rn": receipt_no.strip()}).first()
        return _stored(conn, r) if r else None


def recent_sales(*, engine: Engine, limit: int = 50) -> list[StoredSale]:
    """The latest sales (completed and voided), newest first."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(f"SELECT {_SALE_COLS} FROM sale ORDER BY id DESC LIMIT :n"),
                            {"n": limit}).all()
        return [_stored(conn, r) for r in rows]

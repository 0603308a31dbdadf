"""Receipts, transfers out and adjustments: each posted once, in ONE transaction with its
lines, its stock movements and its outbox event (``contract.stock_events``); and the
expected receipts (purchase orders, incoming transfers) the cloud's stream brings.

Posting the same document twice (the same uuid) and receiving an order twice are refused
with ``stock.already_posted`` / ``receiving.already_received``; an order of another store
with ``receiving.other_store``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from contract.stock_events import (
    RECEIPT_POSTED,
    STOCK_ADJUSTED,
    TRANSFER_SENT,
    AdjustmentLinePayload,
    ReceiptLinePayload,
    ReceiptPostedPayload,
    StockAdjustedPayload,
    TransferLinePayload,
    TransferSentPayload,
)
from pos_app.core.errors import PosError
from pos_app.store.audit import AuditRecord, append_audit
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import (
    expected_receipt,
    expected_receipt_line,
    stock_document,
    stock_document_line,
)
from pos_app.store.outbox import append_event, next_value
from pos_app.store.stock import apply_movements
from pos_app.store.stock_settings import note_costs

# Document kind → (ledger reason, number prefix).
KINDS: dict[str, tuple[str, str]] = {
    "receipt": ("receipt", "R"), "transfer": ("transfer_out", "T"), "adjustment": ("", "A")}


@dataclass(frozen=True, slots=True)
class DocLine:
    """A line to post: ``delta`` the stock it moves (signed; 0 for an ordered line that did
    not come), the rest as ``models.StockDocumentLine``."""

    product_id: int | None
    sku: str
    delta: int
    ordered: int | None = None
    cost_fen: int | None = None
    expiry: str | None = None
    batch: str = ""


@dataclass(frozen=True, slots=True)
class StockDoc:
    """A receipt, transfer out or adjustment to post. ``ref``: the expected receipt (a
    receipt against an order or transfer; "" for a free one), the store a transfer goes to,
    or an adjustment's reason code. ``at``: ISO time with offset."""

    doc_uuid: str
    kind: str
    store_code: str
    terminal_code: str
    at: str
    lines: tuple[DocLine, ...]
    ref: str = ""
    supplier: str = ""
    note: str = ""
    staff_id: str = ""
    staff_name: str = ""
    approver_name: str | None = None


@dataclass(frozen=True, slots=True)
class Posted:
    """A posted document: its row id, number (``S001-T01-R000001``) and event seq."""

    document_id: int
    doc_no: str
    event_seq: int


@dataclass(frozen=True, slots=True)
class ExpectedOrder:
    """An expected receipt with its lines ``(sku, qty, cost_fen)``."""

    receipt_id: str
    store_code: str
    kind: str
    supplier: str
    from_store: str
    created_at: str
    received_doc: str | None
    lines: tuple[tuple[str, int, int | None], ...]


def _payload(doc: StockDoc, doc_no: str) -> tuple[str, dict[str, Any]]:
    """The event type and payload of a document (the wire format, declared in the contract)."""
    who = {"at": doc.at, "staff_id": doc.staff_id, "staff_name": doc.staff_name}
    moved = [ln for ln in doc.lines if ln.delta]
    if doc.kind == "receipt":
        def line(ln: DocLine) -> ReceiptLinePayload:
            return ReceiptLinePayload(sku=ln.sku, qty=ln.delta, ordered=ln.ordered,
                                      cost_fen=ln.cost_fen, expiry=ln.expiry, batch=ln.batch)
        short = [ReceiptLinePayload(sku=ln.sku, qty=0, ordered=ln.ordered, cost_fen=ln.cost_fen)
                 for ln in doc.lines if not ln.delta]
        kind = "free" if not doc.ref else ("transfer" if doc.ref.startswith("TR-") else "order")
        return RECEIPT_POSTED, ReceiptPostedPayload(
            receipt_uuid=doc.doc_uuid, receipt_no=doc_no, kind=kind,
            expected_id=doc.ref or None, supplier=doc.supplier,
            lines=[line(ln) for ln in moved], short=short, **who).model_dump(mode="json")
    if doc.kind == "transfer":
        return TRANSFER_SENT, TransferSentPayload(
            transfer_uuid=doc.doc_uuid, to_store=doc.ref, note=doc.note,
            lines=[TransferLinePayload(sku=ln.sku, qty=-ln.delta) for ln in moved],
            **who).model_dump(mode="json")
    return STOCK_ADJUSTED, StockAdjustedPayload(
        adjustment_uuid=doc.doc_uuid, reason=doc.ref, note=doc.note,
        approver_name=doc.approver_name,
        lines=[AdjustmentLinePayload(sku=ln.sku, delta=ln.delta) for ln in moved],
        **who).model_dump(mode="json")


def _check_expected(conn: Connection, doc: StockDoc) -> None:
    row = conn.execute(select(expected_receipt.c.store_code, expected_receipt.c.received_doc)
                       .where(expected_receipt.c.receipt_id == doc.ref)).first()
    if row is None:
        raise PosError("receiving.order_unknown", order=doc.ref)
    if row.store_code != doc.store_code:
        raise PosError("receiving.other_store", order=doc.ref, store=row.store_code,
                       here=doc.store_code)
    if row.received_doc is not None:
        raise PosError("receiving.already_received", order=doc.ref, doc_no=row.received_doc)


def write_document(conn: Connection, doc: StockDoc,
                   audit: tuple[AuditRecord, ...] = ()) -> Posted:
    """``post_document``'s writes in the caller's transaction."""
    if doc.kind not in KINDS:
        raise ValueError(f"unknown document kind {doc.kind!r}")
    if not any(ln.delta for ln in doc.lines):
        raise PosError("stock.nothing_to_post")
    old = conn.execute(select(stock_document.c.doc_no).where(
        stock_document.c.doc_uuid == doc.doc_uuid)).scalar()
    if old is not None:
        raise PosError("stock.already_posted", doc_no=old)
    if doc.kind == "receipt" and doc.ref:
        _check_expected(conn, doc)
    reason, prefix = KINDS[doc.kind]
    seq = next_value(conn, f"stockdoc:{doc.terminal_code}")
    doc_no = f"{doc.store_code}-{doc.terminal_code}-{prefix}{seq:06d}"
    type_, payload = _payload(doc, doc_no)
    event = append_event(conn, store_code=doc.store_code, terminal_code=doc.terminal_code,
                         type=type_, payload=payload, created_at=doc.at)
    d = stock_document.c
    document_id = int(conn.execute(insert(stock_document).returning(d.id), {
        "doc_uuid": doc.doc_uuid, "doc_no": doc_no, "kind": doc.kind, "ref": doc.ref,
        "supplier": doc.supplier, "note": doc.note, "staff_id": doc.staff_id,
        "staff_name": doc.staff_name, "at": doc.at, "event_seq": event.seq}).scalar_one())
    conn.execute(insert(stock_document_line), [
        {"document_id": document_id, "pos": n, "product_id": ln.product_id, "sku": ln.sku,
         "delta": ln.delta, "ordered": ln.ordered, "cost_fen": ln.cost_fen,
         "expiry": ln.expiry, "batch": ln.batch} for n, ln in enumerate(doc.lines, 1)])
    apply_movements(conn, [(ln.product_id, ln.delta) for ln in doc.lines
                           if ln.product_id is not None and ln.delta],
                    reason=reason or doc.ref, created_at=doc.at, event_seq=event.seq)
    if doc.kind == "receipt":
        note_costs(conn, [(ln.product_id, ln.cost_fen) for ln in doc.lines
                          if ln.product_id is not None and ln.cost_fen is not None])
        if doc.ref:
            conn.execute(update(expected_receipt).where(
                expected_receipt.c.receipt_id == doc.ref).values(received_doc=doc_no))
    append_audit(conn, audit, store_code=doc.store_code, terminal_code=doc.terminal_code)
    return Posted(document_id, doc_no, event.seq)


def post_document(*, engine: Engine, doc: StockDoc,
                  audit: tuple[AuditRecord, ...] = ()) -> Posted:
    """Write a receipt, transfer or adjustment with its lines, stock movements, audit
    entries and event in ONE transaction (refused when already posted)."""
    with write_tx(engine) as conn:
        return write_document(conn, doc, audit)


def document_lines(*, engine: Engine, doc_no: str) -> list[DocLine]:
    """The lines of a posted document, in order."""
    d, ln = stock_document.c, stock_document_line.c
    with read_tx(engine) as conn:
        return [DocLine(r.product_id, r.sku, r.delta, r.ordered, r.cost_fen, r.expiry, r.batch)
                for r in conn.execute(
                    select(ln.product_id, ln.sku, ln.delta, ln.ordered, ln.cost_fen, ln.expiry,
                           ln.batch).join(stock_document, d.id == ln.document_id)
                    .where(d.doc_no == doc_no).order_by(ln.pos))]


# ---- expected receipts (the ``expected_receipts`` stream) ---------------------------------

def put_expected(conn: Connection, order: ExpectedOrder) -> None:
    """Store (or replace) an expected receipt and its lines; a received one keeps its mark."""
    er = expected_receipt.c
    received = conn.execute(select(er.received_doc).where(
        er.receipt_id == order.receipt_id)).scalar()
    drop_expected(conn, order.receipt_id)
    conn.execute(insert(expected_receipt), {
        "receipt_id": order.receipt_id, "store_code": order.store_code, "kind": order.kind,
        "supplier": order.supplier, "from_store": order.from_store,
        "created_at": order.created_at, "received_doc": received})
    if order.lines:
        conn.execute(insert(expected_receipt_line), [
            {"receipt_id": order.receipt_id, "line_no": n, "sku": sku, "qty": qty,
             "cost_fen": cost} for n, (sku, qty, cost) in enumerate(order.lines, 1)])


def drop_expected(conn: Connection, receipt_id: str | None = None) -> None:
    """Remove one expected receipt (received, or cancelled at HQ), or all (a reset)."""
    lines, heads = delete(expected_receipt_line), delete(expected_receipt)
    if receipt_id is not None:
        lines = lines.where(expected_receipt_line.c.receipt_id == receipt_id)
        heads = heads.where(expected_receipt.c.receipt_id == receipt_id)
    conn.execute(lines)
    conn.execute(heads)


def _orders(conn: Connection, where: Any) -> list[ExpectedOrder]:
    er, el = expected_receipt.c, expected_receipt_line.c
    out = []
    for h in conn.execute(select(expected_receipt).where(where).order_by(er.created_at,
                                                                          er.receipt_id)):
        lines = tuple((r.sku, int(r.qty), r.cost_fen) for r in conn.execute(
            select(el.sku, el.qty, el.cost_fen).where(el.receipt_id == h.receipt_id)
            .order_by(el.line_no)))
        out.append(ExpectedOrder(h.receipt_id, h.store_code, h.kind, h.supplier,
                                 h.from_store, h.created_at, h.received_doc, lines))
    return out


def open_orders(*, engine: Engine) -> list[ExpectedOrder]:
    """Expected receipts not received here yet, oldest first."""
    with read_tx(engine) as conn:
        return _orders(conn, expected_receipt.c.received_doc.is_(None))


def expected_order(*, engine: Engine, receipt_id: str) -> ExpectedOrder | None:
    """One expected receipt (received or not), or None."""
    with read_tx(engine) as conn:
        found = _orders(conn, expected_receipt.c.receipt_id == receipt_id)
    return found[0] if found else None

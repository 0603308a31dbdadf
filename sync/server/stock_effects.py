"""What ``receipt.posted``, ``transfer.sent`` and ``stock.adjusted`` do to the cloud's
records, inside their push batch (``effects`` dispatches to these).

Exactly once per store: the event is applied once (``applied_event``), and the receipt,
transfer or adjustment it carries is recorded once (``stock_document``): the same document
in a second event is quarantined (``sync.stock_doc_exists``), so its stock never moves twice.

- A receipt adds its lines (``receipt``, +qty) and closes the purchase order or transfer it
  was received against (the ``expected_receipts`` stream deletes it); lines short or over
  against the order are flagged for HQ, never moving stock.
- A transfer takes its lines out of the sending store (``transfer_out``, −qty) and opens the
  receiving store's expected receipt ``TR-<transfer uuid>``; that store's receipt adds them,
  so once received the transfer sums to zero across the two stores.
- An adjustment moves each line by its signed delta with its reason code as the reason.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from contract.stock_events import ExpectedLineData, ExpectedReceiptData, transfer_receipt_id
from sync.server.bounds import stock_doc_problem
from sync.server.flags import RECEIPT_DIFFERENCES, RECEIPT_ORDER_NOT_OPEN
from sync.server.ledger_tables import (
    expected_receipt,
    expected_receipt_line,
    stock_document,
    stock_movement,
)
from sync.server.payloads import ReceiptPosted, StockAdjusted, TransferSent
from sync.server.tables import store

if TYPE_CHECKING:
    from sync.server.batch import Batch
    from sync.server.effects import Source

STOCK_DOC_EXISTS = "sync.stock_doc_exists"
TRANSFER_STORE_UNKNOWN = "sync.transfer_store_unknown"


def _document(batch: Batch, src: Source, *, doc_uuid: str, kind: str,
              expected_id: str | None, detail: dict[str, Any]) -> str | None:
    """Queue the document's row; ``STOCK_DOC_EXISTS`` when this store has it already."""
    store_id = batch.caller.store_id
    queued = any(r["doc_uuid"] == doc_uuid for r in batch.rows.get(stock_document, []))
    if queued or batch.conn.execute(select(stock_document.c.doc_uuid).where(
            stock_document.c.store_id == store_id,
            stock_document.c.doc_uuid == doc_uuid)).first() is not None:
        return STOCK_DOC_EXISTS
    batch.insert(stock_document, {
        "store_id": store_id, "doc_uuid": doc_uuid, "kind": kind,
        "event_uuid": src.event_uuid, "terminal_id": batch.caller.terminal_id,
        "expected_id": expected_id,
        "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True),
        "received_at": batch.received_at})
    return None


def _move(batch: Batch, src: Source, lines: list[tuple[str, int]], reason: str) -> None:
    base = {"store_id": batch.caller.store_id, "event_uuid": src.event_uuid,
            "terminal_id": batch.caller.terminal_id, "created_at": src.created_at,
            "received_at": batch.received_at}
    batch.insert(stock_movement, *({**base, "line_no": n, "sku": sku, "delta": delta,
                                    "reason": reason} for n, (sku, delta) in enumerate(lines, 1)))
    for sku, delta in lines:
        batch.move_stock(sku, delta)


def apply_receipt(batch: Batch, src: Source, p: ReceiptPosted) -> str | None:
    """Record a receipt; the quarantine reason when it cannot apply (checked first)."""
    problem = stock_doc_problem(p)
    if problem is not None:
        return problem
    detail = {"receipt_no": p.receipt_no, "receipt_kind": p.kind, "supplier": p.supplier,
              "staff_id": p.staff_id, "staff_name": p.staff_name, "at": p.at}
    taken = _document(batch, src, doc_uuid=p.receipt_uuid, kind="receipt",
                      expected_id=p.expected_id, detail=detail)
    if taken is not None:
        return taken
    _move(batch, src, [(line.sku, line.qty) for line in p.lines], "receipt")
    if p.expected_id is not None:
        _close_expected(batch, src, p)
    return None


def _close_expected(batch: Batch, src: Source, p: ReceiptPosted) -> None:
    """Mark the order or transfer received (or flag that it was not open) and flag the
    lines that came short or over."""
    store_id, terminal = batch.caller.store_id, batch.caller.terminal_code
    er, el = expected_receipt.c, expected_receipt_line.c
    closed = batch.conn.execute(
        update(expected_receipt).where(er.store_id == store_id,
                                       er.receipt_id == p.expected_id, er.status == "open")
        .values(status="received", received_event_uuid=src.event_uuid,
                received_at=batch.received_at)).rowcount
    if not closed:
        batch.flag(RECEIPT_ORDER_NOT_OPEN, p.receipt_uuid, terminal=terminal,
                   expected_id=p.expected_id, receipt_no=p.receipt_no)
        return
    batch.changes.delete("expected_receipts", str(p.expected_id), store_id=store_id)
    ordered: dict[str, int] = {}
    for sku, qty in batch.conn.execute(select(el.sku, el.qty).where(
            el.store_id == store_id, el.receipt_id == p.expected_id)):
        ordered[sku] = ordered.get(sku, 0) + int(qty)
    received: dict[str, int] = {}
    for line in p.lines:
        received[line.sku] = received.get(line.sku, 0) + line.qty
    differences = {sku: received.get(sku, 0) - ordered.get(sku, 0)
                   for sku in sorted(set(ordered) | set(received))}
    differences = {sku: d for sku, d in differences.items() if d}
    if differences:
        batch.flag(RECEIPT_DIFFERENCES, p.receipt_uuid, terminal=terminal,
                   expected_id=p.expected_id, receipt_no=p.receipt_no,
                   differences=differences)


def apply_transfer(batch: Batch, src: Source, p: TransferSent) -> str | None:
    """Record a transfer out and open the receiving store's expected receipt."""
    problem = stock_doc_problem(p)
    if problem is not None:
        return problem
    to_id = batch.conn.execute(select(store.c.id).where(store.c.code == p.to_store)).scalar()
    if to_id is None or int(to_id) == batch.caller.store_id:
        return TRANSFER_STORE_UNKNOWN
    receipt_id = transfer_receipt_id(p.transfer_uuid)
    detail = {"to_store": p.to_store, "staff_id": p.staff_id, "staff_name": p.staff_name,
              "note": p.note, "at": p.at}
    taken = _document(batch, src, doc_uuid=p.transfer_uuid, kind="transfer",
                      expected_id=receipt_id, detail=detail)
    if taken is not None:
        return taken
    _move(batch, src, [(line.sku, -line.qty) for line in p.lines], "transfer_out")
    to_id = int(to_id)
    batch.insert(expected_receipt, {
        "store_id": to_id, "receipt_id": receipt_id, "kind": "transfer",
        "supplier": batch.caller.store_code, "from_store_id": batch.caller.store_id,
        "source_event_uuid": src.event_uuid, "status": "open",
        "created_at": batch.received_at, "received_event_uuid": None, "received_at": None})
    lines = [(line.sku, line.qty) for line in p.lines]
    batch.insert(expected_receipt_line, *(
        {"store_id": to_id, "receipt_id": receipt_id, "line_no": n, "sku": sku, "qty": qty,
         "cost_fen": None} for n, (sku, qty) in enumerate(lines, 1)))
    batch.changes.upsert("expected_receipts", receipt_id, expected_data(
        kind="transfer", store_code=p.to_store, supplier=batch.caller.store_code,
        from_store=batch.caller.store_code, created_at=batch.received_at.isoformat(),
        lines=[(sku, qty, None) for sku, qty in lines]), store_id=to_id)
    return None


def apply_adjustment(batch: Batch, src: Source, p: StockAdjusted) -> str | None:
    """Record an adjustment: each line's signed delta, its reason code as the reason."""
    problem = stock_doc_problem(p)
    if problem is not None:
        return problem
    detail = {"reason": p.reason, "staff_id": p.staff_id, "staff_name": p.staff_name,
              "approver_name": p.approver_name, "note": p.note, "at": p.at}
    taken = _document(batch, src, doc_uuid=p.adjustment_uuid, kind="adjustment",
                      expected_id=None, detail=detail)
    if taken is not None:
        return taken
    _move(batch, src, [(line.sku, line.delta) for line in p.lines], p.reason)
    return None


def expected_data(*, kind: str, store_code: str, supplier: str, from_store: str,
                  created_at: str, lines: list[tuple[str, int, int | None]]) -> dict[str, Any]:
    """An ``expected_receipts`` stream row (``contract.stock_events.ExpectedReceiptData``)."""
    return ExpectedReceiptData(
        kind=kind, store_code=store_code, supplier=supplier, from_store=from_store,
        created_at=created_at, lines=[ExpectedLineData(sku=sku, qty=qty, cost_fen=cost)
                                      for sku, qty, cost in lines]).model_dump(mode="json")

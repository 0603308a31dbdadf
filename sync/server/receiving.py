"""HQ's purchase orders and transfers (``pos-cloud po`` / ``pos-cloud transfer`` and the
admin API): each becomes an expected receipt of the store that receives it, published on that
store's ``expected_receipts`` stream until a till posts its receipt (``stock_effects``).

An HQ transfer ships at once: the sending store's cloud stock moves out (``transfer_out``,
on its ``stock`` stream) and the receiving store expects the goods (``TR-…``); the receipt
there adds them, so the transfer sums to zero across the two stores.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, func, select

from contract.stock_events import transfer_receipt_id
from sync.server.bounds import MAX_FEN, MAX_GRAMS
from sync.server.catalog import add_stock
from sync.server.changes import ChangeSet, flush
from sync.server.db import read_tx, write_tx
from sync.server.enroll import store_id_of
from sync.server.ledger_tables import expected_receipt, expected_receipt_line
from sync.server.stock_effects import expected_data
from sync.server.tables import store

_SKU = re.compile(r"^[A-Za-z0-9_.-]{1,64}$", re.ASCII)
MAX_LINES = 2000


@dataclass(frozen=True, slots=True)
class OrderLine:
    """An ordered line: ``qty`` pieces (grams when weighed), ``cost_fen`` the unit cost."""

    sku: str
    qty: int
    cost_fen: int | None = None


@dataclass(frozen=True, slots=True)
class Expected:
    """An expected receipt as HQ lists it."""

    receipt_id: str
    store_code: str
    kind: str
    supplier: str
    status: str
    created_at: datetime
    lines: tuple[OrderLine, ...]


def parse_line(text: str, *, with_cost: bool = True) -> OrderLine:
    """``SKU:QTY[:COST_FEN]`` (ValueError saying what is wrong)."""
    parts = text.strip().split(":")
    if not 2 <= len(parts) <= (3 if with_cost else 2):
        raise ValueError(f"{text!r}: write SKU:QTY" + ("[:COST_FEN]" if with_cost else ""))
    sku, qty, cost = parts[0], parts[1], (parts[2] if len(parts) == 3 else None)
    if not qty.isdigit() or (cost is not None and not cost.isdigit()):
        raise ValueError(f"{text!r}: quantity and cost are whole numbers")
    return check_line(OrderLine(sku, int(qty), None if cost is None else int(cost)))


def check_line(line: OrderLine) -> OrderLine:
    """The line when it can be ordered (ValueError otherwise)."""
    if not _SKU.match(line.sku):
        raise ValueError(f"{line.sku!r}: not a SKU")
    if not 1 <= line.qty <= MAX_GRAMS:
        raise ValueError(f"{line.sku}: quantity {line.qty} outside 1..{MAX_GRAMS}")
    if line.cost_fen is not None and not 0 <= line.cost_fen <= MAX_FEN:
        raise ValueError(f"{line.sku}: cost {line.cost_fen} outside 0..{MAX_FEN} fen")
    return line


def _check_lines(lines: list[OrderLine]) -> None:
    if not 1 <= len(lines) <= MAX_LINES:
        raise ValueError(f"an order has 1..{MAX_LINES} lines")
    for line in lines:
        check_line(line)


def _open(conn: Connection, *, store_id: int, store_code: str, receipt_id: str, kind: str,
          supplier: str, from_store_id: int | None, lines: list[OrderLine], now: datetime
          ) -> None:
    conn.execute(expected_receipt.insert().values(
        store_id=store_id, receipt_id=receipt_id, kind=kind, supplier=supplier,
        from_store_id=from_store_id, status="open", created_at=now))
    conn.execute(expected_receipt_line.insert(), [
        {"store_id": store_id, "receipt_id": receipt_id, "line_no": n, "sku": line.sku,
         "qty": line.qty, "cost_fen": line.cost_fen} for n, line in enumerate(lines, 1)])
    changes = ChangeSet()
    from_code = "" if from_store_id is None else str(conn.execute(
        select(store.c.code).where(store.c.id == from_store_id)).scalar_one())
    changes.upsert("expected_receipts", receipt_id, expected_data(
        kind=kind, store_code=store_code, supplier=supplier, from_store=from_code,
        created_at=now.isoformat(), lines=[(ln.sku, ln.qty, ln.cost_fen) for ln in lines]),
        store_id=store_id)
    flush(conn, changes)


def create_purchase_order(engine: Engine, *, store_code: str, supplier: str,
                          lines: list[OrderLine], now: datetime) -> str:
    """Open a purchase order for a store; its id (``PO-S001-000001``)."""
    supplier = supplier.strip()
    if not 1 <= len(supplier) <= 128:
        raise ValueError("a supplier name has 1..128 characters")
    _check_lines(lines)
    with write_tx(engine) as conn:
        store_id = store_id_of(conn, store_code)
        # The store's row lock numbers its orders one after the other (PostgreSQL).
        conn.execute(select(store.c.id).where(store.c.id == store_id).with_for_update())
        count = conn.execute(select(func.count()).select_from(expected_receipt).where(
            expected_receipt.c.store_id == store_id,
            expected_receipt.c.kind == "order")).scalar_one()
        receipt_id = f"PO-{store_code}-{int(count) + 1:06d}"
        _open(conn, store_id=store_id, store_code=store_code, receipt_id=receipt_id,
              kind="order", supplier=supplier, from_store_id=None, lines=lines, now=now)
    return receipt_id


def create_transfer(engine: Engine, *, from_store: str, to_store: str,
                    lines: list[OrderLine], now: datetime) -> str:
    """Ship goods from one store to another (see the module docstring); the receiving
    store's expected-receipt id."""
    if from_store == to_store:
        raise ValueError("a transfer goes to another store")
    _check_lines(lines)
    with write_tx(engine) as conn:
        from_id, to_id = store_id_of(conn, from_store), store_id_of(conn, to_store)
        receipt_id = transfer_receipt_id(str(uuid.uuid4()))
        add_stock(conn, store_id=from_id, moves=[(ln.sku, -ln.qty) for ln in lines],
                  reason="transfer_out", now=now)
        _open(conn, store_id=to_id, store_code=to_store, receipt_id=receipt_id,
              kind="transfer", supplier=from_store, from_store_id=from_id,
              lines=[OrderLine(ln.sku, ln.qty) for ln in lines], now=now)
    return receipt_id


def list_expected(engine: Engine, *, store_code: str | None = None,
                  status: str | None = None) -> list[Expected]:
    """Expected receipts (purchase orders and transfers), newest first."""
    er, el = expected_receipt.c, expected_receipt_line.c
    with read_tx(engine) as conn:
        query = (select(er.store_id, store.c.code, er.receipt_id, er.kind, er.supplier,
                        er.status, er.created_at)
                 .join(store, store.c.id == er.store_id)
                 .order_by(er.created_at.desc(), er.receipt_id))
        if store_code is not None:
            query = query.where(store.c.code == store_code)
        if status is not None:
            query = query.where(er.status == status)
        heads = conn.execute(query.limit(1000)).all()
        out = []
        for h in heads:
            lines = tuple(OrderLine(sku, int(qty), None if cost is None else int(cost))
                          for sku, qty, cost in conn.execute(
                              select(el.sku, el.qty, el.cost_fen).where(
                                  el.store_id == h.store_id, el.receipt_id == h.receipt_id)
                              .order_by(el.line_no)))
            out.append(Expected(h.receipt_id, h.code, h.kind, h.supplier, h.status,
                                h.created_at, lines))
        return out

"""Receiving goods at the till: against a purchase order or transfer the cloud sent
(``expected_receipts``), or free from a supplier. Scan or type items and quantities, see
the differences against the order (short / over lines, kept with the receipt), give the
cost per line and the expiry date of products that carry one, then post: stock moves
(``receipt``) and ONE ``receipt.posted`` event is written, in one transaction.

    draft = receiving.start("PO-S001-000001")        # or receiving.start(supplier="康师傅")
    receiving.scan(draft, "6901234567892", 24, cost_fen=150)
    receiving.differences(draft)                      # → [Difference(sku, ordered, received)]
    posted = receiving.post(draft)                    # → Posted(doc_no "S001-T01-R000001")

Posting the same draft again is refused (``stock.already_posted``), an order received
already too (``receiving.already_received``), and another store's order is never received
here (``receiving.other_store``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine

from pos_app.core.clock import default_now
from pos_app.core.errors import PosError
from pos_app.core.product import ProductInfo
from pos_app.core.quantity import MAX_GRAMS, MAX_PIECES
from pos_app.core.stock_ops import Difference, check_move_qty, differences
from pos_app.core.store_info import StoreInfo
from pos_app.services.staff import Approval, StaffService
from pos_app.services.stock_common import authorize, product_of
from pos_app.store import catalog
from pos_app.store import receiving as store
from pos_app.store.receiving import DocLine, ExpectedOrder, Posted, StockDoc
from pos_app.store.stock_settings import settings_of

MAX_COST_FEN = 10**10  # ¥100,000,000 a unit: anything more is a typo


@dataclass
class ReceiptLine:
    """A line being received: ``qty`` so far (0: nothing came yet), ``ordered`` what the
    order says (None: not on it)."""

    sku: str
    name: str
    product: ProductInfo | None
    qty: int = 0
    ordered: int | None = None
    cost_fen: int | None = None
    expiry: str | None = None
    batch: str = ""


@dataclass
class ReceiptDraft:
    """A receipt being entered (owned by one screen); ``receipt_uuid`` makes posting it
    idempotent."""

    receipt_uuid: str
    order: ExpectedOrder | None
    supplier: str
    lines: list[ReceiptLine] = field(default_factory=list)

    def line_of(self, sku: str) -> ReceiptLine | None:
        return next((ln for ln in self.lines if ln.sku == sku), None)


def _expiry(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise PosError("receiving.expiry_invalid", text=text[:32]) from None


class ReceivingService:
    """Receipts of goods (see the module docstring)."""

    def __init__(self, *, engine: Engine, store_info: StoreInfo,
                 staff: StaffService | None = None,
                 clock: Callable[[], datetime] = default_now,
                 new_uuid: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
        self._engine = engine
        self.store_info = store_info
        self._staff = staff
        self._clock = clock
        self._new_uuid = new_uuid

    def open_orders(self) -> list[ExpectedOrder]:
        """Purchase orders and incoming transfers not received yet."""
        return store.open_orders(engine=self._engine)

    def start(self, receipt_id: str | None = None, *, supplier: str = "") -> ReceiptDraft:
        """A receipt against an expected one (its lines ordered, none received yet), or a
        free receipt from ``supplier``."""
        if receipt_id is None:
            supplier = supplier.strip()
            if not 1 <= len(supplier) <= 128:
                raise PosError("receiving.supplier_needed")
            return ReceiptDraft(self._new_uuid(), None, supplier)
        order = store.expected_order(engine=self._engine, receipt_id=receipt_id.strip())
        if order is None:
            raise PosError("receiving.order_unknown", order=receipt_id.strip()[:64])
        if order.store_code != self.store_info.store_code:
            raise PosError("receiving.other_store", order=order.receipt_id,
                           store=order.store_code, here=self.store_info.store_code)
        if order.received_doc is not None:
            raise PosError("receiving.already_received", order=order.receipt_id,
                           doc_no=order.received_doc)
        draft = ReceiptDraft(self._new_uuid(), order, order.supplier)
        for sku, qty, cost in order.lines:
            line = draft.line_of(sku)
            if line is not None:
                line.ordered = (line.ordered or 0) + qty
                continue
            product = catalog.get_product_by_sku(engine=self._engine, sku=sku)
            draft.lines.append(ReceiptLine(sku, product.name if product else sku, product,
                                           ordered=qty, cost_fen=cost))
        return draft

    def scan(self, draft: ReceiptDraft, code: str, qty: int = 1, *,
             cost_fen: int | None = None, expiry: str | None = None,
             batch: str = "") -> ReceiptLine:
        """Add ``qty`` of the product of a scanned or typed code (pieces, grams when
        weighed); an expiry date (YYYY-MM-DD) is needed for products that carry one."""
        product = product_of(self._engine, code)
        line = draft.line_of(product.sku)
        if line is None:
            line = ReceiptLine(product.sku, product.name, product)
            draft.lines.append(line)
        line.product = product
        check_move_qty(qty, weighed=product.is_weighed, line=draft.lines.index(line) + 1)
        self._details(line, cost_fen=cost_fen, expiry=expiry, batch=batch)
        self._set(draft, line, line.qty + qty)
        return line

    def set_qty(self, draft: ReceiptDraft, sku: str, qty: int, *,
                cost_fen: int | None = None, expiry: str | None = None,
                batch: str | None = None) -> ReceiptLine:
        """Type a line's received quantity (0: none came) and its details."""
        line = draft.line_of(sku)
        if line is None:
            return self.scan(draft, sku, qty, cost_fen=cost_fen, expiry=expiry,
                             batch=batch or "")
        self._details(line, cost_fen=cost_fen, expiry=expiry, batch=batch)
        self._set(draft, line, qty)
        return line

    def _details(self, line: ReceiptLine, *, cost_fen: int | None, expiry: str | None,
                 batch: str | None) -> None:
        if cost_fen is not None:
            if not 0 <= cost_fen <= MAX_COST_FEN:
                raise PosError("receiving.cost_invalid", sku=line.sku, cost=cost_fen)
            line.cost_fen = cost_fen
        if expiry is not None:
            line.expiry = _expiry(expiry)
        if batch is not None:
            line.batch = batch.strip()[:64]

    def _set(self, draft: ReceiptDraft, line: ReceiptLine, qty: int) -> None:
        weighed = line.product.is_weighed if line.product else False
        limit = MAX_GRAMS if weighed else MAX_PIECES
        if not 0 <= qty <= limit:
            raise PosError("stock.qty_invalid", line=draft.lines.index(line) + 1, qty=qty,
                           limit=limit)
        line.qty = qty

    def differences(self, draft: ReceiptDraft) -> list[Difference]:
        """Each product ordered or received: short, over or as ordered."""
        return differences(
            [(ln.sku, ln.ordered) for ln in draft.lines if ln.ordered is not None],
            [(ln.sku, ln.qty) for ln in draft.lines if ln.qty])

    def post(self, draft: ReceiptDraft, approval: Approval | None = None) -> Posted:
        """Move the stock in and write the ``receipt.posted`` event (one transaction)."""
        for n, line in enumerate(draft.lines, 1):
            if not line.qty:
                continue
            if line.product is None:
                raise PosError("receiving.product_unknown", line=n, sku=line.sku)
            if line.expiry is None and settings_of(
                    engine=self._engine, product_id=line.product.product_id).tracks_expiry:
                raise PosError("receiving.expiry_needed", line=n, name=line.name)
        ref = draft.order.receipt_id if draft.order else ""
        who = authorize(self._staff, approval, action="stock.receive",
                        subject=draft.receipt_uuid, order=ref, supplier=draft.supplier,
                        lines=len(draft.lines))
        doc = StockDoc(
            doc_uuid=draft.receipt_uuid, kind="receipt", store_code=self.store_info.store_code,
            terminal_code=self.store_info.terminal_code, at=self._clock().isoformat(),
            ref=ref, supplier=draft.supplier, staff_id=who.staff_id,
            staff_name=who.staff_name, approver_name=who.approver_name,
            lines=tuple(DocLine(ln.product.product_id if ln.product else None, ln.sku, ln.qty,
                                ln.ordered, ln.cost_fen, ln.expiry, ln.batch)
                        for ln in draft.lines if ln.qty or ln.ordered))
        return store.post_document(engine=self._engine, doc=doc, audit=who.audit)

"""The stock-operations tables: what the store expects to receive (pulled from the cloud),
the receipts, transfers out and adjustments posted here (each once, with its lines), and
the per-product stock settings a manager keeps (minimum stock, cost, expiry tracking).

A posted document is never changed; its stock moves are ledger rows (``stock_movement``)
pointing at the same outbox event.
"""

from __future__ import annotations

from sqlmodel import Field

from pos_app.store.models.base import LocalTable, table_of


class ExpectedReceipt(LocalTable, table=True):
    """An open purchase order (``PO-…``) or incoming transfer (``TR-…``) of a store, as the
    cloud's ``expected_receipts`` stream has it; ``received_doc`` the receipt posted here
    against it (None while open)."""

    __tablename__ = "expected_receipt"

    receipt_id: str = Field(primary_key=True)
    store_code: str
    kind: str  # order | transfer
    supplier: str = ""
    from_store: str = ""
    created_at: str = ""
    received_doc: str | None = None


class ExpectedReceiptLine(LocalTable, table=True):
    """A line of an expected receipt: ``qty`` ordered, ``cost_fen`` the unit cost if given."""

    __tablename__ = "expected_receipt_line"

    receipt_id: str = Field(foreign_key="expected_receipt.receipt_id", primary_key=True)
    line_no: int = Field(primary_key=True)
    sku: str
    qty: int
    cost_fen: int | None = None


class StockDocument(LocalTable, table=True):
    """A receipt (``kind`` receipt), a transfer out (transfer) or an adjustment
    (adjustment), posted once with its event. ``ref``: the expected receipt it was received
    against, the store a transfer goes to, or an adjustment's reason code."""

    __tablename__ = "stock_document"

    id: int | None = Field(default=None, primary_key=True)
    doc_uuid: str = Field(unique=True)
    doc_no: str = Field(unique=True)
    kind: str
    ref: str = ""
    supplier: str = ""
    note: str = ""
    staff_id: str = ""
    staff_name: str = ""
    at: str
    event_seq: int


class StockDocumentLine(LocalTable, table=True):
    """A line of a posted document: ``delta`` the stock moved (signed), ``ordered`` what
    the order said (receipts against one), ``cost_fen`` the unit cost, ``expiry``/``batch``
    for products that carry one. A short line of an order has ``delta`` 0."""

    __tablename__ = "stock_document_line"

    document_id: int = Field(foreign_key="stock_document.id", primary_key=True)
    pos: int = Field(primary_key=True)
    product_id: int | None = Field(default=None, foreign_key="product.id")
    sku: str
    delta: int
    ordered: int | None = None
    cost_fen: int | None = None
    expiry: str | None = None
    batch: str = ""


class ProductStock(LocalTable, table=True):
    """A product's stock settings at this store: ``min_stock`` (the low-stock line; None:
    not watched), ``cost_fen`` the last unit cost received, ``tracks_expiry`` whether a
    receipt asks for its best-before date."""

    __tablename__ = "product_stock"

    product_id: int = Field(foreign_key="product.id", primary_key=True)
    min_stock: int | None = None
    cost_fen: int | None = None
    tracks_expiry: bool = False


expected_receipt = table_of(ExpectedReceipt)
expected_receipt_line = table_of(ExpectedReceiptLine)
stock_document = table_of(StockDocument)
stock_document_line = table_of(StockDocumentLine)
product_stock = table_of(ProductStock)

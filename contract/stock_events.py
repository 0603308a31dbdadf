"""The stock-operations events: goods received, goods sent to another store, stock adjusted.

Each is written to a till's outbox in the transaction of its stock movements and applied by
the cloud once per store (``sync.server.stock_effects``); quantities are signed pieces, or
grams for weighed goods; costs are fen.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from contract.event_base import EventPayload

RECEIPT_POSTED = "receipt.posted"
TRANSFER_SENT = "transfer.sent"
STOCK_ADJUSTED = "stock.adjusted"

# Reasons of ``stock.adjusted`` and the sign of their delta (found adds, the rest remove).
ADJUSTMENT_REASONS: dict[str, int] = {
    "damaged": -1, "expired": -1, "own_use": -1, "theft": -1, "found": 1}
# What ``receipt.posted`` receives against: a purchase order, a transfer, or nothing (free).
RECEIPT_KINDS = ("order", "transfer", "free")


class ReceiptLinePayload(EventPayload):
    """A received line: ``qty`` received (> 0), ``ordered`` what the order said (None for
    a product not on it or a free receipt), ``cost_fen`` the unit cost, ``expiry`` the
    best-before date (YYYY-MM-DD) and ``batch`` for products that carry one."""

    sku: StrictStr
    qty: StrictInt
    ordered: StrictInt | None = None
    cost_fen: StrictInt | None = None
    expiry: StrictStr | None = None
    batch: StrictStr = ""


class ReceiptPostedPayload(EventPayload):
    """``receipt.posted``: goods in. ``expected_id`` names the purchase order or transfer
    (from the ``expected_receipts`` stream) when ``kind`` is not ``free``; ``short`` lists
    the ordered skus that came short (kept for HQ, never moving stock)."""

    receipt_uuid: StrictStr
    receipt_no: StrictStr
    kind: StrictStr
    expected_id: StrictStr | None = None
    supplier: StrictStr = ""
    at: StrictStr
    staff_id: StrictStr = ""
    staff_name: StrictStr = ""
    lines: list[ReceiptLinePayload]
    short: list[ReceiptLinePayload] = []


class TransferLinePayload(EventPayload):
    """A line sent to another store: ``qty`` > 0."""

    sku: StrictStr
    qty: StrictInt


class TransferSentPayload(EventPayload):
    """``transfer.sent``: goods out to ``to_store`` (a store code of the chain); the cloud
    makes it that store's expected receipt ``TR-<transfer_uuid>``."""

    transfer_uuid: StrictStr
    to_store: StrictStr
    at: StrictStr
    staff_id: StrictStr = ""
    staff_name: StrictStr = ""
    note: StrictStr = ""
    lines: list[TransferLinePayload]


class AdjustmentLinePayload(EventPayload):
    """An adjusted line: ``delta`` signed as ``ADJUSTMENT_REASONS`` says."""

    sku: StrictStr
    delta: StrictInt


class StockAdjustedPayload(EventPayload):
    """``stock.adjusted``: a write-off or a find with its ``reason`` code."""

    adjustment_uuid: StrictStr
    reason: StrictStr
    at: StrictStr
    staff_id: StrictStr = ""
    staff_name: StrictStr = ""
    approver_name: StrictStr | None = None
    note: StrictStr = ""
    lines: list[AdjustmentLinePayload]


class ExpectedLineData(BaseModel):
    """A line of an ``expected_receipts`` row: ``qty`` ordered or sent, ``cost_fen`` the
    unit cost when the order gives one."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sku: str = Field(min_length=1, max_length=64)
    qty: int = Field(ge=1, le=999_999)
    cost_fen: int | None = Field(default=None, ge=0)


class ExpectedReceiptData(BaseModel):
    """The data of an ``expected_receipts`` stream row (key: the receipt id, ``PO-…`` for a
    purchase order, ``TR-…`` for a transfer): what a store expects to receive."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    kind: str = Field(pattern=r"^(order|transfer)$")
    store_code: str = Field(min_length=1, max_length=32)
    supplier: str = ""
    from_store: str = ""
    created_at: str = ""
    lines: list[ExpectedLineData] = Field(max_length=2000)


def transfer_receipt_id(transfer_uuid: str) -> str:
    """The expected-receipt id of a transfer at the store it goes to."""
    return f"TR-{transfer_uuid}"


STOCK_EVENT_VERSIONS: dict[str, int] = {RECEIPT_POSTED: 1, TRANSFER_SENT: 1, STOCK_ADJUSTED: 1}
STOCK_EVENT_PAYLOADS: dict[str, type[EventPayload]] = {
    RECEIPT_POSTED: ReceiptPostedPayload,
    TRANSFER_SENT: TransferSentPayload,
    STOCK_ADJUSTED: StockAdjustedPayload,
}

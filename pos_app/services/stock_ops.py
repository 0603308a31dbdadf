"""Transfers out to another store, adjustments with a reason code, the low-stock list and
the per-product stock settings. Each transfer or adjustment is ledger movements plus ONE
event (``transfer.sent`` / ``stock.adjusted``) in one transaction.

    ops.transfer_out("S002", [("6901234567892", 5)])       # → Posted ("…-T000001")
    ops.adjust("damaged", [("6901234567892", 2)], note="dropped")   # −2
    ops.set_min_stock("010001", 10)
    ops.low_stock()       # → [LowStock(sku, on_hand, min_stock, suggested)]

The suggested order quantity (``core.stock_ops.suggested_order``): below the minimum,
order back up to twice the minimum (2 × min − on hand).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import Engine

from pos_app.core.clock import default_now
from pos_app.core.errors import PosError
from pos_app.core.stock_ops import LowStock, adjustment_delta, check_move_qty, low_stock
from pos_app.core.store_info import StoreInfo
from pos_app.services.staff import Approval, StaffService
from pos_app.services.stock_common import authorize, product_of
from pos_app.store import receiving as store
from pos_app.store import stock_settings
from pos_app.store.receiving import DocLine, Posted, StockDoc

_STORE = re.compile(r"^[A-Za-z0-9_-]{1,32}$", re.ASCII)
MAX_MIN_STOCK = 999_999


class StockOpsService:
    """Transfers, adjustments, low stock (see the module docstring)."""

    def __init__(self, *, engine: Engine, store_info: StoreInfo,
                 staff: StaffService | None = None,
                 clock: Callable[[], datetime] = default_now,
                 new_uuid: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
        self._engine = engine
        self.store_info = store_info
        self._staff = staff
        self._clock = clock
        self._new_uuid = new_uuid

    def _lines(self, lines: Sequence[tuple[str, int]], sign: Callable[[int], int]
               ) -> tuple[DocLine, ...]:
        if not lines:
            raise PosError("stock.nothing_to_post")
        out = []
        for n, (code, qty) in enumerate(lines, 1):
            product = product_of(self._engine, code)
            check_move_qty(qty, weighed=product.is_weighed, line=n)
            out.append(DocLine(product.product_id, product.sku, sign(qty)))
        return tuple(out)

    def _post(self, *, kind: str, ref: str, lines: tuple[DocLine, ...], note: str,
              approval: Approval | None, doc_uuid: str | None) -> Posted:
        doc_uuid = doc_uuid or self._new_uuid()
        who = authorize(self._staff, approval, action=f"stock.{kind}", subject=doc_uuid,
                        ref=ref, lines=len(lines))
        return store.post_document(engine=self._engine, audit=who.audit, doc=StockDoc(
            doc_uuid=doc_uuid, kind=kind, store_code=self.store_info.store_code,
            terminal_code=self.store_info.terminal_code, at=self._clock().isoformat(),
            lines=lines, ref=ref, note=note.strip()[:500], staff_id=who.staff_id,
            staff_name=who.staff_name, approver_name=who.approver_name))

    def transfer_out(self, to_store: str, lines: Sequence[tuple[str, int]], *, note: str = "",
                     approval: Approval | None = None, doc_uuid: str | None = None) -> Posted:
        """Send ``(code, qty)`` lines to another store of the chain (``transfer_out``); the
        cloud makes them that store's expected receipt."""
        to_store = to_store.strip().upper()
        if not _STORE.match(to_store):
            raise PosError("transfer.store_invalid", store=to_store[:32])
        if to_store == self.store_info.store_code.upper():
            raise PosError("transfer.same_store", store=to_store)
        return self._post(kind="transfer", ref=to_store, lines=self._lines(lines, lambda q: -q),
                          note=note, approval=approval, doc_uuid=doc_uuid)

    def adjust(self, reason: str, lines: Sequence[tuple[str, int]], *, note: str = "",
               approval: Approval | None = None, doc_uuid: str | None = None) -> Posted:
        """Adjust ``(code, qty)`` lines for ``reason`` (damaged, expired, own_use, theft
        remove; found adds)."""
        adjustment_delta(reason, 1)  # stock.reason_unknown before anything else
        return self._post(kind="adjustment", ref=reason,
                          lines=self._lines(lines, lambda q: adjustment_delta(reason, q)),
                          note=note, approval=approval, doc_uuid=doc_uuid)

    def set_min_stock(self, code: str, min_stock: int | None) -> None:
        """Watch a product for low stock below ``min_stock`` (None: stop watching)."""
        product = product_of(self._engine, code)
        if min_stock is not None and not 0 <= min_stock <= MAX_MIN_STOCK:
            raise PosError("stock.min_invalid", qty=min_stock, limit=MAX_MIN_STOCK)
        stock_settings.set_settings(engine=self._engine, product_id=product.product_id,
                                    min_stock=min_stock, clear_min=min_stock is None)

    def set_tracks_expiry(self, code: str, tracks: bool) -> None:
        """Whether receiving asks this product's expiry date."""
        product = product_of(self._engine, code)
        stock_settings.set_settings(engine=self._engine, product_id=product.product_id,
                                    tracks_expiry=tracks)

    def low_stock(self) -> list[LowStock]:
        """Products below their minimum with the suggested order quantity, worst first."""
        return low_stock(stock_settings.watched_rows(engine=self._engine))

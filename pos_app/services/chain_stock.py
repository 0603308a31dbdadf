"""附近门店库存: how much of a product the chain's other stores hold, asked of the cloud
(``GET /v1/stock/{sku}``, ``contract.chain_stock``) while the till is online, and kept with
the time it was asked so that offline the till shows the last answer with its age — or says
it has none. One try with a short timeout, off the UI thread and off the writer thread
(``ui.tasks`` ``own_thread``), never the sync's retries."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import quote

import httpx
from pydantic import ValidationError

from contract.chain_stock import ChainStock, StoreStock
from pos_app.core.clock import default_now
from pos_app.services.cloud_lookup import cloud_get
from pos_app.services.sync_service import SyncService

ASK_TIMEOUT_S = 3.0
KEEP = 500  # answers kept (the products looked at lately)


@dataclass(frozen=True, slots=True)
class ChainStockView:
    """The other stores' stock of ``sku`` as last known: ``asked_at`` None when the cloud
    was never asked; ``fresh`` when this answer came from the cloud just now."""

    sku: str
    stores: tuple[StoreStock, ...] = ()
    asked_at: datetime | None = None
    fresh: bool = False


class ChainStockService:
    """See the module docstring; ``lookup`` runs off the UI thread, ``cached`` anywhere."""

    def __init__(self, *, sync: SyncService, transport: httpx.BaseTransport | None = None,
                 clock: Callable[[], datetime] = default_now,
                 timeout_s: float = ASK_TIMEOUT_S) -> None:
        self._sync, self._transport, self._clock = sync, transport, clock
        self._timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 2.0))
        self._kept: OrderedDict[str, ChainStockView] = OrderedDict()

    def cached(self, sku: str) -> ChainStockView:
        """The last answer for ``sku`` (an empty one, never asked, when there is none)."""
        kept = self._kept.get(sku)
        return replace(kept, fresh=False) if kept is not None else ChainStockView(sku)

    def lookup(self, sku: str) -> ChainStockView:
        """Ask the cloud now when the till reaches it; else (or when it fails) the last
        answer, not fresh."""
        credential = self._sync.credential
        if credential is None or not self._sync.is_online():
            return self.cached(sku)
        try:
            response = cloud_get(self._sync.url, credential, f"/v1/stock/{quote(sku, safe='')}",
                                 timeout=self._timeout, transport=self._transport)
            response.raise_for_status()
            answer = ChainStock.model_validate_json(response.content)
        except (httpx.HTTPError, ValueError, ValidationError):
            return self.cached(sku)
        view = ChainStockView(sku, tuple(answer.stores), self._clock(), fresh=True)
        self._kept[sku] = view
        self._kept.move_to_end(sku)
        while len(self._kept) > KEEP:
            self._kept.popitem(last=False)
        return view

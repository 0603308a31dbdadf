"""Reference data a pull changed, from the sync worker to the UI thread.

The sync worker reads what changed (``reference_loader``: the loyalty rules, keys and tiers,
the store's name, address and footer) into one immutable ``PulledReference``; the UI thread
puts it in use (``use_pulled``), each piece with one assignment. The worker never assigns
anything the UI reads (docs/internals.md, "Threads").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from pos_app.core.store_info import StoreInfo
from pos_app.services.loyalty import LoyaltyReference, load_reference
from pos_app.store import terminal

if TYPE_CHECKING:
    from pos_app.services.checkout import CheckoutService

LOYALTY_STREAMS = frozenset({"tiers", "promotions", "chain_keys"})


@dataclass(frozen=True, slots=True)
class PulledReference:
    """What a pull changed, read and built off the UI thread (None: unchanged)."""

    streams: frozenset[str]
    loyalty: LoyaltyReference | None = None
    store_info: StoreInfo | None = None


def reference_loader(*, engine: Engine) -> Callable[[frozenset[str]], PulledReference]:
    """What the sync worker calls after a pull changed ``streams``: reads only."""

    def load(streams: frozenset[str]) -> PulledReference:
        loyalty = load_reference(engine=engine) if streams & LOYALTY_STREAMS else None
        info = (terminal.get_store_info(engine=engine)
                if "store" in streams and terminal.has_store_info(engine=engine) else None)
        return PulledReference(streams=streams, loyalty=loyalty, store_info=info)

    return load


def use_pulled(checkout: CheckoutService, pulled: PulledReference) -> None:
    """Put pulled reference data in use (on the UI thread, between two of its events)."""
    if pulled.loyalty is not None:
        checkout.loyalty.use(pulled.loyalty)
    if pulled.store_info is not None:
        checkout.store_info = pulled.store_info
        checkout.loyalty.store_info = pulled.store_info

"""What service calls return: the changes the UI redraws from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from pos_app.core.pricing import PricedCart
from pos_app.core.product import ProductInfo
from pos_app.core.receipt import ReceiptDocument
from pos_app.core.sale import Sale
from pos_app.core.scan_router import ScanKind
from pos_app.core.tenders import PaymentState

if TYPE_CHECKING:
    from pos_app.services.return_writes import ReturnDone

T = TypeVar("T")
R = TypeVar("R")

# payment_code: a customer's payment code scanned on the sale screen (pay with it instead);
# not_available: a pickup/staff code whose feature comes later; member / coupon: the sale now
# has that member or coupon (``change`` carries the re-priced sale); receipt: a receipt
# brought back (the return screen opens for it).
ScanStatus = Literal[
    "added", "unknown", "invalid", "inactive", "needs_weight", "ignored", "payment_code",
    "not_available", "member", "coupon", "receipt",
]


@dataclass(frozen=True, slots=True)
class CartChange:
    """The sale after a change, priced, plus the line that changed (None: whole cart)."""

    sale: Sale
    priced: PricedCart
    payment: PaymentState
    line_id: int | None = None


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    """Result of a scan: ``added`` carries the change; otherwise a message key for the UI.

    ``kind`` is what the scan router made of the code (None when not classified).
    """

    status: ScanStatus
    code: str
    change: CartChange | None = None
    key: str = ""
    data: dict[str, object] = field(default_factory=dict)
    product: ProductInfo | None = None
    kind: ScanKind | None = None

    @property
    def ok(self) -> bool:
        """True when a line was added or updated."""
        return self.status == "added"


@dataclass(frozen=True, slots=True)
class CompletedSale:
    """A committed sale: its receipt, and the fresh sale that follows it; ``exchange``: the
    return written with it when it was an exchange (its receipt prints with the sale's)."""

    receipt: ReceiptDocument
    sale_id: int
    change: CartChange
    exchange: ReturnDone | None = None


@dataclass(frozen=True, slots=True)
class Pending(Generic[T, R]):
    """A write split in two: ``run`` on the writer thread, then ``finish`` on the UI thread.

    ``abort`` releases the service when ``run`` failed. ``run_now`` does both in place.
    """

    run: Callable[[], T]
    finish: Callable[[T], R]
    abort: Callable[[], None]

    def run_now(self) -> R:
        """Run and finish synchronously (tests, benchmarks, scripts)."""
        try:
            result = self.run()
        except BaseException:
            self.abort()
            raise
        return self.finish(result)

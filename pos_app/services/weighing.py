"""Weigh a product on the serial scale: a stable net weight in grams, or an error to show.

A weighed product scanned without a scale label (checkout outcome ``needs_weight``) asks
the scale here; when no scale is configured (``scale.not_configured``) or it fails, the UI
falls back to asking the cashier for the weight.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Protocol

from drivers.device import DeviceState, DeviceStatus
from drivers.scale.serial_scale import ScaleError, ScaleResult
from drivers.scale.toledo import Reading, ScaleStatus
from pos_app.core.errors import PosError
from pos_app.core.product import ProductInfo
from pos_app.core.quantity import check_qty

log = logging.getLogger(__name__)

_STATUS_KEYS = {
    ScaleStatus.MOTION: "scale.unstable",
    ScaleStatus.ZERO: "scale.zero",
    ScaleStatus.UNDER_ZERO: "scale.under_zero",
    ScaleStatus.OVERLOAD: "scale.overload",
    ScaleStatus.FAULT: "scale.fault",
}


class Scale(Protocol):
    """What weighing needs from a scale (``ScaleWorker`` or a test double)."""

    @property
    def status(self) -> DeviceStatus: ...

    def request_weight(self, timeout_s: float | None = None) -> Future[ScaleResult]: ...


class WeighingService:
    """Asks the scale for a stable weight; errors are ``PosError`` with a ``scale.*`` key."""

    def __init__(
        self, *, scale: Scale | None, timeout_s: float = 3.0, grace_s: float = 1.0
    ) -> None:
        self._scale = scale
        self._timeout_s = timeout_s
        self._grace_s = grace_s  # the worker answers by timeout_s; this covers a stuck one

    @property
    def available(self) -> bool:
        """True when a scale is configured and not known to be offline."""
        return self._scale is not None and self._scale.status.state not in (
            DeviceState.OFFLINE, DeviceState.DISABLED)

    def weigh(self, product: ProductInfo) -> int:
        """Block until a stable net weight in grams (≤ timeout); raise ``PosError`` otherwise.

        Run it off the UI thread, or use ``weigh_async``.
        """
        future = self._start(product)
        try:
            result = future.result(self._timeout_s + self._grace_s)
        except FutureTimeout:
            future.cancel()
            raise PosError("scale.no_reply", **_data(product)) from None
        return grams_from(result, product)

    def weigh_async(
        self, product: ProductInfo, on_done: Callable[[int | PosError], None]
    ) -> None:
        """Like ``weigh``; ``on_done`` gets grams or the ``PosError`` on the scale's thread
        (the UI bridge turns it into a signal)."""
        try:
            future = self._start(product)
        except PosError as exc:
            on_done(exc)
            return

        def done(fut: Future[ScaleResult]) -> None:
            try:
                outcome: int | PosError = grams_from(fut.result(), product)
            except PosError as exc:
                outcome = exc
            on_done(outcome)

        future.add_done_callback(done)

    def _start(self, product: ProductInfo) -> Future[ScaleResult]:
        if not product.is_weighed:
            raise PosError("scale.not_weighed", **_data(product))
        if self._scale is None:
            raise PosError("scale.not_configured", **_data(product))
        return self._scale.request_weight(self._timeout_s)


def grams_from(result: ScaleResult, product: ProductInfo) -> int:
    """The grams in a scale result, or the ``PosError`` that says why there are none."""
    data = _data(product)
    if isinstance(result, ScaleError):  # offline, no_reply, bad_reply, unstable
        raise PosError(result.key, **data)
    if not isinstance(result, Reading):  # defensive: a double returning the wrong thing
        raise PosError("scale.bad_reply", **data)
    if result.status is not ScaleStatus.OK or not result.stable:
        raise PosError(_STATUS_KEYS.get(result.status, "scale.unstable"), **data)
    if result.grams <= 0:
        raise PosError("scale.zero", **data)
    try:
        return check_qty(result.grams, weighed=True)
    except PosError:
        raise PosError("scale.overload", **data) from None


def _data(product: ProductInfo) -> dict[str, object]:
    return {"name": product.name, "sku": product.sku}

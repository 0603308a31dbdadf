"""Percentiles and summaries: the one place benchmark figures are computed."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile (0–100) with linear interpolation between ranks."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= pct <= 100:
        raise ValueError(f"percentile out of range: {pct}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ms(ns: float) -> float:
    """Nanoseconds to milliseconds, rounded to microseconds for the report."""
    return round(ns / 1e6, 3)


def summary_ms(samples_ns: Sequence[int], *pcts: float) -> dict[str, float]:
    """``{"p50": .., "p99": ..}`` in ms for the given percentiles, plus max."""
    out = {f"p{pct:g}": ms(percentile(samples_ns, pct)) for pct in pcts}
    out["max"] = ms(max(samples_ns))
    return out


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)

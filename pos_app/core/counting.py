"""Stock counts while the store sells: sessions, count lines and their arithmetic.

A count line records the stock ledger's high-water mark ``hwm`` (the last ``stock_movement``
id seen when it was counted). The expected quantity of a product is the ledger's sum up to
that mark, so sales before the count line are in "expected" and sales after it are not:

    adjustment = counted − Σ delta (id ≤ hwm)
    balance after posting = Σ delta (all) + adjustment = counted + Σ delta (id > hwm)

A product counted in several lines (shelf and back room) sums its lines and takes the
latest line's mark: its count is complete then. A recount (a later ``round``) replaces that
product's earlier lines. Pure: no Qt, no SQL; quantities are pieces (grams when weighed),
money is fen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pos_app.core.errors import PosError

ScopeKind = Literal["store", "category", "zone", "products"]
SCOPE_KINDS: tuple[ScopeKind, ...] = ("store", "category", "zone", "products")
MAX_COUNT_QTY = 9_999_999  # pieces, or grams (~10 t): above this a count line is a typo


@dataclass(frozen=True, slots=True)
class CountScope:
    """What a session counts: the whole store, one category, one zone (a label counters
    write on their lines), or a list of products."""

    kind: ScopeKind = "store"
    value: str = ""  # the category or zone label
    product_ids: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in SCOPE_KINDS:
            raise PosError("count.scope_invalid", kind=self.kind)
        if self.kind in ("category", "zone") and not self.value.strip():
            raise PosError("count.scope_invalid", kind=self.kind)
        if self.kind == "products" and not self.product_ids:
            raise PosError("count.scope_invalid", kind=self.kind)


@dataclass(frozen=True, slots=True)
class CountLine:
    """One scan or typed quantity: ``product_id`` None keeps an unknown ``code`` for review.
    ``hwm``: the ledger's last movement id when it was counted; ``round``: 0, then 1, 2...
    for recounts."""

    product_id: int | None
    code: str
    qty: int
    hwm: int
    counter_id: str = ""
    counter_name: str = ""
    device: str = ""
    location: str = ""
    counted_at: str = ""
    round: int = 0


@dataclass(frozen=True, slots=True)
class ProductCount:
    """A product's count: the sum of its lines in its latest round, at the latest mark."""

    product_id: int
    counted: int
    hwm: int
    lines: int
    counted_at: str = ""  # the latest line's time (ISO), when the count was complete


def check_count_qty(qty: int) -> int:
    """A counted quantity: 0 (none on the shelf) up to ``MAX_COUNT_QTY``."""
    if isinstance(qty, bool) or not isinstance(qty, int):
        raise PosError("count.qty_invalid", qty=str(qty))
    if qty < 0:
        raise PosError("count.qty_invalid", qty=qty)
    if qty > MAX_COUNT_QTY:
        raise PosError("count.qty_too_large", qty=qty, max=MAX_COUNT_QTY)
    return qty


def product_counts(lines: Iterable[CountLine]) -> dict[int, ProductCount]:
    """Per product: Σ qty of its lines of its latest round, and that round's latest mark
    (unknown codes are left out: ``unknown_codes``)."""
    rounds: dict[int, int] = {}
    sums: dict[int, list[int]] = {}  # product → [counted, hwm, lines]
    times: dict[int, str] = {}
    for ln in lines:
        pid = ln.product_id
        if pid is None:
            continue
        top = rounds.get(pid, -1)
        if ln.round < top:
            continue
        if ln.round > top:
            rounds[pid] = ln.round
            sums[pid] = [0, 0, 0]
            times[pid] = ""
        acc = sums[pid]
        times[pid] = max(times[pid], ln.counted_at)
        acc[0] += ln.qty
        acc[1] = max(acc[1], ln.hwm)
        acc[2] += 1
    return {pid: ProductCount(pid, a[0], a[1], a[2], times[pid]) for pid, a in sums.items()}


def unknown_codes(lines: Iterable[CountLine]) -> dict[str, int]:
    """Codes nobody knows, with the quantity counted of each (kept for review)."""
    out: dict[str, int] = {}
    for ln in lines:
        if ln.product_id is None:
            out[ln.code] = out.get(ln.code, 0) + ln.qty
    return out


def expected_at(deltas: Iterable[tuple[int, int]], hwm: int, *, carried: int = 0) -> int:
    """Σ of one product's ledger ``(movement id, delta)`` up to ``hwm`` (plus what
    retention carried forward, all of it older than any mark)."""
    return carried + sum(d for mid, d in deltas if mid <= hwm)


def adjustment(counted: int, expected: int) -> int:
    """The movement that makes the ledger at the mark equal the count."""
    return counted - expected


@dataclass(frozen=True, slots=True)
class VarianceRules:
    """When a variance is big enough to recount: |units| ≥ ``units`` or |value at price|
    ≥ ``value_fen`` (0 turns a rule off)."""

    units: int = 10
    value_fen: int = 10_000


@dataclass(frozen=True, slots=True)
class VarianceRow:
    """A product's review row: expected at its mark, counted, the variance in units and its
    value at cost and at price (fen); ``big``: to recount; ``counted`` None: not counted."""

    product_id: int
    expected: int
    counted: int | None
    variance: int
    cost_fen: int
    price_fen: int
    hwm: int
    big: bool
    weighed: bool = False

    @property
    def value_cost_fen(self) -> int:
        return value_of(self.variance, self.cost_fen, weighed=self.weighed)

    @property
    def value_price_fen(self) -> int:
        return value_of(self.variance, self.price_fen, weighed=self.weighed)


def value_of(units: int, unit_fen: int, *, weighed: bool = False) -> int:
    """Units × unit price in fen; grams × price per kg for weighed goods (rounded half up,
    away from zero)."""
    if not weighed:
        return units * unit_fen
    size = (abs(units) * unit_fen + 500) // 1000
    return size if units >= 0 else -size


def is_big(units: int, value_fen: int, rules: VarianceRules) -> bool:
    """Whether a variance calls for a recount under ``rules``."""
    return ((rules.units > 0 and abs(units) >= rules.units)
            or (rules.value_fen > 0 and abs(value_fen) >= rules.value_fen))


@dataclass(frozen=True, slots=True)
class PricedProduct:
    """What the review needs of a product: unit cost and price in fen (per piece, or per
    kg when ``weighed``: quantities are grams then)."""

    product_id: int
    cost_fen: int
    price_fen: int
    weighed: bool = False


def variance_rows(counts: Mapping[int, ProductCount], expected: Callable[[int, int], int],
                  products: Mapping[int, PricedProduct], *, uncounted: Iterable[int] = (),
                  now_mark: int = 0,
                  rules: VarianceRules = VarianceRules()) -> list[VarianceRow]:
    """Review rows: each counted product against ``expected(product_id, hwm)``, then the
    products in scope nobody counted (``counted`` None, expected at ``now_mark``; their
    variance is 0 until counted)."""
    rows = []
    for pid, c in counts.items():
        exp = expected(pid, c.hwm)
        rows.append(_row(pid, exp, c.counted, c.hwm, products.get(pid), rules))
    for pid in uncounted:
        if pid not in counts:
            rows.append(VarianceRow(pid, expected(pid, now_mark), None, 0, 0, 0, now_mark,
                                    False))
    return rows


def _row(pid: int, expected: int, counted: int, hwm: int, p: PricedProduct | None,
         rules: VarianceRules) -> VarianceRow:
    variance = counted - expected
    cost, price, weighed = (p.cost_fen, p.price_fen, p.weighed) if p else (0, 0, False)
    value = value_of(variance, price, weighed=weighed)
    # grams are not units: a weighed product is flagged by its value only
    units = 0 if weighed else variance
    return VarianceRow(pid, expected, counted, variance, cost, price, hwm,
                       is_big(units, value, rules), weighed)


def posting(counts: Mapping[int, ProductCount],
            expected: Callable[[int, int], int]) -> list[tuple[int, int, int, int]]:
    """``(product_id, counted, expected, adjustment)`` of every counted product, nonzero
    adjustments and zero ones alike (a count that matched is a fact too)."""
    out = []
    for pid in sorted(counts):
        c = counts[pid]
        exp = expected(pid, c.hwm)
        out.append((pid, c.counted, exp, adjustment(c.counted, exp)))
    return out

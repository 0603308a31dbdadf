"""The basket as units, the working state of one pricing run (int fen, mutable, internal)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pos_app.core.cart import CartLine


class Units:
    """Every line split into units: a piece line is ``qty`` units at the unit price; a weighed
    or label-priced line is one indivisible unit worth its gross.

    Units of a line are contiguous (``start[i]`` .. ``start[i] + count[i]``), in cart order,
    so a unit's index is also the tie-break that keeps results reproducible.
    """

    __slots__ = (
        "base",
        "blocked",
        "blocked_n",
        "count",
        "countable",
        "line_net",
        "line_of",
        "lines",
        "net",
        "start",
        "unit_base",
    )

    def __init__(self, lines: Sequence[CartLine]) -> None:
        self.lines = lines
        self.countable = [ln.fixed_amount is None and not ln.product.is_weighed for ln in lines]
        self.count = [ln.qty if c else 1 for ln, c in zip(lines, self.countable, strict=True)]
        # Per line: one unit's amount before promotions.
        self.unit_base = [ln.unit_price.fen if c else ln.gross.fen
                          for ln, c in zip(lines, self.countable, strict=True)]
        self.start: list[int] = []
        self.base: list[int] = []
        self.line_of: list[int] = []
        pos = 0
        for i, (n, amount) in enumerate(zip(self.count, self.unit_base, strict=True)):
            self.start.append(pos)
            pos += n
            self.base += [amount] * n
            self.line_of += [i] * n
        self.net = list(self.base)  # amount after the discounts applied so far
        self.line_net = [u * n for u, n in zip(self.unit_base, self.count, strict=True)]
        # 1 = taken by an exclusive rule: later (stackable, basket) rules leave it alone.
        self.blocked = bytearray(len(self.base))
        self.blocked_n = [0] * len(lines)  # blocked units per line

    def __len__(self) -> int:
        return len(self.base)

    def block(self, unit_ids: Iterable[int]) -> None:
        """Mark units as taken by an exclusive rule."""
        blocked, blocked_n, line_of = self.blocked, self.blocked_n, self.line_of
        for u in unit_ids:
            if not blocked[u]:
                blocked[u] = 1
                blocked_n[line_of[u]] += 1

    def of_lines(self, lines: Sequence[int]) -> list[int]:
        """Unit indices of ``lines`` (in the order given)."""
        out: list[int] = []
        for i in lines:
            s = self.start[i]
            out.extend(range(s, s + self.count[i]))
        return out

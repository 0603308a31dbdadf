"""What each rule did in one pricing run, and the one place unit amounts are reduced."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pos_app.core.promotions.book import Rule
from pos_app.core.promotions.units import Units


class Acc:
    """One rule's effect so far: fen off per line, a count for its explanation.

    ``off`` has every line the rule used, with 0 for lines it only counted ("bought" units).
    """

    __slots__ = ("count", "gift_name", "off", "rule", "total")

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.off: dict[int, int] = {}  # line index → fen
        self.total = 0  # fen off across all lines
        self.count = 0
        self.gift_name = ""

    def take(self, units: Units, offs: Iterable[tuple[int, int]]) -> None:
        """Apply (unit, fen off) pairs: reduce the units' amounts and book them on their lines."""
        net, line_net, line_of, off_by_line = units.net, units.line_net, units.line_of, self.off
        total = 0
        for u, off in offs:
            net[u] -= off
            i = line_of[u]
            line_net[i] -= off
            off_by_line[i] = off_by_line.get(i, 0) + off
            total += off
        self.total += total

    def take_line(self, units: Units, i: int, unit_ids: Sequence[int], off: int) -> None:
        """Take ``off`` from each of ``unit_ids``, all units of line ``i``."""
        net = units.net
        for u in unit_ids:
            net[u] -= off
        off *= len(unit_ids)
        units.line_net[i] -= off
        self.off[i] = self.off.get(i, 0) + off
        self.total += off

    def touch(self, units: Units, taken: Iterable[int]) -> None:
        """Mark the lines of units the rule used without discounting them ("bought" units)."""
        line_of, off_by_line = units.line_of, self.off
        for u in taken:
            i = line_of[u]
            if i not in off_by_line:
                off_by_line[i] = 0

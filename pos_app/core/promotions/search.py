"""The search inside one group of competing count rules and limited flash prices.

Values are "fen off the group's units": the count rules' discounts plus, on every unit left
free, the best unit rule's discount (``best_off`` per line), plus what limited flash prices
add over that. Count rules apply in rank order on the units still free. Exhaustive search is
branch and bound: a count rule never takes more than its ``bound``, so a branch that cannot
reach the best total found so far is cut (never on a tie, which priority and ids decide).
"""

from __future__ import annotations

from collections.abc import Sequence

from pos_app.core.promotions.book import Rule
from pos_app.core.promotions.candidates import CountCand, FlashCand
from pos_app.core.promotions.rules import Take
from pos_app.core.promotions.units import Units

EXHAUSTIVE_MAX = 10  # count rules in a group searched exhaustively; greedy above


class Board:
    """Which units a competing rule holds (``taken``) and how many per line."""

    __slots__ = ("line_of", "taken", "taken_n")

    def __init__(self, units: Units) -> None:
        self.taken = bytearray(len(units))
        self.taken_n = [0] * len(units.lines)
        self.line_of = units.line_of

    def mark(self, unit_ids: Sequence[int]) -> None:
        """Hold ``unit_ids``."""
        taken, taken_n, line_of = self.taken, self.taken_n, self.line_of
        for u in unit_ids:
            taken[u] = 1
            taken_n[line_of[u]] += 1

    def unmark(self, unit_ids: Sequence[int]) -> None:
        """Release ``unit_ids`` (backtracking)."""
        taken, taken_n, line_of = self.taken, self.taken_n, self.line_of
        for u in unit_ids:
            taken[u] = 0
            taken_n[line_of[u]] -= 1


Chosen = tuple[CountCand, Take]  # a count rule and what it took
_Flashed = tuple[FlashCand, int, int]  # a flash price, a line, how many of its units
_Key = tuple[int, int, tuple[str, ...]]  # (total off, summed priority, sorted promo_ids)


class Group:
    """Count rules and limited flash prices that share lines, searched together."""

    def __init__(
        self,
        units: Units,
        counts: list[CountCand],
        flashes: list[FlashCand],
        best_off: list[int],
        best_rule: list[Rule | None],
        board: Board,
    ) -> None:
        self.units = units
        self.counts = counts
        self.flashes = flashes
        self.best_off = best_off
        self.best_rule = best_rule
        self.board = board
        lines: set[int] = set()
        for c in counts:
            lines.update(c.lines)
        for f in flashes:
            lines.update(f.lines)
        self.lines = sorted(lines)
        self.unit_total = sum(units.count[i] * best_off[i] for i in self.lines)
        self.flash_bound = sum(_flash_bound(f, best_off, units) for f in flashes)
        self.best_total: int | None = None
        self.best_takes: list[Chosen] = []
        self.best_plan: list[_Flashed] = []
        self.best_key: _Key | None = None  # worked out only when a tie needs it

    # -- evaluation ---------------------------------------------------------------------

    def _flash_plan(self) -> tuple[int, list[_Flashed]]:
        """Extra fen flash prices add over the unit rules on free units, and their plan.

        Greedy by gain across all flash prices (ties: rank, then line): never less than
        any one flash price would add on its own, since each unit it hands out blocks at
        most one unit that flash price would have taken, which gains no more.
        """
        if not self.flashes:
            return 0, []
        count, taken_n, best_off = self.units.count, self.board.taken_n, self.best_off
        options = sorted(
            ((f.off[i] - best_off[i], f.rule.rank, i, k)
             for k, f in enumerate(self.flashes) for i in f.lines if f.off[i] > best_off[i]),
            key=lambda o: (-o[0], o[1], o[2]),
        )
        free: dict[int, int] = {}
        left = [f.left for f in self.flashes]
        extra = 0
        plan: list[_Flashed] = []
        for gain, _, i, k in options:
            n = min(free.get(i, count[i] - taken_n[i]), left[k])
            if n > 0:
                free[i] = free.get(i, count[i] - taken_n[i]) - n
                left[k] -= n
                extra += n * gain
                plan.append((self.flashes[k], i, n))
        return extra, plan

    def _key(self, total: int, chosen: list[Chosen], plan: list[_Flashed]) -> _Key:
        """(total, summed priority, sorted promo_ids) of every rule a combination uses.

        Worked out from the combination itself, not the board, so it can be asked later.
        """
        used: dict[int, Rule] = {c.rule.rank: c.rule for c, _ in chosen}
        used.update((f.rule.rank, f.rule) for f, _, _ in plan)
        held: dict[int, int] = {}  # units per line held by a count or flash rule
        line_of = self.units.line_of
        for _, take in chosen:
            for u in take.taken:
                held[line_of[u]] = held.get(line_of[u], 0) + 1
        for _, i, n in plan:
            held[i] = held.get(i, 0) + n
        count = self.units.count
        for i in self.lines:
            r = self.best_rule[i]
            if r is not None and r.rank not in used and count[i] > held.get(i, 0):
                used[r.rank] = r
        prio = sum(r.priority for r in used.values())
        return total, prio, tuple(sorted(r.promo_id for r in used.values()))

    def _consider(self, value: int, chosen: list[Chosen]) -> None:
        best_total = self.best_total
        if best_total is not None and value + self.flash_bound < best_total:
            return
        flash_extra, plan = self._flash_plan()
        total = value + flash_extra
        if best_total is None or total > best_total:
            self.best_total, self.best_takes, self.best_plan = total, list(chosen), plan
            self.best_key = None
        elif total == best_total:
            # A tie: larger summed priority, then smaller promo_ids.
            best_key = self.best_key or self._key(total, self.best_takes, self.best_plan)
            key = self._key(total, chosen, plan)
            if key[1] > best_key[1] or (key[1] == best_key[1] and key[2] < best_key[2]):
                self.best_takes, self.best_plan, best_key = list(chosen), plan, key
            self.best_key = best_key

    def _gain(self, take: Take) -> int:
        """What holding ``take``'s units adds: its discount minus the unit rules' it displaces."""
        best_off, line_of = self.best_off, self.units.line_of
        return take.total - sum(best_off[line_of[u]] for u in take.taken)

    # -- search -------------------------------------------------------------------------

    def search(self) -> list[Chosen]:
        """The best set of count rules (with their takes), exhaustive or greedy by size."""
        if not self.counts:
            return []
        if len(self.counts) <= EXHAUSTIVE_MAX:
            suffix = [0] * (len(self.counts) + 1)
            # suffix[0] is never used (nothing to prune against at the root): skip its bound.
            for i in range(len(self.counts) - 1, 0, -1):
                suffix[i] = suffix[i + 1] + self.counts[i].bound(self.units.base)
            self._dfs(0, self.unit_total, [], suffix)
        else:
            self._greedy()
        return self.best_takes

    def _dfs(self, i: int, value: int, chosen: list[Chosen], suffix: list[int]) -> None:
        best_total = self.best_total
        # Prune only on a strict loss: an equal total may still win on priority or ids.
        if best_total is not None and value + suffix[i] + self.flash_bound < best_total:
            return
        if i == len(self.counts):
            self._consider(value, chosen)
            return
        cand = self.counts[i]
        take = cand.take(self.units.base, self.board.taken)
        if take.total > 0:
            chosen.append((cand, take))
            gain = self._gain(take)
            self.board.mark(take.taken)
            self._dfs(i + 1, value + gain, chosen, suffix)
            self.board.unmark(take.taken)
            chosen.pop()
        self._dfs(i + 1, value, chosen, suffix)

    def _greedy(self) -> None:
        chosen: list[Chosen] = []
        left = list(self.counts)
        flash_now = self._flash_plan()[0]
        while True:
            pick: tuple[int, int, CountCand, Take] | None = None
            for cand in left:
                take = cand.take(self.units.base, self.board.taken)
                if take.total <= 0:
                    continue
                self.board.mark(take.taken)
                flash_after = self._flash_plan()[0]
                self.board.unmark(take.taken)
                gain = self._gain(take) + flash_after - flash_now
                # Candidates are in rank order: a later one must gain strictly more.
                if pick is None or gain > pick[0]:
                    pick = (gain, flash_after, cand, take)
            if pick is None or pick[0] <= 0:
                break
            _, flash_now, cand, take = pick
            self.board.mark(take.taken)
            chosen.append((cand, take))
            left.remove(cand)
        for _, take in chosen:
            self.board.unmark(take.taken)
        self.best_takes = chosen

    def flash_plan_after(self, takes: list[Chosen]) -> list[_Flashed]:
        """The flash assignment once ``takes`` hold their units (which stay marked)."""
        for _, take in takes:
            self.board.mark(take.taken)
        return self._flash_plan()[1]


def _flash_bound(f: FlashCand, best_off: list[int], units: Units) -> int:
    """Most a flash price could add over the unit rules (all its units free)."""
    gains = sorted(
        ((f.off[i] - best_off[i], i) for i in f.lines if f.off[i] > best_off[i]), reverse=True
    )
    left, bound = f.left, 0
    for gain, i in gains:
        n = min(units.count[i], left)
        bound += n * gain
        left -= n
    return bound


def groups(
    counts: list[CountCand], flashes: list[FlashCand]
) -> list[tuple[list[CountCand], list[FlashCand]]]:
    """Split count rules and limited flash prices into sets that share no line."""
    parent: list[int] = []

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[int, int] = {}
    members: list[CountCand | FlashCand] = [*counts, *flashes]
    for m, member in enumerate(members):
        parent.append(m)
        for i in member.lines:
            o = owner.get(i)
            if o is None:
                owner[i] = m
            else:
                a, b = find(o), find(m)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    grouped: dict[int, tuple[list[CountCand], list[FlashCand]]] = {}
    for m, member in enumerate(members):
        g = grouped.setdefault(find(m), ([], []))
        if isinstance(member, CountCand):
            g[0].append(member)
        else:
            g[1].append(member)
    for cs, fs in grouped.values():
        cs.sort(key=lambda c: c.rule.rank)
        fs.sort(key=lambda f: f.rule.rank)
    return [grouped[k] for k in sorted(grouped)]

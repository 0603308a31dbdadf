"""Values a promotions run produces again and again, shared instead of rebuilt.

A till re-prices the whole basket on every scan and most amounts and promo-id tuples are the
ones of the scan before: they are immutable, so sharing them changes nothing, and not
building hundreds of new objects per scan keeps the garbage collector from running full
collections in the middle of one. Each ``PromotionBook`` owns one ``SharedValues``.
"""

from __future__ import annotations

from pos_app.core.money import Money


class SharedValues:
    """Bounded pools of amounts and promo-id tuples (emptied when full: refilled within a
    few scans)."""

    __slots__ = ("_ids", "_money", "limit")

    def __init__(self, limit: int = 4096) -> None:
        self.limit = limit
        self._money: dict[int, Money] = {}
        self._ids: dict[tuple[str, ...], tuple[str, ...]] = {}

    def money(self, fen: int) -> Money:
        """The shared ``Money(fen)``."""
        hit = self._money.get(fen)
        if hit is None:
            if len(self._money) >= self.limit:
                self._money.clear()
            hit = self._money[fen] = Money(fen)
        return hit

    def ids(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        """The shared tuple equal to ``ids``."""
        hit = self._ids.get(ids)
        if hit is None:
            if len(self._ids) >= self.limit:
                self._ids.clear()
            hit = self._ids[ids] = ids
        return hit

"""Renminbi cash in the drawer: the denominations a till counts and a count of them.

A ¥1 note and a ¥1 coin are worth the same but are different things to count (they sit in
different compartments, coins come in rolls), so a denomination is a *form* (note or coin)
plus a value, and its ``code`` names both. The codes are what a stored count keeps: they are
declared here, never derived, so renaming a label never changes stored data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pos_app.core.errors import PosError
from pos_app.core.money import Money

CashForm = Literal["note", "coin"]
# More than this many of one denomination is a typo (a bank strap is 100 notes; a whole
# drawer of ¥0.1 coins is a few hundred), never a real drawer.
MAX_PIECES = 10_000
_DIGITS_RE = re.compile(r"^\d+$", re.ASCII)


@dataclass(frozen=True, slots=True)
class Denomination:
    """One kind of note or coin: its stored ``code``, its form and its value in fen."""

    code: str
    form: CashForm
    fen: int

    @property
    def value(self) -> Money:
        """What one piece is worth."""
        return Money(self.fen)

    def yuan_label(self) -> str:
        """The face value as people say it: ``100``, ``1``, ``0.5``, ``0.1``."""
        yuan, fen = divmod(self.fen, 100)
        return str(yuan) if not fen else f"{yuan}.{fen:02d}".rstrip("0")


# Largest first, notes before coins of the same value: the order of the count screen and
# of the printed breakdown. The fifth-series notes and the coins in circulation.
DENOMINATIONS: tuple[Denomination, ...] = (
    Denomination("note_100", "note", 10_000),
    Denomination("note_50", "note", 5_000),
    Denomination("note_20", "note", 2_000),
    Denomination("note_10", "note", 1_000),
    Denomination("note_5", "note", 500),
    Denomination("note_1", "note", 100),
    Denomination("coin_1", "coin", 100),
    Denomination("coin_0_5", "coin", 50),
    Denomination("coin_0_1", "coin", 10),
)
BY_CODE: dict[str, Denomination] = {d.code: d for d in DENOMINATIONS}
_ORDER: dict[str, int] = {d.code: i for i, d in enumerate(DENOMINATIONS)}


def denomination(code: str) -> Denomination:
    """The denomination stored as ``code`` (``cash.denomination_unknown``)."""
    found = BY_CODE.get(code)
    if found is None:
        raise PosError("cash.denomination_unknown", code=code)
    return found


def check_pieces(code: str, pieces: object) -> int:
    """``pieces`` when it is a whole number from 0 to ``MAX_PIECES``, else a ``cash.*`` error."""
    where = _where(code)
    # Exact type: True pieces is a bug, and a float count (2.0) has no place in a drawer.
    if type(pieces) is not int:
        raise PosError("cash.count_invalid", text=str(pieces), **where)
    if pieces < 0:
        raise PosError("cash.count_negative", count=pieces, **where)
    if pieces > MAX_PIECES:
        raise PosError("cash.count_too_large", count=pieces, max=MAX_PIECES, **where)
    return pieces


def _where(code: str) -> dict[str, object]:
    # The error data: the code lets the count screen put the cursor back in that field,
    # the face value names it in the message.
    return {"denomination": code, "yuan": denomination(code).yuan_label()}


@dataclass(frozen=True, slots=True)
class CountLine:
    """One row of a count: the denomination, how many, and what they are worth."""

    denomination: Denomination
    pieces: int
    amount: Money


@dataclass(frozen=True, slots=True)
class CashCount:
    """Pieces counted per denomination code. Kept in table order without zero rows, so two
    counts of the same cash are equal however they were entered."""

    counts: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for code, pieces in self.counts:
            denomination(code)
            check_pieces(code, pieces)
            if code in seen:
                raise ValueError(f"denomination {code} counted twice")
            seen.add(code)
        canonical = tuple(sorted(((c, n) for c, n in self.counts if n), key=_table_order))
        object.__setattr__(self, "counts", canonical)

    @staticmethod
    def of(pieces: Mapping[str, int]) -> CashCount:
        """A count from ``{code: pieces}`` (codes from ``DENOMINATIONS``)."""
        return CashCount(tuple(pieces.items()))

    def pieces(self, code: str) -> int:
        """How many of ``code`` were counted (0 when none)."""
        denomination(code)
        return dict(self.counts).get(code, 0)

    def lines(self) -> tuple[CountLine, ...]:
        """The counted denominations in table order, each with its amount."""
        return tuple(CountLine(BY_CODE[c], n, BY_CODE[c].value * n) for c, n in self.counts)

    @property
    def total(self) -> Money:
        """What the counted cash is worth: Σ pieces × face value, in fen."""
        return Money(sum(BY_CODE[c].fen * n for c, n in self.counts))

    def form_total(self, form: CashForm) -> Money:
        """What the counted notes (or coins) are worth."""
        return Money(sum(BY_CODE[c].fen * n for c, n in self.counts if BY_CODE[c].form == form))

    def as_dict(self) -> dict[str, int]:
        """``{code: pieces}`` of the counted denominations (what a store row keeps)."""
        return dict(self.counts)


def _table_order(item: tuple[str, int]) -> int:
    return _ORDER[item[0]]


def parse_pieces(code: str, text: str) -> int:
    """A typed number of pieces: digits only (full-width ones too); blank means none."""
    where = _where(code)
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    if not compact:
        return 0
    if compact.startswith("-") and _DIGITS_RE.match(compact[1:]):
        raise PosError("cash.count_negative", count=compact, **where)
    if not _DIGITS_RE.match(compact):
        raise PosError("cash.count_invalid", text=text, **where)
    digits = compact.lstrip("0") or "0"
    # Length first: never build a huge int from hostile input.
    if len(digits) > len(str(MAX_PIECES)) or int(digits) > MAX_PIECES:
        raise PosError("cash.count_too_large", count=compact, max=MAX_PIECES, **where)
    return int(digits)


def parse_cash_count(entries: Mapping[str, str] | Iterable[tuple[str, str]]) -> CashCount:
    """A count from the count screen's fields, ``{code: typed text}``; the first bad field
    raises its ``cash.*`` error and nothing is kept."""
    items = entries.items() if isinstance(entries, Mapping) else entries
    return CashCount(tuple((code, parse_pieces(code, text)) for code, text in items))

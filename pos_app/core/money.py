"""Money as integer fen, parsing and formatting of yuan amounts, exact allocation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency

from pos_app.core.errors import PosError

CURRENCY = "CNY"
# A trillion yuan is far beyond any till; the cap keeps hostile input from building huge ints.
_MAX_YUAN_DIGITS = 12
# The sign may come before or after the symbol ("-¥1.00" from Babel, "¥-1.00" by hand).
_PARSE_RE = re.compile(r"^(-)?¥?(-)?(\d*)(?:\.(\d*))?$", re.ASCII)


def _require_int(value: object, what: str) -> int:
    # Exact type: bool is an int subclass and True fen is a bug, not one fen.
    if type(value) is not int:
        raise TypeError(f"{what} must be int, got {type(value).__name__}")
    return value


def div_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounded half away from zero (half-up for non-negative values)."""
    _require_int(numerator, "numerator")
    if _require_int(denominator, "denominator") == 0:
        raise ZeroDivisionError("div_half_up by zero")
    return _div_half_up(numerator, denominator)


def _div_half_up(numerator: int, denominator: int) -> int:
    # Unchecked fast path for callers that already hold ints (pricing, per line).
    if numerator >= 0 and denominator > 0:
        return (2 * numerator + denominator) // (2 * denominator)
    negative = (numerator < 0) != (denominator < 0)
    q, r = divmod(abs(numerator), abs(denominator))
    if 2 * r >= abs(denominator):
        q += 1
    return -q if negative else q


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount of renminbi in integer fen (1 yuan = 100 fen)."""

    fen: int

    def __post_init__(self) -> None:
        # Inlined check: Money is built on every pricing step.
        if type(self.fen) is not int:
            raise TypeError(f"Money.fen must be int, got {type(self.fen).__name__}")

    @staticmethod
    def zero() -> Money:
        """Zero fen."""
        return Money(0)

    @staticmethod
    def sum(items: Iterable[Money]) -> Money:
        """Sum of amounts (zero when empty)."""
        return Money(sum(m.fen for m in items))

    @staticmethod
    def parse(text: str) -> Money:
        """Parse a yuan amount such as ``12``, ``12.5``, ``¥12.50``; raise ``money.invalid``."""
        # NFKC folds full-width digits, '．' and '￥' typed through a Chinese IME.
        norm = unicodedata.normalize("NFKC", text)
        compact = "".join(norm.split())
        m = _PARSE_RE.match(compact)
        if m is None:
            raise PosError("money.invalid", text=text)
        sign1, sign2, whole, frac = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        sign = sign1 or sign2
        bad_size = (not whole and not frac) or len(frac) > 2 or len(whole) > _MAX_YUAN_DIGITS
        if bad_size or (sign1 and sign2):
            raise PosError("money.invalid", text=text)
        fen = int(whole or "0") * 100 + int(frac.ljust(2, "0"))
        return Money(-fen if sign else fen)

    def yuan_text(self) -> str:
        """Amount in yuan with two decimals and no symbol, e.g. ``12.50``."""
        sign = "-" if self.fen < 0 else ""
        yuan, fen = divmod(abs(self.fen), 100)
        return f"{sign}{yuan}.{fen:02d}"

    def to_decimal(self) -> Decimal:
        """Exact yuan value as a Decimal (for formatting and export only)."""
        return Decimal(self.fen).scaleb(-2)

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __abs__(self) -> Money:
        return Money(abs(self.fen))

    def __mul__(self, factor: int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Money(self.fen * factor)

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.fen != 0

    def __str__(self) -> str:
        return self.yuan_text()


@lru_cache(maxsize=16)
def _locale(name: str) -> Locale:
    # Babel re-reads its locale data for a locale given by name on every call (~0.6 ms);
    # money is formatted dozens of times per scan, so parse each locale once.
    return Locale.parse(name)


def format_money(m: Money, locale: str) -> str:
    """Locale-formatted amount via Babel, the symbol always ``¥``: ``zh_CN`` → ``¥12.50``,
    ``en_US`` → ``¥12.50``, ``de_DE`` → ``12,50 ¥``."""
    return _format_fen(m.fen, locale)


@lru_cache(maxsize=8192)
def _format_fen(fen: int, locale: str) -> str:
    # A scan redraws dozens of amounts (totals, rows, promotion texts) that mostly did not
    # change: the text of an amount never changes.
    shape = _shape(locale)
    return _babel_text(fen, locale) if shape is None else shape.text(fen)


def _babel_text(fen: int, locale: str) -> str:
    text = str(format_currency(Money(fen).to_decimal(), CURRENCY, locale=_locale(locale)))
    # The till only ever shows yuan: "¥" in every language (Babel's en_US says "CN¥", to
    # tell it from the Japanese yen, which no screen or receipt here can show).
    return text.replace("CN¥", "¥")


# Every digit different, seven of them before the point: where Babel puts the symbol, the
# sign and the separators can be read off it.
_PROBE_FEN = 123_456_789
_PROBE_RE = re.compile(r"(\D*)1(?P<group>\D+)234(?P=group)567(\D+)89(\D*)")
# Amounts the read-off shape must format exactly as Babel does, or Babel it stays
# (grouping that is not by threes, a 4-digit amount left ungrouped, other digits).
_CHECKS = (0, 1, 5, 10, 99, 100, 105, 999_99, 1000_00, 12_345_67, 100_000_00, 10**15,
           -1, -5, -100, -1000_00, -12_345_678_90, -(10**15))


@dataclass(frozen=True, slots=True)
class _Shape:
    """Babel's CNY format of one locale: symbol and sign around 3-digit groups, 2 decimals."""

    prefix: str
    suffix: str
    neg_prefix: str
    neg_suffix: str
    group: str
    decimal: str

    def text(self, fen: int) -> str:
        yuan, cents = divmod(abs(fen), 100)
        number = f"{yuan:,}".replace(",", self.group) + f"{self.decimal}{cents:02d}"
        if fen < 0:
            return f"{self.neg_prefix}{number}{self.neg_suffix}"
        return f"{self.prefix}{number}{self.suffix}"


@lru_cache(maxsize=16)
def _shape(locale: str) -> _Shape | None:
    """The shape of Babel's amounts for ``locale``, or None when it is not that simple.

    Babel takes ~50 µs an amount (a scan's totals alone need four new ones); the shape is
    read from Babel once and checked against it on ``_CHECKS``, so its texts are Babel's.
    """
    pos = _PROBE_RE.fullmatch(_babel_text(_PROBE_FEN, locale))
    neg = _PROBE_RE.fullmatch(_babel_text(-_PROBE_FEN, locale))
    if pos is None or neg is None or pos.group(2, 3) != neg.group(2, 3):
        return None
    shape = _Shape(pos.group(1), pos.group(4), neg.group(1), neg.group(4), pos.group(2),
                   pos.group(3))
    if any(shape.text(fen) != _babel_text(fen, locale) for fen in _CHECKS):
        return None
    return shape


def allocate(amount: int, weights: Sequence[int]) -> list[int]:
    """Split ``amount`` proportionally to ``weights`` by largest remainder; sums exactly."""
    _require_int(amount, "amount")
    for w in weights:
        if _require_int(w, "weight") < 0:
            raise ValueError("allocate weights must be non-negative")
    if not weights:
        if amount != 0:
            raise ValueError("cannot allocate a non-zero amount over no weights")
        return []
    if amount < 0:
        return [-part for part in allocate(-amount, weights)]
    total = sum(weights)
    if total == 0:
        return [amount] + [0] * (len(weights) - 1)
    parts: list[int] = []
    remainders: list[int] = []
    for w in weights:
        q, r = divmod(amount * w, total)
        parts.append(q)
        remainders.append(r)
    leftover = amount - sum(parts)
    # Largest remainder first; ties go to the earlier index so results are reproducible.
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:leftover]:
        parts[i] += 1
    return parts

"""Quantities are integers: pieces, or grams for weighed goods."""

from __future__ import annotations

import re
import unicodedata

from pos_app.core.errors import PosError

MAX_PIECES = 99_999
MAX_GRAMS = 999_999  # just under a tonne; anything more is a typo at a till
_PIECES_RE = re.compile(r"^\d+$", re.ASCII)
_KG_RE = re.compile(r"^(\d*)(?:\.(\d*))?$", re.ASCII)


def check_qty(qty: int, *, weighed: bool) -> int:
    """Return ``qty`` when it is a positive int within limits, else raise a ``cart.*`` error."""
    if isinstance(qty, bool) or not isinstance(qty, int):
        raise TypeError(f"qty must be int, got {type(qty).__name__}")
    if qty <= 0:
        raise PosError("cart.qty_invalid", qty=qty)
    limit = MAX_GRAMS if weighed else MAX_PIECES
    if qty > limit:
        raise PosError("cart.qty_too_large", qty=qty, max=limit)
    return qty


def parse_quantity(text: str, *, weighed: bool) -> int:
    """Parse typed quantity: whole pieces, or kilograms (up to 3 decimals) into grams."""
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    if not weighed:
        if not _PIECES_RE.match(compact) or len(compact) > 9:
            raise PosError("cart.qty_invalid", qty=text)
        return check_qty(int(compact), weighed=False)
    m = _KG_RE.match(compact)
    if m is None:
        raise PosError("cart.qty_invalid", qty=text)
    whole, frac = m.group(1), m.group(2) or ""
    if (not whole and not frac) or len(frac) > 3 or len(whole) > 6:
        raise PosError("cart.qty_invalid", qty=text)
    return check_qty(int(whole or "0") * 1000 + int(frac.ljust(3, "0")), weighed=True)


def format_quantity(qty: int, *, weighed: bool) -> str:
    """``2`` for pieces, ``0.350kg`` for 350 g."""
    if not weighed:
        return str(qty)
    sign = "-" if qty < 0 else ""
    kg, grams = divmod(abs(qty), 1000)
    return f"{sign}{kg}.{grams:03d}kg"

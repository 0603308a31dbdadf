"""Text a till accepts: ordinary characters only.

Refused everywhere text enters the till (CSV import, typed names, search, labels): the C0
controls (U+0000–U+001F, NUL included), DEL (U+007F), the C1 controls (U+0080–U+009F) and
lone surrogates (U+D800–U+DFFF, which are not text and cannot be stored as UTF-8). Tab and
newline are allowed only in a multi-line field (the till has none yet). A NUL that slipped
into a product name once made the cloud quarantine every sale of that product.
"""

from __future__ import annotations

import re
from typing import Any

from pos_app.core.errors import PosError

_SINGLE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_MULTI_LINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# What a repair puts in place of a refused character (ordinary, visible, storable).
REPLACEMENT = "\ufffd"


def _pattern(multiline: bool) -> re.Pattern[str]:
    return _MULTI_LINE if multiline else _SINGLE_LINE


def first_bad_char(text: str, *, multiline: bool = False) -> int | None:
    """Index of the first refused character in ``text``, or None when it is clean."""
    m = _pattern(multiline).search(text)
    return m.start() if m else None


def char_code(ch: str) -> str:
    """``U+0000`` notation of a character (what a message shows: it cannot show the char)."""
    return f"U+{ord(ch):04X}"


def require_clean(text: str, *, key: str, multiline: bool = False, **data: object) -> str:
    """``text`` unchanged when clean; else ``PosError(key, char=..., position=..., **data)``
    (``position`` counts from 1)."""
    at = first_bad_char(text, multiline=multiline)
    if at is None:
        return text
    raise PosError(key, char=char_code(text[at]), position=at + 1, **data)


def repair_text(text: str, *, multiline: bool = False) -> tuple[str, int]:
    """``text`` with every refused character replaced by ``REPLACEMENT``; (text, count)."""
    return _pattern(multiline).subn(REPLACEMENT, text)


def repair_value(value: Any) -> tuple[Any, int]:
    """A JSON-like value (dicts, lists, strings, numbers) with every string — keys too —
    repaired; (value, characters replaced)."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        count = 0
        for k, v in value.items():
            k2, n1 = repair_value(k)
            v2, n2 = repair_value(v)
            out[k2] = v2
            count += n1 + n2
        return out, count
    if isinstance(value, list | tuple):
        items = [repair_value(v) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    return value, 0

"""Pinyin of product names, worked out alike by the till and the cloud: a name split into
units (a Chinese character, or a word of letters and digits) with each unit's full pinyin and
initial. The cloud sends ``name_pinyin`` with each product; the till indexes names for search
from the same units (``pos_app.store.search_text``) and takes the cloud's pinyin when it fits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain
from typing import Any

_CJK = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U00030000-\U0003134f"
)
# A unit is one Chinese character or one word of letters and digits (a run of Chinese
# characters matches as a whole and is split by character).
UNIT_RE = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")
IS_CJK = re.compile(f"[{_CJK}]")

Unit = tuple[str, str, str]  # (text, full pinyin, initial); a non-Chinese word is all three


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def _one_per_char(chars: str) -> Any:
    # A character pypinyin does not know stays itself, one entry per character (alignment).
    return list(chars)


@lru_cache(maxsize=1 << 17)
def _word_pinyin(word: str) -> tuple[str, ...]:
    """``lazy_pinyin``'s syllables for one word of its segmentation: what it converts word
    by word, kept (a catalog repeats its brands and words: a million names share a few
    hundred thousand of them, and the conversion is most of the cost of indexing a name)."""
    from pypinyin import Style

    return tuple(chain.from_iterable(_converter().convert(
        word, Style.NORMAL, False, _one_per_char, strict=True)))


@lru_cache(maxsize=1)
def _converter() -> Any:
    """pypinyin's default converter (the one ``lazy_pinyin`` uses)."""
    from pypinyin.converter import DefaultConverter

    return DefaultConverter()


def _lazy_pinyin(run: str) -> list[str]:
    """``pypinyin.lazy_pinyin(run, errors=_one_per_char)``: the run segmented by pypinyin's
    own segmenter, each word converted as it does (``_word_pinyin``)."""
    from pypinyin.seg.simpleseg import seg

    return [p for word in seg(run) for p in _word_pinyin(word)]


@lru_cache(maxsize=4096)
def _run_pinyin(run: str) -> tuple[tuple[str, str], ...]:
    # Imported here: pypinyin's tables cost ~0.6 s, which start-up must not pay.
    from pypinyin import lazy_pinyin

    # The whole run at once so pypinyin's phrase table picks polyphones by context (银行 hang).
    full = _lazy_pinyin(run)
    if len(full) != len(run):
        full = [lazy_pinyin(c)[0] for c in run]
    # The initial of a syllable is its first letter (what Style.FIRST_LETTER gives: the
    # first character of the NORMAL style), without converting the run a second time.
    return tuple((p.lower(), p[:1].lower()) for p in full)


def units_of(text: str) -> list[Unit]:
    """Split ``text`` into Chinese characters and lower-cased words, with their pinyin."""
    units: list[Unit] = []
    for m in UNIT_RE.finditer(normalize(text)):
        run, word = m.group(1), m.group(2)
        if run:
            units.extend((c, p, f) for c, (p, f) in zip(run, _run_pinyin(run), strict=True))
        else:
            units.append((word, word, word))
    return units


def name_pinyin(name: str) -> str:
    """The full pinyin of each unit of ``name`` (``units_of``), space separated, e.g.
    ``ke kou ke le 330ml``: what the cloud sends with a product (a till indexes it with
    ``pos_app.store.search_text.index_text_given``)."""
    return " ".join(u[1] for u in units_of(name))

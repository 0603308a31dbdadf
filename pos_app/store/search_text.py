"""Text for the FTS5 product index and the match expressions that query it.

unicode61 treats a run of Chinese characters as one token, so names are indexed one
character per token and Chinese queries become phrases. Full pinyin and initials are
indexed as the joined string from every syllable onwards (可口可乐 → ``kekoukele``,
``koukele``, ``kele``, ``le``), so a prefix query matches at the start of any syllable
(``kkkl``, ``kekou``, ``bhc`` for 康师傅冰红茶) without splitting the user's pinyin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contract.pinyin import IS_CJK, UNIT_RE, Unit, normalize, units_of

# Suffix tokens per name: enough for any real product name, bounded for odd long ones.
MAX_SUFFIXES = 16


@dataclass(frozen=True, slots=True)
class IndexText:
    """What one product contributes to the product table and the FTS index."""

    pinyin: str  # joined full pinyin, e.g. "kekoukele330ml"
    initials: str  # e.g. "kkkl330ml"
    fts_name: str  # "可 口 可 乐 330ml"
    fts_pinyin: str  # suffix tokens of the full pinyin
    fts_initials: str  # suffix tokens of the initials


def _runs(units: list[Unit]) -> list[list[Unit]]:
    """Consecutive Chinese characters form one run; every other word is a run of its own."""
    runs: list[list[Unit]] = []
    in_cjk = False
    for u in units:
        cjk = bool(IS_CJK.match(u[0]))
        if cjk and in_cjk:
            runs[-1].append(u)
        else:
            runs.append([u])
        in_cjk = cjk
    return runs


def _suffixes(runs: list[list[Unit]], k: int) -> str:
    # Suffixes stop at the end of their run: "mianfen", not "mianfen12he", so a prefix
    # query meets few distinct terms.
    out: list[str] = []
    for run in runs:
        parts = [u[k] for u in run]
        out.extend("".join(parts[i:]) for i in range(min(len(parts), MAX_SUFFIXES)))
    return " ".join(out)


def index_text_of_units(units: list[Unit]) -> IndexText:
    """Index text from units (lets bulk generators reuse precomputed pinyin)."""
    runs = _runs(units)
    return IndexText(
        pinyin="".join(u[1] for u in units),
        initials="".join(u[2] for u in units),
        fts_name=" ".join(u[0] for u in units),
        fts_pinyin=_suffixes(runs, 1),
        fts_initials=_suffixes(runs, 2),
    )


def index_text(name: str) -> IndexText:
    """Index text for a product name."""
    return index_text_of_units(units_of(name))


def _run_suffixes(parts: list[str], out: list[str]) -> None:
    """``_suffixes`` of one run given its units' texts: slices of the joined run."""
    joined = "".join(parts)
    at = 0
    for part in parts[:MAX_SUFFIXES]:
        out.append(joined[at:])
        at += len(part)


def index_text_given(name: str, pinyin: object) -> IndexText | None:
    """Index text for ``name`` from its ``name_pinyin`` worked out elsewhere (the cloud's,
    which spares the till converting it); None when ``pinyin`` does not fit the name (not
    a string, a syllable per unit, a word as itself): compute it then.

    The same text as ``index_text`` (a test holds them equal), built from strings rather
    than unit tuples: a big initial pull runs this once per product."""
    # Lower case and printable as a whole (a syllable as itself, a word as normalised).
    if (not isinstance(pinyin, str) or not pinyin or pinyin != pinyin.lower()
            or not pinyin.isprintable()):
        return None
    syllables = pinyin.split(" ")
    n = len(syllables)
    # Runs of units (as ``_runs``: Chinese characters on either side of a separator form
    # one run), each as its texts and its syllables.
    texts: list[list[str]] = []
    sounds: list[list[str]] = []
    firsts: list[list[str]] = []
    k = 0
    in_cjk = False
    for run, word in UNIT_RE.findall(normalize(name)):
        if run:
            end = k + len(run)
            if end > n:
                return None
            pys = syllables[k:end]
            if "" in pys or max(map(len, pys)) > 32:
                return None
            k = end
            if in_cjk:
                texts[-1].extend(run)
                sounds[-1].extend(pys)
                firsts[-1].extend(py[:1] for py in pys)
            else:
                texts.append(list(run))
                sounds.append(pys)
                firsts.append([py[:1] for py in pys])
            in_cjk = True
        else:
            if k >= n or syllables[k] != word:
                return None
            k += 1
            texts.append([word])
            sounds.append([word])
            firsts.append([word])
            in_cjk = False
    if k != n or not texts:
        return None
    fts_pinyin: list[str] = []
    fts_initials: list[str] = []
    for ps, fs in zip(sounds, firsts, strict=True):
        _run_suffixes(ps, fts_pinyin)
        _run_suffixes(fs, fts_initials)
    return IndexText(
        pinyin="".join(p for ps in sounds for p in ps),
        initials="".join(f for fs in firsts for f in fs),
        fts_name=" ".join(t for ts in texts for t in ts),
        fts_pinyin=" ".join(fts_pinyin),
        fts_initials=" ".join(fts_initials),
    )


def _phrase(tokens: list[str], *, prefix_last: bool) -> str:
    # Tokens are CJK characters or [^\W_] words, so they never contain a double quote.
    body = '"' + " ".join(tokens) + '"'
    return body + " *" if prefix_last else body


_ALL_COLS = "{name name_en pinyin initials sku}"
_NAME_COLS = "{name name_en pinyin initials}"
_LETTERS_DIGITS = re.compile(r"[a-z]+|[0-9]+|[^a-z0-9]+")
_LETTERS_THEN_DIGITS = re.compile(r"^[a-z]+[0-9]+$")


def _ascii_term(word: str, *, anchored: bool) -> str:
    """One typed word as a prefix term; ``kkkl330`` also as ``kkkl* AND 330*`` (the index
    keeps pinyin and a size like 330ml as separate tokens)."""
    whole = _phrase([word], prefix_last=True)
    term = f"{_NAME_COLS} : ^ {whole}" if anchored else f"{_ALL_COLS} : {whole}"
    # Only pinyin followed by a size ("kkkl330"); "330ml" is itself an indexed token.
    if not _LETTERS_THEN_DIGITS.match(word):
        return term
    pieces = _LETTERS_DIGITS.findall(word)
    split = " AND ".join(
        f"{_NAME_COLS} : ^ {_phrase([p], prefix_last=True)}" if anchored and i == 0
        else f"{_ALL_COLS} : {_phrase([p], prefix_last=True)}"
        for i, p in enumerate(pieces)
    )
    return f"({term} OR ({split}))"


@dataclass(frozen=True, slots=True)
class MatchPlan:
    """FTS5 expressions for one user query: anchored (name starts so) and anywhere."""

    anchored: str
    anywhere: str


def match_plan(query: str) -> MatchPlan | None:
    """Build the FTS5 MATCH expressions for a search box text (None when nothing to search)."""
    anchored: list[str] = []
    anywhere: list[str] = []
    for part in normalize(query).split():
        tokens = [u[0] for u in units_of(part)]
        if not tokens:
            continue
        first = not anchored
        if IS_CJK.search(part):
            # Chinese typed: a phrase of characters in the name (last word may be partial).
            last_is_word = not IS_CJK.match(tokens[-1])
            phrase = _phrase(tokens, prefix_last=last_is_word)
            anywhere.append(f"name : {phrase}")
            anchored.append(f"name : ^ {phrase}" if first else f"name : {phrase}")
        else:
            word = "".join(tokens)
            anywhere.append(_ascii_term(word, anchored=False))
            anchored.append(_ascii_term(word, anchored=first))
    if not anywhere:
        return None
    return MatchPlan(anchored=" AND ".join(anchored), anywhere=" AND ".join(anywhere))

"""CODE128 data for ESC/POS ``GS k 73``: code set B for text, code set C for digit runs.

Set C packs two digits in one 11-module symbol, so "S001-T01-000042" is 178 modules instead of
200 in set B throughout: 356 dots at module 2, inside 58 mm paper's 384. A run switches to C
where that saves symbols: four digits or more at either end (or a value of digits only), six
or more in the middle; an odd run leaves one digit in set B.
"""

from __future__ import annotations

SYMBOL_MODULES = 11
STOP_MODULES = 13


def _segments(value: str) -> list[tuple[str, str]]:
    """``value`` as (code set, text) segments, adjacent set B text merged."""
    runs: list[str] = []
    for c in value:
        if runs and runs[-1][-1].isdigit() == c.isdigit():
            runs[-1] += c
        else:
            runs.append(c)
    out: list[tuple[str, str]] = []

    def add_b(text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == "B":
            out[-1] = ("B", out[-1][1] + text)
        else:
            out.append(("B", text))

    for i, run in enumerate(runs):
        at_start, at_end = i == 0, i == len(runs) - 1
        need = 2 if at_start and at_end else 4 if at_start or at_end else 6
        if not run.isdigit() or len(run) < need:
            add_b(run)
            continue
        odd = len(run) % 2
        if odd and not at_start:
            add_b(run[0])
            run = run[1:]
        tail = run[-1] if odd and at_start else ""
        out.append(("C", run[:len(run) - len(tail)]))
        add_b(tail)
    return out


def escpos_data(value: str) -> tuple[bytes, int]:
    """``GS k 73`` data for printable-ASCII ``value`` and the symbol's width in modules."""
    data = bytearray()
    symbols = 2  # start code and check symbol
    segments = _segments(value)
    for n, (code, text) in enumerate(segments):
        symbols += 1 if n else 0  # a code switch
        if code == "C":
            data += b"{C" + bytes(int(text[i:i + 2]) for i in range(0, len(text), 2))
            symbols += len(text) // 2
        else:
            data += b"{B" + text.encode("ascii").replace(b"{", b"{{")
            symbols += len(text)
    return bytes(data), symbols * SYMBOL_MODULES + STOP_MODULES


def printable_ascii(value: str) -> bool:
    """True when set B can carry every character of ``value`` (space to tilde)."""
    return bool(value) and all(" " <= c <= "~" for c in value)

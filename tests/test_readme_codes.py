"""Barcodes in the documentation are real: a reader who types one gets a product, not an
"invalid check digit" message (the README's scale example once had a wrong one)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pos_app.core.barcode import has_valid_check_digit

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A 13-digit run not part of a longer number; "(invalid" later on its line marks a code
# shown on purpose as a bad one, e.g. `6901000000005` (invalid check digit).
EAN13 = re.compile(r"(?<![0-9])([0-9]{13})(?![0-9])(?=(.*\(invalid)?)")


def documented_codes() -> list[tuple[str, int, str, bool]]:
    found = []
    for doc in DOCS:
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            for m in EAN13.finditer(line):
                found.append((doc.name, number, m.group(1), m.group(2) is not None))
    return found


def test_the_readme_has_barcode_examples() -> None:
    assert {code for name, _n, code, _bad in documented_codes() if name == "README.md"} >= {
        "6901000000004", "2100103000001"}


@pytest.mark.parametrize(("doc", "line", "code", "marked_invalid"), documented_codes())
def test_every_documented_barcode_has_a_valid_check_digit(
        doc: str, line: int, code: str, marked_invalid: bool) -> None:
    assert has_valid_check_digit(code) != marked_invalid, f"{doc}:{line}: {code}"

"""A handheld's count lines as CSV: one row per scan or typed quantity.

Columns (header row, any order, case-insensitive): ``code`` (barcode or SKU; ``barcode``
and ``sku`` are accepted names), ``qty``, and optional ``counter``, ``location``, ``time``
(ISO 8601 with a UTC offset, e.g. ``2026-12-05T09:30:00+08:00``). The whole file is checked
before anything is imported: each bad row is reported with its line and the reason.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

from pos_app.core.text import first_bad_char

CODE_NAMES = ("code", "barcode", "sku")
OPTIONAL = ("counter", "location", "time")
MAX_ROWS = 200_000
MAX_TEXT = 64
_QTY = re.compile(r"^\d{1,7}(?:\.\d{1,3})?$", re.ASCII)


@dataclass(frozen=True, slots=True)
class CountRow:
    """A parsed row: ``qty`` as written (whole pieces, or kg with decimals for weighed
    goods: the product decides), ``counted_at`` ISO text or "" (the upload's time)."""

    line: int
    code: str
    qty: str
    counter: str = ""
    location: str = ""
    counted_at: str = ""


@dataclass(frozen=True, slots=True)
class CountRowError:
    """A bad row: its line (1 = header, 0 = the file), a ``count.csv_*`` key and data."""

    line: int
    key: str
    data: dict[str, object] = field(default_factory=dict)


def _time(text: str) -> str | None:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        return None
    return value.isoformat()


def _header(header: list[str]) -> tuple[dict[str, int], list[CountRowError]]:
    columns = [h.strip().lower() for h in header]
    errors: list[CountRowError] = []
    where: dict[str, int] = {}
    for i, name in enumerate(columns):
        key = "code" if name in CODE_NAMES else name
        if key not in ("code", "qty", *OPTIONAL):
            errors.append(CountRowError(1, "count.csv_unknown_column", {"column": name}))
        elif key in where:
            errors.append(CountRowError(1, "count.csv_duplicate_column", {"column": name}))
        else:
            where[key] = i
    for need in ("code", "qty"):
        if need not in where:
            errors.append(CountRowError(1, "count.csv_missing_column", {"column": need}))
    return where, errors


def _row(line: int, values: list[str], where: dict[str, int],
         errors: list[CountRowError]) -> CountRow | None:
    got = {k: values[i].strip() for k, i in where.items()}
    for name, value in got.items():
        bad = first_bad_char(value)
        if bad is not None or len(value) > MAX_TEXT:
            errors.append(CountRowError(line, "count.csv_bad_text", {"column": name}))
            return None
    if not got["code"]:
        errors.append(CountRowError(line, "count.csv_no_code"))
        return None
    if not _QTY.match(got["qty"]):
        errors.append(CountRowError(line, "count.csv_bad_qty", {"qty": got["qty"]}))
        return None
    at = ""
    if got.get("time"):
        parsed = _time(got["time"])
        if parsed is None:
            errors.append(CountRowError(line, "count.csv_bad_time", {"time": got["time"]}))
            return None
        at = parsed
    return CountRow(line, got["code"], got["qty"], got.get("counter", ""),
                    got.get("location", ""), at)


def parse_count_csv(text: str) -> tuple[list[CountRow], list[CountRowError]]:
    """Every row of a count upload, and every error found (import only when none)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error:
        return [], [CountRowError(1, "count.csv_unreadable")]
    if header is None or not any(h.strip() for h in header):
        return [], [CountRowError(0, "count.csv_empty")]
    where, errors = _header(header)
    if errors:
        return [], errors
    rows: list[CountRow] = []
    end = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error:
            errors.append(CountRowError(end + 1, "count.csv_unreadable"))
            end = reader.line_num
            continue
        line, end = end + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            errors.append(CountRowError(line, "count.csv_column_count",
                                        {"expected": len(header), "found": len(values)}))
            continue
        row = _row(line, values, where, errors)
        if row is not None:
            rows.append(row)
        if len(rows) + len(errors) > MAX_ROWS:
            return [], [CountRowError(0, "count.csv_too_many_rows", {"max": MAX_ROWS})]
    if not rows and not errors:
        errors.append(CountRowError(0, "count.csv_empty"))
    return rows, errors

"""Products as the till and the cloud exchange them: the product row (``ProductRow``) and the
product CSV (the encoding detected, every row validated; ``parse_products_csv``). Both sides
import a file all or nothing: the till in ``pos_app.store.csv_import``, the cloud in
``sync.server.catalog``.

Every value is checked: at most ``MAX_FIELD`` characters and no control character (see
``pos_app.core.text``); a bad value is a row error with its line, like any other."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pos_app.core.barcode import is_valid_gtin
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.text import char_code, first_bad_char

REQUIRED = ("sku", "name", "price")
OPTIONAL = ("name_en", "category", "unit", "tax_rate", "barcodes", "is_weighed",
            "age_restricted", "active", "brand", "cost")
DEFAULT_TAX_BP = 1300
_TRUE = {"1", "yes", "y", "true", "是", "✓"}
_FALSE = {"0", "no", "n", "false", "否", ""}
_MAX_SKU = 64
# Longest value of any column: the cloud stores a sale line's name up to 1,000 characters,
# so a longer one would get the sale quarantined. (The csv module's own limit, 131,072,
# stays as it is: it is process-wide. A longer field there is a csv.Error, caught per row.)
MAX_FIELD = 1000


@dataclass(frozen=True, slots=True)
class ProductRow:
    """A product to insert or update (matched by ``sku``); ``barcodes`` replace the old ones."""

    sku: str
    name: str
    price_fen: int
    name_en: str = ""
    category: str = ""
    unit: str = ""
    tax_rate_bp: int = 1300
    is_weighed: bool = False
    age_restricted: bool = False
    active: bool = True
    barcodes: Sequence[str] = field(default_factory=tuple)
    brand: str = ""
    # Cost price per piece (per kg when weighed), for the value of stock count variances:
    # None = not given (an import without the column keeps what the till has), 0 = unknown.
    cost_fen: int | None = None


@dataclass(frozen=True, slots=True)
class RowError:
    """A bad row: its line in the file (1 = header, 0 = the file), a message key and data."""

    line: int
    key: str
    data: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ImportReport:
    imported: int
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


def decode_csv_bytes(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030; ``csv.encoding_unknown`` otherwise."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PosError("csv.encoding_unknown")


def _bool(value: str, column: str, line: int, errors: list[RowError]) -> bool:
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v not in _FALSE:
        errors.append(RowError(line, "csv.bool_invalid", {"column": column, "text": value}))
    return False


def _tax_bp(value: str, line: int, errors: list[RowError]) -> int:
    v = value.strip().rstrip("%").strip()
    if not v:
        return DEFAULT_TAX_BP
    try:
        bp = Money.parse(v).fen  # "13" → 1300, "6.5" → 650: percent with two decimals
    except PosError:
        bp = -1
    if not 0 <= bp <= 10000:
        errors.append(RowError(line, "csv.tax_rate_invalid", {"text": value}))
        return 0
    return bp


def _row(rec: dict[str, str], line: int, errors: list[RowError]) -> ProductRow | None:
    n_before = len(errors)
    sku = rec["sku"].strip()
    name = rec["name"].strip()
    if not sku:
        errors.append(RowError(line, "csv.sku_missing"))
    elif len(sku) > _MAX_SKU or any(c.isspace() for c in sku):
        errors.append(RowError(line, "csv.sku_invalid", {"sku": sku}))
    if not name:
        errors.append(RowError(line, "csv.name_missing", {"sku": sku}))
    try:
        price = Money.parse(rec["price"]).fen
        if price < 0:
            raise PosError("money.invalid", text=rec["price"])
    except PosError:
        errors.append(RowError(line, "csv.price_invalid", {"text": rec["price"]}))
        price = 0
    cost: int | None = None
    if rec.get("cost", "").strip():
        try:
            cost = Money.parse(rec["cost"]).fen
            if cost < 0:
                raise PosError("money.invalid", text=rec["cost"])
        except PosError:
            errors.append(RowError(line, "csv.cost_invalid", {"text": rec["cost"]}))
    codes = [c.strip() for c in rec.get("barcodes", "").replace(";", "|").split("|")]
    codes = [c for c in codes if c]
    for code in codes:
        if not is_valid_gtin(code):
            errors.append(RowError(line, "csv.barcode_invalid", {"code": code}))
    row = ProductRow(
        sku=sku, name=name, price_fen=price, name_en=rec.get("name_en", "").strip(),
        category=rec.get("category", "").strip(), unit=rec.get("unit", "").strip(),
        brand=rec.get("brand", "").strip(),
        tax_rate_bp=_tax_bp(rec.get("tax_rate", ""), line, errors),
        is_weighed=_bool(rec.get("is_weighed", ""), "is_weighed", line, errors),
        age_restricted=_bool(rec.get("age_restricted", ""), "age_restricted", line, errors),
        active=_bool(rec.get("active", "1") or "1", "active", line, errors),
        barcodes=tuple(dict.fromkeys(codes)), cost_fen=cost,
    )
    return row if len(errors) == n_before else None


def _csv_error(line: int, exc: csv.Error) -> RowError:
    if "field larger than field limit" in str(exc):
        return RowError(line, "csv.field_too_long", {"max": MAX_FIELD})
    return RowError(line, "csv.malformed", {"reason": str(exc)})


def _bad_values(columns: list[str], values: list[str], line: int,
                errors: list[RowError]) -> bool:
    """Values too long or holding a control character (see ``core.text``) → row errors."""
    found = False
    for column, value in zip(columns, values, strict=True):
        if len(value) > MAX_FIELD:
            errors.append(RowError(line, "csv.field_too_long",
                                   {"column": column, "max": MAX_FIELD}))
            found = True
            continue
        at = first_bad_char(value)
        if at is not None:
            errors.append(RowError(line, "csv.text_invalid", {
                "column": column, "char": char_code(value[at]), "position": at + 1}))
            found = True
    return found


def parse_products_csv(
    data: str, give_way: Callable[[], None] = lambda: None,
) -> tuple[list[tuple[int, ProductRow]], list[RowError]]:
    """Parse and validate CSV text; returns (line, row) pairs and every error found.
    ``give_way`` is called before each row (the till passes ``db.give_way``: sales first)."""
    reader = csv.reader(io.StringIO(data, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [_csv_error(1, exc)]
    if header is None or not any(h.strip() for h in header):
        return [], [RowError(0, "csv.empty_file")]
    columns = [h.strip().lower() for h in header]
    errors = [RowError(1, "csv.missing_column", {"column": c}) for c in REQUIRED
              if c not in columns]
    errors += [RowError(1, "csv.unknown_column", {"column": c}) for c in columns
               if c not in REQUIRED + OPTIONAL]
    errors += [RowError(1, "csv.duplicate_column", {"column": c}) for i, c in
               enumerate(columns) if c in columns[:i]]
    if errors:
        return [], errors
    rows: list[tuple[int, ProductRow]] = []
    seen_sku: dict[str, int] = {}
    seen_code: dict[str, int] = {}
    end = 1
    while True:
        give_way()
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a field past the csv module's limit: this row only
            errors.append(_csv_error(end + 1, exc))
            end = reader.line_num
            continue
        line, end = end + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            errors.append(RowError(line, "csv.column_count",
                                   {"expected": len(columns), "found": len(values)}))
            continue
        if _bad_values(columns, values, line, errors):
            continue
        row = _row(dict(zip(columns, values, strict=True)), line, errors)
        if row is None:
            continue
        if row.sku in seen_sku:
            errors.append(RowError(line, "csv.duplicate_sku",
                                   {"sku": row.sku, "first_line": seen_sku[row.sku]}))
            continue
        seen_sku[row.sku] = line
        dup = [c for c in row.barcodes if c in seen_code]
        for code in dup:
            errors.append(RowError(line, "csv.duplicate_barcode",
                                   {"code": code, "first_line": seen_code[code]}))
        if dup:
            continue
        seen_code.update((c, line) for c in row.barcodes)
        rows.append((line, row))
    if not rows and not errors:
        errors.append(RowError(0, "csv.no_rows"))
    return rows, errors

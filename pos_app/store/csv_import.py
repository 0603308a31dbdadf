"""Product CSV import: detect the encoding, validate every row, then import all or nothing.

Every value is checked: at most ``MAX_FIELD`` characters and no control character (see
``pos_app.core.text``); a bad value is a row error with its line, like any other."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, select

from pos_app.core.barcode import is_valid_gtin
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.text import char_code, first_bad_char
from pos_app.store import catalog_import, models
from pos_app.store.catalog import ProductRow
from pos_app.store.db import give_way, read_tx
from pos_app.store.search_text import index_text

REQUIRED = ("sku", "name", "price")
OPTIONAL = ("name_en", "category", "unit", "tax_rate", "barcodes", "is_weighed",
            "age_restricted", "active", "brand")
DEFAULT_TAX_BP = 1300
_TRUE = {"1", "yes", "y", "true", "是", "✓"}
_FALSE = {"0", "no", "n", "false", "否", ""}
_MAX_SKU = 64
# Longest value of any column: the cloud stores a sale line's name up to 1,000 characters,
# so a longer one would get the sale quarantined. (The csv module's own limit, 131,072,
# stays as it is: it is process-wide. A longer field there is a csv.Error, caught per row.)
MAX_FIELD = 1000


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
        barcodes=tuple(dict.fromkeys(codes)),
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
    ``give_way`` is called before each row (``db.give_way``: sales first)."""
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


def _barcodes_taken(conn: Connection, rows: list[tuple[int, ProductRow]]) -> list[RowError]:
    """Barcodes the file gives to one SKU that the database has on another."""
    errors = []
    product, barcode = models.product, models.barcode
    query = select(product.c.sku).select_from(
        barcode.join(product, product.c.id == barcode.c.product_id)).where(
        barcode.c.code == bindparam("code"))
    for line, row in rows:
        for code in row.barcodes:
            owner = conn.execute(query, {"code": code}).scalar()
            if owner is not None and owner != row.sku:
                errors.append(RowError(line, "csv.barcode_taken", {"code": code, "sku": owner}))
    return errors


def import_products_csv(
    *, engine: Engine, path: Path, progress: Callable[[int, int], None] | None = None,
    max_tx_s: float = catalog_import.MAX_TX_S, chunk_max: int = catalog_import.CHUNK_MAX,
) -> ImportReport:
    """Import products from a CSV file: every row checked first (any bad row → nothing
    imported), then written in chunks that give way to sales (``catalog_import``, which
    says what a crash mid-import leaves; importing the file again completes it)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return ImportReport(0, [RowError(0, "csv.file_unreadable",
                                         {"path": str(path), "reason": exc.strerror or ""})])
    try:
        data = decode_csv_bytes(raw)
    except PosError as exc:
        return ImportReport(0, [RowError(0, exc.key, exc.data)])
    rows, errors = parse_products_csv(data, lambda: give_way(engine))
    if errors:
        return ImportReport(0, errors)
    with read_tx(engine) as conn:
        errors = _barcodes_taken(conn, rows)
    if errors:
        return ImportReport(0, sorted(errors, key=lambda e: e.line))
    products = [r for _, r in rows]
    # Pinyin before any write: the transactions only write, so sales wait less.
    texts = []
    for product in products:
        give_way(engine)
        texts.append(index_text(product.name))
    done = catalog_import.write_products(
        engine=engine, rows=products, texts=texts, source=Path(path).name, progress=progress,
        max_tx_s=max_tx_s, chunk_max=chunk_max)
    return ImportReport(done, [])

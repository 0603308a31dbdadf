"""CSV import: UTF-8 (BOM or not) and GB18030, every bad row reported, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from contract.products import RowError
from pos_app.store import catalog
from pos_app.store.csv_import import import_products_csv

HEADER = "sku,name,name_en,category,unit,price,tax_rate,barcodes,is_weighed,age_restricted\n"
GOOD = HEADER + (
    "A001,可口可乐 330ml,Coca-Cola,饮料,罐,3.50,13%,6901000000004|6920000000012,否,0\n"
    "A002,青岛啤酒 500ml,Tsingtao,酒水,罐,¥6.5,13,6930000000028,no,是\n"
    "A003,散装红枣,Red dates,散装,kg,29.80,9,2100199000008;2800199000007,yes,0\n"
    "\n"
    'A004,"农夫山泉 550ml, 整箱",,饮料,箱,48,,,,\n'
)
BAD = HEADER + (
    "B001,好商品,,,,1.00,13,,0,0\n"
    "B002,价格错,,,,1.234,13,,0,0\n"
    "B003,条码错,,,,1.00,13,6901000000005|12,0,0\n"
    "B001,重复货号,,,,1.00,13,,0,0\n"
    ",,,,,abc,130%,,maybe,0\n"
    "B006,少一列,,,,1.00,13,,0\n"
    "B007,税率错,,,,1.00,1x3,6930000000028,0,0\n"
    "B008,条码重复,,,,1.00,13,6930000000028,0,0\n"
)


def _write(tmp_path: Path, text: str, encoding: str) -> Path:
    path = tmp_path / f"products-{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_good_file_imports_in_any_supported_encoding(
    empty_engine: Engine, tmp_path: Path, encoding: str
) -> None:
    progress: list[tuple[int, int]] = []
    report = import_products_csv(engine=empty_engine, path=_write(tmp_path, GOOD, encoding),
                                 progress=lambda done, total: progress.append((done, total)))
    assert report.errors == [] and report.imported == 4
    assert progress[-1] == (4, 4)
    cola = catalog.find_by_barcode(engine=empty_engine, code="6920000000012")
    assert cola is not None and (cola.sku, cola.name, cola.price.fen) == (
        "A001", "可口可乐 330ml", 350)
    beer = catalog.find_by_barcode(engine=empty_engine, code="6930000000028")
    assert beer is not None and beer.age_restricted and beer.price.fen == 650
    dates = catalog.find_by_barcode(engine=empty_engine, code="2800199000007")
    assert dates is not None and dates.is_weighed and dates.tax_rate_bp == 900
    water = catalog.search_products(engine=empty_engine, query="nfsq")
    assert [p.name for p in water] == ["农夫山泉 550ml, 整箱"] and water[0].tax_rate_bp == 1300


def test_importing_again_updates_by_sku(empty_engine: Engine, tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, "utf-8")
    import_products_csv(engine=empty_engine, path=path)
    path.write_text(GOOD.replace("3.50", "3.80"), encoding="utf-8")
    assert import_products_csv(engine=empty_engine, path=path).imported == 4
    assert catalog.product_count(engine=empty_engine) == 4
    cola = catalog.find_by_barcode(engine=empty_engine, code="6901000000004")
    assert cola is not None and cola.price.fen == 380


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(
    empty_engine: Engine, tmp_path: Path, encoding: str
) -> None:
    report = import_products_csv(engine=empty_engine, path=_write(tmp_path, BAD, encoding))
    assert report.imported == 0 and catalog.product_count(engine=empty_engine) == 0
    assert report.errors == [
        RowError(3, "csv.price_invalid", {"text": "1.234"}),
        RowError(4, "csv.barcode_invalid", {"code": "6901000000005"}),
        RowError(4, "csv.barcode_invalid", {"code": "12"}),
        RowError(5, "csv.duplicate_sku", {"sku": "B001", "first_line": 2}),
        RowError(6, "csv.sku_missing"),
        RowError(6, "csv.name_missing", {"sku": ""}),
        RowError(6, "csv.price_invalid", {"text": "abc"}),
        RowError(6, "csv.tax_rate_invalid", {"text": "130%"}),
        RowError(6, "csv.bool_invalid", {"column": "is_weighed", "text": "maybe"}),
        RowError(7, "csv.column_count", {"expected": 10, "found": 9}),
        RowError(8, "csv.tax_rate_invalid", {"text": "1x3"}),
    ]


def test_a_barcode_twice_in_the_file_is_reported(empty_engine: Engine, tmp_path: Path) -> None:
    text = HEADER + "C1,甲,,,,1,13,6930000000028,0,0\nC2,乙,,,,1,13,6930000000028,0,0\n"
    report = import_products_csv(engine=empty_engine, path=_write(tmp_path, text, "utf-8"))
    assert report.errors == [
        RowError(3, "csv.duplicate_barcode", {"code": "6930000000028", "first_line": 2})]


def test_a_barcode_of_another_product_is_reported(engine: Engine, tmp_path: Path) -> None:
    text = HEADER + "NEW1,新商品,,,,1,13,6990000000015,0,0\n"  # T-COLA's barcode
    report = import_products_csv(engine=engine, path=_write(tmp_path, text, "utf-8"))
    assert report.errors == [
        RowError(2, "csv.barcode_taken", {"code": "6990000000015", "sku": "T-COLA"})]
    assert catalog.get_product_by_sku(engine=engine, sku="NEW1") is None


@pytest.mark.parametrize(("data", "errors"), [
    (b"sku,name_en,colour\nA,b,1\n", [
        RowError(1, "csv.missing_column", {"column": "name"}),
        RowError(1, "csv.missing_column", {"column": "price"}),
        RowError(1, "csv.unknown_column", {"column": "colour"})]),
    (b"", [RowError(0, "csv.empty_file")]),
    (HEADER.encode(), [RowError(0, "csv.no_rows")]),
    (HEADER.encode() + b"A1,\xff\xfe\xff,,,,1,13,,0,0\n", [RowError(0, "csv.encoding_unknown")]),
])
def test_file_level_problems_are_reported(
    empty_engine: Engine, tmp_path: Path, data: bytes, errors: list[RowError]
) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert import_products_csv(engine=empty_engine, path=path).errors == errors


def test_a_missing_file_is_reported_not_raised(empty_engine: Engine, tmp_path: Path) -> None:
    [err] = import_products_csv(engine=empty_engine, path=tmp_path / "nope.csv").errors
    assert (err.line, err.key) == (0, "csv.file_unreadable")


@pytest.mark.parametrize(("bad", "char"), [
    ("Cola\x00Zero", "U+0000"), ("Cola\x1bZero", "U+001B"), ("Cola\x7fZero", "U+007F"),
    ("Cola\x85Zero", "U+0085"), ("Cola\tZero", "U+0009"),
])
def test_a_control_character_in_a_name_is_a_row_error_and_nothing_is_imported(
    empty_engine: Engine, tmp_path: Path, bad: str, char: str
) -> None:
    text = "sku,name,price\nC001,可乐,3.00\n" + f"C002,{bad},3.00\n"
    report = import_products_csv(engine=empty_engine, path=_write(tmp_path, text, "utf-8"))
    assert report.errors == [RowError(3, "csv.text_invalid",
                                      {"column": "name", "char": char, "position": 5})]
    assert catalog.product_count(engine=empty_engine) == 0


def test_a_field_past_the_csv_modules_limit_is_a_row_error_with_its_line(
    empty_engine: Engine, tmp_path: Path
) -> None:
    huge = "x" * 140_000  # past the csv module's 131,072 characters
    text = ("sku,name,price\nC001,可乐,3.00\n" + f'C002,"{huge}",3.00\n'
            + "C003,雪碧,3.00\n" + f"C004,{'y' * 1001},3.00\n")
    report = import_products_csv(engine=empty_engine, path=_write(tmp_path, text, "utf-8"))
    assert report.errors == [
        RowError(3, "csv.field_too_long", {"max": 1000}),
        RowError(5, "csv.field_too_long", {"column": "name", "max": 1000}),
    ]
    assert catalog.product_count(engine=empty_engine) == 0


def test_a_cost_column_sets_the_cost_and_a_file_without_it_keeps_it(
    empty_engine: Engine, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from pos_app.store.models import product

    def cost() -> int:
        with empty_engine.connect() as conn:
            return int(conn.execute(select(product.c.cost_fen).where(
                product.c.sku == "C1")).scalar_one())

    with_cost = "sku,name,price,cost\nC1,可乐,3.50,2.10\n"
    assert import_products_csv(engine=empty_engine,
                               path=_write(tmp_path, with_cost, "utf-8")).ok
    assert cost() == 210
    without = "sku,name,price\nC1,可乐,3.80\n"
    assert import_products_csv(engine=empty_engine,
                               path=_write(tmp_path, without, "utf-8")).ok
    assert cost() == 210
    bad = "sku,name,price,cost\nC1,可乐,3.80,-1\n"
    report = import_products_csv(engine=empty_engine, path=_write(tmp_path, bad, "utf-8"))
    assert [(e.line, e.key) for e in report.errors] == [(2, "csv.cost_invalid")]

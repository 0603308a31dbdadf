"""Demo catalog and synthetic SKUs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text

from pos_app.core.barcode import is_valid_gtin, parse_scale_barcode
from pos_app.store import catalog, demo, terminal
from pos_app.store.stock import ledger_sum


def _rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_seed_demo_builds_a_realistic_store_once(empty_engine: Engine) -> None:
    assert demo.seed_demo(engine=empty_engine) is True
    count = catalog.product_count(engine=empty_engine)
    assert count >= 300
    assert demo.seed_demo(engine=empty_engine) is False
    assert catalog.product_count(engine=empty_engine) == count
    info = terminal.get_store_info(engine=empty_engine)
    assert (info.store_name, info.store_code, info.terminal_code) == (
        "O2O 超市 · 旗舰店", "S001", "T01")
    no_stock = _rows(empty_engine, "SELECT p.sku FROM product p LEFT JOIN stock_balance b "
                                   "ON b.product_id = p.id WHERE coalesce(b.on_hand, 0) <= 0")
    assert no_stock == []
    cola = catalog.search_products(engine=empty_engine, query="可口可乐 330ml")[0]
    assert ledger_sum(engine=empty_engine, product_id=cola.product_id) == catalog.on_hand(
        engine=empty_engine, product_id=cola.product_id)


def test_demo_barcodes_are_valid_distinct_and_look_chinese(empty_engine: Engine) -> None:
    demo.seed_demo(engine=empty_engine)
    rows = _rows(empty_engine, "SELECT b.code, p.is_weighed FROM barcode b "
                               "JOIN product p ON p.id = b.product_id")
    assert all(is_valid_gtin(code) for code, _ in rows)
    packaged = [code for code, weighed in rows if not weighed]
    assert all(code[:3] in {"690", "691", "692", "693", "694", "695"} for code in packaged)
    assert len({code for code, _ in rows}) == len(rows)


def test_weighed_goods_resolve_from_price_and_weight_labels(empty_engine: Engine) -> None:
    demo.seed_demo(engine=empty_engine)
    weighed = _rows(empty_engine, "SELECT id, name FROM product WHERE is_weighed")
    assert len(weighed) >= 40
    for pid, _name in weighed:
        codes = catalog.barcodes_of(engine=empty_engine, product_id=pid)
        assert sorted(c[:2] for c in codes) == ["21", "28"]
        for code in codes:
            label = code[:7] + "01234"  # the scale prints a value into the zeroed digits
            from pos_app.core.barcode import with_check_digit

            scale = parse_scale_barcode(with_check_digit(label))
            assert scale is not None and scale.lookup_barcode == code
            found = catalog.find_by_barcode(engine=empty_engine, code=scale.lookup_barcode)
            assert found is not None and found.product_id == pid


def test_demo_has_age_restricted_drinks_and_tobacco(empty_engine: Engine) -> None:
    demo.seed_demo(engine=empty_engine)
    names = [r[0] for r in _rows(empty_engine, "SELECT name FROM product WHERE age_restricted")]
    assert any("啤酒" in n for n in names) and any("香烟" in n for n in names)
    assert any("二锅头" in n or "茅台" in n for n in names)


def test_generate_synthetic_adds_searchable_products_with_unique_gtins(
    empty_engine: Engine,
) -> None:
    assert demo.generate_synthetic(engine=empty_engine, count=3000) == 3000
    assert demo.generate_synthetic(engine=empty_engine, count=500) == 500
    assert catalog.product_count(engine=empty_engine) == 3500
    [(n_codes, n_distinct)] = _rows(empty_engine,
                                    "SELECT count(*), count(DISTINCT code) FROM barcode")
    assert n_codes == n_distinct == 3500
    assert all(is_valid_gtin(c) for (c,) in _rows(empty_engine, "SELECT code FROM barcode"))
    last = catalog.search_products(engine=empty_engine, query="SY0003500")
    assert [p.sku for p in last] == ["SY0003500"]
    assert catalog.search_products(engine=empty_engine, query="ksf")  # 康师傅… exists
    assert _rows(empty_engine, "PRAGMA integrity_check") == [("ok",)]

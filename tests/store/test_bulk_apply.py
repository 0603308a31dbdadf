"""The quick paths of a big pull give exactly what the general ones give: the cloud's pinyin
read as the till's own, plain product data read as pydantic reads it, and a catalog pulled
into an empty table (inserts: no old barcodes or index rows to delete) indexed as one that
replaced every product."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, text

from contract.pinyin import name_pinyin
from contract.products import ProductRow
from contract.protocol import Change, PullPage
from pos_app.store import catalog, db
from pos_app.store.search_text import index_text, index_text_given
from pos_app.store.sync_apply import HANDLERS, Context, _plain_product, _Product
from pos_app.store.sync_pages import apply_page
from pos_app.store.synthetic import BRANDS, FLAVORS, NOUNS, SPECS

CTX = Context(terminal_code="T01", basis_seq=0, at="2026-01-01T00:00:00+08:00")
ODD = [*"可口乐银行卡康师傅 -()ＡＢＣ１２abcXYZ09_×，。\t㐀𠀀", "ml", "330ml", "Coca "]


def _names(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 2:
            out.append("".join(rng.choice(ODD) for _ in range(rng.randint(0, 12))))
        else:
            out.append(f"{rng.choice(BRANDS)}{rng.choice(FLAVORS)}{rng.choice(NOUNS)} "
                       f"{rng.choice(SPECS)}")
    return out


def test_the_clouds_pinyin_gives_the_tills_own_index_text_for_any_name() -> None:
    for name in _names(3000, seed=3):
        pinyin = name_pinyin(name)
        given = index_text_given(name, pinyin)
        assert given == (index_text(name) if pinyin else None), name
        for bad in (pinyin.replace(" ", "  ", 1), pinyin.upper(), pinyin + " x",
                    pinyin.replace(" ", "\u3000", 1)):
            assert index_text_given(name, bad) in (None, index_text(name)), (name, bad)


def _by_pydantic(key: str, data: dict[str, Any]) -> ProductRow:
    p = _Product.model_validate(data)
    return ProductRow(sku=key, barcodes=tuple(p.barcodes),
                              **p.model_dump(exclude={"barcodes"}))


PLAIN = {"name": "可口可乐 330ml", "name_en": "Coke", "unit": "罐", "price_fen": 350,
         "tax_rate_bp": 1300, "is_weighed": False, "age_restricted": True, "category": "饮料",
         "brand": "可口可乐", "active": True, "barcodes": ["6900000000017", "6900000000024"],
         "pinyin": "ke kou ke le 330ml", "newer_field": 1}


@pytest.mark.parametrize("data", [
    PLAIN, {"name": "x", "price_fen": 0}, {**PLAIN, "tax_rate_bp": 10_000, "active": False},
    {**PLAIN, "barcodes": []}, {**PLAIN, "cost_fen": 210}, {**PLAIN, "cost_fen": None}])
def test_plain_product_data_reads_as_pydantic_reads_it(data: dict[str, Any]) -> None:
    assert _plain_product("SKU-1", data) == _by_pydantic("SKU-1", data)


@pytest.mark.parametrize("change", [
    {"price_fen": "350"}, {"price_fen": 3.0}, {"price_fen": True}, {"price_fen": -1},
    {"is_weighed": 1}, {"active": "yes"}, {"tax_rate_bp": 10_001}, {"name": ""},
    {"name": None}, {"name_en": None}, {"barcodes": ("6900000000017",)},
    {"barcodes": [6900000000017]}, {"brand": "坏\ud800"}, {"barcodes": "6900000000017"},
    {"cost_fen": -1}, {"cost_fen": "2.10"}])
def test_anything_else_is_left_to_pydantic(change: dict[str, Any]) -> None:
    data = {**PLAIN, **change}
    assert _plain_product("SKU-1", data) is None
    try:
        expected: Any = _by_pydantic("SKU-1", data)
    except ValidationError as exc:
        with pytest.raises(ValidationError) as got:
            HANDLERS["products"].prepare("SKU-1", data)
        assert got.value.errors() == exc.errors()
    else:  # a coercion pydantic accepts
        assert HANDLERS["products"].prepare("SKU-1", data)[0] == expected


def _page(products: list[tuple[str, dict[str, Any]]], first_seq: int = 1) -> PullPage:
    return PullPage(stream="products", has_more=False,
                    next_after=first_seq + len(products) - 1,
                    changes=[Change(seq=first_seq + i, key=k, op="upsert", data=d)
                             for i, (k, d) in enumerate(products)])


def _catalog(n: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    rng = random.Random(seed)
    out = []
    for i, name in enumerate(_names(n, seed)):
        name = name.strip() or f"商品{i}"
        codes = [f"29{seed:02d}{i:09d}"] + ([f"28{seed:02d}{i:09d}"] if i % 5 == 0 else [])
        out.append((f"SKU-{i:05d}", {
            "name": name, "name_en": rng.choice(["", "Cola", "Ｃｏｋｅ Zero"]), "unit": "件",
            "price_fen": i, "category": rng.choice(["饮料", "零食"]), "brand": "",
            "barcodes": codes, "pinyin": name_pinyin(name) if i % 7 else "stale pinyin"}))
    # The same product twice in one page (its last data wins), and a barcode moved.
    out.append(("SKU-00003", {**out[3][1], "name": "康师傅冰红茶 500ml", "pinyin": ""}))
    out.append(("SKU-00004", {**out[4][1], "barcodes": out[10][1]["barcodes"]}))
    return out


def _index(engine: Engine) -> dict[str, Any]:
    with db.write_tx(engine) as conn:  # the index agrees with the rows it indexes
        conn.execute(text("INSERT INTO product_fts (product_fts) VALUES ('integrity-check')"))
    found = {q: sorted(p.sku for p in catalog.search_products(engine=engine, query=q, limit=500))
             for q in ("kkkl", "可口", "bhc", "冰红茶", "cola", "coke", "sku-0001", "乐", "ml",
                       "x")}
    with engine.connect() as conn:
        def rows(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in conn.execute(text(sql))]
        return {
            "found": found,
            "products": rows("SELECT sku, name, name_en, category, price_fen, pinyin, initials, "
                             "active FROM product ORDER BY sku"),
            "barcodes": rows("SELECT b.code, p.sku FROM barcode b JOIN product p ON "
                             "p.id = b.product_id ORDER BY b.code"),
            "fts": rows("SELECT p.sku, f.name, f.name_en, f.pinyin, f.initials, f.sku FROM "
                        "product_fts f JOIN product p ON p.id = f.rowid ORDER BY p.sku"),
            "fts_rows": rows("SELECT count(*) FROM product_fts"),
        }


def test_a_catalog_pulled_into_an_empty_table_is_indexed_as_one_replacing_every_product(
        tmp_path: Path) -> None:
    products = _catalog(700, seed=1)  # more than a burst of index rows (catalog.FTS_BATCH)
    fresh = db.open_database(tmp_path / "fresh.db")
    replaced = db.open_database(tmp_path / "replaced.db")
    try:
        apply_page(engine=fresh, page=_page(products), reset=True, ctx=CTX)
        # Every product there before under other names and barcodes: each upsert replaces
        # its barcodes and index row.
        apply_page(engine=replaced, page=_page(_catalog(700, seed=2)), reset=True, ctx=CTX)
        apply_page(engine=replaced, page=_page(products, first_seq=1000), reset=True,
                   ctx=CTX)
        got, expected = _index(fresh), _index(replaced)
        assert got["fts_rows"] == [(len({k for k, _ in products}),)]
        for part in expected:
            assert got[part] == expected[part], part
        assert catalog.search_products(engine=replaced, query="SKU-00001", limit=1)
        old_codes = [c for _, d in _catalog(700, seed=2) for c in d["barcodes"]]
        assert not [c for c in old_codes if catalog.find_by_barcode(engine=replaced, code=c)]
    finally:
        fresh.dispose()
        replaced.dispose()


def _synchronous(conn: Any) -> int:
    return int(conn.connection.driver_connection.execute("PRAGMA synchronous").fetchone()[0])


def test_a_transaction_that_need_not_be_durable_leaves_its_connection_durable(
        empty_engine: Engine) -> None:
    engine = empty_engine
    with db.write_tx(engine, durable=False) as conn:
        assert _synchronous(conn) == 1  # NORMAL: the commit does not wait for the disk
    with pytest.raises(RuntimeError), db.write_tx(engine, durable=False):
        raise RuntimeError("a failed chunk")
    # Every pooled connection is back to FULL for the next writer (a sale).
    conns = [engine.connect() for _ in range(3)]
    try:
        assert [_synchronous(c) for c in conns] == [2, 2, 2]
    finally:
        for c in conns:
            c.close()
    with db.write_tx(engine) as conn:
        assert _synchronous(conn) == 2


@pytest.mark.parametrize("seed", range(4))
def test_products_queued_together_end_as_when_written_one_by_one(
        tmp_path: Path, seed: int) -> None:
    """New SKUs queued together go in with one statement per table; any other mix (a SKU
    already there, twice in the queue, a retirement between, a barcode taken from another
    product) must end exactly as applying each change on its own."""
    rng = random.Random(seed)
    changes: list[Change] = []
    for seq in range(1, 900):
        sku = f"Q{rng.randrange(600 if seq > 300 else 10**6):06d}"  # new first, then mixed
        if seq > 300 and rng.random() < 0.05:
            changes.append(Change(seq=seq, key=sku, op="delete"))
            continue
        changes.append(Change(seq=seq, key=sku, op="upsert", data={
            "name": rng.choice(_names(20, seed)).strip() or "商品", "price_fen": seq,
            "barcodes": [f"27{rng.randrange(400):011d}" for _ in range(rng.randint(0, 2))]}))
    page = PullPage(stream="products", has_more=False, next_after=len(changes),
                    changes=changes)
    together = db.open_database(tmp_path / "together.db")
    one_by_one = db.open_database(tmp_path / "one.db")
    try:
        apply_page(engine=together, page=page, reset=False, ctx=CTX)
        apply_page(engine=one_by_one, page=page, reset=False, ctx=CTX, max_tx_s=0.0)
        got, expected = _index(together), _index(one_by_one)
        for part in expected:
            assert got[part] == expected[part], part
    finally:
        together.dispose()
        one_by_one.dispose()

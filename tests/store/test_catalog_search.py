"""Barcode lookup and bounded product search over Chinese, pinyin, initials, SKU, barcode."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from contract.products import ProductRow
from pos_app.core.barcode import parse_scale_barcode
from pos_app.store import catalog
from pos_app.store.search_text import index_text, match_plan


def names(engine: Engine, query: str, limit: int = 50) -> list[str]:
    return [p.name for p in catalog.search_products(engine=engine, query=query, limit=limit)]


@pytest.mark.parametrize("query", ["kkkl", "KKKL", "kekou", "kekoukele", "可口", "可口可乐",
                                   "coca", "ｋｋｋｌ", "kele", "kkkl330", "可乐 330"])
def test_coca_cola_is_found_by_initials_pinyin_chinese_and_english(
    engine: Engine, query: str
) -> None:
    assert any(n.startswith("可口可乐") for n in names(engine, query)[:5])


def test_names_starting_with_the_query_come_before_names_containing_it(engine: Engine) -> None:
    found = names(engine, "kkkl")
    assert found[0].startswith("可口可乐")
    assert names(engine, "bhc")[0].endswith(("冰红茶 500ml", "冰红茶 测试"))  # mid-name initials


def test_exact_sku_and_barcode_come_first(engine: Engine) -> None:
    assert names(engine, "T-COLA")[0] == "可口可乐 330ml 测试"
    assert names(engine, "t-cola")[0] == "可口可乐 330ml 测试"
    assert names(engine, "6990000000039") == ["乐事薯片 测试"]


def test_sku_prefix_lists_matching_skus_in_order(engine: Engine) -> None:
    skus = [p.sku for p in catalog.search_products(engine=engine, query="0100", limit=5)]
    assert skus == sorted(skus) and all(s.startswith("0100") for s in skus) and len(skus) == 5


def test_search_is_bounded_and_skips_inactive_products(engine: Engine) -> None:
    assert len(names(engine, "k", limit=7)) == 7
    assert "停售商品 测试" not in names(engine, "停售")
    assert names(engine, "  ") == [] and names(engine, "!!!") == []


def test_find_by_barcode_is_exact_and_resolves_both_scale_label_kinds(engine: Engine) -> None:
    cola = catalog.find_by_barcode(engine=engine, code="6990000000015")
    assert cola is not None and cola.sku == "T-COLA" and cola.price.fen == 350
    assert catalog.find_by_barcode(engine=engine, code="699000000001") is None
    for label in ("2100101012341", "2800101005007"):  # price label ¥12.34, weight label 500 g
        scale = parse_scale_barcode(label)
        assert scale is not None
        apple = catalog.find_by_barcode(engine=engine, code=scale.lookup_barcode)
        assert apple is not None and apple.is_weighed and apple.name == "富士苹果"


def test_upsert_updates_by_sku_and_reindexes_the_name(engine: Engine) -> None:
    [pid] = catalog.upsert_products(engine=engine, rows=[ProductRow(
        sku="T-TEA", name="统一绿茶 新包装", price_fen=320, barcodes=("6990000000022",))])
    updated = catalog.get_product(engine=engine, product_id=pid)
    assert updated is not None and updated.price.fen == 320
    assert "统一绿茶 新包装" in names(engine, "tylc")
    assert "康师傅冰红茶 测试" not in names(engine, "康师傅冰红茶")
    assert catalog.barcodes_of(engine=engine, product_id=pid) == ["6990000000022"]


def test_on_hand_is_the_opening_stock_and_product_count_counts(engine: Engine) -> None:
    cola = catalog.find_by_barcode(engine=engine, code="6901000000004")
    assert cola is not None and catalog.on_hand(engine=engine, product_id=cola.product_id) > 0
    assert catalog.product_count(engine=engine) >= 300


@pytest.mark.parametrize(("name", "pinyin", "initials"), [
    ("可口可乐 330ml", "kekoukele330ml", "kkkl330ml"),
    ("重庆小面", "chongqingxiaomian", "cqxm"),  # 重 chóng in 重庆, not zhòng
    ("长城干红", "changchengganhong", "ccgh"),
    ("银行卡套", "yinhangkatao", "yhkt"),  # 行 háng by phrase context
    ("绿茶", "lvcha", "lc"),
    ("Coca-Cola 可乐", "cocacolakele", "cocacolakl"),
])
def test_pinyin_and_initials_handle_polyphones_and_keep_other_text(
    name: str, pinyin: str, initials: str
) -> None:
    text = index_text(name)
    assert (text.pinyin, text.initials) == (pinyin, initials)


def test_chinese_is_indexed_per_character_and_queried_as_a_phrase() -> None:
    assert index_text("可口可乐 330ml").fts_name == "可 口 可 乐 330ml"
    plan = match_plan("可口")
    assert plan is not None and plan.anywhere == 'name : "可 口"'
    # FTS syntax typed in the box is never passed through: words are quoted, the rest dropped.
    assert match_plan('"*)') is None
    odd = match_plan('" OR NEAR(*')
    assert odd is not None and '"or" *' in odd.anywhere and "NEAR" not in odd.anywhere


def test_odd_input_never_breaks_the_query(engine: Engine) -> None:
    for query in ['" OR *', "NEAR(a b)", "a:b", "^", "-1", "可口 AND", "(((", "\\x00"]:
        catalog.search_products(engine=engine, query=query)


@pytest.mark.parametrize("name", [
    "可口可乐 330ml", "可乐-雪碧 330ml", "Coca Cola 可口可乐", "银行卡", "ＡＢＣ饼干１２包",
    "蒙牛纯牛奶250ml×12", "奥利奥夹心饼干(原味)", "康师傅冰红茶"])
def test_index_text_from_the_clouds_pinyin_is_the_tills_own(name: str) -> None:
    from contract.pinyin import name_pinyin
    from pos_app.store.search_text import index_text_given

    assert index_text_given(name, name_pinyin(name)) == index_text(name)


@pytest.mark.parametrize("pinyin", [None, 3, "", "ke", "ke kou ke le 330", "ke kou ke le 330ml x",
                                    "ke  kou ke 330ml", "KE kou ke le 330ml",
                                    "ke\tkou ke le 330ml"])
def test_pinyin_that_does_not_fit_the_name_is_not_used(pinyin: object) -> None:
    from pos_app.store.search_text import index_text_given

    assert index_text_given("可口可乐 330ml", pinyin) is None


def test_upserting_a_product_twice_in_one_batch_indexes_it_once(engine: Engine) -> None:
    rows = [ProductRow(sku="DUP-1", name="旧名字", price_fen=100),
            ProductRow(sku="DUP-1", name="新名字", price_fen=120)]
    catalog.upsert_products(engine=engine, rows=rows)
    assert [p.sku for p in catalog.search_products(engine=engine, query="xmz")] == ["DUP-1"]
    assert catalog.search_products(engine=engine, query="jmz") == []

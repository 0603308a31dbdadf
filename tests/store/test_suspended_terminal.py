"""Suspended sales round trip and the store/terminal identity."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from pos_app.core.errors import PosError
from pos_app.core.store_info import StoreInfo
from pos_app.store import suspended, terminal

CART = {"lines": [{"sku": "T-COLA", "qty": 2, "name": "可口可乐"}], "next_line_id": 2}


def test_a_suspended_sale_comes_back_exactly_once(empty_engine: Engine) -> None:
    sid = suspended.suspend_sale(engine=empty_engine, sale_uuid="s-1", label="穿红衣服的顾客",
                                 payload=CART, total_fen=700, line_count=1)
    [row] = suspended.list_suspended(engine=empty_engine)
    assert (row.suspended_id, row.label, row.total_fen, row.line_count) == (
        sid, "穿红衣服的顾客", 700, 1)
    assert suspended.take_suspended(engine=empty_engine, suspended_id=sid) == CART
    assert suspended.list_suspended(engine=empty_engine) == []
    with pytest.raises(PosError) as err:
        suspended.take_suspended(engine=empty_engine, suspended_id=sid)
    assert (err.value.key, err.value.data) == ("suspended.not_found", {"suspended_id": sid})


def test_the_same_sale_cannot_be_suspended_twice(empty_engine: Engine) -> None:
    suspended.suspend_sale(engine=empty_engine, sale_uuid="s-2", label="", payload=CART,
                           total_fen=700, line_count=1)
    with pytest.raises(PosError) as err:
        suspended.suspend_sale(engine=empty_engine, sale_uuid="s-2", label="", payload=CART,
                               total_fen=700, line_count=1)
    assert err.value.key == "sale.already_suspended"


def test_suspended_sales_are_listed_oldest_first(empty_engine: Engine) -> None:
    for i in range(3):
        suspended.suspend_sale(engine=empty_engine, sale_uuid=f"o-{i}", label=str(i),
                               payload={"i": i}, total_fen=i, line_count=1)
    assert [s.label for s in suspended.list_suspended(engine=empty_engine)] == ["0", "1", "2"]


def test_store_info_round_trip_and_replacement(empty_engine: Engine) -> None:
    assert not terminal.has_store_info(engine=empty_engine)
    with pytest.raises(PosError) as err:
        terminal.get_store_info(engine=empty_engine)
    assert err.value.key == "terminal.not_configured"
    info = StoreInfo(store_code="S002", store_name="O2O 超市 · 人民广场店",
                     store_address="上海市黄浦区", terminal_code="T03", tax_mode="exclusive",
                     cash_rounding="jiao_down", footer="多谢惠顾")
    terminal.set_store_info(engine=empty_engine, info=info)
    assert terminal.get_store_info(engine=empty_engine) == info
    moved = StoreInfo(store_code="S002", store_name="新名字", store_address="",
                      terminal_code="T04")
    terminal.set_store_info(engine=empty_engine, info=moved)
    assert terminal.get_store_info(engine=empty_engine) == moved

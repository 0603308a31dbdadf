"""The status page: what a person looks at to see the sync working."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from sync.server.admin import create_store
from sync.server.catalog import add_stock
from sync.server.db import write_tx
from sync.server.status_page import fen_text
from tests.sync.server.helpers import Clock, Till


def test_the_page_shows_sales_terminals_stock_flags_and_quarantine_in_chinese(
        till: Till, client: Any, engine: Engine, clock: Clock, store_id: int) -> None:
    with write_tx(engine) as conn:
        add_stock(conn, store_id=store_id, moves=[("010001", 1)], reason="opening",
                  now=clock())
    till.skew = timedelta(minutes=-10)
    till.push([till.sale(lines=[("010001", 3)], total_fen=1050),
               till.event("coffee.brewed", {})])
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<meta charset='utf-8'>" in page
    for text in ("旗舰店", "门店 Stores", "T01", "测试机", "¥10.50", "negative_stock",
                 "clock_skew", "sync.event_type_unknown", "coffee.brewed", "-2", "600"):
        assert text in page, text
    assert r.content.decode("utf-8") == page


def test_everything_shown_is_escaped(client: Any, engine: Engine, clock: Clock) -> None:
    create_store(engine, code="S9", name="<script>alert(1)</script>", now=clock())
    page = client.get("/").text
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_money_is_shown_in_yuan_from_integer_fen() -> None:
    assert [fen_text(f) for f in (0, 5, 1050, -199, 123456789)] == [
        "¥0.00", "¥0.05", "¥10.50", "-¥1.99", "¥1,234,567.89"]

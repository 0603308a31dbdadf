"""The status page: what a person looks at to see the sync working."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from contract.protocol import BIGINT_MAX
from sync.server.admin import create_store
from sync.server.catalog import add_stock
from sync.server.db import write_tx
from sync.server.status_page import fen_text
from tests.sync.server.helpers import Clock, Till, backlog_shown


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


def test_a_till_that_never_said_its_last_seq_shows_an_unknown_backlog(
        till: Till, client: Any) -> None:
    till.hello()  # a till from before issue 10
    till.push([till.sale()])
    assert backlog_shown(client) == "unknown"


def test_the_backlog_is_what_the_till_wrote_less_what_the_cloud_has_and_says_since_when(
        till: Till, client: Any, clock: Clock) -> None:
    till.hello(last_seq=5)
    assert backlog_shown(client) == "5 · 2026-12-01 10:00:00"
    clock.advance(seconds=20)
    till.push([till.sale(), till.sale()])  # the cloud has 1..2 of the 5 now
    assert backlog_shown(client) == "3 · 2026-12-01 10:00:00"
    till.hello()  # said nothing this time: the last report stands
    clock.advance(minutes=15)  # the till went quiet: the number is old, and says so
    assert backlog_shown(client) == "3 · 2026-12-01 10:00:00 · stale"
    till.hello(last_seq=2)
    assert backlog_shown(client) == "0 · 2026-12-01 10:15:20"


@pytest.mark.parametrize("value", ["-1", str(BIGINT_MAX + 1), "12abc", "1e3", "", "0x10",
                                   "<b>1</b>"])
def test_a_last_seq_that_is_no_bounded_count_is_refused_and_the_page_stands(
        till: Till, client: Any, value: str) -> None:
    till.hello(last_seq=7)
    r = client.post("/v1/hello", json=till.body(), headers=till.headers,
                    params={"last_seq": value})
    assert r.status_code == 422 and r.json()["code"] == "sync.request_invalid"
    assert backlog_shown(client) == "7 · 2026-12-01 10:00:00"


def test_the_largest_last_seq_is_shown_as_a_number(till: Till, client: Any) -> None:
    till.hello(last_seq=BIGINT_MAX)
    assert backlog_shown(client) == f"{BIGINT_MAX} · 2026-12-01 10:00:00"

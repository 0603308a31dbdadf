"""Pull: pages by change seq, compacted per key, tombstones, resets, and an order a reader
can trust while writers commit concurrently."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from contract.products import ProductRow
from contract.protocol import MAX_PAGE
from pos_app.core.coupons import Coupon
from pos_app.core.money import Money
from sync.server.admin import create_store, issue_coupon, revoke_coupon
from sync.server.catalog import add_stock, delete_products, put_products
from sync.server.changes import ChangeSet, flush, read_page
from sync.server.db import write_tx
from sync.server.pull import request_refetch
from tests.sync.server.helpers import Clock, Till, enroll_till
from tests.waiting import wait_until


def products(engine: Engine, clock: Clock, n: int, price: int = 100, start: int = 0) -> None:
    with write_tx(engine) as conn:
        put_products(conn, [ProductRow(sku=f"P{i:05d}", name=f"商品{i}", price_fen=price,
                                       barcodes=(f"69{i:011d}",))
                            for i in range(start, start + n)], now=clock())


def test_pages_follow_the_change_seq_with_a_total_on_the_first(
        till: Till, engine: Engine, clock: Clock) -> None:
    products(engine, clock, 25)
    first = till.pull("products", 0, 10)
    assert (len(first.changes), first.has_more, first.total) == (10, True, 25)
    assert [c.seq for c in first.changes] == list(range(1, 11))
    assert first.next_after == 10
    second = till.pull("products", first.next_after, 10)
    assert second.changes[0].seq == 11 and second.total is None
    last = till.pull("products", 20, 10)
    assert (len(last.changes), last.has_more, last.next_after) == (5, False, 25)
    empty = till.pull("products", 25, 10)
    assert (empty.changes, empty.has_more, empty.next_after) == ([], False, 25)
    assert first.changes[0].data == {
        "name": "商品0", "name_en": "", "unit": "", "price_fen": 100, "tax_rate_bp": 1300,
        "is_weighed": False, "age_restricted": False, "category": "", "brand": "",
        "active": True, "cost_fen": 0, "barcodes": ["6900000000000"],
        "pinyin": "shang pin 0"}


def test_a_key_changed_again_comes_once_with_its_latest_data(
        till: Till, engine: Engine, clock: Clock) -> None:
    products(engine, clock, 3)
    products(engine, clock, 1, price=250, start=1)
    page = till.pull("products")
    assert [(c.key, c.seq) for c in page.changes] == [
        ("P00000", 1), ("P00002", 3), ("P00001", 4)]
    assert page.changes[-1].data and page.changes[-1].data["price_fen"] == 250
    assert [c.key for c in till.pull("products", 3).changes] == ["P00001"]


def test_deletes_travel_as_tombstones(till: Till, engine: Engine, clock: Clock) -> None:
    products(engine, clock, 2)
    with write_tx(engine) as conn:
        delete_products(conn, ["P00000"])
    page = till.pull("products", 2)
    assert [(c.key, c.op, c.data) for c in page.changes] == [("P00000", "delete", None)]


def test_a_revoked_coupon_leaves_the_wallet_and_joins_the_revoked_list(
        till: Till, engine: Engine, clock: Clock) -> None:
    coupon = Coupon(coupon_id="C-1", kind="amount_off", name="立减5元", value=500,
                    min_spend=Money(0), categories=frozenset(), skus=frozenset(), tier=None,
                    valid_from=clock(), valid_to=clock().replace(year=2027), member_id="M1")
    code = issue_coupon(engine, coupon_value=coupon, now=clock())
    assert till.pull_all("wallet") == {"C-1": {"member_id": "M1", "code": code}}
    revoke_coupon(engine, coupon_id="C-1", now=clock())
    assert till.pull_all("wallet") == {"C-1": None}
    assert till.pull_all("revoked_coupons") == {"C-1": {"revoked_at": clock().isoformat()}}


def test_stock_and_store_streams_are_per_store(
        till: Till, client: Any, engine: Engine, clock: Clock, store_id: int) -> None:
    other_id = create_store(engine, code="S002", name="二号店", now=clock())
    with write_tx(engine) as conn:
        add_stock(conn, store_id=store_id, moves=[("A", 5)], reason="opening", now=clock())
        add_stock(conn, store_id=other_id, moves=[("B", 7)], reason="opening", now=clock())
    other = enroll_till(client, engine, clock, store_code="S002", terminal_code="T01")
    assert till.pull_all("stock") == {"A": {"on_hand": 5}}
    assert other.pull_all("stock") == {"B": {"on_hand": 7}}
    assert list(till.pull_all("store")) == ["S001"]
    assert other.pull_all("store") == {"S002": {"store_name": "二号店", "store_address": "",
                                                "footer": ""}}
    assert list(other.pull_all("chain_keys")) == list(till.pull_all("chain_keys"))


def test_a_refetch_resets_the_stream_until_the_terminal_applied_the_reset(
        till: Till, engine: Engine, clock: Clock) -> None:
    products(engine, clock, 5)
    assert till.pull("products", 0, 10).next_after == 5
    request_refetch(engine, store_id=1, terminal_id=till.terminal_id, streams=["products"],
                    at=clock())
    assert till.hello()["refetch"] == ["products"]
    reset = till.pull("products", 5, 3)  # from the start whatever the cursor says
    assert (reset.reset, [c.seq for c in reset.changes], reset.total) == (True, [1, 2, 3], 5)
    assert till.hello()["refetch"] == []
    lost = till.pull("products", 5, 3)  # the answer was lost: the till is still at 5
    assert lost.reset and lost.next_after == 3
    rest = till.pull("products", 3, 3)
    assert (rest.reset, [c.seq for c in rest.changes]) == (False, [4, 5])
    assert not till.pull("products", 5).reset


def test_a_refetch_of_a_single_page_stream_settles_at_the_next_pull(
        till: Till, engine: Engine, clock: Clock) -> None:
    products(engine, clock, 2)
    request_refetch(engine, store_id=1, terminal_id=till.terminal_id, streams=["products"],
                    at=clock())
    page = till.pull("products", 0)
    assert page.reset and not page.has_more
    assert till.hello()["refetch"] == []
    assert not till.pull("products", page.next_after).reset


def test_unknown_streams_and_oversized_pages_are_refused(till: Till) -> None:
    r = till.client.get("/v1/pull/secrets", headers=till.headers)
    assert r.status_code == 404 and r.json()["code"] == "sync.stream_unknown"
    r = till.client.get("/v1/pull/products", params={"limit": MAX_PAGE + 1},
                        headers=till.headers)
    assert r.status_code == 422 and r.json()["code"] == "sync.request_invalid"


@contextmanager
def statements_in_flight(engine: Engine) -> Iterator[dict[int | None, str]]:
    """The statement each thread has sent to the database and not got back yet."""
    running: dict[int | None, str] = {}

    def before(*args: Any) -> None:
        running[threading.get_ident()] = args[2]

    def after(*args: Any) -> None:
        running.pop(threading.get_ident(), None)

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield running
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def waits_for_a_lock(engine: Engine) -> bool:
    """Whether a session of this PostgreSQL database waits for a lock."""
    with engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'")).scalar_one())


def test_a_reader_never_sees_a_later_seq_before_an_earlier_one_commits(
        engine: Engine, store_id: int) -> None:
    """Writer A logs a change (seq n) and holds its transaction open; writer B must wait for
    A, so a reader cannot see n + 1 while n is uncommitted (and then skip n forever)."""
    a_wrote, a_may_commit = threading.Event(), threading.Event()

    def writer(key: str, hold: bool) -> None:
        with write_tx(engine) as conn:
            changes = ChangeSet()
            changes.upsert("products", key, {"by": key})
            flush(conn, changes)
            if hold:
                a_wrote.set()
                assert a_may_commit.wait(10)

    a = threading.Thread(target=writer, args=("A", True))
    a.start()
    assert a_wrote.wait(10)
    b = threading.Thread(target=writer, args=("B", False))
    with statements_in_flight(engine) as in_flight:
        b.start()
        # Either B finishes (the bug) or it blocks: PostgreSQL shows its session waiting
        # for a lock; SQLite's BEGIN IMMEDIATE waits for A's write lock inside the driver.
        wait_until(lambda: not b.is_alive() or (
            waits_for_a_lock(engine) if engine.dialect.name == "postgresql"
            else in_flight.get(b.ident) == "BEGIN IMMEDIATE"), what="B to block or finish")
    assert b.is_alive(), "B must wait for A's counter lock"
    with engine.connect() as conn:
        assert read_page(conn, stream="products", store_id=store_id, after=0,
                         limit=10).rows == []
    a_may_commit.set()
    a.join(10)
    b.join(10)
    with engine.connect() as conn:
        page = read_page(conn, stream="products", store_id=store_id, after=0, limit=10)
    assert [(key, seq) for seq, key, _, _ in page.rows] == [("A", 1), ("B", 2)]


@pytest.mark.parametrize("limit", [1, 7, MAX_PAGE])
def test_paging_any_size_yields_every_key_exactly_once(
        till: Till, engine: Engine, clock: Clock, limit: int) -> None:
    products(engine, clock, 40)
    seen: list[str] = []
    after = 0
    while True:
        page = till.pull("products", after, limit)
        seen += [c.key for c in page.changes]
        after = page.next_after
        if not page.has_more:
            break
    assert sorted(seen) == [f"P{i:05d}" for i in range(40)] and len(set(seen)) == 40

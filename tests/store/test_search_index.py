"""The search index loads in bulk during an initial pull (no automatic merges), stays
searchable meanwhile, leaves bulk mode with the stream's last page even after a crash, and
the idle worker merges what piled up."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from contract.products import ProductRow
from contract.protocol import Change, PullPage
from pos_app.store import catalog, search_index, sync_apply, sync_pages
from pos_app.store.db import read_tx, write_tx
from pos_app.store.maintenance import StoreMaintenance
from pos_app.store.sync_apply import Context
from tests.waiting import wait_until

CTX = Context(terminal_code="T01", basis_seq=0, at="2026-12-05T10:00:00+08:00")


def _product(n: int) -> dict[str, Any]:
    return {"name": f"康师傅{n}号面", "price_fen": 100 + n, "barcodes": [f"200000{n:06d}"]}


def _page(first: int, n: int, *, has_more: bool) -> PullPage:
    return PullPage(stream="products", has_more=has_more, next_after=first + n - 1, changes=[
        Change(seq=s, key=f"K{s}", op="upsert", data=_product(s))
        for s in range(first, first + n)])


def _bulk(engine: Engine) -> bool:
    with read_tx(engine) as conn:
        return search_index.in_bulk(conn)


def _segments(engine: Engine) -> int:
    with read_tx(engine) as conn:
        return int(conn.execute(text(
            "SELECT count(DISTINCT segid) FROM product_fts_idx")).scalar_one())


def _pull(engine: Engine, pages: list[PullPage], **kw: Any) -> None:
    for page in pages:
        sync_pages.apply_page(engine=engine, page=page, reset=False, ctx=CTX, **kw)


@pytest.fixture
def small_bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_apply, "BULK_PAGE", 20)


def test_an_initial_pull_loads_in_bulk_until_its_last_page(
        empty_engine: Engine, small_bulk: None) -> None:
    seen: list[bool] = []
    _pull(empty_engine, [_page(1, 30, has_more=True)])
    seen.append(_bulk(empty_engine))
    # Searchable meanwhile: the segments are there, only not merged.
    assert [p.sku for p in catalog.search_products(engine=empty_engine, query="K7")] == ["K7"]
    _pull(empty_engine, [_page(31, 30, has_more=True)])
    seen.append(_bulk(empty_engine))
    _pull(empty_engine, [_page(61, 5, has_more=False)])  # a small last page ends it
    seen.append(_bulk(empty_engine))
    assert seen == [True, True, False]
    assert catalog.product_count(engine=empty_engine) == 65
    hits = catalog.search_products(engine=empty_engine, query="康师傅", limit=100)
    assert len(hits) == 65


def test_small_pages_never_switch_merges_off(empty_engine: Engine) -> None:
    _pull(empty_engine, [_page(1, 30, has_more=True)])  # under sync_apply.BULK_PAGE
    assert not _bulk(empty_engine)


def test_a_pull_cut_short_stays_in_bulk_and_its_resumption_ends_it(
        empty_engine: Engine, small_bulk: None, monkeypatch: pytest.MonkeyPatch) -> None:
    handler = sync_apply.HANDLERS["products"]
    real = handler.upsert

    def crash_at_45(conn: Any, key: str, value: Any, ctx: Any) -> None:
        if key == "K45":
            raise RuntimeError("power cut")
        real(conn, key, value, ctx)

    monkeypatch.setattr(handler, "upsert", crash_at_45)
    with pytest.raises(RuntimeError):
        _pull(empty_engine, [_page(1, 30, has_more=True), _page(31, 30, has_more=False)],
              max_tx_s=0.0)
    assert _bulk(empty_engine)  # committed with the chunks that got in
    monkeypatch.undo()
    _pull(empty_engine, [_page(45, 16, has_more=False)])
    assert not _bulk(empty_engine)
    assert catalog.product_count(engine=empty_engine) == 60


def test_merge_steps_merge_what_a_bulk_load_piled_up(empty_engine: Engine) -> None:
    with write_tx(empty_engine) as conn:
        search_index.set_bulk(conn, True)
    for n in range(40):  # a segment per transaction, none merged
        catalog.upsert_products(engine=empty_engine, rows=[
            ProductRow(sku=f"M{n}", name=f"农夫山泉{n}", price_fen=200)])
    piled = _segments(empty_engine)
    assert piled >= 40
    assert not search_index.merge_step(empty_engine)  # still loading: leaves it alone
    with write_tx(empty_engine) as conn:
        search_index.set_bulk(conn, False)
    steps = 0
    while search_index.merge_step(empty_engine, pages=4):
        steps += 1
        assert steps < 1000
    assert steps >= 1 and _segments(empty_engine) < 4 < piled
    assert len(catalog.search_products(engine=empty_engine, query="农夫山泉")) == 40


def test_the_idle_worker_merges_the_index(empty_engine: Engine) -> None:
    with write_tx(empty_engine) as conn:
        search_index.set_bulk(conn, True)
    for n in range(12):
        catalog.upsert_products(engine=empty_engine, rows=[
            ProductRow(sku=f"W{n}", name=f"蒙牛{n}", price_fen=300)])
    with write_tx(empty_engine) as conn:
        search_index.set_bulk(conn, False)
    assert _segments(empty_engine) >= 12
    worker = StoreMaintenance(engine=empty_engine, poll_s=0.01, idle_s=0.0)
    worker.start()
    try:
        wait_until(lambda: _segments(empty_engine) < 4, timeout_s=30, what="the merges")
    finally:
        worker.stop()
    assert worker.merges >= 1

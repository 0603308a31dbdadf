"""Pull: every stream applied with its cursor in one transaction, tombstones, resets, paging
with progress, changes the till cannot use, and what the pulled data means at the till."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text

from contract.demo import demo_lookup_secret, demo_private_key
from contract.protocol import STREAMS, Change, PullPage
from contract.staff import hash_pin
from pos_app.core.coupons import Coupon, make_coupon_code
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.promo_codec import promotion_to_dict
from pos_app.core.promotions import Promotion, Target
from pos_app.core.signed_codes import public_key_to_text
from pos_app.services.checkout import CheckoutService
from pos_app.store import (
    catalog,
    members,
    promotions,
    receiving,
    staff,
    sync_apply,
    sync_pages,
    sync_state,
    terminal,
)
from pos_app.store.members import decode_secret
from sync.client import SyncClient
from sync.server.lookup import member_data
from tests.conftest import COLA
from tests.sync.client.conftest import GOLD_CARD, make_client, sell
from tests.sync.client.fake_cloud import FakeCloud

NEW_CODE = "6990000000107"


def product(name: str, price_fen: int, *codes: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "name_en": "", "unit": "个", "price_fen": price_fen,
            "tax_rate_bp": 1300, "is_weighed": False, "age_restricted": False,
            "category": "饮料", "brand": "", "active": True, "barcodes": list(codes), **more}


def member(points: int, *, phone: str = "13800138000", tier: str = "gold",
           card_no: str = "8800000001", name: str = "张伟") -> dict[str, Any]:
    """A member as the cloud sends it (masked and hashed with the demo's lookup secret)."""
    return member_data({"phone": phone, "name": name, "tier": tier, "card_no": card_no,
                        "birthday": "1985-06-15", "points_balance": points},
                       decode_secret(demo_lookup_secret()))


def rule(promo_id: str, name: str) -> dict[str, Any]:
    promo = Promotion(promo_id=promo_id, name=name, kind="percent_off",
                      target=Target(skus=frozenset({"NEW-1"})), percent_bp=2_000)
    return {k: v for k, v in promotion_to_dict(promo).items() if k != "promo_id"}


def coupon_code(coupon_id: str) -> str:
    now = datetime.now(UTC).replace(microsecond=0)
    return make_coupon_code(Coupon(
        coupon_id=coupon_id, kind="amount_off", name="五元券", value=500, min_spend=Money(0),
        categories=frozenset(), skus=frozenset(), tier=None, valid_from=now - timedelta(days=1),
        valid_to=now + timedelta(days=30), member_id=None), private_key=demo_private_key())


def fill(cloud: FakeCloud) -> None:
    """One change or more in every stream."""
    cloud.put("store", "S001", {"store_name": "云端门店", "store_address": "云路 1 号",
                                "footer": "欢迎"})
    cloud.put("roles", "cashier", {"permissions": ["sell", "reprint"], "max_discount_bp": 500})
    cloud.put("staff", "st-9", {"code": "9001", "name": "云端收银员", "role": "cashier",
                                "pin_hash": hash_pin("9876"), "badge_hash": None})
    key = public_key_to_text(demo_private_key().public_key())
    cloud.put("chain_keys", "cloud-2027", {"public_key": key})
    cloud.put("tiers", "gold", {"rank": 2, "name_zh": "金卡", "name_en": "Gold",
                                "discount_bp": 500, "points_multiplier_bp": 15_000})
    cloud.put("products", "NEW-1", product("云端新品", 990, NEW_CODE))
    cloud.put("products", "T-TEA", product("康师傅冰红茶 新价", 350))
    cloud.put("promotions", "P-CLOUD", rule("P-CLOUD", "云端八折"))
    cloud.put("members", "M-DEMO-1", member(9_000))
    cloud.put("wallet", "C-CLOUD-1", {"member_id": "M-DEMO-1", "code": coupon_code("C-CLOUD-1")})
    cloud.put("revoked_coupons", "C-BAD", {"revoked_at": "2026-12-01T10:00:00+08:00"})
    cloud.put("stock", "NEW-1", {"on_hand": 40})
    cloud.put("expected_receipts", "PO-S001-000001", {
        "kind": "order", "store_code": "S001", "supplier": "康师傅",
        "lines": [{"sku": "T-TEA", "qty": 24, "cost_fen": 150}]})


def scalar(engine: Engine, sql: str, **params: Any) -> Any:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def test_every_stream_is_applied_and_its_cursor_saved(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    fill(cloud)
    report = client.sync_once()
    assert report.changed_streams == set(STREAMS)
    assert sync_state.cursors(engine=engine) == cloud.stream_seq
    new = catalog.find_by_barcode(engine=engine, code=NEW_CODE)
    assert new is not None and (new.name, new.price.fen) == ("云端新品", 990)
    assert [p.sku for p in catalog.search_products(engine=engine, query="ydxp")] == ["NEW-1"]
    tea = catalog.get_product_by_sku(engine=engine, sku="T-TEA")
    assert tea is not None and tea.price.fen == 350
    info = terminal.get_store_info(engine=engine)
    assert (info.store_name, info.terminal_code, info.footer) == ("云端门店", "T01", "欢迎")
    assert {t.code: t.discount_bp for t in members.list_tiers(engine=engine)}["gold"] == 500
    assert "P-CLOUD" in {p.promo_id for p in promotions.active_promotions(engine=engine)}
    demo_member = members.get_member(engine=engine, member_id="M-DEMO-1")
    assert demo_member is not None and demo_member.points_confirmed == 9_000
    assert len(members.member_coupon_codes(engine=engine, member_id="M-DEMO-1")) >= 1
    assert promotions.is_revoked(engine=engine, coupon_id="C-BAD")
    cloud_cashier = staff.find_staff(engine, code="9001")
    assert cloud_cashier is not None and cloud_cashier.name == "云端收银员"
    assert staff.role_of(engine, "cashier").max_discount_bp == 500
    assert sync_state.stock_view(engine=engine, sku="NEW-1") == 40
    [order] = receiving.open_orders(engine=engine)
    assert (order.receipt_id, order.lines) == ("PO-S001-000001", (("T-TEA", 24, 150),))


def test_tombstones_retire_what_the_cloud_deleted(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    fill(cloud)
    client.sync_once()
    cloud.delete("products", "NEW-1")
    cloud.delete("promotions", "P-CLOUD")
    cloud.delete("wallet", "C-CLOUD-1")
    cloud.delete("revoked_coupons", "C-BAD")
    cloud.delete("stock", "NEW-1")
    cloud.delete("expected_receipts", "PO-S001-000001")
    client.sync_once()
    assert receiving.open_orders(engine=engine) == []
    assert catalog.get_product_by_sku(engine=engine, sku="NEW-1") is None  # inactive
    assert catalog.find_by_barcode(engine=engine, code=NEW_CODE) is not None  # still known
    assert "P-CLOUD" not in {p.promo_id for p in promotions.active_promotions(engine=engine)}
    assert not promotions.is_revoked(engine=engine, coupon_id="C-BAD")
    assert scalar(engine, "SELECT count(*) FROM member_coupon WHERE coupon_id = 'C-CLOUD-1'") == 0


def test_pages_follow_each_other_with_progress(engine: Engine, cloud: FakeCloud) -> None:
    for n in range(7):
        cloud.put("products", f"P{n}", product(f"商品{n}", 100 + n))
    seen: list[tuple[str, int, int | None]] = []
    with make_client(engine, cloud, page=3) as client:
        client.sync_once(progress=lambda *a: seen.append(a))
    assert cloud.paths("/v1/pull/products") == ["/v1/pull/products"] * 3
    products = [(d, t) for s, d, t in seen if s == "products"]
    assert products[-1] == (7, 7)
    assert [d for d, _ in products] == sorted(d for d, _ in products)
    assert all(t == 7 for _, t in products)
    assert sync_state.cursors(engine=engine)["products"] == 7


def test_a_failure_inside_a_page_rolls_back_its_changes_and_its_cursor(
        engine: Engine, cloud: FakeCloud, client: SyncClient,
        monkeypatch: pytest.MonkeyPatch) -> None:
    cloud.put("products", "A-1", product("甲", 100))
    cloud.put("products", "A-2", product("乙", 200))
    handler = sync_apply.HANDLERS["products"]
    real = handler.upsert

    def crash_on_second(conn: Any, key: str, value: Any, ctx: Any) -> None:
        real(conn, key, value, ctx)
        if key == "A-2":
            raise RuntimeError("power cut")

    monkeypatch.setattr(handler, "upsert", crash_on_second)
    with pytest.raises(RuntimeError):
        client.sync_once()
    assert catalog.get_product_by_sku(engine=engine, sku="A-1") is None
    assert sync_state.cursors(engine=engine)["products"] == 0
    monkeypatch.undo()
    client.sync_once()
    assert catalog.get_product_by_sku(engine=engine, sku="A-2") is not None
    assert sync_state.cursors(engine=engine)["products"] == 2


def test_a_big_page_is_applied_in_chunks_each_with_its_cursor(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    page = PullPage(stream="products", next_after=200, has_more=False, changes=[
        Change(seq=n, key=f"B-{n}", op="upsert", data=product(f"商品{n}", n))
        for n in range(1, 121)])
    handler = sync_apply.HANDLERS["products"]
    real = handler.upsert

    def crash_at_60(conn: Any, key: str, value: Any, ctx: Any) -> None:
        if key == "B-60":
            raise RuntimeError("power cut")
        real(conn, key, value, ctx)

    monkeypatch.setattr(handler, "upsert", crash_at_60)
    ctx = sync_apply.Context(terminal_code="T01", basis_seq=0, at="2026-12-01T10:00:00+08:00")
    with pytest.raises(RuntimeError):
        # No time for a second change in a transaction: one chunk per change.
        sync_pages.apply_page(engine=engine, page=page, reset=False, ctx=ctx, max_tx_s=0.0)
    assert sync_state.cursors(engine=engine)["products"] == 59
    assert scalar(engine, "SELECT count(*) FROM product WHERE sku LIKE 'B-%'") == 59
    monkeypatch.undo()
    done = sync_pages.apply_page(engine=engine, page=page, reset=False, ctx=ctx)
    assert done.applied == 120 and sync_state.cursors(engine=engine)["products"] == 200


def test_a_waiting_sale_ends_the_chunk_at_once(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    page = PullPage(stream="products", next_after=30, has_more=False, changes=[
        Change(seq=n, key=f"W-{n}", op="upsert", data=product(f"商品{n}", n))
        for n in range(1, 31)])
    commits: list[int] = []
    monkeypatch.setattr(sync_pages, "foreground_waiting", lambda _engine: True)
    ctx = sync_apply.Context(terminal_code="T01", basis_seq=0, at="2026-12-01T10:00:00+08:00")
    sync_pages.apply_page(engine=engine, page=page, reset=False, ctx=ctx,
                          progress=commits.append)
    assert commits == list(range(1, 31))  # one change per transaction while a sale waits
    assert sync_state.cursors(engine=engine)["products"] == 30


def test_a_change_the_till_cannot_use_stops_its_stream_and_is_asked_for_again(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    cloud.put("products", "GOOD-1", product("好数据", 500))
    cloud.put("products", "BAD", product("坏数据", -5))
    cloud.put("products", "GOOD-2", product("好数据二", 600))
    cloud.put("promotions", "P-BAD", {"kind": "percent_off", "name": "x", "percent_bp": -1})
    cloud.put("stock", "T-COLA", {"on_hand": 7})
    before = sync_state.cursors(engine=engine).get("products", 0)
    report = client.sync_once()
    assert set(report.rejected) == {"products", "promotions"}
    assert (report.rejected["products"].change_key, report.rejected["products"].seq) == (
        "BAD", 2)
    # Nothing of the page, no cursor beyond it: the next sync asks for the same changes.
    assert catalog.get_product_by_sku(engine=engine, sku="GOOD-1") is None
    assert sync_state.cursors(engine=engine).get("products", 0) == before
    assert scalar(engine, "SELECT on_hand FROM stock_cloud WHERE sku = 'T-COLA'") == 7
    assert [(s, k) for s, k, _ in cloud.rejected] == [("products", "BAD"),
                                                       ("promotions", "P-BAD")]
    cloud.put("products", "BAD", product("改好了", 5))  # head office fixes it
    cloud.put("promotions", "P-BAD", rule("P-BAD", "八折"))
    again = client.sync_once()
    assert again.rejected == {}
    assert all(catalog.get_product_by_sku(engine=engine, sku=sku) is not None
               for sku in ("GOOD-1", "BAD", "GOOD-2"))


def test_a_change_the_database_refuses_rolls_its_chunk_back_and_stops_the_stream(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    with engine.begin() as conn:  # a till whose database refuses one member (a trigger)
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse_m2 BEFORE INSERT ON member WHEN NEW.member_id = 'M-2' "
            "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END")
    for n in (1, 2, 3):
        cloud.put("members", f"M-{n}", member(n, phone=f"1380000000{n}"))
    report = client.sync_once()
    rejected = report.rejected["members"]
    assert rejected.change_key == "M-2" and "refused for the test" in rejected.reason
    assert scalar(engine, "SELECT count(*) FROM member WHERE member_id LIKE 'M-_'") == 0
    assert sync_state.cursors(engine=engine).get("members", 0) == 0
    assert cloud.rejected[0][:2] == ("members", "M-2")


@pytest.mark.parametrize("table", ["product", "barcode"])
def test_a_product_the_database_refuses_stops_the_stream_like_any_change(
        engine: Engine, cloud: FakeCloud, client: SyncClient, table: str) -> None:
    # Products are written on the driver's connection directly (catalog.CatalogWriter): its
    # errors stop the stream as SQLAlchemy's do, they do not fail the whole sync.
    column = "sku" if table == "product" else "code"
    refused = "P-2" if table == "product" else "2990000000002"
    with engine.begin() as conn:
        conn.exec_driver_sql(
            f"CREATE TRIGGER refuse_p2 BEFORE INSERT ON {table} WHEN NEW.{column} = "
            f"'{refused}' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END")
    for n in (1, 2, 3):
        cloud.put("products", f"P-{n}", product(f"商品{n}", 100 * n, f"2990000{n:06d}"))
    report = client.sync_once()
    rejected = report.rejected["products"]
    assert rejected.change_key == "P-2" and "refused for the test" in rejected.reason
    assert scalar(engine, "SELECT count(*) FROM product WHERE sku LIKE 'P-_'") == 0
    assert scalar(engine, "SELECT count(*) FROM barcode WHERE code LIKE '2990000%'") == 0
    assert sync_state.cursors(engine=engine).get("products", 0) == 0
    assert cloud.rejected[0][:2] == ("products", "P-2")
    assert report.rejected.keys() == {"products"}  # the other streams went on


def test_a_pulled_member_keeps_no_private_data_and_is_found_by_phone_and_card(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    twins = [member(10, phone="13600001234", card_no="CARD-7", name="钱多多"),
             member(20, phone="13600001234", card_no="CARD-8", name="钱少少")]
    # An older cloud's full data alongside is not kept either.
    cloud.put("members", "M-Q1", {**twins[0], "phone": "13600001234", "name": "钱多多",
                                  "card_no": "CARD-7", "birthday": "1985-06-15"})
    cloud.put("members", "M-Q2", twins[1])
    assert client.sync_once().rejected == {}
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(text(
            "SELECT * FROM member WHERE member_id LIKE 'M-Q%'")).mappings()]
    stored = " ".join(str(v) for r in rows for v in r.values())
    for private in ("13600001234", "钱多多", "钱少少", "CARD-7", "1985"):
        assert private not in stored
    assert {(r["phone_masked"], r["name_masked"], r["birthday_md"]) for r in rows} == {
        ("136****1234", "钱**", "06-15")}
    loyalty = CheckoutService(engine=engine,
                              store_info=terminal.get_store_info(engine=engine)).loyalty
    assert [m.member_id for m in loyalty.find_by_phone("136-0000-1234")] == ["M-Q1", "M-Q2"]
    found = loyalty.find_by_card("card-8")
    assert found is not None and found.member_id == "M-Q2"


def test_a_reset_clears_reference_data_but_never_sales_or_ledgers(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    sell(engine, 1)
    sales_before = scalar(engine, "SELECT count(*) FROM sale")
    moves_before = scalar(engine, "SELECT count(*) FROM stock_movement")
    cloud.put("products", "ONLY-1", product("唯一", 100))
    cloud.put("promotions", "P-CLOUD", rule("P-CLOUD", "云端八折"))
    cloud.refetch = {"products": None, "promotions": None}
    report = client.sync_once()
    assert set(report.resets) == {"products", "promotions"}
    assert catalog.get_product_by_sku(engine=engine, sku="T-COLA") is None  # retired
    assert catalog.get_product_by_sku(engine=engine, sku="ONLY-1") is not None
    assert [p.promo_id for p in promotions.active_promotions(engine=engine)] == ["P-CLOUD"]
    assert scalar(engine, "SELECT count(*) FROM sale") == sales_before
    assert scalar(engine, "SELECT count(*) FROM stock_movement") == moves_before
    client.sync_once()  # pulls from the reset page's cursor: the cloud forgets the refetch
    assert cloud.refetch == {}


def test_a_lost_pull_answer_is_asked_again(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    cloud.put("products", "A-1", product("甲", 100))
    cloud.fail("/v1/pull/products", "lost_answer")
    client.sync_once()
    assert catalog.get_product_by_sku(engine=engine, sku="A-1") is not None


def test_points_count_until_the_members_balance_includes_them(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    before = members.get_member(engine=engine, member_id="M-DEMO-1")
    assert before is not None
    sell(engine, 1, member_card=GOLD_CARD)
    after_sale = members.get_member(engine=engine, member_id="M-DEMO-1")
    assert after_sale is not None
    earned = after_sale.points_pending
    assert earned > 0
    client.sync_once()  # pushed: 'acked', still counted (the balance was not pulled)
    after_push = members.get_member(engine=engine, member_id="M-DEMO-1")
    assert after_push is not None and after_push.points_pending == earned
    cloud.put("members", "M-DEMO-1", member(before.points_confirmed + earned))
    client.sync_once()
    synced = members.get_member(engine=engine, member_id="M-DEMO-1")
    assert synced is not None
    assert (synced.points_confirmed, synced.points_pending) == (
        before.points_confirmed + earned, 0)


def test_stock_is_the_clouds_balance_plus_what_it_has_not_counted_yet(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    local_only = sync_state.stock_view(engine=engine, sku="T-COLA")
    sell(engine, 1, codes=(COLA,))
    assert sync_state.stock_view(engine=engine, sku="T-COLA") == (local_only or 0) - 1
    cloud.put("stock", "T-COLA", {"on_hand": 100})  # the cloud has counted our sale
    client.sync_once()
    assert sync_state.stock_view(engine=engine, sku="T-COLA") == 100
    sell(engine, 2, codes=(COLA,))  # not pushed yet
    assert sync_state.stock_view(engine=engine, sku="T-COLA") == 98


def test_a_revoked_coupon_is_refused_at_the_till(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    code = coupon_code("C-REVOKED")
    cloud.put("wallet", "C-REVOKED", {"member_id": "M-DEMO-1", "code": code})
    cloud.put("revoked_coupons", "C-REVOKED", {"revoked_at": "2026-12-01T10:00:00+08:00"})
    client.sync_once()
    checkout = CheckoutService(engine=engine, store_info=terminal.get_store_info(engine=engine))
    checkout.scan(COLA)
    with pytest.raises(PosError) as err:
        checkout.add_coupon(code)
    assert err.value.key == "coupon.revoked"
    checkout.scan(GOLD_CARD)
    assert code not in [c for _, c in checkout.available_coupons()]


def test_a_stream_pulled_from_the_start_takes_bigger_pages(
        engine: Engine, cloud: FakeCloud) -> None:
    for n in range(7):
        cloud.put("products", f"P{n}", product(f"商品{n}", 100 + n))
    with make_client(engine, cloud, page=2, initial_page=5) as client:
        client.sync_once()
    assert cloud.paths("/v1/pull/products") == ["/v1/pull/products"] * 2
    assert sync_state.cursors(engine=engine)["products"] == 7


def test_no_page_is_fetched_ahead_of_a_reset_page(
        engine: Engine, cloud: FakeCloud, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(7):
        cloud.put("products", f"P{n}", product(f"商品{n}", 100 + n))
    with make_client(engine, cloud, page=3) as client:
        client.sync_once()
    cloud.refetch = {"products": None}
    handler = sync_apply.HANDLERS["products"]

    def crash(conn: Any, ctx: Any) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(handler, "reset", crash)
    with make_client(engine, cloud, page=3) as client, pytest.raises(RuntimeError):
        client.sync_once()
    # Asking from the reset page's cursor would have told the cloud it was applied.
    assert cloud.refetch == {"products": 3}
    monkeypatch.undo()
    with make_client(engine, cloud, page=3) as client:
        report = client.sync_once()
    assert "products" in report.resets and cloud.refetch == {}
    assert sync_state.cursors(engine=engine)["products"] == 7
    assert catalog.get_product_by_sku(engine=engine, sku="P6") is not None


def test_pages_fetched_ahead_are_prepared_on_the_fetching_thread_and_stop_at_a_bad_change(
        engine: Engine, cloud: FakeCloud, monkeypatch: pytest.MonkeyPatch) -> None:
    from pos_app.store import sync_local

    threads: list[str] = []
    real = sync_pages.prepare_page

    def watched(page: PullPage) -> Any:
        threads.append(threading.current_thread().name)
        return real(page)

    monkeypatch.setattr(sync_local, "prepare_page", watched)
    for n in range(8):  # the 7th can not be used: pages 1 and 2 are applied, page 3 not
        cloud.put("products", f"P{n}", product(f"商品{n}", -1 if n == 6 else 100 + n))
    with make_client(engine, cloud, page=3, initial_page=3) as client:
        report = client.sync_once()
    assert threads and all(t.startswith("sync-pull") for t in threads)
    assert (report.rejected["products"].change_key, report.rejected["products"].seq) == (
        "P6", 7)
    assert sync_state.cursors(engine=engine)["products"] == 6
    assert [p.sku for p in catalog.search_products(engine=engine, query="商品")] == [
        f"P{n}" for n in range(6)]


def test_the_clouds_pinyin_is_used_when_it_fits_the_name(
        engine: Engine, cloud: FakeCloud, client: SyncClient) -> None:
    cloud.put("products", "PY-1", product("云端新品", 990, pinyin="qa qb qc qd"))
    cloud.put("products", "PY-2", product("云端好品", 990, pinyin="yun duan"))  # unfit
    cloud.put("products", "PY-3", product("云端佳品", 990, pinyin=["yun"]))  # not a string
    client.sync_once()
    assert [p.sku for p in catalog.search_products(engine=engine, query="qqqq")] == ["PY-1"]
    assert "PY-2" in [p.sku for p in catalog.search_products(engine=engine, query="ydhp")]
    assert "PY-3" in [p.sku for p in catalog.search_products(engine=engine, query="ydjp")]

"""Members, points ledger, coupon redemptions and applied promotions in the local store."""

from __future__ import annotations

import base64
import dataclasses

import pytest
from sqlalchemy import Engine, text

from contract.members import MemberRecord, TierRecord
from pos_app.core.errors import PosError
from pos_app.store import catalog, members, outbox, promotions, sales
from pos_app.store.db import write_tx
from pos_app.store.members import LocalMember, PointsRecord
from pos_app.store.promotions import CouponUseRecord, PromotionRecord
from pos_app.store.sales import SalePromotionRecord

from .conftest import SaleFactory

AT = "2024-11-22T09:30:00+00:00"
ZHANG = MemberRecord(member_id="M-1", phone="13812345678", name="张三", tier="gold",
                     card_no="88001", birthday="1990-05-01", points_confirmed=1_000)
SECRET = base64.b64encode(b"a chain's lookup secret, 32 byte").decode()


@pytest.fixture
def member(engine: Engine) -> LocalMember:
    """张三 as a till keeps him (with the chain's lookup secret)."""
    with write_tx(engine) as conn:
        members.put_lookup_secret(conn, secret=SECRET, at=AT)
        local = members.local_member(ZHANG, secret=members.decode_secret(SECRET))
        members.put_members(conn, [local], at=AT)
    return local


def _member_rows(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text("SELECT * FROM member")).mappings()]


def test_a_till_keeps_no_full_phone_name_card_number_or_birthday(
    engine: Engine, member: LocalMember
) -> None:
    rows = _member_rows(engine)
    assert not {"phone", "name", "card_no", "birthday"} & set(rows[0])
    stored = " ".join(str(v) for row in rows for v in row.values())
    for private in ("13812345678", "张三", "88001", "1990"):
        assert private not in stored
    [row] = [r for r in rows if r["member_id"] == "M-1"]
    assert (row["phone_masked"], row["name_masked"], row["birthday_md"]) == (
        "138****5678", "张*", "05-01")


def test_members_sharing_a_phone_are_all_found_by_phone_and_by_card(
    engine: Engine, member: LocalMember
) -> None:
    twin = members.local_member(dataclasses.replace(ZHANG, member_id="M-2", name="张四"),
                                secret=members.decode_secret(SECRET))
    with write_tx(engine) as conn:
        members.put_members(conn, [twin], at=AT)
    assert [m.member_id for m in members.find_members(engine=engine, phone="13812345678")] == [
        "M-1", "M-2"]
    assert [m.member_id for m in members.find_members(engine=engine, card_no=" 88001 ")] == [
        "M-1", "M-2"]
    assert members.find_members(engine=engine, phone="13812345679") == []


def test_without_the_chain_lookup_secret_a_phone_cannot_be_looked_up(engine: Engine) -> None:
    with write_tx(engine) as conn:
        conn.execute(text("DELETE FROM member_lookup_key"))
    with pytest.raises(PosError) as err:
        members.find_members(engine=engine, phone="13812345678")
    assert err.value.key == "member.lookup_unavailable"


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _loyal_sale(engine: Engine, make_sale: SaleFactory, uuid: str, *, coupon: str = "C-1"
                ) -> sales.SaleRecord:
    cola = catalog.get_product_by_sku(engine=engine, sku="T-COLA")
    assert cola is not None
    base = make_sale([(cola.product_id, 2, 350)], uuid=uuid)
    return dataclasses.replace(
        base, member_id="M-1",
        promotions=(SalePromotionRecord("P-2ND", "第二件半价", "nth_item", 175,
                                        {"key": "promo.nth_item", "data": {"off_fen": 175}}),),
        coupons=(CouponUseRecord(coupon, 100, "M-1"),),
        points=(PointsRecord(f"{uuid}-r", "M-1", "redeem", -200, "2024-11-22"),
                PointsRecord(f"{uuid}-e", "M-1", "earn", 3, "2024-11-22")),
        promo_usage=(("M-1", "P-FLASH", 2),),
    )


def test_member_found_by_id_phone_and_card_with_pending_points(
    engine: Engine, member: LocalMember, make_sale: SaleFactory
) -> None:
    assert members.find_members(engine=engine, phone="13812345678") == [member]
    assert members.find_members(engine=engine, card_no="88001") == [member]
    assert members.get_member(engine=engine, member_id="nobody") is None
    sales.commit_sale(engine=engine, record=_loyal_sale(engine, make_sale, "u-1"))
    got = members.get_member(engine=engine, member_id="M-1")
    assert got is not None and (got.points_confirmed, got.points_pending) == (1_000, -197)
    assert members.redeemed_on(engine=engine, member_id="M-1", business_date="2024-11-22") == 200
    assert members.redeemed_on(engine=engine, member_id="M-1", business_date="2024-11-23") == 0
    assert members.flash_bought(engine=engine, member_id="M-1") == {"P-FLASH": 2}


def test_sale_with_member_points_coupon_and_promotions_is_one_transaction(
    engine: Engine, member: LocalMember, make_sale: SaleFactory
) -> None:
    done = sales.commit_sale(engine=engine, record=_loyal_sale(engine, make_sale, "u-1"))
    stored = sales.get_sale(engine=engine, receipt_no=done.receipt_no)
    assert stored is not None
    assert stored.record.member_id == "M-1"
    assert [p.promo_id for p in stored.record.promotions] == ["P-2ND"]
    assert stored.record.promotions[0].explanation["key"] == "promo.nth_item"
    assert [c.coupon_id for c in stored.record.coupons] == ["C-1"]
    assert (stored.record.points_earned, stored.record.points_redeemed) == (3, 200)
    types = [e.type for e in outbox.pending_events(engine=engine, terminal_code="T01")]
    assert sorted(types) == ["coupon.redeemed", "points.transaction", "points.transaction",
                             "sale.completed"]
    assert promotions.is_redeemed(engine=engine, coupon_id="C-1")


def test_each_lines_promotions_and_the_printed_member_block_are_kept_for_reprints(
    engine: Engine, member: LocalMember, make_sale: SaleFactory
) -> None:
    base = _loyal_sale(engine, make_sale, "u-1")
    snapshot = sales.SaleMemberRecord("138****5678", "张*", "金卡会员", 803)
    record = dataclasses.replace(
        base, lines=[dataclasses.replace(base.lines[0], promo_ids=("P-2ND", "C:C-1"))],
        member_receipt=snapshot)
    done = sales.commit_sale(engine=engine, record=record)
    stored = sales.get_sale(engine=engine, receipt_no=done.receipt_no)
    assert stored is not None
    assert [ln.promo_ids for ln in stored.record.lines] == [("P-2ND", "C:C-1")]
    assert stored.record.member_receipt == snapshot
    [event] = [e for e in outbox.pending_events(engine=engine, terminal_code="T01")
               if e.type == "sale.completed"]
    assert event.payload["member_receipt"]["points_balance"] == 803
    assert event.payload["lines"][0]["promo_ids"] == ["P-2ND", "C:C-1"]


def test_a_sale_without_member_or_line_promotions_reads_back_without_them(
    engine: Engine, make_sale: SaleFactory
) -> None:
    cola = catalog.get_product_by_sku(engine=engine, sku="T-COLA")
    assert cola is not None
    done = sales.commit_sale(engine=engine, record=make_sale([(cola.product_id, 1, 350)],
                                                             uuid="u-plain"))
    stored = sales.get_sale(engine=engine, receipt_no=done.receipt_no)
    assert stored is not None and stored.record.member_receipt is None
    assert [ln.promo_ids for ln in stored.record.lines] == [()]


def test_a_coupon_used_twice_on_this_terminal_rolls_the_second_sale_back(
    engine: Engine, member: LocalMember, make_sale: SaleFactory
) -> None:
    sales.commit_sale(engine=engine, record=_loyal_sale(engine, make_sale, "u-1"))
    before = {t: _count(engine, t) for t in ("sale", "points_entry", "outbox_event",
                                             "stock_movement", "member_promo_usage")}
    with pytest.raises(PosError) as err:
        sales.commit_sale(engine=engine, record=_loyal_sale(engine, make_sale, "u-2"))
    assert err.value.key == "coupon.already_used"
    assert {t: _count(engine, t) for t in before} == before
    assert members.flash_bought(engine=engine, member_id="M-1") == {"P-FLASH": 2}


def test_sign_up_records_member_and_event_and_refuses_a_known_phone(
    engine: Engine, member: LocalMember
) -> None:
    new = MemberRecord(member_id="L-T01-1", phone="13900001111", name="王五", source="till",
                       consent_at=AT)
    before = _count(engine, "member")
    got = members.sign_up(engine=engine, member=new, store_code="S001", terminal_code="T01",
                          at=AT)
    assert got == members.local_member(new, secret=members.decode_secret(SECRET))
    assert (got.phone_masked, got.name_masked, got.source) == ("139****1111", "王*", "till")
    # The cloud needs the full phone: the event has it (until pushed); the member row not.
    [event] = outbox.pending_events(engine=engine, terminal_code="T01")
    assert event.type == "member.signed_up" and event.payload["phone"] == "13900001111"
    assert "13900001111" not in " ".join(str(v) for r in _member_rows(engine)
                                         for v in r.values())
    assert [m.member_id for m in members.find_members(engine=engine, phone="13900001111")] == [
        "L-T01-1"]
    with pytest.raises(PosError) as err:
        members.sign_up(engine=engine, member=dataclasses.replace(new, member_id="L-T01-2",
                        phone=ZHANG.phone), store_code="S001", terminal_code="T01", at=AT)
    assert err.value.key == "member.phone_taken"
    assert _count(engine, "member") == before + 1


def test_tiers_promotions_and_chain_keys_round_trip(engine: Engine) -> None:
    tiers = [TierRecord("silver", 1, "银卡", "Silver", discount_bp=200),
             TierRecord("regular", 0, "普通", "Regular")]
    with write_tx(engine) as conn:  # the demo seeded its own loyalty data: start empty
        for table in ("member_tier", "promotion", "chain_key"):
            conn.execute(text(f"DELETE FROM {table}"))
        members.put_tiers(conn, tiers)
        promotions.put_promotions(conn, [
            PromotionRecord("P-1", "percent_off", {"name": "饮料九折", "percent_bp": 1000}),
            PromotionRecord("P-0", "threshold_off", {"name": "满100减20"}, active=False),
        ], at=AT)
        promotions.put_chain_key(conn, key_id="k1", public_key="AAAA", at=AT)
    assert [t.code for t in members.list_tiers(engine=engine)] == ["regular", "silver"]
    [active] = promotions.active_promotions(engine=engine)
    assert active.payload == {"name": "饮料九折", "percent_bp": 1000}
    assert promotions.chain_keys(engine=engine) == ["AAAA"]

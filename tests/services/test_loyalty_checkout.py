"""Members, promotions, coupons and points through the checkout service, on the demo store."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine

from contract.demo import demo_private_key
from pos_app.core.coupons import Coupon, CouponKind, make_coupon_code
from pos_app.core.errors import PosError
from pos_app.core.members import make_member_code
from pos_app.core.money import Money
from pos_app.services.checkout import CheckoutService
from pos_app.store import members as member_store
from pos_app.store import outbox, terminal
from pos_app.store import sales as sales_store

CST = timezone(timedelta(hours=8))
WEDNESDAY = datetime(2026, 11, 18, 10, 0, tzinfo=CST)  # no weekend double points
SUNDAY = datetime(2026, 11, 22, 10, 0, tzinfo=CST)
COKE_330 = "6901000000004"  # 可口可乐 330ml ¥3.00, 饮料, brand 可口可乐
TELUNSU = "040009"  # 蒙牛特仑苏 ¥65.00, member price gold ¥56.90
NOODLES = "030001"  # 康师傅红烧牛肉面 五连包 ¥12.50, buy 2 get 1
WIPES = "060017"  # 清风湿巾 ¥12.90, the ¥200 gift


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now


def make_checkout(engine: Engine, start: datetime) -> tuple[CheckoutService, Clock]:
    clock = Clock(start)
    uuids = (f"00000000-0000-4000-8000-{n:012d}" for n in itertools.count(1))
    return CheckoutService(
        engine=engine, store_info=terminal.get_store_info(engine=engine), cashier="张三",
        clock=clock, new_uuid=lambda: next(uuids), sleep=lambda _s: None,
    ), clock


@pytest.fixture
def checkout(engine: Engine) -> CheckoutService:
    return make_checkout(engine, WEDNESDAY)[0]


def member_qr(member_id: str, now: datetime, ttl_s: int = 60) -> str:
    return make_member_code(member_id, private_key=demo_private_key(), now=now, ttl_s=ttl_s)


def coupon_code(coupon_id: str, kind: CouponKind, value: int, *, min_spend: int = 0,
                member_id: str | None = None, categories: frozenset[str] = frozenset(),
                skus: frozenset[str] = frozenset()) -> str:
    coupon = Coupon(coupon_id=coupon_id, kind=kind, name=f"券{coupon_id}",
                    value=value, min_spend=Money(min_spend), categories=categories, skus=skus,
                    tier=None, valid_from=WEDNESDAY - timedelta(days=30),
                    valid_to=WEDNESDAY + timedelta(days=30), member_id=member_id)
    return make_coupon_code(coupon, private_key=demo_private_key())


def sku_code(engine: Engine, sku: str) -> str:
    from pos_app.store import catalog

    product = catalog.get_product_by_sku(engine=engine, sku=sku)
    assert product is not None
    return catalog.barcodes_of(engine=engine, product_id=product.product_id)[0]


def test_member_qr_identifies_member_and_member_price_applies(
    checkout: CheckoutService, engine: Engine
) -> None:
    assert checkout.scan(sku_code(engine, TELUNSU)).ok
    assert checkout.current().priced.totals.total == Money(6_500)
    outcome = checkout.scan(member_qr("M-DEMO-1", WEDNESDAY))
    assert outcome.status == "member" and outcome.change is not None
    assert checkout.sale.member is not None and checkout.sale.member.name_masked == "张*"
    priced = checkout.current().priced
    assert priced.totals.total == Money(5_690)  # gold member price beats the 5 % tier discount
    assert [a.promo_id for a in priced.promotions.applied] == ["P-MILK-MEMBER"]
    # Removing the member re-prices the sale.
    assert checkout.set_member(None).priced.totals.total == Money(6_500)


def test_expired_forged_and_unknown_member_codes_say_why(
    checkout: CheckoutService,
) -> None:
    old = member_qr("M-DEMO-1", WEDNESDAY - timedelta(minutes=5))
    assert checkout.scan(old).key == "member.code_expired"
    good = member_qr("M-DEMO-1", WEDNESDAY)
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    assert checkout.scan(forged).key in ("code.forged", "code.malformed")
    assert checkout.scan(member_qr("M-NOBODY", WEDNESDAY)).key == "member.unknown"
    assert checkout.sale.member is None


def test_static_card_and_phone_find_the_member(checkout: CheckoutService) -> None:
    assert checkout.scan("8800000002").status == "member"
    assert checkout.sale.member is not None and checkout.sale.member.member_id == "M-DEMO-2"
    [member] = checkout.loyalty.find_by_phone("+86 139-1234-5678")
    assert member.member_id == "M-DEMO-2"
    with pytest.raises(PosError) as err:
        checkout.loyalty.find_by_phone("13000000000")
    assert err.value.key == "member.phone_not_found"


def test_promotions_explain_themselves_and_sum_to_the_fen(
    checkout: CheckoutService, engine: Engine
) -> None:
    for code in (COKE_330, COKE_330, COKE_330, sku_code(engine, NOODLES),
                 sku_code(engine, NOODLES), sku_code(engine, NOODLES)):
        assert checkout.scan(code).ok
    priced = checkout.current().priced
    by_id = {a.promo_id: a for a in priced.promotions.applied}
    # 3 for ¥7 (¥2.00 off) beats 饮料第二件半价 (¥1.50 off): the better rule wins.
    assert by_id["P-COKE-3FOR7"].discount == Money(200)
    assert "P-DRINK-2ND" not in by_id
    assert by_id["P-NOODLE-B2G1"].discount == Money(1_250)  # the third pack free
    assert priced.totals.promo_discount == Money(1_450)
    assert sum(pl.promo_discount.fen for pl in priced.lines) == 1_450
    assert priced.totals.total == Money(900 + 3_750 - 1_450)


def test_sale_with_member_coupon_and_points_commits_everything_once(
    engine: Engine,
) -> None:
    checkout, _ = make_checkout(engine, WEDNESDAY)
    checkout.scan(member_qr("M-DEMO-1", WEDNESDAY))
    for _ in range(2):
        assert checkout.scan(sku_code(engine, TELUNSU)).ok  # 2 × ¥56.90 member price
    outcome = checkout.scan(coupon_code("C-100", "threshold_off", 1_000, min_spend=10_000))
    assert outcome.status == "coupon", outcome
    priced = checkout.current().priced
    # ¥113.80 member price → 满100减10 → the ¥10 coupon on top.
    assert priced.totals.total == Money(11_380 - 1_000 - 1_000)
    on_sale = checkout.sale.member
    assert on_sale is not None
    before = on_sale.points_available
    assert checkout.max_points() > 0
    checkout.pay_points(1_000)  # ¥10.00
    checkout.add_tender("cash", Money(10_000))
    done = checkout.complete()
    receipt = done.receipt
    assert receipt.member is not None and receipt.member.masked_phone == "138****8000"
    assert receipt.member.points_redeemed == 1_000
    # Earned on ¥83.80 not paid with points: 83 × 1.5 (gold) = 124 (floored).
    assert receipt.member.points_earned == 124
    assert receipt.member.points_balance == before - 1_000 + 124
    assert {p.name for p in receipt.promotions} >= {"特仑苏会员价", "每满100减10", "券C-100"}
    stored = sales_store.get_sale(engine=engine, receipt_no=receipt.receipt_no)
    assert stored is not None and stored.record.member_id == "M-DEMO-1"
    assert [c.coupon_id for c in stored.record.coupons] == ["C-100"]
    assert (stored.record.points_earned, stored.record.points_redeemed) == (124, 1_000)
    member = member_store.get_member(engine=engine, member_id="M-DEMO-1")
    assert member is not None and member.points_pending == 124 - 1_000
    types = [e.type for e in outbox.pending_events(engine=engine, terminal_code="T01")]
    assert types.count("points.transaction") == 2 and types.count("coupon.redeemed") == 1
    # The same coupon is refused on the next sale of this terminal.
    checkout.scan(sku_code(engine, TELUNSU))
    again = checkout.scan(coupon_code("C-100", "threshold_off", 1_000, min_spend=1_000))
    assert again.key == "coupon.already_used"


def test_coupon_conditions_are_checked_with_clear_reasons(
    checkout: CheckoutService, engine: Engine
) -> None:
    checkout.scan(COKE_330)
    assert checkout.scan(coupon_code("C-1", "threshold_off", 1_000, min_spend=5_000)).key == (
        "coupon.min_spend_not_met")
    assert checkout.scan(coupon_code("C-2", "amount_off", 500, member_id="M-DEMO-1")).key == (
        "coupon.needs_member")
    checkout.scan(member_qr("M-DEMO-2", WEDNESDAY))
    assert checkout.scan(coupon_code("C-3", "amount_off", 500, member_id="M-DEMO-1")).key == (
        "coupon.wrong_member")
    assert checkout.scan(coupon_code("C-4", "free_item", 0,
                                     skus=frozenset({WIPES}))).key == "coupon.no_eligible_items"
    assert checkout.sale.coupons == ()


def test_free_item_coupon_gives_one_unit(checkout: CheckoutService, engine: Engine) -> None:
    wipes = sku_code(engine, WIPES)
    checkout.scan(wipes)
    checkout.scan(wipes)
    assert checkout.scan(coupon_code("C-5", "free_item", 0, skus=frozenset({WIPES}))).status == (
        "coupon")
    assert checkout.current().priced.totals.total == Money(1_290)


def test_points_offline_daily_cap_and_limits(engine: Engine) -> None:
    checkout, _ = make_checkout(engine, WEDNESDAY)
    checkout.scan(member_qr("M-DEMO-5", WEDNESDAY))  # diamond, 52,000 points
    for _ in range(3):
        checkout.scan(sku_code(engine, TELUNSU))
    with pytest.raises(PosError) as err:
        checkout.pay_points(6_000)  # over the 5,000 a day allowed offline
    assert err.value.key == "points.offline_cap_reached"
    with pytest.raises(PosError) as err:
        checkout.pay_points(50)
    assert err.value.key == "points.below_minimum"
    checkout.pay_points(5_000)
    with pytest.raises(PosError) as err:
        checkout.pay_points(100)
    assert err.value.key == "points.already_tendered"


def test_weekend_double_points_for_members(engine: Engine) -> None:
    checkout, _ = make_checkout(engine, SUNDAY)
    checkout.scan(member_qr("M-DEMO-3", SUNDAY))  # regular: ×1, doubled at the weekend
    for _ in range(4):
        checkout.scan(sku_code(engine, NOODLES))  # 4 × ¥12.50, one free: ¥37.50
    checkout.add_tender("cash", Money(5_000))
    receipt = checkout.complete().receipt
    assert receipt.member is not None and receipt.member.points_earned == 74  # 37 × 2


def test_suspended_sale_keeps_member_and_coupon(checkout: CheckoutService,
                                                engine: Engine) -> None:
    checkout.scan(member_qr("M-DEMO-1", WEDNESDAY))
    checkout.scan(sku_code(engine, TELUNSU))
    checkout.scan(sku_code(engine, TELUNSU))
    checkout.scan(coupon_code("C-9", "amount_off", 500))
    total = checkout.current().priced.totals.total
    checkout.suspend()
    assert checkout.sale.member is None
    [parked] = checkout.list_suspended()
    checkout.resume(parked.suspended_id)
    assert checkout.sale.member is not None and checkout.sale.member.member_id == "M-DEMO-1"
    assert [c.coupon_id for c in checkout.sale.coupons] == ["C-9"]
    assert checkout.current().priced.totals.total == total


def test_quick_sign_up_is_usable_at_once(checkout: CheckoutService) -> None:
    with pytest.raises(PosError) as err:
        checkout.loyalty.begin_sign_up(phone="13100001111", consent=False)
    assert err.value.key == "member.consent_required"
    member = checkout.loyalty.begin_sign_up(phone="131 0000 1111", name="赵六",
                                            consent=True).run_now()
    assert member.tier == "regular" and member.phone_masked == "131****1111"
    checkout.set_member(member)
    assert [m.member_id for m in checkout.loyalty.find_by_phone("13100001111")] == [
        member.member_id]


def test_wallet_coupons_are_offered_used_once_and_then_gone(engine: Engine) -> None:
    now = datetime.now(CST).replace(microsecond=0)  # the demo wallet is valid from seeding on
    checkout, _ = make_checkout(engine, now)
    assert checkout.available_coupons() == []  # no member, no wallet
    checkout.scan(member_qr("M-DEMO-1", now))
    wallet = {c.coupon_id: code for c, code in checkout.available_coupons()}
    assert set(wallet) == {"W-DEMO-1-MJ15", "W-DEMO-1-DRINK"}
    for _ in range(2):
        checkout.scan(sku_code(engine, TELUNSU))
    before = checkout.current().priced.totals.total
    checkout.add_coupon(wallet["W-DEMO-1-MJ15"])
    assert checkout.current().priced.totals.total == before - Money(1_500)
    assert [c.coupon_id for c, _ in checkout.available_coupons()] == ["W-DEMO-1-DRINK"]
    checkout.add_tender("cash", Money(20_000))
    checkout.complete()
    checkout.scan(member_qr("M-DEMO-1", now))
    assert [c.coupon_id for c, _ in checkout.available_coupons()] == ["W-DEMO-1-DRINK"]
    # Another member's wallet is their own.
    checkout.set_member(checkout.loyalty.find_by_phone("13500003333")[0])
    assert [c.coupon_id for c, _ in checkout.available_coupons()] == ["W-DEMO-5-95"]


def test_every_demo_member_card_identifies_its_member(checkout: CheckoutService) -> None:
    for n in range(1, 6):
        assert checkout.scan(f"880000000{n}").status == "member"
        assert checkout.sale.member is not None
        assert checkout.sale.member.member_id == f"M-DEMO-{n}"


def test_a_card_two_members_hold_asks_for_a_phone_lookup(engine: Engine) -> None:
    from contract.demo import DEMO_MEMBERS, demo_lookup_secret
    from pos_app.store.db import write_tx
    from pos_app.store.members import decode_secret, local_member, put_members

    twin = replace(DEMO_MEMBERS[1], member_id="M-TWIN")  # 李娜's card and phone
    with write_tx(engine) as conn:
        put_members(conn, [local_member(twin, secret=decode_secret(demo_lookup_secret()))],
                    at="2026-12-01T10:00:00+08:00")
    checkout = make_checkout(engine, WEDNESDAY)[0]
    outcome = checkout.scan("8800000002")
    assert (outcome.status, outcome.key, outcome.data) == ("invalid", "member.card_shared",
                                                           {"count": 2})
    assert checkout.sale.member is None
    assert [m.member_id for m in checkout.loyalty.find_by_phone("13912345678")] == [
        "M-DEMO-2", "M-TWIN"]


def test_a_stored_invalid_birthday_does_not_stop_the_sale(engine: Engine) -> None:
    from pos_app.store.db import write_tx

    with write_tx(engine) as conn:
        conn.exec_driver_sql(
            "UPDATE member SET birthday_md = '02-30' WHERE member_id = 'M-DEMO-3'")
    checkout = make_checkout(engine, WEDNESDAY)[0]
    assert checkout.scan("8800000003").status == "member"
    assert checkout.sale.member is not None and checkout.sale.member.birthday is None


def test_sign_up_refuses_a_name_with_a_control_character(checkout: CheckoutService) -> None:
    with pytest.raises(PosError) as err:
        checkout.loyalty.begin_sign_up(phone="13100002222", name="赵\x00六", consent=True)
    assert err.value.key == "member.name_invalid"
    assert err.value.data == {"char": "U+0000", "position": 2}
    with pytest.raises(PosError):
        checkout.loyalty.find_by_phone("13100002222")

"""A realistic shift for the shift report tests (core and printer)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pos_app.core.cash import CashCount
from pos_app.core.money import Money
from pos_app.core.shift_facts import (
    CashierTotal,
    DiscountTotal,
    LoyaltyTotals,
    PromotionTotal,
    ReasonTotal,
    ShiftActivity,
    ShiftFacts,
    TaxTotal,
    TenderTotal,
)
from pos_app.core.shift_report import ShiftCount

SHANGHAI = timezone(timedelta(hours=8))
OPENED_AT = datetime(2024, 11, 25, 8, 0, tzinfo=SHANGHAI)
CLOSED_AT = datetime(2024, 11, 25, 20, 5, 30, tzinfo=SHANGHAI)
LONG_PROMO = "青岛啤酒8折（不与其他优惠同享）会员专享周末特惠活动"

# float 500.00 + cash 1234.50 − refunds 12.50 + paid-in 50.00 − paid-out 42.00 − drops 1000.00
EXPECTED_CASH = Money(73_000)


def sample_facts() -> ShiftFacts:
    """A day's shift on one till: every tender, movements both ways, two cashiers."""
    return ShiftFacts(
        shift_no=42, store_name="O2O 超市·人民路店", terminal_code="T01",
        opened_at=OPENED_AT, opened_by="张三", opening_float=Money(50_000),
        tenders=(
            TenderTotal("cash", Money(123_450), Money(1_250), 38, 1),
            TenderTotal("card", Money(234_560), Money(0), 12, 0),
            TenderTotal("mobile", Money(345_670), Money(2_590), 45, 1),
            TenderTotal("points", Money(1_500), Money(0), 3, 0),
        ),
        paid_in=(ReasonTotal("备用金补充", Money(5_000)),),
        paid_out=(ReasonTotal("买清洁用品", Money(3_000)), ReasonTotal("快递费", Money(1_200))),
        drops=Money(100_000), drop_count=2,
        activity=ShiftActivity(sales_count=98, returns_count=2, voided_sales_count=1,
                               voided_sales_amount=Money(2_350), line_voids_count=4,
                               line_voids_amount=Money(1_800), no_sale_count=1),
        discounts=(DiscountTotal("promotion", Money(8_620), 31),
                   DiscountTotal("line_discount", Money(1_200), 3),
                   DiscountTotal("sale_discount", Money(2_000), 1),
                   DiscountTotal("price_override", Money(550), 2)),
        promotions=(PromotionTotal("P-COLA3", "可口可乐任选3件7元", Money(1_200), 6),
                    PromotionTotal("P-MILK", "特仑苏会员价", Money(6_420), 4),
                    PromotionTotal("C-100", "券满100减10", Money(1_000), 1),
                    PromotionTotal("P-BEER", LONG_PROMO, Money(0), 0)),
        loyalty=LoyaltyTotals(points_earned=1_630, points_redeemed=1_500, coupons_used=1,
                              coupon_discount=Money(1_000)),
        taxes=(TaxTotal(900, Money(198_320), Money(16_376)),
               TaxTotal(1300, Money(503_020), Money(57_869))),
        cashiers=(CashierTotal("E001", "张三", 60, Money(456_780), 1, Money(1_250)),
                  CashierTotal("E002", "李四", 38, Money(248_400), 1, Money(2_590))),
    )


def short_count() -> ShiftCount:
    """¥728.00 counted blind (¥2.00 short); the card slip typed, mobile accepted."""
    cash = CashCount.of({"note_100": 7, "note_20": 1, "note_5": 1, "note_1": 2, "coin_0_5": 2})
    return ShiftCount(cash=cash, card=Money(234_560), mobile=None, counted_by="王五")

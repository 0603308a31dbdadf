"""Event payloads are declared wire formats (contract.protocol), converted explicitly from the
till's records: the format is pinned here, and an internal record can change (a field
renamed or added) without the format changing."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from contract.members import MemberRecord
from contract.protocol import SalePayload
from pos_app.store.members import PointsRecord
from pos_app.store.promotions import CouponUseRecord
from pos_app.store.sales import (
    SaleLineRecord,
    SaleMemberRecord,
    SalePromotionRecord,
    SaleRecord,
    TenderRecord,
)
from pos_app.store.wire import points_payload, sale_payload, signup_payload
from sync.server.payloads import Sale

T0 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def record(**changes: Any) -> SaleRecord:
    line = SaleLineRecord(product_id=7, sku="010001", name="可乐", qty=2, unit_price_fen=350,
                          gross_fen=700, net_fen=600, discount_fen=100, tax_fen=69,
                          tax_rate_bp=1300, promo_discount_fen=100, promo_ids=("P1",))
    return dataclasses.replace(SaleRecord(
        sale_uuid="s-1", store_code="S001", terminal_code="T01", opened_at=T0, closed_at=T0,
        lines=[line], tenders=[TenderRecord("cash", 600, 1000)], cashier="001",
        item_count=2, subtotal_fen=700, discount_fen=100, total_fen=600, paid_fen=1000,
        change_fen=400, member_id="M1",
        promotions=[SalePromotionRecord("P1", "第二件半价", "nth_discount", 100,
                                        {"key": "promo.nth", "data": {"n": 2}})],
        coupons=[CouponUseRecord("C1", 100, "M1")],
        points=[PointsRecord("e-1", "M1", "earn", 6, "2026-12-01", "sale")],
        promo_usage=[("M1", "P1", 1)],
        member_receipt=SaleMemberRecord("138****0001", "张*", "金卡会员", 106)), **changes)


def test_the_sale_event_payload_has_exactly_these_keys() -> None:
    body = sale_payload(record(), receipt_no="S001-T01-000001", seq=1)
    assert sorted(body) == [
        "cashier", "change_fen", "closed_at", "coupons", "discount_fen", "item_count",
        "lines", "member_id", "member_receipt", "opened_at", "paid_fen", "points",
        "promo_usage", "promotions", "receipt_no", "receipt_seq", "rounding_fen",
        "sale_uuid", "store_code", "subtotal_fen", "tax_fen", "tenders", "terminal_code",
        "total_fen"]
    assert sorted(body["lines"][0]) == [
        "discount_fen", "gross_fen", "is_weighed", "name", "net_fen", "price_overridden",
        "product_id", "promo_discount_fen", "promo_ids", "qty", "scanned_code", "sku",
        "tax_fen", "tax_rate_bp", "unit_price_fen"]
    assert sorted(body["tenders"][0]) == ["amount_fen", "kind", "reference", "tendered_fen"]
    assert sorted(body["promotions"][0]) == [
        "discount_fen", "explanation", "kind", "name", "promo_id"]
    assert sorted(body["coupons"][0]) == ["coupon_id", "discount_fen", "member_id"]
    assert sorted(body["points"][0]) == [
        "business_date", "entry_uuid", "kind", "member_id", "points", "reason"]
    assert sorted(body["member_receipt"]) == [
        "masked_name", "masked_phone", "points_balance", "tier_name"]
    assert body["opened_at"] == "2026-12-01T10:00:00+00:00"
    assert body["promo_usage"] == [["M1", "P1", 1]] and body["lines"][0]["promo_ids"] == ["P1"]
    assert body == SalePayload.model_validate(body).model_dump(mode="json")
    assert Sale.model_validate(body).total_fen == 600  # the cloud reads what the till writes


def test_renaming_or_adding_an_internal_field_does_not_change_the_wire_format() -> None:
    fields = [(f.name if f.name != "total_fen" else "grand_total_fen", f.type, f)
              for f in dataclasses.fields(SaleRecord)]
    renamed = dataclasses.make_dataclass(
        "RenamedSale", [(name, typ, dataclasses.field(default=f.default,
                                                      default_factory=f.default_factory))
                        if f.default is not dataclasses.MISSING
                        or f.default_factory is not dataclasses.MISSING else (name, typ)
                        for name, typ, f in fields] + [("internal_note", str, "")],
        namespace={"total_fen": property(lambda self: self.grand_total_fen)}, frozen=True)
    values = {f.name: getattr(record(), f.name) for f in dataclasses.fields(SaleRecord)}
    values["grand_total_fen"] = values.pop("total_fen")
    internal = renamed(**values, internal_note="only the till knows")
    expected = sale_payload(record(), receipt_no="R", seq=1)
    assert sale_payload(internal, receipt_no="R", seq=1) == expected


def test_points_and_signup_payloads_are_pinned() -> None:
    entry = PointsRecord("e-1", "M1", "redeem", -100, "2026-12-01", "sale")
    assert points_payload(entry, sale_uuid="s-1") == {
        "entry_uuid": "e-1", "member_id": "M1", "kind": "redeem", "points": -100,
        "sale_uuid": "s-1", "business_date": "2026-12-01", "reason": "sale"}
    member = MemberRecord("M9", "13800000009", "李雷", consent_at="2026-12-01T10:00:00+08:00")
    assert signup_payload(member, store_code="S001") == {
        "member_id": "M9", "phone": "13800000009", "name": "李雷", "tier": "regular",
        "card_no": None, "birthday": None, "consent_at": "2026-12-01T10:00:00+08:00",
        "store_code": "S001"}

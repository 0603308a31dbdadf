"""The wire format byte for byte: a request, an answer and a pulled page, each serialised as
the client and the cloud send them. A change to a schema, a default, a field's order or the
pinyin a product carries shows here first."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from contract.products import ProductRow
from contract.protocol import (
    SALE_COMPLETED,
    Change,
    CouponUsePayload,
    OutEvent,
    PullPage,
    PushRequest,
    PushResponse,
    Quarantined,
    SaleLinePayload,
    SaleMemberPayload,
    SalePayload,
    SalePointsPayload,
    SalePromotionPayload,
    TenderPayload,
    VerifyRequest,
    payload_json,
)
from contract.summary import summarize
from sync.server.catalog import product_data

AT = datetime(2026, 12, 1, 23, 30, tzinfo=timezone(timedelta(hours=8)))
SALE = SalePayload(
    sale_uuid="s-1", total_fen=600,
    lines=[SaleLinePayload(sku="010001", name="可乐", qty=2, promo_ids=["P1"])],
    tenders=[TenderPayload(kind="cash", amount_fen=600, tendered_fen=1000)],
    promotions=[SalePromotionPayload(promo_id="P1",
                                     explanation={"key": "promo.nth", "data": {"n": 2}})],
    coupons=[CouponUsePayload(coupon_id="C1", discount_fen=100)],
    points=[SalePointsPayload(entry_uuid="e-1", member_id="M1", kind="earn", points=6)],
    promo_usage=[("M1", "P1", 1)],
    member_receipt=SaleMemberPayload(masked_phone="138****0001", masked_name="张*",
                                     tier_name="金卡", points_balance=106))


def test_a_push_of_a_sale_is_these_bytes() -> None:
    event = OutEvent(event_uuid=uuid.UUID(int=1), seq=7, type=SALE_COMPLETED, version=1,
                     payload=payload_json(SALE), created_at=AT)
    body = PushRequest(store_code="S001", terminal_code="T01", sent_at=AT, events=[event])
    assert body.model_dump_json() == (
        '{"store_code":"S001","terminal_code":"T01","sent_at":"2026-12-01T23:30:00+08:00",'
        '"events":[{"event_uuid":"00000000-0000-0000-0000-000000000001","seq":7,'
        '"type":"sale.completed","version":1,"payload":{"sale_uuid":"s-1","store_code":"",'
        '"terminal_code":"","opened_at":"","closed_at":"","lines":[{"product_id":null,'
        '"sku":"010001","name":"可乐","qty":2,"unit_price_fen":0,"gross_fen":0,"net_fen":0,'
        '"discount_fen":0,"tax_fen":0,"tax_rate_bp":0,"is_weighed":false,'
        '"price_overridden":false,"scanned_code":"","promo_discount_fen":0,'
        '"promo_ids":["P1"]}],"tenders":[{"kind":"cash","amount_fen":600,'
        '"tendered_fen":1000,"reference":""}],"cashier":"","item_count":0,"subtotal_fen":0,'
        '"discount_fen":0,"tax_fen":0,"rounding_fen":0,"total_fen":600,"paid_fen":0,'
        '"change_fen":0,"member_id":null,"promotions":[{"promo_id":"P1","name":"","kind":"",'
        '"discount_fen":0,"explanation":{"key":"promo.nth","data":{"n":2}}}],'
        '"coupons":[{"coupon_id":"C1","discount_fen":100,"member_id":null}],'
        '"points":[{"entry_uuid":"e-1","member_id":"M1","kind":"earn","points":6,'
        '"business_date":null,"reason":""}],"promo_usage":[["M1","P1",1]],'
        '"member_receipt":{"masked_phone":"138****0001","masked_name":"张*",'
        '"tier_name":"金卡","points_balance":106},"receipt_no":null,"receipt_seq":null},'
        '"created_at":"2026-12-01T23:30:00+08:00"}]}')


def test_a_push_answer_is_these_bytes() -> None:
    answer = PushResponse(status="ok", cursor=7, expected_seq=8, applied=1, quarantined=[
        Quarantined(event_uuid=uuid.UUID(int=2), seq=3, reason="sync.payload_invalid")],
        server_time=AT, clock_skew_s=1.5)
    assert answer.model_dump_json() == (
        '{"status":"ok","cursor":7,"expected_seq":8,"applied":1,"duplicates":0,'
        '"quarantined":[{"event_uuid":"00000000-0000-0000-0000-000000000002","seq":3,'
        '"reason":"sync.payload_invalid"}],"server_time":"2026-12-01T23:30:00+08:00",'
        '"clock_skew_s":1.5}')


def test_a_page_of_products_with_their_pinyin_is_these_bytes() -> None:
    cola = ProductRow(sku="A", name="可口可乐 330ml", price_fen=350,
                      barcodes=("6901234567892",))
    page = PullPage(stream="products", next_after=2, has_more=False, changes=[
        Change(seq=1, key="A", op="upsert", data=product_data(cola)),
        Change(seq=2, key="B", op="delete")])
    assert page.model_dump_json() == (
        '{"stream":"products","changes":[{"seq":1,"key":"A","op":"upsert","data":'
        '{"name":"可口可乐 330ml","name_en":"","unit":"","price_fen":350,"tax_rate_bp":1300,'
        '"is_weighed":false,"age_restricted":false,"category":"","brand":"","active":true,'
        '"cost_fen":0,"barcodes":["6901234567892"],"pinyin":"ke kou ke le 330ml"}},'
        '{"seq":2,"key":"B","op":"delete","data":null}],"next_after":2,"has_more":false,"reset":false,'
        '"total":null}')


def test_a_verify_request_is_these_bytes() -> None:
    days = summarize([(SALE_COMPLETED, AT, payload_json(SALE))])
    body = VerifyRequest(store_code="S001", terminal_code="T01", days=days)
    assert body.model_dump_json() == (
        '{"store_code":"S001","terminal_code":"T01","days":[{"business_date":"2026-12-01",'
        '"events":1,"sales_count":1,"sales_total_fen":600,"voided_count":0,"points_delta":0,'
        '"stock_delta":-2}]}')

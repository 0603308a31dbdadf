"""Stock counts at a till that keeps selling: scans at the ledger's mark, a handheld's CSV,
review, recount, approval and posting (one transaction, one event, once)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from contract.store_events import COUNT_POSTED
from pos_app.core.counting import CountScope, VarianceRules
from pos_app.core.errors import PosError
from pos_app.core.product import ProductInfo
from pos_app.core.roles import Permission
from pos_app.services.counts import CountService
from pos_app.store import catalog, outbox, terminal
from tests.services.return_till import COKE_330, NOODLES, ReturnTill, make_till, sku_code
from tests.staffing import approve, signed_in


def counts_of(till: ReturnTill, rules: VarianceRules | None = None) -> CountService:
    return CountService(engine=till.engine, store_info=terminal.get_store_info(
        engine=till.engine), staff=till.staff, clock=till.clock, rules=rules)


def product(counts: CountService, code: str) -> ProductInfo:
    found = counts.product_of(code)
    assert found is not None
    return found


def on_hand(engine: Engine, code: str) -> int:
    product = catalog.find_by_barcode(engine=engine, code=code)
    assert product is not None
    return catalog.on_hand(engine=engine, product_id=product.product_id)


def test_sell_3_after_counting_post_the_balance_is_counted_minus_3(engine: Engine) -> None:
    till = make_till(engine, "manager")
    counts = counts_of(till)
    sid = counts.open(CountScope("products", product_ids=(product(counts, COKE_330).product_id,)))
    before = on_hand(engine, COKE_330)
    till.sell(COKE_330)  # sold before the count: in the expected quantity
    counts.scan(sid, COKE_330, qty=40)
    till.sell(COKE_330, COKE_330, COKE_330)  # sold after counting: not counted twice
    review = counts.review(sid)
    [row] = review.rows
    assert (row.expected, row.counted) == (before - 1, 40)
    counts.approve(sid)
    posted = counts.post(sid)
    assert on_hand(engine, COKE_330) == 40 - 3
    assert posted.adjusted == 1 and posted.net_delta == 40 - (before - 1)


def test_posting_twice_is_refused_and_writes_one_event(engine: Engine) -> None:
    till = make_till(engine, "manager")
    counts = counts_of(till)
    sid = counts.open(CountScope("zone", "A"))
    counts.scan(sid, COKE_330, qty=5, location="A-1")
    counts.approve(sid)
    counts.post(sid)
    with pytest.raises(PosError, match=r"count.already_posted"):
        counts.post(sid)
    with pytest.raises(PosError, match=r"count.already_posted"):
        counts.scan(sid, COKE_330, qty=1)
    terminal_code = terminal.get_store_info(engine=engine).terminal_code
    events = [e for e in outbox.events_after(engine=engine, terminal_code=terminal_code,
                                             limit=5000) if e.type == COUNT_POSTED]
    assert len(events) == 1
    payload = events[0].payload
    assert payload["products"][0]["counted"] == 5 and payload["scope_kind"] == "zone"
    assert payload["products"][0]["counted_at"].startswith("2026-11-18T10:00")
    with engine.begin() as conn, pytest.raises(Exception, match="posted count"):
        conn.execute(text("UPDATE count_line SET qty = 9"))


def test_approval_needs_the_stock_permission_or_a_managers_yes(engine: Engine) -> None:
    till = make_till(engine, "cashier")
    counts = counts_of(till)
    sid = counts.open(CountScope("store"))
    counts.scan(sid, COKE_330, qty=2)
    with pytest.raises(PosError, match=r"permission.denied"):
        counts.approve(sid)
    blind = counts.open(CountScope("store"), blind=True)
    with pytest.raises(PosError, match=r"permission.denied"):
        counts.review(blind)  # a counter never sees the expected quantities
    assert counts.review(blind, approve(till.staff, Permission.STOCK, "manager")).lines == 0
    with pytest.raises(PosError, match=r"count.not_approved"):
        counts.post(sid, approve(till.staff, Permission.STOCK, "manager"))
    counts.approve(sid, approve(till.staff, Permission.STOCK, "manager"))
    assert counts.session(sid).approver_name
    counts.post(sid, approve(till.staff, Permission.STOCK, "manager"))
    assert counts.session(sid).state == "posted"


def test_an_unknown_code_is_kept_for_review_and_big_variances_are_recounted(
        engine: Engine) -> None:
    till = make_till(engine, "manager")
    counts = counts_of(till, rules=VarianceRules(units=5, value_fen=0))
    sid = counts.open(CountScope("store"), blind=True)
    counts.scan(sid, "6990000009995", qty=2)
    noodles = counts.product_of(NOODLES)
    assert noodles is not None
    expected = catalog.on_hand(engine=engine, product_id=noodles.product_id)
    counts.scan(sid, NOODLES, qty=expected + 8, location="back")
    counts.scan(sid, COKE_330, qty=on_hand(engine, COKE_330))
    review = counts.review(sid)
    assert review.unknown == {"6990000009995": 2}
    assert review.big == [noodles.product_id]
    assert review.uncounted_total > 0 and review.uncounted
    assert counts.recount(sid) == 1
    with pytest.raises(PosError, match=r"count.not_in_recount"):
        counts.scan(sid, COKE_330, qty=1)
    counts.scan(sid, NOODLES, qty=expected + 1)
    [row] = [r for r in counts.review(sid).rows if r.product_id == noodles.product_id]
    assert row.variance == 1 and not row.big


def test_a_handheld_csv_with_a_bad_row_imports_nothing(engine: Engine) -> None:
    till = make_till(engine, "manager")
    counts = counts_of(till)
    sid = counts.open(CountScope("store"))
    bad = (f"code,qty,counter,location\n{COKE_330},3,王五,B\n{COKE_330},-1,王五,B\n"
           f"{NOODLES},lots,王五,B\n").encode()
    with pytest.raises(PosError) as err:
        counts.upload_csv(sid, bad)
    assert err.value.key == "count.csv_invalid"
    assert err.value.data["line"] == 3 and err.value.data["count"] == 2
    assert counts.review(sid).lines == 0
    good = (f"code,qty,counter,location,time\n"
            f"{COKE_330},3,王五,B,{till.clock.now.isoformat()}\n"
            f"{sku_code(engine, '030001')},2,王五,B,\n").encode("gb18030")
    assert counts.upload_csv(sid, good) == 2
    assert counts.review(sid).lines == 2


def test_a_handheld_line_counted_before_a_sale_gets_the_mark_of_its_time(
        engine: Engine) -> None:
    till = make_till(engine, "manager")
    counts = counts_of(till)
    sid = counts.open(CountScope("store"))
    counted_at = till.clock.now.isoformat()
    till.clock()
    till.sell(COKE_330, COKE_330)  # after the handheld counted 30
    counts.upload_csv(sid, f"code,qty,time\n{COKE_330},30,{counted_at}\n".encode())
    counts.approve(sid)
    counts.post(sid)
    assert on_hand(engine, COKE_330) == 30 - 2


def test_a_counter_without_stock_permission_can_count(engine: Engine) -> None:
    till = make_till(engine, "cashier")
    counts = counts_of(till)
    sid = counts.open(CountScope("category", "饮料"))
    done = counts.typed(sid, product(counts, COKE_330), "12")
    assert done.qty == 12
    with pytest.raises(PosError, match=r"count.qty_invalid"):
        counts.typed(sid, product(counts, COKE_330), "-3")
    assert signed_in(engine, "manager").session is not None


def test_the_posted_count_prints_its_differences_in_the_printers_width(
        engine: Engine) -> None:
    from drivers.printer.count_layout import COUNT_LABELS_EN, layout_count
    from drivers.printer.receipt_layout import cells

    till = make_till(engine, "manager")
    counts = counts_of(till)
    sid = counts.open(CountScope("store"), blind=True)
    counts.scan(sid, COKE_330, qty=on_hand(engine, COKE_330) - 2)
    counts.scan(sid, NOODLES, qty=catalog.on_hand(
        engine=engine, product_id=product(counts, NOODLES).product_id))
    draft = layout_count(counts.sheet(sid), columns=32).text()
    assert "草稿" in draft
    counts.approve(sid)
    counts.post(sid)
    sheet = counts.sheet(sid)
    assert [(d.variance_text, d.value_price_fen) for d in sheet.differing] == [("-2", -600)]
    for columns, encoding in ((32, "gb18030"), (42, None)):
        layout = layout_count(sheet, columns=columns, encoding=encoding)
        assert all(cells(ln, encoding) == columns for ln in layout.text().splitlines())
    english = layout_count(sheet, columns=42, labels=COUNT_LABELS_EN).text()
    assert "STOCK COUNT" in english and "draft" not in english and "-6.00" in english


def test_a_scale_label_counts_its_grams(engine: Engine) -> None:
    from tests.conftest import APPLES_LABEL_350G, BANANA_LABEL_1234

    till = make_till(engine, "manager")
    counts = counts_of(till)
    sid = counts.open(CountScope("category", "生鲜"))
    apples = counts.scan(sid, APPLES_LABEL_350G)
    bananas = counts.scan(sid, BANANA_LABEL_1234)  # ¥12.34 at ¥6.98/kg
    assert apples.product is not None and apples.product.sku == "T-APPLE"
    assert (apples.qty, bananas.qty) == (350, 1768)
    assert counts.upload_csv(sid, f"code,qty\n{APPLES_LABEL_350G},2\n".encode()) == 1
    review = counts.review(sid)
    assert review.unknown == {}
    assert sorted(r.counted or 0 for r in review.rows) == [1050, 1768]

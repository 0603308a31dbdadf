"""Returns through the return service on the demo store: bound to the original sale, exact
to the fen, never more than sold, refunded to the original tenders, checked and audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, select

from pos_app.core.cart import Discount
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.roles import Permission
from pos_app.core.shift_report import ShiftCount
from pos_app.services.returns import ReturnLimits, UnboundItem
from pos_app.store import catalog, outbox
from pos_app.store.db import read_tx
from pos_app.store.members import get_member, points_entries
from pos_app.store.models import audit_entry, sale_return, stock_movement
from tests.conftest import APPLES_LABEL_350G, CHIPS, COLA
from tests.services.return_till import (
    COKE_330,
    FLOAT,
    NOODLES,
    TELUNSU,
    make_till,
    sku_code,
)
from tests.staffing import approve


def test_part_of_a_buy_two_get_one_basket_gives_back_what_each_unit_was_allocated(
        engine: Engine) -> None:
    till = make_till(engine)
    noodles = sku_code(engine, NOODLES)
    receipt = till.sell(COKE_330, COKE_330, COKE_330, noodles, noodles, noodles)
    found = till.returns.find(receipt)
    # 3 cokes for ¥7.00 and 3 noodles for the price of 2 (¥25.00): the lines' net.
    assert [(ln.line_no, ln.qty, ln.net_fen) for ln in found.lines] == [(1, 3, 700),
                                                                          (2, 3, 2_500)]
    before = till.on_hand(NOODLES)
    first = till.returns.commit(till.returns.draft(found, {2: 1}, reason="defective"))
    assert first.record.refund_fen == 833  # 2500 / 3, half up
    assert till.on_hand(NOODLES) == before + 1
    found = till.returns.find(receipt)
    assert found.line(2).returned_qty == 1 and found.line(2).left == 2
    rest = till.returns.commit(till.returns.draft(found, {1: 3, 2: 2}, reason="changed_mind"))
    assert [ln.refund_fen for ln in rest.record.lines] == [700, 1_667]
    assert first.record.refund_fen + rest.record.refund_fen == 700 + 2_500  # every fen back
    assert rest.receipt.return_no == "S001-T01-R000002"
    assert rest.receipt.original_receipt_no == receipt


def test_two_partial_returns_never_take_back_more_than_was_sold(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(COLA, COLA, COLA)
    till.returns.commit(till.returns.draft(till.returns.find(receipt), {1: 2}, reason="other"))
    found = till.returns.find(receipt)
    with pytest.raises(PosError) as err:
        till.returns.draft(found, {1: 2}, reason="other")
    assert err.value.key == "return.qty_exceeds_sold"
    assert (err.value.data["left"], err.value.data["returned"]) == (1, 2)


def test_a_draft_planned_before_another_return_of_the_sale_is_refused(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(COLA, COLA)
    found = till.returns.find(receipt)
    first = till.returns.draft(found, {1: 2}, reason="other")
    stale = till.returns.draft(found, {1: 1}, reason="other")
    till.returns.commit(first)
    with pytest.raises(PosError) as err:
        till.returns.commit(stale)
    assert err.value.key == "return.history_changed"
    with read_tx(engine) as conn:
        assert len(conn.execute(select(sale_return.c.id)).all()) == 1


def test_committing_the_same_draft_twice_writes_it_once(engine: Engine) -> None:
    till = make_till(engine)
    draft = till.returns.draft(till.returns.find(till.sell(COLA)), {1: 1}, reason="other")
    one = till.returns.commit(draft)
    again = till.returns.commit(draft)
    assert one.committed == again.committed
    events = [e for e in outbox.pending_events(engine=engine, terminal_code="T01", limit=500)
              if e.type == "return.completed"]
    assert len(events) == 1


def test_a_weighed_line_comes_back_by_the_gram(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(APPLES_LABEL_350G)  # 0.350 kg at ¥12.80/kg = ¥4.48
    found = till.returns.find(receipt)
    assert (found.line(1).qty, found.line(1).net_fen, found.line(1).is_weighed) == (
        350, 448, True)
    done = till.returns.commit(till.returns.draft(found, {1: 150}, reason="expired"))
    assert done.record.lines[0].refund_fen == 192  # 448 × 150 / 350
    assert done.receipt.lines[0].qty_text == "0.150kg"
    last = till.returns.commit(till.returns.draft(till.returns.find(receipt), {1: 200},
                                                  reason="expired"))
    assert last.record.refund_fen == 448 - 192


def test_damaged_goods_are_written_off_and_never_back_on_the_shelf(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(CHIPS, CHIPS)
    before = till.on_hand("T-CHIPS")
    draft = till.returns.draft(till.returns.find(receipt), {1: 2}, reason="defective",
                               damaged={1})
    till.returns.commit(draft)
    assert till.on_hand("T-CHIPS") == before
    with read_tx(engine) as conn:
        moves = conn.execute(select(stock_movement.c.reason, stock_movement.c.delta)
                             .where(stock_movement.c.sale_id.is_(None))
                             .order_by(stock_movement.c.id)).all()
    assert [tuple(m) for m in moves[-2:]] == [("return", 2), ("write_off", -2)]


def test_a_cash_refund_leaves_the_drawer_and_shows_in_the_shift(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(CHIPS, COLA)  # ¥7.50 + ¥3.50 cash
    till.returns.commit(till.returns.draft(till.returns.find(receipt), {1: 1}, reason="other"))
    report = till.shifts.x_report()
    cash = report.facts.tender("cash")
    assert (cash.sales, cash.refunds, cash.refunds_count) == (Money(1_100), Money(750), 1)
    assert report.drawer.expected == FLOAT.total + Money(1_100 - 750)
    assert report.facts.activity.returns_count == 1
    [cashier] = report.facts.cashiers
    assert (cashier.returns_count, cashier.returns_amount) == (1, Money(750))
    taxes = {t.rate_bp: t for t in report.facts.taxes}
    assert taxes[1300].taxable == Money(350)  # the cola; the chips came back
    z = till.shifts.begin_close(ShiftCount(cash=FLOAT),
                                approve(till.staff, Permission.Z_REPORT, "manager")).run_now()
    assert z.check("cash").over_short == Money(-(1_100 - 750))


def test_a_mobile_payment_is_refunded_through_the_provider(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(CHIPS, kind="mobile")
    done = till.returns.commit(till.returns.draft(till.returns.find(receipt), {1: 1},
                                                  reason="other"))
    [refund] = done.record.tenders
    assert (refund.payout, refund.amount_fen) == ("mobile", 750)
    [(refund_no, (reference, fen))] = till.provider.refunds.items()
    assert reference.startswith("SIM-") and fen == 750
    assert refund.reference == f"SIMR-{refund_no}"


def test_a_card_refund_keeps_the_slip_reference_or_pays_cash_with_permission(
        engine: Engine) -> None:
    till = make_till(engine, "cashier")
    receipt = till.sell(CHIPS, CHIPS, kind="card")
    found = till.returns.find(receipt)
    card = till.returns.draft(found, {1: 1}, reason="other")
    with pytest.raises(PosError) as err:
        till.returns.commit(card)
    assert err.value.data["action"] == "return"
    done = till.returns.commit(card, approve(till.staff, Permission.RETURN))
    assert [(t.payout, t.reference) for t in done.record.tenders] == [("card", "CARD-1")]
    assert done.receipt.approver and done.record.approver_id
    cash = till.returns.draft(till.returns.find(receipt), {1: 1}, reason="other",
                              to_cash=True)
    with pytest.raises(PosError) as err:
        till.returns.commit(cash, approve(till.staff, Permission.RETURN))
    assert err.value.data["action"] == "refund_to_cash"
    done = till.returns.commit(cash, approve(till.staff, Permission.RETURN),
                               approve(till.staff, Permission.REFUND_TO_CASH))
    assert [t.payout for t in done.record.tenders] == ["cash"]
    with read_tx(engine) as conn:
        actions = [r.action for r in conn.execute(select(audit_entry.c.action).where(
            audit_entry.c.subject == cash.return_uuid))]
    assert actions == ["return", "refund_to_cash"]


def test_points_paid_with_come_back_and_earned_points_are_taken_back(engine: Engine) -> None:
    till = make_till(engine)
    telunsu = sku_code(engine, TELUNSU)
    receipt = till.sell(telunsu, telunsu, member="M-DEMO-1", points=1_000)
    member = get_member(engine=engine, member_id="M-DEMO-1")
    assert member is not None
    before = member.points_confirmed + member.points_pending
    found = till.returns.find(receipt)
    earned = found.original.points_earned
    assert earned > 0
    done = till.returns.commit(till.returns.draft(found, {1: 2}, reason="other"))
    assert done.record.points_back == 1_000
    assert done.committed.points_clawback == earned and done.committed.clawback_short == 0
    after = get_member(engine=engine, member_id="M-DEMO-1")
    assert after is not None
    assert after.points_confirmed + after.points_pending == before + 1_000 - earned
    entries = [e for e in points_entries(engine=engine, member_id="M-DEMO-1")
               if e.kind == "reverse"]
    assert sorted((e.reason, e.points) for e in entries) == [
        ("return_earned", -earned), ("return_redeemed", 1_000)]


def test_a_return_needs_an_open_shift(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(COLA)
    found = till.returns.find(receipt)
    draft = till.returns.draft(found, {1: 1}, reason="other")
    till.shifts.begin_close(ShiftCount(cash=FLOAT),
                            approve(till.staff, Permission.Z_REPORT, "manager")).run_now()
    for attempt in (lambda: till.returns.draft(found, {1: 1}, reason="other"),
                    lambda: till.returns.commit(draft)):
        with pytest.raises(PosError) as err:
            attempt()
        assert err.value.key == "shift.not_open"


@pytest.mark.parametrize(("text", "key"), [
    ("S001-T01-000099", "return.receipt_not_found"),
    ("S002-T01-000001", "return.other_store"),
    ("not a receipt", "return.receipt_invalid"),
    ("S001-T02-000001", "return.other_till_offline"),  # another till, no cloud to ask
])
def test_receipts_that_cannot_be_returned_here_say_why(engine: Engine, text: str,
                                                       key: str) -> None:
    till = make_till(engine)
    till.sell(COLA)
    with pytest.raises(PosError) as err:
        till.returns.find(text)
    assert err.value.key == key


def test_a_receipt_qr_link_finds_its_sale(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(COLA)
    found = till.returns.find(f"https://shop.example/r/{receipt}?s=1")
    assert found.receipt_no == receipt


def test_a_return_without_receipt_pays_the_lowest_price_of_the_month_within_the_limits(
        engine: Engine) -> None:
    till = make_till(engine, "manager",
                     limits=ReturnLimits(no_receipt_count=2, no_receipt_fen=10_000))
    till.checkout.scan(CHIPS)
    till.checkout.discount_sale(Discount("amount", 100))  # ¥1.00 off: ¥6.50 paid
    till.checkout.add_tender("cash", Money(650))
    till.checkout.complete()
    chips = catalog.get_product_by_sku(engine=engine, sku="T-CHIPS")
    assert chips is not None
    draft = till.returns.begin_draft_unbound([UnboundItem(chips, 2)], reason="other").run_now()
    assert draft.plan.total_fen == 1_300 and draft.kind == "no_receipt"
    done = till.returns.commit(draft)
    assert [(t.payout, t.tender_index) for t in done.record.tenders] == [("cash", None)]
    assert done.record.lines[0].line_no is None
    till.returns.commit(till.returns.begin_draft_unbound(
        [UnboundItem(chips, 1)], reason="other").run_now())
    with pytest.raises(PosError) as err:
        till.returns.commit(till.returns.begin_draft_unbound(
            [UnboundItem(chips, 1)], reason="other").run_now())
    assert err.value.key == "return.no_receipt_limit"


def test_a_return_without_receipt_needs_its_permission(engine: Engine) -> None:
    till = make_till(engine, "supervisor")
    chips = catalog.get_product_by_sku(engine=engine, sku="T-CHIPS")
    assert chips is not None
    draft = till.returns.begin_draft_unbound([UnboundItem(chips, 1)], reason="other").run_now()
    assert draft.plan.total_fen == 750  # never sold here: its price
    with pytest.raises(PosError) as err:
        till.returns.commit(draft)
    assert err.value.data["action"] == "return_without_receipt"
    done = till.returns.commit(draft, approve(till.staff, Permission.RETURN_WITHOUT_RECEIPT,
                                              "manager"))
    assert done.record.approver_name


def test_another_tills_receipt_offline_is_approved_and_flagged_for_hq(engine: Engine) -> None:
    till = make_till(engine, "cashier")
    with pytest.raises(PosError) as err:
        till.returns.find("S001-T02-000007")
    assert err.value.key == "return.other_till_offline"
    cola = catalog.get_product_by_sku(engine=engine, sku="T-COLA")
    assert cola is not None
    draft = till.returns.begin_draft_unbound(
        [UnboundItem(cola, 1)], reason="wrong_item", kind="other_till_offline",
        receipt_no="S001-T02-000007").run_now()
    with pytest.raises(PosError):
        till.returns.commit(draft)
    done = till.returns.commit(draft, approve(till.staff, Permission.RETURN))
    [event] = [e for e in outbox.pending_events(engine=engine, terminal_code="T01", limit=500)
               if e.type == "return.completed"]
    assert event.payload["flags"] == ["other_till_offline"]
    assert event.payload["original_receipt_no"] == "S001-T02-000007"
    assert done.record.approver_name is not None
    with read_tx(engine) as conn:
        assert json.loads(conn.execute(select(sale_return.c.flags)).scalar_one()) == [
            "other_till_offline"]

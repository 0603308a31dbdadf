"""Exchanges: goods back and others out in ONE transaction with one receipt, the difference
paid or refunded; the return's credit pays the new sale as the ``exchange`` tender."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.store.db import read_tx
from pos_app.store.models import sale, sale_return
from pos_app.store.sales import get_sale
from tests.conftest import CHIPS, COLA
from tests.services.return_till import make_till


def _count(engine: Engine, table: object) -> int:
    with read_tx(engine) as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]  # a Table


def test_an_exchange_for_less_gives_the_difference_back(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(CHIPS)  # ¥7.50 cash
    draft = till.returns.draft(till.returns.find(receipt), {1: 1}, reason="wrong_item")
    exchange = till.returns.exchange(draft)
    assert exchange.credit == Money(750)
    till.checkout.scan(COLA)  # ¥3.50
    remaining = till.checkout.current().payment.remaining
    till.checkout.add_tender("exchange", exchange.tender_for(remaining), exchange.reference)
    done = till.checkout.begin_complete(commit=exchange.commit).run_now()
    assert exchange.done is not None
    record = exchange.done.record
    assert [(t.payout, t.amount_fen) for t in record.tenders] == [("exchange", 350),
                                                                   ("cash", 400)]
    assert exchange.done.receipt.exchange_receipt_no == done.receipt.receipt_no
    new = get_sale(engine=engine, receipt_no=done.receipt.receipt_no)
    assert new is not None
    assert [(t.kind, t.amount_fen) for t in new.record.tenders] == [("exchange", 350)]
    with read_tx(engine) as conn:
        assert conn.execute(select(sale_return.c.exchange_sale_uuid)).scalar_one() == (
            new.record.sale_uuid)
    cash = till.shifts.x_report().facts.tender("cash")
    assert (cash.sales, cash.refunds) == (Money(750), Money(400))


def test_an_exchange_for_more_is_paid_as_usual(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(COLA)  # ¥3.50
    exchange = till.returns.exchange(till.returns.draft(till.returns.find(receipt), {1: 1},
                                                        reason="wrong_item"))
    till.checkout.scan(CHIPS)  # ¥7.50
    till.checkout.add_tender("exchange", exchange.tender_for(Money(750)), exchange.reference)
    till.checkout.add_tender("cash", till.checkout.current().payment.remaining)
    done = till.checkout.begin_complete(commit=exchange.commit).run_now()
    assert exchange.done is not None
    assert [(t.payout, t.amount_fen) for t in exchange.done.record.tenders] == [
        ("exchange", 350)]
    assert [(t.kind, t.amount.fen) for t in done.receipt.tenders] == [("exchange", 350),
                                                                      ("cash", 400)]


def test_an_exchange_that_fails_writes_neither_the_sale_nor_the_return(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(COLA, COLA)
    found = till.returns.find(receipt)
    exchange = till.returns.exchange(till.returns.draft(found, {1: 1}, reason="other"))
    till.returns.commit(till.returns.draft(found, {1: 2}, reason="other"))  # meanwhile
    sales, returns = _count(engine, sale), _count(engine, sale_return)
    till.checkout.scan(CHIPS)
    till.checkout.add_tender("exchange", exchange.tender_for(Money(750)), exchange.reference)
    till.checkout.add_tender("cash", till.checkout.current().payment.remaining)
    with pytest.raises(PosError) as err:
        till.checkout.begin_complete(commit=exchange.commit).run_now()
    assert err.value.key == "return.history_changed"
    assert (_count(engine, sale), _count(engine, sale_return)) == (sales, returns)


def test_an_exchange_tender_without_its_return_is_refused(engine: Engine) -> None:
    till = make_till(engine)
    till.checkout.scan(CHIPS)
    till.checkout.add_tender("exchange", Money(750), "made-up")
    with pytest.raises(PosError) as err:
        till.checkout.complete()
    assert err.value.key == "return.exchange_mismatch"


def test_the_checkout_holds_the_exchange_until_its_sale_ends(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(COLA)  # ¥3.50
    exchange = till.returns.exchange(till.returns.draft(till.returns.find(receipt), {1: 1},
                                                        reason="wrong_item"))
    till.checkout.start_exchange(exchange)
    assert till.checkout.exchange is exchange
    with pytest.raises(PosError) as err:
        till.checkout.start_exchange(exchange)
    assert err.value.key == "sale.not_empty"
    till.checkout.take_exchange_credit()  # nothing sold yet: nothing taken
    assert not till.checkout.sale.tenders
    till.checkout.scan(CHIPS)  # ¥7.50
    with pytest.raises(PosError) as err:
        till.checkout.suspend()
    assert err.value.key == "return.exchange_open"
    till.checkout.take_exchange_credit()
    till.checkout.take_exchange_credit()  # once
    assert [(t.kind, t.amount.fen) for t in till.checkout.sale.tenders] == [("exchange", 350)]
    till.checkout.add_tender("cash", till.checkout.current().payment.remaining)
    done = till.checkout.complete()  # the exchange's writer, without being told
    assert done.exchange is exchange.done and done.exchange is not None
    assert done.exchange.receipt.exchange_receipt_no == done.receipt.receipt_no
    assert till.checkout.exchange is None


def test_a_voided_exchange_writes_no_return(engine: Engine) -> None:
    till = make_till(engine)
    receipt = till.sell(COLA)
    returns = _count(engine, sale_return)
    till.checkout.start_exchange(till.returns.exchange(
        till.returns.draft(till.returns.find(receipt), {1: 1}, reason="wrong_item")))
    till.checkout.scan(CHIPS)
    till.checkout.void()
    assert till.checkout.exchange is None
    assert _count(engine, sale_return) == returns
    assert till.returns.find(receipt).lines[0].returned_qty == 0

"""Receiving, transfers out, adjustments and low stock through their services on the demo
store's real database: each posted once with its stock movements and ONE event in one
transaction; bad input refused with a message key and nothing written."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, cast

import pytest
from sqlalchemy import Engine, func, select

from contract.stock_events import RECEIPT_POSTED, STOCK_ADJUSTED, TRANSFER_SENT
from pos_app.core.errors import PosError
from pos_app.core.roles import Permission
from pos_app.services.receiving import ReceivingService
from pos_app.services.stock_ops import StockOpsService
from pos_app.store import catalog, outbox, terminal
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import audit_entry, stock_document, stock_movement
from pos_app.store.receiving import ExpectedOrder, document_lines, put_expected
from pos_app.store.stock import ledger_sum
from tests.conftest import APPLES_BASE, CHIPS, COLA, TEA
from tests.staffing import approve, signed_in

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def _uuids() -> itertools.count[int]:
    return itertools.count(1)


def services(engine: Engine, role: str | None = None
             ) -> tuple[ReceivingService, StockOpsService]:
    info = terminal.get_store_info(engine=engine)
    staff = signed_in(engine, role) if role else None
    n = _uuids()
    def new_uuid() -> str:
        return f"00000000-0000-0000-0000-{next(n):012d}"
    return (ReceivingService(engine=engine, store_info=info, staff=staff, clock=lambda: NOW,
                             new_uuid=new_uuid),
            StockOpsService(engine=engine, store_info=info, staff=staff, clock=lambda: NOW,
                            new_uuid=lambda: f"10000000-0000-0000-0000-{next(n):012d}"))


def stock(engine: Engine, sku: str) -> int:
    product = catalog.get_product_by_sku(engine=engine, sku=sku)
    assert product is not None
    return catalog.on_hand(engine=engine, product_id=product.product_id)


def events(engine: Engine) -> list[tuple[str, dict[str, object]]]:
    code = terminal.get_store_info(engine=engine).terminal_code
    return [(e.type, e.payload) for e in outbox.events_after(engine=engine, terminal_code=code)
            if e.type in (RECEIPT_POSTED, TRANSFER_SENT, STOCK_ADJUSTED)]


def _lines(payload: dict[str, object]) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], payload["lines"])


def order(engine: Engine, receipt_id: str = "PO-S001-000001", store_code: str | None = None,
          lines: tuple[tuple[str, int, int | None], ...] = (("T-COLA", 24, 150),
                                                             ("T-TEA", 12, None))) -> str:
    code = store_code or terminal.get_store_info(engine=engine).store_code
    with write_tx(engine) as conn:
        put_expected(conn, ExpectedOrder(receipt_id, code, "order", "康师傅", "", "", None,
                                         lines))
    return receipt_id


def test_receiving_an_order_with_a_short_line_moves_stock_once_with_one_event(
        engine: Engine) -> None:
    receiving, _ = services(engine)
    po = order(engine)
    cola, tea = stock(engine, "T-COLA"), stock(engine, "T-TEA")
    draft = receiving.start(po)
    assert [(ln.sku, ln.ordered, ln.qty) for ln in draft.lines] == [
        ("T-COLA", 24, 0), ("T-TEA", 12, 0)]
    for _ in range(20):
        receiving.scan(draft, COLA)
    receiving.scan(draft, CHIPS, 2, cost_fen=400)  # not on the order
    receiving.set_qty(draft, "T-TEA", 10, cost_fen=120)
    assert [(d.sku, d.delta, d.status) for d in receiving.differences(draft)] == [
        ("T-COLA", -4, "short"), ("T-TEA", -2, "short"), ("T-CHIPS", 2, "over")]
    posted = receiving.post(draft)
    assert posted.doc_no.endswith("-R000001")
    assert (stock(engine, "T-COLA"), stock(engine, "T-TEA")) == (cola + 20, tea + 10)
    tea_id = catalog.get_product_by_sku(engine=engine, sku="T-TEA")
    assert tea_id is not None
    assert ledger_sum(engine=engine, product_id=tea_id.product_id) == tea + 10
    [(type_, payload)] = events(engine)
    assert type_ == RECEIPT_POSTED
    assert payload["kind"] == "order" and payload["expected_id"] == po
    assert [(ln["sku"], ln["qty"], ln["ordered"], ln["cost_fen"])
            for ln in _lines(payload)] == [
        ("T-COLA", 20, 24, 150), ("T-TEA", 10, 12, 120), ("T-CHIPS", 2, None, 400)]
    kept = document_lines(engine=engine, doc_no=posted.doc_no)
    assert [(ln.sku, ln.delta, ln.ordered) for ln in kept] == [
        ("T-COLA", 20, 24), ("T-TEA", 10, 12), ("T-CHIPS", 2, None)]
    with read_tx(engine) as conn:
        assert conn.execute(select(func.count()).select_from(stock_movement).where(
            stock_movement.c.reason == "receipt",
            stock_movement.c.event_seq == posted.event_seq)).scalar_one() == 3

    # Posting twice, or receiving the order again, is refused; nothing more moves.
    with pytest.raises(PosError) as err:
        receiving.post(draft)
    assert err.value.key == "stock.already_posted"
    with pytest.raises(PosError) as err:
        receiving.start(po)
    assert err.value.key == "receiving.already_received"
    assert stock(engine, "T-COLA") == cola + 20 and len(events(engine)) == 1
    assert receiving.open_orders() == []


def test_another_stores_order_is_never_received_here(engine: Engine) -> None:
    receiving, _ = services(engine)
    po = order(engine, "PO-S002-000001", store_code="S002")
    with pytest.raises(PosError) as err:
        receiving.start(po)
    assert err.value.key == "receiving.other_store"
    assert err.value.data["store"] == "S002"
    with pytest.raises(PosError) as err:
        receiving.start("PO-S001-999999")
    assert err.value.key == "receiving.order_unknown"


def test_bad_receiving_input_is_refused_and_nothing_is_written(engine: Engine) -> None:
    receiving, ops = services(engine)
    with pytest.raises(PosError) as err:
        receiving.start(supplier="  ")
    assert err.value.key == "receiving.supplier_needed"
    draft = receiving.start(supplier="本地供应商")
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: receiving.scan(draft, "6999999999999"), "stock.unknown_code"),
        (lambda: receiving.scan(draft, COLA, -1), "stock.qty_invalid"),
        (lambda: receiving.scan(draft, COLA, 100_000), "stock.qty_invalid"),
        (lambda: receiving.scan(draft, COLA, 1, cost_fen=-5), "receiving.cost_invalid"),
        (lambda: receiving.scan(draft, COLA, 1, expiry="31/12"), "receiving.expiry_invalid"),
        (lambda: receiving.post(draft), "stock.nothing_to_post"),
    ]
    for call, key in cases:
        with pytest.raises(PosError) as err:
            call()
        assert err.value.key == key
    # A product that carries an expiry date needs it before posting.
    ops.set_tracks_expiry(TEA, True)
    receiving.scan(draft, TEA, 6)
    with pytest.raises(PosError) as err:
        receiving.post(draft)
    assert err.value.key == "receiving.expiry_needed"
    receiving.set_qty(draft, "T-TEA", 6, expiry="2027-03-31", batch="B42")
    receiving.scan(draft, APPLES_BASE, 2500)  # grams of a weighed product
    posted = receiving.post(draft)
    [(_, payload)] = events(engine)
    assert payload["kind"] == "free" and payload["expected_id"] is None
    assert [(ln["sku"], ln["qty"], ln["expiry"], ln["batch"])
            for ln in _lines(payload)] == [
        ("T-TEA", 6, "2027-03-31", "B42"), ("T-APPLE", 2500, None, "")]
    assert posted.doc_no.endswith("-R000001")


def test_a_transfer_out_and_adjustments_move_stock_with_their_events(engine: Engine) -> None:
    _, ops = services(engine)
    cola = stock(engine, "T-COLA")
    sent = ops.transfer_out("s002", [(COLA, 5)], note="周末促销")
    ops.adjust("damaged", [(COLA, 2)], note="掉落")
    ops.adjust("found", [("T-COLA", 1)])
    assert stock(engine, "T-COLA") == cola - 5 - 2 + 1
    assert [(t, p.get("to_store", p.get("reason")), p["lines"]) for t, p in events(engine)] == [
        (TRANSFER_SENT, "S002", [{"sku": "T-COLA", "qty": 5}]),
        (STOCK_ADJUSTED, "damaged", [{"sku": "T-COLA", "delta": -2}]),
        (STOCK_ADJUSTED, "found", [{"sku": "T-COLA", "delta": 1}])]
    with read_tx(engine) as conn:
        reasons = sorted(conn.execute(select(stock_movement.c.reason, stock_movement.c.delta)
                                      .where(stock_movement.c.event_seq.is_not(None),
                                             stock_movement.c.reason != "sale")).all())
    assert reasons == [("damaged", -2), ("found", 1), ("transfer_out", -5)]
    with pytest.raises(PosError) as err:
        ops.transfer_out("S002", [(COLA, 1)], doc_uuid=_doc_uuid(engine, sent.doc_no))
    assert err.value.key == "stock.already_posted"
    refusals: list[tuple[Callable[[], object], str]] = [
        (lambda: ops.transfer_out("S001", [(COLA, 1)]), "transfer.same_store"),
        (lambda: ops.transfer_out("S 2", [(COLA, 1)]), "transfer.store_invalid"),
        (lambda: ops.transfer_out("S002", []), "stock.nothing_to_post"),
        (lambda: ops.adjust("borrowed", [(COLA, 1)]), "stock.reason_unknown"),
        (lambda: ops.adjust("theft", [(COLA, 0)]), "stock.qty_invalid"),
        (lambda: ops.adjust("theft", [("nope", 1)]), "stock.unknown_code"),
    ]
    for call, key in refusals:
        with pytest.raises(PosError) as err:
            call()
        assert err.value.key == key
    assert len(events(engine)) == 3


def _doc_uuid(engine: Engine, doc_no: str) -> str:
    with read_tx(engine) as conn:
        return str(conn.execute(select(stock_document.c.doc_uuid).where(
            stock_document.c.doc_no == doc_no)).scalar_one())


def test_stock_operations_need_the_stock_permission_or_an_approval(engine: Engine) -> None:
    _, ops = services(engine, "cashier")
    with pytest.raises(PosError) as err:
        ops.adjust("own_use", [(COLA, 1)])
    assert err.value.key == "permission.denied"
    assert events(engine) == []
    staff = signed_in(engine, "cashier")
    info = terminal.get_store_info(engine=engine)
    ops = StockOpsService(engine=engine, store_info=info, staff=staff, clock=lambda: NOW)
    ops.adjust("own_use", [(COLA, 1)], approval=approve(staff, Permission.STOCK, "manager"))
    [(_, payload)] = events(engine)
    assert payload["approver_name"]
    with read_tx(engine) as conn:
        assert conn.execute(select(audit_entry.c.action).where(
            audit_entry.c.action == "stock.adjustment")).scalars().all() == ["stock.adjustment"]


def test_low_stock_lists_products_below_their_minimum_with_an_order_suggestion(
        engine: Engine) -> None:
    _, ops = services(engine)
    cola = stock(engine, "T-COLA")
    ops.set_min_stock(COLA, cola + 5)
    ops.set_min_stock(TEA, 0)
    [low] = ops.low_stock()
    assert (low.sku, low.on_hand, low.min_stock, low.suggested) == (
        "T-COLA", cola, cola + 5, cola + 10)
    ops.set_min_stock(COLA, None)
    assert ops.low_stock() == []
    with pytest.raises(PosError) as err:
        ops.set_min_stock(COLA, -1)
    assert err.value.key == "stock.min_invalid"


def test_a_posted_document_is_never_changed_nor_deleted(engine: Engine) -> None:
    from sqlalchemy import delete, update
    from sqlalchemy.exc import DatabaseError

    _, ops = services(engine)
    posted = ops.adjust("expired", [(COLA, 1)])
    for statement in (update(stock_document).values(note="x"), delete(stock_document)):
        with pytest.raises(DatabaseError), write_tx(engine) as conn:
            conn.execute(statement)
    assert len(document_lines(engine=engine, doc_no=posted.doc_no)) == 1

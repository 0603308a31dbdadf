"""commit_sale: one transaction for sale, lines, tenders, ledger, balance, receipt, outbox."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError, OperationalError

from pos_app.core.errors import PosError
from pos_app.store import catalog, outbox, sales
from pos_app.store.stock import ledger_sum

from .conftest import SaleFactory


def _pid(engine: Engine, sku: str) -> int:
    p = catalog.get_product_by_sku(engine=engine, sku=sku)
    assert p is not None
    return p.product_id


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _counter(engine: Engine, name: str) -> int | None:
    with engine.connect() as conn:
        return conn.execute(text("SELECT value FROM counter WHERE name = :n"), {"n": name}).scalar()


def test_commit_sale_writes_sale_lines_tenders_ledger_balance_and_event(
    engine: Engine, make_sale: SaleFactory
) -> None:
    cola, chips = _pid(engine, "T-COLA"), _pid(engine, "T-CHIPS")
    before = catalog.on_hand(engine=engine, product_id=cola)
    done = sales.commit_sale(engine=engine, record=make_sale(
        [(cola, 2, 350), (chips, 1, 750)], uuid="u-1"))
    assert (done.receipt_no, done.seq) == ("S001-T01-000001", 1)
    stored = sales.get_sale(engine=engine, receipt_no="S001-T01-000001")
    assert stored is not None and stored.state == "completed"
    assert [(ln.product_id, ln.qty) for ln in stored.record.lines] == [(cola, 2), (chips, 1)]
    assert [t.amount_fen for t in stored.record.tenders] == [1450]
    assert catalog.on_hand(engine=engine, product_id=cola) == before - 2
    assert ledger_sum(engine=engine, product_id=cola) == before - 2
    [event] = outbox.pending_events(engine=engine, terminal_code="T01")
    assert (event.type, event.version, event.seq) == ("sale.completed", 1, 1)
    assert event.payload["receipt_no"] == "S001-T01-000001"
    assert event.payload["sale_uuid"] == "u-1"
    assert [ln["qty"] for ln in event.payload["lines"]] == [2, 1]
    assert event.payload["tenders"][0]["kind"] == "cash"


def test_receipt_and_event_seqs_are_per_terminal_and_consecutive(
    engine: Engine, make_sale: SaleFactory
) -> None:
    cola = _pid(engine, "T-COLA")
    got = [sales.commit_sale(engine=engine, record=make_sale(
        [(cola, 1, 350)], uuid=f"u-{i}", terminal=term)).receipt_no
        for i, term in enumerate(["T01", "T02", "T01", "T01"])]
    assert got == ["S001-T01-000001", "S001-T02-000001", "S001-T01-000002", "S001-T01-000003"]
    assert [e.seq for e in outbox.pending_events(engine=engine, terminal_code="T01")] == [1, 2, 3]


def test_a_failure_midway_writes_nothing_and_does_not_advance_the_seq(
    engine: Engine, make_sale: SaleFactory
) -> None:
    cola = _pid(engine, "T-COLA")
    sales.commit_sale(engine=engine, record=make_sale([(cola, 1, 350)], uuid="first"))
    tables = ["sale", "sale_line", "sale_tender", "stock_movement", "outbox_event"]
    before = {t: _count(engine, t) for t in tables}
    stock = catalog.on_hand(engine=engine, product_id=cola)
    with engine.begin() as conn:  # the outbox insert is the last write of commit_sale
        conn.execute(text("CREATE TRIGGER boom BEFORE INSERT ON outbox_event "
                          "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"))
    with pytest.raises(IntegrityError):
        sales.commit_sale(engine=engine, record=make_sale([(cola, 3, 350)], uuid="doomed"))
    assert {t: _count(engine, t) for t in tables} == before
    assert catalog.on_hand(engine=engine, product_id=cola) == stock
    assert _counter(engine, "receipt:T01") == 1 and _counter(engine, "outbox:T01") == 1
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER boom"))
    again = sales.commit_sale(engine=engine, record=make_sale([(cola, 3, 350)], uuid="doomed"))
    assert again.receipt_no == "S001-T01-000002"


def test_an_unknown_product_rolls_the_whole_sale_back(
    engine: Engine, make_sale: SaleFactory
) -> None:
    cola = _pid(engine, "T-COLA")
    with pytest.raises(IntegrityError):
        sales.commit_sale(engine=engine, record=make_sale(
            [(cola, 1, 350), (987654321, 1, 100)], uuid="bad-fk"))
    assert _count(engine, "sale") == 0 and _count(engine, "outbox_event") == 0
    assert _counter(engine, "receipt:T01") is None


def test_committing_the_same_sale_twice_returns_the_first_result(
    engine: Engine, make_sale: SaleFactory
) -> None:
    cola = _pid(engine, "T-COLA")
    record = make_sale([(cola, 1, 350)], uuid="retry-me")
    first = sales.commit_sale(engine=engine, record=record)
    assert sales.commit_sale(engine=engine, record=record) == first
    assert _count(engine, "sale") == 1 and _count(engine, "outbox_event") == 1


def test_a_completed_sale_is_never_updated_and_the_ledger_is_append_only(
    engine: Engine, make_sale: SaleFactory
) -> None:
    cola = _pid(engine, "T-COLA")
    sales.commit_sale(engine=engine, record=make_sale([(cola, 1, 350)], uuid="done"))
    for sql in ("UPDATE sale SET total_fen = 1", "DELETE FROM sale",
                "UPDATE sale_line SET qty = 9", "UPDATE stock_movement SET delta = 0",
                "DELETE FROM stock_movement"):
        with pytest.raises((IntegrityError, OperationalError)), engine.begin() as conn:
            conn.execute(text(sql))


def test_an_empty_sale_is_refused(engine: Engine, make_sale: SaleFactory) -> None:
    with pytest.raises(PosError) as err:
        sales.commit_sale(engine=engine, record=make_sale([], uuid="empty"))
    assert err.value.key == "sale.empty"


def test_a_voided_sale_is_kept_without_receipt_number_or_stock_movement(
    engine: Engine, make_sale: SaleFactory
) -> None:
    cola = _pid(engine, "T-COLA")
    stock = catalog.on_hand(engine=engine, product_id=cola)
    sale_id = sales.record_voided_sale(engine=engine, record=make_sale(
        [(cola, 5, 350)], uuid="voided"))
    assert sales.record_voided_sale(engine=engine, record=make_sale(
        [(cola, 5, 350)], uuid="voided")) == sale_id
    assert catalog.on_hand(engine=engine, product_id=cola) == stock
    [recent] = sales.recent_sales(engine=engine, limit=5)
    assert (recent.state, recent.receipt_no, recent.seq) == ("voided", None, None)
    [event] = outbox.pending_events(engine=engine, terminal_code="T01")
    assert event.type == "sale.voided" and event.payload["receipt_no"] is None
    done = sales.commit_sale(engine=engine, record=make_sale([(cola, 1, 350)], uuid="next"))
    assert done.seq == 1  # a void does not use up a receipt number


def test_recent_sales_are_newest_first_and_acked_events_leave_the_queue(
    engine: Engine, make_sale: SaleFactory
) -> None:
    cola = _pid(engine, "T-COLA")
    for i in range(3):
        sales.commit_sale(engine=engine, record=make_sale([(cola, 1, 350)], uuid=f"r{i}"))
    assert [s.seq for s in sales.recent_sales(engine=engine, limit=2)] == [3, 2]
    assert outbox.mark_acked(engine=engine, terminal_code="T01", up_to_seq=2,
                             acked_at="2024-11-22T10:00:00+00:00") == 2
    assert [e.seq for e in outbox.pending_events(engine=engine, terminal_code="T01")] == [3]
    assert [e.seq for e in outbox.events_after(engine=engine, terminal_code="T01")] == [1, 2, 3]

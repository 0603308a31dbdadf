"""The returns' tables: one transaction for everything a return writes, append-only, the
points clawback never below the member's balance."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DatabaseError

from pos_app.store import outbox
from pos_app.store.db import read_tx, write_tx
from pos_app.store.members import (
    LocalMember,
    PointsRecord,
    append_points,
    get_member,
    put_members,
)
from pos_app.store.models import points_entry, sale_return, sale_return_line, stock_movement
from pos_app.store.returns import (
    ReturnLineRecord,
    ReturnRecord,
    ReturnTenderRecord,
    commit_return,
)

AT = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def record(uuid: str = "r-1", *, product_id: int | None = 1, member_id: str | None = None,
           clawback: int = 0) -> ReturnRecord:
    return ReturnRecord(
        return_uuid=uuid, store_code="S001", terminal_code="T01", kind="sale", at=AT,
        business_date="2026-12-05", reason="other", original_sale_uuid="sale-1",
        original_receipt_no="S001-T01-000001",
        lines=[ReturnLineRecord(1, product_id, "010001", "可乐", 2, 600, 600)],
        tenders=[ReturnTenderRecord(0, "cash", "cash", 600)], refund_fen=600,
        member_id=member_id, points_clawback=clawback)


def count(engine: Engine, table: object) -> int:
    with read_tx(engine) as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]  # a Table


def test_a_failing_step_leaves_nothing_half_written(engine: Engine) -> None:
    events = len(outbox.pending_events(engine=engine, terminal_code="T01", limit=1000))
    moves = count(engine, stock_movement)
    with pytest.raises(DatabaseError):  # the stock movement names no product: FK refused
        commit_return(engine=engine, record=record(product_id=999_999))
    assert count(engine, sale_return) == count(engine, sale_return_line) == 0
    assert count(engine, stock_movement) == moves
    assert len(outbox.pending_events(engine=engine, terminal_code="T01", limit=1000)) == events
    done = commit_return(engine=engine, record=record())
    assert done.return_no == "S001-T01-R000001"  # the failed one took no number


@pytest.mark.parametrize("statement", [
    "UPDATE sale_return SET refund_fen = 0",
    "DELETE FROM sale_return",
    "UPDATE sale_return_line SET qty = 1",
    "DELETE FROM sale_return_line",
    "UPDATE sale_return_tender SET amount_fen = 1",
    "DELETE FROM sale_return_tender",
])
def test_a_return_is_never_changed_nor_deleted(engine: Engine, statement: str) -> None:
    commit_return(engine=engine, record=record())
    with pytest.raises(DatabaseError, match="a return is never"), write_tx(engine) as conn:
        conn.execute(text(statement))


def test_the_clawback_stops_at_the_members_balance_and_says_so(engine: Engine) -> None:
    with write_tx(engine) as conn:
        put_members(conn, [LocalMember("M-R1", "138****0001", points_confirmed=30)],
                    at=AT.isoformat())
    done = commit_return(engine=engine, record=record(member_id="M-R1", clawback=100))
    assert (done.points_clawback, done.clawback_short) == (30, 70)
    member = get_member(engine=engine, member_id="M-R1")
    assert member is not None and member.points_confirmed + member.points_pending == 0
    [event] = [e for e in outbox.pending_events(engine=engine, terminal_code="T01", limit=1000)
               if e.type == "return.completed"]
    assert event.payload["flags"] == ["clawback_short"]
    assert (event.payload["points_clawback"], event.payload["clawback_short"]) == (30, 70)


def test_points_the_member_has_pending_count_for_the_clawback(engine: Engine) -> None:
    with write_tx(engine) as conn:
        put_members(conn, [LocalMember("M-R2", "138****0002", points_confirmed=0)],
                    at=AT.isoformat())
        append_points(conn, [PointsRecord("e-1", "M-R2", "earn", 50, "2026-12-05")],
                      sale_uuid="sale-1", store_code="S001", terminal_code="T01",
                      at=AT.isoformat())
    done = commit_return(engine=engine, record=record(member_id="M-R2", clawback=50))
    assert (done.points_clawback, done.clawback_short) == (50, 0)
    with read_tx(engine) as conn:
        assert conn.execute(select(func.sum(points_entry.c.points)).where(
            points_entry.c.member_id == "M-R2")).scalar_one() == 0

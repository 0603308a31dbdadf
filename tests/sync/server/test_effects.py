"""What pushed events do to the cloud's records, and the conflicts they flag."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, select

from contract.members import MemberRecord
from pos_app.core.members import lookup_hash
from sync.server.catalog import add_stock, put_members
from sync.server.db import write_tx
from sync.server.ledger_tables import (
    applied_event,
    coupon_redemption,
    flag,
    points_entry,
    sale,
    sale_line,
    sale_tender,
    stock_balance,
    stock_movement,
)
from sync.server.tables import member
from tests.sync.server.helpers import Clock, Till, enroll_till


def rows(engine: Engine, *columns: Any, where: Any = None) -> list[tuple[Any, ...]]:
    query = select(*columns)
    if where is not None:
        query = query.where(where)
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def flags(engine: Engine, kind: str | None = None) -> list[tuple[str, str]]:
    return sorted((k, s) for k, s in rows(engine, flag.c.kind, flag.c.subject)
                  if kind in (None, k))


def add_member(engine: Engine, clock: Clock, member_id: str, phone: str, points: int) -> None:
    with write_tx(engine) as conn:
        put_members(conn, [MemberRecord(member_id, phone, "张伟", "gold",
                                        points_confirmed=points)], now=clock())


def test_a_completed_sale_records_lines_tenders_and_one_movement_per_line(
        till: Till, engine: Engine, clock: Clock, store_id: int) -> None:
    with write_tx(engine) as conn:
        add_stock(conn, store_id=store_id, moves=[("010001", 10), ("010002", 10)],
                  reason="opening", now=clock())
    ev = till.sale(lines=[("010001", 2), ("010002", 1)], total_fen=1050)
    till.push([ev])
    assert rows(engine, sale.c.state, sale.c.total_fen, sale.c.cashier,
                sale.c.business_date) == [("completed", 1050, "王小明", "2026-12-01")]
    assert rows(engine, sale_line.c.line_no, sale_line.c.sku, sale_line.c.qty) == [
        (1, "010001", 2), (2, "010002", 1)]
    assert rows(engine, sale_tender.c.kind, sale_tender.c.amount_fen) == [("cash", 1050)]
    assert sorted(rows(engine, stock_movement.c.sku, stock_movement.c.delta,
                       where=stock_movement.c.event_uuid == ev["event_uuid"])) == [
        ("010001", -2), ("010002", -1)]
    assert sorted(rows(engine, stock_balance.c.sku, stock_balance.c.on_hand)) == [
        ("010001", 8), ("010002", 9)]
    assert till.pull_all("stock") == {"010001": {"on_hand": 8}, "010002": {"on_hand": 9}}
    assert flags(engine) == []


def test_a_voided_sale_is_recorded_without_moving_stock(till: Till, engine: Engine) -> None:
    till.push([till.void()])
    assert rows(engine, sale.c.state) == [("voided",)]
    assert rows(engine, stock_movement.c.sku) == []


def test_two_tills_selling_the_last_unit_go_negative_and_flag_it(
        till: Till, client: Any, engine: Engine, clock: Clock, store_id: int) -> None:
    with write_tx(engine) as conn:
        add_stock(conn, store_id=store_id, moves=[("010001", 1)], reason="opening",
                  now=clock())
    other = enroll_till(client, engine, clock, store_code="S001", terminal_code="T02")
    till.push([till.sale(lines=[("010001", 1)])])
    assert flags(engine) == []
    other.push([other.sale(lines=[("010001", 1)])])
    assert rows(engine, stock_balance.c.on_hand) == [(-1,)]
    assert flags(engine) == [("negative_stock", "010001")]
    other.push([other.sale(lines=[("010001", 1)])])
    assert flags(engine) == [("negative_stock", "010001")]  # flagged once while open


def test_points_go_to_the_ledger_and_the_members_stream(
        till: Till, engine: Engine, clock: Clock) -> None:
    add_member(engine, clock, "M1", "13800138000", 100)
    till.push([till.points("M1", 30), till.points("M1", -50, kind="redeem")])
    assert sorted(p for (p,) in rows(engine, points_entry.c.points)) == [-50, 30]
    assert till.pull_all("members")["M1"]["points_confirmed"] == 80
    assert flags(engine) == []


def test_redeeming_beyond_the_cloud_balance_is_accepted_and_flagged(
        till: Till, client: Any, engine: Engine, clock: Clock) -> None:
    add_member(engine, clock, "M1", "13800138000", 100)
    other = enroll_till(client, engine, clock, store_code="S001", terminal_code="T02")
    till.push([till.points("M1", -80, kind="redeem")])
    other.push([other.points("M1", -80, kind="redeem")])  # both offline, same 100 points
    assert rows(engine, member.c.points_balance) == [(-60,)]
    assert flags(engine) == [("points_overdrawn", "M1")]


def test_a_points_entry_is_idempotent_by_its_uuid(till: Till, engine: Engine,
                                                  clock: Clock) -> None:
    add_member(engine, clock, "M1", "13800138000", 0)
    answer = till.push([till.points("M1", 10, entry_uuid="e-1"),
                        till.points("M1", 10, entry_uuid="e-1")])
    assert [q["reason"] for q in answer["quarantined"]] == ["sync.points_entry_exists"]
    assert rows(engine, member.c.points_balance) == [(10,)]


def test_points_of_a_member_the_cloud_does_not_know_yet_count_once_they_sign_up(
        till: Till, engine: Engine) -> None:
    till.push([till.points("M-NEW", 20)])
    assert flags(engine) == [("points_member_unknown", "M-NEW")]
    till.push([till.signup("M-NEW", "13900000000"), till.points("M-NEW", 5)])
    assert till.pull_all("members")["M-NEW"]["points_confirmed"] == 25


def test_a_coupon_redeemed_twice_keeps_both_and_flags_the_second(
        till: Till, client: Any, engine: Engine, clock: Clock) -> None:
    other = enroll_till(client, engine, clock, store_code="S001", terminal_code="T02")
    till.push([till.coupon("C-1")])
    other.push([other.coupon("C-1")])
    assert sorted(rows(engine, coupon_redemption.c.reused)) == [(False,), (True,)]
    assert flags(engine) == [("coupon_reused", "C-1")]


def test_a_member_signed_up_with_a_known_phone_is_kept_and_flagged(
        till: Till, engine: Engine, clock: Clock) -> None:
    add_member(engine, clock, "M1", "13800138000", 0)
    answer = till.push([till.signup("M2", "13800138000", "李娜")])
    assert answer["applied"] == 1
    assert sorted(rows(engine, member.c.member_id, member.c.phone)) == [
        ("M1", "13800138000"), ("M2", "13800138000")]
    assert flags(engine) == [("member_phone_taken", "M2")]
    # Tills get both, masked, with the same lookup hash (the chain's secret comes with the
    # keys), and never the phone or the name.
    pulled = till.pull_all("members")
    secret = base64.b64decode(till.pull_all("chain_keys")["member-lookup"]["lookup_secret"])
    assert pulled["M2"] == {
        "phone_masked": "138****8000", "name_masked": "李*", "tier": "regular",
        "phone_hash": lookup_hash(secret, "phone", "13800138000"), "card_hash": None,
        "birthday_md": None, "points_confirmed": 0}
    assert pulled["M1"]["phone_hash"] == pulled["M2"]["phone_hash"]


def test_a_stock_movement_event_moves_the_store_ledger(till: Till, engine: Engine) -> None:
    till.push([till.stock("010001", 24), till.stock("010001", -3, "waste")])
    assert rows(engine, stock_balance.c.on_hand) == [(21,)]


def test_a_skewed_clock_is_flagged_once_a_day_and_never_refused(
        till: Till, engine: Engine, clock: Clock) -> None:
    till.skew = timedelta(days=-1)
    assert till.hello()["clock_skew_s"] == 86400
    answer = till.push([till.sale()])
    assert answer["status"] == "ok" and answer["applied"] == 1
    clock.advance(hours=1)
    till.push([till.sale()])
    assert flags(engine, "clock_skew") == [("clock_skew", "T01")]
    clock.advance(days=1)
    till.hello()
    assert flags(engine, "clock_skew") == [("clock_skew", "T01"), ("clock_skew", "T01")]
    detail = json.loads(rows(engine, flag.c.detail)[0][0])
    assert detail["skew_s"] == 86400


def test_both_clocks_are_kept(till: Till, engine: Engine, clock: Clock) -> None:
    till.skew = timedelta(minutes=-30)
    till.push([till.sale()])
    created, received, day = rows(engine, applied_event.c.created_at,
                                  applied_event.c.received_at, applied_event.c.business_date)[0]
    assert created == "2026-12-01T09:30:00+08:00" and day == "2026-12-01"
    assert received == clock()

"""Receiving, transfers and adjustments in the cloud, on SQLite and PostgreSQL: each applied
once however often it is delivered, its stock moved exactly once, a purchase order made at
HQ pulled by the store's tills and closed by its receipt, a transfer sent by one store
expected by the other and summing to zero once received, hostile payloads quarantined."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import Engine

from contract.stock_events import RECEIPT_POSTED, STOCK_ADJUSTED, TRANSFER_SENT
from sync.server.admin import create_store
from sync.server.catalog import add_stock
from sync.server.db import write_tx
from sync.server.ledger_tables import expected_receipt, stock_balance, stock_movement
from sync.server.receiving import (
    OrderLine,
    create_purchase_order,
    create_transfer,
    list_expected,
    parse_line,
)
from tests.sync.server.helpers import Clock, Till, enroll_till
from tests.sync.server.test_effects import flags, rows

AT = "2026-12-01T10:05:00+08:00"


def on_hand(engine: Engine, store_id: int, sku: str) -> int:
    found = rows(engine, stock_balance.c.on_hand,
                 where=(stock_balance.c.store_id == store_id) & (stock_balance.c.sku == sku))
    return int(found[0][0]) if found else 0


def receipt(lines: list[tuple[str, int]], *, expected_id: str | None = None,
            receipt_uuid: str | None = None, **extra: Any) -> dict[str, Any]:
    kind = "free" if expected_id is None else (
        "transfer" if expected_id.startswith("TR-") else "order")
    return {"receipt_uuid": receipt_uuid or str(uuid.uuid4()), "receipt_no": "S001-T01-R000001",
            "kind": kind, "expected_id": expected_id, "supplier": "康师傅", "at": AT,
            "lines": [{"sku": s, "qty": q, "cost_fen": 150} for s, q in lines], **extra}


def transfer(to_store: str, lines: list[tuple[str, int]]) -> dict[str, Any]:
    return {"transfer_uuid": str(uuid.uuid4()), "to_store": to_store, "at": AT,
            "lines": [{"sku": s, "qty": q} for s, q in lines]}


def adjustment(reason: str, lines: list[tuple[str, int]]) -> dict[str, Any]:
    return {"adjustment_uuid": str(uuid.uuid4()), "reason": reason, "at": AT,
            "lines": [{"sku": s, "delta": d} for s, d in lines]}


@pytest.fixture
def other_store(engine: Engine, clock: Clock, store_id: int) -> int:
    """Store S002 (after S001)."""
    return create_store(engine, code="S002", name="二店", address="上海", now=clock())


def test_a_receipt_moves_stock_once_however_often_it_is_delivered(
        till: Till, engine: Engine, store_id: int) -> None:
    posted = till.event(RECEIPT_POSTED, receipt([("010001", 24), ("010002", 12)]))
    assert till.push([posted])["applied"] == 1
    again = till.push([posted])
    assert again["duplicates"] == 1
    copy = till.push([till.event(RECEIPT_POSTED, posted["payload"])])  # same receipt, new event
    assert [q["reason"] for q in copy["quarantined"]] == ["sync.stock_doc_exists"]
    assert (on_hand(engine, store_id, "010001"), on_hand(engine, store_id, "010002")) == (24, 12)
    assert sorted(rows(engine, stock_movement.c.sku, stock_movement.c.delta,
                       stock_movement.c.reason)) == [("010001", 24, "receipt"),
                                                     ("010002", 12, "receipt")]
    assert flags(engine) == []  # a document carried twice is refused, not flagged


def test_adjustments_move_stock_by_their_reason_and_once(
        till: Till, engine: Engine, store_id: int, clock: Clock) -> None:
    with write_tx(engine) as conn:
        add_stock(conn, store_id=store_id, moves=[("010001", 10)], reason="opening",
                  now=clock())
    damaged = till.event(STOCK_ADJUSTED, adjustment("damaged", [("010001", -2)]))
    found = till.event(STOCK_ADJUSTED, adjustment("found", [("010001", 1)]))
    assert till.push([damaged, found])["applied"] == 2
    assert till.push([damaged])["duplicates"] == 1
    assert on_hand(engine, store_id, "010001") == 9
    assert sorted(rows(engine, stock_movement.c.reason, stock_movement.c.delta,
                       where=stock_movement.c.reason != "opening")) == [
        ("damaged", -2), ("found", 1)]


@pytest.mark.parametrize("payload", [
    receipt([("010001", 0)]), receipt([("010001", -5)]), receipt([("010001", 10**9)]),
    receipt([]), receipt([("010001", 1)], kind="order"),
    {**receipt([("010001", 1)]), "lines": [{"sku": "010001", "qty": 1, "cost_fen": -1}]},
    {**receipt([("010001", 1)]), "lines": [{"sku": "010001", "qty": 1, "expiry": "soon"}]},
    receipt([("\x00bad", 1)]),
])
def test_hostile_receipts_are_quarantined_and_move_nothing(
        till: Till, engine: Engine, store_id: int, payload: dict[str, Any]) -> None:
    answer = till.push([till.event(RECEIPT_POSTED, payload)])
    assert answer["applied"] == 0 and len(answer["quarantined"]) == 1
    assert rows(engine, stock_movement.c.sku) == []


@pytest.mark.parametrize("payload", [
    adjustment("damaged", [("010001", 2)]),  # a write-off must remove
    adjustment("found", [("010001", -2)]),
    adjustment("borrowed", [("010001", -1)]),
    adjustment("theft", [("010001", -10**7)]),
])
def test_adjustments_of_the_wrong_sign_or_reason_are_quarantined(
        till: Till, engine: Engine, payload: dict[str, Any]) -> None:
    answer = till.push([till.event(STOCK_ADJUSTED, payload)])
    assert answer["applied"] == 0 and len(answer["quarantined"]) == 1
    assert rows(engine, stock_movement.c.sku) == []


def test_a_purchase_order_is_pulled_by_its_store_and_closed_by_the_receipt(
        client: Any, till: Till, engine: Engine, clock: Clock, store_id: int,
        other_store: int) -> None:
    po = create_purchase_order(engine, store_code="S001", supplier="康师傅",
                               lines=[parse_line("010001:24:150"), parse_line("010002:12")],
                               now=clock())
    assert po == "PO-S001-000001"
    state = till.pull_all("expected_receipts")
    assert state[po]["kind"] == "order" and state[po]["store_code"] == "S001"
    assert [(ln["sku"], ln["qty"], ln["cost_fen"]) for ln in state[po]["lines"]] == [
        ("010001", 24, 150), ("010002", 12, None)]
    other = enroll_till(client, engine, clock, store_code="S002", terminal_code="T01")
    assert other.pull_all("expected_receipts") == {}  # another store never sees it

    posted = till.event(RECEIPT_POSTED, receipt([("010001", 20), ("010003", 1)],
                                                expected_id=po))
    assert till.push([posted])["applied"] == 1
    assert till.pull_all("expected_receipts") == {po: None}  # received: a tombstone
    assert [e.status for e in list_expected(engine, store_code="S001")] == ["received"]
    assert flags(engine, "receipt_differences") == [("receipt_differences",
                                                     posted["payload"]["receipt_uuid"])]
    # A second receipt against the closed order still moves stock (the goods are there)
    # and is flagged for HQ.
    late = till.event(RECEIPT_POSTED, receipt([("010002", 12)], expected_id=po))
    assert till.push([late])["applied"] == 1
    assert flags(engine, "receipt_order_not_open") == [("receipt_order_not_open",
                                                        late["payload"]["receipt_uuid"])]
    assert (on_hand(engine, store_id, "010001"), on_hand(engine, store_id, "010002"),
            on_hand(engine, store_id, "010003")) == (20, 12, 1)


def test_a_transfer_becomes_the_other_stores_receipt_and_sums_to_zero(
        client: Any, till: Till, engine: Engine, clock: Clock, store_id: int,
        other_store: int) -> None:
    with write_tx(engine) as conn:
        add_stock(conn, store_id=store_id, moves=[("010001", 10)], reason="opening",
                  now=clock())
    sent = till.event(TRANSFER_SENT, transfer("S002", [("010001", 4)]))
    assert till.push([sent])["applied"] == 1
    assert till.push([sent])["duplicates"] == 1
    assert on_hand(engine, store_id, "010001") == 6
    receipt_id = "TR-" + sent["payload"]["transfer_uuid"]
    there = enroll_till(client, engine, clock, store_code="S002", terminal_code="T01")
    expected = there.pull_all("expected_receipts")
    assert list(expected) == [receipt_id]
    assert expected[receipt_id]["from_store"] == "S001"
    assert till.pull_all("expected_receipts") == {}
    got = there.event(RECEIPT_POSTED, receipt([("010001", 4)], expected_id=receipt_id))
    assert there.push([got])["applied"] == 1
    assert there.push([got])["duplicates"] == 1
    assert on_hand(engine, other_store, "010001") == 4
    moved = rows(engine, stock_movement.c.delta,
                 where=stock_movement.c.reason.in_(["transfer_out", "receipt"]))
    assert sum(d for (d,) in moved) == 0
    assert there.pull_all("expected_receipts") == {receipt_id: None}
    assert rows(engine, expected_receipt.c.status) == [("received",)]


def test_a_transfer_to_an_unknown_store_or_itself_is_quarantined(
        till: Till, engine: Engine) -> None:
    answer = till.push([till.event(TRANSFER_SENT, transfer("S404", [("010001", 1)])),
                        till.event(TRANSFER_SENT, transfer("S001", [("010001", 1)]))])
    assert [q["reason"] for q in answer["quarantined"]] == ["sync.transfer_store_unknown"] * 2
    assert rows(engine, stock_movement.c.sku) == []


def test_an_hq_transfer_ships_at_once_and_is_expected_there(
        engine: Engine, clock: Clock, store_id: int, other_store: int) -> None:
    receipt_id = create_transfer(engine, from_store="S001", to_store="S002",
                                 lines=[OrderLine("010001", 3)], now=clock())
    assert on_hand(engine, store_id, "010001") == -3
    assert [(e.receipt_id, e.store_code, e.supplier) for e in list_expected(engine)] == [
        (receipt_id, "S002", "S001")]


@pytest.mark.parametrize("text", ["010001", "010001:0", "010001:x", "010001:1:2:3",
                                  "bad sku:1", "010001:9999999"])
def test_bad_order_lines_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_line(text)


def test_an_order_for_an_unknown_store_is_refused(engine: Engine, clock: Clock) -> None:
    with pytest.raises(LookupError):
        create_purchase_order(engine, store_code="S404", supplier="x",
                              lines=[OrderLine("010001", 1)], now=clock())


# ---- HQ's admin API ---------------------------------------------------------------------

def _admin_client(engine: Engine, clock: Clock, tmp_path: Any, token: str) -> Any:
    from fastapi.testclient import TestClient
    from pydantic import SecretStr

    from sync.server.app import create_app
    from sync.server.settings import CloudSettings

    settings = CloudSettings(data_dir=tmp_path / "cloud-data", database_url="sqlite://",
                             admin_token=SecretStr(token))
    return TestClient(create_app(settings, engine=engine, clock=clock),
                      raise_server_exceptions=False)


def test_hq_creates_orders_and_transfers_through_the_admin_api(
        engine: Engine, clock: Clock, store_id: int, other_store: int, till: Till,
        tmp_path: Any) -> None:
    with _admin_client(engine, clock, tmp_path, "s3cret-admin") as api:
        auth = {"Authorization": "Bearer s3cret-admin"}
        body = {"store": "S001", "supplier": "康师傅",
                "lines": [{"sku": "010001", "qty": 24, "cost_fen": 150}]}
        assert api.post("/v1/admin/purchase-orders", json=body).status_code == 401
        assert api.post("/v1/admin/purchase-orders", json=body,
                        headers={"Authorization": f"Bearer {till.credential}"}
                        ).status_code == 401  # a till's credential is not HQ's
        made = api.post("/v1/admin/purchase-orders", json=body, headers=auth)
        assert made.status_code == 200, made.text
        po = made.json()["receipt_id"]
        moved = api.post("/v1/admin/transfers", headers=auth, json={
            "from_store": "S001", "to_store": "S002", "lines": [{"sku": "010001", "qty": 2}]})
        assert moved.status_code == 200, moved.text
        listed = api.get("/v1/admin/expected-receipts", params={"open": True}, headers=auth)
        assert sorted((e["receipt_id"], e["store"]) for e in listed.json()) == sorted(
            [(po, "S001"), (moved.json()["receipt_id"], "S002")])
        for bad in ({**body, "store": "S404"}, {**body, "lines": []},
                    {**body, "lines": [{"sku": "010001", "qty": -1}]},
                    {**body, "lines": [{"sku": "010001", "qty": 10**12}]}):
            assert api.post("/v1/admin/purchase-orders", json=bad,
                            headers=auth).status_code in (404, 422)
    assert po in till.pull_all("expected_receipts")


def test_the_admin_api_is_off_without_a_token(
        engine: Engine, clock: Clock, store_id: int, tmp_path: Any) -> None:
    with _admin_client(engine, clock, tmp_path, "") as api:
        r = api.get("/v1/admin/expected-receipts", headers={"Authorization": "Bearer "})
        assert r.status_code == 403


# ---- pos-cloud po / transfer --------------------------------------------------------------

@pytest.fixture
def cli(database_url: str, capsys: pytest.CaptureFixture[str]) -> Any:
    from sync.server.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--database-url", database_url, *args])
        out, err = capsys.readouterr()
        return code, out.strip(), err.strip()
    return run


def test_pos_cloud_po_and_transfer_commands(cli: Any, store_id: int, other_store: int,
                                            engine: Engine) -> None:
    status, out, _ = cli("po", "create", "--store", "S001", "--supplier", "康师傅",
                         "--line", "010001:24:150", "--line", "010002:12")
    assert status == 0 and "PO-S001-000001" in out
    status, out, _ = cli("transfer", "create", "--from", "S001", "--to", "S002",
                         "--line", "010001:5")
    assert status == 0 and "TR-" in out
    status, out, _ = cli("po", "list", "--open")
    assert status == 0 and out.splitlines()[1].startswith(
        "PO-S001-000001\tS001\t康师傅\topen\t") and out.endswith("010001:24:150 010002:12")
    status, out, _ = cli("transfer", "list", "--store", "S002")
    assert status == 0 and len(out.splitlines()) == 2 and out.endswith("010001:5")
    assert on_hand(engine, store_id, "010001") == -5
    for args in (("po", "create", "--store", "S001", "--supplier", "x", "--line", "010001:-2"),
                 ("po", "create", "--store", "S404", "--supplier", "x", "--line", "010001:1"),
                 ("transfer", "create", "--from", "S001", "--to", "S001", "--line", "A:1")):
        status, out, err = cli(*args)
        assert status == 1 and out == "" and err and "Traceback" not in err
    assert len(list_expected(engine)) == 2


def test_a_receipt_naming_another_stores_order_moves_only_its_own_stock_and_is_flagged(
        client: Any, till: Till, engine: Engine, clock: Clock, store_id: int,
        other_store: int) -> None:
    po = create_purchase_order(engine, store_code="S002", supplier="x",
                               lines=[OrderLine("010001", 5)], now=clock())
    posted = till.event(RECEIPT_POSTED, receipt([("010001", 5)], expected_id=po))
    assert till.push([posted])["applied"] == 1
    assert [e.status for e in list_expected(engine, store_code="S002")] == ["open"]
    assert on_hand(engine, other_store, "010001") == 0
    assert flags(engine, "receipt_order_not_open") == [
        ("receipt_order_not_open", posted["payload"]["receipt_uuid"])]

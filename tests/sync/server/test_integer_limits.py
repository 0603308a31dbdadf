"""Integers from a request that reach SQL are checked at the edge: a value beyond the column
type is a 422 Problem, never a database error (a 500 and a reset connection)."""

from __future__ import annotations

import uuid

import pytest

from contract.protocol import STOCK_MOVEMENT
from tests.sync.server.helpers import Till

BIGINT_MAX = 2**63 - 1


@pytest.mark.parametrize("after", [BIGINT_MAX + 1, 10**30])
def test_a_pull_cursor_beyond_bigint_is_a_422_problem(till: Till, after: int) -> None:
    r = till.client.get("/v1/pull/products", params={"after": after}, headers=till.headers)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "sync.request_invalid"


def test_the_largest_bigint_cursor_is_an_ordinary_empty_page(till: Till) -> None:
    assert till.pull("products", after=BIGINT_MAX).changes == []


@pytest.mark.parametrize("field,value", [("seq", BIGINT_MAX + 1), ("version", 2**31)])
def test_event_seq_and_version_beyond_their_columns_are_422(
        till: Till, field: str, value: int) -> None:
    event = {"event_uuid": str(uuid.uuid4()), "seq": 1, "type": "x.unknown", "version": 1,
             "payload": {}, "created_at": till.local_now().isoformat(), field: value}
    r = till.client.post("/v1/push", json=till.body(events=[event]), headers=till.headers)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "sync.request_invalid"


def test_a_credential_naming_a_store_id_beyond_integer_is_a_401(till: Till) -> None:
    headers = {**till.headers, "Authorization": f"Bearer {10**20}-abc.secret"}
    r = till.client.get("/v1/pull/products", headers=headers)
    assert r.status_code == 401, r.text


def test_an_unknown_event_type_with_a_large_version_is_quarantined(till: Till) -> None:
    ev = till.event(STOCK_MOVEMENT.replace("stock", "nothing"), {}, version=2**31 - 1)
    answer = till.push([ev])
    assert [q["reason"] for q in answer["quarantined"]] == ["sync.event_type_unknown"]

"""Whatever a till puts in an event, the batch goes through: each event is applied or
quarantined, never a server error that would block the queue forever."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contract.protocol import EVENT_VERSIONS
from tests.sync.server.helpers import Till, sale_payload

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                max_size=4),
    max_leaves=12)
FIELDS = ["sale_uuid", "lines", "total_fen", "sku", "qty", "delta", "entry_uuid", "member_id",
          "points", "kind", "coupon_id", "phone", "tier", "birthday", "tenders", "name"]
BASES: list[dict[str, Any]] = [
    sale_payload(), {"sku": "010001", "delta": 1}, {"coupon_id": "C"},
    {"entry_uuid": "e", "member_id": "M", "kind": "earn", "points": 1},
    {"member_id": "M", "phone": "13800000000"}]


@st.composite
def payloads(draw: st.DrawFn) -> dict[str, Any]:
    base = dict(draw(st.sampled_from(BASES)))
    for key in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
        base[key] = draw(JSON)
    base.update(draw(st.dictionaries(st.text(max_size=8), JSON, max_size=2)))
    return base


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(st.tuples(st.sampled_from(sorted(EVENT_VERSIONS)), payloads()),
                      min_size=1, max_size=6))
def test_any_payload_is_applied_or_quarantined(till: Till,
                                               batch: list[tuple[str, dict[str, Any]]]) -> None:
    events = [till.event(type_, payload) for type_, payload in batch]
    answer = till.push(events)
    assert answer["status"] == "ok" and answer["cursor"] == till.seq
    assert answer["applied"] + len(answer["quarantined"]) + answer["duplicates"] == len(events)


def post(till: Till, path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    """POST ASCII JSON: lone surrogates travel as \\ud800 escapes, as any client may send."""
    return till.client.post(path, content=json.dumps(body), headers={
        **headers, "Content-Type": "application/json"})


def test_nul_characters_are_quarantined_not_a_server_error(till: Till) -> None:
    events = [till.event("odd\x00type", {}),
              till.event("stock.movement", {"sku": "a\x00", "delta": 1}),
              till.event("sale.voided", {"sale_uuid": "x\x00", "lines": [], "total_fen": 0})]
    answer = till.push(events)
    assert answer["cursor"] == 3 and len(answer["quarantined"]) == 3
    r = till.client.post("/v1/hello", json=till.body(app_version="v\x00"), headers=till.headers)
    assert r.status_code == 200


def test_lone_surrogates_are_quarantined_or_refused_never_a_server_error(till: Till) -> None:
    """(A till cannot even store such text in its outbox: SQLite refuses it too.)"""
    event = till.event("stock.movement", {"sku": "\ud800", "delta": 1})
    r = post(till, "/v1/push", till.body(events=[event]), till.headers)
    assert r.status_code == 200 and len(r.json()["quarantined"]) == 1
    event = till.event("odd\ud800type", {})
    assert post(till, "/v1/push", till.body(events=[event]), till.headers).status_code < 500
    r = post(till, "/v1/enroll", {"enrollment_code": "S001-\ud800AAAAAA", "terminal_code": "T9",
                                  "device_name": "\ud800"}, {"X-POS-Protocol": "1"})
    assert r.status_code in (401, 422)
    r = post(till, "/v1/hello", {**till.body(app_version="\ud800"), "\ud800": 1}, till.headers)
    assert r.status_code == 422

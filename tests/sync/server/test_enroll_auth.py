"""Enrollment, protocol negotiation and authentication: every refusal is a Problem."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from contract.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Problem
from sync.server.admin import revoke_terminal
from sync.server.auth import hash_secret
from sync.server.enroll import create_enrollment_code
from sync.server.tables import terminal
from tests.sync.server.helpers import Clock, Till, enroll_till

P = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


def problem(response: Any, status: int, code: str) -> Problem:
    assert response.status_code == status, response.text
    body = Problem.model_validate(response.json())
    assert body.code == code
    return body


def enroll(client: Any, code: str, terminal_code: str = "T01") -> Any:
    return client.post("/v1/enroll", headers=P,
                       json={"enrollment_code": code, "terminal_code": terminal_code})


def test_enrollment_gives_a_credential_the_server_keeps_only_hashed(
        client: Any, engine: Engine, clock: Clock, store_id: int) -> None:
    code = create_enrollment_code(engine, store_code="S001", now=clock())
    body = enroll(client, code.lower().replace("s001", "S001")).json()
    assert body["store_code"] == "S001" and body["store_name"] == "旗舰店"
    terminal_id, _, secret = body["credential"].partition(".")
    assert terminal_id == body["terminal_id"] and len(secret) >= 43  # 256 bits
    with engine.connect() as conn:
        stored = conn.execute(select(terminal.c.credential_hash)).scalar_one()
    assert stored == hash_secret(secret) and secret not in stored


def test_an_enrollment_code_works_once(client: Any, engine: Engine, clock: Clock,
                                       store_id: int) -> None:
    code = create_enrollment_code(engine, store_code="S001", now=clock())
    assert enroll(client, code).status_code == 200
    problem(enroll(client, code, "T02"), 401, "sync.enrollment_code_used")


def test_an_expired_or_unknown_enrollment_code_is_refused(
        client: Any, engine: Engine, clock: Clock, store_id: int) -> None:
    code = create_enrollment_code(engine, store_code="S001", now=clock(),
                                  ttl=timedelta(hours=1))
    clock.advance(hours=1, seconds=1)
    problem(enroll(client, code), 401, "sync.enrollment_code_expired")
    problem(enroll(client, "S001-AAAAAAAAAAAA"), 401, "sync.enrollment_code_invalid")
    problem(enroll(client, "NOPE-AAAAAAAAAAAA"), 401, "sync.enrollment_code_invalid")


def test_a_terminal_code_in_use_needs_revoking_before_enrolling_again(
        client: Any, engine: Engine, clock: Clock, till: Till) -> None:
    code = create_enrollment_code(engine, store_code="S001", now=clock())
    problem(enroll(client, code), 409, "sync.terminal_code_taken")
    revoke_terminal(engine, store_code="S001", terminal_code="T01", now=clock())
    again = enroll(client, code).json()  # the refused attempt did not spend the code
    assert again["terminal_id"] != till.terminal_id


@pytest.mark.parametrize(("header", "code"), [
    (None, "sync.protocol_outdated"), ("0", "sync.protocol_outdated"),
    ("abc", "sync.protocol_outdated"), (str(PROTOCOL_VERSION + 1), "sync.server_outdated")])
def test_the_protocol_version_is_checked_on_every_request(till: Till, header: str | None,
                                                          code: str) -> None:
    headers = {"Authorization": f"Bearer {till.credential}"}
    if header is not None:
        headers[PROTOCOL_HEADER] = header
    problem(till.client.post("/v1/hello", json=till.body(), headers=headers), 426, code)
    problem(till.client.get("/v1/pull/products", headers=headers), 426, code)


@pytest.mark.parametrize("authorization", [
    None, "Basic abc", "Bearer ", "Bearer nodot", "Bearer 1-ffff.secret",
    "Bearer x-ffff.secret"])
def test_a_missing_or_unknown_credential_is_refused(till: Till,
                                                   authorization: str | None) -> None:
    headers = dict(P)
    if authorization:
        headers["Authorization"] = authorization
    problem(till.client.post("/v1/hello", json=till.body(), headers=headers), 401,
            "sync.credential_invalid")


def test_a_wrong_secret_is_refused(till: Till) -> None:
    headers = {**P, "Authorization": f"Bearer {till.terminal_id}.wrong-secret"}
    problem(till.client.get("/v1/pull/store", headers=headers), 401, "sync.credential_invalid")


def test_a_revoked_credential_is_refused(till: Till, engine: Engine, clock: Clock) -> None:
    assert revoke_terminal(engine, store_code="S001", terminal_code="T01", now=clock()) == 1
    problem(till.client.post("/v1/hello", json=till.body(), headers=till.headers), 401,
            "sync.credential_revoked")


def test_the_body_must_name_the_credentials_store_and_terminal(till: Till) -> None:
    body = {**till.body(), "terminal_code": "T02"}
    problem(till.client.post("/v1/hello", json=body, headers=till.headers), 403,
            "sync.identity_mismatch")
    body = {**till.body(events=[till.sale()]), "store_code": "S002"}
    problem(till.client.post("/v1/push", json=body, headers=till.headers), 403,
            "sync.identity_mismatch")


def test_a_second_terminal_gets_its_own_credential(client: Any, engine: Engine, clock: Clock,
                                                   till: Till) -> None:
    other = enroll_till(client, engine, clock, store_code="S001", terminal_code="T02")
    assert other.credential != till.credential
    assert other.hello()["cursor"] == 0


def test_malformed_requests_and_unknown_routes_answer_problems(till: Till) -> None:
    problem(till.client.post("/v1/hello", content=b"{not json", headers=till.headers), 422,
            "sync.request_invalid")
    problem(till.client.post("/v1/hello", json={"store_code": "S001"}, headers=till.headers),
            422, "sync.request_invalid")
    problem(till.client.get("/v1/nothing", headers=till.headers), 404, "sync.not_found")
    huge = {**till.headers, "Content-Length": str(10**9)}
    problem(till.client.post("/v1/hello", content=b"{}", headers=huge), 413,
            "sync.request_too_large")


def test_the_openapi_schema_and_docs_are_served(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/v1/enroll", "/v1/hello", "/v1/push", "/v1/pull/{stream}", "/v1/verify"} <= set(
        schema["paths"])
    assert "Problem" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_api_docs_load_nothing_from_the_internet(client: Any, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "cdn" not in page.text.lower() and "http" not in page.text.lower()
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    kinds = {"js": "javascript", "css": "text/css", "png": "image/png"}
    assert urls and {u.rsplit(".", 1)[-1] for u in urls} <= set(kinds)
    for url in urls:
        assert url.startswith("/"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert kinds[url.rsplit(".", 1)[-1]] in asset.headers["content-type"], url
        assert len(asset.content) > 1000 or asset.content.startswith(b"\x89PNG"), url
    scripts = [u for u in urls if u.endswith(".js")]
    assert len(scripts) == 1


def test_the_swagger_ui_served_reads_the_openapi_version_of_the_schema(client: Any) -> None:
    """Swagger UI 4 refuses an OpenAPI 3.1 document ("Unable to render this definition"):
    the one served must know 3.1."""
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1.")
    [script] = re.findall(r'<script src="([^"]+)"', client.get("/docs").text)
    bundle = client.get(script).text
    assert "SwaggerUIBundle" in bundle and "isOAS31" in bundle

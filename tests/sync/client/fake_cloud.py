"""A small in-memory cloud speaking ``contract.protocol`` over ``httpx.MockTransport``: enough of
the real server's behaviour to test the terminal's client on its own (cursor, duplicates by
uuid whatever their seq, gaps, quarantine, pages with reset and refetch, verification), plus
faults: 5xx, connection errors, answers lost after the commit, requests delivered twice,
stale answers, a database restored to an earlier point.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from urllib.parse import parse_qs

import httpx

from contract.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    STREAMS,
    Ack,
    Change,
    EnrollRequest,
    EnrollResponse,
    HelloRequest,
    HelloResponse,
    Problem,
    PullPage,
    PushRequest,
    PushResponse,
    Quarantined,
    VerifyRequest,
    VerifyResponse,
)
from contract.summary import business_date, summarize

URL = "http://cloud.test"
TOKEN = "secret-credential-T01"


@dataclass
class Recorded:
    seq: int
    type: str
    payload: dict[str, Any]
    created_at: datetime
    status: str  # applied | quarantined


class FakeCloud:
    """One store (``store_code``) with one terminal (``terminal_code``)."""

    def __init__(self, *, store_code: str = "S001", terminal_code: str = "T01",
                 token: str = TOKEN, skew_s: float = 0.0, delay_s: float = 0.0) -> None:
        self.store_code = store_code
        self.terminal_code = terminal_code
        self.token = token
        self.skew = timedelta(seconds=skew_s)
        self.delay_s = delay_s
        self.cursor = 0
        self.events: dict[str, Recorded] = {}
        # stream → key → (seq, op, data)
        self.streams: dict[str, dict[str, tuple[int, Literal["upsert", "delete"],
                                                dict[str, Any] | None]]] = {
            s: {} for s in STREAMS}
        self.stream_seq = dict.fromkeys(STREAMS, 0)
        self.refetch: dict[str, int | None] = {}
        self.faults: list[tuple[str, str]] = []  # (path prefix, kind), used once each
        self.requests: list[tuple[str, str, Any]] = []
        self.enroll_codes: dict[str, str] = {}  # code → store name
        self.rejected: list[tuple[str, str, str]] = []  # (stream, key, reason) told
        self.used_codes: set[str] = set()
        self.poison: Callable[[dict[str, Any]], bool] = lambda p: bool(p.get("poison"))
        self._lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0

    # ---- set-up and inspection ---------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def put(self, stream: str, key: str, data: dict[str, Any]) -> int:
        """An upsert in a stream (a new change seq)."""
        self.stream_seq[stream] += 1
        self.streams[stream][key] = (self.stream_seq[stream], "upsert", data)
        return self.stream_seq[stream]

    def delete(self, stream: str, key: str) -> int:
        """A tombstone."""
        self.stream_seq[stream] += 1
        self.streams[stream][key] = (self.stream_seq[stream], "delete", None)
        return self.stream_seq[stream]

    def fail(self, path: str, kind: str, times: int = 1) -> None:
        """The next ``times`` requests to ``path`` fail with ``kind``: "500", "503",
        "connect", "lost_answer" (applied, then the answer is lost), "twice" (delivered
        twice), "stale" (the answer of before), "outdated" (426 Problem), "problem"."""
        self.faults += [(path, kind)] * times

    def restore(self, cursor: int) -> None:
        """The cloud's database goes back to when its cursor was ``cursor``."""
        self.events = {u: e for u, e in self.events.items() if e.seq <= cursor}
        self.cursor = cursor

    def lose(self, seq: int) -> None:
        """One recorded event vanishes but the cursor stays (verification must catch it)."""
        self.events = {u: e for u, e in self.events.items() if e.seq != seq}

    def paths(self, prefix: str = "") -> list[str]:
        return [p for _, p, _ in self.requests if p.startswith(prefix)]

    def pushed_batches(self) -> list[list[int]]:
        return [[e["seq"] for e in body["events"]] for _, p, body in self.requests
                if p == "/v1/push"]

    # ---- HTTP ----------------------------------------------------------------------------

    def now(self) -> datetime:
        return datetime.now(UTC) + self.skew

    def handle(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay_s:
                time.sleep(self.delay_s)
            return self._handle(request)
        finally:
            with self._lock:
                self.in_flight -= 1

    def _fault(self, path: str) -> str | None:
        for i, (prefix, kind) in enumerate(self.faults):
            if path.startswith(prefix):
                del self.faults[i]
                return kind
        return None

    def _handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        body = json.loads(request.content) if request.content else None
        self.requests.append((request.method, path, body))
        fault = self._fault(path)
        if fault == "connect":
            raise httpx.ConnectError("connection refused", request=request)
        if fault in ("500", "503"):
            return _problem(int(fault), "sync.server_busy", "try again")
        if fault == "outdated":
            return _problem(426, "sync.protocol_outdated", "update the till", min_version=2)
        if fault == "problem":
            return _problem(400, "sync.something_new", "a refusal the till does not know")
        if request.headers.get(PROTOCOL_HEADER) != str(PROTOCOL_VERSION):
            return _problem(426, "sync.protocol_outdated", "protocol header missing")
        if path == "/v1/enroll":
            return self._enroll(body)
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return _problem(401, "sync.credential_invalid", "who are you")
        if path == "/v1/hello":
            return self._hello(body)
        if path == "/v1/push":
            before = self._snapshot()
            answer = self._push(body)
            if fault == "twice":
                answer = self._push(body)
            if fault == "stale":
                return _json(200, before)
            if fault == "lost_answer":
                raise httpx.ReadTimeout("the answer was lost", request=request)
            return answer
        if path.startswith("/v1/pull/") and path.endswith("/rejected"):
            assert body is not None
            self.rejected.append((path.split("/")[3], body["key"], body["reason"]))
            return _json(200, Ack())
        if path.startswith("/v1/pull/"):
            answer = self._pull(path.rsplit("/", 1)[1], parse_qs(request.url.query.decode()))
            if fault == "lost_answer":
                raise httpx.ReadTimeout("the answer was lost", request=request)
            return answer
        if path == "/v1/verify":
            return self._verify(body)
        return _problem(404, "sync.not_found", path)

    def _check(self, store_code: str, terminal_code: str) -> httpx.Response | None:
        if (store_code, terminal_code) != (self.store_code, self.terminal_code):
            return _problem(403, "sync.identity_mismatch", "not your store")
        return None

    def _enroll(self, body: Any) -> httpx.Response:
        req = EnrollRequest.model_validate(body)
        if req.enrollment_code in self.used_codes:
            return _problem(401, "sync.enrollment_code_used", "this code was used")
        name = self.enroll_codes.pop(req.enrollment_code, None)
        if name is None:
            return _problem(401, "sync.enrollment_code_invalid", "unknown code")
        self.used_codes.add(req.enrollment_code)
        return _json(200, EnrollResponse(
            store_code=self.store_code, store_name=name, terminal_code=req.terminal_code,
            terminal_id=f"{self.store_code}-{req.terminal_code}", credential=self.token))

    def _hello(self, body: Any) -> httpx.Response:
        req = HelloRequest.model_validate(body)
        refused = self._check(req.store_code, req.terminal_code)
        if refused is not None:
            return refused
        now = self.now()
        return _json(200, HelloResponse(
            cursor=self.cursor, server_time=now,
            clock_skew_s=(now - req.sent_at).total_seconds(), refetch=sorted(self.refetch)))

    def _snapshot(self) -> PushResponse:
        return PushResponse(status="ok", cursor=self.cursor, expected_seq=self.cursor + 1,
                            server_time=self.now(), clock_skew_s=0.0)

    def _push(self, body: Any) -> httpx.Response:
        req = PushRequest.model_validate(body)
        refused = self._check(req.store_code, req.terminal_code)
        if refused is not None:
            return refused
        now = self.now()
        skew = (now - req.sent_at).total_seconds()
        if req.events[0].seq > self.cursor + 1:
            return _json(200, PushResponse(status="gap", cursor=self.cursor,
                                           expected_seq=self.cursor + 1, server_time=now,
                                           clock_skew_s=skew))
        applied = duplicates = 0
        quarantined: list[Quarantined] = []
        for e in req.events:
            uuid = str(e.event_uuid)
            # As the cloud does: a quarantined event pushed again (repaired) is checked again.
            if uuid in self.events and self.events[uuid].status != "quarantined":
                duplicates += 1
                continue
            status = "quarantined" if self.poison(e.payload) else "applied"
            self.events[uuid] = Recorded(e.seq, e.type, e.payload, e.created_at, status)
            if status == "applied":
                applied += 1
            else:
                quarantined.append(Quarantined(event_uuid=e.event_uuid, seq=e.seq,
                                               reason="sync.payload_invalid"))
        self.cursor = max(self.cursor, req.events[-1].seq)
        return _json(200, PushResponse(
            status="ok", cursor=self.cursor, expected_seq=self.cursor + 1, applied=applied,
            duplicates=duplicates, quarantined=quarantined, server_time=now,
            clock_skew_s=skew))

    def _pull(self, stream: str, query: dict[str, list[str]]) -> httpx.Response:
        if stream not in self.streams:
            return _problem(404, "sync.stream_unknown", stream)
        after = int(query.get("after", ["0"])[0])
        limit = int(query.get("limit", ["100"])[0])
        reset = False
        if stream in self.refetch:
            if self.refetch[stream] is not None and after == self.refetch[stream]:
                del self.refetch[stream]
            else:
                reset, after = True, 0
        rows = sorted((seq, key, op, data) for key, (seq, op, data)
                      in self.streams[stream].items() if seq > after)
        page = rows[:limit]
        changes = [Change(seq=seq, key=key, op=op, data=data)
                   for seq, key, op, data in page]
        next_after = page[-1][0] if page else after
        if reset:
            self.refetch[stream] = next_after
        return _json(200, PullPage(
            stream=stream,  # type: ignore[arg-type]  # one of STREAMS: checked above
            changes=changes, next_after=next_after, has_more=len(rows) > limit,
            reset=reset, total=len(rows)))

    def summaries(self) -> dict[str, Any]:
        return {d.business_date: d for d in summarize(
            (e.type, e.created_at, e.payload) for e in self.events.values())}

    def _verify(self, body: Any) -> httpx.Response:
        req = VerifyRequest.model_validate(body)
        ours = self.summaries()
        mismatched = [d.business_date for d in req.days if ours.get(d.business_date) != d]
        return _json(200, VerifyResponse(mismatched=mismatched, cursor=self.cursor,
                                         server_days=[ours[k] for k in sorted(ours)]))


def _json(status: int, model: Any) -> httpx.Response:
    return httpx.Response(status, json=model.model_dump(mode="json"))


def _problem(status: int, code: str, message: str, **data: Any) -> httpx.Response:
    return _json(status, Problem(code=code, message=message, data=data))


def business_dates(cloud: FakeCloud) -> set[str]:
    return {business_date(e.created_at) for e in cloud.events.values()}


Handler = Callable[[httpx.Request], httpx.Response]

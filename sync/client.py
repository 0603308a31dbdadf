"""The terminal's sync client (no Qt): one sync is hello → push → pull → verify (see
``contract.protocol``), one at a time per terminal.

Nothing is lost or counted twice whatever the network does:

- every request may be retried (connection errors, timeouts, 5xx, with exponential backoff
  and jitter): a push is recognised by its events' uuids, so a retry after a lost answer, a
  server restarted mid-batch or an answer that arrives twice only yields duplicates;
- events are acknowledged from the cloud's cursor, and only those of the batch just sent
  (events of a re-pushed day may sit below the cursor unsent yet);
- a cursor below our high-water mark (the cloud lost data) or a gap makes events pending
  again; a pulled page is applied together with its cursor (``LocalStore.apply_page``).

The local side is a ``LocalStore`` (``pos_app.store.sync_local.TerminalSyncStore`` on the
terminal's SQLite database); the decisions are pure functions (``plan_hello``,
``plan_push``, ``verify_since``) tested without HTTP. Those, the errors and the report live in
``sync.client_plan``, the pull in ``sync.client_pull``; both are importable from here.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError
from tenacity import (
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from contract.errors import ChangeRejected, SyncError
from contract.protocol import (
    MAX_BATCH,
    MAX_PAGE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    EnrollRequest,
    EnrollResponse,
    HelloRequest,
    HelloResponse,
    Problem,
    PushRequest,
    PushResponse,
    VerifyRequest,
    VerifyResponse,
)
from pos_app.core.clock import default_now
from sync.client_plan import (
    CLIENT_KEYS,
    KNOWN_PROBLEMS,
    STUCK_ROUNDS,
    HelloPlan,
    LocalStore,
    Progress,
    PushStep,
    RetryPolicy,
    SyncOffline,
    SyncRefused,
    SyncReport,
    plan_hello,
    plan_push,
    refused,
    verify_since,
)
from sync.client_pull import PullSteps

__all__ = [
    "CLIENT_KEYS", "KNOWN_PROBLEMS", "STUCK_ROUNDS", "ChangeRejected", "HelloPlan",
    "LocalStore", "Progress", "PushStep", "RetryPolicy", "SyncClient", "SyncError",
    "SyncOffline", "SyncRefused", "SyncReport", "enroll", "plan_hello", "plan_push",
    "refused", "verify_since",
]

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)



class _Retry(Exception):
    """A transient server answer (5xx, 429): worth another try."""

    def __init__(self, status: int, code: str) -> None:
        super().__init__(status, code)
        self.status = status
        self.code = code


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, httpx.TransportError | _Retry)


# ---- enrollment ----------------------------------------------------------------------------


def _headers(token: str | None = None) -> dict[str, str]:
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def _problem(response: httpx.Response) -> Problem | None:
    try:
        return Problem.model_validate(response.json())
    except (ValueError, ValidationError):
        return None


def _refusal(response: httpx.Response) -> SyncRefused:
    problem = _problem(response) or Problem(
        code="sync.http_error", message=f"HTTP {response.status_code}")
    return refused(response.status_code, problem)


def enroll(url: str, request: EnrollRequest, *, transport: httpx.BaseTransport | None = None,
           timeout_s: float = 15.0) -> EnrollResponse:
    """Present a one-time enrollment code (``POST /v1/enroll``). Only a request that never
    left is retried: the code is spent once the cloud has seen it."""
    try:
        with httpx.Client(base_url=url.rstrip("/"), timeout=timeout_s, transport=transport,
                          headers=_headers()) as http:
            for attempt in range(3):
                try:
                    response = http.post("/v1/enroll", json=request.model_dump(mode="json"))
                    break
                except httpx.ConnectError:
                    if attempt == 2:
                        raise
                    time.sleep(0.5 * (attempt + 1))
    except httpx.TransportError as exc:
        raise SyncOffline("sync.offline", url=url, detail=type(exc).__name__) from None
    if response.status_code >= 500:
        problem = _problem(response)
        raise SyncOffline("sync.server_unavailable", status=response.status_code,
                          problem=problem.code if problem else "")
    if response.status_code >= 400:
        raise _refusal(response)
    try:
        return EnrollResponse.model_validate(response.json())
    except (ValueError, ValidationError):
        raise SyncError("sync.bad_response", what="enroll") from None


# ---- the client ------------------------------------------------------------------------------


class SyncClient(PullSteps):
    """Syncs one terminal with the cloud; ``sync_once()`` runs hello, push, pull, verify.

    Give ``store`` (a ``LocalStore``) or ``engine`` (the terminal's SQLite engine, wrapped in
    ``pos_app.store.sync_local.TerminalSyncStore``). ``page`` changes are asked for per pull
    request, ``initial_page`` (at least ``page``) while a stream is pulled from the start
    (a fresh till, a reset). ``transport`` swaps the HTTP transport
    (tests); ``clock`` and ``sleep`` are injected for exact tests.
    """

    def __init__(
        self, *, base_url: str, credential: str, store_code: str, terminal_code: str,
        engine: Any = None, store: LocalStore | None = None, batch: int = MAX_BATCH,
        page: int = 1000, initial_page: int | None = None, keep_acked_days: int = 30,
        verify_every_s: float = 600.0,
        timeout_s: float = 10.0, retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], datetime] = default_now, sleep: Callable[[float], None] = time.sleep,
        app_version: str = "",
    ) -> None:
        if store is None:
            if engine is None:
                raise ValueError("give the terminal's store or engine")
            from pos_app.store.sync_local import TerminalSyncStore

            store = TerminalSyncStore(engine=engine, terminal_code=terminal_code, clock=clock)
        self.store = store
        self.base_url = base_url.rstrip("/")
        self.store_code = store_code
        self.terminal_code = terminal_code
        self.batch = max(1, min(batch, MAX_BATCH))
        self.page = max(1, min(page, MAX_PAGE))
        # A stream pulled from the start (a fresh till, a reset): fewer, bigger pages.
        self.initial_page = max(self.page, min(initial_page or self.page, MAX_PAGE))
        self.keep_acked_days = keep_acked_days
        self.verify_every_s = verify_every_s
        self.retry = retry or RetryPolicy()
        self.app_version = app_version
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._last_verify: float | None = None
        self._last_mismatched: frozenset[str] = frozenset()
        self._http = httpx.Client(
            base_url=self.base_url, transport=transport, headers=_headers(credential),
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0)))

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---- HTTP ----------------------------------------------------------------------------

    def _send(self, method: str, path: str, model: type[M], *, body: BaseModel | None = None,
              params: dict[str, Any] | None = None, ok: tuple[int, ...] = (200,)) -> M:
        """One request with retries; the answer validated as ``model``."""
        policy = self.retry
        retrying = Retrying(
            stop=stop_after_attempt(max(1, policy.attempts)),
            wait=(wait_exponential(multiplier=policy.initial_s, max=policy.max_s)
                  + wait_random(0, policy.jitter_s)),
            retry=retry_if_exception(_retryable), sleep=self._sleep, reraise=True)
        payload = body.model_dump(mode="json") if body is not None else None
        try:
            for attempt in retrying:
                with attempt:
                    response = self._http.request(method, path, json=payload, params=params)
                    if response.status_code >= 500 or response.status_code == 429:
                        problem = _problem(response)
                        log.info("sync: %s %s answered %s; retrying", method, path,
                                 response.status_code)
                        raise _Retry(response.status_code, problem.code if problem else "")
        except httpx.TransportError as exc:
            raise SyncOffline("sync.offline", url=self.base_url,
                              detail=type(exc).__name__) from None
        except _Retry as exc:
            raise SyncOffline("sync.server_unavailable", status=exc.status,
                              problem=exc.code) from None
        if response.status_code not in ok:
            raise _refusal(response)
        try:
            # Parsed and checked in one pass by pydantic's own JSON reader (a pull page of
            # 5,000 products: about half the time of json.loads and then model_validate).
            return model.model_validate_json(response.content)
        except (ValueError, ValidationError):
            log.warning("sync: %s %s answered what the protocol does not allow", method, path)
            raise SyncError("sync.bad_response", what=path) from None

    # ---- the steps -----------------------------------------------------------------------

    def hello(self, report: SyncReport) -> HelloResponse:
        """Step 1: the cloud's cursor; events above it are made pending again when it lies
        below our high-water mark."""
        # ``last_seq``: the cloud shows how far behind it we are (its status page's backlog).
        answer = self._send("POST", "/v1/hello", HelloResponse, body=HelloRequest(
            store_code=self.store_code, terminal_code=self.terminal_code,
            sent_at=self._clock(), app_version=self.app_version),
            params={"last_seq": self.store.last_seq()})
        report.server_cursor, report.clock_skew_s = answer.cursor, answer.clock_skew_s
        self.store.note_server(cursor=answer.cursor, clock_skew_s=answer.clock_skew_s)
        plan = plan_hello(cursor=answer.cursor, acked_seq=self.store.acked_seq(),
                          last_seq=self.store.last_seq())
        if plan.unack_above is not None:
            n = self.store.unack_above(plan.unack_above)
            report.unacked += n
            log.warning("sync: the cloud's cursor %s is below our acknowledged events; %s "
                        "events will be pushed again", answer.cursor, n)
        if answer.refetch:
            log.info("sync: the cloud asks to pull %s again from the start",
                     ", ".join(answer.refetch))
        if plan.cloud_ahead:
            log.warning("sync: the cloud's cursor %s is above this terminal's last event %s",
                        answer.cursor, self.store.last_seq())
        return answer

    def push(self, report: SyncReport) -> None:
        """Step 2: push pending events, oldest first, until none is left."""
        stuck = 0
        while True:
            batch = self.store.pending_batch(self.batch)
            if not batch:
                return
            first, last = batch[0].seq, batch[-1].seq
            answer = self._send("POST", "/v1/push", PushResponse, ok=(200, 409),
                                body=PushRequest(store_code=self.store_code,
                                                 terminal_code=self.terminal_code,
                                                 sent_at=self._clock(), events=batch))
            # Within a sync the cursor only grows: a lower one is a stale or doubled answer
            # (the stock view takes this cursor as what the cloud's balances hold).
            if answer.status == "gap" or answer.cursor >= report.server_cursor:
                report.server_cursor = answer.cursor
            report.clock_skew_s = answer.clock_skew_s
            self.store.note_server(cursor=report.server_cursor,
                                   clock_skew_s=answer.clock_skew_s)
            step = plan_push(first_seq=first, last_seq=last, answer=answer)
            acked = 0
            if step.ack_last >= step.ack_first:
                acked = self.store.ack(step.ack_first, step.ack_last,
                                       {str(q.event_uuid): q.reason
                                        for q in answer.quarantined})
            report.acked += acked
            report.applied += answer.applied
            report.duplicates += answer.duplicates
            report.quarantined += len(answer.quarantined)
            unacked = 0
            if step.unack_above is not None:
                report.gaps += 1
                unacked = self.store.unack_above(step.unack_above)
                report.unacked += unacked
                resume = self.store.pending_batch(1)
                if not resume or resume[0].seq != step.expect_first:
                    raise SyncError("sync.events_missing", first=step.expect_first,
                                    last=first - 1)
            stuck = 0 if acked or unacked else stuck + 1
            if stuck >= STUCK_ROUNDS:
                raise SyncError("sync.push_stuck", seq=first, cursor=answer.cursor)

    def verify(self, report: SyncReport) -> None:
        """Step 4: compare per-day summaries; push the days that differ again."""
        since = verify_since(self._clock().date(), self.keep_acked_days)
        days = self.store.day_summaries(since)
        report.verified = True
        self._last_verify = time.monotonic()
        if not days:
            self._last_mismatched = frozenset()
            return
        answer = self._send("POST", "/v1/verify", VerifyResponse, body=VerifyRequest(
            store_code=self.store_code, terminal_code=self.terminal_code, days=days))
        ours = {d.business_date for d in days}
        mismatched = sorted(set(answer.mismatched) & ours)
        report.mismatched = mismatched
        report.still_mismatched = sorted(self._last_mismatched & set(mismatched))
        self._last_mismatched = frozenset(mismatched)
        if mismatched:
            log.warning("sync: the cloud's days %s differ from ours; pushing them again",
                        ", ".join(mismatched))
            report.repushed += self.store.unack_dates(mismatched)
            self.push(report)
        report.pruned += self.store.prune(since)

    def _verify_due(self, report: SyncReport) -> bool:
        return (self._last_verify is None or report.unacked > 0
                or time.monotonic() - self._last_verify >= self.verify_every_s)

    def sync_once(self, *, progress: Progress | None = None,
                  verify: bool | None = None) -> SyncReport:
        """One whole sync; waits while another runs (one at a time per terminal). Raises a
        ``SyncError`` (``SyncOffline``, ``SyncRefused``) when it cannot finish; whatever it
        did until then is saved. ``verify``: None = when due (``verify_every_s``)."""
        with self._lock:
            report = SyncReport(started_at=self._clock())
            self.hello(report)
            self.push(report)
            self.pull(report, progress=progress)
            if verify if verify is not None else self._verify_due(report):
                self.verify(report)
            report.finished_at = self._clock()
            return report

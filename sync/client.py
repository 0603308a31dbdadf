"""The terminal's sync client (no Qt): one sync is hello → push → pull → verify (see
``sync.protocol``), one at a time per terminal.

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
``plan_push``, ``verify_since``) tested without HTTP.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol, TypeVar

import httpx
from pydantic import BaseModel, ValidationError
from tenacity import (
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from pos_app.core.errors import PosError
from sync.protocol import (
    MAX_BATCH,
    MAX_PAGE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    STREAMS,
    DaySummary,
    EnrollRequest,
    EnrollResponse,
    HelloRequest,
    HelloResponse,
    OutEvent,
    Problem,
    PullPage,
    PushRequest,
    PushResponse,
    VerifyRequest,
    VerifyResponse,
)

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
Progress = Callable[[str, int, int | None], None]  # (stream, changes done, total if known)

# Problem codes the terminal tells in its own words (pos_app.ui.messages); any other code
# arrives as ``sync.problem`` with the cloud's English message.
KNOWN_PROBLEMS = frozenset({
    "sync.protocol_outdated", "sync.server_outdated", "sync.credential_invalid",
    "sync.credential_revoked", "sync.identity_mismatch", "sync.event_version_unknown",
    "sync.request_invalid", "sync.request_too_large", "sync.not_found",
    "sync.enrollment_code_invalid", "sync.enrollment_code_used", "sync.enrollment_code_expired",
    "sync.terminal_code_taken",
})
# What the client itself may say (every key has a message; a test checks).
CLIENT_KEYS = frozenset({
    "sync.offline", "sync.server_unavailable", "sync.bad_response", "sync.push_stuck",
    "sync.events_missing", "sync.verify_mismatch", "sync.problem", "sync.changes_skipped",
    "sync.not_enrolled", "sync.credential_file",
})
STUCK_ROUNDS = 3


def _now() -> datetime:
    return datetime.now().astimezone()


# ---- errors ------------------------------------------------------------------------------


class SyncError(PosError):
    """A sync that could not finish; ``key`` (``sync.*``) and ``data`` say why in words."""


class SyncOffline(SyncError):
    """The cloud could not be reached (network, timeouts, 5xx after the retries)."""


class SyncRefused(SyncError):
    """The cloud refused a request (a 4xx ``Problem``); ``code`` is the Problem's code."""

    code: str
    status: int

    def __init__(self, key: str, *, code: str, status: int, **data: object) -> None:
        super().__init__(key, **data)
        self.code = code
        self.status = status


def refused(status: int, problem: Problem) -> SyncRefused:
    """The error for a Problem answer: known codes keep their key, others become
    ``sync.problem`` (with the code and the cloud's English message)."""
    data = {k: v for k, v in problem.data.items() if isinstance(k, str) and k.isidentifier()}
    if problem.code in KNOWN_PROBLEMS:
        return SyncRefused(problem.code, code=problem.code, status=status, **data)
    return SyncRefused("sync.problem", code=problem.code, status=status,
                       problem=problem.code, message=problem.message)


class _Retry(Exception):
    """A transient server answer (5xx, 429): worth another try."""

    def __init__(self, status: int, code: str) -> None:
        super().__init__(status, code)
        self.status = status
        self.code = code


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, httpx.TransportError | _Retry)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Attempts per request and the exponential backoff (with jitter) between them."""

    attempts: int = 4
    initial_s: float = 0.5
    max_s: float = 8.0
    jitter_s: float = 0.5


# ---- the local side ------------------------------------------------------------------------


class LocalStore(Protocol):
    """What the client needs of the terminal's database."""

    def pending_batch(self, limit: int) -> list[OutEvent]:
        """The oldest unacknowledged events, consecutive seqs."""
        ...

    def ack(self, first_seq: int, last_seq: int, quarantined: Sequence[str]) -> int:
        """Acknowledge events with first_seq <= seq <= last_seq; returns how many."""
        ...

    def unack_above(self, seq: int) -> int:
        """Every event above ``seq`` is pending again; returns how many changed."""
        ...

    def unack_dates(self, dates: Sequence[str]) -> int:
        """The events of these business dates are pending again."""
        ...

    def acked_seq(self) -> int:
        """The highest seq the cloud has acknowledged."""
        ...

    def last_seq(self) -> int:
        """The newest seq written."""
        ...

    def cursors(self) -> dict[str, int]:
        """stream → pull cursor."""
        ...

    def apply_page(self, page: PullPage, *, reset: bool, basis_seq: int,
                   progress: Callable[[int], None] | None) -> tuple[int, Sequence[tuple[str, str]]]:
        """Apply a page with its cursor; (changes applied, (key, reason) skipped)."""
        ...

    def day_summaries(self, since: str) -> list[DaySummary]:
        """Summaries of acknowledged events of business dates >= since."""
        ...

    def prune(self, before: str) -> int:
        """Delete acknowledged events of business dates before ``before``."""
        ...

    def note_server(self, *, cursor: int, clock_skew_s: float) -> None:
        """Remember the cloud's cursor for this terminal and the clock skew."""
        ...


# ---- pure decisions ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HelloPlan:
    """What hello's cursor means: events to make pending again, and whether the cloud has
    more than this terminal ever wrote (its database was replaced; logged)."""

    unack_above: int | None
    cloud_ahead: bool


def plan_hello(*, cursor: int, acked_seq: int, last_seq: int) -> HelloPlan:
    """A cursor below the high-water mark: the cloud lost what lies above it."""
    return HelloPlan(unack_above=cursor if cursor < acked_seq else None,
                     cloud_ahead=cursor > last_seq)


@dataclass(frozen=True, slots=True)
class PushStep:
    """What to do with a push answer: acknowledge ``ack_first..ack_last`` (empty when
    last < first); on a gap make everything above ``unack_above`` pending again, after which
    the next batch must start at ``expect_first``."""

    ack_first: int
    ack_last: int
    unack_above: int | None = None
    expect_first: int | None = None


def plan_push(*, first_seq: int, last_seq: int, answer: PushResponse) -> PushStep:
    """The step for an answer to the batch ``first_seq..last_seq``."""
    step = PushStep(ack_first=first_seq, ack_last=min(last_seq, answer.cursor))
    if answer.status == "gap" and answer.expected_seq < first_seq:
        return PushStep(step.ack_first, step.ack_last, unack_above=answer.cursor,
                        expect_first=answer.expected_seq)
    return step


def verify_since(today: date, keep_days: int) -> str:
    """The first business date verified (and kept): ``keep_days`` days back, at most 400."""
    return (today - timedelta(days=min(max(keep_days, 1), 400) - 1)).isoformat()


# ---- the report ----------------------------------------------------------------------------


@dataclass(slots=True)
class SyncReport:
    """What one sync did."""

    started_at: datetime
    finished_at: datetime | None = None
    server_cursor: int = 0
    clock_skew_s: float = 0.0
    applied: int = 0
    duplicates: int = 0
    quarantined: int = 0
    acked: int = 0
    unacked: int = 0  # made pending again (cursor below the high-water mark, gaps)
    gaps: int = 0
    pulled: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    resets: list[str] = field(default_factory=list)
    verified: bool = False
    mismatched: list[str] = field(default_factory=list)
    still_mismatched: list[str] = field(default_factory=list)  # twice in a row
    repushed: int = 0
    pruned: int = 0

    @property
    def changed_streams(self) -> frozenset[str]:
        """Streams whose local copy changed (reload what depends on them)."""
        return frozenset([s for s, n in self.pulled.items() if n] + self.resets)


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


class SyncClient:
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
        clock: Callable[[], datetime] = _now, sleep: Callable[[float], None] = time.sleep,
        app_version: str = "",
    ) -> None:
        if store is None:
            if engine is None:
                raise ValueError("give the terminal's store or engine")
            from pos_app.store.sync_local import TerminalSyncStore

            store = TerminalSyncStore(engine=engine, terminal_code=terminal_code)
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
            return model.model_validate(response.json())
        except (ValueError, ValidationError):
            log.warning("sync: %s %s answered what the protocol does not allow", method, path)
            raise SyncError("sync.bad_response", what=path) from None

    # ---- the steps -----------------------------------------------------------------------

    def hello(self, report: SyncReport) -> HelloResponse:
        """Step 1: the cloud's cursor; events above it are made pending again when it lies
        below our high-water mark."""
        answer = self._send("POST", "/v1/hello", HelloResponse, body=HelloRequest(
            store_code=self.store_code, terminal_code=self.terminal_code,
            sent_at=self._clock(), app_version=self.app_version))
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
                                       [str(q.event_uuid) for q in answer.quarantined])
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

    def _pull_page(self, stream: str, after: int, limit: int) -> PullPage:
        page = self._send("GET", f"/v1/pull/{stream}", PullPage,
                          params={"after": after, "limit": limit})
        if page.stream != stream or (page.has_more and not page.changes):
            raise SyncError("sync.bad_response", what=f"/v1/pull/{stream}")
        return page

    def pull(self, report: SyncReport, *, progress: Progress | None = None) -> None:
        """Step 3: every stream in order, page by page until the cloud has no more. A stream
        hello lists as ``refetch`` is pulled from our cursor as usual: the cloud answers it
        from the start with ``reset`` until we ask from the reset page's cursor (proof that
        it was applied), so a lost answer never leaves a half-reset copy behind.

        The next page is fetched (on one background thread) while a page is applied, never
        after a reset page (asking from its cursor tells the cloud it was applied) nor after
        the last one; the cursor saved is always the applied page's, and a failed fetch
        fails the pull when its page is due."""
        cursors = self.store.cursors()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as pool:
            for stream in STREAMS:
                self._pull_stream(stream, cursors.get(stream, 0), report, progress, pool)

    def _pull_stream(self, stream: str, after: int, report: SyncReport,
                     progress: Progress | None, pool: ThreadPoolExecutor) -> None:
        done = 0
        total: int | None = None
        from_start = after == 0
        report.pulled.setdefault(stream, 0)
        ahead: Future[PullPage] | None = None
        try:
            while True:
                if ahead is not None:
                    page, ahead = ahead.result(), None
                else:
                    page = self._pull_page(stream, after,
                                           self.initial_page if from_start else self.page)
                reset = page.reset
                from_start = from_start or reset
                if page.has_more and not reset:
                    ahead = pool.submit(self._pull_page, stream, page.next_after,
                                        self.initial_page if from_start else self.page)
                # The cloud counts what is left on a stream's first page only (a count per
                # page would cost it a scan each time): the total holds for the pages after.
                if page.total is not None:
                    total = done + page.total
                base = done

                def tell(n: int, base: int = base, total: int | None = total,
                         stream: str = stream) -> None:
                    if progress is not None:  # changes made meanwhile may come on top
                        progress(stream, base + n,
                                 None if total is None else max(total, base + n))

                applied, skipped = self.store.apply_page(
                    page, reset=reset, basis_seq=report.server_cursor, progress=tell)
                if reset:
                    report.resets.append(stream)
                report.pulled[stream] += applied
                if skipped:
                    report.skipped.setdefault(stream, []).extend(skipped)
                done += len(page.changes)
                after = page.next_after
                if not page.has_more:
                    break
        finally:
            if ahead is not None:  # the pull failed meanwhile: the fetch is not needed
                ahead.cancel()
                with contextlib.suppress(Exception):
                    ahead.result()
        if progress is not None:
            progress(stream, done, done)

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

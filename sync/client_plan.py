"""The sync client's pure side (no HTTP, no Qt): its errors (``SyncError`` and
``ChangeRejected`` come from ``contract.errors``: the till's store raises them too) and retry
policy, what it needs of the terminal's database (``LocalStore``), the decisions
(``plan_hello``, ``plan_push``, ``verify_since``) and the report of one sync.
``sync.client`` re-exports every name here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from contract.errors import ChangeRejected, SyncError
from contract.protocol import DaySummary, OutEvent, Problem, PullPage, PushResponse

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
    "sync.events_missing", "sync.verify_mismatch", "sync.problem", "sync.change_rejected",
    "sync.not_enrolled", "sync.credential_file",
})
STUCK_ROUNDS = 3


# ---- errors ------------------------------------------------------------------------------


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

    def ack(self, first_seq: int, last_seq: int, quarantined: Mapping[str, str]) -> int:
        """Acknowledge events with first_seq <= seq <= last_seq, recording the quarantined
        ones (event uuid → the cloud's reason) as such; returns how many."""
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

    def prepare_page(self, page: PullPage) -> object:
        """What applying ``page`` needs that needs no database (validation, search text),
        worked out on the thread that fetched it; given back to ``apply_page``."""
        ...

    def apply_page(self, page: PullPage, *, reset: bool, basis_seq: int,
                   progress: Callable[[int], None] | None,
                   prepared: object | None = None) -> int:
        """Apply a page with its cursor; the changes applied. ``ChangeRejected`` when one
        of them cannot be applied (nothing after the cursor before it is kept).
        ``prepared``: ``prepare_page``'s result for this page, if it was called."""
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
    rejected: dict[str, ChangeRejected] = field(default_factory=dict)  # streams stopped
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

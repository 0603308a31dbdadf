"""Fault rules for ``FaultProxy``: what to break, which requests it matches, when it retires.

Rules are tried in the order they were added; the first that *fires* decides what happens
to the request. A rule matches by method and path prefix (the path without the query);
``skip`` lets its first matches through, ``probability`` draws from the proxy's seeded
``random.Random`` (only rules with ``probability < 1`` draw, so a run is reproducible from
its seed when the requests arrive in the same order), ``times`` retires it after it fired
that often and ``for_s`` after that many seconds from ``add_rule``. A request no rule fires
for is forwarded untouched (action ``"pass"``).

Actions (``FaultRule.action``):

- ``drop_request``: close the client connection without forwarding (``rst=True``: reset).
- ``drop_response``: forward, let the upstream answer (it committed), then close the client
  connection without replying (``rst=True``: reset) — the client sees a connection error.
- ``delay_request`` / ``delay_response``: wait ``delay_ms`` before forwarding / before
  answering the client.
- ``error``: answer ``status`` (default 503) without forwarding; combine with ``times`` or
  ``for_s`` for "the server answers 5xx for a while".
- ``duplicate``: deliver the request upstream ``copies`` times (one after another, or all at
  once with ``concurrent=True``) and answer the client with the ``first`` or ``last`` answer
  (in completion order).
- ``reset``: hold the connection ``hold_ms`` without forwarding, then reset it (TCP RST).
- ``pass``: forward untouched (to count or log matching requests).

Also the records of what the proxy did (``LogEntry`` per request, ``ProxyStats`` totals).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

__all__ = [
    "ACTIONS",
    "Action",
    "FaultRule",
    "LogEntry",
    "ProxyStats",
    "RuleControl",
    "RuleState",
    "decide",
    "summarize",
]


Action = Literal[
    "pass", "drop_request", "drop_response", "delay_request", "delay_response", "error",
    "duplicate", "reset",
]
ACTIONS: tuple[str, ...] = get_args(Action)


@dataclass(frozen=True, eq=False)
class FaultRule:
    """What to do to matching requests; see the module docstring for the actions.

    Rules compare by identity: the same ``FaultRule`` object is the handle for ``fired`` and
    ``remove_rule``.
    """

    action: Action
    method: str | None = None  # None: any method
    path: str = ""  # path prefix ("" matches every path); the query is not compared
    times: int | None = None  # retire after firing this often (None: never)
    probability: float = 1.0  # chance to fire per eligible match (seeded draw)
    skip: int = 0  # let this many matches through before the rule may fire
    for_s: float | None = None  # retire this many seconds after add_rule (None: never)
    delay_ms: int = 0  # delay_request / delay_response
    hold_ms: int = 0  # reset: how long the connection is held first
    status: int = 503  # error
    body: bytes | None = None  # error: the answer body (default: Problem-shaped JSON)
    copies: int = 2  # duplicate: how many times the request is delivered upstream
    concurrent: bool = False  # duplicate: deliver the copies all at once
    answer: Literal["first", "last"] = "first"  # duplicate: which answer the client gets
    rst: bool = False  # drop_request / drop_response: reset instead of a clean close
    name: str = ""  # shows in the log (default: the action)

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown action {self.action!r}; one of {', '.join(ACTIONS)}")
        if self.method is not None:
            object.__setattr__(self, "method", self.method.upper())
        if self.path and not self.path.startswith("/"):
            raise ValueError("a rule's path is a prefix starting with '/'")
        if self.times is not None and self.times < 1:
            raise ValueError("times must be at least 1 (or None)")
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError("probability must be within [0, 1]")
        if self.skip < 0 or self.delay_ms < 0 or self.hold_ms < 0:
            raise ValueError("skip, delay_ms and hold_ms cannot be negative")
        if self.for_s is not None and self.for_s <= 0:
            raise ValueError("for_s must be positive (or None)")
        if not 400 <= self.status <= 599:
            raise ValueError("an injected error status is 4xx or 5xx")
        if self.copies < 1:
            raise ValueError("copies must be at least 1")
        if self.answer not in ("first", "last"):
            raise ValueError("answer is 'first' or 'last'")
        if not self.name:
            object.__setattr__(self, "name", self.action)

    def matches(self, method: str, path: str) -> bool:
        """Whether a request is this rule's (before skip, probability and retirement)."""
        return (self.method is None or self.method == method.upper()) and path.startswith(
            self.path)



@dataclass(slots=True)
class RuleState:
    rule: FaultRule
    added_at: float
    seen: int = 0
    fired: int = 0

    def retired(self, now: float) -> bool:
        r = self.rule
        return (r.times is not None and self.fired >= r.times) or (
            r.for_s is not None and now - self.added_at >= r.for_s)


def decide(states: Iterable[RuleState], rng: random.Random, method: str,
           path: str, now: float) -> FaultRule | None:
    """The first rule that fires for a request at ``now`` (counting its match); None: none
    fires. The caller holds the proxy's lock.
    """
    for state in states:
        rule = state.rule
        if state.retired(now) or not rule.matches(method, path):
            continue
        state.seen += 1
        if state.seen <= rule.skip:
            continue
        if rule.probability < 1.0 and rng.random() >= rule.probability:
            continue
        state.fired += 1
        return rule
    return None


class RuleControl:
    """The rule methods of ``FaultProxy`` (its rules, seeded draws and lock live on it)."""

    _lock: threading.Lock
    _clock: Callable[[], float]  # time.monotonic, or a test's clock for ``for_s``
    _rules: list[RuleState]
    _random: random.Random
    _log: list[LogEntry]

    def add_rule(self, rule: FaultRule) -> FaultRule:
        """Append a rule (tried after the existing ones); returns it as its handle."""
        if not isinstance(rule, FaultRule):
            raise TypeError("add_rule takes a FaultRule")
        with self._lock:
            if any(s.rule is rule for s in self._rules):
                raise ValueError("this rule was already added")
            self._rules.append(RuleState(rule, self._clock()))
        return rule

    def once(self, action: Action, **kwargs: Any) -> FaultRule:
        """Shortcut: a rule that fires for the next matching request only."""
        return self.add_rule(FaultRule(action, times=1, **kwargs))

    def remove_rule(self, rule: FaultRule) -> None:
        with self._lock:
            self._rules = [s for s in self._rules if s.rule is not rule]

    def reseed(self, seed: int) -> None:
        with self._lock:
            self._random = random.Random(seed)

    def clear(self, *, log: bool = False) -> None:
        """Remove every rule (and, with ``log=True``, forget the log)."""
        with self._lock:
            self._rules = []
            if log:
                self._log = []

    def fired(self, rule: FaultRule) -> int:
        """How many requests this rule has acted on (0 if it was never added)."""
        with self._lock:
            return next((s.fired for s in self._rules if s.rule is rule), 0)

    def active_rules(self) -> list[FaultRule]:
        """Rules that can still fire."""
        now = self._clock()
        with self._lock:
            return [s.rule for s in self._rules if not s.retired(now)]

    def _decide(self, method: str, path: str) -> FaultRule | None:
        with self._lock:
            return decide(self._rules, self._random, method, path, self._clock())


@dataclass(frozen=True, slots=True)
class LogEntry:
    """What the proxy did with one request."""

    n: int  # order of arrival, from 1
    method: str
    target: str  # the request target as received (path and query)
    action: str  # the action taken ("pass" when no rule fired)
    rule: str  # the rule's name ("" when no rule fired)
    upstream: tuple[int, ...]  # status of each delivery upstream (0: it failed)
    replied: int | None  # status sent to the client; None: closed without a reply
    arrived: float  # time.monotonic() when the request head was read
    ms: float  # time spent on the request, milliseconds
    note: str = ""

    @property
    def path(self) -> str:
        """The target without its query."""
        return self.target.split("?", 1)[0]

    @property
    def delivered(self) -> int:
        """How many times the upstream received and answered this request."""
        return sum(1 for s in self.upstream if s)


@dataclass(frozen=True, slots=True)
class ProxyStats:
    """Totals over the log (requests still in flight are only counted in ``in_flight``)."""

    requests: int  # requests handled
    delivered: int  # upstream deliveries that got an answer (duplicates count each copy)
    upstream_failures: int  # upstream deliveries that failed (refused, reset, timeout)
    replied: int  # requests answered (upstream answers, injected errors, 502s)
    unanswered: int  # connections closed without a reply (drops, resets, stop)
    injected_errors: int  # answers made up by an ``error`` rule
    in_flight: int
    internal_errors: int = 0  # exceptions inside the proxy itself (see proxy.internal_errors)
    by_action: dict[str, int] = field(default_factory=dict)


def summarize(log: list[LogEntry], in_flight: int, internal_errors: int) -> ProxyStats:
    """Totals over a log."""
    by_action: dict[str, int] = {}
    for e in log:
        by_action[e.action] = by_action.get(e.action, 0) + 1
    return ProxyStats(
        requests=len(log),
        delivered=sum(e.delivered for e in log),
        upstream_failures=sum(1 for e in log for s in e.upstream if not s),
        replied=sum(1 for e in log if e.replied is not None),
        unanswered=sum(1 for e in log if e.replied is None),
        injected_errors=by_action.get("error", 0),
        in_flight=in_flight,
        internal_errors=internal_errors,
        by_action=by_action,
    )

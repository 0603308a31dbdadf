"""A fault-injecting HTTP/1.1 reverse proxy for the sync tests (loopback only).

The test holds the proxy object, points the terminal's sync client at ``proxy.base_url``
instead of the cloud, and tells the proxy what to break::

    with FaultProxy(cloud_url, seed=7) as proxy:
        rule = proxy.add_rule(Rule("drop_response", method="POST", path="/v1/push", times=1))
        client.sync_once()            # the server commits the batch, the client sees a
                                      # connection error and must retry
        assert proxy.fired(rule) == 1
        assert proxy.deliveries("POST", "/v1/push") == 1

Each request is read whole (``Content-Length`` or chunked body), checked against the rules,
forwarded with ``http.client`` on a fresh upstream connection, its answer buffered whole
(uvicorn's chunked answers included) and written back with ``Content-Length`` and
``Connection: close`` (no keep-alive: one request per client connection).

Rules are tried in the order they were added; the first that *fires* decides what happens
to the request. A rule matches by method and path prefix (the path without the query);
``skip`` lets its first matches through, ``probability`` draws from the proxy's seeded
``random.Random`` (only rules with ``probability < 1`` draw, so a run is reproducible from
its seed when the requests arrive in the same order), ``times`` retires it after it fired
that often and ``for_s`` after that many seconds from ``add_rule``. A request no rule fires
for is forwarded untouched (action ``"pass"``).

Actions (``Rule.action``):

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

An upstream that cannot be reached (the cloud process is down or dies mid-request) gets a
``502`` (``504`` on timeout) with a ``Problem``-shaped JSON body, like a real load balancer;
``FaultProxy(upstream_errors="drop")`` closes the client connection instead.

Everything the proxy did is in ``proxy.log`` (one ``LogEntry`` per request, in completion
order) and summed up in ``proxy.stats``. All methods are thread-safe.
"""

from __future__ import annotations

import http.client
import json
import random
import socket
import socketserver
import struct
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

__all__ = [
    "ACTIONS",
    "LOOPBACK_HOSTS",
    "Action",
    "FaultProxy",
    "LogEntry",
    "ProxyStats",
    "Rule",
]

Action = Literal[
    "pass", "drop_request", "drop_response", "delay_request", "delay_response", "error",
    "duplicate", "reset",
]
ACTIONS: tuple[str, ...] = get_args(Action)
LOOPBACK_HOSTS = ("127.0.0.1", "::1")
MAX_BODY = 64 * 1024 * 1024
UpstreamErrors = Literal["502", "drop"]

# Headers that belong to one connection, not to the message (RFC 9110 §7.6.1), plus the
# framing headers the proxy sets itself.
_HOP_BY_HOP = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
    "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length",
    "host",
})
_NO_BODY_STATUS = frozenset({204, 304})


@dataclass(frozen=True, eq=False)
class Rule:
    """What to do to matching requests; see the module docstring for the actions.

    Rules compare by identity: the same ``Rule`` object is the handle for ``fired`` and
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
class _RuleState:
    rule: Rule
    added_at: float
    seen: int = 0
    fired: int = 0

    def retired(self, now: float) -> bool:
        r = self.rule
        return (r.times is not None and self.fired >= r.times) or (
            r.for_s is not None and now - self.added_at >= r.for_s)


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


@dataclass(slots=True)
class _Answer:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    error: str = ""  # the upstream failed: why (status is then 502 or 504)
    length: str | None = None  # the upstream's Content-Length (kept for HEAD answers)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128
    proxy: FaultProxy

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host name (getfqdn), which can hang without DNS.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # the client went away (or stop() cut it off): not the proxy's fault
        self.proxy._note_internal_error()


class _Server6(_Server):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    timeout = 60  # an idle client connection is closed after this long

    def setup(self) -> None:
        super().setup()
        self.server.proxy._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.proxy._track(self.connection, add=False)

    def do_GET(self) -> None:
        self.server.proxy._handle(self)

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the proxy keeps its own log


class FaultProxy:
    """A reverse proxy to ``upstream_url`` that injects faults by rule.

    ``host`` must be ``127.0.0.1`` or ``::1`` (anything else raises ``ValueError``);
    ``port=0`` picks a free port. ``seed`` seeds the draws of probabilistic rules.
    """

    def __init__(
        self,
        upstream_url: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        seed: int = 0,
        upstream_timeout_s: float = 30.0,
        upstream_errors: UpstreamErrors = "502",
    ) -> None:
        if host not in LOOPBACK_HOSTS:
            raise ValueError(
                f"FaultProxy binds loopback only ({' or '.join(LOOPBACK_HOSTS)}), not {host!r}")
        if not 0 <= port <= 65535:
            raise ValueError(f"bad port {port}")
        if upstream_errors not in get_args(UpstreamErrors):
            raise ValueError("upstream_errors is '502' or 'drop'")
        self._host = host
        self._port = port
        self._upstream = self._parse_upstream(upstream_url)
        self._timeout = upstream_timeout_s
        self._upstream_errors = upstream_errors
        self._lock = threading.Lock()
        self._random = random.Random(seed)
        self._rules: list[_RuleState] = []
        self._log: list[LogEntry] = []
        self._arrivals = 0
        self._open: set[int] = set()  # requests in flight (by arrival number)
        self._internal_errors: list[str] = []
        self._clients: set[socket.socket] = set()
        self._upstream_socks: set[http.client.HTTPConnection] = set()
        self._handler_threads: set[threading.Thread] = set()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle ---------------------------------------------------------------------

    def start(self) -> str:
        """Listen and serve in background threads; returns ``base_url``."""
        with self._lock:
            if self._server is not None:
                raise RuntimeError("the proxy is already started")
            self._stopping.clear()
            cls = _Server6 if ":" in self._host else _Server
            server = cls((self._host, self._port), _Handler)
            server.proxy = self
            self._port = server.server_port
            self._server = server
            self._thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.05},
                name=f"faultproxy:{self._port}", daemon=True)
            self._thread.start()
        return self.base_url

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop serving, cut every open connection and release the port (idempotent)."""
        with self._lock:
            server, thread = self._server, self._thread
            self._server = self._thread = None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout_s)
        with self._lock:
            clients = list(self._clients)
            upstreams = list(self._upstream_socks)
            handlers = list(self._handler_threads)
        for sock in clients:
            _shutdown(sock)
        for conn in upstreams:
            if conn.sock is not None:
                _shutdown(conn.sock)
        deadline = time.monotonic() + timeout_s
        for t in handlers:
            t.join(max(0.0, deadline - time.monotonic()))

    def __enter__(self) -> FaultProxy:
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def host(self) -> str:
        return self._host

    @property
    def port(self) -> int:
        """The listening port (the picked one once started with ``port=0``)."""
        return self._port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (``http://[::1]:PORT``): give this to the client."""
        if self._port == 0:
            raise RuntimeError("the proxy has no port before start()")
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self._port}"

    @property
    def upstream_url(self) -> str:
        scheme, host, port, base = self._upstream
        return f"{scheme}://{host}:{port}{base}"

    @upstream_url.setter
    def upstream_url(self, url: str) -> None:
        """Point the proxy at another upstream (e.g. a cloud restarted on another port)."""
        parsed = self._parse_upstream(url)
        with self._lock:
            self._upstream = parsed

    @staticmethod
    def _parse_upstream(url: str) -> tuple[str, str, int, str]:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"upstream must be an http:// URL, not {url!r}")
        return "http", parts.hostname, parts.port or 80, parts.path.rstrip("/")

    # ---- rules -------------------------------------------------------------------------

    def add_rule(self, rule: Rule) -> Rule:
        """Append a rule (tried after the existing ones); returns it as its handle."""
        if not isinstance(rule, Rule):
            raise TypeError("add_rule takes a Rule")
        with self._lock:
            if any(s.rule is rule for s in self._rules):
                raise ValueError("this rule was already added")
            self._rules.append(_RuleState(rule, time.monotonic()))
        return rule

    def once(self, action: Action, **kwargs: Any) -> Rule:
        """Shortcut: a rule that fires for the next matching request only."""
        return self.add_rule(Rule(action, times=1, **kwargs))

    def remove_rule(self, rule: Rule) -> None:
        with self._lock:
            self._rules = [s for s in self._rules if s.rule is not rule]

    def clear(self, *, log: bool = False) -> None:
        """Remove every rule (and, with ``log=True``, forget the log)."""
        with self._lock:
            self._rules = []
            if log:
                self._log = []

    def reseed(self, seed: int) -> None:
        with self._lock:
            self._random = random.Random(seed)

    def fired(self, rule: Rule) -> int:
        """How many requests this rule has acted on (0 if it was never added)."""
        with self._lock:
            return next((s.fired for s in self._rules if s.rule is rule), 0)

    def active_rules(self) -> list[Rule]:
        """Rules that can still fire."""
        now = time.monotonic()
        with self._lock:
            return [s.rule for s in self._rules if not s.retired(now)]

    def _decide(self, method: str, path: str) -> Rule | None:
        with self._lock:
            now = time.monotonic()
            for state in self._rules:
                rule = state.rule
                if state.retired(now) or not rule.matches(method, path):
                    continue
                state.seen += 1
                if state.seen <= rule.skip:
                    continue
                if rule.probability < 1.0 and self._random.random() >= rule.probability:
                    continue
                state.fired += 1
                return rule
        return None

    # ---- what happened -----------------------------------------------------------------

    @property
    def log(self) -> list[LogEntry]:
        """Every handled request, in completion order (a copy)."""
        with self._lock:
            return list(self._log)

    def entries(self, method: str | None = None, path: str = "",
                action: str | None = None) -> list[LogEntry]:
        """The log filtered by method, path prefix and action."""
        return [e for e in self.log
                if (method is None or e.method == method.upper())
                and e.path.startswith(path) and (action is None or e.action == action)]

    def deliveries(self, method: str | None = None, path: str = "") -> int:
        """How many times the upstream answered matching requests (duplicates count twice)."""
        return sum(e.delivered for e in self.entries(method, path))

    @property
    def stats(self) -> ProxyStats:
        with self._lock:
            log, in_flight = list(self._log), len(self._open)
            internal = len(self._internal_errors)
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
            internal_errors=internal,
            by_action=by_action,
        )

    def wait_idle(self, timeout_s: float = 5.0) -> bool:
        """Wait until no request is in flight; returns whether that happened in time."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                if not self._open:
                    return True
            time.sleep(0.005)
        return False

    # ---- the request path --------------------------------------------------------------

    def _track(self, sock: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._clients.add(sock)
                self._handler_threads.add(threading.current_thread())
            else:
                self._clients.discard(sock)
                self._handler_threads.discard(threading.current_thread())

    def _note_internal_error(self) -> None:
        text = traceback.format_exc()
        with self._lock:
            if len(self._internal_errors) < 50:
                self._internal_errors.append(text)

    @property
    def internal_errors(self) -> list[str]:
        """Tracebacks of exceptions inside the proxy (a bug in it, never an injected fault)."""
        with self._lock:
            return list(self._internal_errors)

    def _handle(self, h: _Handler) -> None:
        arrived = time.monotonic()
        with self._lock:
            self._arrivals += 1
            n = self._arrivals
            self._open.add(n)
        method, target = h.command, h.path
        if "://" in target:  # absolute-form (a client configured to use us as a proxy)
            parts = urlsplit(target)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
        target = target or "/"
        path = target.split("?", 1)[0]
        action, rule_name, statuses, note = "pass", "", [], ""
        replied: int | None = None
        try:
            try:
                body = _read_body(h)
            except (ValueError, OSError) as exc:
                replied = 400
                note = f"bad request body: {exc}"
                self._finish(h, n, method, target, "pass", "", [], replied, arrived, note,
                             _problem(400, "proxy.bad_request", note))
                return
            rule = self._decide(method, path)
            if rule is not None:
                action, rule_name = rule.action, rule.name
            if rule is None or rule.action in ("pass", "delay_request", "delay_response",
                                               "drop_response", "duplicate"):
                if rule is not None and rule.action == "delay_request" and not self._pause(
                        rule.delay_ms):
                    self._finish(h, n, method, target, action, rule_name, [], None, arrived,
                                 "proxy stopped")
                    return
                copies = rule.copies if rule is not None and rule.action == "duplicate" else 1
                concurrent = bool(rule is not None and rule.concurrent)
                answers = self._deliver(method, target, h.headers, body, copies, concurrent)
                statuses = [0 if a.error else a.status for a in answers]
                chosen = answers[-1] if rule is not None and rule.answer == "last" else answers[0]
                if rule is not None and rule.action == "drop_response":
                    done = "upstream answered" if any(statuses) else "upstream failed"
                    self._finish(h, n, method, target, action, rule_name, statuses, None,
                                 arrived, f"{done}, client connection dropped", rst=rule.rst)
                    return
                if rule is not None and rule.action == "delay_response" and not self._pause(
                        rule.delay_ms):
                    self._finish(h, n, method, target, action, rule_name, statuses, None,
                                 arrived, "proxy stopped")
                    return
                if chosen.error and self._upstream_errors == "drop":
                    self._finish(h, n, method, target, action, rule_name, statuses, None,
                                 arrived, chosen.error)
                    return
                self._finish(h, n, method, target, action, rule_name, statuses, chosen.status,
                             arrived, chosen.error, chosen)
            elif rule.action == "drop_request":
                self._finish(h, n, method, target, action, rule_name, [], None, arrived,
                             "dropped before forwarding", rst=rule.rst)
            elif rule.action == "reset":
                self._pause(rule.hold_ms)
                self._finish(h, n, method, target, action, rule_name, [], None, arrived,
                             f"held {rule.hold_ms} ms, then reset", rst=True)
            else:  # error
                answer = (_problem(rule.status, "proxy.injected_error",
                                   f"error {rule.status} injected by FaultProxy")
                          if rule.body is None else
                          _Answer(rule.status, "", [("Content-Type", "application/octet-stream")],
                                  rule.body))
                self._finish(h, n, method, target, action, rule_name, [], rule.status, arrived,
                             "", answer)
        finally:
            with self._lock:
                self._open.discard(n)

    def _pause(self, ms: int) -> bool:
        """Sleep ``ms`` unless the proxy stops first; returns False when it stopped."""
        return not self._stopping.wait(ms / 1000.0) if ms else not self._stopping.is_set()

    def _finish(self, h: _Handler, n: int, method: str, target: str, action: str, rule: str,
                statuses: list[int], replied: int | None, arrived: float, note: str,
                answer: _Answer | None = None, *, rst: bool = False) -> None:
        """Log the request, then answer it or cut the connection.

        The entry is logged (and the request no longer counted in flight) first, so a test
        that has just seen its client get an answer or fail finds it.
        """
        entry = LogEntry(n, method, target, action, rule, tuple(statuses), replied, arrived,
                         (time.monotonic() - arrived) * 1000.0, note)
        with self._lock:
            self._log.append(entry)
            self._open.discard(n)
            index = len(self._log) - 1
        problem = ""
        if answer is None:
            _abort(h, rst=rst)
            return
        try:
            _write_answer(h, answer, head=method == "HEAD")
        except OSError as exc:
            problem = f"client went away: {exc}"
            h.close_connection = True
        if problem:
            with self._lock:
                if index < len(self._log) and self._log[index] is entry:
                    self._log[index] = LogEntry(
                        n, method, target, action, rule, tuple(statuses), replied, arrived,
                        entry.ms, f"{note}; {problem}" if note else problem)

    def _deliver(self, method: str, target: str, headers: Any, body: bytes, copies: int,
                 concurrent: bool) -> list[_Answer]:
        """Send the request upstream ``copies`` times; answers in completion order."""
        with self._lock:
            _scheme, host, port, base = self._upstream
        if port == self._port and host in (*LOOPBACK_HOSTS, "localhost"):
            return [_problem(508, "proxy.loop", "the upstream is the proxy itself", error=True)]
        forward = [(k, v) for k, v in headers.items() if k.lower() not in _hop_headers(headers)]
        url = base + target
        if copies == 1 or not concurrent:
            return [self._send(host, port, method, url, forward, body) for _ in range(copies)]
        answers: list[_Answer] = []
        done = threading.Lock()
        barrier = threading.Barrier(copies)

        def one() -> None:
            try:
                barrier.wait(timeout=5)
            except threading.BrokenBarrierError:
                pass
            a = self._send(host, port, method, url, forward, body)
            with done:
                answers.append(a)

        threads = [threading.Thread(target=one, daemon=True) for _ in range(copies)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return answers

    def _send(self, host: str, port: int, method: str, url: str,
              headers: list[tuple[str, str]], body: bytes) -> _Answer:
        conn = http.client.HTTPConnection(host, port, timeout=self._timeout)
        with self._lock:
            self._upstream_socks.add(conn)
        try:
            conn.putrequest(method, url, skip_accept_encoding=True)
            for k, v in headers:
                conn.putheader(k, v)
            if body or method in ("POST", "PUT", "PATCH"):
                conn.putheader("Content-Length", str(len(body)))
            conn.putheader("Connection", "close")
            conn.endheaders(body or None)
            resp = conn.getresponse()
            data = resp.read()
            kept = [(k, v) for k, v in resp.getheaders()
                    if k.lower() not in _hop_headers(resp.headers)]
            return _Answer(resp.status, resp.reason, kept, data,
                           length=resp.getheader("Content-Length"))
        except TimeoutError as exc:
            return _problem(504, "proxy.upstream_timeout", f"upstream timed out: {exc}",
                            error=True)
        except (OSError, http.client.HTTPException) as exc:
            return _problem(502, "proxy.upstream_unreachable",
                            f"upstream failed: {type(exc).__name__}: {exc}", error=True)
        finally:
            conn.close()
            with self._lock:
                self._upstream_socks.discard(conn)


# ---- helpers ---------------------------------------------------------------------------


def _hop_headers(headers: Any) -> frozenset[str]:
    """Hop-by-hop header names, including those the Connection header lists."""
    listed = {t.strip().lower() for v in headers.get_all("Connection") or () for t in v.split(",")}
    return _HOP_BY_HOP | frozenset(t for t in listed if t)


def _problem(status: int, code: str, message: str, *, error: bool = False) -> _Answer:
    body = json.dumps({"code": code, "message": message, "data": {}}).encode()
    return _Answer(status, "", [("Content-Type", "application/json")], body,
                   error=message if error else "")


def _read_body(h: BaseHTTPRequestHandler) -> bytes:
    """The whole request body: chunked or ``Content-Length`` (none: empty)."""
    te = ",".join(h.headers.get_all("Transfer-Encoding") or ()).lower()
    if "chunked" in te:
        return _read_chunked(h.rfile)
    raw = h.headers.get("Content-Length")
    if raw is None:
        return b""
    if not raw.strip().isdigit():
        raise ValueError(f"bad Content-Length {raw!r}")
    size = int(raw)
    if size > MAX_BODY:
        raise ValueError(f"request body over {MAX_BODY} bytes")
    data = h.rfile.read(size)
    if len(data) != size:
        raise ValueError("request body shorter than its Content-Length")
    return data


def _read_chunked(rfile: Any) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        line = rfile.readline(1024)
        if not line.endswith(b"\n"):
            raise ValueError("truncated chunk size line")
        try:
            size = int(line.split(b";", 1)[0].strip(), 16)
        except ValueError as exc:
            raise ValueError(f"bad chunk size {line!r}") from exc
        if size == 0:
            while rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                pass  # trailers are dropped
            return b"".join(parts)
        total += size
        if total > MAX_BODY:
            raise ValueError(f"request body over {MAX_BODY} bytes")
        chunk = rfile.read(size)
        if len(chunk) != size:
            raise ValueError("truncated chunk")
        parts.append(chunk)
        rfile.readline(1024)  # the CRLF after the chunk


def _write_answer(h: _Handler, answer: _Answer, *, head: bool) -> None:
    h.send_response_only(answer.status, answer.reason or None)
    for k, v in answer.headers:
        h.send_header(k, v)
    if answer.status not in _NO_BODY_STATUS and not 100 <= answer.status < 200:
        length = answer.length if head and answer.length is not None else len(answer.body)
        h.send_header("Content-Length", str(length))
    h.send_header("Connection", "close")
    h.end_headers()
    if not head and answer.status not in _NO_BODY_STATUS:
        h.wfile.write(answer.body)
    h.wfile.flush()


def _abort(h: _Handler, *, rst: bool) -> None:
    """Close the client connection without a reply (a reset with ``rst``)."""
    h.close_connection = True
    sock = h.connection
    if rst:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    else:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    # The buffered reader holds a reference to the socket: release it so close() really
    # closes the descriptor now (and, with SO_LINGER 0, sends the RST).
    try:
        h.rfile.close()
    except OSError:
        pass
    sock.close()


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


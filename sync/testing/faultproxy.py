"""A fault-injecting HTTP/1.1 reverse proxy for the sync tests (loopback only).

The test holds the proxy object, points the terminal's sync client at ``proxy.base_url``
instead of the cloud, and tells the proxy what to break::

    with FaultProxy(cloud_url, seed=7) as proxy:
        rule = proxy.add_rule(FaultRule("drop_response", method="POST", path="/v1/push", times=1))
        client.sync_once()            # the server commits the batch, the client sees a
                                      # connection error and must retry
        assert proxy.fired(rule) == 1
        assert proxy.deliveries("POST", "/v1/push") == 1

Each request is read whole (``Content-Length`` or chunked body), checked against the rules,
forwarded with ``http.client`` on a fresh upstream connection, its answer buffered whole
(uvicorn's chunked answers included) and written back with ``Content-Length`` and
``Connection: close`` (no keep-alive: one request per client connection).

How rules are tried and what each action does is described in ``sync.testing.fault_rules``
(``FaultRule`` and ``Action`` are importable from here too).

An upstream that cannot be reached (the cloud process is down or dies mid-request) gets a
``502`` (``504`` on timeout) with a ``Problem``-shaped JSON body, like a real load balancer;
``FaultProxy(upstream_errors="drop")`` closes the client connection instead.

Everything the proxy did is in ``proxy.log`` (one ``LogEntry`` per request, in completion
order) and summed up in ``proxy.stats``. All methods are thread-safe.
"""

from __future__ import annotations

import http.client
import random
import socket
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from sync.testing.fault_http import MAX_BODY as MAX_BODY
from sync.testing.fault_http import (
    Answer,
    ProxyHandler,
    ProxyServer,
    ProxyServer6,
    abort,
    deliver_copies,
    hop_headers,
    parse_upstream,
    problem,
    read_body,
    send_upstream,
    shutdown,
    write_answer,
)
from sync.testing.fault_rules import (
    ACTIONS,
    Action,
    FaultRule,
    LogEntry,
    ProxyStats,
    RuleControl,
    RuleState,
    summarize,
)

__all__ = [
    "ACTIONS",
    "LOOPBACK_HOSTS",
    "Action",
    "FaultProxy",
    "FaultRule",
    "LogEntry",
    "ProxyStats",
]

LOOPBACK_HOSTS = ("127.0.0.1", "::1")
UpstreamErrors = Literal["502", "drop"]


class FaultProxy(RuleControl):
    """A reverse proxy to ``upstream_url`` that injects faults by rule.

    ``host`` must be ``127.0.0.1`` or ``::1`` (anything else raises ``ValueError``);
    ``port=0`` picks a free port. ``seed`` seeds the draws of probabilistic rules.
    ``clock`` is what a rule's ``for_s`` is measured on (a test passes its own to end an
    outage without sleeping).
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
        clock: Callable[[], float] = time.monotonic,
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
        self._upstream = parse_upstream(upstream_url)
        self._timeout = upstream_timeout_s
        self._upstream_errors = upstream_errors
        self._lock = threading.Lock()
        self._clock = clock
        self._random = random.Random(seed)
        self._rules: list[RuleState] = []
        self._log: list[LogEntry] = []
        self._arrivals = 0
        self._open: set[int] = set()  # requests in flight (by arrival number)
        self._awaiting = 0  # requests sent upstream, answer not back yet
        self._internal_errors: list[str] = []
        self._clients: set[socket.socket] = set()
        self._upstream_socks: set[http.client.HTTPConnection] = set()
        self._handler_threads: set[threading.Thread] = set()
        self._stopping = threading.Event()
        self._server: ProxyServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle ---------------------------------------------------------------------

    def start(self) -> str:
        """Listen and serve in background threads; returns ``base_url``."""
        with self._lock:
            if self._server is not None:
                raise RuntimeError("the proxy is already started")
            self._stopping.clear()
            cls = ProxyServer6 if ":" in self._host else ProxyServer
            server = cls((self._host, self._port), ProxyHandler)
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
            shutdown(sock)
        for conn in upstreams:
            if conn.sock is not None:
                shutdown(conn.sock)
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
        parsed = parse_upstream(url)
        with self._lock:
            self._upstream = parsed

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
        return summarize(log, in_flight, internal)

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

    def _handle(self, h: ProxyHandler) -> None:
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
                body = read_body(h)
            except (ValueError, OSError) as exc:
                replied = 400
                note = f"bad request body: {exc}"
                self._finish(h, n, method, target, "pass", "", [], replied, arrived, note,
                             problem(400, "proxy.bad_request", note))
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
                answer = (problem(rule.status, "proxy.injected_error",
                                  f"error {rule.status} injected by FaultProxy")
                          if rule.body is None else
                          Answer(rule.status, "", [("Content-Type", "application/octet-stream")],
                                 rule.body))
                self._finish(h, n, method, target, action, rule_name, [], rule.status, arrived,
                             "", answer)
        finally:
            with self._lock:
                self._open.discard(n)

    def _pause(self, ms: int) -> bool:
        """Sleep ``ms`` unless the proxy stops first; returns False when it stopped."""
        return not self._stopping.wait(ms / 1000.0) if ms else not self._stopping.is_set()

    def _finish(self, h: ProxyHandler, n: int, method: str, target: str, action: str, rule: str,
                statuses: list[int], replied: int | None, arrived: float, note: str,
                answer: Answer | None = None, *, rst: bool = False) -> None:
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
            abort(h, rst=rst)
            return
        try:
            write_answer(h, answer, head=method == "HEAD")
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
                 concurrent: bool) -> list[Answer]:
        """Send the request upstream ``copies`` times; answers in completion order."""
        with self._lock:
            _scheme, host, port, base = self._upstream
        # The proxy itself: its own address and port ("localhost" may be either family).
        # 127.0.0.1:P and [::1]:P are two sockets, so an upstream on the other family's
        # same port number is no loop.
        if port == self._port and host.strip("[]") in (self._host, "localhost"):
            return [problem(508, "proxy.loop", "the upstream is the proxy itself", error=True)]
        forward = [(k, v) for k, v in headers.items() if k.lower() not in hop_headers(headers)]
        url = base + target
        return deliver_copies(
            lambda: send_upstream(host, port, method, url, forward, body,
                                  timeout=self._timeout, track=self._track_upstream,
                                  sent=self._note_sent),
            copies, concurrent)

    def _note_sent(self, waiting: bool) -> None:
        with self._lock:
            self._awaiting += 1 if waiting else -1

    @property
    def awaiting_upstream(self) -> int:
        """Requests sent upstream whose answer has not come back (nor failed) yet."""
        with self._lock:
            return self._awaiting

    def _track_upstream(self, conn: http.client.HTTPConnection, add: bool) -> None:
        with self._lock:
            if add:
                self._upstream_socks.add(conn)
            else:
                self._upstream_socks.discard(conn)

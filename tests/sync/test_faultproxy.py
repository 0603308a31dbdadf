"""The sync test tooling itself: the fault-injecting proxy (against a tiny local upstream and
against uvicorn), the cloud/terminal process helpers and the throwaway PostgreSQL databases."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from sync.testing.cloud_process import CloudProcess, CloudProcessError
from sync.testing.faultproxy import FaultProxy, FaultRule
from tests.waiting import wait_until

# ---- a tiny upstream that counts what it receives --------------------------------------


class Upstream:
    """A loopback HTTP/1.1 server recording every request it answers."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, bytes, float]] = []
        self.lock = threading.Lock()
        self.together = threading.Barrier(2, timeout=10)
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size) if size else b""
                with upstream.lock:
                    upstream.requests.append((self.command, self.path, body, time.monotonic()))
                    count = sum(1 for r in upstream.requests if r[1] == self.path)
                if self.path.startswith("/together"):
                    try:  # answered only once a second copy is in the upstream too
                        upstream.together.wait()
                    except threading.BrokenBarrierError:
                        self.send_response(504)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                if self.path.startswith("/chunked"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for part in (b"hello ", b"chunked ", b"world"):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    self.wfile.write(b"0\r\n\r\n")
                    return
                out = json.dumps({
                    "method": self.command, "path": self.path, "count": count,
                    "body": body.decode(), "x_test": self.headers.get("X-Test", ""),
                }).encode()
                status = 201 if self.command == "POST" else 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def count(self, path: str = "", method: str | None = None) -> int:
        with self.lock:
            return sum(1 for m, p, _b, _t in self.requests
                       if p.startswith(path) and (method is None or m == method))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def upstream() -> Iterator[Upstream]:
    up = Upstream()
    yield up
    up.close()


@pytest.fixture
def proxy(upstream: Upstream) -> Iterator[FaultProxy]:
    with upstream.lock:
        upstream.requests.clear()
    with FaultProxy(upstream.url, seed=1) as p:
        yield p
    assert p.internal_errors == []


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5.0) as c:
        yield c


# ---- forwarding ------------------------------------------------------------------------


def test_forwards_method_path_query_body_and_headers(
        proxy: FaultProxy, upstream: Upstream, client: httpx.Client) -> None:
    r = client.post(proxy.base_url + "/v1/push?x=1", content=b'{"a": 1}',
                    headers={"X-Test": "yes"})
    assert r.status_code == 201
    assert r.headers["connection"] == "close"
    assert r.json() == {"method": "POST", "path": "/v1/push?x=1", "count": 1,
                        "body": '{"a": 1}', "x_test": "yes"}
    g = client.get(proxy.base_url + "/v1/pull/products?after=0")
    assert g.status_code == 200 and g.json()["method"] == "GET"
    assert [(e.method, e.target, e.action, e.upstream, e.replied) for e in proxy.log] == [
        ("POST", "/v1/push?x=1", "pass", (201,), 201),
        ("GET", "/v1/pull/products?after=0", "pass", (200,), 200),
    ]
    assert proxy.stats.requests == 2 and proxy.stats.delivered == 2


def test_chunked_answer_and_chunked_request_body(
        proxy: FaultProxy, upstream: Upstream, client: httpx.Client) -> None:
    r = client.get(proxy.base_url + "/chunked")
    assert r.text == "hello chunked world"
    assert r.headers["content-length"] == str(len("hello chunked world"))
    assert "transfer-encoding" not in r.headers

    def parts() -> Iterator[bytes]:
        yield b"part one, "
        yield b"part two"

    r = client.post(proxy.base_url + "/echo", content=parts())  # sent chunked
    assert r.json()["body"] == "part one, part two"


@pytest.fixture
def dead_port() -> Iterator[int]:
    """A port bound but not listening: connecting is refused, and nobody else can take it
    meanwhile (a port merely found free could be handed out again, even to our own
    outgoing connection, which then connects to itself)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


def test_upstream_down_gives_502(client: httpx.Client, dead_port: int) -> None:
    with FaultProxy(f"http://127.0.0.1:{dead_port}") as p:
        r = client.post(p.base_url + "/v1/push", content=b"{}")
        assert r.status_code == 502
        assert r.json()["code"] == "proxy.upstream_unreachable"
        assert p.log[0].upstream == (0,) and p.stats.upstream_failures == 1
    with FaultProxy(f"http://127.0.0.1:{dead_port}", upstream_errors="drop") as p, \
            pytest.raises(httpx.TransportError):
        client.post(p.base_url + "/v1/push", content=b"{}")


def test_refuses_to_forward_to_itself(upstream: Upstream, client: httpx.Client) -> None:
    with FaultProxy(upstream.url) as p:
        p.upstream_url = p.base_url  # its own port, as the OS gave it
        r = client.get(p.base_url + "/loop")
        assert r.status_code == 508 and p.stats.requests == 1


# ---- faults ----------------------------------------------------------------------------


def test_drop_response_after_upstream_answered(
        proxy: FaultProxy, upstream: Upstream, client: httpx.Client) -> None:
    rule = proxy.add_rule(FaultRule("drop_response", method="POST", path="/v1/push", times=1))
    with pytest.raises(httpx.RemoteProtocolError):
        client.post(proxy.base_url + "/v1/push", content=b"batch-1")
    assert upstream.count("/v1/push") == 1  # the server committed
    assert proxy.fired(rule) == 1
    entry = proxy.log[-1]
    assert (entry.action, entry.upstream, entry.replied) == ("drop_response", (201,), None)
    # the retry goes through (the rule fired its one time) and the upstream sees it again
    r = client.post(proxy.base_url + "/v1/push", content=b"batch-1")
    assert r.status_code == 201 and r.json()["count"] == 2
    assert proxy.deliveries("POST", "/v1/push") == 2


def test_drop_response_with_reset(
        proxy: FaultProxy, upstream: Upstream, client: httpx.Client) -> None:
    proxy.once("drop_response", path="/v1/push", rst=True)
    with pytest.raises(httpx.TransportError):
        client.post(proxy.base_url + "/v1/push", content=b"x")
    assert upstream.count("/v1/push") == 1


def test_drop_request_never_reaches_upstream(
        proxy: FaultProxy, upstream: Upstream, client: httpx.Client) -> None:
    proxy.once("drop_request", method="POST")
    with pytest.raises(httpx.RemoteProtocolError):
        client.post(proxy.base_url + "/v1/push", content=b"x")
    assert upstream.count() == 0
    assert proxy.log[-1].action == "drop_request" and proxy.log[-1].upstream == ()
    assert client.post(proxy.base_url + "/v1/push", content=b"x").status_code == 201


def test_delay_request_and_delay_response(
        proxy: FaultProxy, upstream: Upstream, client: httpx.Client) -> None:
    proxy.once("delay_request", path="/a", delay_ms=250)
    t0 = time.monotonic()
    assert client.get(proxy.base_url + "/a").status_code == 200
    arrived = upstream.requests[-1][3]
    assert arrived - t0 >= 0.24  # held before it was forwarded

    proxy.once("delay_response", path="/b", delay_ms=250)
    t0 = time.monotonic()
    assert client.get(proxy.base_url + "/b").status_code == 200
    done = time.monotonic()
    arrived = upstream.requests[-1][3]
    assert done - arrived >= 0.24  # forwarded first, then answered late


def test_error_for_n_requests(proxy: FaultProxy, upstream: Upstream,
                              client: httpx.Client) -> None:
    rule = proxy.add_rule(FaultRule("error", path="/v1/", status=503, times=2))
    statuses = [client.post(proxy.base_url + "/v1/push", content=b"x").status_code
                for _ in range(3)]
    assert statuses == [503, 503, 201]
    assert upstream.count() == 1 and proxy.fired(rule) == 2
    assert proxy.stats.injected_errors == 2
    r = client.get(proxy.base_url + "/outside")  # not under the rule's prefix anyway
    assert r.status_code == 200


def test_error_for_a_time_window(upstream: Upstream, client: httpx.Client) -> None:
    now = [1000.0]  # the proxy's clock, moved by the test: no sleeping, no timing window
    with upstream.lock:
        upstream.requests.clear()
    with FaultProxy(upstream.url, clock=lambda: now[0]) as proxy:
        proxy.add_rule(FaultRule("error", status=500, for_s=0.5, body=b"down"))
        r = client.get(proxy.base_url + "/x")
        assert (r.status_code, r.content) == (500, b"down")
        now[0] += 0.25
        assert client.get(proxy.base_url + "/x").status_code == 500
        now[0] += 0.25
        assert client.get(proxy.base_url + "/x").status_code == 200
        assert proxy.active_rules() == []
    assert upstream.count() == 1


def test_duplicate_delivery_sequential(proxy: FaultProxy, upstream: Upstream,
                                       client: httpx.Client) -> None:
    proxy.once("duplicate", path="/first")
    r = client.post(proxy.base_url + "/first", content=b"batch")
    assert r.json()["count"] == 1  # the client got the first answer
    assert upstream.count("/first") == 2
    proxy.once("duplicate", path="/last", copies=3, answer="last")
    r = client.post(proxy.base_url + "/last", content=b"batch")
    assert r.json()["count"] == 3 and upstream.count("/last") == 3
    assert proxy.log[-1].upstream == (201, 201, 201)
    assert proxy.deliveries(path="/first") == 2


def test_duplicate_delivery_concurrent(proxy: FaultProxy, upstream: Upstream,
                                       client: httpx.Client) -> None:
    proxy.once("duplicate", path="/together", concurrent=True)
    with httpx.Client(timeout=30.0) as slow_client:  # a sequential bug waits out the barrier
        r = slow_client.post(proxy.base_url + "/together", content=b"batch")
    assert r.status_code == 201 and upstream.count("/together") == 2
    # Each copy was answered only once the other was in the upstream too: both at once.
    assert proxy.log[-1].upstream == (201, 201)


def test_reset_after_holding(proxy: FaultProxy, upstream: Upstream,
                             client: httpx.Client) -> None:
    proxy.once("reset", hold_ms=200)
    t0 = time.monotonic()
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        client.post(proxy.base_url + "/v1/push", content=b"x")
    assert time.monotonic() - t0 >= 0.19
    assert upstream.count() == 0
    assert proxy.log[-1].action == "reset" and proxy.log[-1].replied is None


# ---- rules -----------------------------------------------------------------------------


def test_rules_match_method_and_path_prefix_and_skip(
        proxy: FaultProxy, upstream: Upstream, client: httpx.Client) -> None:
    rule = proxy.add_rule(FaultRule("error", method="post", path="/v1/push", skip=1, times=1))
    assert client.get(proxy.base_url + "/v1/push").status_code == 200  # other method
    assert client.post(proxy.base_url + "/v1/pull").status_code == 201  # other path
    assert client.post(proxy.base_url + "/v1/push").status_code == 201  # skipped once
    assert client.post(proxy.base_url + "/v1/push?a=1").status_code == 503  # fires
    assert client.post(proxy.base_url + "/v1/push").status_code == 201  # retired
    assert proxy.fired(rule) == 1
    assert [e.action for e in proxy.log] == ["pass", "pass", "pass", "error", "pass"]


def test_first_rule_that_fires_wins_and_clear(
        proxy: FaultProxy, upstream: Upstream, client: httpx.Client) -> None:
    proxy.add_rule(FaultRule("error", status=500, probability=0.0))  # never fires
    proxy.add_rule(FaultRule("error", status=502, name="second"))
    proxy.add_rule(FaultRule("error", status=503))
    r = client.get(proxy.base_url + "/x")
    assert r.status_code == 502 and proxy.log[-1].rule == "second"
    proxy.clear()
    assert client.get(proxy.base_url + "/x").status_code == 200
    proxy.clear(log=True)
    assert proxy.log == []


def _actions(seed: int, upstream: Upstream, client: httpx.Client) -> list[str]:
    with FaultProxy(upstream.url, seed=seed) as p:
        p.add_rule(FaultRule("error", path="/p", probability=0.3))
        p.add_rule(FaultRule("delay_request", path="/p", probability=0.2, delay_ms=1))
        for i in range(40):
            client.get(f"{p.base_url}/p/{i}")
        return [e.action for e in sorted(p.log, key=lambda e: e.n)]


def test_probability_rules_are_deterministic_with_a_seed(
        upstream: Upstream, client: httpx.Client) -> None:
    a = _actions(42, upstream, client)
    assert a == _actions(42, upstream, client)
    assert a != _actions(43, upstream, client)
    assert 4 <= a.count("error") <= 20 and a.count("delay_request") >= 2


def test_rule_counts_hold_under_concurrency(proxy: FaultProxy, upstream: Upstream) -> None:
    rule = proxy.add_rule(FaultRule("error", times=5))
    statuses: list[int] = []
    lock = threading.Lock()

    def hit() -> None:
        with httpx.Client(timeout=5.0) as c:
            s = c.get(proxy.base_url + "/c").status_code
        with lock:
            statuses.append(s)

    threads = [threading.Thread(target=hit) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200] * 15 + [503] * 5
    assert proxy.fired(rule) == 5 and upstream.count("/c") == 15
    assert proxy.stats.requests == 20 and proxy.stats.in_flight == 0


def test_rule_validation() -> None:
    with pytest.raises(ValueError):
        FaultRule("explode")  # type: ignore[arg-type]  # no such fault, on purpose
    with pytest.raises(ValueError):
        FaultRule("error", probability=1.5)
    with pytest.raises(ValueError):
        FaultRule("error", times=0)
    with pytest.raises(ValueError):
        FaultRule("error", path="v1/push")
    with pytest.raises(ValueError):
        FaultRule("error", status=200)


# ---- binding and lifecycle -------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "localhost", "192.168.1.10", "127.0.0.2"])
def test_refuses_non_loopback_binds(upstream: Upstream, host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        FaultProxy(upstream.url, host=host)


def test_binds_ipv6_loopback(upstream: Upstream, client: httpx.Client) -> None:
    with FaultProxy(upstream.url, host="::1") as p:
        assert p.base_url.startswith("http://[::1]:")
        assert client.get(p.base_url + "/six").status_code == 200


def test_stop_releases_the_port_and_cuts_held_connections(
        upstream: Upstream, client: httpx.Client) -> None:
    p = FaultProxy(upstream.url)
    p.start()
    port = p.port
    assert client.get(p.base_url + "/x").status_code == 200
    p.add_rule(FaultRule("reset", hold_ms=30_000))
    failed: list[BaseException] = []

    def held() -> None:
        try:
            with httpx.Client(timeout=10.0) as c:
                c.get(p.base_url + "/held")
        except httpx.TransportError as exc:
            failed.append(exc)

    t = threading.Thread(target=held)
    t.start()
    wait_until(lambda: p.stats.in_flight, what="the request to be held")
    t0 = time.monotonic()
    p.stop()
    t.join(25)
    # Cut off by stop(), not released by the 30 s hold running out.
    assert time.monotonic() - t0 < 25 and failed
    assert not p.running
    with pytest.raises(httpx.ConnectError):
        client.get(f"http://127.0.0.1:{port}/x")
    with FaultProxy(upstream.url, port=port) as again:  # the port is free to bind again
        assert again.port == port
        assert client.get(again.base_url + "/x").status_code == 200
    p.stop()  # idempotent


def test_uvicorn_upstream_streaming_answer(client: httpx.Client) -> None:
    """The real server stack: uvicorn answers chunked, the proxy re-frames it."""
    import uvicorn
    from fastapi import FastAPI
    from fastapi.responses import StreamingResponse

    app = FastAPI()
    hits: list[bytes] = []

    @app.post("/v1/push")
    async def push(body: dict[str, object]) -> dict[str, object]:
        hits.append(json.dumps(body).encode())
        return {"status": "ok", "n": len(hits)}

    @app.get("/stream")
    async def stream() -> StreamingResponse:
        async def gen() -> AsyncIterator[bytes]:
            for i in range(3):
                yield f"line {i}\n".encode()
        return StreamingResponse(gen(), media_type="text/plain")

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started, what="uvicorn to start")
        with FaultProxy(f"http://127.0.0.1:{port}") as p:
            r = client.get(p.base_url + "/stream")
            assert r.text == "line 0\nline 1\nline 2\n"
            assert r.headers["content-length"] == str(len(r.content))
            p.once("drop_response", path="/v1/push")
            with pytest.raises(httpx.RemoteProtocolError):
                client.post(p.base_url + "/v1/push", json={"seq": 1})
            assert len(hits) == 1
            p.once("duplicate", path="/v1/push", concurrent=True)
            assert client.post(p.base_url + "/v1/push", json={"seq": 1}).status_code == 200
            assert len(hits) == 3
    finally:
        server.should_exit = True
        thread.join(5)
        sock.close()


# ---- process helpers -------------------------------------------------------------------

# A stand-in for `pos-cloud serve` until the cloud exists: any HTTP server will do.
FAKE_CLOUD = ("{python}", "-m", "http.server", "--bind", "{host}", "{port}",
              "--directory", "{data_dir}")


def test_cloud_process_start_kill_restart(tmp_path: Path, client: httpx.Client) -> None:
    cloud = CloudProcess(None, tmp_path / "cloud", command=FAKE_CLOUD, health_path="/")
    try:
        url = cloud.start()
        assert cloud.running and url == f"http://127.0.0.1:{cloud.port}"
        with FaultProxy(url) as p:
            assert client.get(p.base_url + "/").status_code == 200
            cloud.kill()  # SIGKILL: the proxy now answers 502
            assert not cloud.running and cloud.returncode == -9
            assert client.get(p.base_url + "/").status_code == 502
            assert cloud.restart() == url  # same port
            assert client.get(p.base_url + "/").status_code == 200
        assert cloud.starts == 2
    finally:
        cloud.stop()
    assert not cloud.running


# A server that says it holds its port the way uvicorn does, and says who it is.
MARKED_CLOUD = ("{python}", "-c", (
    "import http.server, sys\n"
    "class H(http.server.BaseHTTPRequestHandler):\n"
    "    def do_GET(self):\n"
    "        self.send_response(200); self.send_header('Content-Length', '4')\n"
    "        self.end_headers(); self.wfile.write(b'ours')\n"
    "s = http.server.HTTPServer(('{host}', {port}), H)\n"
    "print('Uvicorn running on port {port}', flush=True)\n"
    "s.serve_forever()\n"))


def test_cloud_process_moves_off_a_picked_port_another_run_took(
        tmp_path: Path, client: httpx.Client) -> None:
    """Two test runs on one machine: another run's server binds the port this cloud picked
    before the cloud does. The cloud must not take that server's answers for its own."""
    cloud = CloudProcess(None, tmp_path / "cloud", command=MARKED_CLOUD, health_path="/",
                         ready_marker="Uvicorn running on")
    taken = cloud.port

    class Other(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "6")
            self.end_headers()
            self.wfile.write(b"theirs")

        def log_message(self, format: str, *args: object) -> None:
            pass

    other = ThreadingHTTPServer(("127.0.0.1", taken), Other)
    thread = threading.Thread(target=other.serve_forever, daemon=True)
    thread.start()
    try:
        url = cloud.start()
        assert cloud.port != taken and cloud.starts == 2
        assert client.get(url + "/").text == "ours"
        assert cloud.restart() == url  # restarts keep the port it got
    finally:
        cloud.stop()
        other.shutdown()
        other.server_close()


def test_cloud_process_failing_to_start_says_why(tmp_path: Path) -> None:
    cloud = CloudProcess(None, tmp_path / "cloud", startup_timeout_s=10,
                         command=("{python}", "-c", "import sys; print('boom'); sys.exit(4)"))
    with pytest.raises(CloudProcessError, match="boom"):
        cloud.start()
    env = cloud.environ()
    assert "POS_CLOUD_DATABASE_URL" not in env
    assert env["POS_CLOUD_DATA_DIR"] == str(tmp_path / "cloud")


def test_cloud_process_cli_runs_with_the_same_environment(tmp_path: Path) -> None:
    cloud = CloudProcess("postgresql+psycopg://postgres@127.0.0.1:5432/x", tmp_path / "c",
                         cli_command=("{python}", "-c",
                                      "import os, sys; print(os.environ["
                                      "'POS_CLOUD_DATABASE_URL'], *sys.argv[1:])"))
    assert cloud.cli("migrate").stdout.split() == [
        "postgresql+psycopg://postgres@127.0.0.1:5432/x", "migrate"]
    failing = CloudProcess(None, tmp_path / "c",
                           cli_command=("{python}", "-c", "import sys; sys.exit(2)"))
    with pytest.raises(CloudProcessError, match="exited 2"):
        failing.migrate()


def test_terminal_worker_sells_offline(tmp_path: Path) -> None:
    from sync.testing.terminal_process import TerminalProcess, outbox_event_uuids

    t = TerminalProcess(db=tmp_path / "t9.db", sales=4, seed=5, terminal_code="T09",
                        no_sync=True)
    t.start()
    summary = t.wait(timeout_s=60)
    assert (summary["sales"], summary["failed_sales"], summary["returncode"]) == (4, 0, 0)
    assert summary["terminal_code"] == "T09"
    assert len(outbox_event_uuids(t.db)) == summary["outbox_events"] >= 4


# ---- PostgreSQL ------------------------------------------------------------------------


def test_throwaway_postgres_database() -> None:
    from sqlalchemy import create_engine, text

    from sync.testing.postgres import database_exists, require_postgres, throwaway_database

    assert require_postgres()  # fails (never skips) when PostgreSQL is unreachable
    with throwaway_database() as url:
        assert url.startswith("postgresql+psycopg://postgres@127.0.0.1:5432/pos_t_")
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_database()")).scalar_one() == url.rsplit(
                "/", 1)[1]
        # a connection still open (a killed server's pool) does not stop the drop
        conn2 = engine.connect()
        assert database_exists(url)
    assert not database_exists(url)
    conn2.close()
    engine.dispose()


def test_require_postgres_fails_when_unreachable(monkeypatch: pytest.MonkeyPatch,
                                                dead_port: int) -> None:
    from sync.testing.postgres import PostgresUnavailable, require_postgres

    monkeypatch.setenv("POS_TEST_PG_URL", f"postgresql://postgres@127.0.0.1:{dead_port}")
    with pytest.raises(PostgresUnavailable, match="unreachable"):
        require_postgres(timeout_s=1)


def test_no_qt_in_sync_testing() -> None:
    import subprocess

    code = ("import sys; sys.modules['PySide6'] = None\n"
            "import sync.testing.faultproxy, sync.testing.cloud_process, "
            "sync.testing.postgres, sync.testing.terminal_process, "
            "sync.testing.terminal_worker, pos_app.services.checkout\n"
            "assert not any(m.startswith('PySide6') for m in sys.modules if sys.modules[m])")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)

"""HTTP plumbing for ``FaultProxy``: the listening server, reading requests, writing answers.

Requests are read whole (``Content-Length`` or chunked body); answers are written with
``Content-Length`` and ``Connection: close``; upstream deliveries use ``http.client`` on a
fresh connection each, their answers buffered whole.
"""

from __future__ import annotations

import http.client
import json
import socket
import socketserver
import struct
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from sync.testing.faultproxy import FaultProxy

MAX_BODY = 64 * 1024 * 1024


# Headers that belong to one connection, not to the message (RFC 9110 §7.6.1), plus the
# framing headers the proxy sets itself.
HOP_BY_HOP = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
    "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length",
    "host",
})
NO_BODY_STATUS = frozenset({204, 304})


@dataclass(slots=True)
class Answer:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    error: str = ""  # the upstream failed: why (status is then 502 or 504)
    length: str | None = None  # the upstream's Content-Length (kept for HEAD answers)


class ProxyServer(ThreadingHTTPServer):
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


class ProxyServer6(ProxyServer):
    address_family = socket.AF_INET6


class ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ProxyServer
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


def send_upstream(host: str, port: int, method: str, url: str, headers: list[tuple[str, str]],
                  body: bytes, *, timeout: float,
                  track: Callable[[http.client.HTTPConnection, bool], None],
                  sent: Callable[[bool], None] | None = None) -> Answer:
    """Deliver one request on a fresh connection; ``track(conn, open)`` registers it and
    ``sent(True)`` / ``sent(False)`` bracket the wait for the answer once it was sent."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    waiting = False
    track(conn, True)
    try:
        conn.putrequest(method, url, skip_accept_encoding=True)
        for k, v in headers:
            conn.putheader(k, v)
        if body or method in ("POST", "PUT", "PATCH"):
            conn.putheader("Content-Length", str(len(body)))
        conn.putheader("Connection", "close")
        conn.endheaders(body or None)
        if sent is not None:
            sent(True)
            waiting = True
        resp = conn.getresponse()
        data = resp.read()
        kept = [(k, v) for k, v in resp.getheaders()
                if k.lower() not in hop_headers(resp.headers)]
        return Answer(resp.status, resp.reason, kept, data,
                      length=resp.getheader("Content-Length"))
    except TimeoutError as exc:
        return problem(504, "proxy.upstream_timeout", f"upstream timed out: {exc}",
                       error=True)
    except (OSError, http.client.HTTPException) as exc:
        return problem(502, "proxy.upstream_unreachable",
                       f"upstream failed: {type(exc).__name__}: {exc}", error=True)
    finally:
        if waiting and sent is not None:
            sent(False)
        conn.close()
        track(conn, False)


def deliver_copies(send: Callable[[], Answer], copies: int, concurrent: bool) -> list[Answer]:
    """Call ``send`` ``copies`` times (all at once with ``concurrent``); completion order."""
    if copies == 1 or not concurrent:
        return [send() for _ in range(copies)]
    answers: list[Answer] = []
    done = threading.Lock()
    barrier = threading.Barrier(copies)

    def one() -> None:
        try:
            barrier.wait(timeout=5)
        except threading.BrokenBarrierError:
            pass
        a = send()
        with done:
            answers.append(a)

    threads = [threading.Thread(target=one, daemon=True) for _ in range(copies)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def parse_upstream(url: str) -> tuple[str, str, int, str]:
    """``(scheme, host, port, base path)`` of an ``http://`` upstream URL."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"upstream must be an http:// URL, not {url!r}")
    return "http", parts.hostname, parts.port or 80, parts.path.rstrip("/")


def hop_headers(headers: Any) -> frozenset[str]:
    """Hop-by-hop header names, including those the Connection header lists."""
    listed = {t.strip().lower() for v in headers.get_all("Connection") or () for t in v.split(",")}
    return HOP_BY_HOP | frozenset(t for t in listed if t)


def problem(status: int, code: str, message: str, *, error: bool = False) -> Answer:
    body = json.dumps({"code": code, "message": message, "data": {}}).encode()
    return Answer(status, "", [("Content-Type", "application/json")], body,
                  error=message if error else "")


def read_body(h: BaseHTTPRequestHandler) -> bytes:
    """The whole request body: chunked or ``Content-Length`` (none: empty)."""
    te = ",".join(h.headers.get_all("Transfer-Encoding") or ()).lower()
    if "chunked" in te:
        return read_chunked(h.rfile)
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


def read_chunked(rfile: Any) -> bytes:
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


def write_answer(h: ProxyHandler, answer: Answer, *, head: bool) -> None:
    h.send_response_only(answer.status, answer.reason or None)
    for k, v in answer.headers:
        h.send_header(k, v)
    if answer.status not in NO_BODY_STATUS and not 100 <= answer.status < 200:
        length = answer.length if head and answer.length is not None else len(answer.body)
        h.send_header("Content-Length", str(length))
    h.send_header("Connection", "close")
    h.end_headers()
    if not head and answer.status not in NO_BODY_STATUS:
        h.wfile.write(answer.body)
    h.wfile.flush()


def abort(h: ProxyHandler, *, rst: bool) -> None:
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


def shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


"""``pos-cloud serve --workers 2``: the workers die with their supervisor, so a server
killed with SIGKILL can be started again on the same port."""

from __future__ import annotations

import functools
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT_S = 90.0
slow_wait = functools.partial(wait_until, timeout_s=TIMEOUT_S, every_s=0.1)  # processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
            return bool(r.status == 200)
    except OSError:
        return False


def port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


class Serve:
    """Starts ``pos-cloud serve --workers 2`` on a port; ``workers``: pids a test saw, killed
    at the end if a failing run left them behind."""

    def __init__(self, pg_url: str, tmp_path: Path) -> None:
        self.pg_url = pg_url
        self.tmp_path = tmp_path
        self.started: list[subprocess.Popen[bytes]] = []
        self.workers: list[int] = []

    def __call__(self, port: int) -> subprocess.Popen[bytes]:
        log = (self.tmp_path / f"serve-{len(self.started)}.log").open("wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "--database-url", self.pg_url,
             "--data-dir", str(self.tmp_path / "data"), "serve", "--host", "127.0.0.1",
             "--port", str(port), "--workers", "2"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL, stderr=log)
        self.started.append(proc)
        return proc


@pytest.fixture
def serve(pg_url: str, tmp_path: Path) -> Iterator[Serve]:
    servers = Serve(pg_url, tmp_path)
    yield servers
    for pid in servers.workers:  # what a failing run left behind, by pid
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    for proc in servers.started:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)


def test_killing_the_supervisor_frees_the_port_for_a_restart(serve: Serve) -> None:
    port = free_port()
    first = serve(port)
    slow_wait(lambda: healthy(port), what="the first server answers")
    slow_wait(lambda: len(children(first.pid)) >= 2, what="both workers run")
    workers = children(first.pid)
    serve.workers.extend(workers)

    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    slow_wait(lambda: not any(alive(pid) for pid in workers), what="the workers are gone")
    slow_wait(lambda: port_free(port), what="the port is free")

    second = serve(port)
    slow_wait(lambda: healthy(port), what="the restarted server answers")
    assert second.poll() is None

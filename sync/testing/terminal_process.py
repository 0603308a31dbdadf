"""Headless terminals as separate processes (``sync.testing.terminal_worker``) for the chaos
test: each has its own SQLite database and credential, sells and syncs on its own.

    t = TerminalProcess(db=tmp / "t1.db", cloud_url=proxy.base_url,
                        credential_file=tmp / "t1.cred", sales=40, seed=1)
    t.start()
    summary = t.wait(timeout_s=120)      # the worker's JSON summary (a dict)
    # or t.kill() to pull the plug on it, then t.start() again on the same database

The terminal's own state (outbox event ids, ledgers) is read from its database afterwards,
e.g. with ``outbox_event_uuids(db)``.

A chaos run end to end (tried against the real cloud on SQLite and PostgreSQL: 3 terminals ×
25 sales, cloud SIGKILLed and restarted mid-run, ~30 s, cloud event ids == terminals')::

    cloud = CloudProcess(url, tmp / "cloud")
    cloud.migrate()
    cloud.cli("create-store", "S001", "Store one")
    cloud.cli("import-products", str(DEMO_CSV))
    codes = [cloud.cli("enroll-code", "S001").stdout.strip() for _ in range(3)]
    with FaultProxy(cloud.start(), seed=5) as proxy:
        terms = [TerminalProcess(db=tmp / f"t{i}.db", cloud_url=proxy.base_url,
                                 credential_file=tmp / f"t{i}.cred", sales=25, seed=i,
                                 terminal_code=f"T0{i + 1}", sync_every=3,
                                 extra_args=["--enroll-code", code, "--pause-ms", "20"])
                 for i, code in enumerate(codes)]
        for t in terms:
            t.start()
        time.sleep(2)  # enrolled
        proxy.add_rule(FaultRule("drop_response", path="/v1/push", probability=0.2))
        proxy.add_rule(FaultRule("duplicate", path="/v1/push", probability=0.2, concurrent=True))
        proxy.add_rule(FaultRule("error", path="/v1/", probability=0.1))
        proxy.add_rule(FaultRule("delay_request", probability=0.2, delay_ms=50))
        proxy.add_rule(FaultRule("reset", probability=0.05, hold_ms=100))
        time.sleep(1.5)
        cloud.restart()  # SIGKILL, then start again on the same port
        assert all(t.wait(180)["drained"] for t in terms)
    # cloud: SELECT event_uuid FROM applied_event == union of outbox_event_uuids(t.db)
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sync.testing.cloud_process import REPO_ROOT

__all__ = ["TerminalProcess", "TerminalProcessError", "outbox_event_uuids"]


class TerminalProcessError(RuntimeError):
    """The worker failed or did not finish in time."""


class TerminalProcess:
    """One ``terminal_worker`` run; ``start`` again after ``kill`` resumes on the same db."""

    def __init__(
        self,
        *,
        db: Path | str,
        cloud_url: str = "",
        credential_file: Path | str | None = None,
        sales: int = 10,
        seed: int = 0,
        store_code: str = "S001",
        terminal_code: str = "T01",
        sync_every: int = 5,
        drain_timeout_s: float = 60.0,
        no_sync: bool = False,
        extra_args: Sequence[str] = (),
        env: dict[str, str] | None = None,
    ) -> None:
        self.db = Path(db)
        self.log_path = self.db.with_suffix(".worker.log")
        self.args = ["--db", str(self.db), "--sales", str(sales), "--seed", str(seed),
                     "--store-code", store_code, "--terminal-code", terminal_code,
                     "--sync-every", str(sync_every), "--drain-timeout", str(drain_timeout_s)]
        if no_sync:
            self.args.append("--no-sync")
        else:
            self.args += ["--cloud", cloud_url, "--credential", str(credential_file)]
        self.args += list(extra_args)
        self.extra_env = dict(env or {})
        self._proc: subprocess.Popen[bytes] | None = None
        self._out: Any = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self) -> None:
        if self.running:
            raise TerminalProcessError("this terminal is already running")
        self.db.parent.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
        env["PYTHONUNBUFFERED"] = "1"
        env.update(self.extra_env)
        self._close_out()
        self._out = open(self.log_path, "ab")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "sync.testing.terminal_worker", *self.args],
            cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=self._out,
            stderr=subprocess.STDOUT, start_new_session=True)

    def wait(self, timeout_s: float = 120.0) -> dict[str, Any]:
        """Wait for the worker to exit; its summary, or ``TerminalProcessError``."""
        if self._proc is None:
            raise TerminalProcessError("this terminal was never started")
        try:
            code = self._proc.wait(timeout_s)
        except subprocess.TimeoutExpired as exc:
            self.kill()
            raise TerminalProcessError(
                f"terminal {self.db.name} did not finish in {timeout_s} s:\n"
                f"{self.output(tail=4000)}") from exc
        self._close_out()
        summary = self.summary()
        if code not in (0, 3) or summary is None:
            raise TerminalProcessError(
                f"terminal {self.db.name} exited {code}:\n{self.output(tail=4000)}")
        summary["returncode"] = code
        return summary

    def kill(self) -> None:
        """SIGKILL the worker (a power cut at a random point)."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(10)
        self._close_out()

    def _close_out(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def output(self, tail: int | None = None) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""
        return text[-tail:] if tail else text

    def summary(self) -> dict[str, Any] | None:
        """The last JSON summary line the worker printed (None if none yet)."""
        for line in reversed(self.output().splitlines()):
            if line.startswith("{"):
                try:
                    data = json.loads(line)
                except ValueError:
                    continue
                if isinstance(data, dict):
                    return data
        return None


def outbox_event_uuids(db: Path | str, *, acked_only: bool = False) -> set[str]:
    """The event ids in a terminal database's outbox (read only; the worker should be done)."""
    import sqlite3

    conn = sqlite3.connect(str(db), timeout=10)
    try:
        sql = "SELECT event_uuid FROM outbox_event"
        if acked_only:
            sql += " WHERE acked_at IS NOT NULL"
        return {str(r[0]) for r in conn.execute(sql)}
    finally:
        conn.close()

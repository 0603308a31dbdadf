"""The real cloud server as a subprocess, for end-to-end sync tests.

    cloud = CloudProcess(database_url=url, data_dir=tmp_path / "cloud")
    cloud.migrate()                       # pos-cloud migrate
    cloud.cli("create-store", "S001")     # any pos-cloud command, same environment
    base_url = cloud.start()              # pos-cloud serve --host 127.0.0.1 --port P; healthy
    cloud.kill()                          # SIGKILL: "server killed mid-batch"
    cloud.restart()                       # same port, same database

The server is started as ``python -m sync.server.cli serve --host {host} --port {port}``
(the ``pos-cloud`` entry point) with ``POS_CLOUD_DATABASE_URL`` and ``POS_CLOUD_DATA_DIR``
set; ``command``/``cli_command`` override that (placeholders ``{python}``, ``{host}``,
``{port}``, ``{data_dir}``, ``{database_url}``), e.g. ``UVICORN_FACTORY_COMMAND``. It is
healthy once ``GET health_path`` answers below 500. Its output goes to ``data_dir/cloud.log``
(``output()``), never to a pipe that could fill up.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = [
    "CLI_COMMAND",
    "REPO_ROOT",
    "SERVE_COMMAND",
    "UVICORN_FACTORY_COMMAND",
    "CloudProcess",
    "CloudProcessError",
    "free_port",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
SERVE_COMMAND: tuple[str, ...] = (
    "{python}", "-m", "sync.server.cli", "serve", "--host", "{host}", "--port", "{port}")
UVICORN_FACTORY_COMMAND: tuple[str, ...] = (
    "{python}", "-m", "uvicorn", "--factory", "sync.server.app:create_app",
    "--host", "{host}", "--port", "{port}", "--log-level", "info")
# What uvicorn logs once *it* holds the port: a health answer without it came from another
# process on that port (two test runs at once), not from ours.
READY_MARKER = "Uvicorn running on"
BIND_FAILED = ("address already in use", "[errno 98]")
PORT_ATTEMPTS = 5  # a picked port taken before the server bound it: pick another
CLI_COMMAND: tuple[str, ...] = ("{python}", "-m", "sync.server.cli")


class CloudProcessError(RuntimeError):
    """The cloud did not start, did not get healthy, or a CLI command failed."""


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now (the OS's pick)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class CloudProcess:
    """One cloud server process; ``port=0`` picks a free port once, kept across restarts."""

    def __init__(
        self,
        database_url: str | None,
        data_dir: Path | str,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        command: Sequence[str] = SERVE_COMMAND,
        cli_command: Sequence[str] = CLI_COMMAND,
        env: Mapping[str, str] | None = None,
        health_path: str = "/openapi.json",
        startup_timeout_s: float = 30.0,
        cwd: Path | str = REPO_ROOT,
        ready_marker: str | None = "",
    ) -> None:
        if host not in ("127.0.0.1", "::1"):
            raise ValueError("the test cloud listens on loopback only")
        self.database_url = database_url
        self.data_dir = Path(data_dir)
        self.host = host
        self.port = port or free_port(host)
        self._port_picked = not port  # ours to change until the first start succeeds
        # What the server logs once it holds its port ("": uvicorn's line for the uvicorn
        # commands, nothing to wait for with another command; None: never wait for it).
        self.ready_marker = ready_marker if ready_marker != "" else (
            READY_MARKER if tuple(command) in (SERVE_COMMAND, UVICORN_FACTORY_COMMAND)
            else None)
        self._log_from = 0  # where this start's output begins in the log
        self.command = tuple(command)
        self.cli_command = tuple(cli_command)
        self.extra_env = dict(env or {})
        self.health_path = health_path
        self.startup_timeout_s = startup_timeout_s
        self.cwd = Path(cwd)
        self.log_path = self.data_dir / "cloud.log"
        self.starts = 0
        self._proc: subprocess.Popen[bytes] | None = None

    # ---- environment -------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def environ(self) -> dict[str, str]:
        """The environment the server and CLI commands run with."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
        env["PYTHONUNBUFFERED"] = "1"
        env["POS_CLOUD_DATA_DIR"] = str(self.data_dir)
        if self.database_url:
            env["POS_CLOUD_DATABASE_URL"] = self.database_url
        else:
            env.pop("POS_CLOUD_DATABASE_URL", None)  # the server's SQLite default
        env.update(self.extra_env)
        return env

    def _fill(self, parts: Sequence[str]) -> list[str]:
        values = {"python": sys.executable, "host": self.host, "port": str(self.port),
                  "data_dir": str(self.data_dir), "database_url": self.database_url or ""}
        return [p.format(**values) for p in parts]

    # ---- CLI ---------------------------------------------------------------------------

    def cli(self, *args: str, timeout_s: float = 120.0, check: bool = True
            ) -> subprocess.CompletedProcess[str]:
        """Run a ``pos-cloud`` command (``migrate``, ``create-store`` …) against this cloud."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [*self._fill(self.cli_command), *args], cwd=self.cwd, env=self.environ(),
            capture_output=True, text=True, timeout=timeout_s, check=False)
        if check and done.returncode != 0:
            raise CloudProcessError(
                f"pos-cloud {' '.join(args)} exited {done.returncode}:\n"
                f"{done.stdout[-4000:]}{done.stderr[-4000:]}")
        return done

    def migrate(self) -> None:
        """``pos-cloud migrate``."""
        self.cli("migrate")

    # ---- the server --------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def returncode(self) -> int | None:
        return self._proc.poll() if self._proc is not None else None

    def start(self, *, wait: bool = True) -> str:
        """Start the server (its own process group) and wait until healthy; ``base_url``.

        A port picked by the OS can be taken by another process before the server binds it
        (two test runs on one machine): the first start then picks another port and tries
        again. Restarts keep the port (clients know it).
        """
        for attempt in range(PORT_ATTEMPTS):
            self._spawn()
            if not wait:
                return self.base_url
            try:
                self.wait_healthy()
            except CloudProcessError:
                if not (self._port_picked and attempt + 1 < PORT_ATTEMPTS
                        and self._bind_failed()):
                    raise
                self.kill()
                self.port = free_port(self.host)
                continue
            self._port_picked = False
            return self.base_url
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def _bind_failed(self) -> bool:
        out = self._this_start_output().lower()
        return any(sign in out for sign in BIND_FAILED)

    def _this_start_output(self) -> str:
        try:
            with open(self.log_path, "rb") as log:
                log.seek(self._log_from)
                return log.read().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def _spawn(self) -> None:
        if self.running:
            raise CloudProcessError("the cloud is already running")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.starts += 1
        self._log_from = self.log_path.stat().st_size if self.log_path.exists() else 0
        with open(self.log_path, "ab") as log:
            log.write(f"\n--- start {self.starts}: port {self.port}\n".encode())
            log.flush()
            self._proc = subprocess.Popen(
                self._fill(self.command), cwd=self.cwd, env=self.environ(),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)

    def wait_healthy(self, timeout_s: float | None = None) -> None:
        """Poll ``GET health_path`` until it answers below 500; raise with the log if not."""
        deadline = time.monotonic() + (timeout_s or self.startup_timeout_s)
        url = self.base_url + self.health_path
        last = "no answer yet"
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                raise CloudProcessError(
                    f"the cloud exited with {self.returncode} before it was healthy:\n"
                    f"{self.output(tail=4000)}")
            if self.ready_marker and self.ready_marker not in self._this_start_output():
                last = "the server has not bound its port yet"
                time.sleep(0.05)
                continue
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status < 500:
                        return
                    last = f"HTTP {resp.status}"
            except urllib.error.HTTPError as exc:
                if exc.code < 500:
                    return
                last = f"HTTP {exc.code}"
            except OSError as exc:
                last = str(exc)
            time.sleep(0.05)
        raise CloudProcessError(
            f"the cloud was not healthy at {url} within the timeout ({last}):\n"
            f"{self.output(tail=4000)}")

    def kill(self) -> None:
        """SIGKILL the server and its children at once (no shutdown, no cleanup)."""
        self._signal(signal.SIGKILL)
        self._reap(10.0)

    def stop(self, timeout_s: float = 10.0) -> None:
        """SIGTERM (graceful), SIGKILL if it is still there after ``timeout_s``."""
        if not self.running:
            self._reap(0.1)
            return
        self._signal(signal.SIGTERM)
        if not self._reap(timeout_s):
            self.kill()

    def restart(self, *, hard: bool = True) -> str:
        """Kill (``hard``) or stop the server, start it again on the same port."""
        if hard:
            self.kill()
        else:
            self.stop()
        return self.start()

    def _signal(self, sig: int) -> None:
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)  # the group we created with start_new_session
        except ProcessLookupError:
            pass

    def _reap(self, timeout_s: float) -> bool:
        proc = self._proc
        if proc is None:
            return True
        try:
            proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            return False
        return True

    def output(self, tail: int | None = None) -> str:
        """What the server wrote (every start), or its last ``tail`` characters."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""
        return text[-tail:] if tail else text

    def __enter__(self) -> CloudProcess:
        if not self.running:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

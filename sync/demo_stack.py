"""``make run``: the demo cloud (SQLite) beside the demo till, connected to each other.

Seeds the demo chain in the cloud once, starts ``pos-cloud serve``, enrolls the till the
first time (again when the cloud is new or no longer knows it), then runs the till with
simulated devices pointed at the cloud, and stops the cloud when the till closes. The
cloud's status page shows sales arriving; stock and points come back to the till.

SIGTERM or SIGINT (Ctrl+C) stop it cleanly: the till is asked to quit (it closes as after
Ctrl+Q), then the cloud is stopped, and the exit code is 0 (``make run`` reports no error).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import FrameType
from typing import Any

from platformdirs import user_data_dir

CLOUD = [sys.executable, "-m", "sync.server.cli"]
TILL = [sys.executable, "-m", "pos_app"]
STORE = "S001"
TERMINAL = "T01"


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class _Stopped(Exception):
    """A stop was asked for before the till was running."""


class _Stopper:
    """While installed, SIGTERM/SIGINT stop the stack: the running till is told to quit
    (SIGTERM, which it takes as Ctrl+Q); before the till runs, the start is abandoned."""

    def __init__(self) -> None:
        self.till: subprocess.Popen[bytes] | None = None
        self.asked = False
        self._old: dict[int, Any] = {}  # the handlers before (signal.signal's own type)

    def __enter__(self) -> _Stopper:
        self._old = {s: signal.signal(s, self._on_signal) for s in STOP_SIGNALS}
        return self

    def __exit__(self, *_exc: object) -> None:
        for s, handler in self._old.items():
            signal.signal(s, handler)

    def _on_signal(self, _signum: int, _frame: FrameType | None) -> None:
        self.asked = True
        if self.till is None:
            raise _Stopped
        if self.till.poll() is None:
            self.till.send_signal(signal.SIGTERM)

    def run_till(self, cmd: list[str], env: dict[str, str]) -> int:
        """Run the till to its end; its exit code, 0 when it ended on a stop asked for."""
        self.till = subprocess.Popen(cmd, env=env)
        code = self.till.wait()
        # A till stopped before it could take the signal as a quit ends by the signal.
        if self.asked and code in (-signal.SIGTERM, -signal.SIGINT):
            return 0
        return code


def _run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, text=True, capture_output=True, check=False)


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the cloud stopped at start (exit {proc.returncode})")
        try:
            with urllib.request.urlopen(url + "/openapi.json", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the cloud did not answer on {url} within {timeout_s:.0f} s")


def _enroll(url: str, cloud_env: dict[str, str], till_env: dict[str, str]) -> None:
    for attempt in range(2):
        got = _run([*CLOUD, "enroll-code", STORE], cloud_env)
        if got.returncode != 0:
            raise SystemExit(got.stderr or got.stdout)
        code = got.stdout.strip().split()[-1]
        done = _run([*TILL, "enroll", url, code, "--terminal", TERMINAL], till_env)
        if done.returncode == 0:
            print(done.stdout.strip())
            return
        if attempt == 0 and "taken" in (done.stderr + done.stdout).lower():
            # The cloud remembers this till but the till lost its credential: start over.
            _run([*CLOUD, "revoke-terminal", STORE, TERMINAL], cloud_env)
            continue
        raise SystemExit(done.stderr or done.stdout)


def main(argv: list[str] | None = None) -> int:
    """Run the demo cloud and till; returns the till's exit code (0 after SIGTERM/SIGINT)."""
    with _Stopper() as stopper:
        try:
            return _main(argv, stopper)
        except _Stopped:
            return 0


def _main(argv: list[str] | None, stopper: _Stopper) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--port", type=int, default=8700)
    # Its own directory: never the data of a real cloud on this machine.
    p.add_argument("--cloud-dir", type=Path, default=Path(user_data_dir("o2o-cloud-demo")))
    p.add_argument("--no-cloud", action="store_true", help="only the till, offline")
    args, till_args = p.parse_known_args(argv)
    till_env = dict(os.environ)
    if args.no_cloud:
        return stopper.run_till([*TILL, "--demo", "--sim", *till_args], till_env)
    url = f"http://127.0.0.1:{args.port}"
    cloud_env = {k: v for k, v in os.environ.items() if k != "POS_CLOUD_DATABASE_URL"}
    cloud_env["POS_CLOUD_DATA_DIR"] = str(args.cloud_dir)  # its SQLite file, nothing else
    args.cloud_dir.mkdir(parents=True, exist_ok=True)
    seeded = _run([*CLOUD, "seed-demo"], cloud_env)
    if seeded.returncode != 0:
        raise SystemExit(seeded.stderr or seeded.stdout)
    with open(args.cloud_dir / "serve.log", "ab") as log:  # the child keeps its own copy
        cloud = subprocess.Popen(
            [*CLOUD, "serve", "--host", "127.0.0.1", "--port", str(args.port)],
            env=cloud_env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        _wait_healthy(url, cloud)
        from pos_app.config import Settings

        credential = Settings().data_dir / "sync-credential.json"
        if "created" in seeded.stdout and credential.exists():
            credential.unlink()  # a new cloud does not know the old credential
        if not credential.exists():
            _enroll(url, cloud_env, till_env)
        print(f"cloud status page: {url}/   (API docs: {url}/docs)")
        till_env["POS_SYNC__URL"] = url
        return stopper.run_till([*TILL, "--demo", "--sim", *till_args], till_env)
    finally:
        _stop_cloud(cloud)


def _stop_cloud(cloud: subprocess.Popen[bytes]) -> None:
    cloud.terminate()
    while True:
        try:
            cloud.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            cloud.kill()
        except _Stopped:  # another Ctrl+C while it stops: keep waiting for it
            continue


if __name__ == "__main__":
    sys.exit(main())

"""Worker processes of ``pos-cloud serve --workers N`` die with the process that started them.

Uvicorn's supervisor starts the workers and hands them its listening socket. If the
supervisor is killed (``kill -9``, the OOM killer), nothing stops the workers: they keep
serving the port, and a restarted server fails with "Address already in use". So each
worker asks Linux to signal it when its parent dies (``PR_SET_PDEATHSIG``), and a watchdog
thread (any platform) notices the parent is gone and stops the worker.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)
SUPERVISOR_ENV = "POS_CLOUD_SUPERVISOR_PID"  # set by ``serve`` for its workers
_PR_SET_PDEATHSIG = 1
WATCH_INTERVAL_S = 0.5
GRACE_S = 5.0  # after SIGTERM, the time a worker gets to finish its requests


def _stop() -> None:
    log.warning("the supervisor of this worker is gone; stopping")
    os.kill(os.getpid(), signal.SIGTERM)  # uvicorn's graceful shutdown
    time.sleep(GRACE_S)
    os._exit(1)


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_INTERVAL_S)
    _stop()


def die_with_parent(parent_pid: int) -> None:
    """Stop this process when ``parent_pid`` (its parent) dies."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the watchdog still works
            log.warning("prctl(PR_SET_PDEATHSIG) unavailable; relying on the watchdog")
    threading.Thread(target=_watch, args=(parent_pid,), name="supervisor-watchdog",
                     daemon=True).start()  # also covers a parent dead before prctl


def guard_worker() -> None:
    """In a worker started by ``serve`` (the environment names its supervisor): die with it."""
    value = os.environ.get(SUPERVISOR_ENV, "")
    if value.isdigit() and int(value) != os.getpid():
        die_with_parent(int(value))

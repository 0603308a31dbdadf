"""Top-level exception hook: log the trace, show the cashier a translated, generic message."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger("pos_app.crash")

# The window registers a function that shows a message without blocking (its message bar).
_show: Callable[[str], None] | None = None


def set_error_sink(show: Callable[[str], None] | None) -> None:
    """Where uncaught errors are shown; None → logged only."""
    global _show
    _show = show


def _hook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("uncaught error", exc_info=(exc_type, exc, tb))
    if _show is not None and threading.current_thread() is threading.main_thread():
        from pos_app.ui.messages import error_text

        try:
            _show(error_text(exc))
        except Exception:  # the hook itself must never raise
            log.exception("cannot show the error")


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    info = (args.exc_type, args.exc_value, args.exc_traceback)
    log.error("uncaught error in thread %s", args.thread,
              exc_info=info)  # type: ignore[arg-type]  # a None exc_value is logged as such


def install_exception_hook() -> None:
    """Route uncaught exceptions (Qt slots included) to the log and the window."""
    sys.excepthook = _hook
    threading.excepthook = _thread_hook


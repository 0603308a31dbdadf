"""Start the Qt application: settings, language, database, services, the cashier window."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from pos_app.config import Settings, lang_of_locale, load_settings
from pos_app.core.errors import PosError
from pos_app.interpreter import freeze_startup, thaw
from pos_app.ui import i18n
from pos_app.ui.errors_hook import install_exception_hook
from pos_app.ui.messages import error_text
from pos_app.ui.quit_signals import QuitOnSignals, quit_on_signals

log = logging.getLogger(__name__)


def process_age_s() -> float | None:
    """Seconds since this process started, from /proc (None where unavailable)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        # Field 22 (starttime, clock ticks after boot) follows the ")" closing the command name.
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def rss_mb() -> float | None:
    """Resident memory (VmRSS) in MB, from /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


def _settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if args.db:
        overrides["db_path"] = Path(args.db)
    if args.lang:
        overrides["lang"] = args.lang
    if args.mode:
        overrides["mode"] = args.mode
    settings = load_settings(**overrides)
    return settings.with_simulators() if getattr(args, "sim", False) else settings


def _setup_logging(settings: Settings) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        log_dir = settings.data_dir / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_dir / "pos.log", encoding="utf-8"))
    except OSError:
        pass
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
    )
    # One line per sync request is noise; the sync service logs what matters.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    w, _, h = text.lower().partition("x")
    return int(w), int(h)


def _refuse_start(text: str, args: argparse.Namespace) -> None:
    """Tell why the till cannot start: on stderr, and in a message box unless the run
    is a screenshot or a start-up probe."""
    print(text, file=sys.stderr)
    if not (args.screenshot or args.ready_probe):
        QMessageBox.critical(None, "O2O POS", text)


def run(args: argparse.Namespace, *, t0: float) -> int:
    """Run the till until the window closes (Ctrl+Q, SIGTERM, SIGINT); returns the process
    exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("O2O POS")
    # First: a stop asked for while the till starts ends it as soon as its loop runs.
    stopper = quit_on_signals(app)
    try:
        return _run(app, args, t0=t0, stopper=stopper)
    finally:
        stopper.uninstall()


def _run(app: QApplication, args: argparse.Namespace, *, t0: float,
         stopper: QuitOnSignals) -> int:
    try:
        settings = _settings_from(args)
    except PosError as exc:  # a setting that is not valid: say which, no traceback
        lang = args.lang or lang_of_locale(QLocale.system().name())
        i18n.install_translators(app, lang)
        logging.basicConfig(level=logging.INFO)
        log.error("cannot start: %s", exc)
        _refuse_start(error_text(exc, lang), args)
        return 2
    _setup_logging(settings)
    lang = settings.resolved_lang(QLocale.system().name())
    i18n.install_translators(app, lang)
    i18n.apply_fonts(app, settings.ui_font_families)
    install_exception_hook()

    # Imported here so the translator and fonts are in place while the heavy modules load.
    from pos_app.services.factory import open_services

    try:
        services = open_services(
            db_path=settings.resolved_db_path(), demo=args.demo, settings=settings
        )
    except Exception as exc:
        log.exception("cannot open the database")
        _refuse_start(error_text(exc, lang), args)
        return 2

    from pos_app.ui.cashier_window import CashierWindow

    window = CashierWindow(services=services, settings=settings, lang=lang)
    window.sig_quit.connect(app.quit)
    size = _parse_size(args.size)
    if size:
        window.resize(*size)
        window.show()
    elif args.screenshot or args.ready_probe:
        window.show()
    else:
        # A till runs its window full-screen-sized; without a window manager (kiosk, Xvfb)
        # showMaximized() does nothing, so size it to the screen by hand too.
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.availableGeometry())
        window.showMaximized()
    for code in args.scan:
        window.scan(code)
    if not args.screenshot:  # the ready probe measures the till as it runs, sync included
        services.start_background()  # sync, and the store's checkpoints and retention

    def when_ready() -> None:
        if args.ready_probe:
            elapsed = time.perf_counter() - t0
            age = process_age_s()
            ready = max(elapsed, age) if age is not None else elapsed
            print(json.dumps({"ready_s": round(ready, 4), "since_main_s": round(elapsed, 4),
                              "rss_mb": rss_mb()}), flush=True)
            app.quit()
        elif args.screenshot:
            app.processEvents()
            ok = window.grab().save(args.screenshot, "PNG")
            if not ok:
                print(f"cannot save {args.screenshot}", file=sys.stderr)
            app.exit(0 if ok else 1)

    if args.ready_probe or args.screenshot:
        QTimer.singleShot(0, when_ready)
    else:
        QTimer.singleShot(0, _started)
    code = app.exec()
    if stopper.received:
        log.info("quitting on signal %s", signal.Signals(stopper.received[0]).name)
    window.shutdown()
    services.close()
    thaw()
    log.info("closed")
    return code


def _started() -> None:
    freeze_startup()  # the window is up: start-up is over
    log.info("ready")

"""Selling for minutes in the real window configuration: does the till's memory stay put?

The window runs as ``make run`` runs it — every device on its simulator (scanner, printer with
its receipt preview, drawer, scale, camera with its decoder thread, customer display), the
sync service pushing to a local cloud it is enrolled to (``bench.stack``) — on a private copy
of the catalog with 500 active promotions. Each sale is rung up through the window's scan path
(13 keys + Enter as QTest key events, caught by the wedge capture, as ``bench scan`` does),
a member's card on every other sale, then paid exact in cash through the payment dialog (F12,
Enter), which commits it, prints and kicks the drawer. Memory is the process's resident set
(``VmRSS``): after the warm-up sales (``rss_mb_start``), at the end (``rss_mb_end``), and the
growth per sale in between (``rss_kb_per_sale``).
"""

from __future__ import annotations

import itertools
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import dataset, stack
from bench.report import log

LINES = 10  # a store's average basket
WARMUP_SALES = 20
DEFAULT_MINUTES = 3.0
SMALL_MINUTES = 1.0
TIMEOUT_S = 10.0


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _until(app: Any, condition: Any, what: str) -> None:
    """Process events until ``condition()``; a sale step that never happens is an error."""
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}: not within {TIMEOUT_S:.0f} s")
        _process(app)


def _process(app: Any) -> None:
    """What the app's event loop does: ``processEvents`` outside ``exec()`` never runs the
    deferred deletes (``deleteLater``), so a closed dialog would stay in memory here when
    it does not in the till — the soak would measure its own leak."""
    from PySide6.QtCore import QCoreApplication, QEvent

    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class Till:
    """The cashier window as ``make run`` opens it, driven with key events."""

    def __init__(self, db_path: Path, data_dir: Path, url: str) -> None:
        from pos_app.allocator import tune_allocator
        from pos_app.interpreter import freeze_startup, tune_interpreter

        tune_allocator()  # as ``pos_app.__main__`` does first
        tune_interpreter()
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["POS_DATA_DIR"] = str(data_dir)
        os.environ["POS_SYNC__URL"] = url
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from pos_app.config import Settings
        from pos_app.services.demo_session import sign_in_demo
        from pos_app.services.factory import open_services
        from pos_app.ui import i18n
        from pos_app.ui.cashier_window import CashierWindow

        app = QApplication.instance() or QApplication(["bench-soak"])
        assert isinstance(app, QApplication)
        self.app = app
        settings = Settings(db_path=db_path).with_simulators()  # `pos --sim`
        i18n.install_translators(self.app, "zh_CN")
        i18n.apply_fonts(self.app, settings.ui_font_families)
        self.services = open_services(db_path=db_path, settings=settings)
        sign_in_demo(self.services)
        self.window = CashierWindow(services=self.services, settings=settings, lang="zh_CN")
        self.window.show()
        QTest.qWaitForWindowExposed(self.window)
        freeze_startup()  # as ``pos_app.ui.app`` does once the window is up
        self.services.sync.start()
        self.completed = 0
        self.window.sig_sale_completed.connect(self._done)
        self.wedge_scans = 0
        if self.window.cashier_devices.wedge_filter is not None:
            self.window.cashier_devices.wedge_filter.sig_scan.connect(self._wedged)
            # QTest's key events carry no timestamp, so the capture would read the wall clock,
            # and on a loaded machine a stall between two keys turned a scan into typing and
            # the soak stopped with "scan ... not within 10 s": keys arrive 1 ms apart, as a
            # scanner types them (what tests/ui/conftest.py does for the same reason).
            ticks = itertools.count()
            self.window.cashier_devices.wedge_filter._clock = lambda: next(ticks) / 1000

    def _done(self, _sale: object) -> None:
        self.completed += 1

    def _wedged(self, _code: str) -> None:
        self.wedge_scans += 1

    def scan(self, code: str) -> None:
        """A wedge scanner's burst into the window; returns once the cart has changed."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        model, entry = self.window.cart_model, self.window.scan_entry
        lines = self.window.checkout.sale.cart.lines
        before = (len(lines), sum(ln.qty for ln in lines))
        QTest.keyClicks(entry, code)
        QTest.keyClick(entry, Qt.Key.Key_Return)

        def changed() -> bool:
            now = self.window.checkout.sale.cart.lines
            return (len(now), sum(ln.qty for ln in now)) != before and model.rowCount() > 0

        _until(self.app, changed, f"scan of {code} ({self.window.message_bar.text()})")
        _process(self.app)  # the repaint

    def member(self, card: str) -> None:
        self.window.scan(card)
        if self.window.checkout.sale.member is None:
            raise RuntimeError(f"member card not taken ({self.window.message_bar.text()})")

    def pay_exact_cash(self) -> None:
        """F12, then Enter on the empty cash field: exact cash; waits for the commit."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from pos_app.ui.payment_dialog import PaymentDialog

        done = self.completed
        QTest.keyClick(QApplication.focusWidget() or self.window.scan_entry, Qt.Key.Key_F12)
        _until(self.app, lambda: isinstance(self.window.active_dialog, PaymentDialog),
               "the payment dialog")
        dialog = self.window.active_dialog
        assert isinstance(dialog, PaymentDialog)
        QTest.keyClick(dialog.cash_entry, Qt.Key.Key_Return)
        _until(self.app, lambda: self.completed > done, "the sale's commit")
        _until(self.app, lambda: self.window.active_dialog is None and not self.window.runner.busy,
               "the window back to scanning")
        _process(self.app)  # the closed dialog's deferred delete

    def close(self) -> None:
        self.window.close()
        self.window.shutdown()
        self.services.close()
        self.app.processEvents()


def _sell(till: Till, codes: list[str], rng: random.Random, n: int) -> None:
    if n % 2 == 0:
        till.member(stack.MEMBER_CARD)
    for code in rng.sample(codes, LINES):
        till.scan(code)
    till.pay_exact_cash()


def run(*, skus: int, small: bool, minutes: float | None = None,
        sales: int | None = None) -> dict[str, object]:
    if minutes is None and sales is None:
        minutes = SMALL_MINUTES if small else DEFAULT_MINUTES
    cached = dataset.ensure_db(skus)
    codes = list(dict.fromkeys(r[0] for r in dataset.sample_rows(
        cached, "barcode", "code", 2_000, seed=17)))
    rng = random.Random(17)
    with tempfile.TemporaryDirectory(dir=dataset.scratch_dir()) as tmp, \
            stack.local_cloud(Path(tmp)) as cloud:
        directory = Path(tmp)
        db_path = stack.working_db(skus, directory, promoted_codes=codes[:400])
        data_dir = directory / "data"
        stack.enroll(cloud, db_path=db_path, data_dir=data_dir)
        till = Till(db_path, data_dir, cloud.base_url)
        try:
            rss_before = rss_mb()
            log(f"warm-up: {WARMUP_SALES} sales (RSS {rss_before:.0f} MB)")
            for n in range(WARMUP_SALES):
                _sell(till, codes, rng, n)
            rss_start, started = rss_mb(), time.monotonic()
            wedge_start = till.wedge_scans
            n = 0
            goal = (f"{sales} sales" if sales is not None else f"{minutes:g} minutes")
            log(f"selling for {goal} (RSS {rss_start:.0f} MB)")
            while (n < sales) if sales is not None else (
                    time.monotonic() - started < 60 * (minutes or 0)):
                _sell(till, codes, rng, WARMUP_SALES + n)
                n += 1
                if n % 100 == 0:
                    log(f"{n} sales, RSS {rss_mb():.0f} MB")
            elapsed = time.monotonic() - started
            rss_end = rss_mb()
            wedged = till.wedge_scans - wedge_start
            sync = till.services.sync
            sync.sync_now()
            deadline = time.monotonic() + 60
            while sync.state.backlog and time.monotonic() < deadline:
                _process(till.app)
                time.sleep(0.05)
            backlog = sync.state.backlog
        finally:
            till.close()
    return {
        "skus": skus,
        "sales": n,
        "lines_per_sale": LINES,
        "minutes": round(elapsed / 60, 2),
        "sales_per_minute": round(n / elapsed * 60, 1),
        "rss_mb_before_warmup": round(rss_before, 1),
        "rss_mb_start": round(rss_start, 1),
        "rss_mb_end": round(rss_end, 1),
        "rss_kb_per_sale": round((rss_end - rss_start) * 1024 / n, 1) if n else None,
        "warmup_sales": WARMUP_SALES,
        "scans_via_wedge_filter": f"{wedged}/{n * LINES}",
        "sync_backlog_after": backlog,
        "configuration": ("as make run: --sim devices (camera, customer display), sync to a "
                          "local cloud, 500 active promotions, a member on every other sale"),
    }

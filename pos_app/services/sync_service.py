"""Sync with the cloud for the till: enrollment, and ``SyncService``, which runs the sync
client on a worker thread of its own (never the UI thread, never the UI's database writer
thread) on a timer and on demand, and tells the UI what it is doing through a callback.

Selling never waits for sync: the worker's database writes are short background
transactions (``write_tx(..., background=True)``, one chunk of a page each) that give way to
a sale; network waits happen outside any transaction.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Engine

from contract.protocol import CLOCK_SKEW_FLAG_S, STREAMS, EnrollRequest
from pos_app.config import SyncConfig
from pos_app.core.clock import default_now
from pos_app.core.errors import PosError
from pos_app.core.store_info import StoreInfo
from pos_app.store import outbox_quarantine, sync_state, terminal
from pos_app.store.outbox_quarantine import QuarantinedEvent as QuarantinedEvent
from sync.client_credential import (
    Credential,
    credential_path,
    load_credential,
    save_credential,
)

if TYPE_CHECKING:  # httpx and the client load on the worker's first sync, not at start-up
    import httpx

    from sync.client import RetryPolicy, SyncClient, SyncReport

log = logging.getLogger(__name__)

Phase = Literal["not_enrolled", "starting", "syncing", "online", "offline", "error"]
PROGRESS_EVERY_S = 0.1  # progress reaches the UI at most this often
MAX_BACKOFF_S = 300.0



def _parse(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class SyncState:
    """What the status bar and the details dialog show (a snapshot; never mutated)."""

    phase: Phase
    url: str = ""
    store_code: str = ""
    store_name: str = ""
    terminal_code: str = ""
    backlog: int = 0
    last_success_at: datetime | None = None
    last_error_key: str = ""
    last_error_data: Mapping[str, object] = field(default_factory=dict)
    last_error_at: datetime | None = None
    cursors: Mapping[str, int] = field(default_factory=dict)
    server_cursor: int | None = None
    clock_skew_s: float | None = None
    progress: tuple[str, int, int | None] | None = None  # (stream, done, total) while pulling
    quarantined: int = 0  # events the cloud could not accept (kept, shown, repairable)
    quarantine: tuple[QuarantinedEvent, ...] = ()  # the oldest of them

    @property
    def enrolled(self) -> bool:
        """Whether the till has a credential."""
        return self.phase != "not_enrolled"

    @property
    def skew_flagged(self) -> bool:
        """The till's clock is more than ``CLOCK_SKEW_FLAG_S`` off the cloud's."""
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > CLOCK_SKEW_FLAG_S


Listener = Callable[[SyncState], None]
PulledListener = Callable[[object], None]


class SyncService:
    """The till's sync: ``start()`` a worker thread that syncs every ``interval_s`` (sooner
    after ``sync_now()`` or a sale), ``state`` for the UI, ``subscribe`` to hear changes
    (called on the worker thread: the UI adapts them to Qt signals). After a pull changed
    reference data, ``load_pulled`` (``set_reference_loader``) reads it on the worker and
    ``subscribe_pulled`` listeners get what it built, to put in use on their own thread."""

    def __init__(
        self, *, engine: Engine, config: SyncConfig, data_dir: Path,
        credential: Credential | None = None, transport: httpx.BaseTransport | None = None,
        load_pulled: Callable[[frozenset[str]], object] | None = None,
        clock: Callable[[], datetime] = default_now, sleep: Callable[[float], None] | None = None,
        retry: RetryPolicy | None = None, app_version: str = "",
    ) -> None:
        self._engine = engine
        self.config = config
        self.data_dir = Path(data_dir)
        self._transport = transport
        self._load_pulled = load_pulled
        self._pulled_listeners: list[PulledListener] = []
        self._clock = clock
        self._stop = threading.Event()
        # Backoff sleeps end at once when the service stops (the app is closing).
        self._sleep: Callable[[float], None] = sleep or self._pause
        self._retry = retry
        self._app_version = app_version
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._recount = False
        self._repairs: list[str] = []  # event uuids to repair and resend (on the worker)
        self._next_at = 0.0
        self._failures = 0
        self._last_progress = 0.0
        self._client: SyncClient | None = None
        if credential is None:
            try:
                credential = load_credential(credential_path(self.data_dir))
            except PosError as exc:
                log.error("the sync credential cannot be used: %s", exc)
                credential = None
        self.credential = credential
        self._state = self._initial_state()

    def set_reference_loader(self, load: Callable[[frozenset[str]], object] | None) -> None:
        """What to read (on the worker) when a pull changed some streams' local copy; what
        it returns goes to the ``subscribe_pulled`` listeners (it must not be put in use
        here: the worker never assigns what the UI thread reads)."""
        self._load_pulled = load

    def subscribe_pulled(self, listener: PulledListener) -> Callable[[], None]:
        """Call ``listener(built)`` (on the worker) with what the reference loader read after
        a pull; returns the unsubscribe function."""
        with self._lock:
            self._pulled_listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._pulled_listeners:
                    self._pulled_listeners.remove(listener)

        return unsubscribe

    def _pause(self, seconds: float) -> None:
        self._stop.wait(seconds)

    # ---- state ------------------------------------------------------------------------

    @property
    def state(self) -> SyncState:
        """The latest snapshot."""
        return self._state

    @property
    def url(self) -> str:
        """The cloud this till talks to (the setting, else the enrolled URL)."""
        return self.config.url or (self.credential.url if self.credential else "")

    def is_online(self) -> bool:
        """Whether the last contact with the cloud worked (points redemption caps)."""
        return self._state.phase in ("online", "syncing") and self._state.last_error_key in (
            "", "sync.verify_mismatch")

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(state)`` on every change; returns the unsubscribe function."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def _set(self, state: SyncState) -> None:
        with self._lock:
            self._state = state
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(state)
            except Exception:  # a listener's bug must not stop sync
                log.exception("sync listener failed")

    def _initial_state(self) -> SyncState:
        cred = self.credential
        if cred is None:
            return SyncState(phase="not_enrolled", url=self.config.url)
        base = SyncState(phase="starting", url=self.url, store_code=cred.store_code,
                         store_name=cred.store_name, terminal_code=cred.terminal_code)
        return self._with_local(base)

    def _with_local(self, state: SyncState) -> SyncState:
        """``state`` with what the database says: backlog, cursors, last success/error."""
        status = sync_state.get_status(engine=self._engine)
        backlog = sync_state.backlog(engine=self._engine, terminal_code=state.terminal_code)
        held = outbox_quarantine.quarantined_count(engine=self._engine,
                                                   terminal_code=state.terminal_code)
        listed = tuple(outbox_quarantine.quarantined_events(
            engine=self._engine, terminal_code=state.terminal_code)) if held else ()
        return replace(
            state, backlog=backlog, quarantined=held, quarantine=listed,
            cursors=sync_state.cursors(engine=self._engine),
            last_success_at=_parse(status.last_success_at),
            last_error_key=status.last_error_key, last_error_data=status.last_error_data,
            last_error_at=_parse(status.last_error_at), server_cursor=status.server_cursor,
            clock_skew_s=status.clock_skew_s)

    # ---- the worker --------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker thread (nothing happens when the till is not enrolled)."""
        if self.credential is None or self._thread is not None:
            return
        self._stop.clear()
        self._next_at = 0.0
        self._thread = threading.Thread(target=self._loop, name="pos-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop the worker (a sync in flight finishes its current request first)."""
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout_s)
            if thread.is_alive():  # a request still waits for its timeout; let it end alone
                log.warning("sync worker still busy at exit")
                return
        if self._client is not None:
            self._client.close()
            self._client = None

    def sync_now(self) -> None:
        """Sync at once (on the worker), e.g. from the details dialog's button."""
        self._next_at = 0.0
        self._wake.set()

    def repair_and_resend(self, event_uuid: str) -> None:
        """Repair a quarantined event's text and push it again: done on the worker, which
        syncs at once (see ``outbox_quarantine.repair_and_resend``)."""
        with self._lock:
            self._repairs.append(event_uuid)
        self.sync_now()

    def _run_repairs(self, terminal_code: str) -> None:
        with self._lock:
            repairs, self._repairs = self._repairs, []
        for event_uuid in repairs:
            try:
                n = outbox_quarantine.repair_and_resend(
                    engine=self._engine, terminal_code=terminal_code, event_uuid=event_uuid)
            except PosError as exc:  # the dialog offers only repairable events; a race
                log.warning("sync: event %s not repaired: %s", event_uuid, exc)
            else:
                log.info("sync: event %s repaired (%s characters replaced), sending it again",
                         event_uuid, n)

    def note_local_change(self) -> None:
        """A sale (or another event) was written: recount the backlog, push soon (unless
        the cloud is unreachable: then the backoff decides)."""
        if self.credential is None:
            return
        if self._failures == 0:
            self._next_at = min(self._next_at, time.monotonic() + self.config.push_delay_s)
        self._recount = True
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(max(0.0, self._next_at - time.monotonic()))
            self._wake.clear()
            if self._stop.is_set():
                break
            if time.monotonic() < self._next_at:
                if self._recount:
                    self._recount = False
                    self._refresh()
                continue
            self._recount = False
            try:
                self.run_once()
            except Exception:  # never let the worker die
                log.exception("sync worker")

    def _schedule(self, ok: bool) -> None:
        interval = self.config.interval_s
        if ok:
            self._failures = 0
            delay = interval
        else:
            self._failures += 1
            delay = min(max(MAX_BACKOFF_S, interval), interval * 2 ** min(self._failures - 1, 8))
            delay *= 0.75 + random.random() / 2  # jitter: terminals do not retry in step
        self._next_at = time.monotonic() + delay

    def _refresh(self) -> None:
        try:
            self._set(self._with_local(self._state))
        except Exception:
            log.exception("sync: cannot read the local sync state")

    def _make_client(self) -> SyncClient:
        from sync.client import RetryPolicy, SyncClient

        cred = self.credential
        assert cred is not None
        cfg = self.config
        return SyncClient(
            base_url=self.url, credential=cred.credential, store_code=cred.store_code,
            terminal_code=cred.terminal_code, engine=self._engine, batch=cfg.batch,
            page=cfg.page, initial_page=cfg.initial_page, keep_acked_days=cfg.keep_acked_days,
            verify_every_s=cfg.verify_every_s, timeout_s=cfg.timeout_s,
            retry=self._retry or RetryPolicy(attempts=cfg.retry_attempts,
                                             initial_s=cfg.retry_s, max_s=max(cfg.retry_s, 8.0),
                                             jitter_s=cfg.retry_s),
            transport=self._transport, clock=self._clock, sleep=self._sleep,
            app_version=self._app_version)

    def _on_progress(self, stream: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self._last_progress < PROGRESS_EVERY_S and done != total:
            return
        self._last_progress = now
        self._set(replace(self._state, progress=(stream, done, total)))

    def run_once(self, *, verify: bool | None = None) -> SyncReport | None:
        """One sync on the calling thread (the worker, or a test); the state tells how it
        went. Returns the report, None when it failed or the till is not enrolled."""
        from sync.client import SyncError, SyncOffline

        if self.credential is None:
            return None
        if self._client is None:
            self._client = self._make_client()
        at = self._clock().isoformat()
        self._run_repairs(self.credential.terminal_code)
        self._set(replace(self._state, phase="syncing", progress=None))
        report: SyncReport | None = None
        phase: Phase
        error: tuple[str, Mapping[str, object]] = ("", {})
        try:
            report = self._client.sync_once(progress=self._on_progress, verify=verify)
        except SyncOffline as exc:
            phase, error = "offline", (exc.key, exc.data)
        except SyncError as exc:
            phase, error = "error", (exc.key, exc.data)
        except Exception as exc:  # a bug or the database: told, logged, tried again later
            log.exception("sync failed")
            phase, error = "error", ("sync.failed", {"detail": type(exc).__name__})
        else:
            error = _warning(report)
            # A stream stopped at a change it cannot apply needs someone to look at it.
            phase = "error" if report.rejected else "online"
        self._schedule(report is not None)
        try:
            values: dict[str, object] = {"last_attempt_at": at, "last_error_key": error[0],
                                         "last_error_data": dict(error[1])}
            if report is not None:
                values["last_success_at"] = self._clock().isoformat()
            if error[0]:
                values["last_error_at"] = at
            if report is not None and report.verified:
                values["last_verify_at"] = at
            sync_state.update_status(engine=self._engine, **values)
        except Exception:
            log.exception("sync: cannot save the sync status")
        if report is not None and report.changed_streams and self._load_pulled is not None:
            self._hand_over(self._load_pulled, report.changed_streams)
        done = replace(self._state, phase=phase, progress=None)
        try:
            done = self._with_local(done)
        except Exception:
            log.exception("sync: cannot read the local sync state")
        self._set(done)
        if error[0] and report is None:
            log.warning("sync: %s %s", error[0], dict(error[1]))
        return report


    def _hand_over(self, load: Callable[[frozenset[str]], object],
                   streams: frozenset[str]) -> None:
        try:
            built = load(streams)
        except Exception:
            log.exception("sync: reading the pulled reference data failed")
            return
        with self._lock:
            listeners = list(self._pulled_listeners)
        for listener in listeners:
            try:
                listener(built)
            except Exception:  # a listener's bug must not stop sync
                log.exception("sync: pulled-data listener failed")


def _warning(report: SyncReport) -> tuple[str, Mapping[str, object]]:
    """What a sync that finished still has to say (a stream stopped, days that differ)."""
    for stream in STREAMS:
        rejected = report.rejected.get(stream)
        if rejected is not None:
            return rejected.key, dict(rejected.data)
    if report.still_mismatched:
        return "sync.verify_mismatch", {"dates": ", ".join(report.still_mismatched)}
    return "", {}


# ---- enrollment ----------------------------------------------------------------------------


def enroll_database(*, db_path: Path, data_dir: Path, url: str, code: str,
                    terminal_code: str | None = None, device_name: str = "",
                    clock: Callable[[], datetime] = default_now) -> Credential:
    """``enroll_terminal`` on the till's database file (opened here and closed again): for
    the ``pos enroll`` command, which has no services running."""
    from pos_app.store import db

    engine = db.open_database(db_path)
    try:
        return enroll_terminal(engine=engine, data_dir=data_dir, url=url, code=code,
                               terminal_code=terminal_code, device_name=device_name,
                               clock=clock)
    finally:
        engine.dispose()


def enroll_terminal(
    *, engine: Engine, data_dir: Path, url: str, code: str, terminal_code: str | None = None,
    device_name: str = "", transport: httpx.BaseTransport | None = None,
    clock: Callable[[], datetime] = default_now,
) -> Credential:
    """Enroll this till with a one-time code from head office: save the credential (0600),
    take the cloud's store as the till's store (keeping its terminal code, address, tax and
    rounding modes), and start over with the cloud when it is another one."""
    from sync.client import enroll

    old_info = terminal.get_store_info(engine=engine) if terminal.has_store_info(
        engine=engine) else None
    terminal_code = terminal_code or (old_info.terminal_code if old_info else "T01")
    answer = enroll(url, EnrollRequest(enrollment_code=code.strip(), terminal_code=terminal_code,
                                       device_name=device_name[:64]), transport=transport)
    path = credential_path(data_dir)
    try:
        previous = load_credential(path)
    except PosError:
        previous = None
    cred = Credential(url=url.rstrip("/"), store_code=answer.store_code,
                      store_name=answer.store_name, terminal_code=answer.terminal_code,
                      terminal_id=answer.terminal_id, credential=answer.credential,
                      enrolled_at=clock().isoformat())
    save_credential(path, cred)  # first: the cloud shows the secret only once
    terminal.set_store_info(engine=engine, info=StoreInfo(
        store_code=answer.store_code, store_name=answer.store_name,
        store_address=old_info.store_address if old_info else "",
        terminal_code=answer.terminal_code,
        tax_mode=old_info.tax_mode if old_info else "inclusive",
        cash_rounding=old_info.cash_rounding if old_info else "none",
        footer=old_info.footer if old_info else ""))
    if previous is None or previous.url != cred.url or previous.store_code != cred.store_code:
        sync_state.forget_cloud(engine=engine)
    return cred

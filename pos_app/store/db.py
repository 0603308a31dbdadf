"""Engine with durable SQLite pragmas, Alembic migration on start, write transactions."""

from __future__ import annotations

import logging
import os
import stat
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.pool import QueuePool

from pos_app.core.errors import PosError
from pos_app.store import raw_sql

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration; a test checks it against the scripts. Start-up compares the file's
# revision with it and only loads Alembic when there is something to do.
HEAD_REVISION = "0017_labels"
BUSY_TIMEOUT_MS = 10_000
# Checkpoints are off the sale path: the store's idle worker (``maintenance.StoreMaintenance``)
# runs them between sales. A commit checkpoints only if that worker has stopped for a long
# time (a backstop, so the WAL cannot grow without bound).
WAL_BACKSTOP_PAGES = 16_384
# After a checkpoint the next writer starts the WAL again from its start and cuts the file
# down to this size (a busy hour's WAL does not keep its disk space).
JOURNAL_SIZE_LIMIT = 8 * 1024 * 1024
# Execution option that turns the next BEGIN into BEGIN IMMEDIATE (take the write lock at
# once, so a writer never fails half-way on a lock upgrade).
WRITE_OPTION = "pos_write"


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's implicit BEGIN is unreliable).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # A new (empty) file gets incremental auto-vacuum: freed pages are given back by the idle
    # worker. Only then: on a file that has pages, setting it needs the write lock, so a
    # connection opened while another writes would wait and fail. An older file is
    # converted once (``convert_auto_vacuum``).
    if cur.execute("PRAGMA page_count").fetchone()[0] == 0:
        cur.execute("PRAGMA auto_vacuum=INCREMENTAL")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA wal_autocheckpoint={WAL_BACKSTOP_PAGES}")
    cur.execute(f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _on_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def secure_dir(path: Path) -> None:
    """Make the till's data directory (members' masked data, sales, the cloud credential)
    and keep it private to the till's user: 0700."""
    path = Path(path)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _chmod(path, 0o700)


def _chmod(path: Path, mode: int) -> None:
    try:
        if path.exists() and stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except OSError as exc:  # not ours (a shared mount): say so, never refuse to sell
        log.warning("cannot make %s private (%o): %s", path, mode, exc.strerror)


def secure_files(path: Path) -> None:
    """The database file and its -wal/-shm private to the till's user (0600), created so
    when missing (SQLite gives the -wal/-shm files the database file's mode)."""
    path = Path(path)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        _chmod(file, 0o600)


def open_engine(path: Path) -> Engine:
    """Engine for the SQLite file at ``path``; every connection gets the durability pragmas.
    A directory made for it is 0700, the file and its -wal/-shm 0600 (checked at each
    start-up)."""
    path = Path(path)
    if not path.parent.exists():
        secure_dir(path.parent)
    secure_files(path)
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class _WriteGate:
    """The order of this process's writers on one database.

    SQLite lets one writer in at a time; a writer that finds the lock taken sleeps in the
    busy handler in growing steps (1, 2, 5, 10, 15, 20, 25 ms ...), so it may sleep well past
    the moment the lock is free, and a busy background writer can win the lock again and
    again. Here a foreground writer (a sale) waits on a condition instead, woken the moment
    the current transaction ends, and background writers (sync, imports) do not start while
    one waits: a sale waits for at most one short background transaction.

    The gate has one owner at a time, always. A writer that has waited ``warn_after_s``
    logs a warning (``waits_overdue`` counts them) and keeps waiting: giving up would not
    help, as the owner's transaction still holds SQLite's lock, and a sale that reached its
    commit (its payment may already be taken) must be written, not failed because a
    background write was slow. Every owner is a bounded transaction of this process.
    """

    def __init__(self, *, warn_after_s: float | None = None) -> None:
        self._cond = threading.Condition()
        self._owner: int | None = None
        self._depth = 0
        self._foreground_waiting = 0
        self._foreground_owner = False
        self.writes = 0  # transactions ended (the idle worker checkpoints after them)
        self.last_end = time.monotonic()
        self.warn_after_s = BUSY_TIMEOUT_MS / 1000 if warn_after_s is None else warn_after_s
        self.waits_overdue = 0  # waits that passed ``warn_after_s`` (tests, diagnostics)

    @property
    def foreground_waiting(self) -> bool:
        """A foreground writer waits (read without the lock: a hint, checked often)."""
        return self._foreground_waiting > 0

    @property
    def foreground_busy(self) -> bool:
        """A foreground writer holds or waits for the database (a hint, read unlocked)."""
        return self._foreground_owner or self._foreground_waiting > 0

    def give_way(self, timeout_s: float) -> None:
        """Wait (at most ``timeout_s``) while a foreground writer holds or waits for the
        database; at once when none does."""
        if self.foreground_busy:
            with self._cond:
                self._cond.wait_for(lambda: not self.foreground_busy, timeout=timeout_s)

    @property
    def busy(self) -> bool:
        """A writer holds or waits for the database (a hint, read without the lock)."""
        return self._owner is not None or self._foreground_waiting > 0

    def _wait(self, free: Callable[[], bool], *, background: bool) -> None:
        """Wait (holding ``_cond``) until ``free()``, warning each ``warn_after_s``."""
        while not self._cond.wait_for(free, timeout=self.warn_after_s):
            self.waits_overdue += 1
            log.warning("a %s database write has waited %.1f s for the write gate; "
                        "still waiting", "background" if background else "foreground",
                        self.warn_after_s * self.waits_overdue)

    @contextmanager
    def hold(self, *, background: bool) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:  # nested: SQLite decides, as it did before this gate
                self._depth += 1
            else:
                if background:
                    self._wait(lambda: self._owner is None and not self._foreground_waiting,
                               background=True)
                else:
                    self._foreground_waiting += 1
                    try:
                        self._wait(lambda: self._owner is None, background=False)
                    finally:
                        self._foreground_waiting -= 1
                self._owner = me
                self._foreground_owner = not background
                self._depth = 1
        try:
            yield
        finally:
            with self._cond:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    self._foreground_owner = False
                    self.writes += 1
                    self.last_end = time.monotonic()
                    self._cond.notify_all()


_gates: weakref.WeakKeyDictionary[Engine, _WriteGate] = weakref.WeakKeyDictionary()
_gates_lock = threading.Lock()


def _gate(engine: Engine) -> _WriteGate:
    with _gates_lock:
        gate = _gates.get(engine)
        if gate is None:
            gate = _gates[engine] = _WriteGate()
        return gate


def foreground_waiting(engine: Engine) -> bool:
    """Whether a foreground writer (a sale) waits for the database: a background writer
    should commit now (see ``write_tx``)."""
    return _gate(engine).foreground_waiting


GIVE_WAY_MAX_S = 1.0


def give_way(engine: Engine) -> None:
    """For a background thread's CPU-bound loop (an import's checks), called between items:
    pauses while a sale writes or waits to. Python runs one thread at a time: without it, each
    time the sale's thread waits for the disk the loop takes over for up to 5 ms (the GIL's
    switch interval), and a 3 ms sale commit took 250 ms."""
    _gate(engine).give_way(GIVE_WAY_MAX_S)


@dataclass(frozen=True, slots=True)
class WriteActivity:
    """This process's writes on one database, as the idle worker sees them."""

    busy: bool  # a writer holds or waits for the database now
    writes: int  # write transactions ended so far
    idle_s: float  # seconds since the last one ended


def write_activity(engine: Engine) -> WriteActivity:
    """Whether and when this process last wrote to ``engine`` (``write_tx`` only)."""
    gate = _gate(engine)
    return WriteActivity(busy=gate.busy, writes=gate.writes,
                         idle_s=time.monotonic() - gate.last_end)


@contextmanager
def write_tx(engine: Engine, *, background: bool = False,
             durable: bool = True) -> Iterator[Connection]:
    """One write transaction (BEGIN IMMEDIATE): commits on success, rolls back on error.

    ``background`` writers (the sync worker) give way to foreground ones (sales): they do
    not start while one waits, and should commit as soon as ``foreground_waiting``.
    ``durable=False``: the commit does not wait for the disk (``synchronous=NORMAL``). In
    WAL mode the database stays whole after a power cut, but the last such transactions
    may be gone: only for data fetched again when it is lost (pulled pages with their
    cursor). A durable commit after it (a sale's) makes it durable too.
    """
    with _gate(engine).hold(background=background), engine.connect() as conn:
        conn = conn.execution_options(**{WRITE_OPTION: True})
        dbapi: Any = conn.connection.driver_connection
        if not durable:
            dbapi.execute("PRAGMA synchronous=NORMAL")
        try:
            with conn.begin():
                yield conn
        finally:
            if not durable:
                try:
                    dbapi.execute("PRAGMA synchronous=FULL")
                except BaseException:
                    conn.invalidate()  # never back in the pool without durable commits
                    raise


@contextmanager
def read_tx(engine: Engine) -> Iterator[Connection]:
    """One read transaction (a consistent snapshot)."""
    with engine.connect() as conn, conn.begin():
        yield conn


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic config built in code (no alembic.ini)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest schema revision this code knows."""
    return HEAD_REVISION


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (None when empty)."""
    with engine.connect() as conn:
        if conn.execute(text(raw_sql.HAS_VERSION_TABLE)).first() is None:
            return None
        value = conn.execute(text(raw_sql.SCHEMA_VERSION)).scalar()
        return str(value) if value is not None else None


def _check_not_too_new(found: str | None) -> None:
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    if found is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    try:
        known = script.get_revision(found) is not None
    except CommandError:
        known = False
    if not known:
        raise PosError("db.schema_too_new", found=found, known=HEAD_REVISION)


def migrate(engine: Engine, *, revision: str = "head") -> None:
    """Upgrade the schema (to head); refuse a database newer than this code."""
    found = current_revision(engine)
    if found == HEAD_REVISION and revision == "head":
        return  # the usual start-up: nothing to do, no Alembic import
    _check_not_too_new(found)
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
    if found is not None:
        convert_auto_vacuum(engine)


def convert_auto_vacuum(engine: Engine) -> bool:
    """Turn a file made before incremental auto-vacuum into one that has it: a VACUUM (the
    whole file rewritten, once, while the app starts after the upgrade; nothing else uses
    the database then). Returns whether it had to."""
    raw = engine.raw_connection()
    try:
        con = raw.driver_connection
        assert con is not None
        if con.execute("PRAGMA auto_vacuum").fetchone()[0] == 2:  # INCREMENTAL
            return False
        con.execute("PRAGMA auto_vacuum=INCREMENTAL")
        con.execute("VACUUM")
        return True
    finally:
        raw.close()


def downgrade(engine: Engine, *, revision: str) -> None:
    """Downgrade the schema (tests and support tooling only)."""
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def open_database(path: Path) -> Engine:
    """Open (creating if needed) and migrate the database at ``path``."""
    engine = open_engine(path)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine

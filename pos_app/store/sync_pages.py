"""Apply pulled pages of the cloud's reference data to the local store.

A page is applied in background transactions ("chunks"), each holding some of the page's
changes *and* the stream's cursor after them (the seq of its last change; the page's
``next_after`` with the last chunk): the cursor can never run ahead of the data. A chunk
commits as soon as a sale waits for the database, so a sale waits for one change and a
commit at most.
No change is ever skipped: a change whose data the till cannot use, or that its database
refuses, stops the stream (``ChangeRejected``; the page is not applied, its cursor is not
saved, the next sync asks for it again). A reset clears the stream's local copy — reference
data only, never ledgers or sales — in the transaction of the page's first change.

A chunk has no savepoint of its own: with one open, SQLite copies every page the chunk
first touches into the statement journal (so it could roll back to it), which cost about a
fifth of an initial pull. A chunk the database refuses is rolled back whole and applied
again in a transaction of its own, change by change, only to name the failing change.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine

from contract.errors import ChangeRejected
from contract.protocol import Change, PullPage
from pos_app.core.errors import PosError
from pos_app.store.db import foreground_waiting, write_tx
from pos_app.store.sync_apply import DB_ERRORS, HANDLERS, Context, Handler
from pos_app.store.sync_state import save_cursor

log = logging.getLogger(__name__)

MAX_TX_S = 0.1  # a chunk's longest transaction (when no sale is waiting)
CHUNK_MAX = 2000


@dataclass(frozen=True, slots=True)
class Applied:
    """What applying a page did: changes applied, the cursor saved with the last of them."""

    applied: int
    cursor: int


@dataclass(frozen=True, slots=True)
class Prepared:
    """A page's changes validated and their index text worked out (no database): what
    ``prepare_page`` did for ``apply_page``, on the thread that fetched the page."""

    page: PullPage
    values: list[tuple[Any, str]]  # per change: (value, "") or (None, why it is unusable)


def _prepare(handler: Handler, change: Change) -> tuple[Any, str]:
    """(value, "") or (None, reason) for a change's data."""
    if change.op == "delete":
        return None, ""
    try:
        return handler.prepare(change.key, dict(change.data or {})), ""
    except ValidationError as exc:
        return None, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                               for e in exc.errors())
    except (PosError, ValueError, TypeError, KeyError) as exc:
        return None, str(exc) or type(exc).__name__


def prepare_page(page: PullPage) -> Prepared:
    """Validate ``page`` and work out its index text, for ``apply_page``. Needs no database:
    the sync client runs it on its fetching thread, while the page before is applied (in
    SQLite, which lets other threads run)."""
    handler = HANDLERS[page.stream]
    return Prepared(page, [_prepare(handler, change) for change in page.changes])


def _check(page: PullPage, prepared: Sequence[tuple[Any, str]]) -> None:
    """Refuse the page before any write when one of its changes cannot be used."""
    for change, (_value, problem) in zip(page.changes, prepared, strict=True):
        if problem:
            log.error("sync: %s change %s (seq %s) cannot be used: %s", page.stream,
                      change.key, change.seq, problem)
            raise ChangeRejected(stream=page.stream, key=change.key, seq=change.seq,
                                 reason=problem)


def _apply(conn: Connection, handler: Handler, change: Change, value: Any,
           ctx: Context) -> None:
    if change.op == "delete":
        handler.delete(conn, change.key, ctx)
    else:
        handler.upsert(conn, change.key, value, ctx)


class _Diagnosed(Exception):
    """Ends (rolls back) the transaction that found the failing change."""

    def __init__(self, change: Change, reason: str) -> None:
        super().__init__(reason)
        self.change, self.reason = change, reason


def _failure(engine: Engine, handler: Handler, changes: Sequence[Change],
             values: Sequence[Any], ctx: Context, *, reset: bool) -> tuple[Change, str]:
    """The change of a refused chunk's ``changes`` the database refuses, and why: the chunk
    applied again (after its reset, if it had one) one change at a time, each in a
    savepoint, in a transaction that is rolled back. When each goes in alone, what failed
    was deferred to the chunk's end: the last change is named."""
    try:
        with write_tx(engine, background=True) as conn:
            if reset:
                handler.reset(conn, ctx)
            for change, value in zip(changes, values, strict=True):
                conn.exec_driver_sql("SAVEPOINT sync_change")
                try:
                    try:
                        _apply(conn, handler, change, value, ctx)
                    except BaseException:
                        handler.finish(conn, write=False)
                        raise
                    handler.finish(conn)
                except DB_ERRORS as exc:  # e.g. a constraint the cloud's data breaks
                    cause = getattr(exc, "orig", None) or exc
                    raise _Diagnosed(change, f"{type(cause).__name__}: {cause}") from None
                finally:
                    conn.exec_driver_sql("RELEASE sync_change")
            raise _Diagnosed(changes[-1], "the chunk's deferred writes failed")
    except _Diagnosed as found:
        return found.change, found.reason


def apply_page(
    *, engine: Engine, page: PullPage, reset: bool, ctx: Context,
    progress: Callable[[int], None] | None = None, max_tx_s: float = MAX_TX_S,
    prepared: Prepared | None = None,
) -> Applied:
    """Apply ``page`` (``reset``: clear the stream's local copy first) in chunks, each with
    the cursor after it; ``progress(changes_done)`` after each chunk.

    A chunk ends when a sale waits for the database (``db.foreground_waiting``), after
    ``max_tx_s`` or ``CHUNK_MAX`` changes, or with the page: a sale waits for one change and
    a commit, whatever the page's size.

    The page is validated (and its pinyin worked out) before any transaction (``prepared``
    by ``prepare_page`` when given for this page): a change the till cannot use raises
    ``ChangeRejected`` and nothing of the page is written. A chunk the database refuses is
    rolled back whole and ``ChangeRejected`` names its failing change; chunks committed
    before it keep their cursor, which lies before that change, so the next pull starts
    there again. The products' index rows are written in bursts
    (``catalog.CatalogWriter``), the last one when the chunk ends (``Handler.finish``).
    """
    handler = HANDLERS[page.stream]
    changes: Sequence[Change] = page.changes
    if prepared is None or prepared.page is not page:
        prepared = prepare_page(page)
    values = prepared.values
    _check(page, values)
    done = 0
    first = True
    while first or done < len(changes):
        started = time.perf_counter()
        begun = done
        resets = first and reset
        first = False
        try:
            # Not durable: a chunk lost in a power cut takes its cursor with it (fetched
            # again).
            with write_tx(engine, background=True, durable=False) as conn:
                if begun == 0:
                    if resets:
                        handler.reset(conn, ctx)
                    handler.page_begins(conn, page)
                try:
                    while done < len(changes):
                        _apply(conn, handler, changes[done], values[done][0], ctx)
                        done += 1
                        if (done - begun >= CHUNK_MAX or foreground_waiting(engine)
                                or time.perf_counter() - started >= max_tx_s):
                            break
                except BaseException:
                    handler.finish(conn, write=False)
                    raise
                handler.finish(conn)  # what the handler deferred to the chunk's end
                if done >= len(changes):
                    handler.page_ends(conn, page)
                cursor = page.next_after if done >= len(changes) else changes[done - 1].seq
                save_cursor(conn, stream=page.stream, after=cursor, at=ctx.at)
        except DB_ERRORS:
            end = min(done + 1, len(changes))
            change, reason = _failure(engine, handler, changes[begun:end],
                                      [v for v, _ in values[begun:end]], ctx, reset=resets)
            log.error("sync: %s change %s (seq %s) refused by the database: %s",
                      page.stream, change.key, change.seq, reason)
            raise ChangeRejected(stream=page.stream, key=change.key, seq=change.seq,
                                 reason=reason) from None
        if progress is not None:
            progress(done)
    return Applied(applied=len(changes), cursor=page.next_after)

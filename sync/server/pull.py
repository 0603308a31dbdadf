"""Pulls: pages of a stream for one terminal, and refetch requests (reference data only).

A refetch request for (terminal, stream) is listed by hello until a reset page was served.
Every pull of that stream is answered from the beginning with ``reset=True``, whatever
``after`` says, and the request remembers the page's ``next_after``. A later pull from
exactly that cursor proves the terminal applied the reset page together with its cursor
(protocol step 3), and clears the request. If the answer was lost, the terminal pulls from
its old cursor and simply gets the reset page again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Engine, delete, select, update

from contract.protocol import STREAMS, PullRejected
from sync.server.auth import Caller, authenticate, check_identity
from sync.server.changes import Page, page_json, read_page, scope, take_seqs
from sync.server.db import read_tx, upsert, write_tx
from sync.server.flags import PULL_REJECTED, raise_flag
from sync.server.ledger_tables import refetch
from sync.server.payloads import storable
from sync.server.problems import ProblemError


def _where(caller: Caller, stream: str) -> tuple[ColumnElement[bool], ...]:
    return (refetch.c.store_id == caller.store_id, refetch.c.terminal_id == caller.terminal_id,
            refetch.c.stream == stream)


def _check_stream(stream: str) -> None:
    if stream not in STREAMS:
        raise ProblemError(404, "sync.stream_unknown", "no such stream", streams=list(STREAMS))


def pull_page(engine: Engine, *, authorization: str | None, stream: str, after: int,
              limit: int) -> bytes:
    """The ``PullPage`` JSON of a terminal's pull of ``stream`` after ``after``."""
    with read_tx(engine) as conn:
        caller = authenticate(conn, authorization)
        _check_stream(stream)
        pending = conn.execute(select(refetch.c.reset_after)
                               .where(*_where(caller, stream))).first()
        if pending is None:
            page = read_page(conn, stream=stream, store_id=caller.store_id, after=after,
                             limit=limit, with_total=after == 0)
            return page_json(stream, page, reset=False)
    with write_tx(engine) as conn:
        pending = conn.execute(select(refetch.c.reset_after)
                               .where(*_where(caller, stream)).with_for_update()).first()
        if pending is not None and pending.reset_after == after:
            conn.execute(delete(refetch).where(*_where(caller, stream)))
            pending = None
        reset = pending is not None
        page = (_reset_page(conn, stream=stream, store_id=caller.store_id, after=after,
                            limit=limit) if reset else
                read_page(conn, stream=stream, store_id=caller.store_id, after=after,
                          limit=limit))
        if reset:
            conn.execute(update(refetch).where(*_where(caller, stream))
                         .values(reset_after=page.next_after))
        return page_json(stream, page, reset=reset)


def reject_change(engine: Engine, *, authorization: str | None, stream: str,
                  request: PullRejected, now: datetime) -> None:
    """A terminal cannot apply a change of ``stream`` (so the stream is stopped there): a
    flag HQ sees, one per terminal, stream and change while it is open."""
    _check_stream(stream)
    with write_tx(engine) as conn:
        caller = authenticate(conn, authorization)
        check_identity(caller, store_code=request.store_code,
                       terminal_code=request.terminal_code)
        key = storable(request.key)
        raise_flag(conn, store_id=caller.store_id, kind=PULL_REJECTED,
                   subject=f"{caller.terminal_code} {stream}/{key}",
                   open_key=f"{caller.terminal_id}:{stream}:{key}", at=now,
                   terminal=caller.terminal_code, stream=stream, key=key, seq=request.seq,
                   reason=storable(request.reason))


def _reset_page(conn: Connection, *, stream: str, store_id: int, after: int,
                limit: int) -> Page:
    """The first page of ``stream`` for a terminal that asked from ``after``, ending at a
    cursor other than ``after``: a pull from the page's ``next_after`` is the proof that the
    reset was applied, so a terminal that lost the answer (and asks from ``after`` again)
    must not look like one that applied it. (A till up to date with a stream that fits in
    one page would otherwise never get the reset when the first answer is lost.)"""
    page = read_page(conn, stream=stream, store_id=store_id, after=0, limit=limit,
                     with_total=True)
    if page.next_after != after:
        return page
    if not page.has_more:
        # The stream ends where the terminal already is: end the page at a fresh seq, which
        # no change has. It is taken under the counter's lock, so every smaller seq is
        # committed, and read again below.
        fresh = take_seqs(conn, stream, scope(stream, store_id), 1)
        page = read_page(conn, stream=stream, store_id=store_id, after=0, limit=limit,
                         with_total=True)
        if not page.has_more:
            return replace(page, next_after=fresh)
        if page.next_after != after:
            return page
    # The page's last change is at ``after``: one change fewer (or more, with a limit of 1).
    return read_page(conn, stream=stream, store_id=store_id, after=0,
                     limit=limit - 1 if limit > 1 else 2, with_total=True)


def request_refetch(engine: Engine, *, store_id: int, terminal_id: str,
                    streams: Iterable[str], at: datetime) -> None:
    """Ask a terminal to pull ``streams`` again from scratch (told at its next hello)."""
    rows = [{"store_id": store_id, "terminal_id": terminal_id, "stream": s,
             "requested_at": at, "reset_after": None} for s in streams]
    for row in rows:
        if row["stream"] not in STREAMS:
            raise ValueError(f"unknown stream {row['stream']!r}")
    with write_tx(engine) as conn:
        upsert(conn, refetch, rows, keys=("store_id", "terminal_id", "stream"))


def pending_refetch(conn: Connection, *, caller: Caller) -> list[str]:
    """Streams ``caller`` must pull again from scratch (no reset page served yet), in pull
    order."""
    wanted = set(conn.execute(select(refetch.c.stream).where(
        refetch.c.store_id == caller.store_id, refetch.c.terminal_id == caller.terminal_id,
        refetch.c.reset_after.is_(None))).scalars())
    return [s for s in STREAMS if s in wanted]

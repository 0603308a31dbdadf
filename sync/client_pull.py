"""The sync client's pull (step 3): every stream page by page, the next page fetched (and
prepared for applying: validated, its search text worked out) on a background thread while
one is applied, progress told per change. ``SyncClient`` gets it from ``PullSteps``.
"""

from __future__ import annotations

import contextlib
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from pydantic import BaseModel

from contract.errors import ChangeRejected, SyncError
from contract.protocol import STREAMS, Ack, PullPage, PullRejected
from sync.client_plan import LocalStore, Progress, SyncReport

M = TypeVar("M", bound=BaseModel)
log = logging.getLogger(__name__)


class PullSteps:
    """The pull side of ``SyncClient`` (which gives ``store``, ``page``, ``initial_page``
    and ``_send``)."""

    store: LocalStore
    store_code: str
    terminal_code: str
    page: int
    initial_page: int

    def _send(self, method: str, path: str, model: type[M], *, body: BaseModel | None = None,
              params: dict[str, Any] | None = None, ok: tuple[int, ...] = (200,)) -> M:
        """One request with retries (``SyncClient._send``)."""
        raise NotImplementedError

    def _pull_page(self, stream: str, after: int, limit: int) -> PullPage:
        page = self._send("GET", f"/v1/pull/{stream}", PullPage,
                          params={"after": after, "limit": limit})
        if page.stream != stream or (page.has_more and not page.changes):
            raise SyncError("sync.bad_response", what=f"/v1/pull/{stream}")
        return page

    def _pull_prepared(self, stream: str, after: int, limit: int) -> tuple[PullPage, object]:
        """The page after ``after``, prepared for applying (``LocalStore.prepare_page``):
        run on the fetching thread while the page before is applied."""
        page = self._pull_page(stream, after, limit)
        return page, self.store.prepare_page(page)

    def pull(self, report: SyncReport, *, progress: Progress | None = None) -> None:
        """Step 3: every stream in order, page by page until the cloud has no more. A stream
        hello lists as ``refetch`` is pulled from our cursor as usual: the cloud answers it
        from the start with ``reset`` until we ask from the reset page's cursor (proof that
        it was applied), so a lost answer never leaves a half-reset copy behind.

        The next page is fetched (on one background thread) while a page is applied, never
        after a reset page (asking from its cursor tells the cloud it was applied) nor after
        the last one; the cursor saved is always the applied page's, and a failed fetch
        fails the pull when its page is due.

        A change this terminal cannot apply stops its stream (``report.rejected``; the
        cloud is told): the other streams go on, and the next sync asks for it again."""
        cursors = self.store.cursors()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as pool:
            for stream in STREAMS:
                self._pull_stream(stream, cursors.get(stream, 0), report, progress, pool)

    def _pull_stream(self, stream: str, after: int, report: SyncReport,
                     progress: Progress | None, pool: ThreadPoolExecutor) -> None:
        done = 0
        total: int | None = None
        from_start = after == 0
        report.pulled.setdefault(stream, 0)
        ahead: Future[tuple[PullPage, object]] | None = None
        try:
            while True:
                prepared: object | None = None
                if ahead is not None:
                    (page, prepared), ahead = ahead.result(), None
                else:
                    page = self._pull_page(stream, after,
                                           self.initial_page if from_start else self.page)
                reset = page.reset
                from_start = from_start or reset
                if page.has_more and not reset:
                    ahead = pool.submit(self._pull_prepared, stream, page.next_after,
                                        self.initial_page if from_start else self.page)
                # The cloud counts what is left on a stream's first page only (a count per
                # page would cost it a scan each time): the total holds for the pages after.
                if page.total is not None:
                    total = done + page.total
                base = done

                def tell(n: int, base: int = base, total: int | None = total,
                         stream: str = stream) -> None:
                    if progress is not None:  # changes made meanwhile may come on top
                        progress(stream, base + n,
                                 None if total is None else max(total, base + n))

                try:
                    applied = self.store.apply_page(
                        page, reset=reset, basis_seq=report.server_cursor, progress=tell,
                        prepared=prepared)
                except ChangeRejected as exc:
                    report.rejected[stream] = exc
                    self._tell_rejected(exc)
                    return
                if reset:
                    report.resets.append(stream)
                report.pulled[stream] += applied
                done += len(page.changes)
                after = page.next_after
                if not page.has_more:
                    break
        finally:
            if ahead is not None:  # the pull failed meanwhile: the fetch is not needed
                ahead.cancel()
                with contextlib.suppress(Exception):
                    ahead.result()
        if progress is not None:
            progress(stream, done, done)

    def _tell_rejected(self, exc: ChangeRejected) -> None:
        """Tell the cloud a stream stopped here (HQ sees a flag); when it cannot be told now,
        the next sync stops at the same change and tells it then."""
        try:
            self._send("POST", f"/v1/pull/{exc.stream}/rejected", Ack, body=PullRejected(
                store_code=self.store_code, terminal_code=self.terminal_code,
                key=exc.change_key[:128], seq=exc.seq, reason=exc.reason[:500]))
        except SyncError as err:
            log.warning("sync: cannot tell the cloud that %s stopped at %s: %s", exc.stream,
                        exc.change_key, err.key)

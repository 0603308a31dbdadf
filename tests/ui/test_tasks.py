"""The task runner: a long write on its own thread never holds up the writer thread."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from pos_app.ui.tasks import TaskRunner


def test_a_sale_commit_is_not_queued_behind_an_import_on_its_own_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    threads: dict[str, str] = {}
    done: list[str] = []
    try:
        def long_import(progress: object) -> str:
            threads["import"] = threading.current_thread().name
            release.wait(30)
            return "import"

        def sale_commit() -> str:
            threads["sale"] = threading.current_thread().name
            return "sale"

        runner.submit(long_import, on_done=done.append, on_progress=lambda _d, _t: None,
                      own_thread=True)
        assert not runner.busy  # scans and sale edits go on during an import
        runner.submit(sale_commit, on_done=done.append)
        qtbot.waitUntil(lambda: done == ["sale"], timeout=10_000)  # the import still runs
        assert threads["sale"] != threads["import"]
    finally:
        release.set()
    qtbot.waitUntil(lambda: done == ["sale", "import"], timeout=10_000)
    runner.shutdown()

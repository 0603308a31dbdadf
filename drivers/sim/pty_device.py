"""A serial device simulated on a pseudo-terminal, with plug and unplug.

The app opens ``path`` like any serial port. ``link`` gives a stable path (a symlink to the
current ``/dev/pts/N``, like a udev ``/dev/serial/by-id`` link), so ``unplug()`` and
``replug()`` behave like pulling the cable and putting it back. POSIX only (os.openpty).
"""

from __future__ import annotations

import os
import threading
import tty
from pathlib import Path
from typing import Self


class PtyDevice:
    """Base of the pty simulators: subclasses serve the master side in ``_serve``."""

    thread_name = "pty-sim"

    def __init__(self, *, link: Path | None = None) -> None:
        self.link = link
        self._master = -1
        self._slave = -1
        self._slave_name = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def path(self) -> str:
        """The serial device path to give the app."""
        return str(self.link) if self.link is not None else self._slave_name

    def start(self) -> Self:
        """Create the pty and serve it on a daemon thread."""
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR→LF: the app must see the bytes we send
        self._slave_name = os.ttyname(self._slave)
        if self.link is not None:
            tmp = self.link.with_name(self.link.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(self._slave_name)
            tmp.replace(self.link)
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name=self.thread_name, daemon=True)
        self._thread.start()
        return self

    def unplug(self) -> None:
        """Close the pty: the app's port fails as if the cable were pulled."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1
        if self.link is not None:
            self.link.unlink(missing_ok=True)

    def replug(self) -> None:
        """A new pty behind the same ``link``."""
        self.start()

    def _serve(self) -> None:
        raise NotImplementedError

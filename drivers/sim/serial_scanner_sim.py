"""A simulated serial scanner on a pseudo-terminal: the driver opens ``path`` like a port.

``scan(code)`` "scans" a code (writes it plus the terminator to the pty master);
``scan_file(path)`` scans each non-empty line of a file. ``unplug()`` closes the pty (the
driver's reads then fail, as on a real unplug). Give ``link`` to keep a stable symlink to
the changing pty path, like a udev ``/dev/serial/by-id`` link. POSIX only (os.openpty).
"""

from __future__ import annotations

import os
import time
import tty
from pathlib import Path

from drivers.scanner.framing import TERMINATORS


class SerialScannerSim:
    """One simulated scanner; a new instance is a replug (a new pty, a new path)."""

    def __init__(self, *, terminator: str = "cr", link: Path | None = None) -> None:
        if terminator not in TERMINATORS:
            raise ValueError(f"unknown terminator {terminator!r}")
        self.terminator = TERMINATORS[terminator]
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no CR→LF translation before the driver sets raw itself
        self.path = os.ttyname(self._slave)
        self.link = link
        if link is not None:
            tmp = link.with_name(link.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(self.path)
            tmp.replace(link)  # atomic re-point, as udev does

    @property
    def device_path(self) -> str:
        """What the driver should open: the symlink when there is one, else the pty."""
        return str(self.link) if self.link is not None else self.path

    @property
    def plugged(self) -> bool:
        """False after ``unplug``."""
        return self._master >= 0

    def scan(self, code: str) -> None:
        """Send one code as the scanner would."""
        if not self.plugged:
            raise OSError("simulated scanner is unplugged")
        os.write(self._master, code.encode("utf-8") + self.terminator)

    def scan_file(self, path: Path, *, interval_s: float = 0.0) -> int:
        """Scan each non-empty line of a UTF-8 file; returns how many codes were sent."""
        count = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                self.scan(line.strip())
                count += 1
                if interval_s:
                    time.sleep(interval_s)
        return count

    def unplug(self) -> None:
        """Close the pty: the driver sees the device vanish."""
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1

    def __enter__(self) -> SerialScannerSim:
        return self

    def __exit__(self, *exc: object) -> None:
        self.unplug()

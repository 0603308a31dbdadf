"""One dialog at a time over the sale screen, opened without blocking the event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog

from pos_app.core.errors import PosError


class DialogHost:
    """Opens dialogs window-modal, one at a time (``active``); when one closes, the keyboard
    goes back to the scan entry (``focus_entry``). ``show_error`` tells a ``PosError``."""

    def __init__(self, *, show_error: Callable[[BaseException], None],
                 focus_entry: Callable[[], None]) -> None:
        self._show_error = show_error
        self._focus_entry = focus_entry
        self.active: QDialog | None = None

    def open(self, dialog: QDialog, on_accept: Callable[[Any], None]) -> None:
        """Open ``dialog`` (unless one is open); ``on_accept(dialog)`` when it is accepted."""
        if self.active is not None:
            return
        self.active = dialog

        def finished(result: int) -> None:
            self.active = None
            try:
                if result == QDialog.DialogCode.Accepted:
                    on_accept(dialog)
            except PosError as exc:
                self._show_error(exc)
            finally:
                dialog.deleteLater()
                if self.active is None:  # unless a follow-up dialog opened
                    self._focus_entry()

        dialog.finished.connect(finished)
        dialog.open()

    def focus_entry(self) -> None:
        """Give the keyboard back to the scan entry."""
        self._focus_entry()

    def guarded(self, fn: Callable[[], None]) -> None:
        """Run an action unless a dialog is open; a ``PosError`` it raises is told."""
        if self.active is not None:
            return
        try:
            fn()
        except PosError as exc:
            self._show_error(exc)
            self._focus_entry()

"""A date field typed the way cashiers write dates (``2024-11-21``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateEntry(QDateEdit):
    """A date typed as ``2024-11-21``: Qt moves on to the next part by itself once the year
    (or month) is complete, so the ``-`` typed after it must not skip the next part too."""

    def __init__(self, day: date, parent: QWidget | None = None) -> None:
        super().__init__(qdate(day), parent)
        self._moved_on = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text() in ("-", "/", ".") and self._moved_on:
            self._moved_on = False
            return
        before = self.currentSection()
        super().keyPressEvent(event)
        self._moved_on = event.text().isdigit() and self.currentSection() != before

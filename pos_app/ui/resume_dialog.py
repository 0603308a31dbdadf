"""Pick a suspended sale to resume (↑/↓, Enter; Esc closes)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from pos_app.core.clock import StoreClock
from pos_app.core.money import Money, format_money


def time_text(iso: str, clock: StoreClock) -> str:
    """When a sale was suspended, in the store's zone: 14:05 today, 12-01 14:05 before."""
    try:
        moment = clock.local(datetime.fromisoformat(iso))
    except ValueError:
        return iso
    return moment.strftime("%H:%M" if moment.date() == clock.today() else "%m-%d %H:%M")


class ResumeDialog(QDialog):
    """Lists suspended sales (oldest first); ``chosen_id`` is set on accept."""

    def __init__(self, *, sales: Sequence[Any], lang: str, clock: StoreClock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resume a suspended sale"))
        self.chosen_id: int | None = None
        self.list = QListWidget(self)
        font = self.list.font()
        font.setPointSize(font.pointSize() + 3)
        self.list.setFont(font)
        for s in sales:
            label = s.label or self.tr("Sale {n}").format(n=s.suspended_id)
            text = self.tr("{label} · {time} · {lines} lines · {total}").format(
                label=label, time=time_text(s.created_at, clock), lines=s.line_count,
                total=format_money(Money(s.total_fen), lang),
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, s.suspended_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self._choose())
        lay = QVBoxLayout(self)
        lay.addWidget(self.list, 1)
        lay.addWidget(QLabel(self.tr("↑/↓ select · Enter resumes · Esc closes"), self))
        self.resize(560, 360)
        self.list.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._choose()
            return
        super().keyPressEvent(event)

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen_id = int(item.data(Qt.ItemDataRole.UserRole))
            self.accept()

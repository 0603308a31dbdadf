"""The sync details' list of records the cloud did not accept (quarantined): what each was,
why in plain words, and "Repair and resend" for those a repair of their text can cure."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.sync_service import QuarantinedEvent
from pos_app.ui.messages import MESSAGES, message_text

translate = QCoreApplication.translate


def record_name(event_type: str) -> str:
    """The translated name of an outbox event type."""
    names = {
        "sale.completed": translate("sync", "Sale"),
        "sale.voided": translate("sync", "Voided sale"),
        "points.transaction": translate("sync", "Member points"),
        "coupon.redeemed": translate("sync", "Coupon used"),
        "member.signed_up": translate("sync", "Member sign-up"),
        "stock.movement": translate("sync", "Stock movement"),
    }
    return names.get(event_type, event_type)


def reason_text(reason: str, lang: str = "") -> str:
    """Why the cloud quarantined a record, in the till's words."""
    if reason in MESSAGES:
        return message_text(reason, {}, lang)
    return message_text("sync.quarantined_other", {"reason": reason}, lang)


class QuarantineList(QWidget):
    """Hidden while the cloud has accepted everything; ``repair(event_uuid)`` is called for
    "Repair and resend" (the sync service does it on its worker)."""

    def __init__(self, *, repair: Callable[[str], None], lang: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._repair = repair
        self.lang = lang
        self.events: tuple[QuarantinedEvent, ...] = ()
        self.title = QLabel(self)
        self.title.setStyleSheet("color: #8a1c12;")
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Record"),
                                              self.tr("Why")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemSelectionChanged.connect(self.on_selection)
        # Row heights follow the reason column's width (it wraps): redone when it changes.
        self.table.horizontalHeader().sectionResized.connect(self.on_section_resized)
        self.table.setMaximumHeight(110)  # the details dialog fits 1024×768 with it
        self.repair_button = QPushButton(self.tr("Repair and resend"), self)
        self.repair_button.setToolTip(self.tr(
            "Replace the characters the cloud cannot store and send the record again"))
        self.repair_button.setEnabled(False)
        self.repair_button.clicked.connect(self.on_repair)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.repair_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        self.setVisible(False)

    def set_events(self, count: int, events: Sequence[QuarantinedEvent]) -> None:
        """Show ``events`` (the oldest ``count`` quarantined ones)."""
        self.setVisible(count > 0)
        selected = self.selected()
        self.events = tuple(events)
        self.title.setText(self.tr(
            "{count} records the cloud did not accept. They are kept on this till.").format(
            count=count))
        self.table.setRowCount(len(self.events))
        for i, event in enumerate(self.events):
            why = (self.tr("Repaired, waiting to be sent again") if event.resending
                   else reason_text(event.reason, self.lang))
            for col, text in enumerate((str(event.seq), record_name(event.type), why)):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, col, item)
            if selected is not None and event.event_uuid == selected.event_uuid:
                self.table.selectRow(i)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeRowsToContents()  # the reason wraps in the stretched last column
        self.on_selection()

    def selected(self) -> QuarantinedEvent | None:
        """The event of the selected row, if any."""
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.events[row] if 0 <= row < len(self.events) else None

    @Slot(int, int, int)
    def on_section_resized(self, index: int, _old: int, _new: int) -> None:
        if index == 2:
            self.table.resizeRowsToContents()

    @Slot()
    def on_selection(self) -> None:
        event = self.selected()
        self.repair_button.setEnabled(event is not None and event.repairable)

    @Slot()
    def on_repair(self) -> None:
        event = self.selected()
        if event is None or not event.repairable:
            return
        self.repair_button.setEnabled(False)  # until the list says how it went
        self._repair(event.event_uuid)

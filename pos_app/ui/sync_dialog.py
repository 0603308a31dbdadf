"""Sync details: the cloud's address, who the till is to it, what waits to be sent, the last
sync and the last problem in plain words, the till's clock against the cloud's, how far each
stream is pulled, the records the cloud did not accept (with "Repair and resend"), and
"Sync now". Not modal: the sale goes on while it is open."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contract.protocol import CLOCK_SKEW_FLAG_S, STREAMS
from pos_app.core.clock import StoreClock
from pos_app.services.sync_service import SyncService, SyncState
from pos_app.ui.messages import message_text
from pos_app.ui.sync_quarantine import QuarantineList
from pos_app.ui.sync_status import SyncBridge, phase_text, stream_name, when_text


class SyncDialog(QDialog):
    """Details of the till's sync, kept current while open."""

    def __init__(self, service: SyncService, *, clock: StoreClock, lang: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store_clock = clock
        self.setWindowTitle(self.tr("Sync with the cloud"))
        self.setModal(False)
        self.service = service
        self.lang = lang
        self.setMinimumWidth(600)
        form = QFormLayout()
        self.phase = QLabel(self)
        self.url = QLabel(self)
        self.identity = QLabel(self)
        self.backlog = QLabel(self)
        self.last_success = QLabel(self)
        self.cloud_count = QLabel(self)
        self.clock = QLabel(self)
        self.clock.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        for label in (self.url, self.identity, self.problem):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Status"), self.phase)
        form.addRow(self.tr("Cloud address"), self.url)
        form.addRow(self.tr("Store and terminal"), self.identity)
        form.addRow(self.tr("Waiting to be sent"), self.backlog)
        form.addRow(self.tr("Last successful sync"), self.last_success)
        form.addRow(self.tr("Records the cloud has"), self.cloud_count)
        form.addRow(self.tr("Clock"), self.clock)
        form.addRow(self.tr("Last problem"), self.problem)
        self.streams = QTableWidget(len(STREAMS), 2, self)
        self.streams.setHorizontalHeaderLabels([self.tr("Data from head office"),
                                                self.tr("Position")])
        self.streams.verticalHeader().hide()
        self.streams.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.streams.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.streams.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.streams.horizontalHeader().setStretchLastSection(True)
        for row, stream in enumerate(STREAMS):
            self.streams.setItem(row, 0, QTableWidgetItem(stream_name(stream)))
            self.streams.setItem(row, 1, QTableWidgetItem(""))
        self.streams.resizeColumnToContents(0)
        self.streams.setMinimumHeight(  # every stream visible without scrolling
            self.streams.horizontalHeader().sizeHint().height()
            + sum(self.streams.rowHeight(r) for r in range(len(STREAMS))) + 4)
        self.quarantine = QuarantineList(repair=service.repair_and_resend, lang=lang,
                                         parent=self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.sync_button.clicked.connect(self.on_sync_now)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.streams, 1)
        layout.addWidget(self.quarantine, 1)
        layout.addWidget(buttons)
        self.bridge = SyncBridge(service, self)
        self.bridge.sig_state.connect(self.on_state)
        self.on_state(service.state)
        self.resize(self.sizeHint().expandedTo(self.minimumSize()))

    @Slot()
    def on_sync_now(self) -> None:
        self.service.sync_now()
        self.sync_button.setEnabled(False)  # until the state says the sync is over

    @Slot(object)
    def on_state(self, state: SyncState) -> None:
        self.phase.setText(phase_text(state))
        self.url.setText(state.url or self.tr("none"))
        self.identity.setText(f"{state.store_name} ({state.store_code}) · {state.terminal_code}"
                              if state.enrolled else self.tr("not enrolled"))
        self.backlog.setText(self.tr("{count} records").format(count=state.backlog))
        self.last_success.setText(when_text(state.last_success_at, self.store_clock.now()))
        self.cloud_count.setText("" if state.server_cursor is None
                                 else str(state.server_cursor))
        self.clock.setText(self._clock_text(state))
        self.clock.setStyleSheet("color: #8a1c12;" if state.skew_flagged else "")
        self.problem.setText(self._problem_text(state))
        for row, stream in enumerate(STREAMS):
            item = self.streams.item(row, 1)
            if item is not None:
                item.setText(str(state.cursors.get(stream, 0)))
        self.sync_button.setEnabled(state.enrolled and state.phase != "syncing")
        self.quarantine.set_events(state.quarantined, state.quarantine)

    def _clock_text(self, state: SyncState) -> str:
        skew = state.clock_skew_s
        if skew is None:
            return self.tr("not measured yet")
        seconds = round(abs(skew))
        if seconds < 2:
            return self.tr("in step with the cloud")
        text = (self.tr("this till's clock is {seconds} s behind the cloud's") if skew > 0
                else self.tr("this till's clock is {seconds} s ahead of the cloud's"))
        text = text.format(seconds=seconds)
        if state.skew_flagged:
            text += " — " + self.tr(
                "more than {limit} min: sales are still taken; set the till's clock").format(
                limit=CLOCK_SKEW_FLAG_S // 60)
        return text

    def _problem_text(self, state: SyncState) -> str:
        if not state.enrolled:
            return message_text("sync.not_enrolled", {}, self.lang)
        if not state.last_error_key:
            return self.tr("none")
        data = dict(state.last_error_data)
        if isinstance(data.get("stream"), str):  # a stream is named in the reader's words
            data["stream"] = stream_name(str(data["stream"]))
        text = message_text(state.last_error_key, data, self.lang)
        if state.last_error_at is not None:
            text = f"{when_text(state.last_error_at, self.store_clock.now())} — {text}"
        return text

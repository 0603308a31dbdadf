"""Import products from CSV: choose a file, progress, bad rows with line numbers, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.messages import error_text, message_text

# submit(path, on_done, on_error, on_progress): runs the import on the writer thread.
SubmitImport = Callable[
    [Path, Callable[[Any], None], Callable[[BaseException], None], Callable[[int, int], None]],
    None,
]


class ImportDialog(QDialog):
    """Shows the report: imported count, or every bad row (nothing imported then)."""

    sig_finished = Signal(object)

    def __init__(self, *, submit: SubmitImport, unfinished: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import products (CSV)"))
        self._submit = submit
        self.report: Any = None
        self.path_entry = QLineEdit(self)
        self.path_entry.setPlaceholderText(self.tr("CSV file: sku,name,price,barcodes,…"))
        browse = QPushButton(self.tr("Choose file…"), self)
        browse.clicked.connect(self.on_browse)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.on_import)
        row = QHBoxLayout()
        row.addWidget(self.path_entry, 1)
        row.addWidget(browse)
        row.addWidget(self.import_button)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.errors = QTableWidget(0, 2, self)
        self.errors.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Problem")])
        self.errors.verticalHeader().hide()
        self.errors.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.errors.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr(
            "UTF-8 or GB18030. Every row is checked first; if any row is bad, nothing is "
            "imported."), self))
        # The last import stopped mid-way (``catalog_import.ImportRun``): say so, or the
        # catalog could pass for complete.
        self.unfinished = QLabel(self)
        self.unfinished.setWordWrap(True)
        self.unfinished.setStyleSheet("color: #8a1c12;")
        self.unfinished.setVisible(unfinished is not None)
        if unfinished is not None:
            self.unfinished.setText(self.tr(
                "The last import of {source} stopped after {done} of {total} products. "
                "Import the file again to complete the catalog.").format(
                source=unfinished.source, done=unfinished.rows_done,
                total=unfinished.rows_total))
        lay.addWidget(self.unfinished)
        lay.addLayout(row)
        lay.addWidget(self.progress)
        lay.addWidget(self.summary)
        lay.addWidget(self.errors, 1)
        self.resize(760, 480)

    def on_browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a products CSV"), "", self.tr("CSV files (*.csv);;All (*)")
        )
        if path:
            self.path_entry.setText(path)

    def on_import(self) -> None:
        text = self.path_entry.text().strip()
        if not text:
            self.on_browse()
            text = self.path_entry.text().strip()
            if not text:
                return
        self.import_button.setEnabled(False)
        self.errors.setRowCount(0)
        self.summary.setText(self.tr("Checking the file…"))
        self.progress.setRange(0, 0)
        self._submit(Path(text), self.on_done, self.on_failed, self.on_progress)

    def on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def on_done(self, report: Any) -> None:
        self.report = report
        self.import_button.setEnabled(True)
        self.progress.setRange(0, 1)
        if report.errors:
            self.progress.setValue(0)
            self.summary.setText(self.tr(
                "{count} problems found. Nothing was imported; fix the file and try again."
            ).format(count=len(report.errors)))
            self.errors.setRowCount(len(report.errors))
            for i, err in enumerate(report.errors):
                line = QTableWidgetItem(str(err.line) if err.line else "-")
                line.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.errors.setItem(i, 0, line)
                self.errors.setItem(i, 1, QTableWidgetItem(message_text(err.key, err.data)))
        else:
            self.progress.setValue(1)
            self.unfinished.hide()
            self.summary.setText(
                self.tr("{count} products imported.").format(count=report.imported)
            )
        self.sig_finished.emit(report)

    def on_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary.setText(error_text(exc))
        self.sig_finished.emit(None)

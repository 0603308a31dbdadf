"""The cashier window's printing: the receipt after a sale, reprints (Ctrl+P), the drawer
(Ctrl+O).

After a sale completes its receipt is queued for the printer and its preview PNG (the
image-mode code path) rendered on the writer thread, then shown in the receipt pane beside
(or instead of) the text rendering. What it needs of the window comes in as plain callables
and the two receipt widgets, so this object can be built and driven alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from pos_app.core.errors import PosError
from pos_app.core.receipt import ReceiptDocument
from pos_app.core.returns import ReturnReceipt
from pos_app.core.roles import Permission
from pos_app.services.results import CompletedSale
from pos_app.services.staff import Approval
from pos_app.ui.edit_dialogs import ValueDialog
from pos_app.ui.receipt_preview import ReceiptPreview
from pos_app.ui.receipt_view import ReceiptView
from pos_app.ui.tasks import TaskRunner
from pos_app.ui.widgets import Level

if TYPE_CHECKING:
    from pos_app.services.printing import PrintService

translate = QCoreApplication.translate
WithPermission = Callable[[Permission, Callable[[Approval | None], None]], None]


class ReceiptPrinting:
    """``print_service()`` gives the printing service (its first use may build it, so it is
    called on the writer thread); ``open_dialog``/``guarded`` are the window's dialog
    plumbing; ``show_copy(doc, title)`` puts a receipt on the sale screen between sales;
    ``sale_is_empty()`` says whether it is between sales."""

    def __init__(
        self, *, print_service: Callable[[], PrintService], runner: TaskRunner,
        receipt_view: ReceiptView, receipt_preview: ReceiptPreview,
        show_message: Callable[[str, Level], None],
        show_error: Callable[[BaseException], None],
        open_dialog: Callable[[QDialog, Callable[[Any], None]], None],
        guarded: Callable[[Callable[[], None]], None],
        show_copy: Callable[[ReceiptDocument, str], None],
        sale_is_empty: Callable[[], bool], dialog_parent: QWidget,
        with_permission: WithPermission | None = None,
    ) -> None:
        self._service = print_service
        self.runner = runner
        self.receipt_view, self.receipt_preview = receipt_view, receipt_preview
        self._show_message, self._show_error = show_message, show_error
        self._open_dialog, self._guarded = open_dialog, guarded
        self._show_copy, self._sale_is_empty = show_copy, sale_is_empty
        self._parent = dialog_parent
        self._preview_for = ""
        # Runs ``then(approval)`` once the role (None) or a supervisor allows the action.
        self._with_permission: WithPermission = with_permission or (
            lambda _permission, then: then(None))

    def on_sale_completed(self, done: CompletedSale) -> None:
        """Print the sale's receipt (an exchange's: one slip with its return) and show its
        printed image."""
        doc, print_service = done.receipt, self._service
        if done.exchange is not None:
            self.print_return(done.exchange.receipt, doc)
            return

        def job() -> bytes:
            service = print_service()  # the first use builds it here, off the UI thread
            service.print_receipt(doc)  # queued in its own transaction, after the sale
            return service.preview_png(doc)

        self._show_printed(doc.receipt_no, job)

    def print_return(self, doc: ReturnReceipt, sale: ReceiptDocument | None = None) -> None:
        """Print a return receipt (with ``sale``: an exchange's slip) and show its image."""
        print_service = self._service

        def job() -> bytes:
            service = print_service()
            service.print_return(doc, sale)
            return service.return_preview_png(doc, sale)

        self._show_printed(doc.return_no, job)

    def _show_printed(self, receipt_no: str, job: Callable[[], bytes]) -> None:
        """Show the text rendering now and the printed image once ``job`` made it."""
        self._preview_for = receipt_no
        self.receipt_preview.clear_preview()
        self.receipt_view.show()

        def shown(png: bytes) -> None:
            if self._preview_for == receipt_no and self.receipt_preview.show_png(
                    png, receipt_no):
                self.receipt_view.hide()  # the printed image replaces the text rendering

        self.runner.submit(job, on_done=shown, on_error=self._show_error, background=True)

    def on_reprint(self) -> None:
        """Ctrl+P: ask which receipt (the last one offered), then reprint it."""
        def run() -> None:
            last = self._service().last_receipt_no()
            if last is None:
                raise PosError("printer.no_receipt")
            dialog = ValueDialog(
                title=translate("devices", "Reprint receipt"),
                prompt=translate("devices", "Receipt number"),
                hint=translate("devices", "Enter reprints the last receipt shown; type another "
                                          "number to reprint an earlier one. Esc cancels."),
                parse=str.strip, initial=last, parent=self._parent)
            self._open_dialog(dialog, lambda d: self.reprint(d.value or last))

        self._guarded(run)

    def reprint(self, receipt_no: str) -> None:
        """Queue a copy of receipt ``receipt_no``; between sales the screen shows it."""
        service = self._service()
        text = translate("devices", "Reprinting receipt {no}.").format(no=receipt_no)

        def submit(approval: Approval | None) -> None:
            def job() -> ReceiptDocument:
                doc = service.receipt_of(receipt_no)
                service.reprint_doc(doc, approval)
                return doc

            self.runner.submit(job, on_done=lambda doc: self._reprinted(doc, text),
                               on_error=self._show_error, background=True)

        self._with_permission(Permission.REPRINT, submit)

    def _reprinted(self, doc: ReceiptDocument, text: str) -> None:
        self._show_message(text, "ok")
        if not self._sale_is_empty():
            return  # mid-sale the cart stays on screen
        self._show_copy(doc, translate(
            "devices", "Copy of receipt {no} ({time}) · printing. Scan the next item."
        ).format(no=doc.receipt_no, time=doc.completed_at.strftime("%Y-%m-%d %H:%M")))
        service = self._service()
        self._show_printed(doc.receipt_no, lambda: service.preview_png(doc, reprint=True))

    def on_open_drawer(self) -> None:
        """Ctrl+O: kick the cash drawer."""
        done_text = translate("devices", "Drawer opened.")
        service = self._service()

        def submit(approval: Approval | None) -> None:
            self.runner.submit(lambda: service.open_drawer(approval),
                               on_done=lambda _ids: self._show_message(done_text, "ok"),
                               on_error=self._show_error, background=True)

        self._with_permission(Permission.NO_SALE, submit)

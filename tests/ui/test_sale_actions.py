"""The sale's actions built alone: a real checkout on a demo database, the window's part
played by plain callables that record what they were asked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pos_app.config import Settings
from pos_app.core.errors import PosError
from pos_app.core.product import ProductInfo
from pos_app.services.factory import Services, open_services
from pos_app.services.results import CartChange, CompletedSale
from pos_app.ui.dialog_host import DialogHost
from pos_app.ui.edit_dialogs import ConfirmDialog, ValueDialog
from pos_app.ui.sale_actions import SaleActions
from pos_app.ui.tasks import TaskRunner
from tests.conftest import COLA


class Window:
    """What the window would do, recorded."""

    def __init__(self) -> None:
        self.changes: list[CartChange] = []
        self.messages: list[tuple[str, str]] = []
        self.errors: list[BaseException] = []
        self.focused = 0
        self.weights: list[ProductInfo] = []
        self.completed: list[CompletedSale] = []
        self.quits = 0
        self.selected: int | None = None

    def focus(self) -> None:
        self.focused += 1

    def quit(self) -> None:
        self.quits += 1


@pytest.fixture
def services(db_path: Path, tmp_path: Path) -> Iterator[Services]:
    settings = Settings(data_dir=tmp_path, db_path=db_path, lang="en_US")
    opened = open_services(db_path=db_path, settings=settings)
    yield opened
    opened.close()


@pytest.fixture
def made(qtbot: QtBot, services: Services) -> Iterator[tuple[SaleActions, Window]]:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    runner = TaskRunner()
    window = Window()

    def run_pending(pending: Any, on_done: Any, on_error: Any = None) -> None:
        on_done(pending.finish(pending.run()))  # at once: no writer thread needed here

    dialogs = DialogHost(show_error=window.errors.append, focus_entry=window.focus)
    actions = SaleActions(
        checkout=services.checkout, products=services.products, clock=services.clock,
        lang="en_US", runner=runner, dialogs=dialogs, parent=parent,
        search_debounce_ms=0, quick_cash_fen=(5000,), redraw=window.changes.append,
        show_message=lambda text, level: window.messages.append((level, text)),
        hide_message=lambda: None, show_error=window.errors.append, focus_entry=window.focus,
        selected_line_id=lambda: window.selected, run_pending=run_pending,
        ask_weight=window.weights.append, sale_completed=window.completed.append,
        quit=window.quit)
    yield actions, window
    runner.shutdown()


def test_an_action_without_a_line_says_so(made: tuple[SaleActions, Window]) -> None:
    actions, window = made
    actions.on_void_line()
    assert isinstance(window.errors[0], PosError)
    assert window.errors[0].key == "cart.no_line_selected"
    assert window.focused == 1 and actions.dialogs.active is None


def test_quantity_is_asked_then_set(qtbot: QtBot, made: tuple[SaleActions, Window]) -> None:
    actions, window = made
    outcome = actions.checkout.scan(COLA)
    assert outcome.change is not None
    window.selected = outcome.change.line_id
    actions.on_quantity()
    dialog = actions.dialogs.active
    assert isinstance(dialog, ValueDialog) and dialog.entry.text() == "1"
    dialog.entry.setText("3")
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.dialogs.active is None, timeout=3000)
    assert window.changes[-1].sale.cart.lines[0].qty == 3
    actions.on_quantity()  # a dialog open: another action waits
    actions.on_void_line()
    assert isinstance(actions.dialogs.active, ValueDialog)
    actions.dialogs.active.reject()


def test_quit_asks_only_when_a_sale_is_open(
    qtbot: QtBot, made: tuple[SaleActions, Window],
) -> None:
    actions, window = made
    actions.on_quit()
    assert window.quits == 1 and actions.dialogs.active is None
    actions.checkout.scan(COLA)
    actions.on_quit()
    dialog = actions.dialogs.active
    assert isinstance(dialog, ConfirmDialog) and window.quits == 1
    dialog.accept()
    assert window.quits == 2


def test_the_member_line_names_the_member_or_says_removed(
    made: tuple[SaleActions, Window],
) -> None:
    actions, window = made
    assert actions.member_text().startswith("Member removed")
    [member] = actions.checkout.loyalty.find_by_phone("139 1234 5678")
    actions.set_member(member)
    assert window.messages[-1][0] == "ok" and window.messages[-1][1].startswith("Member: ")

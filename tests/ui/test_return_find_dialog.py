"""Finding a sale to return without its receipt number, with real key events: a day in the
store's time zone, narrowed by amount and member; what cannot be read is told and nothing is
searched. The search is a plain function over real ``SaleSummary`` rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.core.clock import StoreClock
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.store.return_queries import SaleSummary
from pos_app.ui.return_find_dialog import (
    FindSaleDialog,
    parse_amount,
    store_day_range,
    store_time,
)
from tests.ui.conftest import cell_text

SHANGHAI = StoreClock(ZoneInfo("Asia/Shanghai"),
                      instant=lambda: datetime(2026, 12, 4, 6, 0, tzinfo=UTC))
TODAY = date(2026, 12, 4)
# Stored with the offset the till wrote; 23:30 UTC on the 3rd is 07:30 on the 4th in Shanghai.
SALES = [
    SaleSummary("S001-T01-000007", "2026-12-04T13:05:00+08:00", 1250, 3, None, "张敏"),
    SaleSummary("S001-T01-000006", "2026-12-04T09:40:00+08:00", 3500, 1, "M-1", "张敏"),
    SaleSummary("S001-T01-000005", "2026-12-03T23:30:00+00:00", 1250, 2, None, "李强"),
    SaleSummary("S001-T01-000004", "2026-12-03T15:00:00+08:00", 800, 1, "M-1", "李强"),
]
MEMBERS = {"13912345678": "M-1", "M-DEMO-2": "M-2"}


class Till:
    """The callables a caller gives the dialog, over the lists above; remembers searches."""

    def __init__(self) -> None:
        self.searches: list[tuple[datetime, datetime, Money | None, str | None]] = []

    def search(self, since: datetime, until: datetime, total: Money | None,
               member_id: str | None) -> list[SaleSummary]:
        self.searches.append((since, until, total, member_id))
        if until - since > timedelta(days=31):  # as the store's query refuses it
            raise PosError("return.search_period_invalid", max_days=31)
        return [s for s in SALES if since <= datetime.fromisoformat(s.closed_at) < until
                and (total is None or s.total_fen == total.fen)
                and (member_id is None or s.member_id == member_id)]

    @staticmethod
    def member_of(text: str) -> str | None:
        return MEMBERS.get(text.replace(" ", ""))


@pytest.fixture
def till() -> Till:
    return Till()


@pytest.fixture
def dialog(qtbot: QtBot, till: Till) -> FindSaleDialog:
    d = FindSaleDialog(today=TODAY, day_range=store_day_range(SHANGHAI), search=till.search,
                       member_of=till.member_of, local_time=store_time(SHANGHAI),
                       lang="en_US")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _receipts(d: FindSaleDialog) -> list[str]:
    return [cell_text(d.table, r, 0) for r in range(d.table.rowCount())]


def _row(d: FindSaleDialog, row: int) -> list[str]:
    return [cell_text(d.table, row, c) for c in range(d.table.columnCount())]


def test_the_day_alone_finds_that_store_day_in_its_zone(qtbot: QtBot, dialog: FindSaleDialog,
                                                        till: Till) -> None:
    assert dialog.focusWidget() is dialog.day
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)  # today, as it opened
    assert _receipts(dialog) == ["S001-T01-000007", "S001-T01-000006", "S001-T01-000005"]
    assert _row(dialog, 2) == ["S001-T01-000005", "07:30", "¥12.50", "2", "no", "李强"]
    assert _row(dialog, 1)[4] == "yes"
    since, until, total, member = till.searches[-1]
    assert (since.isoformat(), until.isoformat(), total, member) == (
        "2026-12-04T00:00:00+08:00", "2026-12-05T00:00:00+08:00", None, None)
    qtbot.keyClicks(dialog.day, "2026-12-03")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    assert _receipts(dialog) == ["S001-T01-000004"]
    assert "Sales found: 1" in dialog.status.text()


def test_the_amount_typed_with_a_decimal_comma_narrows_the_day(
        qtbot: QtBot, dialog: FindSaleDialog, till: Till) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.amount
    qtbot.keyClicks(dialog.amount, "12,50")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert till.searches[-1][2] == Money(1250)
    assert _receipts(dialog) == ["S001-T01-000007", "S001-T01-000005"]


def test_a_member_by_phone_narrows_the_day(qtbot: QtBot, dialog: FindSaleDialog,
                                           till: Till) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(dialog.member, "139 1234 5678")
    qtbot.keyClick(dialog.member, Qt.Key.Key_Return)
    assert till.searches[-1][3] == "M-1"
    assert _receipts(dialog) == ["S001-T01-000006"]


def test_a_member_code_from_the_serial_scanner_searches_for_that_member(
        dialog: FindSaleDialog, till: Till) -> None:
    dialog.scan("M-DEMO-2\n")
    assert dialog.member.text() == "M-DEMO-2" and till.searches[-1][3] == "M-2"
    assert dialog.table.rowCount() == 0 and "No sale" in dialog.status.text()


def test_an_amount_that_is_not_one_is_told_and_nothing_is_searched(
        qtbot: QtBot, dialog: FindSaleDialog, till: Till) -> None:
    dialog.amount.setFocus()
    qtbot.keyClicks(dialog.amount, "12.5x")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert "'12.5x' is not an amount" in dialog.error.text()
    assert till.searches == [] and dialog.table.rowCount() == 0
    assert dialog.focusWidget() is dialog.amount and dialog.isVisible()


def test_an_unknown_member_is_told_and_nothing_is_searched(
        qtbot: QtBot, dialog: FindSaleDialog, till: Till) -> None:
    dialog.member.setFocus()
    qtbot.keyClicks(dialog.member, "13800000000")
    qtbot.keyClick(dialog.member, Qt.Key.Key_Return)
    assert "No member has the mobile number or member code 13800000000" in dialog.error.text()
    assert till.searches == []


def test_no_sale_found_says_so(qtbot: QtBot, dialog: FindSaleDialog) -> None:
    dialog.amount.setFocus()
    qtbot.keyClicks(dialog.amount, "99")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.table.rowCount() == 0
    assert "No sale of this till matches" in dialog.status.text()
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Down)  # no results to go to: stays
    assert dialog.focusWidget() is dialog.amount


def test_a_refused_search_shows_the_reason(qtbot: QtBot) -> None:
    refusing = FindSaleDialog(
        today=TODAY, day_range=lambda d: (datetime(2026, 1, 1, tzinfo=UTC),
                                          datetime(2026, 6, 1, tzinfo=UTC)),
        search=Till().search, member_of=Till.member_of, local_time=store_time(SHANGHAI),
        lang="en_US")
    qtbot.addWidget(refusing)
    refusing.show()
    qtbot.keyClick(refusing.day, Qt.Key.Key_Return)
    assert "Search at most 31 days" in refusing.error.text()


def test_down_then_enter_takes_the_sale(qtbot: QtBot, dialog: FindSaleDialog) -> None:
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.table and dialog.table.currentRow() == 0
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.result() == FindSaleDialog.DialogCode.Accepted
    assert dialog.chosen_receipt_no == "S001-T01-000006"


def test_up_from_the_first_sale_goes_back_to_the_field(qtbot: QtBot,
                                                       dialog: FindSaleDialog) -> None:
    dialog.amount.setFocus()
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    assert dialog.focusWidget() is dialog.amount


def test_a_double_click_takes_the_sale(qtbot: QtBot, dialog: FindSaleDialog) -> None:
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    viewport = dialog.table.viewport()
    rect = dialog.table.visualRect(dialog.table.model().index(2, 0))
    # QTest's double click alone is not one to an item view: a click comes first.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.chosen_receipt_no == "S001-T01-000005"


def test_esc_closes_without_a_sale(qtbot: QtBot, dialog: FindSaleDialog) -> None:
    qtbot.keyClick(dialog.day, Qt.Key.Key_Escape)
    assert dialog.result() == FindSaleDialog.DialogCode.Rejected
    assert dialog.chosen_receipt_no is None


@pytest.mark.parametrize(("text", "fen"), [
    ("12.50", 1250), ("12,50", 1250), ("¥12.5", 1250), ("１２．５０", 1250), (" 8 ", 800),
    ("", None)])
def test_amounts_as_cashiers_type_them(text: str, fen: int | None) -> None:
    money = parse_amount(text)
    assert (money.fen if money is not None else None) == fen


@pytest.mark.parametrize("text", ["-3", "1,250", "12.505", "abc", "1,2,3"])
def test_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(PosError) as info:
        parse_amount(text)
    assert info.value.key == "money.invalid"

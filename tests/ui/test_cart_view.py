"""The cart table draws every row legibly, including after partial (appended-row) repaints."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPaintEvent
from pytestqt.qtbot import QtBot

from pos_app.ui.cashier_window import CashierWindow
from tests.conftest import CHIPS, COLA, TEA
from tests.ui.conftest import scan


def dark_pixels(image: QImage, x0: int, y0: int, x1: int, y1: int) -> int:
    return sum(
        1
        for y in range(y0, y1, 2)
        for x in range(x0, x1, 2)
        if image.pixelColor(x, y).lightness() < 110
    )


def test_every_cart_row_shows_its_text_not_only_the_selected_one(
    qtbot: QtBot, window: CashierWindow
) -> None:
    for code in (COLA, TEA, CHIPS, COLA):  # the last one merges into row 0
        scan(qtbot, window, code)
    view = window.cart_view
    image = view.viewport().grab().toImage()
    for row in range(window.cart_model.rowCount()):
        rect = view.visualRect(window.cart_model.index(row, 1))
        # The selected row is light text on a dark fill; the others dark text on light.
        selected = view.selectionModel().isRowSelected(row)
        dark = dark_pixels(image, rect.left(), rect.top(), rect.right(), rect.bottom())
        area = (rect.width() // 2) * (rect.height() // 2)
        if selected:
            assert dark < area // 2, f"row {row} should be highlighted"
        else:
            assert dark > 20, f"row {row} has no visible text"


def test_appended_row_repaints_only_its_own_strip(qtbot: QtBot, window: CashierWindow) -> None:
    from PySide6.QtCore import QEvent, QObject, QRect

    scan(qtbot, window, COLA)
    regions: list[QRect] = []

    class Spy(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if isinstance(event, QPaintEvent):
                regions.append(event.region().boundingRect())
            return False

    spy = Spy()
    window.cart_view.viewport().installEventFilter(spy)
    scan(qtbot, window, TEA)
    qtbot.waitUntil(lambda: bool(regions))
    height = window.cart_view.viewport().height()
    row_h = window.cart_view.rowHeight(0)
    # The new row plus the row that lost the selection: two rows, not the whole table.
    assert max(r.height() for r in regions) <= 2 * row_h < height


def _header_on_screen(window: CashierWindow) -> QImage:
    """The column header as the window's backing store has it (what is on screen)."""
    header = window.cart_view.horizontalHeader()
    shot = window.screen().grabWindow(window.winId()).toImage()
    top_left = header.mapTo(window, header.rect().topLeft())
    return shot.copy(top_left.x(), top_left.y(), header.width(), header.height())


def _header_repainted(qtbot: QtBot, window: CashierWindow) -> QImage:
    window.cart_view.horizontalHeader().viewport().repaint()
    return _header_on_screen(window)


def test_header_repaints_only_when_the_selection_changes_its_look(
    qtbot: QtBot, window: CashierWindow
) -> None:
    from PySide6.QtCore import QEvent, QObject

    header = window.cart_view.horizontalHeader()
    paints: list[int] = []

    class Spy(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints.append(1)
            return False

    spy = Spy()
    header.viewport().installEventFilter(spy)
    empty = _header_on_screen(window)
    scan(qtbot, window, COLA)  # one row, selected: every section highlighted and sunken
    assert paints and _header_on_screen(window) == _header_repainted(qtbot, window)
    assert _header_on_screen(window) != empty
    scan(qtbot, window, TEA)  # two rows, one selected: no longer sunken
    assert _header_on_screen(window) == _header_repainted(qtbot, window)
    paints.clear()
    scan(qtbot, window, CHIPS)  # the selection moves on, the header looks the same
    assert paints == []
    assert _header_on_screen(window) == _header_repainted(qtbot, window)


def test_header_height_follows_its_font(qtbot: QtBot, window: CashierWindow) -> None:
    from PySide6.QtWidgets import QHeaderView

    header = window.cart_view.horizontalHeader()
    scan(qtbot, window, COLA)
    before = header.sizeHint()
    font = header.font()
    font.setPointSize(font.pointSize() * 2)
    header.setFont(font)
    stock = QHeaderView(header.orientation())  # what Qt measures for the same texts
    qtbot.addWidget(stock)
    stock.setModel(window.cart_model)
    stock.setFont(font)
    assert header.sizeHint().height() > before.height()
    assert header.sizeHint() == stock.sizeHint()
    window.cart_model.headerDataChanged.emit(header.orientation(), 0, 0)
    assert header.sizeHint() == stock.sizeHint()


def test_columns_grow_to_fit_big_numbers_and_shrink_back_for_the_next_sale(
    qtbot: QtBot, window: CashierWindow
) -> None:
    from pos_app.core.cart import Discount
    from pos_app.core.money import Money

    window.resize(1024, 768)
    view, model = window.cart_view, window.cart_model
    scan(qtbot, window, COLA)
    defaults = [view.columnWidth(c) for c in range(model.columnCount())]
    scan(qtbot, window, TEA)
    checkout = window.checkout
    cola, tea = (ln.line_id for ln in checkout.sale.cart.lines)
    window.redraw(checkout.set_qty(cola, 99_999))  # ¥299,997.00 on one line
    window.redraw(checkout.override_price(tea, Money(1_299_900)))
    window.redraw(checkout.set_qty(tea, 2))
    window.redraw(checkout.discount_line(cola, Discount("percent", 2_500)))
    metrics = view.fontMetrics()
    for row in range(model.rowCount()):
        for col in range(2, model.columnCount()):
            text = model.cell(row, col)[0]
            assert metrics.horizontalAdvance(text) + 12 <= view.columnWidth(col), (row, text)
    assert view.columnWidth(1) >= 200  # the name keeps room at 1024 px
    window.redraw(checkout.void_line(cola))
    window.redraw(checkout.void_line(tea))
    scan(qtbot, window, CHIPS)
    assert [view.columnWidth(c) for c in range(2, model.columnCount())] == defaults[2:]


def test_a_long_name_goes_on_two_smaller_lines_instead_of_being_cut(
    qtbot: QtBot, window: CashierWindow
) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from pos_app.ui.cart_delegate import two_lines

    font = QFont(window.cart_view.font())
    font.setPointSizeF(font.pointSizeF() * 0.82)
    metrics = QFontMetrics(font)
    name = "Master Kong Pickled Cabbage Beef Noodles 5-pack"
    width = metrics.horizontalAdvance(name) * 2 // 3
    lines = two_lines(name, metrics, width)
    assert lines == ("Master Kong Pickled Cabbage", "Beef Noodles 5-pack") or (
        len(lines) == 2 and " ".join(lines) == name), lines
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)
    chinese = "蒙牛特仑苏纯牛奶250ml×12盒礼盒装"
    first, second = two_lines(chinese, metrics, metrics.horizontalAdvance(chinese) * 3 // 5)
    assert first + second == chinese
    much = two_lines(name * 3, metrics, width)
    assert len(much) == 2 and much[1].endswith("…")
    # In the table the row keeps its height and the text stays inside it.
    window.resize(1024, 768)
    scan(qtbot, window, COLA)
    view = window.cart_view
    rect = view.visualRect(window.cart_model.index(0, 1))
    assert 2 * metrics.height() <= rect.height()


def test_a_name_breaks_at_its_space_rather_than_inside_a_size() -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from pos_app.ui.cart_delegate import two_lines

    metrics = QFontMetrics(QFont())
    name = "蒙牛特仑苏纯牛奶 250ml×12"
    width = metrics.horizontalAdvance("蒙牛特仑苏纯牛奶 250ml×1")
    assert two_lines(name, metrics, width) == ("蒙牛特仑苏纯牛奶", "250ml×12")

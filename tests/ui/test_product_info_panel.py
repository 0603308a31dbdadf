"""The search dialog's product panel: this store's stock at once, the chain's other stores'
with the age of the answer, and what an offline till says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contract.chain_stock import StoreStock
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.services.chain_stock import ChainStockView
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.product_info_panel import chain_text
from pos_app.ui.search_dialog import ProductSearchDialog

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
NOODLES = ProductInfo(1, "030001", "康师傅红烧牛肉面", "", "包", Money(1250), 1300)
APPLES = ProductInfo(2, "W00101", "富士苹果", "", "kg", Money(1310), 900, is_weighed=True)
STORES = (StoreStock(store_code="S003", store_name="静安店", on_hand=48),
          StoreStock(store_code="S002", store_name="徐汇店", on_hand=12))


def test_what_the_panel_says_fresh_kept_and_never_asked() -> None:
    fresh = ChainStockView("030001", STORES, NOW, fresh=True)
    assert chain_text(NOODLES, fresh, NOW, looking=False).splitlines() == [
        "Other stores:", "  静安店  48", "  徐汇店  12", "as of just now"]
    kept = ChainStockView("030001", STORES, NOW - timedelta(minutes=7))
    assert chain_text(NOODLES, kept, NOW, looking=False).endswith("offline: as of 7 min ago")
    assert chain_text(NOODLES, kept, NOW, looking=True).endswith("7 min ago; asking the cloud…")
    never = ChainStockView("030001")
    assert chain_text(NOODLES, never, NOW, looking=False).splitlines()[1:] == [
        "  offline: not known yet"]
    assert chain_text(NOODLES, never, NOW, looking=True).splitlines()[1:] == [
        "  asking the cloud…"]
    none = ChainStockView("W00101", (), NOW - timedelta(hours=3), fresh=True)
    assert "none of them has it" in chain_text(APPLES, none, NOW, looking=False)
    grams = ChainStockView("W00101", (StoreStock(store_code="S002", on_hand=1250),), NOW, True)
    assert "  S002  1.250kg" in chain_text(APPLES, grams, NOW, looking=False)


def test_the_search_dialog_shows_the_selected_products_stock(
        qtbot: QtBot, window: CashierWindow) -> None:
    qtbot.keyClick(window.scan_entry, Qt.Key.Key_F2)
    dialog = window.active_dialog
    assert isinstance(dialog, ProductSearchDialog) and dialog.info_panel.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.query, "kkkl")
    qtbot.waitUntil(lambda: dialog.info_panel.sku != "", timeout=3000)
    assert dialog.info_panel.here.text().startswith("This store: ")
    # This till was never enrolled: the other stores' stock is not known, and it says so.
    qtbot.waitUntil(lambda: "offline: not known yet" in dialog.info_panel.chain.text(),
                    timeout=3000)
    first = dialog.info_panel.sku
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: dialog.info_panel.sku != first, timeout=3000)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Escape)

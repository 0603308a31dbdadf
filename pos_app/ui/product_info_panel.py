"""The product panel of the search dialog: the selected product's price, this store's stock
and the chain's other stores' (附近门店库存) with how old that answer is — or that the till
is offline and has none."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from pos_app.core.money import format_money
from pos_app.core.product import ProductInfo
from pos_app.core.quantity import format_quantity
from pos_app.services.chain_stock import ChainStockView

translate = QCoreApplication.translate
SHOWN = 6  # stores listed; the rest are counted


def age_text(asked_at: datetime, now: datetime) -> str:
    """How long ago, in the words of the screen (under a minute: "just now")."""
    minutes = max(0, int((now - asked_at).total_seconds()) // 60)
    if minutes < 1:
        return translate("stock", "just now")
    if minutes < 60:
        return translate("stock", "{n} min ago").format(n=minutes)
    if minutes < 48 * 60:
        return translate("stock", "{n} h ago").format(n=minutes // 60)
    return translate("stock", "{n} days ago").format(n=minutes // (24 * 60))


def chain_text(product: ProductInfo, view: ChainStockView | None, now: datetime, *,
               looking: bool) -> str:
    """The other stores' stock of ``product`` as lines of text."""
    if view is None:
        return ""
    lines = [translate("stock", "Other stores:")]
    for s in view.stores[:SHOWN]:
        qty = format_quantity(s.on_hand, weighed=product.is_weighed)
        lines.append(f"  {s.store_name or s.store_code}  {qty}")
    if len(view.stores) > SHOWN:
        lines.append("  " + translate("stock", "and {n} more stores").format(
            n=len(view.stores) - SHOWN))
    if view.asked_at is not None and not view.stores:
        lines.append("  " + translate("stock", "none of them has it"))
    if view.asked_at is None:
        lines[1:] = ["  " + (translate("stock", "asking the cloud…") if looking else
                             translate("stock", "offline: not known yet"))]
    elif view.fresh:
        lines.append(translate("stock", "as of {age}").format(age=age_text(view.asked_at, now)))
    elif looking:
        lines.append(translate("stock", "{age}; asking the cloud…").format(
            age=age_text(view.asked_at, now)))
    else:
        lines.append(translate("stock", "offline: as of {age}").format(
            age=age_text(view.asked_at, now)))
    return "\n".join(lines)


class ProductInfoPanel(QFrame):
    """Shows one product (``show_product``); ``sku`` is the one shown."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.sku = ""
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(240)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.here = QLabel(self)
        self.chain = QLabel(self)
        self.chain.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.here)
        lay.addWidget(self.chain)
        lay.addStretch(1)

    def show_product(self, product: ProductInfo, on_hand: int | None,
                     view: ChainStockView | None, now: datetime, *, looking: bool) -> None:
        """``product`` with this store's stock (None: not known) and the other stores'."""
        self.sku = product.sku
        price = format_money(product.price, self.lang)
        self.title.setText(f"{product.display_name(self.lang)}\n{product.sku} · "
                           + (f"{price}/kg" if product.is_weighed else price))
        self.here.setText("" if on_hand is None else translate(
            "stock", "This store: {qty}").format(
            qty=format_quantity(on_hand, weighed=product.is_weighed)))
        self.chain.setText(chain_text(product, view, now, looking=looking))

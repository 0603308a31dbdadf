"""The cashier's key map: one table drives the shortcuts, the F1 overlay and the key buttons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for lupdate; returns it unchanged."""
        ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class KeyAction:
    """A window action: its name (its entry in the window's ``key_handlers``), keys, and
    English label."""

    name: str
    keys: tuple[str, ...]
    label: str

    def text(self) -> str:
        """The translated label."""
        return QCoreApplication.translate("keys", self.label)

    def key_text(self) -> str:
        """Keys for display, e.g. ``F12 / +``."""
        return " / ".join(self.keys)


ACTIONS: tuple[KeyAction, ...] = (
    KeyAction("help", ("F1",), QT_TRANSLATE_NOOP("keys", "Help: keys")),
    KeyAction("search", ("F2",), QT_TRANSLATE_NOOP("keys", "Search")),
    KeyAction("quantity", ("F3",), QT_TRANSLATE_NOOP("keys", "Qty / weight")),
    KeyAction("void_line", ("F4",), QT_TRANSLATE_NOOP("keys", "Void line")),
    KeyAction("line_discount", ("F5",), QT_TRANSLATE_NOOP("keys", "Line disc.")),
    KeyAction("sale_discount", ("F6",), QT_TRANSLATE_NOOP("keys", "Sale disc.")),
    KeyAction("price_override", ("F7",), QT_TRANSLATE_NOOP("keys", "New price")),
    KeyAction("suspend", ("F8",), QT_TRANSLATE_NOOP("keys", "Suspend")),
    KeyAction("resume", ("F9",), QT_TRANSLATE_NOOP("keys", "Resume")),
    KeyAction("void_sale", ("F10",), QT_TRANSLATE_NOOP("keys", "Void sale")),
    KeyAction("member", ("F11",), QT_TRANSLATE_NOOP("keys", "Member")),
    KeyAction("pay", ("F12", "+"), QT_TRANSLATE_NOOP("keys", "Pay")),
    KeyAction("import_products", ("Ctrl+I",), QT_TRANSLATE_NOOP("keys", "Import CSV")),
    KeyAction("reprint", ("Ctrl+P",), QT_TRANSLATE_NOOP("keys", "Reprint")),
    KeyAction("open_drawer", ("Ctrl+O",), QT_TRANSLATE_NOOP("keys", "Drawer")),
    KeyAction("devices", ("Ctrl+D",), QT_TRANSLATE_NOOP("keys", "Devices")),
    KeyAction("returns", ("Ctrl+R",), QT_TRANSLATE_NOOP("keys", "Return")),
    KeyAction("shift", ("Ctrl+H",), QT_TRANSLATE_NOOP("keys", "Shift, cash")),
    KeyAction("lock", ("Ctrl+L",), QT_TRANSLATE_NOOP("keys", "Lock")),
    KeyAction("quit", ("Ctrl+Q",), QT_TRANSLATE_NOOP("keys", "Quit")),
)

# Keys that work without a shortcut of their own (shown in the F1 overlay only).
EXTRA_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ / ↓", QT_TRANSLATE_NOOP("keys", "Select a line in the sale")),
    ("Enter", QT_TRANSLATE_NOOP("keys", "Add the scanned or typed code")),
    ("3*code", QT_TRANSLATE_NOOP("keys", "Add 3 pieces of a code")),
    ("Esc", QT_TRANSLATE_NOOP("keys", "Close a dialog / clear the entry")),
    ("Ctrl+M", QT_TRANSLATE_NOOP("keys", "Demo member and coupon codes (demo store only)")),
    ("F2–F4", QT_TRANSLATE_NOOP("keys", "Payment: quick cash amounts and the exact amount")),
    ("F5–F8", QT_TRANSLATE_NOOP("keys", "Payment: switch the way of paying")),
    ("Tab", QT_TRANSLATE_NOOP("keys", "Payment: move to the list of payments")),
    ("Del", QT_TRANSLATE_NOOP("keys", "Payment: remove the selected (or the last) payment")),
)

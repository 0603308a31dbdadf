"""Messages of returns and refunds (see ``messages``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for lupdate; returns it unchanged."""
        ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

RETURN_MESSAGES: dict[str, str] = {
    "return.empty": QT_TRANSLATE_NOOP(
        "messages", "Nothing is marked to return. Enter a quantity on the lines that come back."
    ),
    "return.no_such_line": QT_TRANSLATE_NOOP(
        "messages", "The sale has no line {line}. Scan the receipt again and pick its lines."
    ),
    "return.qty_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "Line {line}: '{qty}' is not a quantity to return. Enter a whole number above zero "
        "(grams for goods sold by weight).",
    ),
    "return.qty_exceeds_sold": QT_TRANSLATE_NOOP(
        "messages",
        "Line {line}: {asked} cannot come back, only {left} of the {sold} sold are left "
        "({returned} already returned; grams for goods sold by weight). Lower the quantity.",
    ),
}

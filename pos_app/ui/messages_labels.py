"""Messages of shelf and markdown labels (see ``messages``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for lupdate; returns it unchanged."""
        ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

LABEL_MESSAGES: dict[str, str] = {
    "labels.unknown_code": QT_TRANSLATE_NOOP(
        "messages", "No product has the code '{code}'. Scan the product's barcode, type its "
        "SKU, or search by name."
    ),
    "labels.percent_invalid": QT_TRANSLATE_NOOP(
        "messages", "{percent} % is not a markdown: enter a whole percentage from 1 to {max}."
    ),
    "labels.weight_required": QT_TRANSLATE_NOOP(
        "messages", "{name} is sold by weight: scan the scale label on the pack to mark it "
        "down, so the label carries its weight and price."
    ),
    "labels.price_out_of_range": QT_TRANSLATE_NOOP(
        "messages", "A markdown label can carry at most {max_fen}, not {price_fen}. Print a "
        "shelf label, or mark the item down at the till."
    ),
    "labels.markdown_rule_invalid": QT_TRANSLATE_NOOP(
        "messages", "The markdown prefix {prefix} is not a price label prefix of the till's "
        "scale rules. Set POS_LABEL_PRINTER__MARKDOWN_PREFIX to one (e.g. 26)."
    ),
    "labels.markdown_item_invalid": QT_TRANSLATE_NOOP(
        "messages", "Markdown number {item} does not fit the label. Try again; the numbers "
        "start over by themselves."
    ),
    "labels.nothing_to_print": QT_TRANSLATE_NOOP(
        "messages", "No labels are in the list. Scan or type a product's code first."
    ),
    "labels.copies_invalid": QT_TRANSLATE_NOOP(
        "messages", "Print 1 to {max} copies of a label."
    ),
    "labels.printer_not_configured": QT_TRANSLATE_NOOP(
        "messages", "No label printer is set up. Set POS_LABEL_PRINTER__KIND (tspl, escpos "
        "or sim) and its port, then try again."
    ),
    "labels.printer_unavailable": QT_TRANSLATE_NOOP(
        "messages", "The label printer did not take the labels ({reason}). Check it is on, "
        "has labels and is connected, then press F12 again."
    ),
}

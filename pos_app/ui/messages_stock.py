"""Messages of stock counts (see ``messages``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for lupdate; returns it unchanged."""
        ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

STOCK_MESSAGES: dict[str, str] = {
    "count.scope_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "A count of a category or zone needs its name, and a count of products needs at "
        "least one product. Choose what to count again.",
    ),
    "count.qty_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "'{qty}' is not a counted quantity. Enter a whole number of pieces, 0 or more "
        "(kilograms for goods sold by weight).",
    ),
    "count.qty_too_large": QT_TRANSLATE_NOOP(
        "messages", "{qty} is more than a count line can hold ({max}). Check the quantity."
    ),
    "count.no_such_session": QT_TRANSLATE_NOOP(
        "messages", "This count no longer exists. Open the list of counts and choose again."
    ),
    "count.already_posted": QT_TRANSLATE_NOOP(
        "messages",
        "This count was posted at {posted_at} and cannot change any more. Start a new count "
        "for what is left.",
    ),
    "count.not_approved": QT_TRANSLATE_NOOP(
        "messages", "A manager must approve the count before it is posted."
    ),
    "count.not_open": QT_TRANSLATE_NOOP(
        "messages",
        "The count is approved and waits to be posted. Reopen it to count more.",
    ),
    "count.not_in_recount": QT_TRANSLATE_NOOP(
        "messages",
        "{code} is not among the products to recount. Count only the products on the "
        "recount list.",
    ),
    "count.nothing_to_recount": QT_TRANSLATE_NOOP(
        "messages", "No variance is big enough to recount. Approve the count or pick products."
    ),
    "count.csv_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "The count file has {count} bad rows (the first on line {line}); nothing was "
        "imported. Correct the rows and upload the file again.",
    ),
    "count.csv_unknown_column": QT_TRANSLATE_NOOP(
        "messages",
        "Column '{column}' is not known. Use code, qty, counter, location and time.",
    ),
    "count.csv_duplicate_column": QT_TRANSLATE_NOOP(
        "messages", "Column '{column}' appears twice. Keep one of them."
    ),
    "count.csv_missing_column": QT_TRANSLATE_NOOP(
        "messages", "The file has no '{column}' column. Add it to the first row."
    ),
    "count.csv_bad_text": QT_TRANSLATE_NOOP(
        "messages",
        "Column '{column}' holds a control character or more than 64 characters. Fix it.",
    ),
    "count.csv_no_code": QT_TRANSLATE_NOOP(
        "messages", "The row has no barcode or SKU. Fill in the code or delete the row."
    ),
    "count.csv_bad_qty": QT_TRANSLATE_NOOP(
        "messages",
        "'{qty}' is not a counted quantity. Use a whole number 0 or more (kilograms with up "
        "to 3 decimals for goods sold by weight).",
    ),
    "count.csv_bad_time": QT_TRANSLATE_NOOP(
        "messages",
        "'{time}' is not a time. Write it like 2026-12-05T09:30:00+08:00 or leave it empty.",
    ),
    "count.csv_future_time": QT_TRANSLATE_NOOP(
        "messages",
        "'{time}' is later than now. Check the handheld's clock or leave the time empty.",
    ),
    "count.csv_unreadable": QT_TRANSLATE_NOOP(
        "messages", "This row cannot be read as CSV. Save the file as CSV again."
    ),
    "count.csv_empty": QT_TRANSLATE_NOOP(
        "messages", "The file has no count lines. Export the handheld's lines again."
    ),
    "count.csv_column_count": QT_TRANSLATE_NOOP(
        "messages",
        "The row has {found} values where the header has {expected}. Check for a missing "
        "or extra comma.",
    ),
    "count.csv_too_many_rows": QT_TRANSLATE_NOOP(
        "messages", "The file has more than {max} rows. Split it into smaller files."
    ),
}

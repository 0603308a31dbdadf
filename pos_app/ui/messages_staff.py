"""Messages of staff, sign-in and shifts (see ``messages``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for lupdate; returns it unchanged."""
        ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

STAFF_MESSAGES: dict[str, str] = {
    "staff.unknown": QT_TRANSLATE_NOOP(
        "messages", "No staff member has the number or badge '{code}'. Check it and try again."),
    "staff.inactive": QT_TRANSLATE_NOOP(
        "messages", "{name} may no longer sign in at this store. Ask the store manager."),
    "staff.locked": QT_TRANSLATE_NOOP(
        "messages", "{name} is locked after five wrong PINs. Try again in {minutes} min, or "
                    "ask the store manager."),
    "staff.pin_wrong": QT_TRANSLATE_NOOP(
        "messages", "Wrong PIN. {left} more tries before this staff member is locked."),
    "staff.pin_invalid": QT_TRANSLATE_NOOP(
        "messages", "A PIN is {min} to {max} digits. Type digits only."),
    "staff.pin_mismatch": QT_TRANSLATE_NOOP(
        "messages", "The two PINs differ. Type the same PIN twice."),
    "staff.name_invalid": QT_TRANSLATE_NOOP(
        "messages", "Type a name of 1 to 64 letters, without control characters."),
    "staff.admin_exists": QT_TRANSLATE_NOOP(
        "messages", "This till has staff already: sign in with your number and PIN."),
    "staff.not_signed_in": QT_TRANSLATE_NOOP(
        "messages", "Nobody is signed in. Sign in with your number and PIN first."),
    "staff.approve_self": QT_TRANSLATE_NOOP(
        "messages", "You cannot approve your own action. Ask another supervisor."),
    "staff.approver_not_allowed": QT_TRANSLATE_NOOP(
        "messages", "{name} may not approve this either. Ask a manager."),
    "shift.not_open": QT_TRANSLATE_NOOP(
        "messages", "No shift is open on this till. Open one (Ctrl+H) and count the float "
                    "first."),
    "shift.already_open": QT_TRANSLATE_NOOP(
        "messages", "A shift is open on this till already. Close it with a Z report first."),
    "shift.not_closed": QT_TRANSLATE_NOOP(
        "messages", "This shift is not closed yet: it has no Z report."),
    "shift.no_closed_shift": QT_TRANSLATE_NOOP(
        "messages", "No shift has been closed on this till yet."),
    "shift.amount_invalid": QT_TRANSLATE_NOOP(
        "messages", "Type an amount above zero and at most {max_fen}."),
    "shift.not_enough_cash": QT_TRANSLATE_NOOP(
        "messages", "The drawer should hold only {cash_fen}: {amount_fen} cannot come out. "
                    "Check the amount."),
    "shift.reason_required": QT_TRANSLATE_NOOP(
        "messages", "Say why the cash is paid in or out (a few words)."),
    "shift.reason_invalid": QT_TRANSLATE_NOOP(
        "messages", "The reason is too long or holds characters that cannot be kept. Use up "
                    "to 64 letters."),
}

"""Messages of the sync with the cloud (see ``messages``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for lupdate; returns it unchanged."""
        ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

SYNC_MESSAGES: dict[str, str] = {
    # sync with the cloud (the status bar's details; selling goes on whatever they say)
    "sync.offline": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud at {url} cannot be reached. Sales are kept on this till and sent when the network is back; check the network cable or Wi-Fi if this lasts.",
    ),
    "sync.server_unavailable": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud is not answering properly right now (HTTP {status}). Sales are kept on this till; it tries again by itself.",
    ),
    "sync.bad_response": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud sent an answer this till cannot read ({what}). It tries again later; call head office if this lasts.",
    ),
    "sync.push_stuck": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud does not take this till's sales from number {seq} on. Sales are kept here; call head office.",
    ),
    "sync.events_missing": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud is missing this till's records {first} to {last}, which this till no longer keeps. Call head office: they must be entered there.",
    ),
    "sync.verify_mismatch": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud's totals for {dates} still differ from this till's after sending them again. Sales are kept here; call head office.",
    ),
    "sync.change_rejected": QT_TRANSLATE_NOOP(
        "messages",
        "This till cannot use head office's {stream} record {record} ({reason}). Its {stream} stay as they were and are asked for again at every sync; head office has been told. Call head office.",
    ),
    "sync.problem": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud refused this till's request ({problem}: {message}). Call head office.",
    ),
    "sync.failed": QT_TRANSLATE_NOOP(
        "messages",
        "Sync stopped on an unexpected error ({detail}). Sales are kept; it tries again by itself. Call a supervisor if this lasts.",
    ),
    "sync.not_enrolled": QT_TRANSLATE_NOOP(
        "messages",
        "This till is not connected to the cloud yet. A supervisor enrolls it with the code from head office: pos enroll URL CODE.",
    ),
    "sync.credential_file": QT_TRANSLATE_NOOP(
        "messages",
        "The till's cloud credential file cannot be used ({problem}). Enroll the till again with a new code from head office.",
    ),
    "sync.protocol_outdated": QT_TRANSLATE_NOOP(
        "messages",
        "This till's software is too old for the cloud. Sales are kept here; update the till software.",
    ),
    "sync.server_outdated": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud runs an older version than this till. Sales are kept here; head office must update the cloud.",
    ),
    "sync.credential_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud does not recognise this till. Enroll it again with a new code from head office.",
    ),
    "sync.credential_revoked": QT_TRANSLATE_NOOP(
        "messages",
        "Head office has disconnected this till from the cloud. Sales are kept here; ask head office for a new enrollment code.",
    ),
    "sync.identity_mismatch": QT_TRANSLATE_NOOP(
        "messages",
        "This till's store or terminal code differs from the one it was enrolled as. Enroll it again, or call head office.",
    ),
    # why the cloud quarantined a record (the sync details list them)
    "sync.payload_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "The record holds text the cloud cannot store (e.g. a control character in a product name). Use Repair and resend.",
    ),
    "sync.event_type_unknown": QT_TRANSLATE_NOOP(
        "messages", "The cloud does not know this kind of record. Head office must update the cloud."
    ),
    "sync.event_upgrade_missing": QT_TRANSLATE_NOOP(
        "messages", "The cloud cannot read this record's old format. Call head office."
    ),
    "sync.sale_exists": QT_TRANSLATE_NOOP(
        "messages", "The cloud already has a sale with this number from another record. Call head office."
    ),
    "sync.points_entry_exists": QT_TRANSLATE_NOOP(
        "messages", "The cloud already has this points entry from another record. Call head office."
    ),
    "sync.quarantined_other": QT_TRANSLATE_NOOP(
        "messages", "The cloud could not accept this record ({reason}). Call head office."
    ),
    "sync.repair_not_possible": QT_TRANSLATE_NOOP(
        "messages", "This record has nothing a repair can fix. Call head office."
    ),
    "sync.event_version_unknown": QT_TRANSLATE_NOOP(
        "messages",
        "This till writes records newer than the cloud knows. Sales are kept here; head office must update the cloud.",
    ),
    "sync.request_invalid": QT_TRANSLATE_NOOP(
        "messages", "The cloud could not read this till's request. Call head office."
    ),
    "sync.request_too_large": QT_TRANSLATE_NOOP(
        "messages", "The cloud refused a request as too large. Call head office."
    ),
    "sync.not_found": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud address is wrong or the cloud does not offer sync. Check the sync address with head office.",
    ),
    "sync.enrollment_code_invalid": QT_TRANSLATE_NOOP(
        "messages", "This enrollment code is not known to the cloud. Check it, or ask head office for a new one."
    ),
    "sync.enrollment_code_used": QT_TRANSLATE_NOOP(
        "messages", "This enrollment code has been used already. Ask head office for a new one."
    ),
    "sync.enrollment_code_expired": QT_TRANSLATE_NOOP(
        "messages", "This enrollment code has expired. Ask head office for a new one."
    ),
    "sync.terminal_code_taken": QT_TRANSLATE_NOOP(
        "messages",
        "Another till is enrolled with terminal code {terminal_code}. Choose another code, or ask head office to revoke the old till.",
    ),
    "coupon.revoked": QT_TRANSLATE_NOOP(
        "messages",
        "Head office has withdrawn this coupon. Continue without it.",
    ),
}

"""The status bar's sync item: online / offline / syncing, what waits to be sent, the last
sync; a click opens the details (``sync_dialog``). The service's state changes arrive on its
worker thread and cross to the UI thread as the queued signal ``SyncBridge.sig_state``;
reference data a pull changed crosses as ``sig_pulled`` and is put in use there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QPushButton, QWidget

from pos_app.core.clock import StoreClock
from pos_app.services.checkout import CheckoutService
from pos_app.services.reference import PulledReference, use_pulled
from pos_app.services.sync_service import SyncService, SyncState

translate = QCoreApplication.translate

_COLORS = {
    "online": "#135c2a",
    "syncing": "#1a3e8a",
    "starting": "#1a3e8a",
    "offline": "#8a1c12",
    "error": "#8a1c12",
    "not_enrolled": "#666666",
}


def stream_name(stream: str) -> str:
    """The translated name of a pull stream."""
    names = {
        "store": translate("sync", "Store"),
        "chain_keys": translate("sync", "Code keys"),
        "tiers": translate("sync", "Member tiers"),
        "products": translate("sync", "Products"),
        "promotions": translate("sync", "Promotions"),
        "members": translate("sync", "Members"),
        "wallet": translate("sync", "Member coupons"),
        "revoked_coupons": translate("sync", "Withdrawn coupons"),
        "stock": translate("sync", "Stock"),
    }
    return names.get(stream, stream)


def phase_text(state: SyncState) -> str:
    """One or two words for what sync is doing."""
    if state.phase == "syncing" and state.progress is not None:
        stream, done, total = state.progress
        if total:
            return translate("sync", "syncing {stream} {done}/{total}").format(
                stream=stream_name(stream), done=done, total=total)
        return translate("sync", "syncing {stream}").format(stream=stream_name(stream))
    texts = {
        "not_enrolled": translate("sync", "not set up"),
        "starting": translate("sync", "starting"),
        "syncing": translate("sync", "syncing"),
        "online": translate("sync", "online"),
        "offline": translate("sync", "offline"),
        "error": translate("sync", "needs attention"),
    }
    return texts[state.phase]


def when_text(moment: datetime | None, now: datetime) -> str:
    """A time of today as 14:05, an older one as 12-01 14:05, in the zone of ``now`` (the
    store's); "never" for none."""
    if moment is None:
        return translate("sync", "never")
    local = moment.astimezone(now.tzinfo)
    return local.strftime("%H:%M" if local.date() == now.date() else "%m-%d %H:%M")


def status_text(state: SyncState, now: datetime) -> str:
    """The status bar's text: "Sync: online · 3 to send · 14:05"."""
    text = translate("sync", "Sync: {phase}").format(phase=phase_text(state))
    if not state.enrolled:
        return text
    if state.backlog:
        text += " · " + translate("sync", "{count} to send").format(count=state.backlog)
    if state.quarantined:
        text += " · " + translate("sync", "{count} not accepted").format(
            count=state.quarantined)
    if state.last_success_at is not None:
        text += " · " + when_text(state.last_success_at, now)
    return text


class SyncBridge(QObject):
    """The service's listener: ``sig_state(SyncState)`` on the UI thread; with a
    ``checkout``, also the reference data a pull changed, put in use on the UI thread
    (``sig_pulled(PulledReference)`` after that)."""

    sig_state = Signal(object)
    sig_pulled = Signal(object)
    _sig_built = Signal(object)  # emitted on the sync worker, delivered queued

    def __init__(self, service: SyncService, parent: QObject | None = None, *,
                 checkout: CheckoutService | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._checkout = checkout
        self._unsubscribe = service.subscribe(self.sig_state.emit)  # queued across threads
        self._unsubscribe_pulled: Callable[[], None] = lambda: None
        if checkout is not None:
            self._sig_built.connect(self.on_built)
            self._unsubscribe_pulled = service.subscribe_pulled(self._sig_built.emit)

    @Slot(object)
    def on_built(self, pulled: object) -> None:
        if self._checkout is not None and isinstance(pulled, PulledReference):
            use_pulled(self._checkout, pulled)
            self.sig_pulled.emit(pulled)

    def detach(self) -> None:
        """Stop listening (the window closes)."""
        self._unsubscribe()
        self._unsubscribe_pulled()


class SyncStatusButton(QPushButton):
    """The status bar item; ``clicked`` opens the details."""

    def __init__(self, service: SyncService, parent: QWidget | None = None, *,
                 clock: StoreClock, checkout: CheckoutService | None = None) -> None:
        super().__init__(parent)
        self.store_clock = clock
        self.setObjectName("syncStatus")
        self.setFlat(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan entry keeps the keyboard
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.bridge = SyncBridge(service, self, checkout=checkout)
        self.bridge.sig_state.connect(self.on_state)
        self.on_state(service.state)

    @Slot(object)
    def on_state(self, state: SyncState) -> None:
        self.setText(status_text(state, self.store_clock.now()))
        tip = self.tr("Sync details")
        color = _COLORS.get(state.phase, "#000000")
        if state.quarantined:  # records the cloud refused need a person: the details say
            tip += "\n" + translate("sync", "the cloud did not accept some records")
            color = _COLORS["error"]
        if state.skew_flagged:  # told in the details; here only a colour and the tooltip
            tip += "\n" + translate("sync", "check the clock")
            color = "#7a4a00" if state.phase == "online" else color
        self.setToolTip(tip)
        self.setStyleSheet(f"QPushButton#syncStatus {{ color: {color}; border: 1px solid "
                           f"#bbb; padding: 1px 6px; }}")
        self.setMinimumWidth(self.sizeHint().width())  # squeeze the device labels, not this

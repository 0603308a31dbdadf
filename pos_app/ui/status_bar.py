"""The cashier window's status bar items: device states and the store line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStatusBar,
    QToolButton,
    QWidget,
)

translate = QCoreApplication.translate

_STORE_ROOM = "O2O 超市 · 旗舰店 · T01"  # what the store line keeps before the devices shrink


_STATE_COLORS = {
    "ready": "#135c2a",
    "connecting": "#1a3e8a",
    "offline": "#8a1c12",
    "error": "#8a1c12",
    "unknown": "#7a4a00",
    "disabled": "#666666",
}


_STATE_MARKS = {"ready": "✓", "connecting": "…", "offline": "✗", "error": "✗",
                "unknown": "?", "disabled": "–"}


class DeviceStatusBar(QWidget):
    """Status-bar device states: scanner, printer, drawer, camera, scale, display (sync has
    an item of its own: ``sync_status.SyncStatusButton``).

    Each reads "Printer: ready"; when the bar is too narrow for that (English at 1024 px)
    each shrinks to "Printer ✓", the colour and mark telling the state and the tooltip the
    whole of it.
    """

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self._bar = bar
        lay = self._lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.labels: dict[str, QLabel] = {}
        # device → (full text, short text, detail)
        self._texts: dict[str, tuple[str, str, str]] = {}
        self.compact = False
        items = (
            ("scanner", translate("widgets", "Scanner: keyboard")),
            ("printer", translate("widgets", "Printer: none")),
            ("drawer", translate("widgets", "Drawer: none")),
            ("camera", translate("widgets", "Camera: none")),
            ("scale", translate("widgets", "Scale: none")),
            ("display", ""),
        )
        for key, text in items:
            label = QLabel(text, self)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            label.setVisible(bool(text))
            self.labels[key] = label
            self._texts[key] = (text, text, "")
            lay.addWidget(label)
        bar.addPermanentWidget(self)
        bar.installEventFilter(self)

    def show_state(self, device: str, text: str, state: str, detail: str = "",
                   name: str = "") -> None:
        """Show ``device``'s state ``text`` coloured by ``state``; ``detail`` as tooltip;
        ``name`` and a mark for the state when the bar is narrow."""
        label = self.labels.get(device)
        if label is None:
            return
        if device == "display" and state == "disabled":
            label.hide()
            return
        short = f"{name} {_STATE_MARKS.get(state, '?')}" if name else text
        self._texts[device] = (text, short, detail)
        label.setStyleSheet(f"color: {_STATE_COLORS.get(state, '#000000')};")
        label.show()
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._bar and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        """Full texts when they fit beside the bar's other items, else the short ones."""
        shown = [k for k, label in self.labels.items() if not label.isHidden()]
        metrics = self.fontMetrics()
        spacing = self._lay.spacing() + 8  # frame and margins of each label
        full = sum(metrics.horizontalAdvance(self._texts[k][0]) + spacing for k in shown)
        others = sum(w.sizeHint().width() for w in self._bar.findChildren(QWidget)
                     if w.parent() is self._bar and w is not self and w.isVisible()
                     and isinstance(w, QToolButton | QPushButton))
        room = metrics.horizontalAdvance(_STORE_ROOM)
        self.compact = full > self._bar.width() - others - room
        for key in shown:
            text, short, detail = self._texts[key]
            label = self.labels[key]
            label.setText(short if self.compact else text)
            label.setToolTip("\n".join(t for t in (text, detail) if t))

"""Install the UI language: Qt translators and a CJK-capable font fallback list."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"


def qm_path(lang: str) -> Path:
    """The compiled translation file of a language."""
    return TRANSLATIONS_DIR / f"pos_{lang}.qm"


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load our translations and Qt's own (button texts) for ``lang``; keep the result alive."""
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(qm_path(lang))):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no translation file for %s at %s", lang, qm_path(lang))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(QLocale(lang), "qtbase", "_", qt_dir):
        app.installTranslator(qtbase)
        installed.append(qtbase)
    QLocale.setDefault(QLocale(lang))
    return installed


def pick_families(wanted: Sequence[str]) -> list[str]:
    """The wanted font families that are installed, in order of preference."""
    have = set(QFontDatabase.families())
    found = [f for f in wanted if f in have]
    return found or list(wanted)


def ui_font(families: Sequence[str], point_size: int = 12) -> QFont:
    """A font with a fallback list so Chinese text renders whatever is installed."""
    font = QFont()
    font.setFamilies(pick_families(families))
    font.setPointSize(point_size)
    return font


def mono_font(families: Sequence[str], point_size: int = 11) -> QFont:
    """A fixed-pitch font (CJK-capable first) for the receipt preview."""
    font = QFont()
    font.setFamilies(pick_families(families))
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setPointSize(point_size)
    return font


def apply_fonts(app: QApplication, families: Sequence[str]) -> None:
    """Set the application-wide font."""
    app.setFont(ui_font(families))

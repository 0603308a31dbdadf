"""zh_CN and en_US are complete, keep their format fields, match the sources and are compiled."""

from __future__ import annotations

import shutil
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from pos_app.ui import i18n_build
from pos_app.ui.messages import MESSAGES

LANGS = i18n_build.LANGS
REBUILD = "out of date: run python -m pos_app.ui.i18n_build"


def entries(ts: Path) -> list[tuple[str, str, str]]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            out.append((name, msg.findtext("source", ""), msg.findtext("translation", "")))
    return out


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


@pytest.mark.parametrize("lang", LANGS)
def test_no_unfinished_or_empty_translation(lang: str) -> None:
    ts = i18n_build.ts_path(lang)
    assert i18n_build.unfinished(ts) == []
    assert len(entries(ts)) > 100


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_format_fields(lang: str) -> None:
    bad = [(src, tr) for _, src, tr in entries(i18n_build.ts_path(lang))
           if fields(src) != fields(tr)]
    assert bad == []


def test_every_message_is_in_the_ts_files() -> None:
    sources = {src for ctx, src, _ in entries(i18n_build.ts_path("zh_CN")) if ctx == "messages"}
    assert set(MESSAGES.values()) <= sources


def test_ts_files_match_the_sources(tmp_path: Path) -> None:
    copies = []
    for lang in LANGS:
        copy = tmp_path / i18n_build.ts_path(lang).name
        shutil.copyfile(i18n_build.ts_path(lang), copy)
        copies.append(copy)
    i18n_build.run_lupdate(copies)  # new source strings would appear unfinished
    assert i18n_build.unfinished(copies[0]) == []
    for lang, copy in zip(LANGS, copies, strict=True):
        assert entries(copy) == entries(i18n_build.ts_path(lang)), REBUILD


@pytest.mark.parametrize("lang", LANGS)
def test_every_ts_is_compiled(lang: str, tmp_path: Path) -> None:
    ts = i18n_build.ts_path(lang)
    fresh = tmp_path / "fresh.qm"
    i18n_build.run_lrelease(ts, fresh)
    committed = i18n_build.qm_path(ts)
    assert committed.exists()
    assert committed.read_bytes() == fresh.read_bytes(), REBUILD


def test_chinese_translation_loads(qapp: object) -> None:
    translator = QTranslator()
    assert translator.load(str(i18n_build.qm_path(i18n_build.ts_path("zh_CN"))))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("keys", "Pay") == "收款"
    finally:
        QCoreApplication.removeTranslator(translator)

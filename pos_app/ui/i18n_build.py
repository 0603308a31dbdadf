"""Regenerate translations: ``python -m pos_app.ui.i18n_build [--check]``.

Runs pyside6-lupdate over the UI sources into resources/translations/pos_<lang>.ts, fills
en_US from the English sources, sets the zh_CN texts given with ``--fill`` (a JSON list of
``[context, source, translation]``), reports zh_CN entries still unfinished (translate them
in Qt Linguist, the .ts file or a ``--fill`` batch), then compiles every .ts to .qm.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
LANGS = ("zh_CN", "en_US")
SOURCE_LANG = "en_US"
SOURCES = ("pos_app/ui",)


def tool(name: str) -> str:
    """Path of a PySide6 tool next to the running interpreter, else on PATH."""
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6")
    return found


def source_files() -> list[str]:
    """Python files whose strings are translated (relative to the repository root)."""
    files: list[str] = []
    for folder in SOURCES:
        files += sorted(str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*.py"))
    return files


def ts_path(lang: str) -> Path:
    """The .ts file of a language."""
    return TS_DIR / f"pos_{lang}.ts"


def run_lupdate(ts_files: list[Path]) -> None:
    """Extract strings into ``ts_files`` (keeps existing translations, drops obsolete)."""
    cmd = [tool("pyside6-lupdate"), *source_files(), "-no-obsolete", "-locations", "none",
           "-ts", *map(str, ts_files)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every entry without a finished, non-empty translation."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not (
                tr.text or "").strip():
                out.append((name, msg.findtext("source", "")))
    return out


def fill_from_source(ts: Path) -> None:
    """Source language: every translation is its source text."""
    tree = ET.parse(ts)
    for msg in tree.getroot().iter("message"):
        tr = msg.find("translation")
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        tr.text = msg.findtext("source", "")
        tr.attrib.pop("type", None)
    write_ts(tree, ts)


def write_ts(tree: ET.ElementTree[ET.Element[str]], ts: Path) -> None:
    """Write a .ts file the way Qt tools expect (doctype, utf-8)."""
    ET.indent(tree, space="    ")
    root = tree.getroot()
    assert root is not None
    body = ET.tostring(root, encoding="unicode")
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def fill_translations(ts: Path, pairs: list[list[str]]) -> None:
    """Set ``[context, source, translation]`` entries (e.g. a batch of new zh_CN texts)."""
    wanted = {(c, src): tr for c, src, tr in pairs}
    tree = ET.parse(ts)
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            text = wanted.get((name, msg.findtext("source", "")))
            if text is None:
                continue
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            tr.text = text
            tr.attrib.pop("type", None)
    write_ts(tree, ts)


def qm_path(ts: Path) -> Path:
    """The compiled file next to a .ts."""
    return ts.with_suffix(".qm")


def run_lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``."""
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True)


def main(argv: list[str] | None = None) -> int:
    """Update, fill, check and compile; exit 1 when a translation is missing."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fill", type=Path, metavar="JSON",
                        help="zh_CN translations to set: a JSON list of [context, source, text]")
    args = parser.parse_args(argv)
    TS_DIR.mkdir(parents=True, exist_ok=True)
    files = [ts_path(lang) for lang in LANGS]
    for lang, ts in zip(LANGS, files, strict=True):
        if not ts.exists():
            ts.write_text(
                f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                f'<TS version="2.1" language="{lang}"></TS>\n', encoding="utf-8")
    run_lupdate(files)
    fill_from_source(ts_path(SOURCE_LANG))
    if args.fill is not None:
        fill_translations(ts_path("zh_CN"), json.loads(args.fill.read_text(encoding="utf-8")))
    status = 0
    for ts in files:
        missing = unfinished(ts)
        for ctx, src in missing:
            print(f"{ts.name}: unfinished [{ctx}] {src}")
        if missing:
            status = 1
        run_lrelease(ts, qm_path(ts))
    return status


if __name__ == "__main__":
    sys.exit(main())

"""``pos enroll URL CODE``: connect this till to the cloud with a one-time code from head
office (the terminal's own credential goes to ``<data_dir>/sync-credential.json``, 0600).
Text goes through the app's translations, like the rest of the till."""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from pos_app.config import lang_of_locale, load_settings
from pos_app.core.errors import PosError
from pos_app.ui.messages import error_text

translate = QCoreApplication.translate


def parse_enroll_args(argv: list[str]) -> argparse.Namespace:
    """Options of ``pos enroll``."""
    p = argparse.ArgumentParser(prog="pos enroll",
                                description="Connect this till to the cloud (sync).")
    p.add_argument("url", help="the cloud's address, e.g. https://cloud.example.com")
    p.add_argument("code", help="the one-time enrollment code from head office")
    p.add_argument("--terminal", default=None,
                   help="terminal code (default: the till's current one)")
    p.add_argument("--name", default=socket.gethostname()[:64], help="device name for HQ")
    p.add_argument("--db", type=str, default=None, help="SQLite database file")
    p.add_argument("--lang", choices=["zh_CN", "en_US"], default=None, help="language")
    return p.parse_args(argv)


def enroll_main(argv: list[str]) -> int:
    """Run ``pos enroll``; returns the exit code (0 enrolled, 1 refused or unreachable)."""
    args = parse_enroll_args(argv)
    overrides: dict[str, object] = {}
    if args.db:
        overrides["db_path"] = Path(args.db)
    if args.lang:
        overrides["lang"] = args.lang
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    from pos_app.ui import i18n

    try:
        settings = load_settings(**overrides)
    except PosError as exc:
        lang = args.lang or lang_of_locale(QLocale.system().name())
        i18n.install_translators(app, lang)
        print(error_text(exc, lang), file=sys.stderr)
        return 1
    lang = settings.resolved_lang(QLocale.system().name())
    i18n.install_translators(app, lang)
    from pos_app.services.sync_service import enroll_database

    try:
        cred = enroll_database(db_path=settings.resolved_db_path(), data_dir=settings.data_dir,
                               url=args.url, code=args.code, terminal_code=args.terminal,
                               device_name=args.name, clock=settings.store_clock().now)
    except PosError as exc:
        print(error_text(exc, lang), file=sys.stderr)
        return 1
    print(translate("sync", "This till is now terminal {terminal} of {store_name} ({store}). "
                            "It syncs with {url} once it starts.").format(
        terminal=cred.terminal_code, store_name=cred.store_name, store=cred.store_code,
        url=cred.url))
    return 0

"""Products CSV import from the window: bad rows listed with line numbers, nothing imported."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.import_dialog import ImportDialog
from tests.ui.conftest import cell_text

BAD_CSV = (
    "sku,name,price,barcodes\n"
    "N-1,新商品一,3.50,6990000001012\n"
    "N-2,,abc,123\n"
    "N-1,重复货号,2.00,\n"
)
GOOD_CSV = "sku,name,price,barcodes\nN-1,新商品一,3.50,6990000001012\nN-2,新商品二,2,\n"


def _import(qtbot: QtBot, window: CashierWindow, path: Path) -> ImportDialog:
    window.sale_actions.on_import_products()
    dialog = window.active_dialog
    assert isinstance(dialog, ImportDialog)
    dialog.path_entry.setText(str(path))
    with qtbot.waitSignal(dialog.sig_finished, timeout=10000):
        dialog.import_button.click()
    return dialog


def test_bad_rows_show_line_numbers_and_nothing_is_imported(
    qtbot: QtBot, window: CashierWindow, tmp_path: Path
) -> None:
    before = window.products.count()
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    dialog = _import(qtbot, window, path)
    rows = [(cell_text(dialog.errors, r, 0), cell_text(dialog.errors, r, 1))
            for r in range(dialog.errors.rowCount())]
    assert [line for line, _ in rows] == ["3", "3", "3", "4"]
    assert any("no name" in text for _, text in rows)
    assert any("'abc'" in text for _, text in rows)
    assert "Nothing was imported" in dialog.summary.text()
    assert window.products.count() == before
    assert [p for p in window.products.search("N-1") if p.sku == "N-1"] == []


def test_good_file_imports_gb18030(qtbot: QtBot, window: CashierWindow, tmp_path: Path) -> None:
    path = tmp_path / "good.csv"
    path.write_bytes(GOOD_CSV.encode("gb18030"))
    dialog = _import(qtbot, window, path)
    assert dialog.report.imported == 2 and dialog.errors.rowCount() == 0
    assert [p.name for p in window.products.search("N-2") if p.sku == "N-2"] == ["新商品二"]


def test_an_import_that_stopped_mid_way_is_told_until_the_file_is_imported_again(
    qtbot: QtBot, window: CashierWindow, tmp_path: Path
) -> None:
    from pos_app.store.csv_import import import_products_csv

    path = tmp_path / "good.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")

    def crash(done: int, _total: int) -> None:
        raise KeyboardInterrupt  # stands for the till losing power after the first chunk

    try:
        import_products_csv(engine=window.services.engine, path=path, chunk_max=1,
                            progress=crash)
    except KeyboardInterrupt:
        pass
    dialog = _import(qtbot, window, path)
    assert dialog.report.imported == 2
    assert not dialog.unfinished.isVisible()
    dialog.close()
    window.sale_actions.on_import_products()
    again = window.active_dialog
    assert isinstance(again, ImportDialog) and again is not dialog
    assert again.unfinished.isHidden()


def test_the_stopped_import_is_named_when_the_dialog_opens(
    qtbot: QtBot, window: CashierWindow, tmp_path: Path
) -> None:
    from pos_app.store.csv_import import import_products_csv

    path = tmp_path / "half.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")

    def crash(done: int, _total: int) -> None:
        raise KeyboardInterrupt

    try:
        import_products_csv(engine=window.services.engine, path=path, chunk_max=1,
                            progress=crash)
    except KeyboardInterrupt:
        pass
    window.sale_actions.on_import_products()
    dialog = window.active_dialog
    assert isinstance(dialog, ImportDialog)
    assert not dialog.unfinished.isHidden()
    assert "half.csv stopped after 1 of 2 products" in dialog.unfinished.text()

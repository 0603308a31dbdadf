"""ESC/POS bytes decoded back: Chinese text, alignment and totals per encoding; drawer; images."""

from __future__ import annotations

import pytest

from drivers.printer import escpos_encode, raster
from drivers.printer.config import DrawerPin, Encoding, PaperMM, PrinterConfig
from drivers.printer.drawer import kick_bytes
from drivers.printer.receipt_layout import ReceiptLabels, cells, layout_receipt
from drivers.printer.transports import dummy_transport, paper_state
from drivers.sim.escpos_decode import decode
from pos_app.core.receipt import ReceiptDocument
from tests.drivers.printer.helpers import sample_doc


def _print(config: PrinterConfig, doc: ReceiptDocument | None = None, *,
           labels: ReceiptLabels | None = None, qr_data: str = "") -> bytes:
    layout = layout_receipt(doc or sample_doc(4), columns=config.cols, text_map=config.text_map,
                            encoding=config.encoding, labels=labels, qr_data=qr_data)
    return escpos_encode.encode_layout(layout, config)


@pytest.mark.parametrize(("encoding", "yen"), [("gb18030", "¥"), ("gbk", "￥")])
@pytest.mark.parametrize(("paper", "columns"), [(58, 32), (80, 42), (80, 48)])
def test_chinese_text_alignment_and_totals(encoding: Encoding, yen: str, paper: PaperMM,
                                           columns: int) -> None:
    config = PrinterConfig(kind="sim", encoding=encoding, paper_mm=paper, columns=columns)
    doc = sample_doc(4)
    out = decode(_print(config, doc), encoding)
    texts = out.texts()
    assert out.chinese[0] is True and out.chinese[-1] is False  # FS & ... FS .
    assert any("O2O 超市 人民路店" in t for t in texts)
    assert all(cells(t, encoding) <= columns for t in texts)
    total = next(t for t in texts if t.startswith("合计"))
    assert total.endswith(yen + doc.total.yuan_text()) and cells(total, encoding) == columns
    assert next(x for x in out.lines if x.text.startswith("合计")).bold
    priced = [t for t in texts if " x " in t]
    assert priced and all(cells(t, encoding) == columns for t in priced)  # end at the edge
    if encoding == "gbk":
        assert "¥" not in "".join(texts)
    assert out.barcodes == [doc.receipt_no] and out.cuts == 1


def test_big5_prints_traditional_characters() -> None:
    config = PrinterConfig(kind="sim", encoding="big5", paper_mm=58)
    doc = sample_doc(2, names=("臺灣啤酒 經典", "鳳梨酥禮盒"))
    labels = ReceiptLabels(total="合計", change="找零")
    texts = decode(_print(config, doc, labels=labels), "big5").texts()
    assert "臺灣啤酒 經典" in "\n".join(texts) and "鳳梨酥禮盒" in "\n".join(texts)
    total = next(t for t in texts if t.startswith("合計"))
    # 0xA244 (U+00A5 to Python's codec) prints as a wide yen: two columns, the line is full
    assert total.endswith("¥" + doc.total.yuan_text()) and cells(total, "big5") == 32


def test_single_byte_code_page_prints_chinese_lines_as_images_not_question_marks() -> None:
    config = PrinterConfig(kind="sim", encoding="cp437", paper_mm=80, columns=42)
    out = decode(_print(config), "cp437")
    assert out.chinese == [False] and out.code_pages == [0]
    assert not any("?" in t for t in out.texts())
    assert "-" * 42 in out.texts() and any(" x " in t for t in out.texts())  # still text
    assert all(len(t) <= 42 for t in out.texts())
    assert {w for w, _ in out.rasters} == {72}  # the Chinese lines, 576 dots wide


def test_native_qr_and_barcode_or_images_when_the_profile_lacks_them() -> None:
    native = PrinterConfig(kind="sim", qr_url="https://e.example/r/{receipt_no}")
    qr = native.qr_data(receipt_no="S001-T01-000042", store_code="S001", terminal_code="T01")
    out = decode(_print(native, qr_data=qr), "gb18030")
    assert out.qrs == ["https://e.example/r/S001-T01-000042"] and out.rasters == []
    images = native.model_copy(update={"native_qr": False, "native_barcode": False})
    out = decode(_print(images, qr_data=qr), "gb18030")
    assert out.qrs == [] and out.barcodes == [] and out.rasters
    assert {w for w, _ in out.rasters} == {72}


@pytest.mark.parametrize("slice_height", [24, 64, 255])
def test_image_mode_sends_raster_slices_of_the_configured_height(slice_height: int) -> None:
    config = PrinterConfig(kind="sim", image_mode=True, slice_height=slice_height, paper_mm=58)
    out = decode(_print(config), "gb18030")
    assert out.lines == [] or all(not t.strip() for t in out.texts())
    heights = [h for _, h in out.rasters]
    assert len(heights) > 3 and all(h == slice_height for h in heights[:-1])
    assert 0 < heights[-1] <= slice_height and {w for w, _ in out.rasters} == {48}


@pytest.mark.parametrize(("pin", "m"), [(2, 0), (5, 1)])
@pytest.mark.parametrize(("pulse", "steps"), [(100, 50), (200, 100), (2, 1), (510, 255)])
def test_drawer_kick_bytes(pin: DrawerPin, m: int, pulse: int, steps: int) -> None:
    assert kick_bytes(pin, pulse) == b"\x1bp" + bytes((m, steps, steps))
    config = PrinterConfig(kind="sim", drawer_pin=pin, drawer_pulse_ms=pulse)
    assert decode(escpos_encode.encode_drawer(config), "gb18030").kicks == [(m, steps, steps)]


def test_bad_config_is_refused() -> None:
    with pytest.raises(ValueError):
        PrinterConfig(paper_mm=58, columns=48)
    with pytest.raises(ValueError):
        PrinterConfig(qr_url="https://x/{secret}")
    with pytest.raises(ValueError):
        PrinterConfig(drawer_pin=3)  # type: ignore[arg-type]  # the bad pin under test


def test_escpos_dummy_transport_records_bytes_and_gets_no_status_reply() -> None:
    transport, output = dummy_transport()
    transport.open()
    transport.write(b"\x1b@hello\n")
    assert output() == b"\x1b@hello\n"
    reply = transport.query(b"\x10\x04\x04")
    assert reply is None and paper_state(reply) == "unknown"


@pytest.mark.parametrize(("reply", "state"), [
    (None, "unknown"), (b"", "unknown"), (b"\x12", "ok"), (b"\x1e", "low"), (b"\x72", "out"),
    (b"\x7e", "out"), (b"\xff", "unknown"), (b"\x00", "unknown"),
])
def test_paper_status_replies(reply: bytes | None, state: str) -> None:
    assert paper_state(reply) == state


@pytest.mark.parametrize(("paper", "width"), [(58, 384), (80, 576)])
def test_preview_png_has_paper_width_and_ink(paper: PaperMM, width: int) -> None:
    from io import BytesIO

    from PIL import Image

    config = PrinterConfig(kind="sim", paper_mm=paper)
    layout = layout_receipt(sample_doc(5), columns=config.cols, qr_data="https://e/1")
    png = raster.to_png(raster.render_layout(layout, width_px=config.dots))
    img = Image.open(BytesIO(png))
    assert img.format == "PNG" and img.width == width and img.height > 400
    dark = sum(img.convert("L").histogram()[:128])
    assert dark > 5000

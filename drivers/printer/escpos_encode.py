"""Layout → ESC/POS bytes: a pure command table, text in the profile's encoding.

Text mode sends each line in the configured encoding (Chinese mode ``FS &`` for the CJK
encodings when asked, ``FS .`` plus ``ESC t`` for single-byte code pages); a line with a
character the encoding lacks goes as a raster image of that line, so nothing prints as ``?``.
Barcode and QR go as native commands when the profile has them, as raster images otherwise.
Image mode sends the whole receipt as raster slices (the fallback for printers that garble text).
"""

from __future__ import annotations

from drivers.printer import code128, raster
from drivers.printer.config import PrinterConfig
from drivers.printer.drawer import kick_bytes
from drivers.printer.receipt_layout import BarcodeBlock, QrBlock, ReceiptLayout, TextLine

INIT = b"\x1b@"
LF = b"\n"
BOLD = {True: b"\x1bE\x01", False: b"\x1bE\x00"}
ALIGN_LEFT = b"\x1ba\x00"
ALIGN_CENTER = b"\x1ba\x01"
CHINESE_ON = b"\x1c&"  # FS &
CHINESE_OFF = b"\x1c."  # FS .
CODE_PAGE = b"\x1bt"  # ESC t n
FEED = b"\x1bd"  # ESC d n
CUT_PARTIAL = b"\x1dV\x01"  # GS V 1
# ESC t numbers of the single-byte code pages (Epson table).
CODE_PAGES = {"cp437": 0, "cp850": 2, "cp858": 19, "cp866": 17, "cp1252": 16}
QR_MODEL_2 = b"\x1d(k\x04\x001A2\x00"
QR_ECC_M = b"\x1d(k\x03\x001E1"
QR_PRINT = b"\x1d(k\x03\x001Q0"
QR_MODULE = 6
BARCODE_SETUP = b"\x1dh\x50\x1dH\x00"  # height 80 dots, no HRI text
BARCODE_MODULE = b"\x1dw"  # GS w n: narrowest bar in dots
CODE128 = b"\x1dk\x49"  # GS k 73 n data


def qr_command(data: str) -> bytes:
    """Native QR (``GS ( k``): model 2, ECC M, store, print."""
    payload = data.encode("utf-8")
    store = b"\x1d(k" + (len(payload) + 3).to_bytes(2, "little") + b"1P0" + payload
    size = b"\x1d(k\x03\x001C" + bytes((QR_MODULE,))
    return QR_MODEL_2 + size + QR_ECC_M + store + QR_PRINT


def barcode_command(value: str, *, dots: int) -> bytes:
    """Native CODE128 of ``value`` (ASCII), digit runs in code set C; module 2 dots when the
    symbol fits ``dots``, else 1."""
    data, modules = code128.escpos_data(value)
    module = 2 if 2 * modules <= dots else 1
    return (BARCODE_SETUP + BARCODE_MODULE + bytes((module,)) + CODE128 + bytes((len(data),))
            + data + LF)


def _start(config: PrinterConfig) -> bytes:
    if config.is_cjk:
        return INIT + (CHINESE_ON if config.chinese_mode else b"")
    # Chinese printers start in Chinese mode; leave it, or high bytes pair up as hanzi.
    return INIT + CHINESE_OFF + CODE_PAGE + bytes((CODE_PAGES[config.encoding],))


def _finish(config: PrinterConfig) -> bytes:
    out = FEED + bytes((config.feed_before_cut,))
    if config.cut:
        out += CUT_PARTIAL
    if config.is_cjk and config.chinese_mode:
        out += CHINESE_OFF
    return out


def _image(block: BarcodeBlock | QrBlock, config: PrinterConfig, columns: int) -> bytes:
    img = raster.render_block(block, width_px=config.dots, columns=columns)
    return ALIGN_LEFT + raster.raster_commands(img, slice_height=config.slice_height)


def _text(line: TextLine, config: PrinterConfig, layout: ReceiptLayout) -> bytes:
    try:
        return line.text.rstrip().encode(config.encoding) + LF
    except UnicodeEncodeError:
        # The code page lacks a character: the line as a picture, never a "?" on paper.
        img = raster.render_block(line, width_px=config.dots, columns=layout.columns,
                                  encoding=layout.encoding)
        return ALIGN_LEFT + raster.raster_commands(img, slice_height=config.slice_height)


def encode_layout(layout: ReceiptLayout, config: PrinterConfig, *, kick: bool = False) -> bytes:
    """The whole job: init, (drawer kick), the receipt, feed and cut."""
    out = bytearray(_start(config))
    if kick:
        out += kick_bytes(config.drawer_pin, config.drawer_pulse_ms)
    if config.image_mode:
        img = raster.render_layout(layout, width_px=config.dots)
        out += raster.raster_commands(img, slice_height=config.slice_height)
        return bytes(out + _finish(config))
    bold = False
    out += ALIGN_LEFT
    for block in layout.blocks:
        if isinstance(block, TextLine):
            if block.bold != bold:
                bold = block.bold
                out += BOLD[bold]
            out += _text(block, config, layout)
        elif (isinstance(block, BarcodeBlock) and config.native_barcode
              and code128.printable_ascii(block.value)):
            out += ALIGN_CENTER + barcode_command(block.value, dots=config.dots) + ALIGN_LEFT
        elif isinstance(block, QrBlock) and config.native_qr:
            out += ALIGN_CENTER + qr_command(block.data) + LF + ALIGN_LEFT
        elif isinstance(block, BarcodeBlock | QrBlock):
            out += _image(block, config, layout.columns)
    if bold:
        out += BOLD[False]
    return bytes(out + _finish(config))


def encode_drawer(config: PrinterConfig) -> bytes:
    """A drawer kick on its own."""
    return INIT + kick_bytes(config.drawer_pin, config.drawer_pulse_ms)

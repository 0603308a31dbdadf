"""QR decoding backends behind one interface: zxing-cpp and ZBar (through pyzbar).

Both take an 8-bit grayscale frame and return the texts of the QR codes found, dark on light
or inverted (a phone in dark mode shows light modules on a dark screen). Text comes
from the raw payload bytes, decoded here (UTF-8, else GB18030, else Latin-1), because the
libraries guess encodings: ZBar reads UTF-8 Chinese as Shift-JIS/Big5 and returns mojibake.
"""

from __future__ import annotations

import ctypes
import logging
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import zxingcpp

log = logging.getLogger(__name__)

Gray = npt.NDArray[np.uint8]

# Chosen by `python -m bench qr` (see the README): zxing-cpp decodes more, about 10× faster.
DEFAULT_DECODER = "zxing"
DECODERS = ("zxing", "zbar")


class QrDecoder(Protocol):
    """Finds QR codes in a grayscale frame."""

    name: str

    def decode(self, gray: Gray) -> list[str]:
        """The texts of the QR codes in ``gray`` (2-D ``uint8``), in reading order."""
        ...


def text_from_bytes(raw: bytes) -> str:
    """Payload bytes to text: UTF-8 (our codes), else GB18030 (older Chinese codes)."""
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def repair_zbar_text(data: bytes) -> str:
    """Undo ZBar's encoding guess when it could not be told to return raw bytes.

    ZBar decodes byte-mode data it takes for Shift-JIS/Big5/Latin-1 and re-encodes it as
    UTF-8; encoding back with the guessed charset gives the original bytes.
    """
    text = data.decode("utf-8", errors="replace")
    for guess in ("shift_jis", "big5", "latin-1"):
        try:
            raw = text.encode(guess)
        except UnicodeEncodeError:
            continue
        if raw != data:
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
    return text


class ZxingDecoder:
    """zxing-cpp, QR only. Single-threaded inside: one call uses one core.

    ``try_invert`` reads dark-mode phones too, at little cost on a normal frame (measured:
    0.64 → 0.69 ms CPU for a 1280×720 frame with a code).
    """

    name = "zxing"

    def __init__(self) -> None:
        import zxingcpp

        self._zx = zxingcpp
        self._format = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

    def decode(self, gray: Gray) -> list[str]:
        texts = self._read(gray, self._zx.Binarizer.LocalAverage)
        # Motion blur over small modules flattens the local contrast the default binarizer
        # needs; a fixed threshold still reads some of those (bench qr, photo-like frames:
        # motion blur at 150 px, 60 seeds: 75 % → 83 %). Only when nothing was found: ~0.3 ms.
        return texts if texts else self._read(gray, self._zx.Binarizer.FixedThreshold)

    def _read(self, gray: Gray, binarizer: zxingcpp.Binarizer) -> list[str]:
        found = self._zx.read_barcodes(gray, formats=self._format, try_rotate=False,
                                       try_invert=True, binarizer=binarizer)
        return [text_from_bytes(bytes(code.bytes)) for code in found if code.valid]


_ZBAR_CFG_ENABLE = 0
_ZBAR_CFG_BINARY = 4  # zbar >= 0.23.1: hand back QR byte-mode data undecoded
_ZBAR_ALL = 0


class ZbarDecoder:
    """ZBar through pyzbar's ctypes binding, with one scanner reused, QR only, raw bytes."""

    name = "zbar"

    def __init__(self) -> None:
        from pyzbar import pyzbar, wrapper

        self._pz = pyzbar
        self._w = wrapper
        qr = wrapper.ZBarSymbol.QRCODE
        self._scanner = wrapper.zbar_image_scanner_create()
        wrapper.zbar_image_scanner_set_config(self._scanner, _ZBAR_ALL, _ZBAR_CFG_ENABLE, 0)
        wrapper.zbar_image_scanner_set_config(self._scanner, qr, _ZBAR_CFG_ENABLE, 1)
        # Non-zero: this ZBar has no binary mode; repair its guesses afterwards instead.
        self._binary = wrapper.zbar_image_scanner_set_config(
            self._scanner, qr, _ZBAR_CFG_BINARY, 1) == 0
        if not self._binary:
            log.info("zbar has no binary mode; repairing decoded text")

    def decode(self, gray: Gray) -> list[str]:
        found = self._scan(gray)
        # ZBar only finds dark-on-light codes; a dark-mode phone needs the inverted frame.
        # Retried only when nothing was found, so a normal frame costs the same.
        return found if found else self._scan(np.bitwise_not(gray))

    def _scan(self, gray: Gray) -> list[str]:
        w = self._w
        height, width = gray.shape
        pixels = np.ascontiguousarray(gray).tobytes()
        image = w.zbar_image_create()
        try:
            w.zbar_image_set_format(image, self._pz._FOURCC["L800"])
            w.zbar_image_set_size(image, width, height)
            data = ctypes.cast(ctypes.c_char_p(pixels), ctypes.c_void_p)
            w.zbar_image_set_data(image, data, len(pixels), None)
            if w.zbar_scan_image(self._scanner, image) <= 0:
                return []
            symbols = self._pz._decode_symbols(self._pz._symbols_for_image(image))
            datas = [bytes(s.data) for s in symbols]
        finally:
            w.zbar_image_destroy(image)
        return [text_from_bytes(d) if self._binary else repair_zbar_text(d) for d in datas]

    def __del__(self) -> None:
        scanner = getattr(self, "_scanner", None)
        if scanner is not None:
            self._w.zbar_image_scanner_destroy(scanner)


def make_decoder(name: str = "auto") -> QrDecoder:
    """The decoder called ``name`` ("zxing", "zbar"; "auto" is the measured default)."""
    resolved = DEFAULT_DECODER if name == "auto" else name
    if resolved == "zxing":
        return ZxingDecoder()
    if resolved == "zbar":
        return ZbarDecoder()
    raise ValueError(f"unknown QR decoder: {name}")

"""Typed printer and cash-drawer settings (one pydantic model, validated at the edge)."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from drivers.detect import Candidate, Connected, serial_candidate, supports

PrinterKind = Literal["none", "sim", "network", "usb", "serial", "file"]
# Multi-byte Chinese encodings, then single-byte code pages (ESC t numbers in CODE_PAGES).
Encoding = Literal["gb18030", "gbk", "big5", "cp437", "cp850", "cp858", "cp866", "cp1252"]
CJK_ENCODINGS: frozenset[str] = frozenset({"gb18030", "gbk", "big5"})
PaperMM = Literal[58, 80]
DrawerPin = Literal[2, 5]  # the drawer connector's pin the kick drives
ReceiptLang = Literal["", "zh_CN", "en_US"]  # "": the screen's language
# Printer dots across the printable width at 203 dpi.
DOTS = {58: 384, 80: 576}
DEFAULT_COLUMNS = {58: 32, 80: 48}
ALLOWED_COLUMNS = {58: (32,), 80: (42, 48)}
QR_FIELDS = frozenset({"receipt_no", "store_code", "terminal_code"})


class PrinterConfig(BaseModel):
    """How to reach the receipt printer and how to print on it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: PrinterKind = "none"
    host: str = ""
    port: int = Field(default=9100, ge=1, le=65535)
    timeout_s: float = Field(default=5.0, gt=0, le=120)
    usb_vendor_id: int = Field(default=0, ge=0, le=0xFFFF)
    usb_product_id: int = Field(default=0, ge=0, le=0xFFFF)
    serial_path: str = ""
    baudrate: int = Field(default=9600, ge=1200, le=921600)
    file_path: str = ""
    # python-escpos capability profile name ("" = trust the native_* flags below).
    escpos_profile: str = ""

    paper_mm: PaperMM = 80
    columns: int | None = None  # None: 32 for 58 mm, 48 for 80 mm
    encoding: Encoding = "gb18030"
    chinese_mode: bool = True  # send FS & (Chinese on) / FS . (off) around the job
    image_mode: bool = False  # print the whole receipt as a raster image
    slice_height: int = Field(default=24, ge=1, le=2400)
    native_qr: bool = True
    native_barcode: bool = True
    cut: bool = True
    feed_before_cut: int = Field(default=4, ge=0, le=20)

    drawer_pin: DrawerPin = 2
    drawer_pulse_ms: int = Field(default=100, ge=2, le=510)
    kick_drawer_on_cash: bool = True

    # The receipt's language, for its words and product names ("": the screen's language);
    # ``bilingual`` prints each product's other-language name under it.
    receipt_lang: ReceiptLang = ""
    bilingual: bool = False

    # e-receipt or join-membership link; fields {receipt_no} {store_code} {terminal_code}.
    qr_url: str = ""
    qr_caption: str = ""

    @field_validator("qr_url")
    @classmethod
    def _qr_fields_known(cls, value: str) -> str:
        fields = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
        unknown = fields - QR_FIELDS
        if unknown:
            raise ValueError(f"unknown qr_url fields: {sorted(unknown)}")
        return value

    @model_validator(mode="after")
    def _columns_fit_paper(self) -> PrinterConfig:
        if self.columns is not None and self.columns not in ALLOWED_COLUMNS[self.paper_mm]:
            raise ValueError(f"{self.columns} columns do not fit {self.paper_mm} mm paper")
        return self

    @property
    def enabled(self) -> bool:
        """False when no printer is configured."""
        return self.kind != "none"

    @property
    def cols(self) -> int:
        """Characters per line (half-width cells)."""
        return self.columns or DEFAULT_COLUMNS[self.paper_mm]

    @property
    def dots(self) -> int:
        """Printable width in dots (image width)."""
        return DOTS[self.paper_mm]

    @property
    def is_cjk(self) -> bool:
        """True for GB18030 / GBK / Big5."""
        return self.encoding in CJK_ENCODINGS

    @property
    def text_map(self) -> dict[str, str]:
        """Characters replaced before layout so widths stay right on paper."""
        # GBK has no half-width yen sign; its full-width one (A3A4) prints. Big5's only yen
        # (A244) is what Python's codec calls U+00A5, and GB18030 has U+00A5 (four bytes).
        return {"¥": "￥"} if self.encoding == "gbk" else {}

    def qr_data(self, *, receipt_no: str, store_code: str, terminal_code: str) -> str:
        """The QR payload for a receipt ("" when no QR is configured)."""
        if not self.qr_url:
            return ""
        return self.qr_url.format(receipt_no=receipt_no, store_code=store_code,
                                  terminal_code=terminal_code)


@supports("printer")
def detected(device: Connected) -> Candidate | None:
    """A USB printer port or a named network printer is a printer; a serial port may be."""
    if device.interface == "usb_printer":
        return Candidate("printer", "file", device, {"file_path": device.path}, likely=True)
    if device.interface == "network":
        host, _, port = device.path.rpartition(":")
        return Candidate("printer", "network", device, {"host": host, "port": int(port)},
                         likely=True)
    return serial_candidate("printer", "serial", "printer", device,
                            {"serial_path": device.path})

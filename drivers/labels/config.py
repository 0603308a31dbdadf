"""Typed label-printer settings (one pydantic model, like the receipt printer's)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from drivers.printer.config import PrinterConfig
from pos_app.core.shelf_label import DEFAULT_MARKDOWN_PREFIX

# "tspl": Xprinter / Gprinter / HPRT label printers; "escpos": a receipt printer's page mode.
LabelKind = Literal["none", "sim", "tspl", "escpos"]
Port = Literal["network", "usb", "serial", "file"]
DOTS_PER_MM = 8  # 203 dpi


class LabelPrinterConfig(BaseModel):
    """How to reach the label printer, its language and its labels' size."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: LabelKind = "none"
    port: Port = "network"
    host: str = ""
    tcp_port: int = Field(default=9100, ge=1, le=65535)
    usb_vendor_id: int = Field(default=0, ge=0, le=0xFFFF)
    usb_product_id: int = Field(default=0, ge=0, le=0xFFFF)
    serial_path: str = ""
    baudrate: int = Field(default=9600, ge=1200, le=921600)
    file_path: str = ""
    width_mm: int = Field(default=40, ge=20, le=110)
    height_mm: int = Field(default=30, ge=15, le=100)
    gap_mm: int = Field(default=2, ge=0, le=10)
    encoding: Literal["gb18030", "gbk", "big5"] = "gb18030"
    # TSPL's built-in Chinese font (simplified: TSS24.BF2; traditional: TST24.BF2).
    tspl_font: str = "TSS24.BF2"
    # A store-internal price prefix of the scale rules reserved for markdown labels.
    markdown_prefix: str = Field(default=DEFAULT_MARKDOWN_PREFIX, pattern=r"^[0-9]{2}$")

    @property
    def enabled(self) -> bool:
        """False when no label printer is configured."""
        return self.kind != "none"

    @property
    def width_dots(self) -> int:
        """The label's width in dots."""
        return self.width_mm * DOTS_PER_MM

    @property
    def height_dots(self) -> int:
        """The label's height in dots."""
        return self.height_mm * DOTS_PER_MM

    def transport_config(self) -> PrinterConfig:
        """The receipt-printer settings that open the same port (one set of transports)."""
        return PrinterConfig(kind=self.port, host=self.host, port=self.tcp_port,
                             usb_vendor_id=self.usb_vendor_id,
                             usb_product_id=self.usb_product_id, serial_path=self.serial_path,
                             baudrate=self.baudrate, file_path=self.file_path)

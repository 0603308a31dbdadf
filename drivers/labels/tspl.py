"""Label layout → TSPL (TSC's label language, spoken by Xprinter, Gprinter, HPRT...).

One job per label: ``SIZE``, ``GAP``, ``DIRECTION``, ``CLS``, ``TEXT`` lines in the built-in
Chinese font, ``BARCODE``, ``PRINT``. Commands end in CR LF; text goes in the printer's
Chinese encoding (GB18030 for ``TSS24.BF2``); a double quote in text is sent as ``\\["]``.
"""

from __future__ import annotations

from drivers.labels.layout import LabelBarcode, LabelLayout, LabelText

EOL = b"\r\n"


def _quoted(text: str, encoding: str) -> bytes:
    # TSPL's escape for a double quote inside a quoted string.
    return b'"' + text.replace('"', '\\["]').encode(encoding, errors="replace") + b'"'


def text_command(t: LabelText, *, font: str, encoding: str) -> bytes:
    """``TEXT x,y,"font",rotation,x-mul,y-mul,"content"``."""
    head = f'TEXT {t.x},{t.y},"{font}",0,{t.mul},{t.mul},'.encode("ascii")
    return head + _quoted(t.text, encoding) + EOL


def barcode_command(b: LabelBarcode) -> bytes:
    """``BARCODE x,y,"type",height,human-readable,rotation,narrow,wide,"content"``."""
    return (f'BARCODE {b.x},{b.y},"{b.symbology}",{b.height},1,0,{b.narrow},{b.narrow},'
            f'"{b.value}"').encode("ascii") + EOL


def encode_tspl(layout: LabelLayout, *, font: str = "TSS24.BF2", copies: int = 1) -> bytes:
    """The whole job for ``copies`` of the label."""
    out = bytearray()
    out += f"SIZE {layout.width_mm} mm,{layout.height_mm} mm".encode("ascii") + EOL
    out += f"GAP {layout.gap_mm} mm,0 mm".encode("ascii") + EOL
    out += b"DIRECTION 1" + EOL
    out += b"CLS" + EOL
    for t in layout.texts:
        out += text_command(t, font=font, encoding=layout.encoding)
    if layout.barcode is not None:
        out += barcode_command(layout.barcode)
    out += f"PRINT 1,{copies}".encode("ascii") + EOL
    return bytes(out)

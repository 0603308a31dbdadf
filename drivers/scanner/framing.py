"""Split a serial scanner's byte stream into codes (pure; time passed in, seconds)."""

from __future__ import annotations

TERMINATORS: dict[str, bytes] = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "none": b""}
MAX_CODE_BYTES = 4096


def decode_code(raw: bytes) -> str:
    """Bytes of one code as text: UTF-8, else GB18030 (Chinese QR payloads), never raises."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


class CodeFramer:
    """Collects bytes; a code ends at the terminator, or after ``idle_s`` of silence.

    Any CR/LF ends a code whatever the terminator (a scanner set to CRLF while the till says
    CR must not glue codes together); empty codes are dropped.
    """

    def __init__(self, terminator: str = "cr", idle_s: float = 0.1) -> None:
        if terminator not in TERMINATORS:
            raise ValueError(f"unknown terminator {terminator!r}")
        self.terminator = terminator
        self.idle_s = idle_s
        self._buf = bytearray()
        self._last = 0.0

    def feed(self, data: bytes, now: float) -> list[str]:
        """Bytes read at ``now``; returns the codes they completed."""
        raws: list[bytes] = []
        if data:
            self._buf += data
            self._last = now
        while True:
            cut = min((i for i in (self._buf.find(b"\r"), self._buf.find(b"\n")) if i >= 0),
                      default=-1)
            if cut < 0:
                break
            raws.append(bytes(self._buf[:cut]))
            del self._buf[: cut + 1]
        if len(self._buf) > MAX_CODE_BYTES:  # garbage without terminators: drop it
            self._buf.clear()
        return [text for text in (decode_code(raw).strip() for raw in raws) if text]

    def tick(self, now: float) -> list[str]:
        """Ends a code after ``idle_s`` without bytes (used with terminator "none")."""
        if self._buf and now - self._last >= self.idle_s:
            raw = bytes(self._buf)
            self._buf.clear()
            text = decode_code(raw).strip()
            return [text] if text else []
        return []

    def reset(self) -> None:
        """Drop a partial code (the device went away mid-code)."""
        self._buf.clear()

"""The binary body of a compact coupon code (``COUPON_COMPACT_PREFIX``), to and from the
coupon payload dict that ``coupons`` reads (the same keys as the JSON format).

Layout: a flags byte (kind index in bits 0-2; bit 3 ``ms``, bit 4 ``t``, bit 5 ``m`` present),
varints ``v``, ``f`` − 2024-01-01 in seconds, ``u`` − ``f``, then ``ms`` when present, then
strings ``i``, ``n``, the set ``c`` (category coupons) or ``s`` (free-item coupons) as a count
and strings, then ``t`` and ``m`` when present. A string is a varint ``length << 2 | packing``
(``signed_codes.pack_id`` packings, or 3 for UTF-8 text) and its bytes. Times stay exact
seconds: a coupon's window is the issuer's promise, unlike a member code's minute.

Only the canonical body is accepted: what is read is encoded again and must give the same
bytes, so one coupon has one code.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from pos_app.core.signed_codes import malformed, pack_id, unpack_id

KIND_LETTERS = "APTCF"  # index = the kind bits; letters as in the JSON payload's "k"
EPOCH_S = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp())
_UTF8 = 3
_MAX_VARINT_BYTES = 10
_FLAG_MS, _FLAG_T, _FLAG_M = 8, 16, 32


def _varint(value: int) -> bytes:
    if value < 0:
        raise ValueError("varints are not negative")
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _string(text: str) -> bytes:
    try:
        kind, raw = pack_id(text)
    except ValueError:
        kind, raw = _UTF8, text.encode("utf-8")
    return _varint(len(raw) << 2 | kind) + raw


def payload_to_body(payload: Mapping[str, object]) -> bytes:
    """The compact body of a coupon payload; ValueError when it cannot be one (e.g. a time
    before 2024), and the issuer then signs the JSON format instead."""
    kind = KIND_LETTERS.index(str(payload["k"]))
    flags = kind | (_FLAG_MS if "ms" in payload else 0) | (_FLAG_T if "t" in payload else 0)
    flags |= _FLAG_M if "m" in payload else 0
    start, end = int(str(payload["f"])), int(str(payload["u"]))
    out = bytearray([flags])
    out += _varint(int(str(payload["v"]))) + _varint(start - EPOCH_S) + _varint(end - start)
    if "ms" in payload:
        out += _varint(int(str(payload["ms"])))
    out += _string(str(payload["i"])) + _string(str(payload["n"]))
    for key in ("c", "s"):
        items = payload.get(key)
        if isinstance(items, list):
            out += _varint(len(items)) + b"".join(_string(str(x)) for x in items)
    for key in ("t", "m"):
        if key in payload:
            out += _string(str(payload[key]))
    return bytes(out)


class _Reader:
    def __init__(self, body: bytes) -> None:
        self.body, self.at = body, 0

    def varint(self) -> int:
        value = 0
        for shift in range(0, 7 * _MAX_VARINT_BYTES, 7):
            if self.at >= len(self.body):
                raise malformed("body")
            byte = self.body[self.at]
            self.at += 1
            value |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return value
        raise malformed("body")

    def string(self) -> str:
        header = self.varint()
        size, kind = header >> 2, header & 3
        raw = self.body[self.at : self.at + size]
        if len(raw) != size:
            raise malformed("body")
        self.at += size
        if kind != _UTF8:
            return unpack_id(kind, raw)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise malformed("body") from None


def body_to_payload(body: bytes) -> dict[str, object]:
    """The coupon payload of a compact body; ``code.malformed`` unless it is canonical."""
    if not body or body[0] >> 6 or body[0] & 7 >= len(KIND_LETTERS):
        raise malformed("body")
    flags, read = body[0], _Reader(body)
    read.at = 1
    letter = KIND_LETTERS[flags & 7]
    payload: dict[str, object] = {"k": letter, "v": read.varint()}
    payload["f"] = EPOCH_S + read.varint()
    payload["u"] = int(str(payload["f"])) + read.varint()
    if flags & _FLAG_MS:
        payload["ms"] = read.varint()
    payload["i"], payload["n"] = read.string(), read.string()
    if letter in "CF":
        count = read.varint()
        if count > 64:
            raise malformed("body")
        payload["c" if letter == "C" else "s"] = [read.string() for _ in range(count)]
    for key, flag in (("t", _FLAG_T), ("m", _FLAG_M)):
        if flags & flag:
            payload[key] = read.string()
    try:
        canonical = payload_to_body(payload)
    except ValueError:
        raise malformed("body") from None
    if canonical != body:
        raise malformed("body")
    return payload

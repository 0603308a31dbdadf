"""Toledo 8217-style demand protocol: encode requests, split and parse replies (pure).

The host sends one ASCII letter: ``W`` weight, ``S`` status, ``T`` tare, ``Z`` zero.
A valid weight comes back as ``STX <weight text> CR`` (``0.350`` in kg mode, ``350`` in
grams mode); when there is no valid weight (motion, at or under zero, over capacity, a
fault) the scale sends a status record ``STX ? <status byte>[<status byte 2>] CR`` instead.
Status bytes carry 0011 in bits 4–5 (so they print as ``0``–``?``), bit 7 is parity:

- byte 1: bit 0 motion, bit 1 at zero, bit 2 RAM error, bit 3 EEPROM error;
- byte 2: bit 0 under zero, bit 1 over capacity, bit 2 ROM error, bit 3 calibration error.

Weights become integer grams by exact decimal text parsing — never through float. Anything
malformed becomes a ``ParseError`` value; nothing here raises on bad bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

STX = 0x02
CR = 0x0D
Unit = Literal["kg", "g"]
Command = Literal["weight", "status", "tare", "zero"]
MAX_GRAMS = 999_999  # the till's own limit (pos_app.core.quantity.MAX_GRAMS)
MAX_FRAME = 32  # a reply is ~10 bytes; more without a CR is line noise

_REQUESTS: dict[Command, bytes] = {"weight": b"W", "status": b"S", "tare": b"T", "zero": b"Z"}
_WEIGHT_RE = re.compile(r"^(-)?(\d*)(?:\.(\d*))?(?:kg|g)?$", re.ASCII | re.IGNORECASE)


class ScaleStatus(StrEnum):
    """What a reply says about the weight on the platter."""

    OK = "ok"  # a stable, positive weight
    MOTION = "motion"
    ZERO = "zero"  # nothing on the scale
    UNDER_ZERO = "under_zero"
    OVERLOAD = "overload"
    FAULT = "fault"  # RAM/ROM/EEPROM/calibration error reported by the scale


@dataclass(frozen=True, slots=True)
class Reading:
    """One reply: ``grams`` is the net weight (0 when the scale sent only status)."""

    grams: int
    stable: bool
    status: ScaleStatus

    @property
    def usable(self) -> bool:
        """True for a stable, positive weight that can go on a cart line."""
        return self.status is ScaleStatus.OK and self.stable and self.grams > 0


@dataclass(frozen=True, slots=True)
class ParseError:
    """A reply that could not be understood; ``reason`` is for the log, not for people."""

    reason: str
    raw: bytes

    key = "scale.bad_reply"


def encode_request(command: Command) -> bytes:
    """The bytes to send for ``command``."""
    return _REQUESTS[command]


def split_frames(buffer: bytes) -> tuple[list[bytes], bytes]:
    """Cut complete ``STX … CR`` frames out of ``buffer``; return them and the unused tail.

    Bytes before an STX are noise and dropped; a frame that runs past ``MAX_FRAME`` without
    a CR is returned as is (it will not parse) so the buffer cannot grow without bound.
    """
    frames: list[bytes] = []
    data = bytes(b & 0x7F for b in buffer)  # 7E1 read as 8N1 leaves the parity bit set
    while True:
        start = data.find(bytes([STX]))
        if start < 0:
            return frames, b""
        end = data.find(bytes([CR]), start)
        if end < 0:
            tail = data[start:]
            if len(tail) > MAX_FRAME:
                frames.append(tail)
                return frames, b""
            return frames, tail
        frames.append(data[start : end + 1])
        data = data[end + 1 :]


def parse_reply(frame: bytes, *, unit: Unit = "kg") -> Reading | ParseError:
    """Parse one ``STX … CR`` frame into a ``Reading`` or a ``ParseError``."""
    if len(frame) < 3 or frame[0] != STX or frame[-1] != CR:
        return ParseError("not an STX…CR frame", frame)
    body = bytes(b & 0x7F for b in frame[1:-1])
    if body.startswith(b"?"):
        return _parse_status(body[1:], frame)
    try:
        text = body.decode("ascii").strip()
    except UnicodeDecodeError:  # unreachable after masking; kept for clarity of intent
        return ParseError("not ASCII", frame)
    grams = parse_grams(text, unit=unit)
    if isinstance(grams, str):
        return ParseError(grams, frame)
    if grams < 0:
        return Reading(grams, True, ScaleStatus.UNDER_ZERO)
    if grams == 0:
        return Reading(0, True, ScaleStatus.ZERO)
    return Reading(grams, True, ScaleStatus.OK)


def parse_grams(text: str, *, unit: Unit) -> int | str:
    """Exact integer grams from weight text such as ``0.350`` (kg) or ``350`` (g).

    Returns the reason as a string when the text is not a weight the till can use.
    """
    m = _WEIGHT_RE.match(text.replace(" ", ""))
    if m is None or len(text) > 16:
        return f"weight text {text!r} is not a number"
    sign, whole, frac = m.group(1), m.group(2), m.group(3) or ""
    if not whole and not frac:
        return f"weight text {text!r} has no digits"
    places, per_unit = (3, 1000) if unit == "kg" else (0, 1)
    if frac[places:].strip("0"):
        return f"weight text {text!r} is finer than a gram"
    grams = int(whole or "0") * per_unit + int(frac[:places].ljust(places, "0") or "0")
    if grams > MAX_GRAMS:
        return f"weight text {text!r} is beyond {MAX_GRAMS} g"
    return -grams if sign else grams


def _parse_status(status: bytes, frame: bytes) -> Reading | ParseError:
    if not 1 <= len(status) <= 4 or any(b & 0x70 != 0x30 for b in status):
        return ParseError("bad status bytes", frame)
    first = status[0]
    second = status[1] if len(status) > 1 else 0x30
    motion = bool(first & 0x01)
    if first & 0x0C or second & 0x0C:
        kind = ScaleStatus.FAULT
    elif second & 0x02:
        kind = ScaleStatus.OVERLOAD
    elif second & 0x01:
        kind = ScaleStatus.UNDER_ZERO
    elif motion:
        kind = ScaleStatus.MOTION
    elif first & 0x02:
        kind = ScaleStatus.ZERO
    else:
        kind = ScaleStatus.OK  # a status record with nothing set: command acknowledged
    return Reading(0, not motion, kind)


# ---- replies, as a scale sends them (used by the simulator and the tests) ----------------


def encode_weight_reply(grams: int, *, unit: Unit = "kg") -> bytes:
    """``STX 0.350 CR`` (kg) or ``STX 350 CR`` (g) for a stable weight."""
    if unit == "g":
        text = str(grams)
    else:
        sign = "-" if grams < 0 else ""
        kg, g = divmod(abs(grams), 1000)
        text = f"{sign}{kg}.{g:03d}"
    return bytes([STX]) + text.encode("ascii") + bytes([CR])


def encode_status_reply(
    *,
    motion: bool = False,
    at_zero: bool = False,
    under_zero: bool = False,
    overload: bool = False,
    fault: bool = False,
) -> bytes:
    """``STX ? b1 b2 CR`` status record."""
    first = 0x30 | motion | (at_zero << 1) | (fault << 3)
    second = 0x30 | under_zero | (overload << 1)
    return bytes([STX, ord("?"), first, second, CR])

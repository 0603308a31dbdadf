"""Both QR backends on generated camera frames, ASCII and UTF-8 Chinese payloads.

Measured by `python -m bench qr` (504 frames): zxing-cpp decodes every distortion here
(small ~98%); ZBar fails noise (~24% decoded), perspective on the long coupon token (~67%)
and small (~79%), so those are measured in the bench, not asserted.
"""

from __future__ import annotations

import pytest

from drivers.camera.capture import to_gray
from drivers.camera.decoders import (
    DEFAULT_DECODER,
    ZbarDecoder,
    ZxingDecoder,
    make_decoder,
    repair_zbar_text,
    text_from_bytes,
)
from drivers.sim.qr_frames import DISTORTIONS, PAYLOADS, make_frame

PASSES = {
    "zxing": DISTORTIONS,
    "zbar": ("plain", "blur", "rot15", "rot45", "low_contrast"),
}
CASES = [(backend, distortion, payload)
         for backend, distortions in PASSES.items()
         for distortion in distortions
         for payload in PAYLOADS]


@pytest.fixture(scope="module")
def decoders() -> dict[str, object]:
    return {"zxing": ZxingDecoder(), "zbar": ZbarDecoder()}


@pytest.mark.parametrize(("backend", "distortion", "payload"), CASES)
def test_backend_decodes_exact_payload(decoders: dict[str, ZxingDecoder | ZbarDecoder],
                                       backend: str, distortion: str, payload: str) -> None:
    frame = make_frame(payload, distortion, seed=700 + PAYLOADS.index(payload))
    assert decoders[backend].decode(to_gray(frame)) == [payload]


@pytest.mark.parametrize("backend", ["zxing", "zbar"])
def test_chinese_member_code_is_not_mojibake(decoders: dict[str, ZxingDecoder | ZbarDecoder],
                                             backend: str) -> None:
    frame = make_frame("O2OM1:会员-123456", "plain", seed=1)
    assert decoders[backend].decode(to_gray(frame)) == ["O2OM1:会员-123456"]


@pytest.mark.parametrize("backend", ["zxing", "zbar"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_dark_mode_inverted_code_is_read(decoders: dict[str, ZxingDecoder | ZbarDecoder],
                                         backend: str, payload: str) -> None:
    # A phone in dark mode shows light modules on a dark screen: the whole frame inverted.
    gray = 255 - to_gray(make_frame(payload, "plain", seed=40 + PAYLOADS.index(payload)))
    assert decoders[backend].decode(gray) == [payload]


@pytest.mark.parametrize("backend", ["zxing", "zbar"])
def test_frame_without_code_gives_nothing(decoders: dict[str, ZxingDecoder | ZbarDecoder],
                                          backend: str) -> None:
    frame = make_frame("x", "plain", seed=3)
    frame[:] = 128
    assert decoders[backend].decode(to_gray(frame)) == []


def test_text_from_bytes_prefers_utf8_then_gb18030() -> None:
    assert text_from_bytes("会员-1".encode()) == "会员-1"
    assert text_from_bytes("会员-1".encode("gb18030")) == "会员-1"
    assert text_from_bytes(b"\xff\xfe\xff") == "ÿþÿ"


def test_zbar_shift_jis_guess_is_repaired() -> None:
    # What ZBar returns for "O2OM1:会员-123456" when it guesses Shift-JIS (no binary mode).
    mojibake = b"O2OM1:\xe8\x8e\xa8\xe5\xa3\xbc\xe9\x81\xad-123456"
    assert repair_zbar_text(mojibake) == "O2OM1:会员-123456"
    assert repair_zbar_text(b"O2OM1:M-1") == "O2OM1:M-1"
    assert repair_zbar_text("Märchen".encode()) == "Märchen"


def test_make_decoder_resolves_auto_to_the_benchmarked_default() -> None:
    assert make_decoder("auto").name == DEFAULT_DECODER == "zxing"
    assert make_decoder("zbar").name == "zbar"
    with pytest.raises(ValueError):
        make_decoder("nope")

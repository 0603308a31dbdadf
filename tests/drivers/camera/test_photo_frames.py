"""Photo-like frames of a phone screen (bench qr): deterministic, and the compact member code
is read by the default decoder under every condition at the smallest width the target names.

Rates over many seeds are the benchmark's business (`python -m bench qr`); one seed each here.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from drivers.camera.decoders import make_decoder
from drivers.sim.photo_frames import CONDITIONS, photo_frame
from pos_app.core.members import make_member_code

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
CODE = make_member_code("M-DEMO-1", private_key=KEY, now=datetime(2026, 12, 5, 8, tzinfo=UTC))


def test_same_seed_gives_the_same_frame() -> None:
    a = photo_frame(CODE, "jpeg", code_px=150, seed=3)
    assert a.shape == (720, 1280) and a.dtype == np.uint8
    assert np.array_equal(a, photo_frame(CODE, "jpeg", code_px=150, seed=3))
    with pytest.raises(ValueError):
        photo_frame(CODE, "fog", code_px=150, seed=3)


@pytest.mark.parametrize("condition", CONDITIONS)
def test_compact_member_code_on_a_phone_is_read_at_150_px(condition: str) -> None:
    frame = photo_frame(CODE, condition, code_px=150, seed=11)
    assert make_decoder("auto").decode(frame) == [CODE]


@pytest.mark.parametrize("seed", [56, 63])
def test_zxing_reads_motion_blurred_code_its_local_binarizer_misses(seed: int) -> None:
    # Seeds where zxing-cpp's default (local average) binarizer finds nothing: a 3-7 px
    # smear over 4 px modules flattens local contrast; a fixed threshold still separates.
    code = make_member_code(f"M-{seed:06d}", private_key=KEY,
                            now=datetime(2026, 12, 5, 8, tzinfo=UTC))
    frame = photo_frame(code, "motion_blur", code_px=150, seed=seed)
    assert make_decoder("zxing").decode(frame) == [code]

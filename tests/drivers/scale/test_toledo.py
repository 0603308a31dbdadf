"""The Toledo 8217-style protocol: requests, frames and replies into integer grams."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.scale.toledo import (
    ParseError,
    Reading,
    ScaleStatus,
    Unit,
    encode_request,
    encode_status_reply,
    encode_weight_reply,
    parse_grams,
    parse_reply,
    split_frames,
)

UNITS: tuple[Unit, ...] = ("kg", "g")


def test_requests_are_single_letters() -> None:
    assert [encode_request(c) for c in ("weight", "status", "tare", "zero")] == [
        b"W", b"S", b"T", b"Z"]


@pytest.mark.parametrize(("frame", "unit", "expected"), [
    (b"\x020.350\r", "kg", Reading(350, True, ScaleStatus.OK)),
    (b"\x0200.350\r", "kg", Reading(350, True, ScaleStatus.OK)),
    (b"\x02 1.2\r", "kg", Reading(1200, True, ScaleStatus.OK)),
    (b"\x0212.345\r", "kg", Reading(12345, True, ScaleStatus.OK)),
    (b"\x020.3500\r", "kg", Reading(350, True, ScaleStatus.OK)),
    (b"\x020.350kg\r", "kg", Reading(350, True, ScaleStatus.OK)),
    (b"\x02350\r", "g", Reading(350, True, ScaleStatus.OK)),
    (b"\x020.000\r", "kg", Reading(0, True, ScaleStatus.ZERO)),
    (b"\x02-0.120\r", "kg", Reading(-120, True, ScaleStatus.UNDER_ZERO)),
    (b"\x02?1\r", "kg", Reading(0, False, ScaleStatus.MOTION)),
    (b"\x02?2\r", "kg", Reading(0, True, ScaleStatus.ZERO)),
    (b"\x02?00\r", "kg", Reading(0, True, ScaleStatus.OK)),
    (b"\x02?01\r", "kg", Reading(0, True, ScaleStatus.UNDER_ZERO)),
    (b"\x02?02\r", "kg", Reading(0, True, ScaleStatus.OVERLOAD)),
    (b"\x02?12\r", "kg", Reading(0, False, ScaleStatus.OVERLOAD)),
    (b"\x02?8\r", "kg", Reading(0, True, ScaleStatus.FAULT)),
    (b"\x02?08\r", "kg", Reading(0, True, ScaleStatus.FAULT)),
    (b"\x02?\xb1\r", "kg", Reading(0, False, ScaleStatus.MOTION)),  # 7E1 read as 8N1
])
def test_reply_parses_to_integer_grams_and_status(
    frame: bytes, unit: Unit, expected: Reading
) -> None:
    assert parse_reply(frame, unit=unit) == expected


@pytest.mark.parametrize("frame", [
    b"", b"\x02\r", b"0.350\r", b"\x020.350", b"\x02abc\r", b"\x020.3505\r",
    b"\x021.2.3\r", b"\x02?\r", b"\x02?A\r", b"\x02?\x01\r", b"\x021000.000\r",
    b"\x02--1\r", b"\x02.\r", b"\x02\xff\xfe\r",
])
def test_garbled_reply_is_a_parse_error_value(frame: bytes) -> None:
    result = parse_reply(frame)
    assert isinstance(result, ParseError)
    assert result.key == "scale.bad_reply"


def test_grams_mode_rejects_fractions_of_a_gram() -> None:
    assert parse_grams("350.0", unit="g") == 350
    assert isinstance(parse_grams("350.5", unit="g"), str)


def test_split_frames_drops_noise_and_keeps_the_unfinished_tail() -> None:
    frames, tail = split_frames(b"xx\x020.350\r\x02?1\r\x020.4")
    assert frames == [b"\x020.350\r", b"\x02?1\r"]
    assert tail == b"\x020.4"
    frames, tail = split_frames(tail + b"00\r")
    assert frames == [b"\x020.400\r"] and tail == b""


def test_split_frames_gives_up_on_an_endless_frame() -> None:
    frames, tail = split_frames(b"\x02" + b"9" * 40)
    assert len(frames) == 1 and tail == b""
    assert isinstance(parse_reply(frames[0]), ParseError)


@given(st.integers(min_value=-999_999, max_value=999_999), st.sampled_from(UNITS))
def test_encoded_weights_parse_back_exactly(grams: int, unit: Unit) -> None:
    reading = parse_reply(encode_weight_reply(grams, unit=unit), unit=unit)
    assert isinstance(reading, Reading)
    assert reading.grams == grams


@given(st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_status_records_round_trip(motion: bool, zero: bool, under: bool, over: bool) -> None:
    reading = parse_reply(encode_status_reply(motion=motion, at_zero=zero, under_zero=under,
                                              overload=over))
    assert isinstance(reading, Reading)
    assert reading.stable is not motion
    assert not reading.usable


@given(st.binary(max_size=40))
def test_any_bytes_parse_to_a_value_never_an_exception(data: bytes) -> None:
    frames, _ = split_frames(data)
    for frame in [*frames, data]:
        assert isinstance(parse_reply(frame), Reading | ParseError)

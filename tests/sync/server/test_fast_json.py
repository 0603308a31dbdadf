"""The cloud's JSON body parser reads every body as ``json.loads`` does."""

from __future__ import annotations

import json
import math

import pytest

from sync.server.fast_json import loads

SAME = [
    b'{"a": 1, "b": [1, 2.5, -3e2, true, false, null], "c": {"d": "\\u4e2d\\u6587 \xe4\xb8\xad"}}',
    b"123456789012345678901234567890",  # beyond 64 bits: still an int, not a float
    b'{"x": -99999999999999999999999}',
    b'"\\ud800 lone surrogate"',  # pydantic-core refuses it: json.loads reads it
    b'{"dup": 1, "dup": 2}',
    b"[1e400, -1e400]",
    b'  {"spaces": "\\t\\n\\"\\\\"}  ',
]


@pytest.mark.parametrize("body", SAME)
def test_a_body_reads_as_json_loads_reads_it(body: bytes) -> None:
    value = loads(body)
    assert value == json.loads(body)
    assert type(value) is type(json.loads(body))


def test_nan_reads_as_nan() -> None:
    assert math.isnan(loads(b"NaN")) and math.isnan(json.loads(b"NaN"))


@pytest.mark.parametrize("body", [b'{"a": ', b"", b"{'a': 1}", b'{"a": 1} x'])
def test_malformed_json_raises_what_json_loads_raises(body: bytes) -> None:
    with pytest.raises(json.JSONDecodeError):
        loads(body)

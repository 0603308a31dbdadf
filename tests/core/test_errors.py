import pickle

import pytest

from pos_app.core.errors import PosError


def test_pos_error_carries_key_and_data_for_translation() -> None:
    err = PosError("barcode.bad_check_digit", code="6901234567891")
    assert err.key == "barcode.bad_check_digit"
    assert err.data == {"code": "6901234567891"}
    assert str(err) == "barcode.bad_check_digit (code='6901234567891')"
    assert str(PosError("sale.empty")) == "sale.empty"


def test_pos_error_survives_pickling_across_processes() -> None:
    err = pickle.loads(pickle.dumps(PosError("money.invalid", text="abc")))
    assert isinstance(err, PosError)
    assert (err.key, err.data) == ("money.invalid", {"text": "abc"})


@pytest.mark.parametrize("key", ["", "nodot", "Money.invalid", "money.", "money invalid.x"])
def test_pos_error_rejects_keys_that_could_never_be_translated(key: str) -> None:
    with pytest.raises(ValueError):
        PosError(key)

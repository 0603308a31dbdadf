import pytest

from pos_app.core.errors import PosError
from pos_app.core.quantity import MAX_GRAMS, MAX_PIECES, check_qty, format_quantity, parse_quantity


@pytest.mark.parametrize(
    ("text", "weighed", "qty"),
    [
        ("3", False, 3),
        (" 12 ", False, 12),
        ("１２", False, 12),
        ("0.35", True, 350),
        ("1", True, 1000),
        ("1.234", True, 1234),
        (".5", True, 500),
        ("0.001", True, 1),
    ],
)
def test_parse_quantity_reads_pieces_or_kilograms_into_grams(
    text: str, weighed: bool, qty: int
) -> None:
    assert parse_quantity(text, weighed=weighed) == qty


@pytest.mark.parametrize(
    ("text", "weighed", "key"),
    [
        ("0", False, "cart.qty_invalid"),
        ("1.5", False, "cart.qty_invalid"),
        ("-1", False, "cart.qty_invalid"),
        ("", False, "cart.qty_invalid"),
        ("abc", True, "cart.qty_invalid"),
        ("0.0004", True, "cart.qty_invalid"),
        ("0", True, "cart.qty_invalid"),
        ("100000", False, "cart.qty_too_large"),
        ("1000", True, "cart.qty_too_large"),
    ],
)
def test_parse_quantity_rejects_bad_input_with_a_cart_key(
    text: str, weighed: bool, key: str
) -> None:
    with pytest.raises(PosError) as exc:
        parse_quantity(text, weighed=weighed)
    assert exc.value.key == key


def test_check_qty_limits_and_types() -> None:
    assert check_qty(MAX_PIECES, weighed=False) == MAX_PIECES
    assert check_qty(MAX_GRAMS, weighed=True) == MAX_GRAMS
    with pytest.raises(PosError) as exc:
        check_qty(MAX_PIECES + 1, weighed=False)
    assert exc.value.data == {"qty": MAX_PIECES + 1, "max": MAX_PIECES}
    with pytest.raises(TypeError):
        check_qty(1.5, weighed=True)  # type: ignore[arg-type]  # a float, on purpose
    with pytest.raises(TypeError):
        check_qty(True, weighed=False)


@pytest.mark.parametrize(
    ("qty", "weighed", "text"),
    [(2, False, "2"), (350, True, "0.350kg"), (1000, True, "1.000kg"), (12345, True, "12.345kg")],
)
def test_format_quantity_shows_kilograms_for_weighed_goods(
    qty: int, weighed: bool, text: str
) -> None:
    assert format_quantity(qty, weighed=weighed) == text

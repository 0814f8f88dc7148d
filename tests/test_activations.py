"""sigmoid and sigmoid_derivative: values, stability, validation."""

import warnings

import numpy as np
import pytest

from helpers import seed, sigmoid, sigmoid_derivative


def test_sigmoid_known_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(np.log(3.0)) == pytest.approx(0.75)
    assert sigmoid(-np.log(3.0)) == pytest.approx(0.25)


def test_sigmoid_keeps_shape_and_returns_scalar_for_scalar():
    assert sigmoid(1.0).shape == ()
    assert sigmoid(np.zeros((2, 3))).shape == (2, 3)


@pytest.mark.parametrize("z, expected", [(1000.0, 1.0), (-1000.0, 0.0), (800.0, 1.0), (-800.0, 0.0)])
def test_sigmoid_is_stable_where_the_seeds_overflows(z, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sigmoid(z) == expected
        assert sigmoid_derivative(z) == 0.0
    with pytest.warns(RuntimeWarning, match="overflow"):
        seed.sigmoid(-1000.0)


def test_sigmoid_keeps_tiny_values_far_from_zero():
    # 1 - sigmoid(30) would lose them to cancellation; the stable form does not.
    assert sigmoid(-30.0) == pytest.approx(np.exp(-30.0), rel=1e-12)
    assert sigmoid_derivative(30.0) == pytest.approx(np.exp(-30.0), rel=1e-12)


def test_sigmoid_derivative_matches_central_differences():
    z = np.linspace(-8, 8, 33)
    h = 1e-6
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    np.testing.assert_allclose(sigmoid_derivative(z), numeric, atol=1e-9)
    assert sigmoid_derivative(0.0) == 0.25


@pytest.mark.parametrize(
    "bad, error",
    [
        (np.nan, ValueError),
        ([1.0, np.inf], ValueError),
        ([], ValueError),
        ("1.0", TypeError),
        ([1 + 2j], TypeError),
        (None, TypeError),
    ],
)
def test_sigmoid_rejects_bad_input_naming_z(bad, error):
    with pytest.raises(error, match="z"):
        sigmoid(bad)
    with pytest.raises(error, match="z"):
        sigmoid_derivative(bad)

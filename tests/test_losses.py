"""The losses: definitions, stability at the extremes, shape and range checks."""

import warnings

import numpy as np
import pytest

from helpers import (
    PROBABILITY_CLIP,
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    mean_squared_error,
    sigmoid,
    sum_squared_error,
)


def test_mean_and_sum_of_squared_errors():
    y, h = [1.0, 0.0, 2.0, 3.0], [0.0, 0.0, 4.0, 3.0]
    assert sum_squared_error(y, h) == 5.0
    assert mean_squared_error(y, h) == 1.25
    assert mean_squared_error(np.ones((2, 3)), np.zeros((2, 3))) == 1.0


def test_binary_cross_entropy_known_value():
    y, h = [1.0, 0.0], [0.8, 0.4]
    expected = -(np.log(0.8) + np.log(0.6)) / 2
    assert binary_cross_entropy(y, h) == pytest.approx(expected, rel=1e-15)


def test_binary_cross_entropy_is_finite_and_exact_at_the_edges():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert binary_cross_entropy([0.0, 1.0], [0.0, 1.0]) == 0.0
        assert f"{binary_cross_entropy([1.0], [1.0]):.3f}" == "0.000"  # not "-0.000"
        worst = binary_cross_entropy([1.0, 0.0], [0.0, 1.0])
    assert np.isfinite(worst)
    assert worst == pytest.approx(-np.log(PROBABILITY_CLIP), rel=1e-6)


def test_logits_form_agrees_with_probability_form_where_both_are_exact():
    y = np.array([[0.0, 1.0, 1.0, 0.0, 0.3]])
    z = np.array([[-3.0, 2.5, -0.5, 4.0, 0.1]])
    assert binary_cross_entropy_from_logits(y, z) == pytest.approx(binary_cross_entropy(y, sigmoid(z)), rel=1e-12)


def test_logits_form_is_exact_where_probabilities_saturate():
    # sigmoid(40) rounds to 1.0, so the probability form can only clip; the logits form is exact.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert binary_cross_entropy_from_logits([0.0], [1000.0]) == 1000.0
        assert binary_cross_entropy_from_logits([1.0], [-1000.0]) == 1000.0
        assert binary_cross_entropy_from_logits([1.0], [1000.0]) == 0.0
        assert binary_cross_entropy_from_logits([0.0], [40.0]) == pytest.approx(40.0, rel=1e-15)


@pytest.mark.parametrize("loss", [mean_squared_error, sum_squared_error, binary_cross_entropy])
def test_the_seeds_column_against_row_is_an_error(loss):
    column = np.array([[0.9168273], [0.9945137]])
    with pytest.raises(ValueError, match=r"h has shape \(2, 1\) but y has shape \(2,\).*\(2, 2\)"):
        loss([0.95, 0.99], column)


@pytest.mark.parametrize("loss", [binary_cross_entropy, binary_cross_entropy_from_logits])
def test_cross_entropy_targets_must_be_probabilities(loss):
    with pytest.raises(ValueError, match=r"y must lie in \[0, 1\]; got 1.23"):
        loss([0.95, 1.23], [0.5, 0.5])


def test_cross_entropy_predictions_must_be_probabilities():
    with pytest.raises(ValueError, match=r"h must lie in \[0, 1\]; got -0.1"):
        binary_cross_entropy([0.0, 1.0], [-0.1, 0.5])


@pytest.mark.parametrize("loss", [mean_squared_error, sum_squared_error, binary_cross_entropy])
@pytest.mark.parametrize(
    "y, h, error, match",
    [
        ([], [], ValueError, "y must not be empty"),
        ([0.5, np.nan], [0.5, 0.5], ValueError, "y must be finite; got nan"),
        ([0.5, 0.5], [np.inf, 0.5], ValueError, "h must be finite; got inf"),
        (["a", "b"], [0.5, 0.5], TypeError, "y must hold real numbers"),
        ([0.5, 0.5], [[0.5], [0.5, 0.5]], ValueError, "h must be a rectangular array"),
    ],
)
def test_losses_reject_bad_input_by_name(loss, y, h, error, match):
    with pytest.raises(error, match=match):
        loss(y, h)

"""hot_and_cold: the seed's idea, with shapes checked and both nudge rules."""

import numpy as np
import pytest

from helpers import hot_and_cold, mean_squared_error, sigmoid_layer


@pytest.fixture
def problem(seed_example):
    e = seed_example
    return e["inp"], e["weight"], e["bias"], np.array([0.95, 1.23])


def test_together_moves_every_parameter_by_the_same_amount(problem):
    x, W, b, y = problem
    result = hot_and_cold(x, W, b, y, step=0.005, epochs=10)
    moved = np.concatenate([(result.W - W).ravel(), result.b - b])
    assert np.allclose(moved, moved[0]) and moved[0] != 0
    assert result.b.shape == (2,)


def test_losses_are_recorded_per_epoch_and_never_rise(problem):
    x, W, b, y = problem
    for nudge in ("together", "each"):
        result = hot_and_cold(x, W, b, y, step=0.005, epochs=30, nudge=nudge)
        assert result.losses.shape == (31,) and result.evaluations.shape == (31,)  # epochs 0 to 30
        assert result.losses[0] == result.initial_loss == mean_squared_error(y, sigmoid_layer(x, W, b))
        assert result.evaluations[0] == 1
        assert np.all(np.diff(result.losses) <= 0)
        assert result.losses[-1] == pytest.approx(mean_squared_error(y, sigmoid_layer(x, result.W, result.b)))


def test_each_beats_together_but_costs_more_evaluations(problem):
    x, W, b, y = problem
    together = hot_and_cold(x, W, b, y, step=0.005, epochs=100, nudge="together")
    each = hot_and_cold(x, W, b, y, step=0.005, epochs=100, nudge="each")
    assert each.losses[-1] < together.losses[-1]
    assert together.evaluations[-1] == 1 + 2 * 100
    assert each.evaluations[-1] == 1 + 2 * 8 * 100


def test_unreachable_target_leaves_a_floor(problem):
    # No sigmoid output reaches 1.23: the second output's error is at least (1.23 - 1)**2.
    x, W, b, y = problem
    result = hot_and_cold(x, W, b, y, step=0.05, epochs=300, nudge="each")
    floor = (1.23 - 1.0) ** 2 / 2
    assert result.losses[-1] > floor
    assert result.losses[-1] < floor + 1e-3


def test_batches_of_examples():
    rng = np.random.default_rng(1)
    X, W, b = rng.normal(size=(3, 6)), rng.normal(size=(2, 3)), np.zeros((2, 1))
    Y = sigmoid_layer(X, rng.normal(size=(2, 3)), b)
    result = hot_and_cold(X, W, b, Y, step=0.01, epochs=20, nudge="each")
    assert result.b.shape == (2, 1)
    assert result.losses[-1] < result.initial_loss


def test_inputs_are_not_modified(problem):
    x, W, b, y = problem
    W_before, b_before = W.copy(), b.copy()
    hot_and_cold(x, W, b, y, step=0.005, epochs=5, nudge="each")
    assert np.array_equal(W, W_before) and np.array_equal(b, b_before)


def test_the_seeds_column_input_is_refused(problem):
    x, W, b, y = problem
    with pytest.raises(ValueError, match=r"y must have the layer output's shape \(2, 1\).*got shape \(2,\)"):
        hot_and_cold(x.reshape(3, 1), W, b, y, step=0.005, epochs=1)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"step": 0.0, "epochs": 1}, ValueError, "step must be a finite number greater than 0; got 0.0"),
        ({"step": -0.1, "epochs": 1}, ValueError, "step must be .* got -0.1"),
        ({"step": "big", "epochs": 1}, TypeError, "step must be a real number; got 'big'"),
        ({"step": 0.1, "epochs": 0}, ValueError, "epochs must be at least 1; got 0"),
        ({"step": 0.1, "epochs": 2.5}, TypeError, "epochs must be an int; got 2.5"),
        ({"step": 0.1, "epochs": True}, TypeError, "epochs must be an int; got True"),
        ({"step": 0.1, "epochs": 1, "nudge": "random"}, ValueError, "nudge must be 'together' or 'each'; got 'random'"),
        (
            {"step": 0.1, "epochs": 1, "loss": "mse"},
            TypeError,
            r"loss must be a function loss\(y, h\) -> float; got 'mse'",
        ),
    ],
)
def test_bad_settings_are_named(problem, kwargs, error, match):
    x, W, b, y = problem
    with pytest.raises(error, match=match):
        hot_and_cold(x, W, b, y, **kwargs)

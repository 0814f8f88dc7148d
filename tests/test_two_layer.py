"""The two-layer network: shapes, backprop against finite differences, training, validation."""

import numpy as np
import pytest

import helpers
from helpers import (
    backward,
    forward,
    gradient_check,
    gradient_descent,
    init_two_layer,
    make_xor,
    numerical_gradient,
    predict,
    two_layer_loss,
)


def test_init_shapes_and_determinism():
    params = init_two_layer(3, 5, 2, seed=7)
    assert {name: value.shape for name, value in params.items()} == {
        "W1": (5, 3),
        "b1": (5, 1),
        "W2": (2, 5),
        "b2": (2, 1),
    }
    again = init_two_layer(3, 5, 2, seed=7)
    assert all(np.array_equal(params[name], again[name]) for name in params)
    assert not np.array_equal(params["W1"], init_two_layer(3, 5, 2, seed=8)["W1"])


def test_forward_shapes_and_cache():
    params = init_two_layer(3, 5, 2)
    X = np.random.default_rng(0).normal(size=(3, 4))
    A2, cache = forward(params, X)
    assert A2.shape == (2, 4)
    assert cache["Z1"].shape == cache["A1"].shape == (5, 4)
    assert np.array_equal(cache["A2"], A2)
    np.testing.assert_allclose(A2, helpers.sigmoid_layer(cache["A1"], params["W2"], params["b2"]))


def test_loss_is_mean_cross_entropy_of_the_output():
    X, Y = make_xor(5)
    params = init_two_layer(2, 3, 1)
    A2, _ = forward(params, X)
    assert two_layer_loss(params, X, Y) == pytest.approx(helpers.binary_cross_entropy(Y, A2), rel=1e-12)


@pytest.mark.parametrize("sizes, m", [((2, 4, 1), 8), ((3, 5, 2), 7), ((1, 1, 1), 1), ((4, 2, 3), 5)])
def test_backward_agrees_with_central_differences(sizes, m):
    rng = np.random.default_rng(sum(sizes) + m)
    params = init_two_layer(*sizes, seed=3)
    X = rng.normal(size=(sizes[0], m))
    Y = (rng.random((sizes[2], m)) > 0.5).astype(float)
    assert gradient_check(params, X, Y) < 1e-7


def test_gradient_check_catches_a_wrong_gradient():
    X, Y = make_xor(3)
    params = init_two_layer(2, 3, 1)
    _, cache = forward(params, X)
    grads = backward(params, cache, Y)
    numeric = numerical_gradient(params, X, Y)
    wrong = dict(grads, W1=grads["W1"] * 1.01)
    assert helpers.relative_error(grads, numeric) < 1e-7
    assert helpers.relative_error(wrong, numeric) > 1e-4


def test_gradient_descent_learns_xor_and_updates_params_in_place():
    X, Y = make_xor(25, seed=0)
    params = init_two_layer(2, 4, 1, seed=0)
    W1_before = params["W1"].copy()
    losses = gradient_descent(params, X, Y, step=5.0, epochs=1000)
    assert losses.shape == (1001,)  # epochs 0 to 1000
    assert losses[0] == pytest.approx(two_layer_loss(init_two_layer(2, 4, 1, seed=0), X, Y))
    assert losses[-1] == two_layer_loss(params, X, Y)  # the trained network's loss
    assert losses[-1] < 0.05 < 0.6 < losses[0]
    assert not np.array_equal(params["W1"], W1_before)
    assert np.mean(predict(params, X) == Y) == 1.0


def test_gradient_descent_rejects_integer_parameters_it_could_not_update_in_place():
    params = {
        "W1": np.array([[1, 0], [0, 1]]),
        "b1": np.zeros((2, 1)),
        "W2": np.array([[1.0, -1.0]]),
        "b2": np.zeros((1, 1)),
    }
    with pytest.raises(TypeError, match=r"params\['W1'\] must have dtype float64 to be updated in place; got int64"):
        gradient_descent(params, helpers.XOR_X, helpers.XOR_Y, step=0.5, epochs=3)
    assert params["W1"].dtype == np.int64  # untouched


@pytest.mark.parametrize(
    "params, X, Y, error, match",
    [
        ("not a dict", np.zeros((2, 4)), np.zeros((1, 4)), TypeError, "params must be a dict"),
        (
            {"W1": np.zeros((3, 2))},
            np.zeros((2, 4)),
            np.zeros((1, 4)),
            ValueError,
            r"params is missing \['b1', 'W2', 'b2'\]",
        ),
        (
            dict(init_two_layer(2, 3, 1), b1=np.zeros(3)),
            np.zeros((2, 4)),
            np.zeros((1, 4)),
            ValueError,
            r"params\['b1'\] must have shape \(3, 1\).*got shape \(3,\)",
        ),
        (
            init_two_layer(2, 3, 1),
            np.zeros((4, 2)),
            np.zeros((1, 4)),
            ValueError,
            r"X must have shape \(2, m\).*got shape \(4, 2\)",
        ),
        (
            init_two_layer(2, 3, 1),
            np.zeros((2, 4)),
            np.zeros((1, 5)),
            ValueError,
            r"Y must have shape \(1, 4\).*got shape \(1, 5\)",
        ),
        (
            init_two_layer(2, 3, 1),
            np.zeros((2, 4)),
            np.full((1, 4), 2.0),
            ValueError,
            r"Y must lie in \[0, 1\]; got 2.0",
        ),
        (
            dict(init_two_layer(2, 3, 1), W2=np.full((1, 3), np.nan)),
            np.zeros((2, 4)),
            np.zeros((1, 4)),
            ValueError,
            r"params\['W2'\] must be finite; got nan",
        ),
    ],
)
def test_bad_networks_and_data_are_named(params, X, Y, error, match):
    with pytest.raises(error, match=match):
        two_layer_loss(params, X, Y)
    with pytest.raises(error, match=match):
        gradient_check(params, X, Y)


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((2, 0, 1), ValueError, "n_hidden must be at least 1; got 0"),
        ((2, -3, 1), ValueError, "n_hidden must be at least 1; got -3"),
        ((2.0, 3, 1), TypeError, "n_in must be an int; got 2.0"),
        ((2, 3, 0), ValueError, "n_out must be at least 1; got 0"),
    ],
)
def test_bad_layer_sizes_are_named(args, error, match):
    with pytest.raises(error, match=match):
        init_two_layer(*args)


@pytest.mark.parametrize(
    "step, epochs, error, match",
    [
        (0.0, 10, ValueError, "step must be a finite number greater than 0"),
        (float("nan"), 10, ValueError, "step must be a finite number; got nan"),
        (0.1, 0, ValueError, "epochs must be at least 1"),
        (0.1, 1.5, TypeError, "epochs must be an int"),
    ],
)
def test_bad_training_settings_are_named(step, epochs, error, match):
    with pytest.raises(error, match=match):
        gradient_descent(init_two_layer(2, 3, 1), helpers.XOR_X, helpers.XOR_Y, step=step, epochs=epochs)


def test_backward_rejects_a_cache_from_another_network():
    X, Y = make_xor(2)
    _, cache = forward(init_two_layer(2, 3, 1), X)
    with pytest.raises(ValueError, match=r"cache\['A1'\] must have shape \(5, 8\).*got shape \(3, 8\)"):
        backward(init_two_layer(2, 5, 1), cache, Y)
    with pytest.raises(TypeError, match="cache must be the second value returned by forward"):
        backward(init_two_layer(2, 3, 1), None, Y)


def test_saturated_network_stays_finite_and_warning_free():
    params = {
        "W1": np.full((2, 2), 500.0),
        "b1": np.zeros((2, 1)),
        "W2": np.array([[1000.0, -1000.0]]),
        "b2": np.zeros((1, 1)),
    }
    X, Y = helpers.XOR_X, helpers.XOR_Y
    loss = two_layer_loss(params, X, Y)
    assert np.isfinite(loss)
    losses = gradient_descent(params, X, Y, step=0.1, epochs=3)
    assert np.all(np.isfinite(losses))

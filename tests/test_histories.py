"""One convention for every trainer's history: entry t is the loss after t epochs, entry 0 before any update."""

import numpy as np
import pytest

import helpers

X_SEED, W_SEED, B_SEED, Y_REACHABLE = (
    np.array([1.0, 2.0, 3.0]),
    np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]),
    np.array([1.0, 2.0]),
    np.array([0.95, 0.99]),
)


def layer_loss(W, b):
    return helpers.mean_squared_error(Y_REACHABLE, helpers.sigmoid_layer(X_SEED, W, b))


@pytest.mark.parametrize(
    "train",
    [
        lambda epochs: helpers.hot_and_cold(
            X_SEED, W_SEED, B_SEED, Y_REACHABLE, step=0.01, epochs=epochs, nudge="together"
        ),
        lambda epochs: helpers.hot_and_cold(
            X_SEED, W_SEED, B_SEED, Y_REACHABLE, step=0.01, epochs=epochs, nudge="each"
        ),
        lambda epochs: helpers.layer_gradient_descent(X_SEED, W_SEED, B_SEED, Y_REACHABLE, step=0.5, epochs=epochs),
    ],
    ids=["hot_and_cold together", "hot_and_cold each", "layer_gradient_descent"],
)
def test_layer_trainers_report_epoch_zero_and_the_final_loss(train):
    run = train(7)
    assert run.losses.shape == run.evaluations.shape == (8,)
    assert run.losses[0] == run.initial_loss == layer_loss(W_SEED, B_SEED) and run.evaluations[0] == 1
    assert run.losses[-1] == pytest.approx(layer_loss(run.W, run.b), rel=1e-12)
    np.testing.assert_array_equal(train(3).losses, run.losses[:4])  # a shorter run is the start of a longer one


def test_two_layer_trainers_report_epoch_zero_and_the_final_loss():
    X, Y = helpers.make_xor(5)
    start = helpers.init_two_layer(2, 3, 1, seed=0)
    initial = helpers.two_layer_loss(start, X, Y)
    hc = helpers.hot_and_cold_two_layer(start, X, Y, step=0.1, epochs=4)
    assert hc.losses.shape == hc.evaluations.shape == (5,) and hc.losses[0] == initial and hc.evaluations[0] == 1
    assert hc.losses[-1] == pytest.approx(helpers.two_layer_loss(hc.params, X, Y), rel=1e-12)
    params = {name: value.copy() for name, value in start.items()}
    gd = helpers.gradient_descent(params, X, Y, step=1.0, epochs=4)
    assert gd.shape == (5,) and gd[0] == pytest.approx(initial, rel=1e-12)
    assert gd[-1] == pytest.approx(helpers.two_layer_loss(params, X, Y), rel=1e-12)

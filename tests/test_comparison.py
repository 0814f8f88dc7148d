"""The pieces that let hot and cold and gradient descent be compared on one problem."""

import numpy as np
import pytest

import helpers


@pytest.fixture
def layer_problem():
    x = np.array([1.0, 2.0, 3.0])
    W = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    return x, W, np.array([1.0, 2.0]), np.array([0.95, 0.99])


def numerical_layer_gradient(x, W, b, y, h=1e-6):
    def loss(W_, b_):
        return helpers.mean_squared_error(y, helpers.sigmoid_layer(x, W_, b_))

    dW, db = np.zeros_like(W), np.zeros_like(b)
    for array, grad in ((W, dW), (b, db)):
        for index in np.ndindex(array.shape):
            original = array[index]
            array[index] = original + h
            up = loss(W, b)
            array[index] = original - h
            down = loss(W, b)
            array[index] = original
            grad[index] = (up - down) / (2 * h)
    return dW, db


def test_layer_gradient_matches_central_differences(layer_problem):
    x, W, b, y = layer_problem
    dW, db = helpers.sigmoid_layer_gradient(x, W, b, y)
    numeric_dW, numeric_db = numerical_layer_gradient(x, W.copy(), b.copy(), y)
    np.testing.assert_allclose(dW, numeric_dW, rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(db, numeric_db, rtol=1e-6, atol=1e-12)


def test_layer_gradient_on_a_batch_keeps_the_bias_shape():
    rng = np.random.default_rng(4)
    X, W, b = rng.normal(size=(3, 5)), rng.normal(size=(2, 3)), rng.normal(size=(2, 1))
    Y = rng.random((2, 5))
    dW, db = helpers.sigmoid_layer_gradient(X, W, b, Y)
    assert dW.shape == (2, 3) and db.shape == (2, 1)
    numeric_dW, numeric_db = numerical_layer_gradient(X, W.copy(), b.copy(), Y)
    np.testing.assert_allclose(dW, numeric_dW, rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(db, numeric_db, rtol=1e-6, atol=1e-12)


def test_layer_gradient_descent_follows_the_update_rule(layer_problem):
    x, W, b, y = layer_problem
    run = helpers.layer_gradient_descent(x, W, b, y, step=0.5, epochs=3)
    W_now, b_now = W.copy(), b.copy()
    for epoch in range(3):
        dW, db = helpers.sigmoid_layer_gradient(x, W_now, b_now, y)
        W_now, b_now = W_now - 0.5 * dW, b_now - 0.5 * db
        assert run.losses[epoch + 1] == pytest.approx(
            helpers.mean_squared_error(y, helpers.sigmoid_layer(x, W_now, b_now)), rel=1e-12
        )
    np.testing.assert_allclose(run.W, W_now, rtol=1e-12)
    assert list(run.evaluations) == [1, 3, 5, 7] and run.losses[0] == run.initial_loss
    assert np.array_equal(W, layer_problem[1])  # not modified


def test_layer_gradient_descent_and_hot_and_cold_solve_the_same_problem(layer_problem):
    x, W, b, y = layer_problem
    descent = helpers.layer_gradient_descent(x, W, b, y, step=2.0, epochs=200)
    search = helpers.hot_and_cold(x, W, b, y, step=0.005, epochs=200, nudge="each")
    assert descent.initial_loss == pytest.approx(search.initial_loss, rel=1e-12)
    assert descent.losses[-1] < descent.initial_loss and search.losses[-1] < search.initial_loss


def test_hot_and_cold_two_layer_learns_without_touching_its_input():
    X, Y = helpers.make_xor(10)
    params = helpers.init_two_layer(2, 3, 1, seed=1)
    before = {name: value.copy() for name, value in params.items()}
    run = helpers.hot_and_cold_two_layer(params, X, Y, step=0.05, epochs=20)
    history = np.concatenate([[run.initial_loss], run.losses])
    assert np.all(np.diff(history) <= 0) and run.losses[-1] < run.initial_loss
    assert run.losses[-1] == pytest.approx(helpers.two_layer_loss(run.params, X, Y), rel=1e-12)
    assert all(np.array_equal(params[name], before[name]) for name in params)
    n_parameters = sum(value.size for value in params.values())
    assert run.evaluations[-1] == 1 + 2 * n_parameters * 20
    assert run.initial_loss == pytest.approx(helpers.two_layer_loss(params, X, Y), rel=1e-12)


def test_hot_and_cold_two_layer_together_moves_everything_alike():
    X, Y = helpers.make_xor(5)
    params = helpers.init_two_layer(2, 2, 1)
    run = helpers.hot_and_cold_two_layer(params, X, Y, step=0.01, epochs=5, nudge="together")
    moved = np.concatenate([(run.params[name] - params[name]).ravel() for name in params])
    assert np.allclose(moved, moved[0])
    assert run.evaluations[-1] == 1 + 2 * 5


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"step": 0.0, "epochs": 1}, ValueError, "step must be a finite number greater than 0"),
        ({"step": 0.1, "epochs": 0}, ValueError, "epochs must be at least 1"),
        ({"step": 0.1, "epochs": 1, "nudge": "all"}, ValueError, "nudge must be 'together' or 'each'"),
    ],
)
def test_hot_and_cold_two_layer_rejects_bad_settings(kwargs, error, match):
    X, Y = helpers.make_xor(2)
    with pytest.raises(error, match=match):
        helpers.hot_and_cold_two_layer(helpers.init_two_layer(2, 2, 1), X, Y, **kwargs)


def test_layer_gradient_refuses_the_seeds_broadcast(layer_problem):
    x, W, b, y = layer_problem
    with pytest.raises(ValueError, match=r"y must have the layer output's shape \(2, 1\)"):
        helpers.sigmoid_layer_gradient(x.reshape(3, 1), W, b, y)
    with pytest.raises(ValueError, match="step must be a finite number greater than 0"):
        helpers.layer_gradient_descent(x, W, b, y, step=-1.0, epochs=3)

"""Property-based tests: what must hold for every input, not just the examples we thought of."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

import helpers

finite = st.floats(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False)
probability = st.floats(min_value=0.0, max_value=1.0)
shapes = array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=6)


@st.composite
def pairs(draw, elements, target_elements=None):
    """Two arrays of one shape: targets ``y`` and predictions ``h``."""
    shape = draw(shapes)
    y = draw(arrays(np.float64, shape, elements=elements if target_elements is None else target_elements))
    h = draw(arrays(np.float64, shape, elements=elements))
    return y, h


@given(arrays(np.float64, shapes, elements=finite))
def test_sigmoid_lies_in_unit_interval_and_is_symmetric(z):
    s = helpers.sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(s + helpers.sigmoid(-z), 1.0, rtol=0, atol=1e-15)
    d = helpers.sigmoid_derivative(z)
    assert np.all((d >= 0) & (d <= 0.25))


@given(pairs(finite))
def test_squared_errors_are_non_negative_and_zero_at_the_target(pair):
    y, h = pair
    assert helpers.mean_squared_error(y, h) >= 0
    assert helpers.sum_squared_error(y, h) >= helpers.mean_squared_error(y, h) - 1e-9
    assert helpers.mean_squared_error(y, y) == 0
    assert helpers.sum_squared_error(y, y) == 0


@given(pairs(probability))
def test_cross_entropy_is_non_negative_and_finite(pair):
    y, h = pair
    loss = helpers.binary_cross_entropy(y, h)
    assert np.isfinite(loss) and loss >= 0


@given(arrays(np.float64, shapes, elements=st.sampled_from([0.0, 1.0])))
def test_cross_entropy_is_zero_at_binary_targets(y):
    assert helpers.binary_cross_entropy(y, y) == 0


@given(pairs(finite, target_elements=probability))
def test_cross_entropy_from_logits_is_non_negative_and_finite(pair):
    y, z = pair
    loss = helpers.binary_cross_entropy_from_logits(y, z)
    assert np.isfinite(loss) and loss >= 0


@st.composite
def networks(draw):
    """A small random network and batch: (params, X, Y)."""
    n_in, n_hidden, n_out, m = (draw(st.integers(1, 4)) for _ in range(4))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    params = helpers.init_two_layer(n_in, n_hidden, n_out, seed=seed)
    X = rng.normal(size=(n_in, m))
    Y = (rng.random((n_out, m)) > 0.5).astype(float)
    return params, X, Y


@settings(max_examples=60, deadline=None)
@given(networks())
def test_backward_agrees_with_numerical_gradient(network):
    params, X, Y = network
    assert helpers.gradient_check(params, X, Y) < 1e-7


@settings(max_examples=30, deadline=None)
@given(networks(), st.floats(min_value=1e-3, max_value=0.5))
def test_hot_and_cold_never_increases_the_loss(network, step):
    params, X, _ = network
    W, b = params["W1"], params["b1"]
    targets = helpers.sigmoid_layer(X, 0.5 * W + 0.1, b)
    for nudge in ("together", "each"):
        result = helpers.hot_and_cold(X, W, b, targets, step=step, epochs=5, nudge=nudge)
        history = np.concatenate([[result.initial_loss], result.losses])
        assert np.all(np.diff(history) <= 0)


@settings(max_examples=30, deadline=None)
@given(networks())
def test_gradient_descent_with_a_small_step_decreases_the_loss(network):
    params, X, Y = network
    losses = helpers.gradient_descent(params, X, Y, step=0.01, epochs=5)
    assert np.all(np.diff(losses) <= 1e-15)
    assert helpers.two_layer_loss(params, X, Y) <= losses[0]

"""draw_numbers_graph writes on each node the value and the gradient helpers.forward and helpers.backward compute."""

import numpy as np
import pytest

import helpers
from helpers import backprop_figures


@pytest.fixture
def small():
    rng = np.random.default_rng(7)
    shapes = {"W1": (2, 2), "b1": (2, 1), "W2": (1, 2), "b2": (1, 1)}
    return {name: rng.uniform(-1, 1, size=shape).round(1) for name, shape in shapes.items()}


def shown(text) -> float:
    """The number written after '=' in a figure label."""
    return float(text.get_text().split("=")[-1])


def test_numbers_are_forward_and_backward(small):
    x, y = np.array([1.0, 0.5]), 1.0
    numbers = backprop_figures.one_example_numbers(small, x, y)
    A2, cache = helpers.forward(small, x.reshape(2, 1))
    grads = helpers.backward(small, cache, [[y]])
    values, gradients = numbers["values"], numbers["grads"]
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(gradients[name], grads[name])
        assert gradients[name].shape == small[name].shape
    np.testing.assert_allclose(values["A1"], cache["A1"])
    np.testing.assert_allclose(values["L"], helpers.binary_cross_entropy(y, A2[0, 0]))
    # The chain rule's middle steps, on one example (N = 1).
    a2 = A2[0, 0]
    np.testing.assert_allclose(gradients["A2"][0, 0], -y / a2 + (1 - y) / (1 - a2))
    np.testing.assert_allclose(gradients["Z2"][0, 0], a2 - y)
    np.testing.assert_allclose(gradients["A1"][:, 0], small["W2"][0] * (a2 - y))


def test_every_label_shows_its_number(ax, small):
    x, y = np.array([1.0, 0.5]), 1.0
    artists = backprop_figures.draw_numbers_graph(ax, small, x, y)
    values, grads, texts = artists["numbers"]["values"], artists["numbers"]["grads"], artists["texts"]
    for i in range(2):
        for j in range(2):
            assert shown(texts[f"W1[{i}, {j}]"]) == pytest.approx(values["W1"][i, j], abs=5e-4)
            assert shown(texts[f"dW1[{i}, {j}]"]) == pytest.approx(grads["W1"][i, j], abs=5e-4)
            assert f"W_{{1,{i + 1}{j + 1}}}" in texts[f"W1[{i}, {j}]"].get_text()
        assert shown(texts[f"dW2[0, {i}]"]) == pytest.approx(grads["W2"][0, i], abs=5e-4)
        assert shown(texts[f"dZ1[{i}]"]) == pytest.approx(grads["Z1"][i, 0], abs=5e-4)
        assert shown(texts[f"A1[{i}]"]) == pytest.approx(values["A1"][i, 0], abs=5e-4)
        assert shown(texts[f"db1[{i}]"]) == pytest.approx(grads["b1"][i, 0], abs=5e-4)
    assert shown(texts["dZ2"]) == pytest.approx(values["A2"][0, 0] - y, abs=5e-4)
    assert shown(texts["dL"]) == 1.0
    assert shown(texts["L"]) == pytest.approx(float(values["L"]), abs=5e-4)


def test_numbers_graph_rejects_a_network_of_another_size(ax):
    params = helpers.init_two_layer(3, 2, 1)
    with pytest.raises(ValueError, match=r"params\['W1'\] must have shape \(2, 2\)"):
        backprop_figures.draw_numbers_graph(ax, params, [1.0, 0.5, 0.0], 1.0)
    params = helpers.init_two_layer(2, 2, 1)
    with pytest.raises(ValueError, match=r"x must be one example of 2 inputs"):
        backprop_figures.draw_numbers_graph(ax, params, [1.0, 0.5, 0.0], 1.0)


def test_no_label_shows_minus_zero(ax):
    params = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1)), "W2": np.zeros((1, 2)), "b2": np.zeros((1, 1))}
    texts = backprop_figures.draw_numbers_graph(ax, params, [0.0, -1e-9], 0.0)["texts"]
    assert not any("-0.000" in text.get_text() for text in texts.values())

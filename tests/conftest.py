"""Shared fixtures: the seed's example network, an Axes to draw on (Agg, no screen), notebook 05's problems."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

import helpers  # noqa: E402


@pytest.fixture
def ax():
    """A fresh matplotlib Axes, closed after the test."""
    figure, axes = plt.subplots()
    yield axes
    plt.close(figure)


@pytest.fixture
def seed_example():
    """The seed notebook's inputs, weights, biases and targets."""
    return {
        "inp": np.array([1, 2, 3]),
        "weight": np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]),
        "bias": np.array([1, 2]),
        "original_out": [0.95, 1.23],
        "step": 0.005,
        "epochs": 100,
    }


@pytest.fixture
def unit_problem():
    """One sigmoid unit, one input, one output: x and y (1, m), W (1, 1), b (1,)."""
    x = np.linspace(-2.0, 2.0, 5).reshape(1, -1)
    y = np.array([[0.1, 0.2, 0.5, 0.8, 0.9]])
    return x, y, np.array([[0.0]]), np.array([-1.0])


@pytest.fixture(scope="module")
def xor_problem():
    """Notebook 05's small XOR problem: X, Y and a seeded 2-3-1 network."""
    X, Y = helpers.make_xor(n_per_corner=5)
    return X, Y, helpers.init_two_layer(2, 3, 1, seed=0)

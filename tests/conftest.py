"""Shared fixtures: the seed's example network, and an Axes to draw on (Agg, no screen)."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402


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

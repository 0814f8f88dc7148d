"""Shared fixtures: the seed's example network."""

import numpy as np
import pytest


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

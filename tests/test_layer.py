"""sigmoid_layer: agrees with the seed's loop, handles batches, checks shapes."""

import numpy as np
import pytest

from helpers import seed, sigmoid_layer


def test_single_example_matches_the_seeds_nn(seed_example):
    e = seed_example
    a = sigmoid_layer(e["inp"], e["weight"], e["bias"])
    assert a.shape == (2,)
    np.testing.assert_allclose(a, seed.nn(e["inp"], e["weight"], e["bias"]).ravel(), rtol=0, atol=1e-15)


def test_batch_is_one_example_per_column():
    rng = np.random.default_rng(0)
    W, b, X = rng.normal(size=(4, 3)), rng.normal(size=(4, 1)), rng.normal(size=(3, 5))
    A = sigmoid_layer(X, W, b)
    assert A.shape == (4, 5)
    for j in range(5):
        np.testing.assert_allclose(A[:, j], sigmoid_layer(X[:, j], W, b.ravel()), rtol=1e-15)


@pytest.mark.parametrize(
    "x, W, b, match",
    [
        ([1.0, 2.0], [[0.1, 0.2, 0.3]], [1.0], r"x must have shape \(3,\) or \(3, m\).*got shape \(2,\)"),
        ([1.0, 2.0, 3.0], [0.1, 0.2, 0.3], [1.0], r"W must be 2-D .*got shape \(3,\)"),
        ([1.0, 2.0, 3.0], [[0.1, 0.2, 0.3]], [1.0, 2.0], r"b must have shape \(1,\) or \(1, 1\).*got shape \(2,\)"),
        (np.ones((3, 2, 1)), [[0.1, 0.2, 0.3]], [1.0], r"x must have shape"),
    ],
)
def test_shape_errors_name_the_argument(x, W, b, match):
    with pytest.raises(ValueError, match=match):
        sigmoid_layer(x, W, b)

r"""A two-layer sigmoid network and its backward pass.

Shapes, for ``n_in`` inputs, ``n_hidden`` hidden units, ``n_out`` outputs and
a batch of ``m`` examples (one per column)::

    X  (n_in, m)
    W1 (n_hidden, n_in)   b1 (n_hidden, 1)   Z1 = W1 @ X  + b1   A1 = sigmoid(Z1)
    W2 (n_out, n_hidden)  b2 (n_out, 1)      Z2 = W2 @ A1 + b2   A2 = sigmoid(Z2)
    Y  (n_out, m)

The loss is the mean binary cross-entropy over all ``n_out * m`` entries,
:math:`L = -\frac{1}{n_{out} m}\sum[Y\ln A_2 + (1-Y)\ln(1-A_2)]`.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_in_unit_interval, check_positive_int
from .activations import _sigmoid_of_checked
from .losses import _cross_entropy_from_logits

PARAMETER_NAMES = ("W1", "b1", "W2", "b2")


def init_two_layer(n_in, n_hidden, n_out, seed=0):
    """Random initial parameters for a ``n_in - n_hidden - n_out`` sigmoid network.

    Weights are drawn from a normal distribution with standard deviation
    ``1 / sqrt(fan_in)`` (so that ``Z`` starts of order 1 whatever the layer
    width), biases start at zero.

    Parameters
    ----------
    n_in, n_hidden, n_out : int
        Layer sizes, each >= 1.
    seed : int
        Seed for ``numpy.random.default_rng``; the same seed gives the same
        parameters.

    Returns
    -------
    dict of numpy.ndarray
        ``W1 (n_hidden, n_in)``, ``b1 (n_hidden, 1)``, ``W2 (n_out, n_hidden)``,
        ``b2 (n_out, 1)``.
    """
    n_in = check_positive_int(n_in, "n_in")
    n_hidden = check_positive_int(n_hidden, "n_hidden")
    n_out = check_positive_int(n_out, "n_out")
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_hidden, n_in)),
        "b1": np.zeros((n_hidden, 1)),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(n_hidden), size=(n_out, n_hidden)),
        "b2": np.zeros((n_out, 1)),
    }


def check_params(params) -> dict:
    """Validate a parameter dict; return its arrays as float64.

    Raises ``TypeError`` if ``params`` is not a dict, ``ValueError`` if a key
    is missing or the shapes do not chain ``W1 (h, n) -> b1 (h, 1) ->
    W2 (o, h) -> b2 (o, 1)``.
    """
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict with keys {PARAMETER_NAMES}; got {type(params).__name__}")
    missing = [name for name in PARAMETER_NAMES if name not in params]
    if missing:
        raise ValueError(f"params is missing {missing}; expected keys {PARAMETER_NAMES}")
    checked = {name: as_float_array(params[name], f"params['{name}']") for name in PARAMETER_NAMES}
    W1, W2 = checked["W1"], checked["W2"]
    if W1.ndim != 2 or W2.ndim != 2:
        raise ValueError(
            f"params['W1'] and params['W2'] must be 2-D (n_out, n_in); got shapes {W1.shape} and {W2.shape}"
        )
    n_hidden, n_out = W1.shape[0], W2.shape[0]
    expected = {"b1": (n_hidden, 1), "W2": (n_out, n_hidden), "b2": (n_out, 1)}
    for name, shape in expected.items():
        if checked[name].shape != shape:
            raise ValueError(
                f"params['{name}'] must have shape {shape} to fit W1 {W1.shape} and W2 rows {n_out}; "
                f"got shape {checked[name].shape}"
            )
    return checked


def check_inputs(X, params: dict) -> np.ndarray:
    """Return ``X`` as a float array of shape ``(n_in, m)`` matching ``params['W1']``."""
    X = as_float_array(X, "X")
    n_in = params["W1"].shape[1]
    if X.ndim != 2 or X.shape[0] != n_in:
        raise ValueError(
            f"X must have shape ({n_in}, m), one example per column, to match W1 {params['W1'].shape}; "
            f"got shape {X.shape}"
        )
    return X


def check_targets(Y, params: dict, m: int) -> np.ndarray:
    """Return ``Y`` as a float array of shape ``(n_out, m)`` with entries in ``[0, 1]``."""
    Y = as_float_array(Y, "Y")
    expected = (params["W2"].shape[0], m)
    if Y.shape != expected:
        raise ValueError(
            f"Y must have shape {expected}, one column per example of X; got shape {Y.shape}"
        )
    check_in_unit_interval(Y, "Y")
    return Y


def check_problem(params, X, Y):
    """Validate a network and its data together; return ``(params, X, Y)`` as float arrays.

    ``params`` as for ``check_params``, ``X`` of shape ``(n_in, m)``, ``Y`` of
    shape ``(n_out, m)`` with entries in ``[0, 1]``.
    """
    params = check_params(params)
    X = check_inputs(X, params)
    return params, X, check_targets(Y, params, X.shape[1])


def forward(params, X):
    """Run the network forward on a batch.

    Parameters
    ----------
    params : dict
        ``W1 (n_hidden, n_in)``, ``b1 (n_hidden, 1)``, ``W2 (n_out, n_hidden)``,
        ``b2 (n_out, 1)``.
    X : array_like, shape (n_in, m)
        Inputs, one example per column.

    Returns
    -------
    A2 : numpy.ndarray, shape (n_out, m)
        The output probabilities.
    cache : dict
        ``X``, ``Z1``, ``A1`` (``(n_hidden, m)``), ``Z2``, ``A2`` (``(n_out, m)``):
        what ``backward`` needs.
    """
    params = check_params(params)
    X = check_inputs(X, params)
    return _forward(params, X)


def _forward(params: dict, X: np.ndarray):
    Z1 = params["W1"] @ X + params["b1"]
    A1 = _sigmoid_of_checked(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = _sigmoid_of_checked(Z2)
    return A2, {"X": X, "Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def two_layer_loss(params, X, Y) -> float:
    """Mean binary cross-entropy of the network on ``(X, Y)``, computed from ``Z2``.

    Parameters
    ----------
    params : dict
        As for ``forward``.
    X : array_like, shape (n_in, m)
    Y : array_like, shape (n_out, m), entries in [0, 1]

    Returns
    -------
    float
    """
    return _two_layer_loss(*check_problem(params, X, Y))


def _two_layer_loss(params: dict, X: np.ndarray, Y: np.ndarray) -> float:
    """``two_layer_loss`` for a problem already checked: one forward pass, the loss from ``Z2``."""
    _, cache = _forward(params, X)
    return _cross_entropy_from_logits(Y, cache["Z2"])


def backward(params, cache, Y):
    r"""Gradients of the mean binary cross-entropy by the chain rule.

    With :math:`N = n_{out} m` entries averaged::

        dZ2 = (A2 - Y) / N                      (n_out, m)
        dW2 = dZ2 @ A1.T                         (n_out, n_hidden)
        db2 = dZ2.sum(axis=1, keepdims=True)     (n_out, 1)
        dA1 = W2.T @ dZ2                         (n_hidden, m)
        dZ1 = dA1 * A1 * (1 - A1)                (n_hidden, m)
        dW1 = dZ1 @ X.T                          (n_hidden, n_in)
        db1 = dZ1.sum(axis=1, keepdims=True)     (n_hidden, 1)

    Parameters
    ----------
    params : dict
        As for ``forward``.
    cache : dict
        The second value returned by ``forward(params, X)``.
    Y : array_like, shape (n_out, m)
        Targets in ``[0, 1]``.

    Returns
    -------
    dict of numpy.ndarray
        Keyed like ``params``: ``grads["W1"]`` is ``dW1``, same shape as ``W1``, and so on.
    """
    params = check_params(params)
    if not isinstance(cache, dict) or not {"X", "A1", "A2"} <= cache.keys():
        raise TypeError("cache must be the dict returned by forward(params, X)")
    X, A1, A2 = cache["X"], cache["A1"], cache["A2"]
    Y = check_targets(Y, params, X.shape[1])
    if A2.shape != Y.shape or A1.shape[0] != params["W1"].shape[0]:
        raise ValueError(
            f"cache does not belong to these params: A1 {A1.shape}, A2 {A2.shape} against "
            f"W1 {params['W1'].shape}, Y {Y.shape}"
        )
    return _backward(params, cache, Y)


def _backward(params: dict, cache: dict, Y: np.ndarray) -> dict:
    X, A1, A2 = cache["X"], cache["A1"], cache["A2"]
    dZ2 = (A2 - Y) / Y.size
    dW2 = dZ2 @ A1.T
    db2 = dZ2.sum(axis=1, keepdims=True)
    dA1 = params["W2"].T @ dZ2
    dZ1 = dA1 * A1 * (1.0 - A1)
    dW1 = dZ1 @ X.T
    db1 = dZ1.sum(axis=1, keepdims=True)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def predict(params, X):
    """Class predictions ``A2 >= 0.5`` as an int array of shape ``(n_out, m)``."""
    A2, _ = forward(params, X)
    return (A2 >= 0.5).astype(int)

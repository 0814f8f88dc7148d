r"""A two-layer sigmoid network and its backward pass.

Shapes, for ``n_in`` inputs, ``n_hidden`` hidden units, ``n_out`` outputs and
a batch of ``m`` examples (one per column)::

    X  (n_in, m)
    W1 (n_hidden, n_in)   b1 (n_hidden, 1)   Z1 = W1 @ X  + b1   A1 = sigmoid(Z1)
    W2 (n_out, n_hidden)  b2 (n_out, 1)      Z2 = W2 @ A1 + b2   A2 = sigmoid(Z2)
    Y  (n_out, m)

The loss is the mean binary cross-entropy over all ``n_out * m`` entries,
:math:`L = -\frac{1}{n_{out} m}\sum[Y\ln A_2 + (1-Y)\ln(1-A_2)]`.

Finite parameters or inputs so large that ``Z1``, ``Z2`` or a gradient
overflows float64 raise ``MagnitudeError`` (a ``ValueError``).
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_allocation, check_in_unit_interval, check_positive_int, check_seed
from .activations import _sigmoid_of_checked
from .layer import check_no_overflow
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
    seed : int >= 0 or numpy.random.Generator
        Seed for ``numpy.random.default_rng``; the same seed gives the same
        parameters.  A Generator is drawn from (and advanced).

    Returns
    -------
    dict of numpy.ndarray
        ``W1 (n_hidden, n_in)``, ``b1 (n_hidden, 1)``, ``W2 (n_out, n_hidden)``,
        ``b2 (n_out, 1)``.
    """
    n_in = check_positive_int(n_in, "n_in")
    n_hidden = check_positive_int(n_hidden, "n_hidden")
    n_out = check_positive_int(n_out, "n_out")
    check_allocation(n_hidden * (n_in + 1) + n_out * (n_hidden + 1), "a network", "n_in, n_hidden and n_out")
    rng = check_seed(seed)
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
        raise ValueError(f"Y must have shape {expected}, one column per example of X; got shape {Y.shape}")
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
    return _forward_checked(params, X)


def _forward_checked(params: dict, X: np.ndarray):
    """``_forward``, raising ``MagnitudeError`` if ``Z1`` or ``Z2`` overflows float64."""
    with np.errstate(over="ignore", invalid="ignore"):
        A2, cache = _forward(params, X)
    check_no_overflow(cache["Z1"], "Z1 = W1 @ X + b1", "params['W1'], params['b1'] or X")
    check_no_overflow(cache["Z2"], "Z2 = W2 @ A1 + b2", "params['W2'] or params['b2']")
    return A2, cache


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
    params, X, Y = check_problem(params, X, Y)
    _, cache = _forward_checked(params, X)
    return _cross_entropy_from_logits(Y, cache["Z2"])


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
        The second value returned by ``forward(params, X)``: ``X (n_in, m)``,
        ``A1 (n_hidden, m)``, ``A2 (n_out, m)`` are used, and checked against
        ``params`` and ``Y`` (shapes, finite values, ``A1``, ``A2`` in [0, 1]).
    Y : array_like, shape (n_out, m)
        Targets in ``[0, 1]``.

    Returns
    -------
    dict of numpy.ndarray
        Keyed like ``params``: ``grads["W1"]`` is ``dW1``, same shape as ``W1``, and so on.
    """
    params = check_params(params)
    cache = check_cache(cache, params)
    Y = check_targets(Y, params, cache["X"].shape[1])
    with np.errstate(over="ignore", invalid="ignore"):
        grads = _backward(params, cache, Y)
    for name, grad in grads.items():
        check_no_overflow(grad, f"the gradient of {name}", "params or cache")
    return grads


def check_cache(cache, params: dict) -> dict:
    """Return ``cache['X']``, ``cache['A1']``, ``cache['A2']`` as float arrays that fit ``params``.

    ``X`` must be ``(n_in, m)`` with ``n_in`` the columns of ``W1``; ``A1``
    ``(n_hidden, m)`` and ``A2`` ``(n_out, m)``, the layer sizes of ``params``,
    with entries in ``[0, 1]`` (sigmoid outputs).  Every message names ``cache``.
    """
    hint = "cache must be the second value returned by forward(params, X)"
    if not isinstance(cache, dict):
        raise TypeError(f"{hint}, a dict; got {type(cache).__name__}")
    missing = [key for key in ("X", "A1", "A2") if key not in cache]
    if missing:
        raise ValueError(f"cache is missing {missing}; {hint}")
    checked = {key: as_float_array(cache[key], f"cache['{key}']") for key in ("X", "A1", "A2")}
    X = checked["X"]
    n_hidden, n_in = params["W1"].shape
    n_out = params["W2"].shape[0]
    if X.ndim != 2 or X.shape[0] != n_in:
        raise ValueError(
            f"cache['X'] must have shape ({n_in}, m) to match params['W1'] {params['W1'].shape}; "
            f"got shape {X.shape}; {hint}"
        )
    m = X.shape[1]
    for key, rows in (("A1", n_hidden), ("A2", n_out)):
        if checked[key].shape != (rows, m):
            raise ValueError(
                f"cache['{key}'] must have shape {(rows, m)} for params['W1'] {params['W1'].shape}, "
                f"params['W2'] {params['W2'].shape} and m = {m} examples in cache['X']; "
                f"got shape {checked[key].shape}; {hint}"
            )
        check_in_unit_interval(checked[key], f"cache['{key}'] (a sigmoid output)")
    return checked


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

"""One fully connected sigmoid layer, vectorized: ``a = sigmoid(W @ x + b)``.

Finite inputs so large that ``W @ x + b`` (or a gradient) overflows float64,
e.g. weights of 1e308, raise ``MagnitudeError`` (a ``ValueError``) naming
``x``, ``W`` and ``b``, instead of returning values computed from ``inf - inf``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import MagnitudeError, as_float_array
from .activations import _sigmoid_of_checked


@dataclass(frozen=True)
class LayerRun:
    """The record of a run that trained one layer (by hot and cold, or by gradient descent).

    Attributes
    ----------
    losses : numpy.ndarray, shape (epochs + 1,)
        ``losses[t]``: the loss after ``t`` epochs; ``losses[0]`` is the
        loss before any update (the course's one convention for histories).
    W : numpy.ndarray, shape (n_out, n_in)
        Final weights.
    b : numpy.ndarray, same shape as the ``b`` passed in
        Final biases.
    initial_loss : float
        The loss before the first epoch, ``losses[0]``.
    evaluations : numpy.ndarray of int, shape (epochs + 1,)
        The work done by the end of each epoch, counting the initial loss
        evaluation (``evaluations[0] == 1``): loss evaluations (forward passes) for hot and cold;
        forward plus backward passes for gradient descent (a backward pass
        costs about as much as a forward one).
    """

    losses: np.ndarray
    W: np.ndarray
    b: np.ndarray
    initial_loss: float
    evaluations: np.ndarray


def check_layer_arguments(x, W, b, x_name: str = "x"):
    """Validate a layer's input, weights and bias; return them as float arrays.

    Parameters
    ----------
    x : array_like, shape (n_in,) or (n_in, m)
        One example, or a batch of ``m`` examples, one per column.
    W : array_like, shape (n_out, n_in)
        Weights; row ``i`` feeds output ``i``, as in the seed.
    b : array_like, shape (n_out,) or (n_out, 1)
        Biases, one per output.

    Returns
    -------
    x : numpy.ndarray, shape as given
    W : numpy.ndarray, shape (n_out, n_in)
    b : numpy.ndarray, shape (n_out,) if ``x`` is 1-D, else (n_out, 1)
    """
    x = as_float_array(x, x_name)
    W = as_float_array(W, "W")
    b = as_float_array(b, "b")
    if W.ndim != 2:
        raise ValueError(f"W must be 2-D with shape (n_out, n_in); got shape {W.shape}")
    n_out, n_in = W.shape
    if x.ndim not in (1, 2) or x.shape[0] != n_in:
        raise ValueError(
            f"{x_name} must have shape ({n_in},) or ({n_in}, m) to match W of shape {W.shape}; got shape {x.shape}"
        )
    if b.shape not in ((n_out,), (n_out, 1)):
        raise ValueError(
            f"b must have shape ({n_out},) or ({n_out}, 1), one bias per row of W {W.shape}; got shape {b.shape}"
        )
    b = b.reshape(n_out) if x.ndim == 1 else b.reshape(n_out, 1)
    return x, W, b


def sigmoid_layer(x, W, b):
    """Apply one sigmoid layer to one example or a batch.

    Parameters
    ----------
    x : array_like, shape (n_in,) or (n_in, m)
        Inputs; a batch holds one example per column.
    W : array_like, shape (n_out, n_in)
        Weights.
    b : array_like, shape (n_out,) or (n_out, 1)
        Biases.

    Returns
    -------
    a : numpy.ndarray, shape (n_out,) or (n_out, m)
        ``sigmoid(W @ x + b)``: one output per row of ``W``, one column per example.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite numeric array of the right shape.
    MagnitudeError
        If ``W @ x + b`` overflows float64 (e.g. weights of 1e308).

    Examples
    --------
    The seed's network:

    >>> W = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]
    >>> sigmoid_layer([1, 2, 3], W, [1, 2]).round(7)
    array([0.9168273, 0.9945137])
    """
    x, W, b = check_layer_arguments(x, W, b)
    return _sigmoid_of_checked(pre_activation(x, W, b))


def pre_activation(x: np.ndarray, W: np.ndarray, b: np.ndarray, names: str = "x, W or b") -> np.ndarray:
    """``W @ x + b`` for checked arrays, raising ``MagnitudeError`` if it overflows float64."""
    with np.errstate(over="ignore", invalid="ignore"):
        z = W @ x + b
    check_no_overflow(z, "W @ x + b", names)
    return z


def check_no_overflow(result: np.ndarray, what: str, names: str) -> None:
    """Raise ``MagnitudeError`` unless every entry of ``result`` (computed from finite ``names``) is finite."""
    if not np.all(np.isfinite(result)):
        raise MagnitudeError(
            f"{what} overflows float64 (got {result[~np.isfinite(result)][0]}): the entries of {names} "
            f"are too large in magnitude (largest finite float64: {np.finfo(np.float64).max:.3g})"
        )


def check_layer_targets(y, x: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Return ``y`` as a float array with the layer output's shape, ``(n_out,)`` or ``(n_out, m)``.

    This is where the seed's ``(2, 1)`` prediction against a ``(2,)`` target is caught.
    """
    y = as_float_array(y, "y")
    expected = (W.shape[0],) + x.shape[1:]
    if y.shape != expected:
        raise ValueError(
            f"y must have the layer output's shape {expected} (one row per output, "
            f"one column per example); got shape {y.shape}"
        )
    return y


def sigmoid_layer_gradient(x, W, b, y):
    r"""Gradients of ``mean_squared_error(y, sigmoid_layer(x, W, b))`` with respect to ``W`` and ``b``.

    With :math:`a = \sigma(z)`, :math:`z = Wx + b` and :math:`N` entries in ``y``::

        dA = 2 (a - y) / N          (n_out,) or (n_out, m)
        dZ = dA * a * (1 - a)
        dW = dZ @ x.T               (n_out, n_in)
        db = dZ summed over examples, shaped like b

    Parameters
    ----------
    x : array_like, shape (n_in,) or (n_in, m)
    W : array_like, shape (n_out, n_in)
    b : array_like, shape (n_out,) or (n_out, 1)
    y : array_like, the layer output's shape

    Returns
    -------
    dW : numpy.ndarray, shape (n_out, n_in)
    db : numpy.ndarray, the shape of ``b``

    Raises
    ------
    MagnitudeError
        If ``W @ x + b`` or a gradient overflows float64.
    """
    x, W, b_checked = check_layer_arguments(x, W, b)
    b_shape = np.shape(b)  # safe now that b is known to be a clean array
    y = check_layer_targets(y, x, W)
    a = _sigmoid_of_checked(pre_activation(x, W, b_checked))
    with np.errstate(over="ignore", invalid="ignore"):
        dW, db = _mean_squared_error_gradient(x, a, y)
    check_no_overflow(dW, "the gradient dW", "x and y")
    check_no_overflow(db, "the gradient db", "y")
    return dW, db.reshape(b_shape)


def _mean_squared_error_gradient(x: np.ndarray, a: np.ndarray, y: np.ndarray):
    """``(dW, db)`` of the mean squared error of a sigmoid layer whose output for ``x`` is ``a``."""
    dZ = 2.0 * (a - y) / y.size * a * (1.0 - a)
    if x.ndim == 1:
        return np.outer(dZ, x), dZ
    return dZ @ x.T, dZ.sum(axis=1)

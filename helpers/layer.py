"""One fully connected sigmoid layer, vectorized: ``a = sigmoid(W @ x + b)``."""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array
from .activations import _sigmoid_of_checked


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
            f"{x_name} must have shape ({n_in},) or ({n_in}, m) to match W of shape {W.shape}; "
            f"got shape {x.shape}"
        )
    if b.shape not in ((n_out,), (n_out, 1)):
        raise ValueError(
            f"b must have shape ({n_out},) or ({n_out}, 1), one bias per row of W {W.shape}; "
            f"got shape {b.shape}"
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

    Examples
    --------
    The seed's network:

    >>> W = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]
    >>> sigmoid_layer([1, 2, 3], W, [1, 2]).round(7)
    array([0.9168273, 0.9945137])
    """
    x, W, b = check_layer_arguments(x, W, b)
    return _sigmoid_of_checked(W @ x + b)

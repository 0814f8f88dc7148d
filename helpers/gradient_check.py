"""Finite-difference gradients: the slow, obviously-correct check on ``backward``."""

from __future__ import annotations

import numpy as np

from ._validation import check_positive_number
from .two_layer import _backward, _forward, _two_layer_loss, check_problem

#: Default step of the central differences: small enough that the
#: truncation error (of order ``eps**2``) is tiny, large enough that rounding
#: (of order ``1e-16 / eps``) is too.
DEFAULT_EPS = 1e-5


def numerical_gradient(params, X, Y, *, eps=DEFAULT_EPS):
    r"""Gradients of the mean cross-entropy by central differences.

    For every parameter :math:`\theta_i`,
    :math:`\partial L/\partial\theta_i \approx [L(\theta_i + \varepsilon) - L(\theta_i - \varepsilon)] / 2\varepsilon`:
    two forward passes per parameter, ``2 P`` in all.

    Parameters
    ----------
    params : dict
        ``W1 (n_hidden, n_in)``, ``b1 (n_hidden, 1)``, ``W2 (n_out, n_hidden)``,
        ``b2 (n_out, 1)``; not modified.
    X : array_like, shape (n_in, m)
    Y : array_like, shape (n_out, m), entries in [0, 1]
    eps : float
        The finite-difference step :math:`\varepsilon`, > 0.

    Returns
    -------
    dict of numpy.ndarray
        Keyed and shaped like ``params``.
    """
    params, X, Y = check_problem(params, X, Y)
    eps = check_positive_number(eps, "eps")
    shifted = {name: value.copy() for name, value in params.items()}

    grads = {}
    for name, value in shifted.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + eps
            loss_up = _two_layer_loss(shifted, X, Y)
            value[index] = original - eps
            loss_down = _two_layer_loss(shifted, X, Y)
            value[index] = original
            grad[index] = (loss_up - loss_down) / (2.0 * eps)
        grads[name] = grad
    return grads


def relative_error(a, b) -> float:
    """``||a - b|| / (||a|| + ||b||)`` over dicts of arrays with the same keys; 0 if both are 0.

    Raises ``TypeError`` unless both are dicts, ``ValueError`` if their keys or shapes differ.
    """
    if not (isinstance(a, dict) and isinstance(b, dict)):
        raise TypeError(f"a and b must be dicts of gradients; got {type(a).__name__} and {type(b).__name__}")
    if a.keys() != b.keys():
        raise ValueError(f"a and b must have the same keys; got {sorted(a)} and {sorted(b)}")
    for name in a:
        if np.shape(a[name]) != np.shape(b[name]):
            raise ValueError(f"a['{name}'] has shape {np.shape(a[name])} but b['{name}'] has {np.shape(b[name])}")
    diff = np.sqrt(sum(np.sum((a[name] - b[name]) ** 2) for name in a))
    size = np.sqrt(sum(np.sum(a[name] ** 2) for name in a)) + np.sqrt(sum(np.sum(b[name] ** 2) for name in b))
    return float(diff / size) if size > 0 else 0.0


def gradient_check(params, X, Y, *, eps=DEFAULT_EPS) -> float:
    """Compare ``backward`` with ``numerical_gradient``.

    Parameters
    ----------
    params, X, Y
        As for ``numerical_gradient``.
    eps : float
        The finite-difference step :math:`\varepsilon`.

    Returns
    -------
    float
        The relative error ``||g_backprop - g_numeric|| / (||g_backprop|| + ||g_numeric||)``
        over all parameters together.  Around ``1e-10`` means the two agree;
        above ``1e-6`` means a bug in one of them.
    """
    params, X, Y = check_problem(params, X, Y)
    _, cache = _forward(params, X)
    analytic = _backward(params, cache, Y)
    numeric = numerical_gradient(params, X, Y, eps=eps)
    return relative_error(analytic, numeric)

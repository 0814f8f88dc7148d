"""Finite-difference gradients: the slow, obviously-correct check on ``backward``."""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_positive_number
from .layer import check_no_overflow
from .two_layer import _backward, _forward_checked, _two_layer_loss, check_problem

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
        Keyed and shaped like ``params``; every entry finite.

    Raises
    ------
    MagnitudeError
        If a shifted loss or a difference is not finite (``eps`` or the
        parameters too large in magnitude): never a NaN gradient.
    """
    params, X, Y = check_problem(params, X, Y)
    eps = check_positive_number(eps, "eps")
    _forward_checked(params, X)  # a MagnitudeError here names the parameters, not eps
    with np.errstate(over="ignore", invalid="ignore"):
        grads = _central_differences(params, X, Y, eps)
    for name, grad in grads.items():
        check_no_overflow(grad, f"the numerical gradient of {name}", f"params or eps = {eps:g}")
    return grads


def _central_differences(params: dict, X: np.ndarray, Y: np.ndarray, eps: float) -> dict:
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

    Computed with the arrays scaled by their largest entry, so that no
    square overflows: gradients of 1e200 compare as well as gradients of 1.

    Raises ``TypeError`` unless both are dicts of real numbers, ``ValueError`` if
    their keys or shapes differ or an entry is NaN or infinite (a check that
    NaN passed would be worse than no check).
    """
    if not (isinstance(a, dict) and isinstance(b, dict)):
        raise TypeError(f"a and b must be dicts of gradients; got {type(a).__name__} and {type(b).__name__}")
    if a.keys() != b.keys():
        raise ValueError(f"a and b must have the same keys; got {sorted(a)} and {sorted(b)}")
    if not a:
        raise ValueError("a and b must hold at least one gradient; got two empty dicts")
    a = {name: as_float_array(value, f"a['{name}']") for name, value in a.items()}
    b = {name: as_float_array(value, f"b['{name}']") for name, value in b.items()}
    for name in a:
        if a[name].shape != b[name].shape:
            raise ValueError(f"a['{name}'] has shape {a[name].shape} but b['{name}'] has {b[name].shape}")
    flat_a = np.concatenate([a[name].ravel() for name in a])
    flat_b = np.concatenate([b[name].ravel() for name in a])
    scale = max(float(np.max(np.abs(flat_a))), float(np.max(np.abs(flat_b))))
    if scale == 0.0:
        return 0.0
    flat_a, flat_b = flat_a / scale, flat_b / scale  # entries in [-1, 1]: nothing below overflows
    return float(np.linalg.norm(flat_a - flat_b) / (np.linalg.norm(flat_a) + np.linalg.norm(flat_b)))


def gradient_check(params, X, Y, *, eps=DEFAULT_EPS) -> float:
    r"""Compare ``backward`` with ``numerical_gradient``.

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
        above ``1e-6`` means a bug in one of them.  Never NaN, and never a
        small number computed from NaN or infinite gradients: those raise.

    Raises
    ------
    MagnitudeError
        If the loss or a gradient overflows float64.
    """
    params, X, Y = check_problem(params, X, Y)
    _, cache = _forward_checked(params, X)
    with np.errstate(over="ignore", invalid="ignore"):
        analytic = _backward(params, cache, Y)
    for name, grad in analytic.items():
        check_no_overflow(grad, f"the gradient of {name}", "params")
    numeric = numerical_gradient(params, X, Y, eps=eps)
    return relative_error(analytic, numeric)

"""Losses that compare targets ``y`` with predictions ``h`` entry by entry.

Every loss here takes ``y`` and ``h`` of the *same* shape (a scalar, a vector
of outputs, or an ``(n_out, m)`` batch with one example per column) and
averages over all ``N`` of their entries (``N = n_out * m``), as the seed's
formulas do with ``1/m`` for one output: then ``N = m`` and the loss is the
mean over examples.  Mismatched shapes raise ``ValueError`` instead of being
broadcast.

Finite inputs past the usual range (a prediction of 1e200, a logit of 1e308)
give the right answer, which for a squared error can be ``inf`` (the true
value exceeds the float64 range), with no ``RuntimeWarning``; a loss never
returns NaN.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_in_unit_interval, check_same_shape, finite_mean

#: How far ``binary_cross_entropy`` keeps a probability from 0 and 1 inside its
#: logarithms (the notebooks' :math:`c`): it takes ``ln(max(h, c))`` and
#: ``log1p(-min(h, 1 - c))``, so a confident wrong answer costs at most
#: ``-ln(1e-12) ≈ 27.6`` per entry instead of infinity.  The clip changes only
#: a term whose ``h`` is within ``c`` of 0 or 1; such a term is multiplied by 0
#: when the target agrees (``y = 1, h = 1`` costs exactly 0).  Use ``binary_cross_entropy_from_logits``
#: when the pre-activation ``z`` is at hand: it needs no clipping.
PROBABILITY_CLIP = 1e-12


def _targets_and_predictions(y, h, h_name: str = "h"):
    y = as_float_array(y, "y")
    h = as_float_array(h, h_name)
    check_same_shape(y, h, "y", h_name)
    return y, h


def sum_squared_error(y, h) -> float:
    """Sum of squared differences, ``sum((y - h)**2)``: the seed's ``cost_func``.

    Parameters
    ----------
    y, h : array_like, same shape
        Targets and predictions.

    Returns
    -------
    float
        Non-negative; zero exactly when ``h == y``.  ``inf`` (without a
        warning) when the true sum exceeds the float64 range, e.g. ``h = 1e200``.
    """
    y, h = _targets_and_predictions(y, h)
    return _sum_squared_error(y, h)


def _sum_squared_error(y: np.ndarray, h: np.ndarray) -> float:
    with np.errstate(over="ignore"):
        total = float(np.sum((y - h) ** 2))
    if np.isinf(total):
        return _scaled(y, h, np.sum)
    return total


def _scaled(y: np.ndarray, h: np.ndarray, reduce) -> float:
    """``reduce((y - h)**2)`` for finite ``y``, ``h`` whose direct computation overflowed.

    Scaling by the largest magnitude keeps every intermediate finite; the
    final product is ``inf`` only if the true result exceeds float64.
    """
    scale = max(float(np.max(np.abs(y))), float(np.max(np.abs(h))))
    difference = y / scale - h / scale
    with np.errstate(over="ignore"):
        return float(reduce(difference**2) * scale * scale)


def mean_squared_error(y, h) -> float:
    r"""Mean squared error, :math:`\frac{1}{N}\sum (y - h)^2` over all ``N`` entries.

    Parameters
    ----------
    y, h : array_like, same shape
        Targets and predictions, e.g. ``(n_out,)`` or ``(n_out, m)``.

    Returns
    -------
    float
        Non-negative; zero exactly when ``h == y``.  ``inf`` (without a
        warning) when the true mean exceeds the float64 range, e.g. ``h = 1e200``.
    """
    y, h = _targets_and_predictions(y, h)
    return _mean_squared_error(y, h)


def _mean_squared_error(y: np.ndarray, h: np.ndarray) -> float:
    with np.errstate(over="ignore"):
        mean = float(np.mean((y - h) ** 2))
    if np.isinf(mean):
        return _scaled(y, h, np.mean)
    return mean


def binary_cross_entropy(y, h) -> float:
    r"""Mean binary cross-entropy, :math:`-\frac{1}{m}\sum [y\ln h + (1-y)\ln(1-h)]`.

    Parameters
    ----------
    y : array_like
        Targets in ``[0, 1]`` (usually 0 or 1).
    h : array_like, same shape as ``y``
        Predicted probabilities in ``[0, 1]``, e.g. a sigmoid's output.

    Returns
    -------
    float
        Finite even at ``h = 0`` or ``h = 1``: inside the logarithms ``h`` is
        kept in ``[PROBABILITY_CLIP, 1 - PROBABILITY_CLIP]``, so each entry
        costs at most about 27.6.  Exactly zero when ``h == y`` with 0/1
        targets, since the clipped term is then multiplied by zero.

    Raises
    ------
    ValueError
        If shapes differ, or ``y`` or ``h`` leaves ``[0, 1]``.
    """
    y, h = _targets_and_predictions(y, h)
    check_in_unit_interval(y, "y")
    check_in_unit_interval(h, "h")
    log_h = np.log(np.maximum(h, PROBABILITY_CLIP))
    log_one_minus_h = np.log1p(-np.minimum(h, 1.0 - PROBABILITY_CLIP))
    # "+ 0.0" turns the -0.0 of a perfect prediction into 0.0, which prints as it should.
    return float(-np.mean(y * log_h + (1.0 - y) * log_one_minus_h)) + 0.0


def binary_cross_entropy_from_logits(y, z) -> float:
    r"""Binary cross-entropy of ``h = sigmoid(z)``, computed from ``z`` directly.

    Each entry is :math:`-[y\ln\sigma(z) + (1-y)\ln(1-\sigma(z))]`, written as

    * :math:`(1 - y) z + \ln(1 + e^{-z})` for :math:`z \ge 0`,
    * :math:`-y z + \ln(1 + e^{z})` for :math:`z < 0`,

    a sum of two non-negative terms, so nothing cancels: accurate to a few
    ulp for every finite ``z`` and every ``y`` in ``[0, 1]``, soft labels
    near 1 included (the textbook :math:`\max(z, 0) - yz + \ln(1 + e^{-|z|})`
    loses 4 digits at ``y = 1 - 2**-40``, ``z = 550``).  No clipping is needed,
    and a logit of 1e308 gives a finite loss.

    Parameters
    ----------
    y : array_like
        Targets in ``[0, 1]``.
    z : array_like, same shape as ``y``
        Pre-activations (logits) of a sigmoid output.

    Returns
    -------
    float
        The mean over all entries; non-negative.
    """
    y, z = _targets_and_predictions(y, z, "z")
    check_in_unit_interval(y, "y")
    return _cross_entropy_from_logits(y, z)


def _cross_entropy_from_logits(y: np.ndarray, z: np.ndarray) -> float:
    """``binary_cross_entropy_from_logits`` for arrays already checked."""
    linear = np.where(z >= 0.0, (1.0 - y) * z, -y * z)  # both forms are >= 0: no cancellation
    return finite_mean(linear + np.log1p(np.exp(-np.abs(z))))


_UNCHECKED = {mean_squared_error: _mean_squared_error, sum_squared_error: _sum_squared_error}


def without_checks(loss):
    """The computation of ``loss`` without its input checks, for a caller that checked once up front.

    Returns the loss itself if it has no such variant (e.g. a user's own function).
    """
    return _UNCHECKED.get(loss, loss)

"""Small datasets made with NumPy, so every notebook runs offline."""

from __future__ import annotations

import numpy as np

from ._validation import MagnitudeError, check_allocation, check_non_negative_number, check_positive_int, check_seed

#: The four XOR points, one per column, and their labels.
XOR_X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
XOR_Y = np.array([[0.0, 1.0, 1.0, 0.0]])


def make_xor(n_per_corner=25, noise=0.15, seed=0):
    """Noisy XOR: points scattered around the four corners of the unit square.

    Corners ``(0, 0)`` and ``(1, 1)`` are class 0, ``(0, 1)`` and ``(1, 0)``
    class 1: no single straight line separates them, so a network needs a
    hidden layer.

    Parameters
    ----------
    n_per_corner : int
        Points around each corner, >= 1.
    noise : float
        Standard deviation of the Gaussian scatter, >= 0 (``-0.0`` counts as 0).
    seed : int >= 0 or numpy.random.Generator
        Seed for ``numpy.random.default_rng``; a Generator is drawn from (and advanced).

    Returns
    -------
    X : numpy.ndarray, shape (2, 4 * n_per_corner)
        One point per column.
    Y : numpy.ndarray, shape (1, 4 * n_per_corner)
        Labels 0.0 or 1.0.

    Raises
    ------
    TypeError, ValueError
        Naming the argument: ``n_per_corner`` not an int >= 1 (or so large that the
        points would not fit in memory), ``noise`` not a finite number >= 0
        (``10**400`` included), ``seed`` not an int >= 0 or a Generator.
    MagnitudeError
        If ``noise`` is so large (about 1e307 or more) that a point overflows float64.
    """
    n_per_corner = check_positive_int(n_per_corner, "n_per_corner")
    check_allocation(12 * n_per_corner, "4 * n_per_corner points and labels", "n_per_corner")
    noise = check_non_negative_number(noise, "noise")  # -0.0 comes back as 0.0
    rng = check_seed(seed)
    corners = np.repeat(XOR_X, n_per_corner, axis=1)
    with np.errstate(over="ignore", invalid="ignore"):
        X = corners + rng.normal(0.0, noise, size=corners.shape)
    if not np.all(np.isfinite(X)):
        raise MagnitudeError(f"noise = {noise:g} is too large in magnitude: some points overflow float64")
    Y = np.repeat(XOR_Y, n_per_corner, axis=1)
    return X, Y

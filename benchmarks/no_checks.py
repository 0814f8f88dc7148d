"""The helpers' own computations, reached past their input checks.

Every public helper validates its arguments (shapes, finiteness, targets in
``[0, 1]``) before computing, then calls an unchecked internal function.
Timing that internal function beside the public one shows how much of a
helper's time is validation.  Nothing is re-implemented here: these are the
very functions the helpers run.
"""

from __future__ import annotations

import numpy as np

from helpers.activations import _sigmoid_of_checked as stable_sigmoid
from helpers.losses import _cross_entropy_from_logits as cross_entropy_from_logits
from helpers.two_layer import PARAMETER_NAMES
from helpers.two_layer import _backward as backward
from helpers.two_layer import _forward as forward
from helpers.two_layer import _two_layer_loss as two_layer_loss

__all__ = [
    "PARAMETER_NAMES",
    "backward",
    "cross_entropy_from_logits",
    "forward",
    "sigmoid_layer",
    "stable_sigmoid",
    "two_layer_loss",
]


def sigmoid_layer(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``helpers.sigmoid_layer`` past its checks; ``b`` has shape ``(n_out,)``.

    Parameters
    ----------
    x : numpy.ndarray, shape (n_in,) or (n_in, m)
    W : numpy.ndarray, shape (n_out, n_in)
    b : numpy.ndarray, shape (n_out,)

    Returns
    -------
    numpy.ndarray, shape (n_out,) or (n_out, m)
    """
    return stable_sigmoid(W @ x + (b if x.ndim == 1 else b[:, None]))

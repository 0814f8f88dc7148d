"""Gradient descent on the two-layer network: ``W = W - step * dW`` for every parameter."""

from __future__ import annotations

import numpy as np

from ._validation import check_positive_int, check_positive_number
from .losses import _cross_entropy_from_logits
from .two_layer import _backward, _forward, check_inputs, check_params, check_targets


def gradient_descent(params, X, Y, *, step, epochs):
    """Train ``params`` in place by full-batch gradient descent.

    Every epoch runs ``forward``, ``backward`` and the seed's update
    ``W = W - step * dW`` (likewise ``b``) for all four parameters.

    Parameters
    ----------
    params : dict
        ``W1 (n_hidden, n_in)``, ``b1 (n_hidden, 1)``, ``W2 (n_out, n_hidden)``,
        ``b2 (n_out, 1)``, float arrays; **updated in place**, like a model
        being fitted, so that the trained network is ``params`` afterwards.
    X : array_like, shape (n_in, m)
    Y : array_like, shape (n_out, m), entries in [0, 1]
    step : float
        The learning rate alpha, > 0.
    epochs : int
        Number of updates, >= 1.

    Returns
    -------
    numpy.ndarray, shape (epochs,)
        The mean binary cross-entropy at the start of each epoch, before its
        update: ``losses[0]`` is the untrained network's loss.
    """
    checked = check_params(params)
    X = check_inputs(X, checked)
    Y = check_targets(Y, checked, X.shape[1])
    step = check_positive_number(step, "step")
    epochs = check_positive_int(epochs, "epochs")
    for name in checked:
        if not (isinstance(params[name], np.ndarray) and params[name].dtype == np.float64):
            params[name] = checked[name].copy()
    losses = np.empty(epochs)
    for epoch in range(epochs):
        _, cache = _forward(params, X)
        losses[epoch] = _cross_entropy_from_logits(Y, cache["Z2"])
        grads = _backward(params, cache, Y)
        for name, grad in grads.items():
            params[name] -= step * grad
    return losses

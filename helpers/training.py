"""Gradient descent, the seed's update ``W = W - step * dW`` for every parameter.

``gradient_descent`` trains the two-layer network (cross-entropy loss);
``layer_gradient_descent`` trains one sigmoid layer on the mean squared error,
the problem ``hot_and_cold`` solves, so the two can be compared step for step.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_positive_int, check_positive_number
from .activations import _sigmoid_of_checked
from .layer import LayerRun, _mean_squared_error_gradient, check_layer_arguments, check_layer_targets
from .losses import _cross_entropy_from_logits, _mean_squared_error
from .two_layer import _backward, _forward, check_problem


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
    checked, X, Y = check_problem(params, X, Y)
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


def layer_gradient_descent(x, W, b, y, *, step, epochs):
    """Train one sigmoid layer on the mean squared error by gradient descent.

    The problem ``hot_and_cold`` solves, solved with the gradient
    (``sigmoid_layer_gradient``): each epoch is one backward pass, the update,
    and one forward pass for the new loss.

    Parameters
    ----------
    x : array_like, shape (n_in,) or (n_in, m)
    W : array_like, shape (n_out, n_in)
        Initial weights (not modified).
    b : array_like, shape (n_out,) or (n_out, 1)
        Initial biases (not modified).
    y : array_like, the layer output's shape
    step : float
        The learning rate, > 0.
    epochs : int
        Updates, >= 1.

    Returns
    -------
    LayerRun
        ``.losses`` after each update, ``.W``, ``.b``, ``.initial_loss`` and
        ``.evaluations``: ``1 + 2 * epoch`` forward and backward passes.
    """
    x, W, b_checked = check_layer_arguments(x, W, b)
    b_shape = np.shape(b)  # safe now that b is known to be a clean array
    b = b_checked
    y = check_layer_targets(y, x, W)
    step = check_positive_number(step, "step")
    epochs = check_positive_int(epochs, "epochs")
    W, b = W.copy(), b.copy()
    a = _sigmoid_of_checked(W @ x + b)
    initial_loss = _mean_squared_error(y, a)
    losses = np.empty(epochs)
    for epoch in range(epochs):
        dW, db = _mean_squared_error_gradient(x, a, y)
        W -= step * dW
        b -= step * db.reshape(b.shape)
        a = _sigmoid_of_checked(W @ x + b)
        losses[epoch] = _mean_squared_error(y, a)
    return LayerRun(
        losses=losses, W=W, b=b.reshape(b_shape), initial_loss=initial_loss,
        evaluations=1 + 2 * np.arange(1, epochs + 1),
    )

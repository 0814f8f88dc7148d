"""Gradient descent, the seed's update ``W = W - step * dW`` for every parameter.

``gradient_descent`` trains the two-layer network (cross-entropy loss);
``layer_gradient_descent`` trains one sigmoid layer on the mean squared error,
the problem ``hot_and_cold`` solves, so the two can be compared step for step.

Both stop at the first epoch whose loss or updated parameters are not finite
(a step so large that the run leaves the float64 range) and raise
``TrainingDiverged`` carrying the finite losses so far; no NaN ever enters a
history.  Both accept at most ``MAX_EPOCHS`` epochs, show a progress bar
when a run is estimated to take more than a few seconds, and on Ctrl-C
(``KeyboardInterrupt``) return the history of the epochs completed so far,
with a note on stderr (inside ``helpers._progress.interruptions_propagate()``,
as in an exercise's checker, Ctrl-C propagates instead).
"""

from __future__ import annotations

import numpy as np

from ._progress import interrupts_propagate, note_interrupted, pass_seconds, progress_bar
from ._validation import MagnitudeError, TrainingDiverged, check_epochs, check_positive_number
from .activations import _sigmoid_of_checked
from .layer import LayerRun, _mean_squared_error_gradient, check_layer_arguments, check_layer_targets, pre_activation
from .losses import _cross_entropy_from_logits, _mean_squared_error
from .two_layer import PARAMETER_NAMES, _backward, _forward, _forward_checked, check_problem


def check_trainable(params) -> None:
    """Raise unless every ``params[name]`` is an array ``gradient_descent`` can update in place.

    That is a writeable float64 ``numpy.ndarray``, not a list, an int or
    float32 array (a float64 copy would be trained and the caller's array left
    alone), a read-only array, an ``np.matrix`` or a masked array.  Call after
    ``check_params``; the message names the key.
    """
    for name in PARAMETER_NAMES:
        value = params[name]
        where = f"params['{name}']"
        if isinstance(value, (np.matrix, np.ma.MaskedArray)) or type(value) is not np.ndarray:
            raise TypeError(
                f"{where} must be a numpy.ndarray of float64 to be updated in place; got {type(value).__name__} "
                f"(convert it first: params['{name}'] = np.array(..., dtype=float))"
            )
        if value.dtype != np.float64:
            raise TypeError(
                f"{where} must have dtype float64 to be updated in place; got {value.dtype} "
                f"(convert it first: params['{name}'] = params['{name}'].astype(float))"
            )
        if not value.flags.writeable:
            raise ValueError(f"{where} is read-only, so it cannot be updated in place; pass a copy (.copy())")


def _diverged(what: str, step: float, epoch: int, epochs: int, losses: np.ndarray, cause: str) -> TrainingDiverged:
    return TrainingDiverged(
        f"{what} diverged at epoch {epoch} of {epochs}: {cause} left the float64 range; step = {step:g} is too "
        f"large, try a smaller step.  The error's .losses holds the {losses.size} finite losses computed so far, "
        f"and the parameters are those of the last finite update.",
        epoch=epoch,
        losses=losses.copy(),
    )


def gradient_descent(params, X, Y, *, step, epochs):
    """Train ``params`` in place by full-batch gradient descent.

    Every epoch runs ``forward``, ``backward`` and the seed's update
    ``W = W - step * dW`` (likewise ``b``) for all four parameters.

    Parameters
    ----------
    params : dict
        ``W1 (n_hidden, n_in)``, ``b1 (n_hidden, 1)``, ``W2 (n_out, n_hidden)``,
        ``b2 (n_out, 1)``.  **Updated in place**, like a model being fitted:
        the caller's arrays themselves are overwritten, so each must be a
        writeable float64 ``numpy.ndarray``.  Lists, int or float32 arrays,
        read-only arrays, ``np.matrix`` and masked arrays are rejected with a
        ``TypeError`` or ``ValueError`` naming the key (rather than silently
        training a copy).  Train a copy to keep the original.
    X : array_like, shape (n_in, m)
    Y : array_like, shape (n_out, m), entries in [0, 1]
    step : float
        The learning rate alpha, > 0.
    epochs : int
        Number of updates, from 1 to ``helpers.MAX_EPOCHS``.

    Returns
    -------
    numpy.ndarray, shape (epochs + 1,)
        ``losses[t]``: the mean binary cross-entropy after ``t`` updates, so
        ``losses[0]`` is the untrained network's loss and ``losses[-1]`` the
        trained one's (one forward pass more than the updates need).  If the
        run is interrupted (Ctrl-C, ``KeyboardInterrupt``) after ``k >= 1``
        completed updates, the ``k + 1`` losses up to then, with a note on
        stderr; ``params`` then hold the network after those ``k`` updates.

    Raises
    ------
    TrainingDiverged
        At the first update ``k`` (1-based) after which the loss or the
        parameters are not finite (``step`` far too large): ``.epoch`` is
        ``k``, ``.losses`` the ``k`` finite losses ``losses[0 .. k-1]``, and
        ``params`` keep the last finite update.
    MagnitudeError
        If the initial network already overflows float64 (``Z1`` or ``Z2``).

    Notes
    -----
    A run estimated to take more than ``helpers._progress.PROGRESS_SECONDS``
    (a few seconds) shows a ``tqdm`` progress bar.
    """
    checked, X, Y = check_problem(params, X, Y)
    check_trainable(params)
    step = check_positive_number(step, "step")
    epochs = check_epochs(epochs)
    _forward_checked(checked, X)
    seconds = epochs * 2 * pass_seconds(sum(value.size for value in checked.values()), X.shape[1])
    losses = np.empty(epochs + 1)
    done, pending = 0, None
    bar = progress_bar(epochs, seconds, "gradient descent")
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(epochs + 1):
                _, cache = _forward(params, X)  # the network after `epoch` updates
                loss = _cross_entropy_from_logits(Y, cache["Z2"])
                if not np.isfinite(loss):
                    raise _diverged("gradient descent", step, epoch, epochs, losses[:epoch], "the loss")
                losses[epoch] = loss
                if epoch == epochs:
                    break
                grads = _backward(params, cache, Y)
                updated = {name: params[name] - step * grad for name, grad in grads.items()}
                if not all(np.all(np.isfinite(value)) for value in updated.values()):
                    raise _diverged(
                        "gradient descent", step, epoch + 1, epochs, losses[: epoch + 1], "the updated parameters"
                    )
                pending = updated
                for name, value in updated.items():
                    params[name][...] = value
                pending, done = None, epoch + 1
                bar.update()
    except KeyboardInterrupt:
        if pending is not None:  # interrupted while copying an update: finish it
            for name, value in pending.items():
                params[name][...] = value
            done += 1
        if done == 0 or interrupts_propagate():
            raise
        note_interrupted("gradient_descent", done, epochs)
        with np.errstate(over="ignore", invalid="ignore"):
            losses[done] = _cross_entropy_from_logits(Y, _forward(params, X)[1]["Z2"])
        return losses[: done + 1].copy()
    finally:
        bar.close()
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
        Updates, from 1 to ``helpers.MAX_EPOCHS``.

    Returns
    -------
    LayerRun
        ``.losses``, shape ``(epochs + 1,)``: ``losses[t]`` after ``t``
        updates (``losses[0] == .initial_loss``), ``.W``, ``.b`` and
        ``.evaluations``, shape ``(epochs + 1,)``: ``1 + 2 t`` forward and
        backward passes.  If interrupted (``KeyboardInterrupt``) after
        ``k >= 1`` epochs, the record of those ``k`` epochs, with a note on
        stderr.

    Raises
    ------
    TrainingDiverged
        At the first epoch whose loss or parameters are not finite, with
        ``.epoch`` and the finite ``.losses`` so far.
    MagnitudeError
        If the initial layer or loss already overflows float64.
    """
    x, W, b_checked = check_layer_arguments(x, W, b)
    b_shape = np.shape(b)  # safe now that b is known to be a clean array
    b = b_checked
    y = check_layer_targets(y, x, W)
    step = check_positive_number(step, "step")
    epochs = check_epochs(epochs)
    W, b = W.copy(), b.copy()
    a = _sigmoid_of_checked(pre_activation(x, W, b))
    initial_loss = _mean_squared_error(y, a)
    if not np.isfinite(initial_loss):
        raise MagnitudeError(f"the initial loss is {initial_loss}: the entries of y are too large in magnitude")
    losses = np.empty(epochs + 1)
    losses[0] = initial_loss
    state = (W, b, a, 0)  # one assignment per epoch, so that Ctrl-C never splits an update
    m = x.shape[1] if x.ndim == 2 else 1
    bar = progress_bar(epochs, epochs * 2 * pass_seconds(W.size + b.size, m), "gradient descent")
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(epochs):
                W, b, a, _ = state
                dW, db = _mean_squared_error_gradient(x, a, y)
                W_new, b_new = W - step * dW, b - step * db.reshape(b.shape)
                a_new = _sigmoid_of_checked(W_new @ x + b_new)
                loss = _mean_squared_error(y, a_new)
                if not (np.isfinite(loss) and np.all(np.isfinite(W_new)) and np.all(np.isfinite(b_new))):
                    raise _diverged(
                        "layer_gradient_descent",
                        step,
                        epoch + 1,
                        epochs,
                        losses[: epoch + 1],
                        "the loss or the parameters",
                    )
                losses[epoch + 1] = loss
                state = (W_new, b_new, a_new, epoch + 1)
                bar.update()
    except KeyboardInterrupt:
        if state[3] == 0 or interrupts_propagate():
            raise
        note_interrupted("layer_gradient_descent", state[3], epochs)
    finally:
        bar.close()
    W, b, done = state[0], state[1], state[3]
    return LayerRun(
        losses=losses[: done + 1].copy() if done < epochs else losses,
        W=W,
        b=b.reshape(b_shape),
        initial_loss=initial_loss,
        evaluations=1 + 2 * np.arange(done + 1),
    )

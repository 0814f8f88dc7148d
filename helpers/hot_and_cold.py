"""Hot-and-cold learning: nudge parameters up and down, keep what lowers the loss.

It needs no derivative, only the loss, and that is its cost: to learn which
way to move ``P`` parameters one at a time it must evaluate the loss ``2P``
times per sweep.  Backpropagation gets every direction from one forward and
one backward pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import (
    as_float_array,
    check_choice,
    check_positive_int,
    check_positive_number,
)
from .activations import _sigmoid_of_checked
from .layer import check_layer_arguments
from .losses import mean_squared_error, without_checks

NUDGES = ("together", "each")


@dataclass(frozen=True)
class HotAndColdResult:
    """What a hot-and-cold run returns.

    Attributes
    ----------
    losses : numpy.ndarray, shape (epochs,)
        The loss after each epoch (unchanged where no nudge helped).
    W : numpy.ndarray, shape (n_out, n_in)
        Final weights.
    b : numpy.ndarray, same shape as the ``b`` passed in
        Final biases.
    initial_loss : float
        The loss before the first epoch.
    evaluations : numpy.ndarray of int, shape (epochs,)
        How many times the loss had been evaluated by the end of each epoch,
        counting the initial evaluation.
    """

    losses: np.ndarray
    W: np.ndarray
    b: np.ndarray
    initial_loss: float
    evaluations: np.ndarray


def hot_and_cold(x, W, b, y, *, step, epochs, nudge="together", loss=mean_squared_error):
    """Train one sigmoid layer by hot-and-cold search.

    Each epoch tries a step up and a step down and keeps whichever lowers
    the loss, if either does.

    * ``nudge="together"`` moves every weight and bias by ``+step`` or
      ``-step`` at once, as the seed does: 2 loss evaluations an epoch.
    * ``nudge="each"`` visits the parameters one at a time (the entries of
      ``W`` row by row, then ``b``) and keeps the better of ``+step`` and
      ``-step`` for each, if either helps: ``2 P`` evaluations an epoch for
      ``P`` parameters.

    Parameters
    ----------
    x : array_like, shape (n_in,) or (n_in, m)
        One example or a batch, one example per column.
    W : array_like, shape (n_out, n_in)
        Initial weights (not modified).
    b : array_like, shape (n_out,) or (n_out, 1)
        Initial biases (not modified).
    y : array_like, shape (n_out,) or (n_out, m)
        Targets, the same shape as the layer's output ``sigmoid_layer(x, W, b)``.
    step : float
        How far to nudge, > 0.
    epochs : int
        How many epochs, >= 1.
    nudge : {"together", "each"}
        Which rule to use; see above.
    loss : callable ``loss(y, h) -> float``
        Defaults to ``mean_squared_error``.

    Returns
    -------
    HotAndColdResult
        ``.losses`` (one per epoch), ``.W``, ``.b``, ``.initial_loss``,
        ``.evaluations``.

    Raises
    ------
    ValueError
        If ``y`` does not have the layer output's shape (the seed's
        ``(2, 1)`` prediction against a ``(2,)`` target is caught here), or
        ``step``, ``epochs`` or ``nudge`` are out of range.
    """
    x, W, b_used = check_layer_arguments(x, W, b)
    b_shape = np.shape(b)
    y = as_float_array(y, "y")
    expected = (W.shape[0],) + x.shape[1:]
    if y.shape != expected:
        raise ValueError(
            f"y must have the layer output's shape {expected} (one row per output, "
            f"one column per example); got shape {y.shape}"
        )
    step = check_positive_number(step, "step")
    epochs = check_positive_int(epochs, "epochs")
    check_choice(nudge, "nudge", NUDGES)

    search = _HotAndColdSearch(x, y, loss)
    params = np.concatenate([W.ravel(), b_used.ravel()])
    current = search.loss_of(params, W.shape)
    initial_loss = current
    losses, evaluations = [], []
    for _ in range(epochs):
        if nudge == "together":
            params, current = search.nudge_together(params, current, step, W.shape)
        else:
            params, current = search.nudge_each(params, current, step, W.shape)
        losses.append(current)
        evaluations.append(search.evaluations)
    W_final, b_final = _split(params, W.shape)
    return HotAndColdResult(
        losses=np.array(losses),
        W=W_final,
        b=b_final.reshape(b_shape),
        initial_loss=initial_loss,
        evaluations=np.array(evaluations),
    )


def _split(params: np.ndarray, W_shape: tuple):
    n_weights = W_shape[0] * W_shape[1]
    return params[:n_weights].reshape(W_shape), params[n_weights:]


class _HotAndColdSearch:
    """Loss evaluations for one run, counted.

    The inputs were checked once by ``hot_and_cold``, so each evaluation
    skips the checks (they would cost more than the evaluation itself).
    """

    def __init__(self, x, y, loss):
        self.x, self.y, self.loss = x, y, without_checks(loss)
        self.evaluations = 0

    def loss_of(self, params: np.ndarray, W_shape: tuple) -> float:
        W, b = _split(params, W_shape)
        b = b if self.x.ndim == 1 else b.reshape(-1, 1)
        self.evaluations += 1
        return float(self.loss(self.y, _sigmoid_of_checked(W @ self.x + b)))

    def best_of(self, current, candidates, W_shape):
        """Return ``(params, loss)`` of the best candidate, if it beats ``current``."""
        best_params, best_loss = None, current[1]
        for candidate in candidates:
            candidate_loss = self.loss_of(candidate, W_shape)
            if candidate_loss < best_loss:
                best_params, best_loss = candidate, candidate_loss
        return (best_params, best_loss) if best_params is not None else current

    def nudge_together(self, params, current_loss, step, W_shape):
        return self.best_of((params, current_loss), (params + step, params - step), W_shape)

    def nudge_each(self, params, current_loss, step, W_shape):
        current = (params, current_loss)
        for index in range(params.size):
            up, down = current[0].copy(), current[0].copy()
            up[index] += step
            down[index] -= step
            current = self.best_of(current, (up, down), W_shape)
        return current

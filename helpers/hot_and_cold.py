"""Hot-and-cold learning: nudge parameters up and down, keep what lowers the loss.

It needs no derivative, only the loss, and that is its cost: to learn which
way to move ``P`` parameters one at a time it must evaluate the loss ``2P``
times per sweep.  Backpropagation gets every direction from one forward and
one backward pass.

A nudge whose loss (or whose parameters) is not finite, e.g. at a step of
1e308, is treated as "not better": a run never accepts NaN or infinity, and
never warns.  A run accepts at most ``MAX_EPOCHS`` epochs, shows a progress
bar when it is estimated to take more than a few seconds, and on Ctrl-C
(``KeyboardInterrupt``) returns the record of the epochs completed so far,
with a note on stderr.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._progress import interrupts_propagate, note_interrupted, pass_seconds, progress_bar
from ._validation import MagnitudeError, _short_repr, check_choice, check_epochs, check_positive_number
from .activations import _sigmoid_of_checked
from .layer import LayerRun, check_layer_arguments, check_layer_targets, pre_activation
from .losses import mean_squared_error, without_checks
from .two_layer import _forward_checked, _two_layer_loss, check_problem

NUDGES = ("together", "each")


#: What ``hot_and_cold`` returns: the record of a run that trained one layer
#: (``layer_gradient_descent`` returns the same, so the two can be compared).
HotAndColdResult = LayerRun


def hot_and_cold(x, W, b, y, *, step, epochs, nudge="together", loss=mean_squared_error):
    """Train one sigmoid layer by hot-and-cold search.

    Each epoch tries a step up and a step down and keeps whichever lowers
    the loss, if either does.  If the two tie (equal losses), neither is
    better and the parameters stay: the course's one tie rule (notebook 03).

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
        How many epochs, from 1 to ``helpers.MAX_EPOCHS``.
    nudge : {"together", "each"}
        Which rule to use; see above.
    loss : callable ``loss(y, h) -> float``
        Defaults to ``mean_squared_error``.

    Returns
    -------
    HotAndColdResult
        ``.losses``, shape ``(epochs + 1,)``: ``losses[t]`` is the loss after
        ``t`` epochs, ``losses[0]`` the initial loss (also ``.initial_loss``);
        ``.evaluations``, shape ``(epochs + 1,)``, the loss evaluations made by
        then (``evaluations[0] == 1``); ``.W``, ``.b``.

    Raises
    ------
    ValueError
        If ``y`` does not have the layer output's shape (the seed's
        ``(2, 1)`` prediction against a ``(2,)`` target is caught here), or
        ``step``, ``epochs`` or ``nudge`` are out of range, or ``loss``
        returns NaN or infinity for the initial parameters
        (``MagnitudeError`` if the layer itself overflows).
    """
    x, W, b_used = check_layer_arguments(x, W, b)
    b_shape = np.shape(b)
    y = check_layer_targets(y, x, W)
    step = check_positive_number(step, "step")
    epochs = check_epochs(epochs)
    check_choice(nudge, "nudge", NUDGES)
    if not callable(loss):
        raise TypeError(f"loss must be a function loss(y, h) -> float; got {_short_repr(loss)}")
    pre_activation(x, W, b_used)  # MagnitudeError if the initial layer overflows
    loss = without_checks(loss)  # the inputs were checked once, above

    def loss_of(params: np.ndarray) -> float:
        W_now, b_now = _split(params, W.shape)
        b_now = b_now if x.ndim == 1 else b_now.reshape(-1, 1)
        return float(loss(y, _sigmoid_of_checked(W_now @ x + b_now)))

    m = x.shape[1] if x.ndim == 2 else 1
    seconds = pass_seconds(W.size + b_used.size, m)
    search = _search(loss_of, np.concatenate([W.ravel(), b_used.ravel()]), step, epochs, nudge, seconds, "hot_and_cold")
    W_final, b_final = _split(search.params, W.shape)
    return HotAndColdResult(
        losses=search.losses,
        W=W_final,
        b=b_final.reshape(b_shape),
        initial_loss=search.initial_loss,
        evaluations=search.evaluations,
    )


@dataclass(frozen=True)
class HotAndColdTwoLayerResult:
    """What ``hot_and_cold_two_layer`` returns.

    Attributes
    ----------
    losses : numpy.ndarray, shape (epochs + 1,)
        ``losses[t]``: the mean binary cross-entropy after ``t`` sweeps
        (``losses[0]``: the start, also ``initial_loss``).
    params : dict of numpy.ndarray
        Final ``W1``, ``b1``, ``W2``, ``b2`` (new arrays; the input is not modified).
    initial_loss : float
    evaluations : numpy.ndarray of int, shape (epochs + 1,)
        Forward passes (loss evaluations) made by the end of each sweep,
        counting the initial one (``evaluations[0] == 1``).
    """

    losses: np.ndarray
    params: dict
    initial_loss: float
    evaluations: np.ndarray


def hot_and_cold_two_layer(params, X, Y, *, step, epochs, nudge="each"):
    """Train a two-layer sigmoid network by hot-and-cold search, for comparison with backprop.

    The same search as ``hot_and_cold``, over all of ``W1``, ``b1``, ``W2``,
    ``b2`` (in that order, row by row), on the loss ``gradient_descent``
    minimizes: the mean binary cross-entropy.

    Parameters
    ----------
    params : dict
        ``W1 (n_hidden, n_in)``, ``b1 (n_hidden, 1)``, ``W2 (n_out, n_hidden)``,
        ``b2 (n_out, 1)``; not modified.
    X : array_like, shape (n_in, m)
    Y : array_like, shape (n_out, m), entries in [0, 1]
    step : float
        How far to nudge, > 0.
    epochs : int
        Sweeps, from 1 to ``helpers.MAX_EPOCHS``.
    nudge : {"together", "each"}

    Returns
    -------
    HotAndColdTwoLayerResult
        On ``KeyboardInterrupt`` after ``k >= 1`` sweeps, the record of those
        ``k`` (``k + 1`` losses).

    Raises
    ------
    MagnitudeError
        If the initial network overflows float64.
    """
    checked, X, Y = check_problem(params, X, Y)
    step = check_positive_number(step, "step")
    epochs = check_epochs(epochs)
    check_choice(nudge, "nudge", NUDGES)
    _forward_checked(checked, X)
    shapes = {name: value.shape for name, value in checked.items()}

    def loss_of(vector: np.ndarray) -> float:
        return _two_layer_loss(_unflatten(vector, shapes), X, Y)

    vector = np.concatenate([value.ravel() for value in checked.values()])
    seconds = pass_seconds(vector.size, X.shape[1])
    search = _search(loss_of, vector, step, epochs, nudge, seconds, "hot_and_cold_two_layer")
    return HotAndColdTwoLayerResult(
        losses=search.losses,
        params=_unflatten(search.params, shapes),
        initial_loss=search.initial_loss,
        evaluations=search.evaluations,
    )


def _unflatten(vector: np.ndarray, shapes: dict) -> dict:
    params, start = {}, 0
    for name, shape in shapes.items():
        size = math.prod(shape)  # a Python int: np.prod on a tuple was a fifth of a search's time
        params[name] = vector[start : start + size].reshape(shape)
        start += size
    return params


def _split(params: np.ndarray, W_shape: tuple):
    n_weights = W_shape[0] * W_shape[1]
    return params[:n_weights].reshape(W_shape), params[n_weights:]


@dataclass(frozen=True)
class _SearchResult:
    params: np.ndarray
    losses: np.ndarray
    initial_loss: float
    evaluations: np.ndarray


def _search(
    loss_of, params: np.ndarray, step: float, epochs: int, nudge: str, evaluation_seconds: float, name: str
) -> _SearchResult:
    """Run hot-and-cold on a flat parameter vector, given ``loss_of(vector) -> float``.

    ``evaluation_seconds`` estimates one call of ``loss_of``, to decide whether
    the run shows a progress bar.
    """
    search = _HotAndColdSearch(loss_of)
    current = search.loss_of(params)
    if not np.isfinite(current):
        arguments = "x, y, W or b" if name == "hot_and_cold" else "params, X or Y"
        raise MagnitudeError(
            f"the loss of the initial parameters is {current}: the loss function, or the size of the "
            f"inputs, targets or parameters ({arguments}), gives no finite loss to improve on"
        )
    initial_loss = current
    sweep = search.nudge_together if nudge == "together" else search.nudge_each
    per_epoch = 2 if nudge == "together" else 2 * params.size
    bar = progress_bar(epochs, epochs * per_epoch * evaluation_seconds, name)
    losses, evaluations = [initial_loss], [search.evaluations]  # entry 0: before any sweep
    try:
        # Nudges may overflow (step = 1e308): their loss is then NaN or inf, which is never "better".
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for _ in range(epochs):
                params, current = sweep(params, current, step)
                losses.append(current)
                evaluations.append(search.evaluations)
                bar.update()
    except KeyboardInterrupt:
        kept = min(len(losses), len(evaluations))
        if kept == 1 or interrupts_propagate():
            raise
        del losses[kept:], evaluations[kept:]
        note_interrupted(name, kept - 1, epochs)
    finally:
        bar.close()
    return _SearchResult(params, np.array(losses), initial_loss, np.array(evaluations))


class _HotAndColdSearch:
    """The nudges of one run over a flat parameter vector, with the loss evaluations counted."""

    def __init__(self, loss_of):
        self._loss_of = loss_of
        self.evaluations = 0

    def loss_of(self, params: np.ndarray) -> float:
        self.evaluations += 1
        return self._loss_of(params)

    def best_of(self, current, candidates):
        """Return ``(params, loss)`` of the strictly best candidate, if it beats ``current``.

        The course's tie rule: when the two nudges tie (equal losses), neither is
        better, so the parameters stay where they are.
        """
        scored = []
        for candidate in candidates:
            candidate_loss = self.loss_of(candidate)
            # NaN < x is False; an infinite loss or parameter is never better either.
            if candidate_loss < current[1] and np.isfinite(candidate_loss) and np.all(np.isfinite(candidate)):
                scored.append((candidate_loss, candidate))
        if not scored:
            return current
        best_loss = min(loss for loss, _ in scored)
        winners = [candidate for loss, candidate in scored if loss == best_loss]
        return (winners[0], best_loss) if len(winners) == 1 else current

    def nudge_together(self, params, current_loss, step):
        return self.best_of((params, current_loss), (params + step, params - step))

    def nudge_each(self, params, current_loss, step):
        current = (params, current_loss)
        for index in range(params.size):
            up, down = current[0].copy(), current[0].copy()
            up[index] += step
            down[index] -= step
            current = self.best_of(current, (up, down))
        return current

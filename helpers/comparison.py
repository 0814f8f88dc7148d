r"""The computations behind notebook 05, *Hot and cold vs backprop* (no drawing here).

* Paths over a loss surface you can see, that of one sigmoid unit with one
  input, :math:`a = \sigma(w x + b)` (``layer_loss_grid``, ``trace_path``,
  ``each_staircase``).
* Work counted in forward passes (``hot_and_cold_work``,
  ``gradient_descent_work``, ``passes_to_reach``, ``parameter_count``,
  ``passes_per_update``).
* Runs on a budget of forward passes, and what they did: ``hot_and_cold_run``,
  ``gradient_descent_run``, ``frozen_after``, ``describe_descent``,
  ``compare_steps`` (section 2's table) and ``reach_over_seeds``
  (section 3's measurements over several seeded starts).

Work is counted, never timed: a loss evaluation is one forward pass, and a
backward pass is counted as one forward pass (``make bench`` measures what it
really costs).  The figures that show these numbers are in
``helpers.comparison_plots``.

A run of gradient descent whose step is too large is chaotic: its last losses
change with the NumPy version, the BLAS and the order of a sum.  So nothing
here reports them.  ``describe_descent`` states what does not change: whether
the run settled, when its loss first rose above the start, the highest loss
of its first epochs, and the range its loss keeps to over its second half,
to one decimal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import (
    MAX_EPOCHS,
    _short_repr,
    _show_int,
    as_float_array,
    check_allocation,
    check_epochs,
    check_positive_int,
    check_positive_number,
    is_int,
)
from .hot_and_cold import hot_and_cold_two_layer
from .layer import sigmoid_layer
from .training import gradient_descent
from .two_layer import check_params, init_two_layer

#: The methods ``passes_per_update`` counts, in the order it lists them.
METHODS = ("hot and cold (each)", "finite differences", "backprop")


def _parameters_of(state):
    """``(W, b)`` from a pair ``(W, b)`` or a record with ``.W`` and ``.b``; else a ``TypeError`` saying what came."""
    if hasattr(state, "W") and hasattr(state, "b"):
        return state.W, state.b
    if isinstance(state, (tuple, list)) and len(state) == 2:
        return state[0], state[1]
    raise TypeError(
        "train_one_epoch must return the new parameters as a pair (W, b) or a record with .W and .b; "
        f"got {_short_repr(state)} of type {type(state).__name__}"
    )


def trace_path(train_one_epoch, W, b, epochs):
    """The parameters after every epoch of a training rule that keeps no state but the parameters.

    Hot and cold and gradient descent both decide each epoch from the
    current ``W`` and ``b`` alone, so running one epoch at a time, each from
    where the last one stopped, retraces a longer run exactly.

    Parameters
    ----------
    train_one_epoch : callable
        ``train_one_epoch(W, b)`` runs one epoch from ``W``, ``b`` and returns
        the new parameters, as a record with ``.W`` and ``.b`` (what
        ``helpers.hot_and_cold(..., epochs=1)`` and
        ``helpers.layer_gradient_descent(..., epochs=1)`` return) or as a
        pair ``(W, b)``.
    W : array_like, shape (n_out, n_in)
        Initial weights.
    b : array_like, shape (n_out,) or (n_out, 1)
        Initial biases.
    epochs : int
        How many epochs, >= 1.

    Returns
    -------
    numpy.ndarray, shape (epochs + 1, P)
        Row ``k`` holds the ``P = n_out * n_in + n_out`` parameters after
        ``k`` epochs (row 0: the initial ones), the entries of ``W`` row by
        row and then ``b``: the order in which ``hot_and_cold`` visits them.
        For a unit with one input and one output the columns are ``(w, b)``.

    Examples
    --------
    >>> import helpers
    >>> def one_epoch(W, b):
    ...     return helpers.hot_and_cold([[1.0]], W, b, [[0.8]], step=0.5, epochs=1, nudge="each")
    >>> trace_path(one_epoch, [[0.0]], [0.0], 2)
    array([[0. , 0. ],
           [0.5, 0.5],
           [1. , 0.5]])
    """
    if not callable(train_one_epoch):
        raise TypeError(f"train_one_epoch must be a function train_one_epoch(W, b); got {_short_repr(train_one_epoch)}")
    epochs = check_epochs(epochs)
    W, b = as_float_array(W, "W"), as_float_array(b, "b")
    check_allocation((epochs + 1) * (W.size + b.size), "a path", "epochs, W and b")
    path = np.empty((epochs + 1, W.size + b.size))
    path[0] = np.concatenate([W.ravel(), b.ravel()])
    for epoch in range(1, epochs + 1):
        W, b = _parameters_of(train_one_epoch(W, b))
        W, b = as_float_array(W, "the W train_one_epoch returned"), as_float_array(b, "the b train_one_epoch returned")
        if W.size + b.size != path.shape[1]:
            raise ValueError(
                f"train_one_epoch returned {W.size + b.size} parameters at epoch {epoch}; it started from "
                f"{path.shape[1]}: it must keep the shapes of W and b"
            )
        path[epoch] = np.concatenate([W.ravel(), b.ravel()])
    return path


def each_staircase(path):
    """Insert the corners of hot and cold "each" between the rows of a traced path.

    Within one epoch the "each" rule changes the parameters one at a time, in
    the order of the path's columns, so it walks from one row to the next
    along the axes: first column ``0`` changes, then column ``1``, and so on.

    Parameters
    ----------
    path : array_like, shape (epochs + 1, P)
        From ``trace_path``.

    Returns
    -------
    numpy.ndarray, shape (epochs * P + 1, P)
        Every point the search stood on, in order; consecutive points differ
        in one column at most.
    """
    path = as_float_array(path, "path")
    if path.ndim != 2:
        raise ValueError(f"path must be 2-D, (epochs + 1, P); got shape {path.shape}")
    n_parameters = path.shape[1]
    check_allocation(((path.shape[0] - 1) * n_parameters + 1) * n_parameters, "a staircase", "path's shape")
    points = [path[0]]
    for before, after in zip(path[:-1], path[1:], strict=True):
        for j in range(1, n_parameters + 1):
            points.append(np.concatenate([after[:j], before[j:]]))
    return np.array(points)


def layer_loss_grid(x, y, w_values, b_values):
    r"""The mean squared error of a one-input, one-output sigmoid unit at every point of a ``(w, b)`` grid.

    :math:`L(w, b) = \frac{1}{m}\sum_j \big(y_j - \sigma(w x_j + b)\big)^2`.  All
    grid points are computed in one call of ``helpers.sigmoid_layer``: a
    layer with one output unit per grid point, unit ``k`` having weight
    ``w_k`` and bias ``b_k``.

    Parameters
    ----------
    x : array_like, shape (1, m)
        The inputs, one example per column.
    y : array_like, shape (1, m)
        The targets.
    w_values : array_like, shape (n_w,)
        The weights along the horizontal axis.
    b_values : array_like, shape (n_b,)
        The biases along the vertical axis.

    Returns
    -------
    numpy.ndarray, shape (n_b, n_w)
        ``L[i, k]`` is the loss at ``w = w_values[k]``, ``b = b_values[i]``,
        the layout ``Axes.contour`` expects.
    """
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    if x.ndim != 2 or x.shape[0] != 1 or y.shape != x.shape:
        raise ValueError(f"x and y must both have shape (1, m); got shapes {x.shape} and {y.shape}")
    w_values, b_values = as_float_array(w_values, "w_values"), as_float_array(b_values, "b_values")
    check_allocation(
        w_values.size * b_values.size * x.shape[1], "a grid of losses per example", "w_values, b_values and x"
    )
    ww, bb = np.meshgrid(w_values.ravel(), b_values.ravel())
    a = sigmoid_layer(x, ww.reshape(-1, 1), bb.reshape(-1, 1))  # (grid points, m)
    return np.mean((y - a) ** 2, axis=1).reshape(ww.shape)


def hot_and_cold_work(result):
    """The loss of a hot-and-cold run against the forward passes spent, starting with the initial loss.

    Parameters
    ----------
    result : HotAndColdResult or HotAndColdTwoLayerResult
        Anything with ``.losses`` and ``.evaluations``, both of shape
        ``(epochs + 1,)``, entry 0 before any sweep.

    Returns
    -------
    passes : numpy.ndarray of int, shape (epochs + 1,)
        ``result.evaluations``: 1 (the initial loss), then the total after each sweep.
    losses : numpy.ndarray, shape (epochs + 1,)
        ``result.losses``.
    """
    if not (hasattr(result, "losses") and hasattr(result, "evaluations")):
        raise TypeError(
            f"result must have .losses and .evaluations (a hot-and-cold result); got {type(result).__name__}"
        )
    losses = as_float_array(result.losses, "result.losses")
    passes = _counts(result.evaluations, "result.evaluations")
    if passes.shape != losses.shape or losses.ndim != 1:
        raise ValueError(
            f"result.evaluations and result.losses must both have shape (epochs + 1,); got {passes.shape} and "
            f"{losses.shape}"
        )
    return passes, losses


def _counts(values, name: str) -> np.ndarray:
    """``values`` as an int64 array of whole numbers from 0 to int64's maximum, or a ``ValueError`` naming ``name``."""
    values = as_float_array(values, name)
    if np.any(values < 0) or np.any(values != np.floor(values)) or np.any(values >= 2.0**63):
        raise ValueError(f"{name} must hold whole counts from 0 to 2**63 - 1; got {_short_repr(values)}")
    return values.astype(np.int64)


def gradient_descent_work(losses, *, backward_cost=1):
    """The forward passes by which ``helpers.gradient_descent`` knows each of its losses.

    ``losses[k]`` is the loss after ``k`` updates.  It is computed by the
    forward pass that follows update ``k`` (or starts epoch ``k + 1``), after
    ``k`` epochs of one forward and one backward pass each: ``1 + 2 k`` passes when a backward
    pass is counted as one forward pass.

    Parameters
    ----------
    losses : array_like, shape (epochs + 1,)
        What ``helpers.gradient_descent`` returned.
    backward_cost : int or float
        What one backward pass is counted as, in forward passes, > 0.

    Returns
    -------
    numpy.ndarray, shape (epochs + 1,)
        ``1 + (1 + backward_cost) k`` for ``k = 0, 1, ...``: ``1, 3, 5, ...``
        by default (integers when ``backward_cost`` is an int).

    Examples
    --------
    >>> gradient_descent_work([0.7, 0.5, 0.4])
    array([1, 3, 5])
    >>> gradient_descent_work([0.7, 0.5, 0.4], backward_cost=2)
    array([1, 4, 7])
    """
    losses = as_float_array(losses, "losses")
    if losses.ndim != 1:
        raise ValueError(f"losses must be 1-D, shape (epochs + 1,); got shape {losses.shape}")
    if not is_int(backward_cost):
        backward_cost = check_positive_number(backward_cost, "backward_cost")
        last = 1 + (1 + backward_cost) * (losses.size - 1)
        if not np.isfinite(last):
            raise ValueError(f"backward_cost = {backward_cost:g} makes the counts overflow float64")
        return 1 + (1 + backward_cost) * np.arange(losses.size)
    backward_cost = int(backward_cost)
    if backward_cost < 1:
        raise ValueError(f"backward_cost must be greater than 0; got {backward_cost}")
    if 1 + (1 + backward_cost) * (losses.size - 1) > np.iinfo(np.int64).max:
        raise ValueError(
            f"backward_cost = {_short_repr(backward_cost)} makes the counts pass int64's maximum, 2**63 - 1"
        )
    return 1 + (1 + backward_cost) * np.arange(losses.size, dtype=np.int64)


def passes_to_reach(passes, losses, level):
    """The first count of forward passes at which the loss is at or below ``level``.

    Parameters
    ----------
    passes : array_like of int, shape (n,)
    losses : array_like, shape (n,)
        A run's loss after each count in ``passes``.
    level : float
        The loss to reach, > 0.

    Returns
    -------
    int or None
        ``None`` if the run never reaches ``level``.

    Examples
    --------
    >>> passes_to_reach([1, 3, 5], [0.7, 0.4, 0.1], 0.5)
    3
    >>> passes_to_reach([1, 3, 5], [0.7, 0.4, 0.1], 0.05) is None
    True
    """
    passes, losses = as_float_array(passes, "passes"), as_float_array(losses, "losses")
    if passes.ndim != 1 or passes.shape != losses.shape:
        raise ValueError(
            f"passes and losses must be 1-D, of the same shape (n,); got {passes.shape} and {losses.shape}"
        )
    level = check_positive_number(level, "level")
    reached = np.flatnonzero(losses <= level)
    return int(passes[reached[0]]) if reached.size else None


def parameter_count(n_in, n_hidden, n_out):
    """``P = n_hidden (n_in + 1) + n_out (n_hidden + 1)``: the entries of ``W1``, ``b1``, ``W2``, ``b2``.

    >>> parameter_count(2, 4, 1)
    17
    """
    n_in = check_positive_int(n_in, "n_in")
    n_hidden = check_positive_int(n_hidden, "n_hidden")
    n_out = check_positive_int(n_out, "n_out")
    return n_hidden * (n_in + 1) + n_out * (n_hidden + 1)


def passes_per_update(P):
    """Forward passes one update costs with ``P`` parameters, by each method.

    Hot and cold "each" evaluates the loss twice per parameter, finite
    differences too; backpropagation makes one forward and one backward pass
    (counted as one forward), whatever ``P`` is.

    Parameters
    ----------
    P : int
        Number of parameters, >= 1.

    Returns
    -------
    dict of str to int
        Keyed by ``METHODS``: ``2 P``, ``2 P`` and ``2``.

    >>> passes_per_update(17)
    {'hot and cold (each)': 34, 'finite differences': 34, 'backprop': 2}
    """
    P = check_positive_int(P, "P")
    return dict(zip(METHODS, (2 * P, 2 * P, 2), strict=True))


def copy_params(params):
    """A checked float copy of a two-layer parameter dict, so that training it leaves the original alone.

    Raises ``TypeError`` if ``params`` is not a dict, ``ValueError`` if its
    arrays are missing or do not fit together (``helpers.two_layer.check_params``).
    """
    return {name: value.copy() for name, value in check_params(params).items()}


def _count_parameters(params) -> int:
    return int(sum(value.size for value in check_params(params).values()))


def sweeps_in_budget(P, budget):
    """How many whole hot-and-cold sweeps of ``2 P`` forward passes fit in ``budget``, after the initial pass.

    >>> sweeps_in_budget(17, 5000)
    147
    """
    P, budget = check_positive_int(P, "P"), check_positive_int(budget, "budget")
    sweeps = (budget - 1) // (2 * P)
    if sweeps < 1:
        raise ValueError(
            f"budget must allow one sweep of 2P + 1 = {_show_int(2 * P + 1)} forward passes; got {_show_int(budget)}"
        )
    if sweeps > MAX_EPOCHS:
        raise ValueError(
            f"budget = {_short_repr(budget)} allows {_short_repr(sweeps)} sweeps of 2P = {2 * P} passes; "
            f"a run makes at most {MAX_EPOCHS:,} (helpers.MAX_EPOCHS), so budget must be at most "
            f"{2 * P * MAX_EPOCHS + 1:,}"
        )
    return sweeps


def updates_in_budget(budget):
    """How many losses fit in ``budget`` passes: ``losses[k]``, after ``k`` updates, costs ``1 + 2 k``.

    ``gradient_descent(..., epochs=updates_in_budget(budget) - 1)`` reports that many.

    >>> updates_in_budget(5000)
    2500

    Raises ``ValueError`` naming ``budget`` if it allows more than ``MAX_EPOCHS`` updates.
    """
    budget = check_positive_int(budget, "budget")
    updates = (budget + 1) // 2
    if updates - 1 > MAX_EPOCHS:
        raise ValueError(
            f"budget = {_short_repr(budget)} allows more than {MAX_EPOCHS:,} updates (helpers.MAX_EPOCHS); "
            f"budget must be at most {2 * MAX_EPOCHS + 1:,}"
        )
    return updates


def hot_and_cold_run(params, X, Y, *, step, budget):
    """Hot and cold ("each") on a two-layer network, for as many whole sweeps as ``budget`` passes allow.

    Parameters
    ----------
    params, X, Y
        As for ``helpers.hot_and_cold_two_layer``; ``params`` is not modified.
    step : float
        The nudge s, > 0.
    budget : int
        Forward passes allowed, counting the initial loss.

    Returns
    -------
    helpers.HotAndColdTwoLayerResult
        ``sweeps_in_budget(P, budget)`` epochs.
    """
    epochs = sweeps_in_budget(_count_parameters(params), budget)
    return hot_and_cold_two_layer(params, X, Y, step=step, epochs=epochs, nudge="each")


@dataclass(frozen=True)
class DescentRun:
    """What ``gradient_descent_run`` returns.

    Attributes
    ----------
    losses : numpy.ndarray, shape (epochs + 1,)
        ``losses[k]``: the loss after ``k`` updates (``losses[0]``: the start).
    params : dict
        The trained network (a copy; the start is not modified).
    """

    losses: np.ndarray
    params: dict


def gradient_descent_run(params, X, Y, *, step, budget):
    """Gradient descent on a copy of ``params``, for as many epochs as ``budget`` forward passes allow.

    Parameters
    ----------
    params : dict
        The start, as for ``hot_and_cold_run``; not modified.
    X, Y : array_like, shapes (n_in, m), (n_out, m)
    step : float
        The step size alpha, > 0.
    budget : int
        Forward passes allowed, a backward pass counted as one.

    Returns
    -------
    DescentRun
        ``updates_in_budget(budget)`` losses (one more than the updates) and
        the trained network.
    """
    epochs = updates_in_budget(budget) - 1
    if epochs < 1:
        raise ValueError(f"budget must allow one update, 3 forward passes (1 + 2); got {budget}")
    trained = copy_params(params)
    losses = gradient_descent(trained, X, Y, step=step, epochs=epochs)
    return DescentRun(losses, trained)


def frozen_after(run):
    """The sweep after which a hot-and-cold run's loss never changed again, or ``None`` if its last sweep helped.

    Parameters
    ----------
    run : HotAndColdResult or HotAndColdTwoLayerResult
        Anything with ``.losses``, shape ``(epochs + 1,)``: ``losses[0]`` before any sweep.

    Returns
    -------
    int or None
        ``k`` when sweeps ``k + 1, ..., epochs`` all kept every parameter where
        it was (0: not even the first sweep helped); ``None`` when the last
        sweep still lowered the loss.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> frozen_after(SimpleNamespace(losses=[0.9, 0.7, 0.5, 0.5, 0.5]))
    2
    >>> frozen_after(SimpleNamespace(losses=[0.9, 0.7, 0.5, 0.4])) is None
    True
    """
    if not hasattr(run, "losses"):
        raise TypeError(f"run must have .losses (a hot-and-cold result); got {type(run).__name__}")
    history = as_float_array(run.losses, "run.losses").ravel()
    if history.size < 2:
        raise ValueError(f"run.losses must hold the initial loss and at least one sweep; got {history.size} entries")
    improved = np.flatnonzero(np.diff(history) < 0)
    last = int(improved[-1]) + 1 if improved.size else 0
    return last if last < history.size - 1 else None


#: ``describe_descent`` looks for the highest loss within this many first epochs.
EARLY_EPOCHS = 50


@dataclass(frozen=True)
class DescentFacts:
    """What a gradient-descent run did, in terms that do not depend on chaotic digits.

    Attributes
    ----------
    start : float
        The loss before the first update.
    first_rise : int or None
        The first epoch ``k`` with ``losses[k] > start``, or ``None``.
    early_peak : float
        The highest loss over the first ``EARLY_EPOCHS`` epochs (before chaos
        has had time to grow, so it is reproducible).
    settled : bool
        Whether the loss never rose over the second half of the run.
    low, high : float
        The lowest and highest loss over the second half of the run.
    verdict : {"converged", "too slow", "bounces", "diverged"}
        ``"diverged"``: over its second half the loss never came back down to
        its start.  ``"bounces"``: it did not settle, but is not always above
        its start.  ``"converged"``: settled, ending below a tenth of its
        start.  ``"too slow"``: settled, but not that low.
    """

    start: float
    first_rise: int | None
    early_peak: float
    settled: bool
    low: float
    high: float
    verdict: str

    def __str__(self) -> str:
        rise = "never above its start" if self.first_rise is None else f"above its start from epoch {self.first_rise}"
        text = (
            f"{self.verdict}: start {self.start:.4f}, {rise}, highest {self.early_peak:.2f} "
            f"in the first {EARLY_EPOCHS} epochs"
        )
        if self.settled:
            return text + ", settled (never rising) over the second half"
        return text + f", over the second half between {self.low:.1f} and {self.high:.1f} and never settling"


def describe_descent(losses):
    """The reproducible facts about a gradient-descent run, whether it settled or not.

    Parameters
    ----------
    losses : array_like, shape (epochs + 1,)
        What ``helpers.gradient_descent`` returned, at least 2 epochs.

    Returns
    -------
    DescentFacts
        Printing it gives one line with no chaotic digits: the start (exact,
        no update has happened), the early peak to 2 decimals, and for a run
        that never settles the range of its second half to 1 decimal, never its
        last loss.

    Examples
    --------
    >>> facts = describe_descent([0.7, 0.9, 0.3, 0.1, 0.05, 0.04])
    >>> facts.verdict, facts.first_rise, facts.early_peak, facts.settled
    ('converged', 1, 0.9, True)
    >>> print(describe_descent([0.7, 2.0, 0.5, 1.2, 0.6, 1.1]))  # doctest: +NORMALIZE_WHITESPACE
    bounces: start 0.7000, above its start from epoch 1, highest 2.00 in the first 50 epochs,
    over the second half between 0.6 and 1.2 and never settling
    """
    losses = as_float_array(losses, "losses").ravel()
    if losses.size < 2:
        raise ValueError(f"losses must hold at least 2 epochs; got {losses.size}")
    start, second_half = losses[0], losses[losses.size // 2 :]
    rises = np.flatnonzero(losses > start)
    settled = bool(np.all(np.diff(second_half) <= 0))
    if second_half.min() > start:
        verdict = "diverged"
    elif not settled:
        verdict = "bounces"
    else:
        verdict = "converged" if losses[-1] < start / 10 else "too slow"
    return DescentFacts(
        start=float(start),
        first_rise=int(rises[0]) if rises.size else None,
        early_peak=float(losses[:EARLY_EPOCHS].max()),
        settled=settled,
        low=float(second_half.min()),
        high=float(second_half.max()),
        verdict=verdict,
    )


def final_loss_text(losses):
    """A run's last loss as ``"1.05e-03"`` if it settled, else its second half's range, ``"0.5 to 1.4"``."""
    facts = describe_descent(losses)
    last = as_float_array(losses, "losses").ravel()[-1]
    return f"{last:.2e}" if facts.settled else f"{facts.low:.1f} to {facts.high:.1f}"


@dataclass(frozen=True)
class StepComparison:
    """Both methods run at several steps from one start, on one budget (section 2 of notebook 05).

    Attributes
    ----------
    hc_runs : dict of float to HotAndColdTwoLayerResult
        Hot and cold ("each"), keyed by the nudge s.
    gd_runs : dict of float to DescentRun
        Gradient descent, keyed by the step size alpha.
    hc_reach, gd_reach : dict of float to int or None
        Forward passes each run needed to reach ``target`` (``None``: not within ``budget``).
    budget : int
    target : float
    P : int
    """

    hc_runs: dict
    gd_runs: dict
    hc_reach: dict
    gd_reach: dict
    budget: int
    target: float
    P: int

    @property
    def best_hc_step(self):
        """The nudge s that reached ``target`` with the fewest passes."""
        return _fastest(self.hc_reach)

    @property
    def best_gd_step(self):
        """The step size alpha that reached ``target`` with the fewest passes."""
        return _fastest(self.gd_reach)

    def table(self) -> str:
        """The comparison as a text table, one row per pair of steps; unsettled runs show a range, not digits."""
        rows = [
            f"P = {self.P}; forward passes to reach loss {self.target:g} (budget {self.budget:,})",
            "",
            f"{'hot and cold, each':>38} | {'gradient descent':>30}",
            f"{'step s':>6} {'passes':>11} {'final loss':>10} {'frozen':>8} | "
            f"{'step alpha':>10} {'passes':>11} {'final loss':>14}",
        ]
        for s, a in zip(self.hc_runs, self.gd_runs, strict=True):
            frozen = frozen_after(self.hc_runs[s])
            rows.append(
                f"{s:>6g} {show_count(self.hc_reach[s]):>11} {self.hc_runs[s].losses[-1]:>10.2e} "
                f"{'-' if frozen is None else frozen:>8} | {a:>10g} {show_count(self.gd_reach[a]):>11} "
                f"{final_loss_text(self.gd_runs[a].losses):>14}"
            )
        sweeps = next(iter(self.hc_runs.values())).losses.size - 1
        rows.append(
            f"(hot and cold: {sweeps} sweeps in the budget; frozen: the sweep after which nothing changed; "
            "a range: the run never settled, and its loss kept within that range over its second half)"
        )
        return "\n".join(rows)


def _show_passes(value) -> str:
    return f"{value:,.0f}" if np.isfinite(value) else "missed"


def _fastest(reach: dict):
    reached = {step: count for step, count in reach.items() if count is not None}
    if not reached:
        raise ValueError("no step reached the target within the budget")
    return min(reached, key=reached.get)


def show_count(count) -> str:
    """A count of passes as ``"2,115"``, or ``"not reached"`` for ``None``."""
    if count is None:
        return "not reached"
    if not is_int(count) or count < 0:
        raise TypeError(f"count must be an int >= 0 or None; got {_short_repr(count)} of type {type(count).__name__}")
    return f"{int(count):,}" if count < 10**30 else _short_repr(int(count))


def compare_steps(params, X, Y, *, hc_steps, gd_steps, budget, target):
    """Run hot and cold at every nudge in ``hc_steps`` and gradient descent at every alpha in ``gd_steps``.

    Every run starts from ``params`` (not modified) and gets ``budget``
    forward passes.

    Returns
    -------
    StepComparison
    """
    target = check_positive_number(target, "target")
    hc_steps, gd_steps = _steps(hc_steps, "hc_steps"), _steps(gd_steps, "gd_steps")
    if len(hc_steps) != len(gd_steps):
        raise ValueError(
            f"hc_steps and gd_steps must have the same length (the table pairs them); got {len(hc_steps)} "
            f"and {len(gd_steps)}"
        )
    sweeps_in_budget(_count_parameters(params), budget)
    updates_in_budget(budget)
    hc_runs = {s: hot_and_cold_run(params, X, Y, step=s, budget=budget) for s in hc_steps}
    gd_runs = {a: gradient_descent_run(params, X, Y, step=a, budget=budget) for a in gd_steps}
    hc_reach = {s: passes_to_reach(*hot_and_cold_work(run), target) for s, run in hc_runs.items()}
    gd_reach = {a: passes_to_reach(gradient_descent_work(run.losses), run.losses, target) for a, run in gd_runs.items()}
    return StepComparison(hc_runs, gd_runs, hc_reach, gd_reach, budget, target, _count_parameters(params))


def _sequence(values, name: str, what: str) -> list:
    """``values`` as a list: a list, a tuple, a range or a 1-D array, or a ``TypeError`` naming ``name``."""
    if isinstance(values, np.ndarray) and values.ndim == 1:
        return values.tolist()
    if not isinstance(values, (list, tuple, range)):
        raise TypeError(f"{name} must be a sequence (a list) of {what}; got {_short_repr(values)}")
    return list(values)


def _steps(values, name: str) -> list:
    """``values`` as a non-empty list of distinct finite numbers > 0, or the error naming ``name``."""
    values = _sequence(values, name, "steps")
    if not values:
        raise ValueError(f"{name} must hold at least one step")
    steps = [check_positive_number(value, f"each of {name}") for value in values]
    if len(set(steps)) != len(steps):
        raise ValueError(f"{name} must not repeat a step; got {steps}")
    return steps


def _ints(values, name: str, low: int) -> list:
    """``values`` as a non-empty list of ints >= ``low``, or the error naming ``name``."""
    values = _sequence(values, name, "ints")
    if not values:
        raise ValueError(f"{name} must hold at least one value")
    for value in values:
        if not is_int(value) or value < low:
            raise (TypeError if not is_int(value) else ValueError)(
                f"each of {name} must be an int >= {low}; got {_short_repr(value)}"
            )
    return [int(value) for value in values]


def reach_over_seeds(X, Y, *, n_hidden_values, seeds, hc_step, gd_step, budget, target):
    """Passes each method needs to reach ``target``, for every hidden width and every seeded start.

    Parameters
    ----------
    X, Y : array_like, shapes (n_in, m), (n_out, m)
    n_hidden_values : sequence of int
        The hidden widths ``n_hidden``.
    seeds : sequence of int
        The seeds of ``helpers.init_two_layer``; every method starts from the same network.
    hc_step, gd_step : float
        The nudge s of hot and cold ("each") and the step size alpha of gradient descent.
    budget : int
        Forward passes each run gets.
    target : float

    Returns
    -------
    dict of str to numpy.ndarray, shape (len(n_hidden_values), len(seeds))
        ``"hot and cold"`` and ``"gradient descent"``: passes to reach
        ``target``, ``inf`` where a run did not reach it within ``budget``.
    """
    X, Y = as_float_array(X, "X"), as_float_array(Y, "Y")
    if X.ndim != 2 or Y.ndim != 2:
        raise ValueError(f"X and Y must be 2-D, (n_in, m) and (n_out, m); got shapes {X.shape} and {Y.shape}")
    n_hidden_values, seeds = _ints(n_hidden_values, "n_hidden_values", 1), _ints(seeds, "seeds", 0)
    target = check_positive_number(target, "target")
    hc_step, gd_step = check_positive_number(hc_step, "hc_step"), check_positive_number(gd_step, "gd_step")
    for n_hidden in n_hidden_values:
        P = n_hidden * (X.shape[0] + 1) + Y.shape[0] * (n_hidden + 1)
        check_allocation(P, f"a network with n_hidden = {_show_int(n_hidden)}", "n_hidden_values")
        sweeps_in_budget(P, budget)
    updates_in_budget(budget)
    counts = {"hot and cold": [], "gradient descent": []}
    for n_hidden in n_hidden_values:
        hc_row, gd_row = [], []
        for seed in seeds:
            params = init_two_layer(X.shape[0], n_hidden, Y.shape[0], seed=seed)
            hc = hot_and_cold_run(params, X, Y, step=hc_step, budget=budget)
            gd = gradient_descent_run(params, X, Y, step=gd_step, budget=budget).losses
            hc_row.append(passes_to_reach(*hot_and_cold_work(hc), target))
            gd_row.append(passes_to_reach(gradient_descent_work(gd), gd, target))
        counts["hot and cold"].append(hc_row)
        counts["gradient descent"].append(gd_row)
    return {
        method: np.array([[np.inf if c is None else c for c in row] for row in rows], dtype=float)
        for method, rows in counts.items()
    }


def spread(counts):
    """Per row: how many runs reached the target, and the min, median and max of the passes, misses as ``inf``.

    Parameters
    ----------
    counts : array_like, shape (n_networks, n_seeds)
        From ``reach_over_seeds``.

    Returns
    -------
    dict of str to numpy.ndarray, shape (n_networks,)
        ``"reached"`` (int), ``"min"``, ``"median"``, ``"max"``: a median of
        ``inf`` means most runs missed.  With an even number of seeds the
        median is the lower middle value, so that it is always one of the runs.

    Examples
    --------
    >>> spread([[300, 200, float("inf")]])["median"]
    array([300.])
    """
    counts = _reach_counts(counts, "counts")
    ordered = np.sort(counts, axis=1)
    return {
        "reached": np.sum(np.isfinite(counts), axis=1),
        "min": ordered[:, 0],
        "median": ordered[:, (counts.shape[1] - 1) // 2],
        "max": ordered[:, -1],
    }


def _reach_counts(counts, name: str) -> np.ndarray:
    """``counts`` as a non-empty 2-D float array of counts >= 0 or ``inf`` (a miss): NaN and -inf are refused."""
    try:
        array = np.asarray(counts)
    except ValueError as error:
        raise ValueError(f"{name} must be a rectangular 2-D array of counts; got {_short_repr(counts)}") from error
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers (counts, or inf for a miss); got dtype {array.dtype}")
    array = array.astype(float)
    if array.ndim != 2 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array (n_networks, n_seeds); got shape {array.shape}")
    if np.any(np.isnan(array)) or np.any(array < 0):
        raise ValueError(f"{name} must hold counts >= 0, or inf for a run that missed; got NaN or a negative entry")
    return array


def seed_table(counts, n_hidden_values, *, n_in=2, n_out=1) -> str:
    """``reach_over_seeds``'s counts as a table: per network and method, reached runs, min, median, max."""
    if not isinstance(counts, dict) or not counts:
        raise TypeError(f"counts must be the dict reach_over_seeds returns; got {type(counts).__name__}")
    counts = {method: _reach_counts(value, f"counts[{method!r}]") for method, value in counts.items()}
    n_hidden_values = _ints(n_hidden_values, "n_hidden_values", 1)
    n_in, n_out = check_positive_int(n_in, "n_in"), check_positive_int(n_out, "n_out")
    shapes = {value.shape for value in counts.values()}
    if len(shapes) != 1 or next(iter(shapes))[0] != len(n_hidden_values):
        raise ValueError(
            f"every counts[...] must have shape (len(n_hidden_values), n_seeds) = ({len(n_hidden_values)}, ...); "
            f"got {sorted(shapes)}"
        )
    n_seeds = next(iter(counts.values())).shape[1]
    rows = [f"{'network':>8} {'P':>4} | {'method':>16} {'reached':>8} {'min':>6} {'median':>6} {'max':>6}"]
    spreads = {method: spread(c) for method, c in counts.items()}
    for k, n_hidden in enumerate(n_hidden_values):
        for i, (method, stats) in enumerate(spreads.items()):
            network = f"{n_in}-{n_hidden}-{n_out}" if i == 0 else ""
            P = f"{parameter_count(n_in, n_hidden, n_out)}" if i == 0 else ""
            reached = f"{stats['reached'][k]}/{n_seeds}"
            rows.append(
                f"{network:>8} {P:>4} | {method:>16} {reached:>8} "
                + " ".join(f"{_show_passes(stats[key][k]):>6}" for key in ("min", "median", "max"))
            )
    return "\n".join(rows)

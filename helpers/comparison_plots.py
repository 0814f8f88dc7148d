r"""Figures for notebook 05, *Hot and cold vs backprop*: one problem, two ways to learn it.

Three pictures compare hot and cold with gradient descent:

* paths over a loss surface you can see, that of one sigmoid unit with one
  input, :math:`a = \sigma(w x + b)`, whose two parameters span a plane
  (``layer_loss_grid``, ``trace_path``, ``each_staircase``,
  ``draw_loss_surface``, ``draw_path``, ``mark_point``);
* loss against work, counted in forward passes (``hot_and_cold_work``,
  ``gradient_descent_work``, ``passes_to_reach``, ``draw_work_curves``);
* the work of one update as the network grows, and the work measured to
  reach a loss (``parameter_count``, ``passes_per_update``,
  ``draw_cost_growth``, ``draw_passes_to_reach``).

Work is counted, never timed: a loss evaluation is one forward pass, and a
backward pass is counted as one forward pass (``make bench`` measures what
it really costs).  As in ``helpers.plotting``, each drawing function draws on
an ``Axes`` it is given and returns the artists it made.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.ticker import LogLocator, NullLocator, StrMethodFormatter

from ._validation import as_float_array, check_epochs, check_positive_int, check_positive_number
from .hot_and_cold_plots import run_curve
from .layer import sigmoid_layer
from .plotting import label_loss_axes, plot_loss_curve

#: The methods ``passes_per_update`` counts, in the order it lists them.
METHODS = ("hot and cold (each)", "finite differences", "backprop")


def _parameters_of(state):
    """``(W, b)`` from a ``(W, b)`` pair or from a record with ``.W`` and ``.b``."""
    if hasattr(state, "W") and hasattr(state, "b"):
        return state.W, state.b
    W, b = state
    return W, b


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
        raise TypeError(f"train_one_epoch must be a function train_one_epoch(W, b); got {train_one_epoch!r}")
    epochs = check_epochs(epochs)
    W, b = as_float_array(W, "W"), as_float_array(b, "b")
    path = [np.concatenate([W.ravel(), b.ravel()])]
    for _ in range(epochs):
        W, b = _parameters_of(train_one_epoch(W, b))
        path.append(np.concatenate([np.ravel(W), np.ravel(b)]))
    return np.array(path)


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
    points = [path[0]]
    for before, after in zip(path[:-1], path[1:]):
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
    ww, bb = np.meshgrid(w_values.ravel(), b_values.ravel())
    a = sigmoid_layer(x, ww.reshape(-1, 1), bb.reshape(-1, 1))  # (grid points, m)
    return np.mean((y - a) ** 2, axis=1).reshape(ww.shape)


def draw_loss_surface(ax, w_values, b_values, losses, *, levels=15):
    """Draw a loss surface over ``(w, b)`` as filled contours with log-spaced levels.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    w_values : array_like, shape (n_w,)
    b_values : array_like, shape (n_b,)
    losses : array_like, shape (n_b, n_w)
        From ``layer_loss_grid``; all positive.
    levels : int
        Number of contour levels, spaced evenly in ``log(loss)`` from the
        smallest loss on the grid to the largest.

    Returns
    -------
    filled : matplotlib.contour.QuadContourSet
        The shading, whose ``.levels`` are the levels used.
    lines : matplotlib.contour.QuadContourSet
        The thin contour lines at the same levels.
    """
    losses = as_float_array(losses, "losses")
    if np.any(losses <= 0):
        raise ValueError("losses must all be positive for log-spaced levels")
    bounds = np.geomspace(losses.min(), losses.max(), check_positive_int(levels, "levels"))
    filled = ax.contourf(w_values, b_values, losses, levels=bounds, norm=LogNorm(), cmap="viridis_r")
    lines = ax.contour(w_values, b_values, losses, levels=bounds, colors="k", linewidths=0.4, alpha=0.4)
    ax.set_xlabel("weight $w$")
    ax.set_ylabel("bias $b$")
    return filled, lines


def draw_path(ax, points, *, label, **line_kwargs):
    """Draw a path through parameter space, columns ``(w, b)``, as a line with a dot per point.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    points : array_like, shape (n, 2)
        From ``trace_path`` (or ``each_staircase``): one point per row.
    label : str
        Legend label.
    **line_kwargs
        Passed to ``Axes.plot`` (e.g. ``color``, ``marker``).

    Returns
    -------
    matplotlib.lines.Line2D
    """
    points = as_float_array(points, "points")
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), columns (w, b); got shape {points.shape}")
    style = {"marker": "o", "markersize": 3, "linewidth": 1.5} | line_kwargs
    (line,) = ax.plot(points[:, 0], points[:, 1], label=label, **style)
    return line


def mark_point(ax, point, *, label, marker="*", **line_kwargs):
    """Mark one point ``(w, b)``, such as the start or the minimum.

    Returns
    -------
    matplotlib.lines.Line2D
        A single marker, no line.
    """
    w, b = as_float_array(point, "point").ravel()
    style = {"markersize": 14, "markeredgecolor": "k", "linestyle": "none"} | line_kwargs
    (line,) = ax.plot([w], [b], marker=marker, label=label, **style)
    return line


def hot_and_cold_work(result):
    """The loss of a hot-and-cold run against the forward passes spent, starting with the initial loss.

    Parameters
    ----------
    result : HotAndColdResult or HotAndColdTwoLayerResult
        Anything with ``.initial_loss``, ``.losses`` and ``.evaluations``.

    Returns
    -------
    passes : numpy.ndarray of int, shape (epochs + 1,)
        ``1`` (the initial loss), then ``result.evaluations``.
    losses : numpy.ndarray, shape (epochs + 1,)
        ``result.initial_loss``, then ``result.losses``.
    """
    return run_curve(result, by="evaluations")


def gradient_descent_work(losses, *, backward_cost=1):
    """The forward passes by which ``helpers.gradient_descent`` knows each of its losses.

    ``losses[k]`` is the loss after ``k`` updates.  It is computed by the
    forward pass that starts epoch ``k + 1``, after ``k`` epochs of one
    forward and one backward pass each: ``1 + 2 k`` passes when a backward
    pass is counted as one forward pass.

    Parameters
    ----------
    losses : array_like, shape (epochs,)
        What ``helpers.gradient_descent`` returned.
    backward_cost : int or float
        What one backward pass is counted as, in forward passes, > 0.

    Returns
    -------
    numpy.ndarray, shape (epochs,)
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
    if isinstance(backward_cost, bool) or not isinstance(backward_cost, (int, np.integer)):
        backward_cost = check_positive_number(backward_cost, "backward_cost")
    elif backward_cost < 1:
        raise ValueError(f"backward_cost must be greater than 0; got {backward_cost}")
    return 1 + (1 + backward_cost) * np.arange(losses.size)


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
    if passes.shape != losses.shape:
        raise ValueError(f"passes and losses must have the same shape; got {passes.shape} and {losses.shape}")
    level = check_positive_number(level, "level")
    reached = np.flatnonzero(losses <= level)
    return int(passes[reached[0]]) if reached.size else None


def draw_work_curves(ax, curves, *, levels=(), ylabel="loss", title=None):
    """Draw loss against forward passes for several runs, both axes on log scales.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    curves : dict of str to (array_like, array_like)
        Legend label to ``(passes, losses)``, e.g. from ``hot_and_cold_work``
        or ``gradient_descent_work``.
    levels : sequence of float
        Loss levels to draw as dotted horizontal lines.
    ylabel : str
    title : str, optional

    Returns
    -------
    curves : list of matplotlib.lines.Line2D
        One per run, in the order given.
    level_lines : list of matplotlib.lines.Line2D
        One per level.
    """
    lines = [plot_loss_curve(ax, losses, x=passes, label=label) for label, (passes, losses) in curves.items()]
    level_lines = [ax.axhline(level, color="0.4", linestyle=":", linewidth=1) for level in levels]
    ax.set_xscale("log")
    label_loss_axes(ax, xlabel="forward passes (log scale)", ylabel=ylabel, title=title, log_y=True)
    return lines, level_lines


def draw_passes_to_reach(ax, parameter_counts, passes, *, label, budget, **line_kwargs):
    """Draw, against ``P``, the forward passes a method needed to reach a loss, and where it did not.

    Both axes are logarithmic, with plain-number labels: the horizontal
    ticks at the given ``P`` values, the vertical ones at 1, 2 and 5 times
    powers of ten.  Call it once per method on the same ``Axes``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    parameter_counts : array_like of int, shape (n,)
        The ``P`` of each network.
    passes : sequence of int or None, length n
        From ``passes_to_reach``; ``None`` where the run did not reach the
        loss within ``budget`` passes.
    label : str
        Legend label of the reached points.
    budget : int
        The most passes any run was given; a network whose run fell short is
        drawn as an open triangle at this height.
    **line_kwargs
        Passed to ``Axes.plot`` for the reached points.

    Returns
    -------
    reached : matplotlib.lines.Line2D
        The networks that reached the loss, joined by a line.
    missed : matplotlib.lines.Line2D
        Open triangles at ``budget`` for the others (no data if there are none).
    """
    P = np.asarray(parameter_counts, dtype=float)
    if len(passes) != P.size:
        raise ValueError(f"passes must have one entry per network ({P.size}); got {len(passes)}")
    budget = check_positive_int(budget, "budget")
    hit = np.array([count is not None for count in passes], dtype=bool)
    counts = np.array([count for count in passes if count is not None], dtype=float)
    (reached,) = ax.plot(P[hit], counts, label=label, **({"marker": "o"} | line_kwargs))
    (missed,) = ax.plot(
        P[~hit], np.full(np.count_nonzero(~hit), float(budget)), marker="^", markersize=10, linestyle="none",
        markerfacecolor="none", color=reached.get_color(),
        label=f"{label}: not reached within {budget:,}" if not hit.all() else None,
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(P, [f"{p:,.0f}" for p in P])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.yaxis.set_minor_locator(NullLocator())
    return reached, missed


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
    return dict(zip(METHODS, (2 * P, 2 * P, 2)))


def draw_cost_growth(ax, parameter_counts, *, title=None):
    """Draw the forward passes per update against the number of parameters, log-log.

    Hot and cold "each" and finite differences cost the same ``2 P``, so
    they share one line; backprop's ``2`` is flat.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    parameter_counts : array_like of int, shape (n,)
        The ``P`` of each network, increasing.
    title : str, optional

    Returns
    -------
    dict of str to matplotlib.lines.Line2D
        ``"2P"`` (hot and cold and finite differences) and ``"backprop"``.
    """
    P = np.asarray(parameter_counts)
    counts = [passes_per_update(int(p)) for p in P]
    two_p = ax.plot(P, [c[METHODS[0]] for c in counts], marker="o",
                    label="hot and cold (each), finite differences: $2P$")[0]
    backprop = ax.plot(P, [c["backprop"] for c in counts], marker="s", label="backprop: 1 forward + 1 backward")[0]
    ax.set_xscale("log")
    ax.set_yscale("log")
    label_loss_axes(ax, xlabel="parameters $P$ (log scale)", ylabel="forward passes per update (log scale)",
                    title=title)
    return {"2P": two_p, "backprop": backprop}

"""Figures for notebook 03, *Hot and cold*: runs by epoch and by cost.

A hot-and-cold run is cheap per epoch or cheap per loss evaluation, rarely
both, so these functions draw a run against either axis.  ``plot_weight_runs``
draws the one-weight runs of ``helpers.one_weight`` as weight against iteration, and
``seed_cost_against_its_mse`` what the seed printed beside what it meant.  Each draws on an
``Axes`` it is given and returns the artists it made, like
``helpers.figures.plotting``.
"""

from __future__ import annotations

import numpy as np

from .._validation import _real_number, _short_repr, as_float_array, check_choice, is_int
from .plotting import (
    check_axes,
    check_axes_sequence,
    check_mapping,
    figure_legend_below,
    label_loss_axes,
    plot_loss_curve,
)
from .style import OKABE_ITO


def run_curve(result, *, by="epoch"):
    """The points of a hot-and-cold run's loss curve, starting before epoch 1.

    Parameters
    ----------
    result : HotAndColdResult
        What ``helpers.hot_and_cold`` returned.
    by : {"epoch", "evaluations"}
        The horizontal axis: epochs ``0 .. epochs``, or the cumulative number
        of loss evaluations ``result.evaluations`` (1 for the initial loss).

    Returns
    -------
    x : numpy.ndarray, shape (epochs + 1,)
    losses : numpy.ndarray, shape (epochs + 1,)
        ``result.losses`` (entry 0: the initial loss).

    Raises
    ------
    TypeError, ValueError
        If ``by`` is neither ``"epoch"`` nor ``"evaluations"``, or ``result``
        is not a run record with finite 1-D ``losses`` and ``evaluations`` of
        the same length and a finite ``initial_loss``.
    """
    check_choice(by, "by", ("epoch", "evaluations"))
    _check_run(result)
    losses = np.asarray(result.losses, dtype=float)
    if by == "epoch":
        x = np.arange(losses.size)
    elif by == "evaluations":
        x = np.asarray(result.evaluations)
    else:
        raise ValueError(f"by must be 'epoch' or 'evaluations'; got {_short_repr(by)}")
    return x, losses


def _check_run(result) -> None:
    """Raise unless ``result`` looks like a ``HotAndColdResult`` (or ``LayerRun``): the message names ``result``."""
    missing = [name for name in ("initial_loss", "losses", "evaluations") if not hasattr(result, name)]
    if missing:
        raise TypeError(
            f"result must be what helpers.hot_and_cold returned (a HotAndColdResult); got "
            f"{type(result).__name__}, which has no {', '.join(missing)}"
        )
    _real_number(result.initial_loss, "result.initial_loss")
    losses = as_float_array(result.losses, "result.losses")
    evaluations = as_float_array(result.evaluations, "result.evaluations")
    if losses.ndim != 1 or evaluations.shape != losses.shape:
        raise ValueError(
            f"result.losses and result.evaluations must be 1-D of the same length; got shapes "
            f"{losses.shape} and {evaluations.shape}"
        )


def draw_floor(ax, floor, *, label="floor"):
    """Draw the loss no run can go below as a dashed horizontal line.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    floor : float
        The infimum of the loss.
    label : str
        Legend label.

    Returns
    -------
    matplotlib.lines.Line2D
    """
    check_axes(ax)
    floor = _real_number(floor, "floor")
    return ax.axhline(floor, color="k", linestyle=(0, (6, 3)), linewidth=1.5, marker="none", label=label)


def compare_runs(axes, runs, *, floor=None, log_y=False, title=None):
    """Draw several runs twice: loss per epoch, and loss per loss evaluation.

    Parameters
    ----------
    axes : sequence of two matplotlib.axes.Axes
        Left: loss against epoch.  Right: loss against the cumulative number
        of loss evaluations, on a log scale (the real cost of a run).
    runs : dict of str to HotAndColdResult
        Legend label to run.
    floor : float, optional
        Drawn on both axes with ``draw_floor``.
    log_y : bool
        Plot the loss on a log scale.
    title : str, optional
        Prefix for both axes' titles.

    Both panels share one legend, under them (``figure_legend_below``).

    Returns
    -------
    list of matplotlib.lines.Line2D
        The curves, left axes first.
    """
    axes = check_axes_sequence(axes, "axes", 2)
    check_mapping(runs, "runs", "labels to HotAndColdResult")
    if floor is not None:
        floor = _real_number(floor, "floor")
    lines, floors = [], []
    for ax, by, xlabel in zip(axes, ("epoch", "evaluations"), ("epoch", "loss evaluations (log scale)"), strict=True):
        for label, result in runs.items():
            x, losses = run_curve(result, by=by)
            lines.append(plot_loss_curve(ax, losses, x=x, label=label))
        if floor is not None:
            floors.append(draw_floor(ax, floor))
        if by == "evaluations":
            ax.set_xscale("log")
        heading = f"per {'epoch' if by == 'epoch' else 'loss evaluation'}"
        label_loss_axes(
            ax,
            xlabel=xlabel,
            ylabel="loss (MSE)",
            title=f"{title}: {heading}" if title else heading,
            log_y=log_y,
            legend=None,
        )
    figure_legend_below(axes[0].figure, lines[: len(runs)] + floors[:1], ncols=len(runs) + len(floors[:1]))
    return lines


def seed_cost_against_its_mse(axes, seed_costs, seed_path, corrected, *, floor, best_epoch):
    """Draw what the seed printed beside what it meant: its cost, then the MSE along its path.

    Parameters
    ----------
    axes : sequence of two matplotlib.axes.Axes
        Left: the seed's printed cost per epoch.  Right: the mean squared error of the
        seed's parameters after each epoch, the corrected run (MSE, all parameters
        nudged together) and the floor no run can pass.
    seed_costs : array_like, shape (epochs,)
        The seed's printed ``cost_func`` after epochs ``1 .. epochs``.
    seed_path : array_like, shape (epochs,)
        The MSE of the seed's parameters after epochs ``1 .. epochs``.
    corrected : array_like, shape (epochs + 1,)
        The corrected run's losses, entry 0 before any epoch (``HotAndColdResult.losses``).
    floor : float
        The lowest loss any parameters reach (the target 1.23 is out of a sigmoid's reach).
    best_epoch : int
        The epoch where the seed's path has its lowest MSE, from 1 to ``epochs``: a dotted line.

    Each panel has its own legend, under it (the two show different things).

    Returns
    -------
    list of matplotlib.lines.Line2D
        The seed's cost, the seed's path, the corrected run, the floor and the dotted line.
    """
    ax_seed, ax_ours = check_axes_sequence(axes, "axes", 2)
    costs = as_float_array(seed_costs, "seed_costs")
    if costs.ndim != 1:
        raise ValueError(f"seed_costs must be 1-D, one cost per epoch; got shape {costs.shape}")
    path = as_float_array(seed_path, "seed_path")
    if path.shape != costs.shape:
        raise ValueError(
            f"seed_path must have the shape of seed_costs {costs.shape}, one MSE per epoch; got {path.shape}"
        )
    run = as_float_array(corrected, "corrected")
    if run.shape != (path.size + 1,):
        raise ValueError(
            f"corrected must hold the start and one loss per epoch of seed_path, shape ({path.size + 1},); "
            f"got shape {run.shape}"
        )
    if not is_int(best_epoch) or not 1 <= best_epoch <= path.size:
        raise ValueError(f"best_epoch must be an epoch of seed_path, 1 to {path.size}; got {_short_repr(best_epoch)}")
    floor = _real_number(floor, "floor")
    vermillion, blue = OKABE_ITO["vermillion"], OKABE_ITO["blue"]
    lines = [
        plot_loss_curve(ax_seed, seed_costs, label="seed's printed cost (sum over the (2,2) matrix)", color=vermillion)
    ]
    label_loss_axes(ax_seed, ylabel="seed's cost_func", title="What the seed printed: a wrong quantity")
    lines.append(plot_loss_curve(ax_ours, path, label="seed's path, measured with the MSE", color=vermillion))
    lines.append(
        plot_loss_curve(ax_ours, run, x=np.arange(run.size), label="corrected run (MSE, together)", color=blue)
    )
    lines.append(draw_floor(ax_ours, floor, label="floor (1.23 out of reach)"))
    lowest = f"lowest MSE on the seed's path (epoch {int(best_epoch)})"
    lines.append(ax_ours.axvline(int(best_epoch), color=vermillion, linestyle=":", linewidth=1.5, label=lowest))
    label_loss_axes(ax_ours, ylabel="loss (MSE)", title="The mean squared error the seed meant")
    return lines


def plot_weight_runs(ax, runs, *, goal, first=0, title=None):
    """Draw one-weight runs as weight against iteration, with the goal weight.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    runs : dict of str to OneWeightRun
        Legend label to run (what ``helpers.one_weight.run`` returns).
    goal : float
        The weight whose prediction hits the target, drawn dashed.
    first : int
        The first iteration drawn (to zoom in on the end of a run), >= 0.
    title : str, optional

    Returns
    -------
    list of matplotlib.lines.Line2D
        One curve per run, in the order of ``runs``.

    Raises
    ------
    ValueError
        If ``first`` is negative or not before the end of every run.
    """
    check_axes(ax)
    goal = _real_number(goal, "goal")
    check_mapping(runs, "runs", "labels to OneWeightRun")
    if not is_int(first):
        raise TypeError(f"first must be an int; got {_short_repr(first)} of type {type(first).__name__}")
    if first < 0 or any(first >= run.weights.size for run in runs.values()):
        raise ValueError(f"first must be an iteration inside every run, >= 0; got {_short_repr(first)}")
    lines = []
    for (label, run), style in zip(runs.items(), ({"marker": "o"}, {"marker": "x", "linestyle": "--"}), strict=True):
        iterations = np.arange(first, run.weights.size)
        (line,) = ax.plot(
            iterations, run.weights[first:], label=label, markersize=6 if first else 0, markevery=1, **style
        )
        lines.append(line)
    ax.axhline(goal, color="k", linestyle=":", linewidth=1.5, label=f"goal weight {goal:g}")
    label_loss_axes(ax, xlabel="iteration", ylabel="weight w", title=title)
    return lines

r"""Figures for notebook 05, *Hot and cold vs backprop*: one problem, two ways to learn it.

The pictures that compare hot and cold with gradient descent; what they
show is computed by ``helpers.comparison`` (this module draws only):

* paths over a loss surface you can see, that of one sigmoid unit with one
  input, :math:`a = \sigma(w x + b)` (``draw_loss_surface``, ``draw_path``,
  ``mark_point``, ``draw_three_paths``);
* loss against work, counted in forward passes (``draw_work_curves``,
  ``draw_best_runs``);
* the work of one update as the network grows, and the work measured to
  reach a loss over several seeded starts (``draw_cost_growth``,
  ``draw_passes_to_reach``, ``draw_seed_counts``).

Work is counted, never timed: a loss evaluation is one forward pass, and a
backward pass is counted as one forward pass (``make bench`` measures what
it really costs).  As in ``helpers.figures.plotting``, each drawing function draws on
an ``Axes`` it is given and returns the artists it made.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.patheffects import Normal, Stroke
from matplotlib.ticker import LogLocator, NullLocator, StrMethodFormatter

from .._validation import _real_number, _short_repr, as_float_array, check_int_in_range, is_int
from ..comparison import METHODS, each_staircase, gradient_descent_work, hot_and_cold_work, passes_per_update, spread
from .plotting import (
    MAX_COUNT,
    check_axes,
    check_counts,
    check_figure,
    check_log_plottable,
    check_mapping,
    check_parameter_counts,
    figure_legend_below,
    label_loss_axes,
    place_legend,
    plot_loss_curve,
)
from .style import OKABE_ITO

#: A white outline under a path's line and markers: the path stays visible on the dark and the light
#: parts of the surface, also to a deuteranope (tests/test_colour_blind_contrast.py checks it).
OUTLINED = (Stroke(linewidth=6, foreground="white"), Normal())


#: The most contour levels ``draw_loss_surface`` draws (a larger count is refused before anything is made).
MAX_LEVELS = 1000


def _check_surface(w_values, b_values, losses, losses_name: str) -> None:
    """Raise unless ``w_values`` and ``b_values`` are 1-D grids and ``losses`` has shape ``(n_b, n_w)``."""
    w = as_float_array(w_values, "w_values")
    b = as_float_array(b_values, "b_values")
    for name, values in (("w_values", w), ("b_values", b)):
        if values.ndim != 1 or values.size < 2:
            raise ValueError(f"{name} must be 1-D with at least 2 grid values; got shape {values.shape}")
    shape = as_float_array(losses, losses_name).shape
    if shape != (b.size, w.size):
        raise ValueError(
            f"{losses_name} must have shape (len(b_values), len(w_values)) = {(b.size, w.size)}; got shape {shape}"
        )


def _check_point(point, name: str) -> tuple[float, float]:
    """Return ``point`` as ``(w, b)``, two finite floats, naming ``name`` otherwise."""
    values = as_float_array(point, name)
    if values.size != 2:
        raise ValueError(f"{name} must be one point (w, b), 2 numbers; got shape {values.shape}")
    w, b = values.ravel()
    return w, b


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
    check_axes(ax)
    _check_surface(w_values, b_values, losses, "losses")
    losses = as_float_array(losses, "losses")
    if np.any(losses <= 0):
        raise ValueError("losses must all be positive for log-spaced levels")
    bounds = np.geomspace(losses.min(), losses.max(), check_int_in_range(levels, "levels", 1, MAX_LEVELS))
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
    check_axes(ax)
    points = as_float_array(points, "points")
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), columns (w, b); got shape {points.shape}")
    style = {"marker": "o", "markersize": 4, "linewidth": 2, "markevery": 1} | line_kwargs
    (line,) = ax.plot(points[:, 0], points[:, 1], label=label, **style)
    return line


def mark_point(ax, point, *, label, marker="*", **line_kwargs):
    """Mark one point ``(w, b)``, such as the start or the minimum.

    Returns
    -------
    matplotlib.lines.Line2D
        A single marker, no line.
    """
    check_axes(ax)
    w, b = _check_point(point, "point")
    style = {"markersize": 14, "markeredgecolor": "k", "linestyle": "none", "markevery": 1} | line_kwargs
    (line,) = ax.plot([w], [b], marker=marker, label=label, **style)
    return line


def draw_work_curves(ax, curves, *, levels=(), ylabel="loss", title=None, legend="below"):
    """Draw loss against forward passes for several runs, both axes on log scales.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    curves : dict of str to (array_like, array_like)
        Legend label to ``(passes, losses)``, e.g. from ``hot_and_cold_work``
        or ``gradient_descent_work``.
    levels : sequence of float
        Loss levels to draw as dotted horizontal lines, each labelled with its value at the right edge.
    ylabel : str
    title : str, optional
    legend : str or None
        Where the legend goes (as for ``label_loss_axes``); ``None`` for none.

    Returns
    -------
    curves : list of matplotlib.lines.Line2D
        One per run, in the order given.
    level_lines : list of matplotlib.lines.Line2D
        One per level.
    """
    check_axes(ax)
    check_mapping(curves, "curves", "labels to (passes, losses)")
    levels = _check_levels(levels)
    lines = [plot_loss_curve(ax, losses, x=passes, label=label) for label, (passes, losses) in curves.items()]
    level_lines = [ax.axhline(level, color="0.4", linestyle=":", linewidth=1.5, marker="none") for level in levels]
    for level in levels:  # each dotted line says which loss it marks, at the right edge, outside the data
        ax.annotate(
            f"{level:g}",
            xy=(1.0, level),
            xycoords=ax.get_yaxis_transform(),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize=12,
            color="0.25",
        )
    ax.set_xscale("log")
    label_loss_axes(ax, xlabel="forward passes (log scale)", ylabel=ylabel, title=title, log_y=True, legend=legend)
    return lines, level_lines


def _check_levels(levels) -> list:
    """Return ``levels`` (loss levels for dotted lines) as a list of floats; ``()`` for none."""
    if isinstance(levels, (tuple, list)) and len(levels) == 0:
        return []
    array = as_float_array(levels, "levels")
    if array.ndim != 1:
        raise ValueError(f"levels must be a sequence of loss levels, 1-D; got shape {array.shape}")
    check_log_plottable(array, "levels")
    if not np.all(array > 0):
        raise ValueError(f"levels must all be greater than 0 (a log axis); got {array.tolist()}")
    return array.tolist()


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
    check_axes(ax)
    P = check_parameter_counts(parameter_counts)
    if not isinstance(passes, (list, tuple, np.ndarray)) or np.ndim(passes) != 1:
        raise TypeError(f"passes must be a sequence of int or None, one per network; got {type(passes).__name__}")
    if len(passes) != P.size:
        raise ValueError(f"passes must have one entry per network ({P.size}); got {len(passes)}")
    budget = check_int_in_range(budget, "budget", 1, MAX_COUNT)
    hit = np.array([count is not None for count in passes], dtype=bool)
    counts = check_counts([count for count in passes if count is not None], "passes")
    (reached,) = ax.plot(P[hit], counts, label=label, **({"marker": "o", "markevery": 1} | line_kwargs))
    (missed,) = ax.plot(
        P[~hit],
        np.full(np.count_nonzero(~hit), float(budget)),
        marker="^",
        markersize=11,
        linestyle="none",
        markerfacecolor="none",
        color=reached.get_color(),
        markevery=1,
        label=f"{label}:\nnot reached within {budget:,}" if not hit.all() else None,
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(P, [f"{p:,.0f}" for p in P])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.yaxis.set_minor_locator(NullLocator())
    return reached, missed


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
    check_axes(ax)
    P = check_parameter_counts(parameter_counts).astype(int)
    counts = [passes_per_update(int(p)) for p in P]
    two_p = ax.plot(
        P,
        [c[METHODS[0]] for c in counts],
        marker="o",
        markevery=1,
        label="hot and cold (each) and\nfinite differences: $2P$",
    )[0]
    backprop = ax.plot(
        P, [c["backprop"] for c in counts], marker="s", markevery=1, label="backprop: 1 forward + 1 backward"
    )[0]
    ax.set_xscale("log")
    ax.set_yscale("log")
    label_loss_axes(
        ax, xlabel="parameters $P$ (log scale)", ylabel="forward passes per update (log scale)", title=title
    )
    return {"2P": two_p, "backprop": backprop}


def draw_seed_counts(ax, parameter_counts, counts, **line_kwargs):
    """Draw every seeded run's passes to reach a loss as small dots, one column of dots per network.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    parameter_counts : array_like of int, shape (n,)
        The ``P`` of each network.
    counts : array_like, shape (n, n_seeds)
        From ``helpers.comparison.reach_over_seeds``; ``inf`` (a run that
        missed) is not drawn.
    **line_kwargs
        Passed to ``Axes.plot`` (e.g. ``color``).

    Returns
    -------
    matplotlib.lines.Line2D
        The dots, no line.
    """
    check_axes(ax)
    P = check_parameter_counts(parameter_counts)
    counts = check_counts(counts, "counts")
    if counts.ndim != 2 or counts.shape[0] != P.size:
        raise ValueError(f"counts must have shape ({P.size}, n_seeds), one row per network; got {counts.shape}")
    columns = np.repeat(P[:, None], counts.shape[1], axis=1)
    hit = np.isfinite(counts)
    style = {"marker": ".", "markersize": 6, "linestyle": "none", "alpha": 0.6, "markevery": 1} | line_kwargs
    (dots,) = ax.plot(columns[hit], counts[hit], **style)
    return dots


def draw_paths_on_surface(fig, ax, w_values, b_values, surface, paths, *, start, minimum, epochs):
    """Notebook 05's first figure: the loss surface of one unit and the paths of the three rules over it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        For the colour bar.
    ax : matplotlib.axes.Axes
    w_values, b_values, surface
        As for ``draw_loss_surface``.
    paths : dict of str to array_like, shape (epochs + 1, 2)
        ``"hot and cold, together"``, ``"hot and cold, each"`` and
        ``"gradient descent"``, from ``helpers.comparison.trace_path``.
    start, minimum : (float, float)
        ``(w, b)`` of the start and of the minimum.
    epochs : int
        For the title.

    Returns
    -------
    dict of str to matplotlib.lines.Line2D
        The three paths, keyed like ``paths``.
    """
    check_figure(fig, "fig")
    check_axes(ax)
    _check_surface(w_values, b_values, surface, "surface")
    _check_paths(paths)
    _check_point(start, "start")
    _check_point(minimum, "minimum")
    if not is_int(epochs) or epochs < 0:
        raise TypeError(f"epochs must be an int >= 0, for the title; got {_short_repr(epochs)}")
    check_int_in_range(epochs, "epochs", 0, MAX_COUNT)
    filled, _ = draw_loss_surface(ax, w_values, b_values, surface)
    colorbar = fig.colorbar(filled, ax=ax, ticks=[1e-3, 1e-2, 1e-1])
    colorbar.ax.set_yticklabels(["0.001", "0.01", "0.1"])
    colorbar.set_label("loss L(w, b) (MSE, log scale)")
    lines = {
        "hot and cold, together": draw_path(
            ax,
            paths["hot and cold, together"],
            color=OKABE_ITO["vermillion"],
            linewidth=3,
            marker="o",
            markersize=5,
            linestyle="-",
            path_effects=OUTLINED,
            label="hot and cold, together: a diagonal",
        ),
        "hot and cold, each": draw_path(
            ax,
            each_staircase(paths["hot and cold, each"]),
            color="black",
            linestyle="--",
            marker="s",
            markersize=5,
            markevery=2,
            path_effects=OUTLINED,
            label="hot and cold, each: a staircase",
        ),
        "gradient descent": draw_path(
            ax,
            paths["gradient descent"],
            color="white",
            linestyle="-",
            marker="^",
            markersize=4.5,
            markeredgewidth=0,
            path_effects=[Stroke(linewidth=3.5, foreground="black"), Normal()],
            label="gradient descent: chords, each leaving along $-\\nabla L$",
        ),
    }
    mark_point(ax, start, label="start", marker="o", color="white", markersize=12)
    mark_point(ax, minimum, label="minimum", color="black", markeredgecolor="white", markeredgewidth=1.5, markersize=20)
    ax.set_aspect("equal")
    ax.set_title(f"One sigmoid unit, {epochs} epochs of each rule\n(markers: one per epoch)")
    ax.grid(False)
    place_legend(ax, "below", ncols=2, fontsize=11.5, handlelength=2.5, columnspacing=1.0)
    return lines


#: The paths ``draw_paths_on_surface`` draws, by name.
PATH_NAMES = ("hot and cold, together", "hot and cold, each", "gradient descent")


def _check_paths(paths) -> None:
    """Raise unless ``paths`` is a dict with a path for each of ``PATH_NAMES`` (checked as points by ``draw_path``)."""
    if not isinstance(paths, dict):
        raise TypeError(f"paths must be a dict of {list(PATH_NAMES)} to (w, b) points; got {type(paths).__name__}")
    missing = [name for name in PATH_NAMES if name not in paths]
    if missing:
        raise ValueError(f"paths must have a path for each of {list(PATH_NAMES)}; missing {missing}")
    for name in PATH_NAMES:
        points = as_float_array(paths[name], f"paths[{name!r}]")
        if points.ndim != 2 or points.shape[1] != 2 or points.shape[0] < 1:
            raise ValueError(f"paths[{name!r}] must have shape (epochs + 1, 2), (w, b) rows; got shape {points.shape}")


def draw_best_runs(ax_epoch, ax_work, hc_run, gd_losses, *, labels, levels):
    """Notebook 05's second figure: the best run of each method, per epoch (left) and per forward pass (right).

    Parameters
    ----------
    ax_epoch, ax_work : matplotlib.axes.Axes
    hc_run : HotAndColdTwoLayerResult
    gd_losses : array_like, shape (epochs,)
        ``gd_losses[k]``: the loss after ``k`` updates.
    labels : (str, str)
        Legend labels: hot and cold, gradient descent.
    levels : sequence of float
        Loss levels drawn as labelled dotted lines on the right.

    The two panels share one legend, under both (``figure_legend_below``).

    Returns
    -------
    list of matplotlib.lines.Line2D
        The four curves: per epoch (hot and cold, gradient descent), then per pass.
    """
    check_axes(ax_epoch, "ax_epoch")
    check_axes(ax_work, "ax_work")
    gd_losses = check_log_plottable(as_float_array(gd_losses, "gd_losses"), "gd_losses")
    if gd_losses.ndim != 1 or gd_losses.size < 2:
        raise ValueError(f"gd_losses must be 1-D, the loss after each of 1 or more updates; got {gd_losses.shape}")
    if not hasattr(hc_run, "losses"):
        raise TypeError(f"hc_run must be a HotAndColdTwoLayerResult; got {type(hc_run).__name__}")
    levels = _check_levels(levels)
    per_epoch = [
        plot_loss_curve(ax_epoch, hc_run.losses[1:], label=labels[0]),  # losses[k]: after k epochs; from 1 on
        plot_loss_curve(ax_epoch, gd_losses[1:], label=labels[1]),
    ]  # (the epoch axis is logarithmic)
    ax_epoch.set_xscale("log")
    label_loss_axes(
        ax_epoch,
        xlabel="epoch (log scale)",
        ylabel="mean cross-entropy",
        title="Per epoch: hot and cold looks far ahead",
        log_y=True,
        legend=None,
    )
    per_pass, _ = draw_work_curves(
        ax_work,
        {labels[0]: hot_and_cold_work(hc_run), labels[1]: (gradient_descent_work(gd_losses), gd_losses)},
        levels=levels,
        ylabel="mean cross-entropy",
        title="Per forward pass: the real cost\n(dotted: the loss levels of the table)",
        legend=None,
    )
    figure_legend_below(ax_epoch.figure, per_epoch)
    return per_epoch + per_pass


def draw_measured_over_seeds(
    ax, parameter_counts, measured, *, labels, budget, target, colors=(OKABE_ITO["blue"], OKABE_ITO["vermillion"])
):
    """Section 3's measured panel: per method, the median passes to reach ``target`` and every seed's count.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    parameter_counts : array_like of int, shape (n,)
        The ``P`` of each network.
    measured : dict of str to array_like, shape (n, n_seeds)
        From ``helpers.comparison.reach_over_seeds`` (``inf``: not reached).
    labels : dict of str to str
        Legend label per method (a key of ``measured``).
    budget : int
        The passes every run was given, drawn as a dashed line; a median
        that is not reached is drawn as an open triangle on it.
    target : float
        The loss the runs had to reach, for the axis label.
    colors : sequence of str
        One per method, in the order of ``measured``.

    Returns
    -------
    dict of str to (Line2D, Line2D, Line2D)
        Per method: the medians reached, the medians missed, the seeds' dots.
    """
    check_axes(ax)
    P = check_parameter_counts(parameter_counts)
    check_mapping(measured, "measured", "methods to counts")
    for method, counts in measured.items():
        shape = check_counts(counts, f"measured[{method!r}]").shape
        if len(shape) != 2 or shape[0] != P.size:
            raise ValueError(
                f"measured[{method!r}] must have shape ({P.size}, n_seeds), a row per parameter_counts entry; "
                f"got shape {shape}"
            )
    budget = check_int_in_range(budget, "budget", 1, MAX_COUNT)
    target = _real_number(target, "target")
    artists = {}
    for (method, counts), color in zip(measured.items(), colors, strict=True):
        medians = [int(value) if np.isfinite(value) else None for value in spread(counts)["median"]]
        reached, missed = draw_passes_to_reach(
            ax, parameter_counts, medians, label=f"{labels[method]}: median", budget=budget, color=color
        )
        artists[method] = (reached, missed, draw_seed_counts(ax, parameter_counts, counts, color=color))
    ax.axhline(budget, color="k", linestyle="--", linewidth=1)
    label_loss_axes(
        ax,
        xlabel="parameters $P$ (log scale)",
        ylabel=f"forward passes to reach {target:g} (log scale)",
        title=f"Measured on XOR: passes to reach {target:g}\n(dots: one per seed)",
        legend="below",
    )
    return artists

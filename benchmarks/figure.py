"""The benchmark figure, ``docs/benchmark.png``: one panel per section, plus the targets.

Drawn on a bare :class:`matplotlib.figure.Figure` with the Agg canvas, so it
works whatever pyplot backend is active.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .table import format_median, format_ratio

CASE_COLORS = ("tab:blue", "tab:orange", "tab:green", "tab:red")


def grouped_bars(ax, rows, values, annotations, legend_loc="best", tick_labels=None):
    """Horizontal bars, top to bottom in row order, one color per case.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    rows : list of Row
    values : list of float
        Bar lengths.
    annotations : list of str
        Written just past each bar's end.
    legend_loc : str or None
        Where the legend of cases goes; ``None`` for no legend.
    tick_labels : list of str, optional
        Bar names; default each row's ``label``.
    """
    cases = list(dict.fromkeys(row.case for row in rows))
    positions = list(range(len(rows)))[::-1]
    for case_number, case in enumerate(cases):
        members = [k for k, row in enumerate(rows) if row.case == case]
        ax.barh(
            [positions[k] for k in members],
            [values[k] for k in members],
            color=CASE_COLORS[case_number % len(CASE_COLORS)],
            hatch=None,
            label=case,
        )
        for k in members:
            if rows[k].estimated:
                ax.barh(positions[k], values[k], fill=False, hatch="//", edgecolor="white", linewidth=0)
    for position, value, text in zip(positions, values, annotations, strict=True):
        ax.annotate(
            text,
            (value, position),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},
        )
    ax.set_yticks(positions, tick_labels or [row.label for row in rows], fontsize=8)
    ax.margins(y=0.04)
    ax.grid(True, axis="x", alpha=0.3)
    if legend_loc is not None:
        ax.legend(fontsize=8, loc=legend_loc)


def draw_layer_panel(ax, section):
    """Seconds per call of the seed loop and the vectorized layer, log scale."""
    rows = section.rows
    grouped_bars(
        ax,
        rows,
        [row.timing.seconds * 1e3 for row in rows],
        [f"{format_median(row)}  ({format_ratio(row.ratio, row.reference)})" for row in rows],
    )
    ax.set_xscale("log")
    ax.set_xlim(right=ax.get_xlim()[1] * 30)
    ax.set_xlabel("median time per call (ms, log scale)")
    ax.set_title(section.title)


def draw_gradient_panel(ax, section, backprop_target=3.0):
    """Cost of each way to a gradient in forward passes, log scale, with the targets marked."""
    rows = section.rows
    grouped_bars(
        ax,
        rows,
        [row.ratio for row in rows],
        [f"{'~' if row.estimated else ''}{format_ratio(row.ratio, row.reference)}" for row in rows],
    )
    ax.set_xscale("log")
    ax.set_xlim(right=ax.get_xlim()[1] * 30)
    ax.axvspan(4, 5, color="grey", alpha=0.3, label="cheap-gradient bound 4-5")
    ax.axvline(
        backprop_target, color="black", linestyle="--", linewidth=1, label=f"backprop target <= {backprop_target:g}"
    )
    ax.legend(fontsize=8, loc="best")
    ax.set_xlabel("cost / one helpers.forward (log scale); hatched: scaled from a subset")
    ax.set_title(section.title)


def draw_slider_panel(ax, section, budget_seconds=0.1, target_fraction=0.5):
    """Milliseconds per slider callback, with the budget and the target marked."""
    rows = section.rows
    grouped_bars(
        ax,
        rows,
        [row.timing.seconds * 1e3 for row in rows],
        [format_median(row) for row in rows],
        legend_loc=None,
        tick_labels=[f"{row.case.removeprefix('slider: ')}\n{row.label}" for row in rows],
    )
    marks = [(budget_seconds, "budget", "--"), (target_fraction * budget_seconds, "target", ":")]
    for seconds, name, style in marks:
        ax.axvline(seconds * 1e3, color="black", linestyle=style, linewidth=1)
        ax.annotate(
            f"{name} {seconds * 1e3:.0f} ms",
            (seconds * 1e3, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-4, -4),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=8,
        )
    longest = max(row.timing.seconds for row in rows)
    ax.set_xlim(0, max(budget_seconds, longest) * 1e3 * 1.25)
    ax.set_xlabel("median time (ms)")
    ax.set_title(section.title)


def draw_summary_panel(ax, sections, subtitle):
    """The targets, met or not, and the test suite's wall time, as text."""
    ax.axis("off")
    lines = []
    for section in sections:
        for target in section.targets:
            verdict = "met    " if target.met else "NOT met"
            lines.append(f"{verdict}  {target.name}: {target.value}  (target {target.goal})")
    for section in sections:
        if section.kind == "test_suite":
            for row in section.rows:
                lines.append(f"{row.case}: {format_median(row)}")
    ax.text(0.0, 1.0, "\n".join(lines), va="top", ha="left", family="monospace", fontsize=8.5, transform=ax.transAxes)
    ax.text(
        0.0,
        0.0,
        "\n".join(textwrap.wrap(subtitle, 170)),
        va="bottom",
        ha="left",
        fontsize=8,
        color="dimgrey",
        transform=ax.transAxes,
    )


def make_figure(
    sections,
    subtitle: str = "",
    backprop_target: float = 3.0,
    budget_seconds: float = 0.1,
    target_fraction: float = 0.5,
) -> Figure:
    """The benchmark figure: layer and slider panels left, gradient panel right, targets below.

    Parameters
    ----------
    sections : list of Section
        One each of kinds ``"layer"``, ``"gradient"``, ``"slider"``; a
        ``"test_suite"`` section is optional.
    subtitle : str
        Written under the targets (run settings, versions).
    backprop_target, budget_seconds, target_fraction : float
        Marked on the gradient and slider panels.

    Returns
    -------
    matplotlib.figure.Figure
    """
    by_kind = {section.kind: section for section in sections}
    figure = Figure(figsize=(15, 10.5), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplot_mosaic(
        [["layer", "gradient"], ["slider", "gradient"], ["summary", "summary"]],
        height_ratios=(1, 1, 0.32),
    )
    draw_layer_panel(axes["layer"], by_kind["layer"])
    draw_slider_panel(axes["slider"], by_kind["slider"], budget_seconds, target_fraction)
    draw_gradient_panel(axes["gradient"], by_kind["gradient"], backprop_target)
    draw_summary_panel(axes["summary"], sections, subtitle)
    figure.suptitle("From hot-and-cold to backprop: benchmark")
    return figure


def save_figure(sections, path, **kwargs) -> Path:
    """Draw ``make_figure(sections, **kwargs)`` and save it as a PNG at ``path`` (folders created).

    Returns
    -------
    pathlib.Path
        Where the file was written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    make_figure(sections, **kwargs).savefig(path, dpi=100)
    return path

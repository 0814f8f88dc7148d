"""``docs/benchmark.png``: the layer speed-up, the gradient's cost in forward passes, the slider moves.

Drawn in the course style (large fonts, Okabe-Ito colours) on a bare Agg figure.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.figures import use_course_style

from .cases import BACKPROP_TARGET
from .targets import SLIDER_BUDGET_SECONDS, format_seconds, targets

PANELS = (
    ("layer", "seed loop vs vectorized layer", "median time per call (ms, log)"),
    ("grad", "one gradient, in forward passes", "time / one helpers.forward (log); ~: scaled"),
    ("slider", "the kernel's part of a slider move (cached run)", "median time (ms)"),
)


def _bars(ax, rows, values, texts):
    """Horizontal bars, top to bottom, one colour per case, each annotated past its end."""
    colours = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    cases = list(dict.fromkeys(row.case for row in rows))
    positions = range(len(rows) - 1, -1, -1)
    for position, row, value, text in zip(positions, rows, values, texts, strict=True):
        colour = colours[cases.index(row.case) % len(colours)]
        ax.barh(position, value, color=colour, hatch="//" if row.estimated else None, edgecolor="white")
        ax.annotate(text, (value, position), xytext=(4, 0), textcoords="offset points", va="center", fontsize=12)
    labels = [f"{row.case.split(', ')[0].removeprefix('slider: ')}: {row.label}" for row in rows]
    ax.set_yticks(list(positions), labels)


def make_figure(rows, subtitle: str = "") -> Figure:
    """The three panels and the targets, from ``targets.read_rows``."""
    with matplotlib.rc_context():
        use_course_style()
        figure = Figure(figsize=(13, 11), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.subplots(3, 1, height_ratios=(1.4, 2.4, 0.8))
        for ax, (kind, title, xlabel) in zip(axes, PANELS, strict=True):
            mine = [row for row in rows if row.case.startswith(kind)]
            if kind == "grad":
                _bars(
                    ax,
                    mine,
                    [row.ratio for row in mine],
                    [f"{'~' if row.estimated else ''}{row.ratio:,.3g}" for row in mine],
                )
                ax.axvline(
                    BACKPROP_TARGET, color="black", linestyle="--", label=f"backprop target <= {BACKPROP_TARGET:g}"
                )
                ax.legend(loc="upper right")
            else:
                _bars(ax, mine, [row.seconds * 1e3 for row in mine], [format_seconds(row.seconds) for row in mine])
            if kind == "slider":
                for seconds, style in ((SLIDER_BUDGET_SECONDS / 2, ":"),):
                    ax.axvline(seconds * 1e3, color="black", linestyle=style, label=f"{seconds * 1e3:.0f} ms")
                ax.legend(loc="lower right")
            else:
                ax.set_xscale("log")
            ax.set_xlim(right=ax.get_xlim()[1] * (20 if kind != "slider" else 1.3))
            ax.set_title(title)
            ax.set_xlabel(xlabel)
        met = [f"{'met' if t.met else 'NOT met'}: {t.name} {t.value} ({t.goal})" for t in targets(rows)]
        figure.suptitle("make bench\n" + subtitle, fontsize=12)
        figure.text(0.0, 0.0, "\n".join(met), fontsize=12, va="bottom", family="monospace")
        figure.get_layout_engine().set(rect=(0, 0.02 * len(met), 1, 1 - 0.02 * len(met)))
    return figure


def save_figure(rows, path, subtitle: str = "") -> Path:
    """Draw ``make_figure(rows)`` and save it as a PNG at ``path`` (folders created); return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    make_figure(rows, subtitle).savefig(path, dpi=80)
    return path

"""Every figure of the course, drawn in one style: the only part of ``helpers`` that draws.

* ``plotting`` - ``show``, ``plot_loss_curve``, ``label_loss_axes``, ``decision_grid``,
  ``plot_decision_boundary``
* ``loss_plots`` - notebooks 01 and 02: the losses, the sigmoid's reach, a layer's diagram
* ``hot_and_cold_plots`` - notebook 03: runs by epoch and by loss evaluation
* ``backprop_figures`` - notebook 04: the computational graph, with and without numbers
* ``comparison_plots`` - notebook 05: paths on a loss surface, loss against work
* ``style`` - ``use_course_style()``: matplotlib's defaults, then ``course.mplstyle``

Every notebook calls ``helpers.figures.use_course_style()`` in its import cell and ends every
figure cell with ``helpers.figures.show(fig)``, which renders at ``SHOW_DPI``.
"""

from . import backprop_figures, comparison_plots, hot_and_cold_plots, loss_plots, plotting
from .plotting import (
    SHOW_DPI,
    decision_grid,
    label_loss_axes,
    place_legend,
    plot_decision_boundary,
    plot_loss_curve,
    png_size,
    render,
    show,
)
from .style import (
    COURSE_STYLE,
    MAX_HEIGHT_PX,
    MAX_WIDTH_PX,
    OKABE_ITO,
    check_figure_size,
    sequential_colors,
    use_course_style,
)

__all__ = [
    "COURSE_STYLE",
    "MAX_HEIGHT_PX",
    "MAX_WIDTH_PX",
    "OKABE_ITO",
    "SHOW_DPI",
    "backprop_figures",
    "check_figure_size",
    "comparison_plots",
    "decision_grid",
    "hot_and_cold_plots",
    "label_loss_axes",
    "loss_plots",
    "plot_decision_boundary",
    "plot_loss_curve",
    "place_legend",
    "plotting",
    "png_size",
    "render",
    "sequential_colors",
    "show",
    "use_course_style",
]

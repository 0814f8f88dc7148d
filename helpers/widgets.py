"""Step-size sliders: a training run and its loss curve that follow the slider.

The widget layer is thin on purpose.  What it shows comes from pure
functions (``summarize_run``, ``log_slider_range``) that pytest checks, and a
slider move recomputes the run and updates the existing plot line in place.

The plot is a matplotlib ``Figure`` outside pyplot, rendered to PNG bytes in
an ``ipywidgets.Image``.  A redraw is then a change of widget state, not a
``display`` call: it looks the same in JupyterLab, in a headless runner such
as nbval (which would otherwise record the redraw as the output of whatever
cell moved the slider) and in a static HTML export.
"""

from __future__ import annotations

import io
import math

import ipywidgets as widgets
import numpy as np
from IPython.display import display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._validation import check_positive_number
from .plotting import label_loss_axes


def log_slider_range(min_step, max_step):
    """Exponents ``(low, high)`` for a base-10 ``FloatLogSlider`` spanning the steps.

    Raises ``ValueError`` unless ``0 < min_step < max_step``.
    """
    min_step = check_positive_number(min_step, "min_step")
    max_step = check_positive_number(max_step, "max_step")
    if not min_step < max_step:
        raise ValueError(f"min_step must be below max_step; got {min_step} and {max_step}")
    return math.log10(min_step), math.log10(max_step)


def summarize_run(step, losses) -> str:
    """The line a step-size explorer shows: the step and the final loss, to 6 decimals.

    >>> summarize_run(0.5, [0.7, 0.25])
    'step = 0.5: loss 0.700000 -> 0.250000 after 2 epochs'
    """
    losses = np.asarray(losses, dtype=float)
    return f"step = {step:.3g}: loss {losses[0]:.6f} -> {losses[-1]:.6f} after {losses.size} epochs"


def render_png(figure, dpi=80) -> bytes:
    """The figure as PNG bytes (no timestamp, so the same plot gives the same bytes)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


class StepSizeExplorer:
    """A log-scale step-size slider driving ``train(step) -> losses`` and a loss plot.

    Parameters
    ----------
    train : callable
        ``train(step)`` returns the losses of a run, shape ``(epochs,)``.
        It must not change shared state, so that moving the slider back
        shows the same run again.
    step : float
        The slider's starting value.
    min_step, max_step : float
        The slider's range; it moves in tenths of a decade.
    title : str
        Plot title.
    log_y : bool
        Plot the loss on a log scale.

    Attributes
    ----------
    slider : ipywidgets.FloatLogSlider
    summary : ipywidgets.Label
        Shows ``summarize_run(step, losses)`` for the slider's value.
    image : ipywidgets.Image
        The plot, as PNG bytes.
    losses : numpy.ndarray
        The run currently shown.
    line : matplotlib.lines.Line2D
        The loss curve, updated in place.
    """

    def __init__(self, train, *, step, min_step, max_step, title="", log_y=False):
        low, high = log_slider_range(min_step, max_step)
        self.train = train
        self.slider = widgets.FloatLogSlider(
            value=step, base=10, min=low, max=high, step=0.1, description="step", readout_format=".3g",
            continuous_update=False,
        )
        self.summary = widgets.Label()
        self.figure = Figure(figsize=(6, 3.5), layout="tight")
        FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_subplot()
        self.line = self.ax.plot([], [])[0]
        label_loss_axes(self.ax, title=title, log_y=log_y)
        self.image = widgets.Image(format="png")
        self.slider.observe(self._on_slider, names="value")
        self.update(self.slider.value)

    def update(self, step):
        """Recompute the run for ``step`` and update the line, the summary and the picture in place."""
        self.losses = np.asarray(self.train(step), dtype=float)
        self.line.set_data(np.arange(1, self.losses.size + 1), self.losses)
        self.ax.relim()
        self.ax.autoscale_view()
        self.summary.value = summarize_run(step, self.losses)
        self.image.value = render_png(self.figure)

    def _on_slider(self, change):
        self.update(change["new"])

    @property
    def widget(self):
        """The slider, the summary and the plot in one box."""
        return widgets.VBox([self.slider, self.summary, self.image])

    def _ipython_display_(self):
        display(self.widget)

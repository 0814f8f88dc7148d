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
from matplotlib.ticker import NullLocator

from ._validation import (
    MAX_EPOCHS,
    TrainingDiverged,
    _real_number,
    as_float_array,
    check_choice,
    check_epochs,
    check_int_seed,
    check_positive_int,
    check_positive_number,
)
from .hot_and_cold import NUDGES, hot_and_cold
from .layer import check_layer_arguments, check_layer_targets
from .plotting import label_loss_axes
from .training import gradient_descent
from .two_layer import init_two_layer


def log_slider_range(min_step, max_step):
    """Exponents ``(low, high)`` for a base-10 ``FloatLogSlider`` spanning the steps.

    Raises ``ValueError`` unless ``0 < min_step < max_step``.
    """
    min_step = check_positive_number(min_step, "min_step")
    max_step = check_positive_number(max_step, "max_step")
    if not min_step < max_step:
        raise ValueError(f"min_step must be below max_step; got {min_step} and {max_step}")
    return math.log10(min_step), math.log10(max_step)


def summarize_run(step, losses, *, diverged_at=None) -> str:
    """The line a step-size explorer shows: the step, and the first and last loss to 6 decimals.

    ``losses`` is 1-D, finite and non-empty.  ``diverged_at``, the epoch at
    which a run left the float64 range (``TrainingDiverged.epoch``), is
    reported instead of the epoch count.

    >>> summarize_run(0.5, [0.7, 0.25])
    'step = 0.5: loss 0.700000 -> 0.250000 after 2 epochs'
    >>> summarize_run(100.0, [0.7, 3.5], diverged_at=3)
    'step = 100: loss 0.700000 -> 3.500000, then diverged at epoch 3'
    """
    step = check_positive_number(step, "step")
    losses = as_float_array(losses, "losses")
    if losses.ndim != 1:
        raise ValueError(f"losses must be 1-D, one loss per epoch; got shape {losses.shape}")
    if diverged_at is not None:
        diverged_at = check_positive_int(diverged_at, "diverged_at")
        return f"step = {step:.3g}: loss {losses[0]:.6f} -> {losses[-1]:.6f}, then diverged at epoch {diverged_at}"
    return f"step = {step:.3g}: loss {losses[0]:.6f} -> {losses[-1]:.6f} after {losses.size} epochs"


#: Resolution of the explorer's plot; its 6 x 3.5 inch figure is shown at this many pixels per inch.
PLOT_DPI = 100


def render_png(figure, dpi=PLOT_DPI) -> bytes:
    """The figure as PNG bytes (no timestamp, so the same plot gives the same bytes).

    Light compression: the bytes travel once to the browser, and a slider
    move should not wait on zlib.
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


class StepSizeExplorer:
    """A log-scale step-size slider (and optionally an epochs slider) driving a run and its loss plot.

    Parameters
    ----------
    train : callable
        ``train(step)``, or ``train(step, epochs)`` when ``epochs`` is given,
        returns the losses of a run, shape ``(epochs,)``.  It must not change
        shared state, so that moving a slider back shows the same run again.
        If it raises ``TrainingDiverged``, the explorer shows the losses
        before the divergence and says where it happened.
    step : float
        The step slider's starting value, within ``[min_step, max_step]``: a
        step outside the range is an error, not silently moved to its edge.
    min_step, max_step : float
        The step slider's range; it moves in tenths of a decade.
    epochs : int, optional
        If given, an epochs slider starting here, from 1 to ``max_epochs``.
    max_epochs : int, optional
        The epochs slider's maximum; defaults to ``4 * epochs``.
    title : str
        Plot title.
    log_y : bool
        Plot the loss on a log scale.

    Attributes
    ----------
    slider : ipywidgets.FloatLogSlider
        The step size (CSS class ``step-slider``).
    epochs_slider : ipywidgets.IntSlider or None
        The number of epochs (CSS class ``epochs-slider``).
    summary : ipywidgets.Label
        Shows ``summarize_run(step, losses)`` (CSS class ``run-summary``).
    image : ipywidgets.Image
        The plot, as PNG bytes (CSS class ``loss-plot``).
    losses : numpy.ndarray
        The run currently shown.
    line : matplotlib.lines.Line2D
        The loss curve, updated in place.
    """

    def __init__(self, train, *, step, min_step, max_step, epochs=None, max_epochs=None, title="", log_y=False):
        low, high = log_slider_range(min_step, max_step)
        step = _real_number(step, "step")
        if not min_step <= step <= max_step:
            raise ValueError(
                f"step must lie in the slider's range [min_step, max_step] = [{min_step:g}, {max_step:g}]; "
                f"got {step:g} (the slider would silently show its nearest end instead)"
            )
        if not callable(train):
            raise TypeError(f"train must be a function train(step) or train(step, epochs); got {train!r}")
        if not isinstance(title, str):
            raise TypeError(f"title must be a str; got {title!r} of type {type(title).__name__}")
        if not isinstance(log_y, bool):
            raise TypeError(f"log_y must be True or False; got {log_y!r}")
        self.train = train
        self.slider = widgets.FloatLogSlider(
            value=step, base=10, min=low, max=high, step=0.1, description="step", readout_format=".3g",
            continuous_update=False,
        )
        self.slider.add_class("step-slider")
        self.epochs_slider = None if epochs is None else epochs_slider(epochs, max_epochs)
        self.summary = widgets.Label()
        self.summary.add_class("run-summary")
        self.figure = Figure(figsize=(6, 3.5))
        FigureCanvasAgg(self.figure)
        # Fixed margins and no minor ticks: a layout engine or a log axis's minor
        # ticks would be recomputed on every slider move and double its cost.
        self.figure.subplots_adjust(left=0.14, right=0.97, bottom=0.15, top=0.9)
        self.ax = self.figure.add_subplot()
        self.line = self.ax.plot([], [])[0]
        label_loss_axes(self.ax, title=title, log_y=log_y)
        self.ax.yaxis.set_minor_locator(NullLocator())
        width = f"{round(self.figure.get_figwidth() * PLOT_DPI)}px"  # shown at its own size, not stretched
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=width))
        self.image.add_class("loss-plot")
        for slider in self.sliders:
            slider.observe(self._on_slider, names="value")
        self.update(self.slider.value)

    @property
    def sliders(self) -> list:
        """The step slider, then the epochs slider if there is one."""
        return [self.slider] + ([self.epochs_slider] if self.epochs_slider is not None else [])

    def run(self, step, epochs=None):
        """The losses of the run the explorer would show for ``step`` (and ``epochs``).

        Raises ``TrainingDiverged`` if ``train`` does, and ``TypeError`` or
        ``ValueError`` if what ``train`` returns is not 1-D finite losses.
        """
        if self.epochs_slider is None:
            losses = self.train(step)
        else:
            losses = self.train(step, self.epochs_slider.value if epochs is None else epochs)
        losses = as_float_array(losses, "the losses train returned")
        if losses.ndim != 1:
            raise ValueError(f"the losses train returned must be 1-D, one per epoch; got shape {losses.shape}")
        return losses

    def update(self, step, epochs=None):
        """Recompute the run and update the line, the summary and the picture in place.

        A run that diverges (``TrainingDiverged``) shows its finite losses and
        the epoch at which it diverged.
        """
        diverged_at = None
        try:
            self.losses = self.run(step, epochs)
        except TrainingDiverged as error:
            self.losses, diverged_at = error.losses, error.epoch
        self.line.set_data(np.arange(1, self.losses.size + 1), self.losses)
        self.ax.relim()
        self.ax.autoscale_view()
        if self.losses.size:
            self.summary.value = summarize_run(step, self.losses, diverged_at=diverged_at)
        else:
            self.summary.value = f"step = {step:.3g}: diverged at epoch {diverged_at}, before any finite loss"
        self.image.value = render_png(self.figure)

    def _on_slider(self, change):
        self.update(self.slider.value)

    @property
    def widget(self):
        """The sliders, the summary and the plot in one box."""
        return widgets.VBox([*self.sliders, self.summary, self.image])

    def _ipython_display_(self):
        display(self.widget)


def epochs_slider(epochs, max_epochs=None):
    """An integer slider for the number of epochs, from 1 to ``max_epochs`` (default ``4 * epochs``).

    Both at most ``helpers.MAX_EPOCHS``.
    """
    epochs = check_epochs(epochs)
    max_epochs = min(4 * epochs, MAX_EPOCHS) if max_epochs is None else check_epochs(max_epochs, "max_epochs")
    if max_epochs < epochs:
        raise ValueError(f"max_epochs must be at least epochs ({epochs}); got {max_epochs}")
    slider = widgets.IntSlider(value=epochs, min=1, max=max_epochs, description="epochs", continuous_update=False)
    slider.add_class("epochs-slider")
    return slider


def hot_and_cold_explorer(x, W, b, y, *, step, epochs, nudge="each", min_step=1e-4, max_step=1.0,
                          max_epochs=None, title=None):
    """Step-size and epochs sliders over ``helpers.hot_and_cold`` on one sigmoid layer.

    Parameters
    ----------
    x, W, b, y
        As for ``hot_and_cold``: ``x (n_in,)`` or ``(n_in, m)``, ``W (n_out, n_in)``,
        ``b (n_out,)`` or ``(n_out, 1)``, ``y`` the layer output's shape.
    step, epochs : float, int
        Where the sliders start.
    nudge : {"together", "each"}
    min_step, max_step : float
        The step slider's range.
    max_epochs : int, optional
        The epochs slider's maximum (default ``4 * epochs``).
    title : str, optional

    Returns
    -------
    StepSizeExplorer
        Its ``run(step, epochs)`` is ``hot_and_cold(...).losses``; the loss is plotted on a log scale.
    """

    x_checked, W_checked, _ = check_layer_arguments(x, W, b)  # named errors now, not at the first slider move
    check_layer_targets(y, x_checked, W_checked)
    check_choice(nudge, "nudge", NUDGES)

    def train(step, epochs):
        return hot_and_cold(x, W, b, y, step=step, epochs=epochs, nudge=nudge).losses

    return StepSizeExplorer(
        train, step=step, min_step=min_step, max_step=max_step, epochs=epochs, max_epochs=max_epochs,
        title=title or f"hot and cold ({nudge})", log_y=True,
    )


def gradient_descent_explorer(X, Y, *, n_hidden, step, epochs, seed=0, min_step=0.01, max_step=100.0,
                              max_epochs=None, title=None):
    """Step-size and epochs sliders over ``helpers.gradient_descent`` on a fresh two-layer network.

    Every run starts from ``init_two_layer(n_in, n_hidden, n_out, seed=seed)``,
    so a slider position always shows the same run.

    Parameters
    ----------
    X : array_like, shape (n_in, m)
    Y : array_like, shape (n_out, m)
    n_hidden : int
    step, epochs : float, int
        Where the sliders start.
    seed : int
        Seed of the initial parameters, >= 0 (not a Generator: every run must
        start from the same network).
    min_step, max_step : float
        The step slider's range.
    max_epochs : int, optional
        The epochs slider's maximum (default ``4 * epochs``).
    title : str, optional

    Returns
    -------
    StepSizeExplorer
        The loss (mean binary cross-entropy) is plotted on a log scale.
    """
    X, Y = as_float_array(X, "X"), as_float_array(Y, "Y")
    if X.ndim != 2 or Y.ndim != 2:
        raise ValueError(f"X and Y must be 2-D, (n_in, m) and (n_out, m); got shapes {X.shape} and {Y.shape}")
    n_hidden = check_positive_int(n_hidden, "n_hidden")
    seed = check_int_seed(seed)

    def train(step, epochs):
        params = init_two_layer(X.shape[0], n_hidden, Y.shape[0], seed=seed)
        return gradient_descent(params, X, Y, step=step, epochs=epochs)

    return StepSizeExplorer(
        train, step=step, min_step=min_step, max_step=max_step, epochs=epochs, max_epochs=max_epochs,
        title=title or f"gradient descent, n_hidden = {n_hidden}", log_y=True,
    )

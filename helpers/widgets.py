"""Step-size sliders: a training run and its loss curve that follow the slider.

The widget layer is thin on purpose.  What it shows comes from pure
functions (``summarize_run``, ``first_divergence``, ``loss_axis``,
``log_ticks``, ``check_presets``, ``log_slider_range``) that pytest checks.
Every slider position is run once when the explorer is built; a slider move
then looks the run up and updates the existing plot lines in place.

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
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, LogFormatterSciNotation, MaxNLocator, NullLocator

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
from .figures.plotting import label_loss_axes
from .hot_and_cold import NUDGES, hot_and_cold
from .layer import check_layer_arguments, check_layer_targets
from .training import gradient_descent
from .two_layer import init_two_layer

#: Whether the explorers redraw while the slider is dragged.  A move is a cache lookup and a redraw,
#: whose median ``make bench`` measures (benchmarks/slider_callback.py): about 31 ms on a 2-core machine,
#: within the 40 ms a live drag needs.
CONTINUOUS_UPDATE = True


def log_slider_range(min_step, max_step):
    """Exponents ``(low, high)`` for a base-10 ``FloatLogSlider`` spanning the steps.

    Raises ``ValueError`` unless ``0 < min_step < max_step``.
    """
    min_step = check_positive_number(min_step, "min_step")
    max_step = check_positive_number(max_step, "max_step")
    if not min_step < max_step:
        raise ValueError(f"min_step must be below max_step; got {min_step} and {max_step}")
    return math.log10(min_step), math.log10(max_step)


#: How far above its start a run's loss may climb before the explorer calls the run diverged
#: (and clips it): ``cap = CAP_FACTOR * losses[0]`` unless an explorer is given its own ``cap``.
CAP_FACTOR = 10.0

#: A loss axis is logarithmic only when its range spans at least this ratio (two decades).
LOG_RANGE = 100.0


def format_loss(loss) -> str:
    """A loss in scientific notation with 3 significant digits, as the summary shows it.

    >>> format_loss(5.6e-4), format_loss(0.0), format_loss(0.6931)
    ('5.60e-04', '0.00e+00', '6.93e-01')
    """
    return f"{_real_number(loss, 'loss'):.2e}"


def format_step(step) -> str:
    """The step as the slider's readout shows it (``readout_format=".3g"``).

    >>> format_step(0.003), format_step(1e-4), format_step(20.0)
    ('0.003', '0.0001', '20')
    """
    return f"{check_positive_number(step, 'step'):.3g}"


def first_divergence(losses, cap=None):
    """The first epoch whose loss is not finite or above ``cap``, or ``None``.

    ``losses[t]`` is the loss after ``t`` epochs; ``cap`` defaults to
    ``CAP_FACTOR * losses[0]``.

    >>> first_divergence([0.7, 0.5, 0.3]) is None
    True
    >>> first_divergence([0.7, 0.5, 7.5, 0.2])
    2
    >>> first_divergence([0.7, 0.5, float("nan")])
    2
    """
    losses = np.asarray(losses, dtype=float)
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"losses must be 1-D and non-empty, one loss per epoch from epoch 0; got shape {losses.shape}")
    cap = CAP_FACTOR * losses[0] if cap is None else check_positive_number(cap, "cap")
    with np.errstate(invalid="ignore"):
        bad = np.flatnonzero(~np.isfinite(losses) | (losses > cap))
    return int(bad[0]) if bad.size else None


def summarize_run(step, losses, *, symbol="step", diverged_at=None) -> str:
    """The line a step-size explorer shows: the step, the loss at epoch 0 and at the end, in scientific notation.

    ``losses`` is 1-D, finite and non-empty, ``losses[t]`` the loss after
    ``t`` epochs (``losses[0]``: before any update).  ``diverged_at``, the
    epoch at which the run diverged (``TrainingDiverged.epoch``, or a loss
    above the explorer's cap), is reported instead of the epoch count; then
    ``losses`` are the finite ones before it.

    >>> summarize_run(0.003, [5.6e-4, 1e-6, 2.4e-9], symbol="s")
    's = 0.003: loss 5.60e-04 → 2.40e-09 after 2 epochs'
    >>> summarize_run(100.0, [0.7, 0.9, 1.2], symbol="α", diverged_at=3)
    'α = 100: loss 7.00e-01 → diverged at epoch 3'
    """
    step = format_step(step)
    if not isinstance(symbol, str) or not symbol:
        raise TypeError(f"symbol must be a non-empty str such as 's' or 'α'; got {symbol!r}")
    losses = as_float_array(losses, "losses")
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"losses must be 1-D and non-empty, one loss per epoch from epoch 0; got shape {losses.shape}")
    if diverged_at is not None:
        diverged_at = check_positive_int(diverged_at, "diverged_at")
        return f"{symbol} = {step}: loss {format_loss(losses[0])} → diverged at epoch {diverged_at}"
    return (
        f"{symbol} = {step}: loss {format_loss(losses[0])} → {format_loss(losses[-1])} after {losses.size - 1} epochs"
    )


def loss_axis(lowest, highest):
    """The loss axis an explorer keeps for every slider position: ``(bottom, top, log)``.

    ``lowest`` is the lowest loss any position reaches, ``highest`` the top
    (the cap).  The axis is logarithmic only when ``highest / lowest`` is at
    least ``LOG_RANGE`` (two decades); then it runs from the decade below
    ``lowest`` to ``highest``.  Otherwise it is linear from 0 (or from a
    little below ``lowest`` if that is negative) to ``highest``.

    >>> loss_axis(2.4e-9, 1.1e-3)
    (1e-09, 0.0011, True)
    >>> loss_axis(0.3, 1.4)
    (0.0, 1.4, False)
    """
    lowest, highest = _real_number(lowest, "lowest"), check_positive_number(highest, "highest")
    if not lowest < highest:
        raise ValueError(f"lowest must be below highest; got {lowest:g} and {highest:g}")
    if lowest > 0 and highest / lowest >= LOG_RANGE:
        bottom = 10.0 ** math.floor(math.log10(lowest))
        return max(bottom, highest * 1e-300), highest, True
    return min(0.0, lowest - 0.05 * (highest - lowest)), highest, False


def log_ticks(bottom, top, most=7):
    """Decades ``10**k`` within ``[bottom, top]``, every ``n``-th so that at most ``most`` remain.

    >>> log_ticks(1e-10, 1.1e-3)
    [1e-09, 1e-07, 1e-05, 0.001]
    """
    low, high = math.ceil(math.log10(bottom) - 1e-9), math.floor(math.log10(top) + 1e-9)
    every = max(1, math.ceil((high - low + 1) / most))
    return [10.0**k for k in range(high, low - 1, -every)][::-1]


def clipped_curve(losses, diverged_at, top):
    """The points an explorer draws: ``(epochs, losses)``, and for a diverged run a last point at ``(k, top)``.

    A run that diverged at epoch ``k`` (``losses`` then holds epochs ``0 .. k-1``)
    is drawn up to the top of the axis at epoch ``k``, where the marker sits,
    instead of as the block of oscillation or the overflow that follows.

    >>> clipped_curve([0.7, 0.5], 2, 7.0)
    (array([0, 1, 2]), array([0.7, 0.5, 7. ]))
    """
    losses = np.asarray(losses, dtype=float)
    x = np.arange(losses.size)
    if diverged_at is None:
        return x, losses
    diverged_at = check_positive_int(diverged_at, "diverged_at")
    if diverged_at != losses.size:
        raise ValueError(
            f"a run that diverged at epoch {diverged_at} has {diverged_at} finite losses "
            f"(epochs 0 to {diverged_at - 1}); got {losses.size}"
        )
    return np.append(x, diverged_at), np.append(losses, check_positive_number(top, "top"))


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


#: The step slider's values in each decade: 1, 2, 3 and 5 times a power of ten.
MANTISSAS = (1, 2, 3, 5)


def step_options(min_step, max_step, extra=()):
    """The values a step slider offers: ``MANTISSAS`` times powers of ten within the range, plus ``extra``.

    Round numbers a slider's readout shows exactly (a log slider's own grid,
    tenths of a decade, would move a start of 0.005 to 0.00501), evenly spread
    on a log scale, four a decade.  ``extra`` (the starting step, the presets)
    must lie within ``[min_step, max_step]``.

    >>> step_options(1e-3, 0.1)
    [0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1]
    >>> step_options(0.5, 3.0, extra=[0.7])
    [0.5, 0.7, 1.0, 2.0, 3.0]
    """
    log_slider_range(min_step, max_step)
    values = {float(min_step), float(max_step)}
    for exponent in range(math.floor(math.log10(min_step)) - 1, math.ceil(math.log10(max_step)) + 1):
        for mantissa in MANTISSAS:
            value = float(f"{mantissa}e{exponent}")
            if min_step <= value <= max_step:
                values.add(value)
    for value in extra:
        value = _real_number(value, "a step")
        if not min_step <= value <= max_step:
            raise ValueError(
                f"every step must lie in [min_step, max_step] = [{min_step:g}, {max_step:g}]; got {value:g}"
            )
        values.add(value)
    return sorted(values)


#: What a notebook shows for an explorer before its cell has run (instead of ``VBox(children=...``).
PLACEHOLDER_TEXT = "Run this cell for the step-size slider."

#: Smallest width of the step slider, for a projector.
SLIDER_WIDTH = "480px"


class StepSizeExplorer:
    """A step-size slider on a log scale (and optionally an epochs slider) driving a run and its loss plot.

    Every slider position is run once, at the largest number of epochs, when
    the explorer is built; a slider move is then a lookup and a redraw.  The
    loss axis is fixed for the whole slider range, so that a move compares
    like with like; the previous position stays as a faint line.

    Parameters
    ----------
    train : callable
        ``train(step)``, or ``train(step, epochs)`` when ``epochs`` is given,
        returns the history of a run, shape ``(epochs + 1,)``: entry ``t`` is
        the loss after ``t`` epochs, entry 0 the loss before any update.  A
        shorter run must be the start of a longer one (true of every trainer
        in ``helpers``), and ``train`` must not change shared state.  If it
        raises ``TrainingDiverged``, the explorer shows the losses before the
        divergence and marks where it happened.
    step : float
        The step slider's starting value, within ``[min_step, max_step]``.
    min_step, max_step : float
        The step slider's range; it offers ``step_options(min_step, max_step)``
        (1, 2, 3, 5 times powers of ten) plus the start and the presets.
    epochs : int, optional
        If given, an epochs slider starting here, from 1 to ``max_epochs``.
    max_epochs : int, optional
        The epochs slider's maximum; defaults to ``4 * epochs``.
    title : str
        Plot title.
    symbol : str
        The step's symbol in the notebook (``"s"`` for hot and cold's nudge,
        ``"α"`` for gradient descent): the slider's label and the summary's.
    hint : str
        One line under the slider: what to try, and what to predict first.
    presets : dict of str to float, optional
        Buttons that move the slider, e.g. ``{"too small": 1e-4, "good": 0.003}``.
    cap : float, optional
        A loss above ``cap`` counts as diverged (and is clipped); defaults to
        ``CAP_FACTOR`` times the loss at epoch 0.

    Attributes
    ----------
    slider : ipywidgets.SelectionSlider
        The step size, over ``step_options`` (CSS class ``step-slider``); its
        value is the step itself.
    epochs_slider : ipywidgets.IntSlider or None
        The number of epochs (CSS class ``epochs-slider``).
    buttons : list of ipywidgets.Button
        The presets (CSS class ``preset``).
    summary : ipywidgets.Label
        ``summarize_run(...)`` of the run shown (CSS class ``run-summary``).
    image : ipywidgets.Image
        The plot, as PNG bytes (CSS class ``loss-plot``).
    losses : numpy.ndarray
        The run shown (finite losses from epoch 0; before the divergence, if any).
    diverged_at : int or None
    """

    def __init__(
        self,
        train,
        *,
        step,
        min_step,
        max_step,
        epochs=None,
        max_epochs=None,
        title="",
        symbol="step",
        hint="",
        presets=None,
        cap=None,
    ):
        log_slider_range(min_step, max_step)  # 0 < min_step < max_step, or a named error
        step = _real_number(step, "step")
        if not min_step <= step <= max_step:
            raise ValueError(
                f"step must lie in the slider's range [min_step, max_step] = [{min_step:g}, {max_step:g}]; "
                f"got {step:g} (the slider would silently show its nearest end instead)"
            )
        if not callable(train):
            raise TypeError(f"train must be a function train(step) or train(step, epochs); got {train!r}")
        for name, value in (("title", title), ("symbol", symbol), ("hint", hint)):
            if not isinstance(value, str):
                raise TypeError(f"{name} must be a str; got {value!r} of type {type(value).__name__}")
        presets = check_presets(presets, min_step, max_step)
        self.cap = None if cap is None else check_positive_number(cap, "cap")
        self.train, self.symbol = train, symbol
        values = step_options(min_step, max_step, extra=[step, *presets.values()])
        self.slider = widgets.SelectionSlider(
            options=[(format_step(value), value) for value in values],
            value=step,
            description=symbol,
            continuous_update=CONTINUOUS_UPDATE,
            layout=widgets.Layout(width=SLIDER_WIDTH),
        )
        self.slider.add_class("step-slider")
        self.range_label = widgets.Label(f"from {min_step:.3g} to {max_step:.3g} (log scale)")
        self.epochs_slider = None if epochs is None else epochs_slider(epochs, max_epochs)
        self.hint = widgets.Label(hint)
        self.hint.add_class("slider-hint")
        self.buttons = []
        for label, value in presets.items():
            button = widgets.Button(
                description=f"{label} ({symbol} = {value:.3g})", layout=widgets.Layout(width="auto")
            )
            button.add_class("preset")
            button.on_click(lambda _, value=value: setattr(self.slider, "value", value))
            self.buttons.append(button)
        self.summary = widgets.Label()
        self.summary.add_class("run-summary")
        self._runs = {}
        self._precompute()
        self._build_figure(title)
        for slider in self.sliders:
            slider.observe(self._on_slider, names="value")
        self.previous = None
        self.update(self.slider.value)
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.slider, self.range_label]),
                *([self.epochs_slider] if self.epochs_slider else []),
                self.hint,
                widgets.HBox(self.buttons),
                self.summary,
                self.image,
            ]
        )

    @property
    def sliders(self) -> list:
        """The step slider, then the epochs slider if there is one."""
        return [self.slider] + ([self.epochs_slider] if self.epochs_slider is not None else [])

    @property
    def max_epochs(self):
        return None if self.epochs_slider is None else self.epochs_slider.max

    def positions(self) -> np.ndarray:
        """Every value the step slider can take (``step_options``), smallest first."""
        return np.array([value for _, value in self.slider.options])

    def _precompute(self):
        for value in self.positions():
            self._history(float(value))

    def _history(self, step):
        """``(losses, diverged_at)`` at the most epochs, cached per step."""
        key = float(f"{step:.12g}")
        if key not in self._runs:
            diverged_at = None
            try:
                losses = self._call_train(step, self.max_epochs)
            except TrainingDiverged as error:
                losses, diverged_at = np.asarray(error.losses, dtype=float), error.epoch
            capped = first_divergence(losses, self._cap_for(losses)) if losses.size else None
            if capped is not None:
                losses, diverged_at = losses[:capped], capped
            self._runs[key] = (losses, diverged_at)
        return self._runs[key]

    def _cap_for(self, losses):
        return self.cap if self.cap is not None else CAP_FACTOR * losses[0]

    def _call_train(self, step, epochs):
        losses = self.train(step) if epochs is None else self.train(step, epochs)
        losses = as_float_array(losses, "the losses train returned")
        if losses.ndim != 1 or losses.size == 0:
            raise ValueError(
                f"the losses train returned must be 1-D, one per epoch from epoch 0; got shape {losses.shape}"
            )
        return losses

    def run(self, step, epochs=None):
        """The history the explorer would show for ``step`` (and ``epochs``), computed afresh.

        Raises ``TrainingDiverged`` if ``train`` does, and ``TypeError`` or
        ``ValueError`` if what ``train`` returns is not 1-D finite losses.
        """
        if self.epochs_slider is None:
            return self._call_train(step, None)
        return self._call_train(step, self.epochs_slider.value if epochs is None else epochs)

    def shown(self, step, epochs=None):
        """``(losses, diverged_at)`` for ``step`` and ``epochs``, from the cache."""
        losses, diverged_at = self._history(step)
        if self.epochs_slider is not None:
            epochs = self.epochs_slider.value if epochs is None else epochs
            if diverged_at is not None and diverged_at > epochs:
                diverged_at = None
            losses = losses[: epochs + 1]
        return losses, diverged_at

    def _build_figure(self, title):
        finite = [losses for losses, _ in self._runs.values() if losses.size]
        start = max(losses[0] for losses in finite)
        top = self.cap if self.cap is not None else CAP_FACTOR * start
        lowest = min(float(losses.min()) for losses in finite)
        self.bottom, self.top, self.log_y = loss_axis(lowest, top)
        self.figure = Figure(figsize=(6, 3.5))
        FigureCanvasAgg(self.figure)
        # Fixed margins, limits and ticks: nothing is recomputed on a slider move but the lines.
        self.figure.subplots_adjust(left=0.15, right=0.97, bottom=0.15, top=0.9)
        self.ax = self.figure.add_subplot()
        self.previous_line = self.ax.plot([], [], color="0.6", alpha=0.6, linewidth=1.2, label="previous")[0]
        self.line = self.ax.plot([], [], color="tab:blue", linewidth=2, label="this step")[0]
        self.marker = self.ax.plot([], [], linestyle="none", marker="X", markersize=10, color="tab:red")[0]
        self.diverged_text = self.ax.text(
            0.98, 0.95, "", transform=self.ax.transAxes, ha="right", va="top", color="tab:red", fontsize=11
        )
        label_loss_axes(self.ax, title=title, log_y=self.log_y)
        self.ax.legend(loc="lower left")  # off the start and the diverged marker, at the top left
        self.ax.set_ylim(self.bottom, self.top)
        if self.log_y:
            self.ax.yaxis.set_major_locator(FixedLocator(log_ticks(self.bottom, self.top)))
            self.ax.yaxis.set_major_formatter(LogFormatterSciNotation())
        else:
            self.ax.yaxis.set_major_locator(FixedLocator(MaxNLocator(6).tick_values(self.bottom, self.top)))
        self.ax.yaxis.set_minor_locator(NullLocator())
        self.ax.set_ylim(self.bottom, self.top)
        width = f"{round(self.figure.get_figwidth() * PLOT_DPI)}px"  # shown at its own size, not stretched
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=width))
        self.image.add_class("loss-plot")

    def update(self, step, epochs=None):
        """Show the run for ``step``: the line, the previous one, the marker, the summary, the picture."""
        if self.previous is not None:
            self.previous_line.set_data(*self.previous)
        losses, diverged_at = self.shown(step, epochs)
        self.losses, self.diverged_at = losses, diverged_at
        x, y = clipped_curve(losses, diverged_at, self.top)
        self.line.set_data(x, y)
        self.previous = (x, y)
        last = (
            self.epochs_slider.value
            if (self.epochs_slider is not None and epochs is None)
            else (epochs if epochs is not None else max(losses.size - 1, 1))
        )
        self.ax.set_xlim(0, max(last, 1))
        if diverged_at is None:
            self.marker.set_data([], [])
            self.diverged_text.set_text("")
        else:
            self.marker.set_data([diverged_at], [self.top])
            self.marker.set_clip_on(False)
            self.diverged_text.set_text(f"diverged at epoch {diverged_at}")
        if losses.size:
            self.summary.value = summarize_run(step, losses, symbol=self.symbol, diverged_at=diverged_at)
        else:
            self.summary.value = f"{self.symbol} = {format_step(step)}: diverged at epoch {diverged_at}"
        self.image.value = render_png(self.figure)

    def _on_slider(self, change):
        self.update(self.slider.value)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = PLACEHOLDER_TEXT
        return bundle


def check_presets(presets, min_step, max_step) -> dict:
    """Return ``presets`` as ``{label: step}``, each step within the slider's range.

    >>> check_presets({"good": 0.003}, 1e-4, 1.0)
    {'good': 0.003}
    """
    if presets is None:
        return {}
    if not isinstance(presets, dict):
        raise TypeError(f"presets must be a dict {{label: step}}; got {type(presets).__name__}")
    checked = {}
    for label, value in presets.items():
        if not isinstance(label, str) or not label:
            raise TypeError(f"presets' labels must be non-empty str; got {label!r}")
        value = check_positive_number(value, f"presets[{label!r}]")
        if not min_step <= value <= max_step:
            raise ValueError(
                f"presets[{label!r}] = {value:g} is outside the slider's range [{min_step:g}, {max_step:g}]"
            )
        checked[label] = value
    return checked


def epochs_slider(epochs, max_epochs=None):
    """An integer slider for the number of epochs, from 1 to ``max_epochs`` (default ``4 * epochs``).

    Both at most ``helpers.MAX_EPOCHS``.
    """
    epochs = check_epochs(epochs)
    max_epochs = min(4 * epochs, MAX_EPOCHS) if max_epochs is None else check_epochs(max_epochs, "max_epochs")
    if max_epochs < epochs:
        raise ValueError(f"max_epochs must be at least epochs ({epochs}); got {max_epochs}")
    slider = widgets.IntSlider(
        value=epochs,
        min=1,
        max=max_epochs,
        description="epochs",
        continuous_update=CONTINUOUS_UPDATE,
        layout=widgets.Layout(width=SLIDER_WIDTH),
    )
    slider.add_class("epochs-slider")
    return slider


def hot_and_cold_explorer(
    x,
    W,
    b,
    y,
    *,
    step,
    epochs,
    nudge="each",
    min_step=1e-4,
    max_step=1.0,
    max_epochs=None,
    title=None,
    hint="",
    presets=None,
    cap=None,
):
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
    hint, presets, cap
        As for ``StepSizeExplorer``.

    Returns
    -------
    StepSizeExplorer
        Its ``run(step, epochs)`` is ``hot_and_cold(...).losses``; its slider is labelled ``s``.
    """

    x_checked, W_checked, _ = check_layer_arguments(x, W, b)  # named errors now, not at the first slider move
    check_layer_targets(y, x_checked, W_checked)
    check_choice(nudge, "nudge", NUDGES)

    def train(step, epochs):
        return hot_and_cold(x, W, b, y, step=step, epochs=epochs, nudge=nudge).losses

    return StepSizeExplorer(
        train,
        step=step,
        min_step=min_step,
        max_step=max_step,
        epochs=epochs,
        max_epochs=max_epochs,
        title=title or f"hot and cold ({nudge})",
        symbol="s",
        hint=hint,
        presets=presets,
        cap=cap,
    )


def gradient_descent_explorer(
    X,
    Y,
    *,
    n_hidden,
    step,
    epochs,
    seed=0,
    min_step=0.01,
    max_step=100.0,
    max_epochs=None,
    title=None,
    hint="",
    presets=None,
    cap=None,
):
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
    hint, presets, cap
        As for ``StepSizeExplorer``.

    Returns
    -------
    StepSizeExplorer
        The loss is the mean binary cross-entropy; the slider is labelled ``α``.
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
        train,
        step=step,
        min_step=min_step,
        max_step=max_step,
        epochs=epochs,
        max_epochs=max_epochs,
        title=title or f"gradient descent, n_hidden = {n_hidden}",
        symbol="α",
        hint=hint,
        presets=presets,
        cap=cap,
    )

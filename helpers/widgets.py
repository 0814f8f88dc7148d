"""Step-size explorers: every slider position trained once in Python, drawn and moved in the browser.

An explorer is an anywidget (``StepSizeExplorer``).  When its cell runs, it
trains every position of its step slider once, at the largest number of
epochs, with the helpers; the loss histories travel to the browser as the
widget's synced state, and one small ES module (``explorer.js``, shipped
next to this file) draws them on a canvas and moves the slider, the presets
and the epochs slider without a round trip to the kernel.  The same state
works in JupyterLab, Notebook 7, Voila, and in the static handouts and
slides, where no kernel runs at all.

What is sent is what every machine agrees on: losses are rounded to the
three significant digits the summary shows, and a chaotic run (one that a
run at a step larger by ``PERTURBATION``, a billionth, leaves behind) is
sent only as far as the two runs agree; the browser says where its digits
stop.  The pure functions here (``summarize_run``, ``first_divergence``,
``loss_axis``, ``log_ticks``, ``agreed_length``, ...) are what pytest checks.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import anywidget
import numpy as np
import traitlets

from ._progress import interruptions_propagate
from ._validation import (
    MAX_EPOCHS,
    TrainingDiverged,
    _object_numbers,
    _real_number,
    _reject_array_subclasses,
    _short_repr,
    as_float_array,
    check_allocation,
    check_choice,
    check_epochs,
    check_int_in_range,
    check_int_seed,
    check_non_negative_number,
    check_positive_int,
    check_positive_number,
)
from .hot_and_cold import NUDGES, hot_and_cold
from .layer import check_layer_arguments, check_layer_targets
from .training import gradient_descent
from .two_layer import init_two_layer

#: The explorer's front-end (one ES module) and its style, loaded by anywidget.
ESM = Path(__file__).with_name("explorer.js")
CSS = Path(__file__).with_name("explorer.css")


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
    losses = _loss_history(losses, "losses")
    if losses.size == 0:
        raise ValueError("losses must not be empty: one loss per epoch from epoch 0")
    cap = CAP_FACTOR * losses[0] if cap is None else check_positive_number(cap, "cap")
    with np.errstate(over="ignore", invalid="ignore"):
        bad = np.flatnonzero(~np.isfinite(losses) | (losses > cap))
    return int(bad[0]) if bad.size else None


def _loss_history(losses, name) -> np.ndarray:
    """``losses`` as a 1-D float64 array, shape ``(n,)``; NaN and infinity are kept (they mark a divergence).

    Raises ``TypeError`` for what is not real numbers (strings, times, objects)
    and ``ValueError`` for another shape or an int too large for float64,
    naming ``name``.  An empty history is returned as it is (a run that diverged at epoch 0).
    """
    _reject_array_subclasses(losses, name)
    try:
        array = np.asarray(losses)
    except (TypeError, ValueError) as error:  # ragged nested lists
        raise ValueError(f"{name} must be a 1-D sequence of numbers; got {_short_repr(losses)}") from error
    if array.dtype == object:
        array = _object_numbers(array, name)
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must hold real numbers (bool, int or float); got dtype {array.dtype} from {type(losses).__name__}"
        )
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D, one loss per epoch from epoch 0; got shape {array.shape}")
    return array.astype(np.float64)


def summarize_run(step, losses, *, symbol="step", diverged_at=None, chaotic_from=None) -> str:
    """The line a step-size explorer shows: the step, the loss at epoch 0 and at the end, in scientific notation.

    ``losses`` is 1-D, finite and non-empty, ``losses[t]`` the loss after
    ``t`` epochs (``losses[0]``: before any update).  ``diverged_at``, the
    epoch at which the run diverged (``TrainingDiverged.epoch``, or a loss
    above the explorer's cap), is reported instead of the epoch count; then
    ``losses`` are the finite ones before it.  ``chaotic_from``, the first
    epoch whose loss differs from machine to machine (``agreed_length``), is
    reported likewise; then ``losses`` are the ones before it.

    >>> summarize_run(0.003, [5.6e-4, 1e-6, 2.4e-9], symbol="s")
    's = 0.003: loss 5.60e-04 → 2.40e-09 after 2 epochs'
    >>> summarize_run(100.0, [0.7, 0.9, 1.2], symbol="α", diverged_at=3)
    'α = 100: loss 7.00e-01 → diverged at epoch 3'
    >>> summarize_run(20.0, [0.7, 1.1, 0.6], symbol="α", chaotic_from=3)
    'α = 20: loss 7.00e-01 → chaotic from epoch 3: its digits differ from machine to machine'
    """
    step = format_step(step)
    if not isinstance(symbol, str) or not symbol:
        raise TypeError(f"symbol must be a non-empty str such as 's' or 'α'; got {_short_repr(symbol)}")
    losses = as_float_array(losses, "losses")
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"losses must be 1-D and non-empty, one loss per epoch from epoch 0; got shape {losses.shape}")
    if diverged_at is not None and chaotic_from is not None:
        raise ValueError(
            f"a run either diverged or turned chaotic; got diverged_at={diverged_at}, chaotic_from={chaotic_from}"
        )
    if diverged_at is not None:
        diverged_at = check_epochs(diverged_at, "diverged_at")
        return f"{symbol} = {step}: loss {format_loss(losses[0])} → diverged at epoch {diverged_at}"
    if chaotic_from is not None:
        chaotic_from = check_epochs(chaotic_from, "chaotic_from")
        return (
            f"{symbol} = {step}: loss {format_loss(losses[0])} → chaotic from epoch {chaotic_from}: "
            "its digits differ from machine to machine"
        )
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
    return min(0.0, max(lowest - 0.05 * (highest - lowest), -sys.float_info.max)), highest, False


#: The most ticks an axis asks for (``most`` of ``log_ticks`` and ``linear_ticks``).
MAX_TICKS = 100


def log_ticks(bottom, top, most=7):
    """Decades ``10**k`` within ``[bottom, top]``, every ``n``-th so that at most ``most`` remain.

    >>> log_ticks(1e-10, 1.1e-3)
    [1e-09, 1e-07, 1e-05, 0.001]

    Raises ``ValueError`` unless ``0 < bottom < top`` and ``1 <= most <= MAX_TICKS``.
    """
    bottom, top = check_positive_number(bottom, "bottom"), check_positive_number(top, "top")
    if not bottom < top:
        raise ValueError(f"bottom must be below top; got {bottom:g} and {top:g}")
    most = check_int_in_range(most, "most", 1, MAX_TICKS)
    low, high = math.ceil(math.log10(bottom) - 1e-9), math.floor(math.log10(top) + 1e-9)
    every = max(1, math.ceil((high - low + 1) / most))
    return [10.0**k for k in range(high, low - 1, -every)][::-1]


#: The step slider's values in each decade: 1, 2, 3 and 5 times a power of ten.
MANTISSAS = (1, 2, 3, 5)

#: The most positions a step slider has: 25 decades (every position is trained twice when an explorer is built).
MAX_POSITIONS = 100


def step_options(min_step, max_step, extra=()):
    """The values a step slider offers: ``MANTISSAS`` times powers of ten within the range, plus ``extra``.

    Round numbers a slider's readout shows exactly (a log slider's own grid,
    tenths of a decade, would move a start of 0.005 to 0.00501), evenly spread
    on a log scale, four a decade.  ``extra`` (the starting step, the presets)
    must lie within ``[min_step, max_step]``.  At most ``MAX_POSITIONS`` values
    (a ``ValueError`` names ``min_step`` and ``max_step`` beyond).

    >>> step_options(1e-3, 0.1)
    [0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1]
    >>> step_options(0.5, 3.0, extra=[0.7])
    [0.5, 0.7, 1.0, 2.0, 3.0]
    """
    log_slider_range(min_step, max_step)  # 0 < min_step < max_step, or a named error
    min_step, max_step = float(min_step), float(max_step)
    values = {min_step, max_step}
    for exponent in range(math.floor(math.log10(min_step)) - 1, math.ceil(math.log10(max_step)) + 1):
        for mantissa in MANTISSAS:
            value = float(f"{mantissa}e{exponent}")
            if min_step <= value <= max_step:
                values.add(value)
    if isinstance(extra, (str, bytes, dict)) or not hasattr(extra, "__iter__") or np.ndim(extra) == 0:
        raise TypeError(f"extra must be a list of steps, such as [0.003]; got {_short_repr(extra)}")
    for k, value in enumerate(extra):
        value = _real_number(value, f"extra[{k}]")
        if not min_step <= value <= max_step:
            raise ValueError(
                f"extra[{k}] = {value:g}: every step must lie in [min_step, max_step] = [{min_step:g}, {max_step:g}]"
            )
        values.add(value)
    if len(values) > MAX_POSITIONS:
        raise ValueError(
            f"min_step = {min_step:g} and max_step = {max_step:g} (with extra) make a slider of {len(values):,} "
            f"positions, each trained twice when the explorer is built; at most MAX_POSITIONS = {MAX_POSITIONS} "
            f"({MAX_POSITIONS // len(MANTISSAS)} decades)"
        )
    return sorted(values)


#: Significant digits of every loss sent to the browser: the summary's three (``format_loss``).
SIGNIFICANT_DIGITS = 3

#: Relative size of the step perturbation that tells a chaotic run from a settled one.  Far above
#: the rounding differences between machines (about 1e-16), far below what changes a settled run.
PERTURBATION = 1e-9

#: Two runs agree at an epoch while their losses differ by at most this fraction.
AGREEMENT = 1e-3


def round_losses(losses) -> list:
    """Losses rounded to ``SIGNIFICANT_DIGITS`` significant digits, as plain floats (what is sent).

    Rounding and then formatting with ``format_loss`` gives what formatting the
    unrounded loss gives, so the summary does not change; except within a
    rounding of float64's largest value (above ``LARGEST_ROUNDED``, 1.79e308),
    whose rounding (1.80e308) is past float64's range: it is sent as
    ``LARGEST_ROUNDED``.

    >>> round_losses([5.6043e-4, 2.40001e-9, 0.69314718])
    [0.00056, 2.4e-09, 0.693]

    ``losses`` is 1-D and finite, shape ``(n,)``; empty for a run that diverged at epoch 0.
    """
    losses = _loss_history(losses, "losses")
    if not np.all(np.isfinite(losses)):
        raise ValueError(f"losses must be finite; got {losses[~np.isfinite(losses)][0]} among its {losses.size}")
    return [_rounded(loss) for loss in losses.tolist()]


#: The largest float64 with ``SIGNIFICANT_DIGITS`` significant digits.
LARGEST_ROUNDED = 1.79e308


def _rounded(value: float) -> float:
    """``value`` (finite) rounded to ``SIGNIFICANT_DIGITS`` significant digits, within +-``LARGEST_ROUNDED``."""
    result = float(f"{value:.{SIGNIFICANT_DIGITS - 1}e}")
    return result if math.isfinite(result) else math.copysign(LARGEST_ROUNDED, value)


def agreed_length(losses, other, tolerance=AGREEMENT) -> int:
    """How many leading losses two runs share: epochs whose relative difference is at most ``tolerance``.

    >>> agreed_length([0.7, 0.5, 0.3], [0.7, 0.5, 0.3])
    3
    >>> agreed_length([0.7, 0.5, 0.3, 0.9], [0.7, 0.5, 0.31, 0.2])
    2

    ``losses`` and ``other`` are 1-D (of any lengths, empty included); a NaN
    or an infinity never agrees.
    """
    losses, other = _loss_history(losses, "losses"), _loss_history(other, "other")
    tolerance = check_non_negative_number(tolerance, "tolerance")
    n = min(losses.size, other.size)
    with np.errstate(over="ignore", invalid="ignore"):  # a NaN, or a difference past float64, is "apart"
        scale = np.maximum(np.abs(losses[:n]), np.abs(other[:n]))
        apart = np.flatnonzero(~(np.abs(losses[:n] - other[:n]) <= tolerance * scale))
    return int(apart[0]) if apart.size else n


#: How close (relative to their size) the ends of a linear axis may be: its tick labels have 12 digits.
TICK_RESOLUTION = 1e-9


def linear_ticks(bottom, top, most=6) -> list:
    """Round ticks (1, 2, 2.5 or 5 times a power of ten apart) within ``[bottom, top]``, at most ``most`` + 1.

    >>> linear_ticks(0.0, 7.0)
    [0.0, 2.0, 4.0, 6.0]
    >>> linear_ticks(0.0, 1.4)
    [0.0, 0.25, 0.5, 0.75, 1.0, 1.25]

    Raises ``ValueError`` unless ``bottom < top``, apart by at least
    ``TICK_RESOLUTION`` times the larger of their sizes (ticks are labelled
    with 12 significant digits) and by at least float64's smallest normal
    number times ``most``; and unless ``1 <= most <= MAX_TICKS``.
    """
    bottom, top = _real_number(bottom, "bottom"), _real_number(top, "top")
    if not bottom < top:
        raise ValueError(f"bottom must be below top; got {bottom:g} and {top:g}")
    most = check_int_in_range(most, "most", 1, MAX_TICKS)
    raw = top / most - bottom / most  # (top - bottom) / most, which would overflow for bottom = -1e308, top = 1e308
    if raw < sys.float_info.min or raw * most < TICK_RESOLUTION * max(abs(bottom), abs(top)):
        raise ValueError(
            f"bottom and top are too close for round ticks: {bottom!r} and {top!r} must differ by at least "
            f"{TICK_RESOLUTION:g} times the larger of their sizes, and by more than {most} times float64's "
            "smallest normal number"
        )
    power = 10.0 ** math.floor(math.log10(raw))
    spacing = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw - 1e-12 * raw)
    first = math.ceil(bottom / spacing - 1e-9)
    count = math.floor(top / spacing + 1e-9) - first + 1
    return [float(f"{(first + i) * spacing:.12g}") for i in range(count)]


def tick_label(value, log) -> str:
    """A loss tick's label: ``10⁻⁹`` on a log axis, ``0.5`` on a linear one.

    >>> tick_label(1e-9, True), tick_label(1.0, True), tick_label(0.4, False), tick_label(2.0, False)
    ('10⁻⁹', '10⁰', '0.4', '2')

    ``log`` is a bool; on a log axis, ``value`` must be above 0.
    """
    if not isinstance(log, (bool, np.bool_)):
        raise TypeError(f"log must be True or False; got {_short_repr(log)} of type {type(log).__name__}")
    value = check_positive_number(value, "value") if log else _real_number(value, "value")
    if log:
        superscripts = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
        return "10" + str(round(math.log10(value))).translate(superscripts)
    return f"{value:g}"


def check_epoch_range(epochs, max_epochs=None) -> tuple:
    """``(epochs, max_epochs)`` of an epochs slider from 1 to ``max_epochs`` (default ``4 * epochs``).

    Both at most ``helpers.MAX_EPOCHS``.

    >>> check_epoch_range(50)
    (50, 200)
    """
    epochs = check_epochs(epochs)
    max_epochs = min(4 * epochs, MAX_EPOCHS) if max_epochs is None else check_epochs(max_epochs, "max_epochs")
    if max_epochs < epochs:
        raise ValueError(f"max_epochs must be at least epochs ({epochs}); got {max_epochs}")
    return epochs, max_epochs


#: What a notebook shows for an explorer before its cell has run (instead of an object's repr).
PLACEHOLDER_TEXT = "Run this cell for the step-size slider."


class StepSizeExplorer(anywidget.AnyWidget):
    """A step-size slider on a log scale (and optionally an epochs slider) over precomputed runs, drawn in the browser.

    Every slider position is trained once, at the largest number of epochs,
    when the explorer is built; the histories are sent to the browser, which
    draws the run of the position shown (with the previous position faint),
    on a loss axis that is the same for every position.  A slider move, a
    preset and the epochs slider never wait for the kernel.

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
        The plot's title.
    symbol : str
        The step's symbol in the notebook (``"s"`` for hot and cold's nudge,
        ``"α"`` for gradient descent): the slider's label and the summary's.
    hint : str
        What to try, and what to predict first (wraps beside the plot).
    presets : dict of str to float, optional
        Buttons that move the slider, e.g. ``{"too small": 1e-4, "good": 0.003}``.
    cap : float, optional
        A loss above ``cap`` counts as diverged (and is clipped); defaults to
        ``CAP_FACTOR`` times the largest loss at epoch 0.
    loss_name : str
        The loss axis's label, e.g. ``"mean squared error"``.

    Attributes (synced with the browser)
    ------------------------------------
    steps : list of float, shape (n_positions,)
        Every position of the step slider, smallest first.
    index : int
        The position shown (the browser sets it when the slider moves).
    epochs, max_epochs : int
        The epochs slider's value and maximum (both 0 without an epochs slider).
    runs : list of dict, one per position
        ``{"losses": [...], "diverged_at": k or None, "chaotic_from": k or None}``:
        the losses from epoch 0, rounded (``round_losses``), up to the
        divergence (a loss above the cap, or ``TrainingDiverged``) or up to
        the epoch where the run stops being reproducible (``agreed_length``).
    axis : dict
        ``{"bottom", "top", "log", "ticks", "tick_labels", "label"}``: the fixed loss axis.
    """

    _esm = ESM
    _css = CSS

    steps = traitlets.List(traitlets.Float()).tag(sync=True)
    step_labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    index = traitlets.Int(0).tag(sync=True)
    epochs = traitlets.Int(0).tag(sync=True)
    max_epochs = traitlets.Int(0).tag(sync=True)
    runs = traitlets.List(traitlets.Dict()).tag(sync=True)
    axis = traitlets.Dict().tag(sync=True)
    presets = traitlets.List(traitlets.Dict()).tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    symbol = traitlets.Unicode("step").tag(sync=True)
    hint = traitlets.Unicode("").tag(sync=True)
    range_text = traitlets.Unicode("").tag(sync=True)

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
        loss_name="loss",
    ):
        log_slider_range(min_step, max_step)  # 0 < min_step < max_step, or a named error
        step = _real_number(step, "step")
        if not min_step <= step <= max_step:
            raise ValueError(
                f"step must lie in the slider's range [min_step, max_step] = [{min_step:g}, {max_step:g}]; "
                f"got {step:g} (the slider would silently show its nearest end instead)"
            )
        if not callable(train):
            raise TypeError(f"train must be a function train(step) or train(step, epochs); got {_short_repr(train)}")
        for name, value in (("title", title), ("symbol", symbol), ("hint", hint), ("loss_name", loss_name)):
            if not isinstance(value, str):
                raise TypeError(f"{name} must be a str; got {_short_repr(value)} of type {type(value).__name__}")
        if not symbol:
            raise ValueError("symbol must be a non-empty str such as 's' or 'α'")
        presets = check_presets(presets, min_step, max_step)
        self.cap = None if cap is None else check_positive_number(cap, "cap")
        self.train = train
        epochs, max_epochs = (0, 0) if epochs is None else check_epoch_range(epochs, max_epochs)
        steps = step_options(min_step, max_step, extra=[step, *presets.values()])
        check_allocation(
            len(steps) * (max_epochs + 1),
            f"the losses of {len(steps)} slider positions",
            "min_step, max_step, max_epochs",
        )
        with interruptions_propagate():  # Ctrl-C stops the build: no position is ever shown cut short
            runs = [self._sent_run(value, max_epochs or None) for value in steps]
        super().__init__(
            steps=steps,
            step_labels=[format_step(value) for value in steps],
            index=steps.index(step),
            epochs=epochs,
            max_epochs=max_epochs,
            runs=runs,
            axis=fixed_axis(runs, self.cap, loss_name),
            presets=[
                {"label": f"{label} ({symbol} = {format_step(value)})", "index": steps.index(value)}
                for label, value in presets.items()
            ],
            title=title,
            symbol=symbol,
            hint=hint,
            range_text=f"{format_step(min_step)} to {format_step(max_step)}, log scale",
        )

    # -- what is computed when the cell runs -------------------------------------------------------
    def _call_train(self, step, epochs):
        losses = self.train(step) if epochs is None else self.train(step, epochs)
        losses = as_float_array(losses, "the losses train returned")
        if losses.ndim != 1 or losses.size == 0:
            raise ValueError(
                f"the losses train returned must be 1-D, one per epoch from epoch 0; got shape {losses.shape}"
            )
        return losses

    def _capped_run(self, step, epochs):
        """``(losses, diverged_at)``: the run up to its divergence (``TrainingDiverged`` or above the cap)."""
        diverged_at = None
        try:
            losses = self._call_train(step, epochs)
        except TrainingDiverged as error:
            losses, diverged_at = np.asarray(error.losses, dtype=float), error.epoch
        if losses.size:
            cap = self.cap if self.cap is not None else CAP_FACTOR * losses[0]
            capped = first_divergence(losses, cap)
            if capped is not None:
                losses, diverged_at = losses[:capped], capped
        return losses, diverged_at

    def _sent_run(self, step, epochs) -> dict:
        """What the browser gets for one position: rounded losses, where it diverged, where it stops agreeing."""
        losses, diverged_at = self._capped_run(step, epochs)
        perturbed = step * (1 + PERTURBATION)
        if not math.isfinite(perturbed):  # a step within a billionth of float64's largest: perturb it down
            perturbed = step * (1 - PERTURBATION)
        other, other_diverged_at = self._capped_run(perturbed, epochs)
        agreed = agreed_length(losses, other)
        chaotic_from = None
        if agreed < losses.size or losses.size != other.size or diverged_at != other_diverged_at:
            losses, diverged_at, chaotic_from = losses[:agreed], None, agreed
        return {"losses": round_losses(losses), "diverged_at": diverged_at, "chaotic_from": chaotic_from}

    # -- the Python side of what the browser shows --------------------------------------------------
    @property
    def step(self) -> float:
        """The step shown; setting it moves the slider (to one of ``steps``)."""
        return self.steps[self.index]

    @step.setter
    def step(self, value):
        value = _real_number(value, "step")
        if value not in self.steps:
            raise ValueError(f"step must be one of the slider's positions {self.step_labels}; got {value:g}")
        self.index = self.steps.index(value)

    def positions(self) -> np.ndarray:
        """Every value the step slider can take, smallest first, shape ``(n_positions,)``."""
        return np.array(self.steps)

    def shown(self, step=None, epochs=None):
        """``(losses, diverged_at, chaotic_from)`` the browser shows for ``step`` and ``epochs``.

        ``losses`` (rounded, shape ``(n,)``) run from epoch 0 to ``epochs``, or
        to the divergence or the last reproducible epoch if that comes first.
        Defaults: the slider's step and the epochs slider's value.
        """
        index = self.index if step is None else self.steps.index(_real_number(step, "step"))
        run = self.runs[index]
        losses, diverged_at, chaotic_from = np.array(run["losses"]), run["diverged_at"], run["chaotic_from"]
        if self.max_epochs:
            epochs = self.epochs if epochs is None else check_epochs(epochs)
            losses = losses[: epochs + 1]
            diverged_at = diverged_at if diverged_at is not None and diverged_at <= epochs else None
            chaotic_from = chaotic_from if chaotic_from is not None and chaotic_from <= epochs else None
        return losses, diverged_at, chaotic_from

    def summary(self, step=None, epochs=None) -> str:
        """The line under the plot for ``step`` and ``epochs`` (default: what is shown), as the browser writes it."""
        step = self.step if step is None else step
        losses, diverged_at, chaotic_from = self.shown(step, epochs)
        return summarize_run(step, losses, symbol=self.symbol, diverged_at=diverged_at, chaotic_from=chaotic_from)

    def run(self, step, epochs=None):
        """The history of a run at ``step`` (and ``epochs``), computed afresh, unrounded.

        Raises ``TrainingDiverged`` if ``train`` does, and ``TypeError`` or
        ``ValueError`` if what ``train`` returns is not 1-D finite losses.
        """
        if not self.max_epochs:
            return self._call_train(step, None)
        return self._call_train(step, self.epochs if epochs is None else epochs)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = PLACEHOLDER_TEXT  # not the object's repr, whose memory address changes every run
        return bundle


def fixed_axis(runs, cap, loss_name) -> dict:
    """The loss axis for every position of an explorer: ``loss_axis`` over the runs, with ticks and labels.

    ``runs`` are the sent runs (``{"losses": [...], ...}``, each ``losses``
    1-D, finite, empty for a run that diverged at epoch 0); the top is ``cap``,
    or ``CAP_FACTOR`` times the largest loss at epoch 0, and must lie above the
    lowest loss of the runs.
    """
    cap = None if cap is None else check_positive_number(cap, "cap")
    drawn = [losses for losses in _run_losses(runs) if losses.size]
    if not drawn:
        raise ValueError(
            "runs have no loss to draw: every run diverged at epoch 0 "
            f"(its first loss was not finite, or above cap = {cap if cap is not None else 'CAP_FACTOR * losses[0]'})"
        )
    top = cap if cap is not None else CAP_FACTOR * max(losses[0] for losses in drawn)
    top, lowest = _rounded(top), min(losses.min() for losses in drawn)
    if not top > 0 or not lowest < top:
        raise ValueError(
            f"the loss axis's top, cap = {top:g} (given, or CAP_FACTOR times the largest first loss of the runs), "
            f"must lie above 0 and above the lowest loss of the runs, {lowest:g}"
        )
    bottom, top, log = loss_axis(lowest, top)
    ticks = log_ticks(bottom, top) if log else linear_ticks(bottom, top)
    return {
        "bottom": bottom,
        "top": top,
        "log": log,
        "ticks": ticks,
        "tick_labels": [tick_label(tick, log) for tick in ticks],
        "label": loss_name,
    }


def _run_losses(runs) -> list:
    """The ``losses`` of each sent run in ``runs`` (a non-empty list of dicts), as 1-D finite arrays."""
    if not isinstance(runs, (list, tuple)):
        raise TypeError(f"runs must be a list of sent runs {{'losses': [...], ...}}; got {_short_repr(runs)}")
    if not runs:
        raise ValueError("runs must hold at least one run; got an empty list")
    losses = []
    for k, run in enumerate(runs):
        if not isinstance(run, dict) or "losses" not in run:
            raise TypeError(f"runs[{k}] must be a dict with the key 'losses'; got {_short_repr(run)}")
        history = _loss_history(run["losses"], f"runs[{k}]['losses']")
        if not np.all(np.isfinite(history)):
            raise ValueError(f"runs[{k}]['losses'] must be finite (a sent run stops before its divergence)")
        losses.append(history)
    return losses


def check_presets(presets, min_step, max_step) -> dict:
    """Return ``presets`` as ``{label: step}``, each step within the slider's range.

    >>> check_presets({"good": 0.003}, 1e-4, 1.0)
    {'good': 0.003}
    """
    log_slider_range(min_step, max_step)  # 0 < min_step < max_step, or a named error
    if presets is None:
        return {}
    if not isinstance(presets, dict):
        raise TypeError(f"presets must be a dict {{label: step}}; got {type(presets).__name__}")
    checked = {}
    for label, value in presets.items():
        if not isinstance(label, str) or not label:
            raise TypeError(f"presets' labels must be non-empty str; got {_short_repr(label)}")
        value = check_positive_number(value, f"presets[{label!r}]")
        if not min_step <= value <= max_step:
            raise ValueError(
                f"presets[{label!r}] = {value:g} is outside the slider's range [{min_step:g}, {max_step:g}]"
            )
        checked[label] = value
    return checked


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
        Its ``run(step, epochs)`` is ``hot_and_cold(...).losses``; its slider is labelled ``s``, its loss the
        mean squared error.
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
        loss_name="mean squared error",
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
    init_two_layer(X.shape[0], n_hidden, Y.shape[0], seed=seed)  # a network too large is refused now, by name

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
        loss_name="binary cross-entropy",
        hint=hint,
        presets=presets,
        cap=cap,
    )

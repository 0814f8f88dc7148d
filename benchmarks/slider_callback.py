"""How much of a step-size slider's move is left to the kernel.

A ``helpers.widgets.StepSizeExplorer`` trains every slider position when it is
built and sends the runs to the browser, which draws a move itself
(helpers/explorer.js); the kernel only hears where the slider went and can
look the run up with ``explorer.shown(step)``.  Timing ``train(step)`` as well
shows what precomputing saves.  What the user feels, input event to pixels in
Chromium, is measured by ``benchmarks/explorer_latency.py`` (``make bench``).
"""

from __future__ import annotations

import itertools

import numpy as np

import helpers

from .results import Row, Section, Target, ratio_to
from .timing import TimerSettings, measure_interleaved

#: The seed's layer: input, weights and biases of its ``nn(inp, weight, bias)``.
SEED_INPUT = np.array([1.0, 2.0, 3.0])
SEED_WEIGHT = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
SEED_BIAS = np.array([1.0, 2.0])
#: A target the seed's layer can reach, as ``notebooks/03_hot_and_cold.ipynb`` uses for its
#: slider (the seed's own 1.23 is out of a sigmoid's reach).
REACHABLE_TARGET = np.array([0.95, 0.99])


def hot_and_cold_explorer(epochs: int):
    """The slider of ``03_hot_and_cold``: hot-and-cold "each" on the seed's 3->2 layer."""
    return helpers.widgets.hot_and_cold_explorer(
        SEED_INPUT, SEED_WEIGHT, SEED_BIAS, REACHABLE_TARGET, step=0.005, epochs=epochs, nudge="each"
    )


def xor_explorer(epochs: int, n_hidden: int):
    """The slider of ``04_backpropagation``: gradient descent on ``helpers.make_xor()``, a fresh net per run."""
    X, Y = helpers.make_xor()
    return helpers.widgets.gradient_descent_explorer(X, Y, n_hidden=n_hidden, seed=0, step=1.0, epochs=epochs)


def benchmark_explorer(case: str, build, timer: TimerSettings, budget_seconds: float):
    """Time one explorer's ``train(step)`` and ``shown(step)`` (a cached run, looked up).

    The step walks through seven of the slider's positions across its range,
    one per call, as a student dragging the slider would.

    Parameters
    ----------
    case : str
        Name for the table.
    build : callable
        ``build()`` returns the ``StepSizeExplorer``.
    timer : TimerSettings
    budget_seconds : float
        Ratios are relative to this budget.

    Returns
    -------
    rows : list of Row
        ``train(step)`` then ``shown(step)``.
    """
    explorer = build()
    positions = explorer.positions()
    steps = itertools.cycle(positions[np.linspace(0, positions.size - 1, 7).round().astype(int)])
    epochs = explorer.epochs

    variants = [
        (f"train(step) alone: {epochs} epochs", "train(step)", lambda: explorer.run(next(steps))),
        ("explorer.shown(step): cached run, looked up", "shown(step)", lambda: explorer.shown(next(steps))),
    ]
    timings = measure_interleaved({label: func for _, label, func in variants}, timer)
    rows = [
        Row(case=case, what=what, label=label, timing=timings[label], ratio=ratio_to(timings[label], budget_seconds))
        for what, label, _ in variants
    ]
    return rows


def slider_section(
    timer: TimerSettings,
    budget_seconds: float,
    target_fraction: float,
    hot_and_cold_epochs: int,
    xor_epochs: int,
    xor_hidden: int,
) -> Section:
    """Both explorers and the callback-time target.

    Parameters
    ----------
    timer : TimerSettings
    budget_seconds : float
        The callback should take well under this.
    target_fraction : float
        "Well under" means at most this fraction of the budget.
    hot_and_cold_epochs, xor_epochs, xor_hidden : int
        Sizes of the two explorers' runs.

    Returns
    -------
    Section
        ``kind="slider"``; ratios are fractions of the budget.
    """
    section = Section(kind="slider", title="slider callback time")
    explorers = [
        (f"slider: hot-and-cold 3->2 x{hot_and_cold_epochs}", lambda: hot_and_cold_explorer(hot_and_cold_epochs)),
        (f"slider: XOR 2-{xor_hidden}-1 x{xor_epochs}", lambda: xor_explorer(xor_epochs, xor_hidden)),
    ]
    for case, build in explorers:
        rows = benchmark_explorer(case, build, timer, budget_seconds)
        section.rows += rows
        callback = rows[-1].timing.seconds
        limit = target_fraction * budget_seconds
        section.targets.append(
            Target(
                name=f"explorer.shown, {case}",
                value=f"{callback * 1e3:.1f} ms",
                goal=f"well under {budget_seconds * 1e3:.0f} ms, read as <= {limit * 1e3:.0f} ms",
                met=callback <= limit,
            )
        )
        section.notes.append(
            f"{case}: the kernel's part of a slider move (cached run, looked up) takes {callback * 1e3:.3f} ms; "
            "the browser draws the move (benchmarks/explorer_latency.py)"
        )
    section.notes.append(
        f"slider ratios are fractions of the {budget_seconds * 1e3:.0f} ms budget; "
        f"'well under' is read as at most {target_fraction:.0%} of it"
    )
    return section

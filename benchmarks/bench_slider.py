"""The kernel's part of a step-size slider's move: ``StepSizeExplorer.shown`` (a cached run, looked up).

The explorers train every slider position when their cell runs and send the runs to the browser,
which draws a move itself (helpers/explorer.js); what the user feels, input to pixels in
Chromium, is ``benchmarks/explorer_latency.py``.  Target: well under 100 ms, read as at most 50 ms.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import helpers

EXPLORERS = {
    "slider: hot-and-cold 3->2 x50": lambda: helpers.widgets.hot_and_cold_explorer(
        np.array([1.0, 2.0, 3.0]),
        np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]),
        np.array([1.0, 2.0]),
        np.array([0.95, 0.99]),
        step=0.005,
        epochs=50,
        nudge="each",
    ),
    "slider: XOR 2-4-1 x500": lambda: helpers.widgets.gradient_descent_explorer(
        *helpers.make_xor(), n_hidden=4, seed=0, step=1.0, epochs=500
    ),
}


@pytest.mark.parametrize("case", EXPLORERS)
def bench_slider_move(benchmark, case):
    """A student dragging: each call moves to the next of seven positions across the slider's range."""
    explorer = EXPLORERS[case]()
    positions = explorer.positions()
    steps = itertools.cycle(positions[np.linspace(0, positions.size - 1, 7).round().astype(int)])
    benchmark.group = case
    benchmark.extra_info.update(label="shown(step)", scale=1.0, reference=False)
    benchmark(lambda: explorer.shown(next(steps)))

"""The step-size explorer: pure pieces, and a slider move that updates what is shown."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from helpers import widgets  # noqa: E402


def fake_run(step):
    """Losses that depend on the step in a way a test can predict."""
    return 1.0 / (1.0 + step * np.arange(10))


def test_summarize_run_reports_step_and_losses_to_six_decimals():
    assert widgets.summarize_run(0.005, [0.0282771, 0.02649]) == (
        "step = 0.005: loss 0.028277 -> 0.026490 after 2 epochs")


def test_log_slider_range():
    assert widgets.log_slider_range(1e-4, 1.0) == pytest.approx((-4.0, 0.0))
    with pytest.raises(ValueError, match="min_step must be below max_step; got 1.0 and 0.1"):
        widgets.log_slider_range(1.0, 0.1)
    with pytest.raises(ValueError, match="min_step must be a finite number greater than 0; got 0.0"):
        widgets.log_slider_range(0.0, 1.0)


def test_moving_the_slider_recomputes_and_updates_the_line_in_place():
    explorer = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0)
    line = explorer.line
    assert explorer.summary.value == widgets.summarize_run(0.1, fake_run(0.1))
    explorer.slider.value = 2.0
    assert explorer.line is line
    np.testing.assert_array_equal(line.get_ydata(), fake_run(2.0))
    np.testing.assert_array_equal(line.get_xdata(), np.arange(1, 11))
    assert explorer.summary.value == widgets.summarize_run(2.0, fake_run(2.0))
    low, high = explorer.ax.get_ylim()
    assert low <= fake_run(2.0).min() and high >= 1.0


def test_the_picture_is_redrawn_on_a_slider_move_and_only_then():
    explorer = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0)
    before = bytes(explorer.image.value)
    assert before.startswith(b"\x89PNG")
    explorer.slider.value = 0.1
    assert bytes(explorer.image.value) == before  # no change, no redraw
    explorer.slider.value = 2.0
    after = bytes(explorer.image.value)
    assert after.startswith(b"\x89PNG") and after != before
    explorer.slider.value = 0.1
    assert bytes(explorer.image.value) == before  # the same run draws the same bytes


def test_slider_is_logarithmic_over_the_given_range():
    explorer = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=1e-3, max_step=1.0)
    assert explorer.slider.base == 10
    assert (explorer.slider.min, explorer.slider.max) == pytest.approx((-3.0, 0.0))

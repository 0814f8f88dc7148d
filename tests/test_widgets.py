"""The step-size explorer: pure pieces, and a slider move that updates what is shown."""

import numpy as np
import pytest

import helpers
from helpers import widgets


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


def test_epochs_slider_reruns_with_the_new_number_of_epochs():
    explorer = widgets.StepSizeExplorer(lambda step, epochs: fake_run(step)[:epochs], step=0.1, min_step=0.01,
                                        max_step=10.0, epochs=5)
    assert explorer.epochs_slider.max == 20 and explorer.losses.size == 5
    explorer.epochs_slider.value = 8
    assert explorer.losses.size == 8 and explorer.line.get_xdata()[-1] == 8
    assert explorer.summary.value == widgets.summarize_run(0.1, fake_run(0.1)[:8])
    with pytest.raises(ValueError, match="max_epochs must be at least epochs \\(5\\); got 3"):
        widgets.epochs_slider(5, 3)


def test_hot_and_cold_explorer_shows_hot_and_cold():
    x, W, b, y = np.array([1.0, 2.0, 3.0]), np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]), np.array([1.0, 2.0]), [0.95, 0.99]
    explorer = widgets.hot_and_cold_explorer(x, W, b, y, step=0.01, epochs=10)
    explorer.slider.value = 0.05
    expected = helpers.hot_and_cold(x, W, b, y, step=0.05, epochs=10, nudge="each").losses
    np.testing.assert_array_equal(explorer.losses, expected)
    assert explorer.summary.value == widgets.summarize_run(0.05, expected)


def test_gradient_descent_explorer_starts_every_run_afresh():
    X, Y = helpers.make_xor(5)
    explorer = widgets.gradient_descent_explorer(X, Y, n_hidden=3, step=1.0, epochs=20)
    first = explorer.losses.copy()
    explorer.slider.value = 2.0
    explorer.slider.value = 1.0
    np.testing.assert_array_equal(explorer.losses, first)
    expected = helpers.gradient_descent(helpers.init_two_layer(2, 3, 1, seed=0), X, Y, step=1.0, epochs=20)
    np.testing.assert_array_equal(first, expected)
    with pytest.raises(ValueError, match="X and Y must be 2-D"):
        widgets.gradient_descent_explorer(X[0], Y, n_hidden=3, step=1.0, epochs=20)

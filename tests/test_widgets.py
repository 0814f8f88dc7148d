"""The step-size explorer: pure pieces, and a slider move that updates what is shown."""

import numpy as np
import pytest

import helpers
from helpers import widgets


def fake_run(step):
    """A history (entry 0: the start) that depends on the step in a way a test can predict."""
    return 1.0 / (1.0 + step * np.arange(11))


def fake_train(step, epochs):
    return fake_run(step)[: epochs + 1]


def test_summary_is_in_scientific_notation_with_the_slider_readout_and_epoch_zero_first():
    assert widgets.summarize_run(0.003, [5.604e-4, 1e-6, 2.4e-9], symbol="s") == (
        "s = 0.003: loss 5.60e-04 → 2.40e-09 after 2 epochs"
    )
    assert widgets.summarize_run(1e-4, [0.7, 0.0], symbol="α") == "α = 0.0001: loss 7.00e-01 → 0.00e+00 after 1 epochs"
    assert "0.000000" not in widgets.summarize_run(0.5, [1e-9, 1e-12])
    assert (
        widgets.summarize_run(100.0, [0.75], symbol="α", diverged_at=1)
        == "α = 100: loss 7.50e-01 → diverged at epoch 1"
    )


def test_summary_rejects_bad_input_by_name():
    with pytest.raises(ValueError, match="losses must not be empty"):
        widgets.summarize_run(0.1, [])
    with pytest.raises(ValueError, match="losses must be 1-D"):
        widgets.summarize_run(0.1, [[0.5]])
    with pytest.raises(TypeError, match="symbol must be a non-empty str"):
        widgets.summarize_run(0.1, [0.5], symbol="")
    with pytest.raises(ValueError, match="diverged_at"):
        widgets.summarize_run(0.1, [0.5], diverged_at=0)


def test_step_is_formatted_like_the_slider_readout():
    assert [widgets.format_step(s) for s in (0.003, 1e-4, 20.0, 0.1995262)] == ["0.003", "0.0001", "20", "0.2"]
    assert widgets.format_loss(2.4e-9) == "2.40e-09"


def test_first_divergence_finds_non_finite_losses_and_losses_above_the_cap():
    assert widgets.first_divergence([0.7, 0.5, 0.3]) is None
    assert widgets.first_divergence([0.7, 0.5, 7.01, 0.2]) == 2  # above 10 x the start
    assert widgets.first_divergence([0.7, 6.9, 0.2]) is None  # a bump below the cap is not divergence
    assert widgets.first_divergence([0.7, np.inf]) == 1
    assert widgets.first_divergence([0.7, 0.6, np.nan]) == 2
    assert widgets.first_divergence([0.7, 1.5], cap=1.0) == 1


def test_clipped_curve_ends_at_the_top_of_the_axis_where_the_run_diverged():
    x, y = widgets.clipped_curve([0.7, 0.5], 2, 7.0)
    np.testing.assert_array_equal(x, [0, 1, 2])
    np.testing.assert_array_equal(y, [0.7, 0.5, 7.0])
    x, y = widgets.clipped_curve([0.7, 0.5], None, 7.0)
    np.testing.assert_array_equal(x, [0, 1])
    with pytest.raises(ValueError, match="has 3 finite losses"):
        widgets.clipped_curve([0.7, 0.5], 3, 7.0)


def test_loss_axis_is_logarithmic_only_across_decades():
    assert widgets.loss_axis(2.4e-9, 1.1e-3) == (1e-9, 1.1e-3, True)  # from the decade below the lowest
    bottom, top, log = widgets.loss_axis(0.3, 1.4)
    assert (bottom, top, log) == (0.0, 1.4, False)
    assert widgets.loss_axis(0.02, 1.9)[2] is False and widgets.loss_axis(0.019, 1.9)[2] is True
    with pytest.raises(ValueError, match="lowest must be below highest"):
        widgets.loss_axis(2.0, 1.0)


def test_log_ticks_are_labelled_decades_at_most_seven():
    assert widgets.log_ticks(1e-10, 1.1e-3) == [1e-09, 1e-07, 1e-05, 1e-03]
    assert widgets.log_ticks(1e-4, 7.5) == [1e-4, 1e-3, 1e-2, 1e-1, 1.0]
    ticks = widgets.log_ticks(1e-30, 1.0)
    assert len(ticks) <= 7 and ticks[-1] == 1.0


def test_presets_are_checked_against_the_slider_range():
    assert widgets.check_presets({"good": 0.003}, 1e-4, 1.0) == {"good": 0.003}
    assert widgets.check_presets(None, 1e-4, 1.0) == {}
    with pytest.raises(ValueError, match=r"presets\['too large'\] = 10 is outside the slider's range"):
        widgets.check_presets({"too large": 10.0}, 1e-4, 1.0)
    with pytest.raises(TypeError, match="presets must be a dict"):
        widgets.check_presets([0.1], 1e-4, 1.0)


def test_log_slider_range():
    assert widgets.log_slider_range(1e-4, 1.0) == pytest.approx((-4.0, 0.0))
    with pytest.raises(ValueError, match="min_step must be below max_step; got 1.0 and 0.1"):
        widgets.log_slider_range(1.0, 0.1)
    with pytest.raises(ValueError, match="min_step must be a finite number greater than 0; got 0.0"):
        widgets.log_slider_range(0.0, 1.0)


def test_every_slider_position_is_run_once_and_a_move_is_a_lookup():
    calls = []

    def counting(step):
        calls.append(step)
        return fake_run(step)

    explorer = widgets.StepSizeExplorer(counting, step=0.1, min_step=0.01, max_step=10.0)
    assert len(calls) == 13 and sorted(calls) == list(explorer.positions())  # 0.01, 0.02, 0.03, 0.05, ... 10
    line = explorer.line
    explorer.slider.value = explorer.positions()[10]
    assert len(calls) == 13 and explorer.line is line
    np.testing.assert_array_equal(line.get_ydata(), fake_run(explorer.positions()[10]))
    np.testing.assert_array_equal(line.get_xdata(), np.arange(11))  # epoch 0 drawn


def test_the_loss_axis_stays_put_and_the_previous_run_stays_faint():
    explorer = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0, symbol="α")
    limits = explorer.ax.get_ylim()
    lowest = min(fake_run(s).min() for s in explorer.positions())
    assert limits[0] <= lowest and limits[1] == pytest.approx(10.0)  # 10 x the start loss 1.0
    assert explorer.log_y and all(label.get_text() for label in explorer.ax.get_yticklabels())
    explorer.slider.value = 10.0
    assert explorer.ax.get_ylim() == limits
    np.testing.assert_array_equal(explorer.previous_line.get_ydata(), fake_run(0.1))
    assert explorer.summary.value == widgets.summarize_run(10.0, fake_run(10.0), symbol="α")


def test_a_linear_axis_when_the_losses_span_less_than_two_decades():
    explorer = widgets.StepSizeExplorer(
        lambda s: np.array([0.7, 0.69, 0.68]) - 0.01 * s, step=1.0, min_step=0.1, max_step=10.0
    )
    assert not explorer.log_y and explorer.ax.get_yscale() == "linear"


def test_a_diverged_run_is_clipped_and_marked():
    def train(step):
        if step > 1:
            raise helpers.TrainingDiverged("too large", epoch=3, losses=[0.7, 0.6, 0.9])
        return np.array([0.7, 0.6, 12.0, 0.1]) if step > 0.5 else np.array([0.7, 0.5, 0.3, 0.2])

    explorer = widgets.StepSizeExplorer(train, step=0.1, min_step=0.1, max_step=10.0)
    assert explorer.diverged_at is None and explorer.diverged_text.get_text() == ""
    explorer.slider.value = 1.0
    assert explorer.diverged_at == 2 and explorer.summary.value.endswith("diverged at epoch 2")
    np.testing.assert_array_equal(explorer.line.get_ydata(), [0.7, 0.6, explorer.top])
    assert explorer.diverged_text.get_text() == "diverged at epoch 2"
    explorer.slider.value = 10.0
    assert explorer.diverged_at == 3 and list(explorer.marker.get_xdata()) == [3]


def test_the_picture_is_redrawn_on_a_slider_move_and_the_same_run_draws_the_same_bytes():
    explorer = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0)
    before = bytes(explorer.image.value)
    assert before.startswith(b"\x89PNG")
    explorer.slider.value = 2.0
    after = bytes(explorer.image.value)
    assert after.startswith(b"\x89PNG") and after != before
    again = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0)
    assert bytes(again.image.value) == before  # the same state draws the same bytes


def test_presets_move_the_slider_and_the_plot():
    explorer = widgets.StepSizeExplorer(
        fake_run,
        step=0.1,
        min_step=0.01,
        max_step=10.0,
        presets={"too small": 0.01, "too large": 10.0},
        hint="predict first",
    )
    assert [button.description for button in explorer.buttons] == ["too small (step = 0.01)", "too large (step = 10)"]
    before, summary = bytes(explorer.image.value), explorer.summary.value
    explorer.buttons[1].click()
    assert explorer.slider.value == 10.0 and explorer.summary.value != summary
    assert bytes(explorer.image.value) != before and explorer.hint.value == "predict first"


def test_the_slider_is_labelled_wide_and_shows_its_range():
    explorer = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0, symbol="s")
    assert explorer.slider.description == "s" and int(explorer.slider.layout.width.rstrip("px")) >= 400
    assert explorer.range_label.value == "from 0.01 to 10 (log scale)"
    assert explorer.slider.continuous_update is widgets.CONTINUOUS_UPDATE


def test_before_the_cell_runs_the_notebook_shows_a_sentence_not_a_widget_repr():
    explorer = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0)
    bundle = explorer._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["text/plain"] == "Run this cell for the step-size slider."
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.widget.model_id


def test_the_slider_offers_round_steps_four_a_decade_plus_the_start_and_the_presets():
    assert widgets.step_options(1e-3, 0.1) == [0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1]
    assert widgets.step_options(1e-4, 1.0, extra=[0.004])[4:8] == [0.001, 0.002, 0.003, 0.004]
    with pytest.raises(ValueError, match="every step must lie in"):
        widgets.step_options(1e-4, 1.0, extra=[2.0])
    explorer = widgets.StepSizeExplorer(fake_run, step=0.007, min_step=1e-3, max_step=1.0, presets={"odd": 0.04})
    assert [label for label, _ in explorer.slider.options][:6] == ["0.001", "0.002", "0.003", "0.005", "0.007", "0.01"]
    assert explorer.slider.value == 0.007 and 0.04 in explorer.positions()


def test_epochs_slider_shows_the_start_of_the_longest_run():
    explorer = widgets.StepSizeExplorer(fake_train, step=0.1, min_step=0.01, max_step=10.0, epochs=2, max_epochs=10)
    assert explorer.epochs_slider.max == 10 and explorer.losses.size == 3
    explorer.epochs_slider.value = 8
    assert explorer.losses.size == 9 and explorer.line.get_xdata()[-1] == 8
    assert explorer.summary.value == widgets.summarize_run(0.1, fake_run(0.1)[:9])
    with pytest.raises(ValueError, match="max_epochs must be at least epochs \\(5\\); got 3"):
        widgets.epochs_slider(5, 3)


def test_hot_and_cold_explorer_shows_hot_and_cold():
    x, W, b, y = (
        np.array([1.0, 2.0, 3.0]),
        np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]),
        np.array([1.0, 2.0]),
        [0.95, 0.99],
    )
    explorer = widgets.hot_and_cold_explorer(x, W, b, y, step=0.01, epochs=10, max_epochs=12)
    explorer.slider.value = 0.05
    expected = helpers.hot_and_cold(x, W, b, y, step=0.05, epochs=10, nudge="each").losses
    np.testing.assert_array_equal(explorer.losses, expected)
    assert expected[0] == helpers.mean_squared_error(y, helpers.sigmoid_layer(x, W, b))
    assert explorer.summary.value == widgets.summarize_run(0.05, expected, symbol="s")


def test_gradient_descent_explorer_starts_every_run_afresh():
    X, Y = helpers.make_xor(5)
    explorer = widgets.gradient_descent_explorer(X, Y, n_hidden=3, step=1.0, epochs=20, max_epochs=20)
    first = explorer.losses.copy()
    explorer.slider.value = 2.0
    explorer.slider.value = 1.0
    np.testing.assert_array_equal(explorer.losses, first)
    expected = helpers.gradient_descent(helpers.init_two_layer(2, 3, 1, seed=0), X, Y, step=1.0, epochs=20)
    np.testing.assert_array_equal(first, expected)
    assert explorer.slider.description == "α"
    with pytest.raises(ValueError, match="X and Y must be 2-D"):
        widgets.gradient_descent_explorer(X[0], Y, n_hidden=3, step=1.0, epochs=20)

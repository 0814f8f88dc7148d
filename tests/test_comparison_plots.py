"""Notebook 05's figure helpers compute and draw what they say, from the helpers' own numbers."""

import doctest

import numpy as np
import pytest

import helpers
from helpers import comparison
from helpers.figures import comparison_plots


def test_docstring_examples():
    assert doctest.testmod(comparison_plots).failed == 0


def test_loss_surface_levels_span_the_losses_on_a_log_scale(ax, unit_problem):
    x, y, _, _ = unit_problem
    w_values, b_values = np.linspace(-1, 3, 30), np.linspace(-2, 2, 25)
    grid = comparison.layer_loss_grid(x, y, w_values, b_values)
    filled, lines = comparison_plots.draw_loss_surface(ax, w_values, b_values, grid, levels=8)
    assert filled.levels[0] == pytest.approx(grid.min()) and filled.levels[-1] == pytest.approx(grid.max())
    np.testing.assert_allclose(np.diff(np.log(filled.levels)), np.log(grid.max() / grid.min()) / 7)
    np.testing.assert_allclose(lines.levels, filled.levels)
    assert ax.get_xlabel() == "weight $w$" and ax.get_ylabel() == "bias $b$"
    with pytest.raises(ValueError, match="positive"):
        comparison_plots.draw_loss_surface(ax, w_values, b_values, grid - grid.max())


def test_draw_path_and_mark_point_draw_the_given_points(ax):
    points = np.array([[0.0, -1.0], [0.5, -0.5], [1.0, 0.0]])
    line = comparison_plots.draw_path(ax, points, label="path", color="red")
    np.testing.assert_array_equal(line.get_xdata(), points[:, 0])
    np.testing.assert_array_equal(line.get_ydata(), points[:, 1])
    assert line.get_label() == "path" and line.get_marker() == "o"
    marker = comparison_plots.mark_point(ax, (1.4, 0.5), label="minimum")
    assert list(marker.get_xdata()) == [1.4] and list(marker.get_ydata()) == [0.5]
    assert marker.get_linestyle() == "None" and marker.get_marker() == "*"
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        comparison_plots.draw_path(ax, np.zeros((3, 3)), label="bad")


def test_work_curves_plot_loss_against_passes_on_log_axes(ax, xor_problem):
    X, Y, params = xor_problem
    run = helpers.hot_and_cold_two_layer(params, X, Y, step=0.1, epochs=3, nudge="each")
    losses = helpers.gradient_descent({k: v.copy() for k, v in params.items()}, X, Y, step=1.0, epochs=10)
    curves = {
        "hot and cold": comparison.hot_and_cold_work(run),
        "gradient descent": (comparison.gradient_descent_work(losses), losses),
    }
    lines, level_lines = comparison_plots.draw_work_curves(ax, curves, levels=(0.5, 0.1))
    for line, (label, (passes, values)) in zip(lines, curves.items(), strict=True):
        assert line.get_label() == label
        np.testing.assert_array_equal(line.get_xdata(), passes)
        np.testing.assert_array_equal(line.get_ydata(), values)
    assert [line.get_ydata()[0] for line in level_lines] == [0.5, 0.1]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_cost_growth_draws_2P_and_a_flat_backprop_line(ax):
    P = [9, 17, 101_770]
    lines = comparison_plots.draw_cost_growth(ax, P)
    np.testing.assert_array_equal(lines["2P"].get_xdata(), P)
    np.testing.assert_array_equal(lines["2P"].get_ydata(), [18, 34, 203_540])
    np.testing.assert_array_equal(lines["backprop"].get_ydata(), [2, 2, 2])
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_passes_to_reach_plot_marks_runs_that_fell_short_at_the_budget(ax):
    reached, missed = comparison_plots.draw_passes_to_reach(ax, [9, 17, 33], [None, 511, 661], label="hc", budget=5000)
    np.testing.assert_array_equal(reached.get_xdata(), [17, 33])
    np.testing.assert_array_equal(reached.get_ydata(), [511, 661])
    np.testing.assert_array_equal(missed.get_xdata(), [9])
    np.testing.assert_array_equal(missed.get_ydata(), [5000])
    assert missed.get_label() == "hc:\nnot reached within 5,000"
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["9", "17", "33"]
    _, nothing = comparison_plots.draw_passes_to_reach(ax, [9, 17], [100, 200], label="gd", budget=5000)
    assert len(nothing.get_xdata()) == 0 and nothing.get_label().startswith("_")
    with pytest.raises(ValueError, match="one entry per network"):
        comparison_plots.draw_passes_to_reach(ax, [9, 17], [100], label="gd", budget=5000)


def test_seed_counts_draw_every_reached_run_and_skip_misses(ax):
    dots = comparison_plots.draw_seed_counts(ax, [9, 17], [[300, np.inf], [200, 250]], color="red")
    np.testing.assert_array_equal(dots.get_xdata(), [9, 17, 17])
    np.testing.assert_array_equal(dots.get_ydata(), [300, 200, 250])
    assert dots.get_linestyle() == "None"
    with pytest.raises(ValueError, match="one row per network"):
        comparison_plots.draw_seed_counts(ax, [9, 17, 33], [[300, 200]])


def test_paths_on_surface_draw_the_three_rules(unit_problem):
    import matplotlib.pyplot as plt

    x, y, W, b = unit_problem
    w_values, b_values = np.linspace(-1, 3, 20), np.linspace(-2, 2, 20)
    surface = comparison.layer_loss_grid(x, y, w_values, b_values)
    paths = {
        "hot and cold, together": comparison.trace_path(
            lambda W_, b_: helpers.hot_and_cold(x, W_, b_, y, step=0.1, epochs=1), W, b, 4
        ),
        "hot and cold, each": comparison.trace_path(
            lambda W_, b_: helpers.hot_and_cold(x, W_, b_, y, step=0.1, epochs=1, nudge="each"), W, b, 4
        ),
        "gradient descent": comparison.trace_path(
            lambda W_, b_: helpers.layer_gradient_descent(x, W_, b_, y, step=2.0, epochs=1), W, b, 4
        ),
    }
    fig, ax = plt.subplots()
    lines = comparison_plots.draw_paths_on_surface(
        fig, ax, w_values, b_values, surface, paths, start=(0.0, -1.0), minimum=(1.0, 0.0), epochs=4
    )
    assert len(lines["hot and cold, each"].get_xdata()) == 4 * 2 + 1  # the staircase's corners
    np.testing.assert_array_equal(lines["gradient descent"].get_xdata(), paths["gradient descent"][:, 0])
    assert "4 epochs" in ax.get_title() and len(fig.axes) == 2  # the plot and its colour bar
    plt.close(fig)


def test_best_runs_draw_per_epoch_and_per_pass(xor_problem):
    import matplotlib.pyplot as plt

    X, Y, params = xor_problem
    hc = helpers.hot_and_cold_two_layer(params, X, Y, step=0.1, epochs=3, nudge="each")
    gd = helpers.gradient_descent({k: v.copy() for k, v in params.items()}, X, Y, step=1.0, epochs=10)
    fig, (left, right) = plt.subplots(1, 2)
    lines = comparison_plots.draw_best_runs(left, right, hc, gd, labels=("hc", "gd"), levels=(0.5,))
    np.testing.assert_array_equal(lines[1].get_ydata(), gd[1:])  # per epoch: after 1, 2, ... updates
    np.testing.assert_array_equal(lines[3].get_xdata(), comparison.gradient_descent_work(gd))
    np.testing.assert_array_equal(lines[2].get_xdata(), comparison.hot_and_cold_work(hc)[0])
    assert left.get_xscale() == right.get_xscale() == "log"
    plt.close(fig)


def test_measured_over_seeds_draws_the_medians_and_every_seed(ax):
    measured = {
        "hot and cold": np.array([[np.inf, np.inf, 289.0], [511.0, 409.0, np.inf]]),
        "gradient descent": np.array([[501.0, 283.0, 299.0], [295.0, 281.0, 215.0]]),
    }
    artists = comparison_plots.draw_measured_over_seeds(
        ax, [9, 17], measured, labels={"hot and cold": "hc", "gradient descent": "gd"}, budget=5000, target=0.1
    )
    reached, missed, dots = artists["hot and cold"]
    np.testing.assert_array_equal(reached.get_xdata(), [17])  # the 9-parameter median is a miss
    np.testing.assert_array_equal(reached.get_ydata(), [511])  # the middle one of 409, 511, inf
    np.testing.assert_array_equal(missed.get_xdata(), [9])
    assert len(dots.get_xdata()) == 3  # the three runs that reached it
    np.testing.assert_array_equal(artists["gradient descent"][0].get_ydata(), [299, 281])
    assert "0.1" in ax.get_ylabel() and ax.get_yscale() == "log"

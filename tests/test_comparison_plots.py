"""Notebook 05's figure helpers compute and draw what they say, from the helpers' own numbers."""

import doctest

import numpy as np
import pytest

import helpers
from helpers import comparison_plots


@pytest.fixture
def unit_problem():
    """One sigmoid unit, one input, one output: x and y (1, m), W (1, 1), b (1,)."""
    x = np.linspace(-2.0, 2.0, 5).reshape(1, -1)
    y = np.array([[0.1, 0.2, 0.5, 0.8, 0.9]])
    return x, y, np.array([[0.0]]), np.array([-1.0])


@pytest.fixture(scope="module")
def xor_problem():
    X, Y = helpers.make_xor(n_per_corner=5)
    return X, Y, helpers.init_two_layer(2, 3, 1, seed=0)


def test_docstring_examples():
    assert doctest.testmod(comparison_plots).failed == 0


@pytest.mark.parametrize("nudge", ["together", "each"])
def test_trace_path_retraces_one_long_hot_and_cold_run(unit_problem, nudge):
    x, y, W, b = unit_problem
    path = comparison_plots.trace_path(
        lambda W_, b_: helpers.hot_and_cold(x, W_, b_, y, step=0.1, epochs=1, nudge=nudge), W, b, 12
    )
    run = helpers.hot_and_cold(x, W, b, y, step=0.1, epochs=12, nudge=nudge)
    assert path.shape == (13, 2)
    np.testing.assert_array_equal(path[0], [0.0, -1.0])
    np.testing.assert_allclose(path[-1], [run.W[0, 0], run.b[0]], rtol=0, atol=1e-12)
    losses = [helpers.mean_squared_error(y, helpers.sigmoid_layer(x, row[:1].reshape(1, 1), row[1:]))
              for row in path[1:]]
    np.testing.assert_allclose(losses, run.losses, rtol=1e-12)
    if nudge == "together":
        np.testing.assert_allclose(path[:, 0] - path[:, 1], 1.0)  # w - b never changes


def test_trace_path_steps_are_minus_step_times_the_gradient(unit_problem):
    x, y, W, b = unit_problem
    path = comparison_plots.trace_path(
        lambda W_, b_: helpers.layer_gradient_descent(x, W_, b_, y, step=2.0, epochs=1), W, b, 5
    )
    for before, after in zip(path[:-1], path[1:]):
        dW, db = helpers.sigmoid_layer_gradient(x, before[:1].reshape(1, 1), before[1:], y)
        np.testing.assert_allclose(after - before, -2.0 * np.array([dW[0, 0], db[0]]), rtol=1e-12)


def test_trace_path_accepts_a_pair_and_orders_W_row_by_row_then_b():
    def shift(W, b):
        return W + 1.0, b - 1.0

    path = comparison_plots.trace_path(shift, [[1.0, 2.0], [3.0, 4.0]], [5.0, 6.0], 2)
    np.testing.assert_array_equal(path, [[1, 2, 3, 4, 5, 6], [2, 3, 4, 5, 4, 5], [3, 4, 5, 6, 3, 4]])


def test_each_staircase_moves_one_coordinate_at_a_time(unit_problem):
    x, y, W, b = unit_problem
    path = comparison_plots.trace_path(
        lambda W_, b_: helpers.hot_and_cold(x, W_, b_, y, step=0.2, epochs=1, nudge="each"), W, b, 6
    )
    stairs = comparison_plots.each_staircase(path)
    assert stairs.shape == (6 * 2 + 1, 2)
    np.testing.assert_array_equal(stairs[::2], path)  # every other point is the end of an epoch
    assert np.all(np.count_nonzero(np.diff(stairs, axis=0), axis=1) <= 1)
    # the corner in between is w of the new epoch, b of the old: "each" visits W before b
    np.testing.assert_array_equal(stairs[1], [path[1, 0], path[0, 1]])
    with pytest.raises(ValueError, match="path must be 2-D"):
        comparison_plots.each_staircase([1.0, 2.0])


def test_layer_loss_grid_is_the_mean_squared_error_at_every_point(unit_problem):
    x, y, _, _ = unit_problem
    w_values, b_values = np.linspace(-1, 3, 5), np.linspace(-2, 2, 4)
    grid = comparison_plots.layer_loss_grid(x, y, w_values, b_values)
    assert grid.shape == (4, 5)
    for i, b in enumerate(b_values):
        for k, w in enumerate(w_values):
            expected = helpers.mean_squared_error(y, helpers.sigmoid_layer(x, [[w]], [b]))
            assert grid[i, k] == pytest.approx(expected, rel=1e-12)
    with pytest.raises(ValueError, match=r"shape \(1, m\)"):
        comparison_plots.layer_loss_grid(x.ravel(), y.ravel(), w_values, b_values)


def test_loss_surface_levels_span_the_losses_on_a_log_scale(ax, unit_problem):
    x, y, _, _ = unit_problem
    w_values, b_values = np.linspace(-1, 3, 30), np.linspace(-2, 2, 25)
    grid = comparison_plots.layer_loss_grid(x, y, w_values, b_values)
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


def test_hot_and_cold_work_counts_its_forward_passes(xor_problem):
    X, Y, params = xor_problem
    P = sum(value.size for value in params.values())
    run = helpers.hot_and_cold_two_layer(params, X, Y, step=0.1, epochs=3, nudge="each")
    passes, losses = comparison_plots.hot_and_cold_work(run)
    assert list(passes) == [1, 1 + 2 * P, 1 + 4 * P, 1 + 6 * P]
    assert losses[0] == run.initial_loss and list(losses[1:]) == list(run.losses)


def test_gradient_descent_work_counts_a_forward_and_a_backward_per_epoch(xor_problem):
    X, Y, params = xor_problem
    losses = helpers.gradient_descent({k: v.copy() for k, v in params.items()}, X, Y, step=1.0, epochs=4)
    assert list(comparison_plots.gradient_descent_work(losses)) == [1, 3, 5, 7]
    assert list(comparison_plots.gradient_descent_work(losses, backward_cost=2)) == [1, 4, 7, 10]
    np.testing.assert_allclose(comparison_plots.gradient_descent_work(losses, backward_cost=1.5), [1, 3.5, 6, 8.5])
    with pytest.raises(ValueError, match="backward_cost"):
        comparison_plots.gradient_descent_work(losses, backward_cost=0)


def test_passes_to_reach_finds_the_first_count_at_or_below_the_level():
    passes, losses = [1, 35, 69, 103], [0.7, 0.3, 0.1, 0.05]
    assert comparison_plots.passes_to_reach(passes, losses, 0.1) == 69
    assert comparison_plots.passes_to_reach(passes, losses, 0.7) == 1
    assert comparison_plots.passes_to_reach(passes, losses, 0.01) is None
    with pytest.raises(ValueError, match="same shape"):
        comparison_plots.passes_to_reach(passes, losses[:3], 0.1)


def test_work_curves_plot_loss_against_passes_on_log_axes(ax, xor_problem):
    X, Y, params = xor_problem
    run = helpers.hot_and_cold_two_layer(params, X, Y, step=0.1, epochs=3, nudge="each")
    losses = helpers.gradient_descent({k: v.copy() for k, v in params.items()}, X, Y, step=1.0, epochs=10)
    curves = {"hot and cold": comparison_plots.hot_and_cold_work(run),
              "gradient descent": (comparison_plots.gradient_descent_work(losses), losses)}
    lines, level_lines = comparison_plots.draw_work_curves(ax, curves, levels=(0.5, 0.1))
    for line, (label, (passes, values)) in zip(lines, curves.items()):
        assert line.get_label() == label
        np.testing.assert_array_equal(line.get_xdata(), passes)
        np.testing.assert_array_equal(line.get_ydata(), values)
    assert [line.get_ydata()[0] for line in level_lines] == [0.5, 0.1]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_parameter_count_matches_init_two_layer():
    for sizes in [(2, 4, 1), (3, 7, 2), (784, 128, 10)]:
        P = comparison_plots.parameter_count(*sizes)
        assert P == sum(value.size for value in helpers.init_two_layer(*sizes).values())


def test_passes_per_update():
    assert comparison_plots.passes_per_update(101_770) == {
        "hot and cold (each)": 203_540, "finite differences": 203_540, "backprop": 2,
    }
    with pytest.raises(ValueError):
        comparison_plots.passes_per_update(0)


def test_cost_growth_draws_2P_and_a_flat_backprop_line(ax):
    P = [9, 17, 101_770]
    lines = comparison_plots.draw_cost_growth(ax, P)
    np.testing.assert_array_equal(lines["2P"].get_xdata(), P)
    np.testing.assert_array_equal(lines["2P"].get_ydata(), [18, 34, 203_540])
    np.testing.assert_array_equal(lines["backprop"].get_ydata(), [2, 2, 2])
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_passes_to_reach_plot_marks_runs_that_fell_short_at_the_budget(ax):
    reached, missed = comparison_plots.draw_passes_to_reach(ax, [9, 17, 33], [None, 511, 661], label="hc",
                                                             budget=5000)
    np.testing.assert_array_equal(reached.get_xdata(), [17, 33])
    np.testing.assert_array_equal(reached.get_ydata(), [511, 661])
    np.testing.assert_array_equal(missed.get_xdata(), [9])
    np.testing.assert_array_equal(missed.get_ydata(), [5000])
    assert missed.get_label() == "hc: not reached within 5,000"
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["9", "17", "33"]
    _, nothing = comparison_plots.draw_passes_to_reach(ax, [9, 17], [100, 200], label="gd", budget=5000)
    assert len(nothing.get_xdata()) == 0 and nothing.get_label().startswith("_")
    with pytest.raises(ValueError, match="one entry per network"):
        comparison_plots.draw_passes_to_reach(ax, [9, 17], [100], label="gd", budget=5000)

"""Notebook 05's computations (helpers.comparison): paths, work counted in forward passes, runs on a budget."""

import doctest

import numpy as np
import pytest

import helpers
from helpers import comparison


def test_docstring_examples():
    assert doctest.testmod(comparison).failed == 0


@pytest.mark.parametrize("nudge", ["together", "each"])
def test_trace_path_retraces_one_long_hot_and_cold_run(unit_problem, nudge):
    x, y, W, b = unit_problem
    path = comparison.trace_path(
        lambda W_, b_: helpers.hot_and_cold(x, W_, b_, y, step=0.1, epochs=1, nudge=nudge), W, b, 12
    )
    run = helpers.hot_and_cold(x, W, b, y, step=0.1, epochs=12, nudge=nudge)
    assert path.shape == (13, 2)
    np.testing.assert_array_equal(path[0], [0.0, -1.0])
    np.testing.assert_allclose(path[-1], [run.W[0, 0], run.b[0]], rtol=0, atol=1e-12)
    losses = [helpers.mean_squared_error(y, helpers.sigmoid_layer(x, row[:1].reshape(1, 1), row[1:])) for row in path]
    np.testing.assert_allclose(losses, run.losses, rtol=1e-12)  # row k of the path: after k epochs
    if nudge == "together":
        np.testing.assert_allclose(path[:, 0] - path[:, 1], 1.0)  # w - b never changes


def test_trace_path_steps_are_minus_step_times_the_gradient(unit_problem):
    x, y, W, b = unit_problem
    path = comparison.trace_path(
        lambda W_, b_: helpers.layer_gradient_descent(x, W_, b_, y, step=2.0, epochs=1), W, b, 5
    )
    for before, after in zip(path[:-1], path[1:], strict=True):
        dW, db = helpers.sigmoid_layer_gradient(x, before[:1].reshape(1, 1), before[1:], y)
        np.testing.assert_allclose(after - before, -2.0 * np.array([dW[0, 0], db[0]]), rtol=1e-12)


def test_trace_path_accepts_a_pair_and_orders_W_row_by_row_then_b():
    def shift(W, b):
        return W + 1.0, b - 1.0

    path = comparison.trace_path(shift, [[1.0, 2.0], [3.0, 4.0]], [5.0, 6.0], 2)
    np.testing.assert_array_equal(path, [[1, 2, 3, 4, 5, 6], [2, 3, 4, 5, 4, 5], [3, 4, 5, 6, 3, 4]])


def test_each_staircase_moves_one_coordinate_at_a_time(unit_problem):
    x, y, W, b = unit_problem
    path = comparison.trace_path(
        lambda W_, b_: helpers.hot_and_cold(x, W_, b_, y, step=0.2, epochs=1, nudge="each"), W, b, 6
    )
    stairs = comparison.each_staircase(path)
    assert stairs.shape == (6 * 2 + 1, 2)
    np.testing.assert_array_equal(stairs[::2], path)  # every other point is the end of an epoch
    assert np.all(np.count_nonzero(np.diff(stairs, axis=0), axis=1) <= 1)
    # the corner in between is w of the new epoch, b of the old: "each" visits W before b
    np.testing.assert_array_equal(stairs[1], [path[1, 0], path[0, 1]])
    with pytest.raises(ValueError, match="path must be 2-D"):
        comparison.each_staircase([1.0, 2.0])


def test_layer_loss_grid_is_the_mean_squared_error_at_every_point(unit_problem):
    x, y, _, _ = unit_problem
    w_values, b_values = np.linspace(-1, 3, 5), np.linspace(-2, 2, 4)
    grid = comparison.layer_loss_grid(x, y, w_values, b_values)
    assert grid.shape == (4, 5)
    for i, b in enumerate(b_values):
        for k, w in enumerate(w_values):
            expected = helpers.mean_squared_error(y, helpers.sigmoid_layer(x, [[w]], [b]))
            assert grid[i, k] == pytest.approx(expected, rel=1e-12)
    with pytest.raises(ValueError, match=r"shape \(1, m\)"):
        comparison.layer_loss_grid(x.ravel(), y.ravel(), w_values, b_values)


def test_hot_and_cold_work_counts_its_forward_passes(xor_problem):
    X, Y, params = xor_problem
    P = sum(value.size for value in params.values())
    run = helpers.hot_and_cold_two_layer(params, X, Y, step=0.1, epochs=3, nudge="each")
    passes, losses = comparison.hot_and_cold_work(run)
    assert list(passes) == [1, 1 + 2 * P, 1 + 4 * P, 1 + 6 * P]
    assert losses[0] == run.initial_loss and list(losses) == list(run.losses)


def test_gradient_descent_work_counts_a_forward_and_a_backward_per_epoch(xor_problem):
    X, Y, params = xor_problem
    losses = helpers.gradient_descent({k: v.copy() for k, v in params.items()}, X, Y, step=1.0, epochs=4)
    assert losses.size == 5 and list(comparison.gradient_descent_work(losses)) == [1, 3, 5, 7, 9]
    assert list(comparison.gradient_descent_work(losses, backward_cost=2)) == [1, 4, 7, 10, 13]
    np.testing.assert_allclose(comparison.gradient_descent_work(losses, backward_cost=1.5), [1, 3.5, 6, 8.5, 11])
    with pytest.raises(ValueError, match="backward_cost"):
        comparison.gradient_descent_work(losses, backward_cost=0)


def test_passes_to_reach_finds_the_first_count_at_or_below_the_level():
    passes, losses = [1, 35, 69, 103], [0.7, 0.3, 0.1, 0.05]
    assert comparison.passes_to_reach(passes, losses, 0.1) == 69
    assert comparison.passes_to_reach(passes, losses, 0.7) == 1
    assert comparison.passes_to_reach(passes, losses, 0.01) is None
    with pytest.raises(ValueError, match="same shape"):
        comparison.passes_to_reach(passes, losses[:3], 0.1)


def test_parameter_count_matches_init_two_layer():
    for sizes in [(2, 4, 1), (3, 7, 2), (784, 128, 10)]:
        P = comparison.parameter_count(*sizes)
        assert P == sum(value.size for value in helpers.init_two_layer(*sizes).values())


def test_passes_per_update():
    assert comparison.passes_per_update(101_770) == {
        "hot and cold (each)": 203_540,
        "finite differences": 203_540,
        "backprop": 2,
    }
    with pytest.raises(ValueError):
        comparison.passes_per_update(0)


@pytest.fixture(scope="module")
def xor_2_4_1():
    X, Y = helpers.make_xor()
    return helpers.init_two_layer(2, 4, 1, seed=0), X, Y


def test_budgets_count_whole_sweeps_and_updates():
    assert comparison.sweeps_in_budget(17, 5000) == 147  # 1 + 147 * 34 = 4999 <= 5000 < 1 + 148 * 34
    assert 1 + 147 * 34 <= 5000 < 1 + 148 * 34
    assert comparison.updates_in_budget(5000) == 2500  # the last loss costs 1 + 2 * 2499 = 4999
    assert comparison.updates_in_budget(1) == 1
    with pytest.raises(ValueError, match="budget must allow one sweep"):
        comparison.sweeps_in_budget(17, 34)
    with pytest.raises(ValueError, match="budget"):
        comparison.updates_in_budget(0)


def test_runs_on_a_budget_leave_the_start_alone_and_spend_at_most_the_budget(xor_2_4_1):
    params, X, Y = xor_2_4_1
    before = comparison.copy_params(params)
    hc = comparison.hot_and_cold_run(params, X, Y, step=0.5, budget=200)
    gd = comparison.gradient_descent_run(params, X, Y, step=5.0, budget=200)
    assert hc.losses.size == 6 and hc.evaluations[-1] == 1 + 5 * 34 <= 200  # epochs 0 to 5
    assert gd.losses.size == 100 and comparison.gradient_descent_work(gd.losses)[-1] <= 200
    assert all(np.array_equal(params[name], before[name]) for name in params)
    assert gd.losses[-1] == helpers.two_layer_loss(gd.params, X, Y)  # the trained network's loss
    np.testing.assert_array_equal(
        gd.losses, helpers.gradient_descent(comparison.copy_params(params), X, Y, step=5.0, epochs=99)
    )


def test_frozen_after_finds_the_last_sweep_that_helped():
    from types import SimpleNamespace as Run

    assert comparison.frozen_after(Run(losses=[1.0, 0.9, 0.9, 0.9])) == 1
    assert comparison.frozen_after(Run(losses=[1.0, 1.0, 1.0])) == 0
    assert comparison.frozen_after(Run(losses=[1.0, 0.9, 0.9, 0.8])) is None
    assert comparison.frozen_after(Run(losses=[1.0, 0.8])) is None
    with pytest.raises(ValueError, match="at least one sweep"):
        comparison.frozen_after(Run(losses=[1.0]))


def test_frozen_after_on_real_runs(xor_2_4_1):
    params, X, Y = xor_2_4_1
    frozen = comparison.hot_and_cold_run(params, X, Y, step=3.0, budget=5000)
    k = comparison.frozen_after(frozen)
    assert k is not None and k < frozen.losses.size // 2
    assert np.all(frozen.losses[k:] == frozen.losses[-1]) and frozen.losses[k - 1] > frozen.losses[k]
    assert comparison.frozen_after(comparison.hot_and_cold_run(params, X, Y, step=0.5, budget=5000)) is None


def test_describe_descent_names_the_four_behaviours():
    assert comparison.describe_descent([1.0, 0.5, 0.2, 0.05, 0.04, 0.03]).verdict == "converged"
    assert comparison.describe_descent([1.0, 0.9, 0.8, 0.7]).verdict == "too slow"
    bounces = comparison.describe_descent([1.0, 3.0, 0.6, 1.2, 0.7, 1.3])
    assert (bounces.verdict, bounces.first_rise, bounces.low, bounces.high) == ("bounces", 1, 0.7, 1.3)
    assert comparison.describe_descent([1.0, 3.0, 2.0, 4.0, 2.5, 3.5]).verdict == "diverged"
    assert comparison.describe_descent([1.0, 0.5]).first_rise is None
    with pytest.raises(ValueError, match="at least 2 epochs"):
        comparison.describe_descent([1.0])


def test_what_describe_descent_prints_about_a_chaotic_run_survives_a_tiny_change_of_the_start(xor_2_4_1):
    """Issue 10: a diverging run's last loss is chaotic; the printed facts must not be."""
    params, X, Y = xor_2_4_1
    nudged = comparison.copy_params(params)
    nudged["W1"] *= 1 + 1e-14
    runs = [comparison.gradient_descent_run(start, X, Y, step=20.0, budget=5000).losses for start in (params, nudged)]
    assert abs(runs[0][-1] - runs[1][-1]) > 0.05  # chaotic digits
    assert str(comparison.describe_descent(runs[0])) == str(comparison.describe_descent(runs[1]))
    assert comparison.final_loss_text(runs[0]) == comparison.final_loss_text(runs[1]) == "0.5 to 1.4"
    assert "e-" in comparison.final_loss_text(
        comparison.gradient_descent_run(params, X, Y, step=5.0, budget=5000).losses
    )


def test_compare_steps_finds_the_fastest_steps_and_prints_no_chaotic_digits(xor_2_4_1):
    params, X, Y = xor_2_4_1
    steps = comparison.compare_steps(params, X, Y, hc_steps=(0.1, 0.5), gd_steps=(5.0, 20.0), budget=5000, target=0.1)
    assert steps.best_hc_step == 0.5 and steps.best_gd_step == 5.0
    assert steps.gd_reach[20.0] is None and steps.hc_reach[0.5] < steps.hc_reach[0.1]
    table = steps.table()
    assert "0.5 to 1.4" in table and f"{steps.gd_runs[20.0].losses[-1]:.2e}" not in table
    assert f"{steps.hc_reach[0.5]:,}" in table
    with pytest.raises(ValueError, match="no step reached"):
        _ = comparison.compare_steps(
            params, X, Y, hc_steps=(0.01,), gd_steps=(0.2,), budget=200, target=0.1
        ).best_hc_step


def test_reach_over_seeds_matches_single_runs_and_spread_summarizes_them(xor_2_4_1):
    _, X, Y = xor_2_4_1
    counts = comparison.reach_over_seeds(
        X, Y, n_hidden_values=(2, 4), seeds=(0, 1), hc_step=0.5, gd_step=5.0, budget=5000, target=0.1
    )
    assert counts["hot and cold"].shape == counts["gradient descent"].shape == (2, 2)
    start = helpers.init_two_layer(2, 4, 1, seed=1)
    gd = comparison.gradient_descent_run(start, X, Y, step=5.0, budget=5000).losses
    assert counts["gradient descent"][1, 1] == comparison.passes_to_reach(comparison.gradient_descent_work(gd), gd, 0.1)
    assert counts["hot and cold"][1, 1] == np.inf  # this start gets stuck
    stats = comparison.spread([[300, 200, np.inf], [5, 4, 3]])
    assert list(stats["reached"]) == [2, 3] and list(stats["min"]) == [200, 3]
    assert list(stats["median"]) == [300, 4] and list(stats["max"]) == [np.inf, 5]
    assert comparison.spread([[1, 2, 3, 4]])["median"][0] == 2  # a value of a run, not 2.5
    table = comparison.seed_table(counts, (2, 4))
    assert "missed" in table and "2-4-1" in table and "1/2" in table
    with pytest.raises(ValueError, match="2-D"):
        comparison.spread([1, 2, 3])


@pytest.mark.parametrize(
    "call, error, match",
    [
        (
            lambda X, Y: comparison.hot_and_cold_run([1.0], X, Y, step=0.5, budget=100),
            TypeError,
            "params must be a dict",
        ),
        (
            lambda X, Y: comparison.gradient_descent_run({"W1": np.zeros((4, 2))}, X, Y, step=5.0, budget=100),
            ValueError,
            "params is missing",
        ),
        (
            lambda X, Y: comparison.gradient_descent_run(helpers.init_two_layer(2, 4, 1), X, Y, step=-1.0, budget=100),
            ValueError,
            "step",
        ),
        (
            lambda X, Y: comparison.hot_and_cold_run(helpers.init_two_layer(2, 4, 1), X, Y, step=0.5, budget=1.5),
            TypeError,
            "budget",
        ),
        (lambda X, Y: comparison.frozen_after([0.5, 0.4]), TypeError, "run must have"),
        (lambda X, Y: comparison.describe_descent([0.7, np.nan]), ValueError, "losses must be finite"),
        (
            lambda X, Y: comparison.compare_steps(
                helpers.init_two_layer(2, 4, 1), X, Y, hc_steps=(0.5,), gd_steps=(5.0,), budget=100, target=0.0
            ),
            ValueError,
            "target",
        ),
    ],
)
def test_bad_input_names_the_argument(call, error, match):
    X, Y = helpers.make_xor(2)
    with pytest.raises(error, match=match):
        call(X, Y)

"""One-weight hot and cold: the two rules, the slope in the two nudges, gradient descent with that slope."""

import numpy as np
import pytest

from helpers import one_weight

# Grokking Deep Learning, chapter 4: input 0.5, goal 0.8, weight 0.5, step 0.001.
GROKKING = {"x": 0.5, "y": 0.8}


def test_loss_and_derivative_are_the_parabola_and_its_slope():
    w = np.linspace(-2, 3, 11)
    np.testing.assert_allclose(one_weight.loss(w, **GROKKING), (0.5 * w - 0.8) ** 2)
    np.testing.assert_allclose(one_weight.loss_derivative(w, **GROKKING), 2 * 0.5 * (0.5 * w - 0.8))
    assert isinstance(one_weight.loss(0.5, **GROKKING), float)
    assert one_weight.loss(one_weight.goal_weight(**GROKKING), **GROKKING) == pytest.approx(0, abs=1e-30)


@pytest.mark.parametrize("w", [-3.0, 0.5, 1.6, 7.25])
@pytest.mark.parametrize("s", [1e-3, 0.1, 2.0])
def test_nudge_slope_of_a_parabola_is_the_derivative_for_any_nudge(w, s):
    expected = one_weight.loss_derivative(w, x=1.5, y=-0.3)
    assert one_weight.nudge_slope(w, x=1.5, y=-0.3, s=s) == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_always_reaches_the_goal_then_steps_off_and_back():
    result = one_weight.run(0.5, **GROKKING, s=0.001, iterations=1110, rule="always")
    goal = one_weight.goal_weight(**GROKKING)
    first = int(np.argmax(np.abs(result.weights - goal) < 0.0005))
    assert first == 1100
    assert np.all(np.diff(result.weights[: first + 1]) > 0)
    after = result.weights[first:]
    np.testing.assert_allclose(after[::2], goal, atol=1e-9)
    np.testing.assert_allclose(after[1::2], goal + 0.001, atol=1e-9)
    assert np.all(result.losses[first + 1 :: 2] > result.losses[first])


def test_if_better_freezes_at_the_goal():
    result = one_weight.run(0.5, **GROKKING, s=0.001, iterations=1110, rule="if_better")
    assert np.all(result.weights[1100:] == result.weights[1100])
    assert result.weights[1100] == pytest.approx(1.6, abs=1e-9)
    assert np.all(np.diff(result.losses) <= 0)


def test_the_rules_agree_until_the_goal():
    always = one_weight.run(0.5, **GROKKING, s=0.001, iterations=1110, rule="always")
    if_better = one_weight.run(0.5, **GROKKING, s=0.001, iterations=1110, rule="if_better")
    np.testing.assert_array_equal(always.weights[:1101], if_better.weights[:1101])
    assert always.weights[1101] != if_better.weights[1101]


def test_step_moves_the_right_way_and_never_on_a_tie():
    assert one_weight.step(0.0, x=1.0, y=1.0, s=0.1, rule="if_better") == pytest.approx(0.1)
    assert one_weight.step(2.0, x=1.0, y=1.0, s=0.1, rule="if_better") == pytest.approx(1.9)
    # A negative input turns the parabola's slope around.
    assert one_weight.step(0.0, x=-1.0, y=1.0, s=0.1, rule="always") == pytest.approx(-0.1)
    # At the minimum, with a nudge that lands symmetric (both nudges tie), nobody moves.
    assert one_weight.step(0.0, x=1.0, y=0.0, s=0.5, rule="always") == 0.0
    # x = 0: the loss does not depend on w, so the nudges tie.
    assert one_weight.step(3.0, x=0.0, y=1.0, s=0.5, rule="always") == 3.0


def test_descend_with_the_nudge_slope_is_gradient_descent():
    result = one_weight.descend(0.5, **GROKKING, s=0.001, alpha=1.0, iterations=12)
    w = 0.5
    for t in range(1, 13):
        w = w - 1.0 * one_weight.loss_derivative(w, **GROKKING)
        assert result.weights[t] == pytest.approx(w, rel=1e-9)
    # alpha = 1 halves the distance to the goal every iteration (the curvature is 2 x**2 = 0.5)
    distance = np.abs(result.weights - 1.6)
    np.testing.assert_allclose(distance[1:] / distance[:-1], 0.5, rtol=1e-6)


def test_descend_reports_divergence_instead_of_overflowing():
    with pytest.raises(ValueError, match=r"alpha = 1e\+200 is too large"):
        one_weight.descend(0.5, **GROKKING, s=0.001, alpha=1e200, iterations=3)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: one_weight.loss("0.5", x=0.5, y=0.8), TypeError, "w must hold real numbers"),
        (lambda: one_weight.loss(0.5, x=None, y=0.8), TypeError, "x must be a real number"),
        (lambda: one_weight.loss_derivative(np.nan, x=0.5, y=0.8), ValueError, "w must be finite"),
        (
            lambda: one_weight.nudge_slope(0.5, x=0.5, y=0.8, s=0),
            ValueError,
            "s must be a finite number greater than 0",
        ),
        (lambda: one_weight.nudge_slope(0.5, x=0.5, y=np.inf, s=0.1), ValueError, "y must be a finite number"),
        (lambda: one_weight.step(0.5, x=0.5, y=0.8, s=-0.1, rule="always"), ValueError, "s must be"),
        (
            lambda: one_weight.step(0.5, x=0.5, y=0.8, s=0.1, rule="grokking"),
            ValueError,
            "rule must be 'always' or 'if_better'",
        ),
        (lambda: one_weight.step([0.5], x=0.5, y=0.8, s=0.1, rule="always"), TypeError, "w must be a real number"),
        (
            lambda: one_weight.run(0.5, x=0.5, y=0.8, s=0.1, iterations=0, rule="always"),
            ValueError,
            "iterations must be at least 1",
        ),
        (
            lambda: one_weight.run(0.5, x=0.5, y=0.8, s=0.1, iterations=2.0, rule="always"),
            TypeError,
            "iterations must be an int",
        ),
        (lambda: one_weight.descend(0.5, x=0.5, y=0.8, s=0.1, alpha=0, iterations=3), ValueError, "alpha must be"),
        (lambda: one_weight.goal_weight(x=0, y=0.8), ValueError, "x must not be 0"),
    ],
)
def test_bad_input_names_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_weight_figure_draws_the_runs_weights(ax):
    from helpers.figures import hot_and_cold_plots

    runs = {rule: one_weight.run(0.5, **GROKKING, s=0.25, iterations=8, rule=rule) for rule in one_weight.RULES}
    lines = hot_and_cold_plots.plot_weight_runs(ax, runs, goal=1.6, first=3)
    for line, run in zip(lines, runs.values(), strict=True):
        np.testing.assert_array_equal(line.get_xdata(), np.arange(3, 9))
        np.testing.assert_array_equal(line.get_ydata(), run.weights[3:])
    assert ax.get_lines()[-1].get_ydata()[0] == 1.6
    with pytest.raises(ValueError, match="first must be an iteration inside every run"):
        hot_and_cold_plots.plot_weight_runs(ax, runs, goal=1.6, first=9)


# Every public function, a valid call, and the arguments a student may spoil.
VALID = {
    "loss": (one_weight.loss, {"w": 0.5, "x": 0.5, "y": 0.8}),
    "loss_derivative": (one_weight.loss_derivative, {"w": [0.5, 1.0], "x": 0.5, "y": 0.8}),
    "nudge_slope": (one_weight.nudge_slope, {"w": 0.5, "x": 0.5, "y": 0.8, "s": 0.001}),
    "step": (one_weight.step, {"w": 0.5, "x": 0.5, "y": 0.8, "s": 0.001, "rule": "always"}),
    "run": (one_weight.run, {"w": 0.5, "x": 0.5, "y": 0.8, "s": 0.001, "iterations": 3, "rule": "if_better"}),
    "descend": (one_weight.descend, {"w": 0.5, "x": 0.5, "y": 0.8, "s": 0.001, "alpha": 1.0, "iterations": 3}),
    "goal_weight": (one_weight.goal_weight, {"x": 0.5, "y": 0.8}),
}
BAD = [None, "0.5", [], [[1.0], [1.0, 2.0]], np.array([1.0, np.nan]), np.inf, -np.inf, np.nan, 1 + 2j, {"a": 1}]


@pytest.mark.parametrize("name", sorted(VALID))
def test_every_argument_refuses_bad_values_by_name(name):
    function, kwargs = VALID[name]
    function(**kwargs)
    for argument in kwargs:
        for bad in BAD:
            with pytest.raises((TypeError, ValueError), match=argument):
                function(**{**kwargs, argument: bad})


@pytest.mark.parametrize(
    "call",
    [
        lambda: one_weight.loss(1e200, x=1e200, y=0.0),
        lambda: one_weight.loss_derivative(np.array([1e300, 1.0]), x=1e300, y=0.0),
        lambda: one_weight.nudge_slope(1e200, x=1e200, y=0.0, s=1.0),
        lambda: one_weight.run(1e200, x=1e200, y=0.0, s=1.0, iterations=2, rule="always"),
    ],
)
def test_overflow_is_a_value_error_not_a_warning_or_nan(call):
    with pytest.raises(ValueError, match="too large for float64"):
        call()

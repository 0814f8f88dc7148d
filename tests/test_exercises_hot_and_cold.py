"""The checkers of notebook 03: the teacher's solutions pass, stubs are "not done", classic mistakes are named."""

from functools import partial

import numpy as np
import pytest

from helpers.exercises import hot_and_cold as checks
from tests.exercise_support import assert_wrong_verdict, stub, teacher_namespace

NOTEBOOK = "03_hot_and_cold.ipynb"


assert_wrong = partial(assert_wrong_verdict, NOTEBOOK)


# --- Exercise 1: hot_and_cold_step ---------------------------------------------------------------

STEP = "nb03-hot-and-cold-step"


def always_move(w, loss, s):
    """Grokking's loop: compare the nudges with each other only."""
    loss_up, loss_down = loss(w + s), loss(w - s)
    if loss_up < loss_down:
        return w + s
    if loss_down < loss_up:
        return w - s
    return w


def wrong_way(w, loss, s):
    current, loss_up, loss_down = loss(w), loss(w + s), loss(w - s)
    if min(loss_up, loss_down) < current:
        return w - s if loss_up < loss_down else w + s
    return w


def accepts_equal(w, loss, s):
    current, loss_up, loss_down = loss(w), loss(w + s), loss(w - s)
    if loss_up <= current and loss_up < loss_down:
        return w + s
    if loss_down <= current and loss_down < loss_up:
        return w - s
    return w


def test_teacher_step_passes(capsys):
    solution = teacher_namespace(NOTEBOOK, STEP)["hot_and_cold_step"]
    result = checks.check_hot_and_cold_step(solution)
    assert result.passed, result.message
    assert capsys.readouterr().out.strip() == result.message


def test_step_stub_is_not_done():
    assert checks.check_hot_and_cold_step(stub).status == "not done"


def test_step_always_moving_is_grokkings_rule():
    assert_wrong(checks.check_hot_and_cold_step(always_move), STEP, "Grokking's loop", "raises the loss")


def test_step_wrong_way_is_named():
    assert_wrong(checks.check_hot_and_cold_step(wrong_way), STEP, "the notebook's example", "wrong way")


def test_step_accepting_an_equal_loss_is_named():
    assert_wrong(checks.check_hot_and_cold_step(accepts_equal), STEP, "max(1 - w, 0)", "accepting an equal loss")


def test_step_that_never_moves_is_wrong():
    assert_wrong(checks.check_hot_and_cold_step(lambda w, loss, s: w), STEP, "stayed at w")


def test_step_returning_a_loss_instead_of_a_weight_is_wrong():
    result = checks.check_hot_and_cold_step(lambda w, loss, s: loss(w + s))
    assert_wrong(result, STEP, "must be w + s, w - s or w itself")


# --- Exercise 2: slope_from_nudges ---------------------------------------------------------------

SLOPE = "nb03-slope-from-nudges"


def test_teacher_slope_passes():
    solution = teacher_namespace(NOTEBOOK, SLOPE)["slope_from_nudges"]
    assert checks.check_slope_from_nudges(solution).passed


def test_slope_stub_is_not_done():
    assert checks.check_slope_from_nudges(stub).status == "not done"


@pytest.mark.parametrize(
    "wrong, fragment",
    [
        (lambda up, down, s: (up - down) / s, "divide by s instead of 2s"),
        (lambda up, down, s: (down - up) / (2 * s), "sign is flipped"),
        (lambda up, down, s: (down - up) / s, "sign is flipped and it is 2 times too large"),
        (lambda up, down, s: (up + down) / 2, "average of the two losses"),
        (lambda up, down, s: (up - down) / (2 * 0.001), "wrong slope for loss_up ="),  # s hard-coded
    ],
)
def test_slope_classic_mistakes_are_named(wrong, fragment):
    result = checks.check_slope_from_nudges(wrong)
    assert_wrong(result, SLOPE, fragment)
    assert "/ (2 * s)" not in result.message


def test_slope_message_does_not_give_the_expected_number():
    result = checks.check_slope_from_nudges(lambda up, down, s: (up - down) / s)
    expected = (checks._parabola(0.5, 0.8)(0.501) - checks._parabola(0.5, 0.8)(0.499)) / 0.002
    assert f"{expected:.3g}" not in result.message and f"{expected:g}" not in result.message


def test_slope_returning_an_array_of_two_is_wrong():
    result = checks.check_slope_from_nudges(lambda up, down, s: np.array([up, down]))
    assert_wrong(result, SLOPE, "should return one number")


# --- Exercise 3: each_sweep ----------------------------------------------------------------------

SWEEP = "nb03-each-sweep"


def teacher_sweep():
    return teacher_namespace(NOTEBOOK, SWEEP)["each_sweep"]


def sweep_with(
    *, accept, choose_up=lambda up, down: up < down, from_start=False, in_place=False, recompute=False, stale=False
):
    """Variants of one sweep of "each", each with one classic mistake (``stale``: the loss to beat never updated)."""

    def each_sweep(theta, loss, s):
        theta = theta if in_place else np.array(theta, dtype=float)
        start, start_loss = theta.copy(), loss(theta)
        current = start_loss
        for j in range(theta.size):
            base, base_loss = (start, start_loss) if from_start else (theta, current)
            if recompute:
                base_loss = loss(base)
            up, down = base.copy(), base.copy()
            up[j] += s
            down[j] -= s
            loss_up, loss_down = loss(up), loss(down)
            if loss_up == loss_down and not choose_up(loss_up, loss_down):
                continue
            best, best_loss = (up, loss_up) if choose_up(loss_up, loss_down) else (down, loss_down)
            if accept(best_loss, base_loss):
                theta[j] = best[j]
                current = current if stale else best_loss
        return theta

    return each_sweep


def strictly(new, old):
    return new < old


def test_teacher_sweep_passes():
    assert checks.check_each_sweep(teacher_sweep()).passed


def test_sweep_stub_is_not_done():
    assert checks.check_each_sweep(stub).status == "not done"


def test_my_correct_variant_passes():
    assert checks.check_each_sweep(sweep_with(accept=strictly)).passed


def test_sweep_always_moving_is_grokkings_rule():
    result = checks.check_each_sweep(sweep_with(accept=lambda new, old: True))
    assert_wrong(result, SWEEP, "both nudges of theta[1] raise the loss", "always moving is Grokking's loop")


def test_sweep_accepting_an_equal_loss_is_named():
    result = checks.check_each_sweep(sweep_with(accept=lambda new, old: new <= old))
    assert_wrong(result, SWEEP, "leaves the loss unchanged", "only equals the current one")


def test_sweep_wrong_way_is_named():
    result = checks.check_each_sweep(sweep_with(accept=lambda new, old: True, choose_up=lambda up, down: up > down))
    assert_wrong(result, SWEEP, "the wrong way")


def test_sweep_judging_every_parameter_from_the_start_is_named():
    result = checks.check_each_sweep(sweep_with(accept=strictly, from_start=True))
    assert_wrong(result, SWEEP, "share one target", "judged from the starting point")


def test_sweep_changing_theta_in_place_is_named():
    result = checks.check_each_sweep(sweep_with(accept=strictly, in_place=True))
    assert_wrong(result, SWEEP, "changed the theta it was given")


def test_sweep_recomputing_the_current_loss_costs_too_much():
    result = checks.check_each_sweep(sweep_with(accept=strictly, recompute=True))
    assert_wrong(result, SWEEP, "the parameters are right", "evaluated the loss 10 times for P = 3")


def test_sweep_returning_the_wrong_shape_is_named():
    result = checks.check_each_sweep(lambda theta, loss, s: np.asarray(theta, dtype=float).reshape(1, -1))
    assert_wrong(result, SWEEP, "has shape (1, 3), expected (3,)")


def test_sweep_moving_up_on_a_tie_is_named():
    result = checks.check_each_sweep(sweep_with(accept=strictly, choose_up=lambda up, down: up <= down))
    assert_wrong(result, SWEEP, "a tie", "when the two nudges tie, it still moves")


def test_sweep_never_updating_the_loss_to_beat_is_named_not_grokking():
    result = checks.check_each_sweep(sweep_with(accept=strictly, stale=True))
    assert_wrong(result, SWEEP, "never updates the loss to beat")
    assert "Grokking" not in result.message


def test_sweep_mistake_without_a_name_gets_no_wrong_name():
    # Moves every parameter down whenever that helps, ignoring the nudge up: no classic mistake explains it.
    def down_only(theta, loss, s):
        theta = np.array(theta, dtype=float)
        current = loss(theta)
        for j in range(theta.size):
            down = theta.copy()
            down[j] -= s
            if loss(down) < current:
                theta, current = down, loss(down)
        return theta

    result = checks.check_each_sweep(down_only)
    assert result.status == "wrong" and "is not where one sweep leaves it" in result.message


def _first_that_helps(w, loss, s):
    current = loss(w)
    if loss(w + s) < current:
        return w + s
    if loss(w - s) < current:
        return w - s
    return w


def _up_on_a_tie(w, loss, s):
    current, up, down = loss(w), loss(w + s), loss(w - s)
    if up < current and up <= down:
        return w + s
    if down < current and down < up:
        return w - s
    return w


def test_step_returning_the_first_nudge_that_helps_is_named():
    result = checks.check_hot_and_cold_step(_first_that_helps)
    assert_wrong(result, STEP, "both nudges lower the loss", "compare the two nudges")


def test_step_moving_up_on_a_tie_is_named():
    result = checks.check_hot_and_cold_step(_up_on_a_tie)
    assert_wrong(result, STEP, "a tie", "a tie stays at w")


def test_helpers_hot_and_cold_stays_on_a_tie():
    import helpers

    # A loss that is lowest far from h = 1/2 and symmetric about it: at b = 0 both nudges of b lower it by
    # exactly as much (rounded to 6 decimals, so rounding cannot break the tie); x = 0, so W's nudges change nothing.
    def far_from_half(y, h):
        return -float(np.round(np.abs(np.asarray(h) - 0.5).sum(), 6))

    x, W, b, y = np.zeros(1), np.zeros((1, 1)), np.zeros(1), np.array([0.5])
    run = helpers.hot_and_cold(x, W, b, y, step=0.5, epochs=1, nudge="each", loss=far_from_half)
    assert np.array_equal(run.b, b) and np.array_equal(run.W, W)
    assert far_from_half(y, helpers.sigmoid(0.5)) < far_from_half(y, helpers.sigmoid(0.0))  # both nudges help


def test_slope_in_float32_is_told_about_precision():
    result = checks.check_slope_from_nudges(lambda up, down, s: np.float32(up - down) / np.float32(2 * s))
    assert_wrong(result, SLOPE, "float32")

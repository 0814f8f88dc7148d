"""The checkers of notebook 02: the teacher's solutions pass, stubs are "not done", classic mistakes are named."""

import re
from functools import partial

import numpy as np
import pytest

import helpers
from helpers.exercises import layer as checks
from tests.exercise_support import assert_wrong_verdict, stub, teacher_namespace

NOTEBOOK = "02_sigmoid_network.ipynb"
sigmoid = helpers.sigmoid


assert_wrong = partial(assert_wrong_verdict, NOTEBOOK)


# ---------------------------------------------------------------- layer_forward

LAYER = "nb02-layer-forward"


def test_layer_forward_without_the_sigmoid():
    result = checks.check_layer_forward(lambda X, W, b: W @ X + b)
    assert_wrong(result, LAYER, "forget the sigmoid", "the notebook's batch")


def test_layer_forward_with_w_transposed_says_which_product():
    result = checks.check_layer_forward(lambda X, W, b: sigmoid(W.T @ X + b))
    assert_wrong(result, LAYER, "raised ValueError", "which product gives (n_out, m)")


def test_layer_forward_x_times_w_transposed_gives_a_transposed_shape():
    result = checks.check_layer_forward(lambda X, W, b: sigmoid(X.T @ W.T + b.T))
    assert_wrong(result, LAYER, "shape (4, 2), expected (2, 4)", "transposed")


def test_layer_forward_with_the_bias_as_a_row_fails_on_the_notebooks_batch():
    result = checks.check_layer_forward(lambda X, W, b: sigmoid(W @ X + b.ravel()))
    assert_wrong(result, LAYER, "could not be broadcast", "(n_out, 1) column")


def test_layer_forward_bias_along_the_examples_is_caught_where_its_shape_is_right():
    """A bias added along the examples only survives when m = n_out: the 2 x 2 batch catches it by value."""

    def row_bias_when_it_fits(X, W, b):
        if X.shape[1] == W.shape[0]:
            return sigmoid(W @ X + b.reshape(1, -1))
        return sigmoid(W @ X + b)

    result = checks.check_layer_forward(row_bias_when_it_fits)
    assert_wrong(result, LAYER, "2 x 2 batch", "added along the examples")


def test_layer_forward_row_bias_with_one_example_is_an_n_out_by_n_out_matrix():
    def row_bias_for_one_example(X, W, b):
        return sigmoid(W @ X + b.ravel()) if X.shape[1] == 1 else sigmoid(W @ X + b)

    result = checks.check_layer_forward(row_bias_for_one_example)
    assert_wrong(result, LAYER, "one example", "shape (2, 2), expected (2, 1)", "broadcasts into an (n_out, n_out)")


def test_layer_forward_with_x_times_w_on_the_square_batch():
    def x_times_w_when_it_fits(X, W, b):
        if X.shape[1] == W.shape[0] and X.shape[0] == W.shape[1]:
            return sigmoid(X @ W + b)
        return sigmoid(W @ X + b)

    result = checks.check_layer_forward(x_times_w_when_it_fits)
    assert_wrong(result, LAYER, "2 x 2 batch", "X @ W")


def test_layer_forward_without_the_bias():
    assert_wrong(checks.check_layer_forward(lambda X, W, b: sigmoid(W @ X)), LAYER, "leave out the bias")


def test_layer_forward_that_changes_its_input_in_place():
    def in_place(X, W, b):
        X *= 1.0
        X += 0.0
        b += 1.0
        return sigmoid(W @ X + b - 1.0)

    assert_wrong(checks.check_layer_forward(in_place), LAYER, "changed its argument b in place")


def test_layer_forward_tries_inputs_the_notebook_does_not_show():
    seen = []

    def recording(X, W, b):
        seen.append((X.shape, W.shape, b.shape))
        return sigmoid(W @ X + b)

    checks.check_layer_forward(recording)
    assert ((3, 4), (2, 3), (2, 1)) in seen
    assert ((2, 2), (2, 2), (2, 1)) in seen
    assert ((3, 1), (2, 3), (2, 1)) in seen
    assert len(seen) >= 6


# ---------------------------------------------------------------- count_parameters

COUNT = "nb02-count-parameters"


def right_count(sizes):
    return sum(n_out * n_in + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))


def test_count_parameters_teacher_solution_passes():
    count_parameters = teacher_namespace(NOTEBOOK, COUNT)["count_parameters"]
    assert count_parameters([3, 2]) == 8
    assert checks.check_count_parameters(count_parameters).status == "passed"


@pytest.mark.parametrize(
    "wrong, phrases",
    [
        (
            lambda s: sum(a * b for a, b in zip(s[:-1], s[1:], strict=True)),
            ["6 is too few", "[3, 2]", "leave out the biases"],
        ),
        (lambda s: sum(a * b + a for a, b in zip(s[:-1], s[1:], strict=True)), ["9 is too many", "not per input"]),
        (lambda s: right_count(s) + s[0], ["11 is too many", "inputs are not units"]),
        (lambda s: s[0] * s[1] + s[1], ["[4, 3, 3, 2]", "only the first layer"]),
        (
            lambda s: sum((a + 1) * (b + 1) for a, b in zip(s[:-1], s[1:], strict=True)),
            ["12 is too many", "(n_in + 1)(n_out + 1)"],
        ),
    ],
)
def test_count_parameters_classic_mistakes_are_named(wrong, phrases):
    result = checks.check_count_parameters(wrong)
    assert_wrong(result, COUNT, *phrases)
    assert re.search(r"\b(8|35)\b", result.message) is None, "the message gives the right count away"


def test_count_parameters_wants_a_whole_number():
    result = checks.check_count_parameters(lambda s: right_count(s) + 0.5)
    assert_wrong(result, COUNT, "whole number")


def test_count_parameters_accepts_a_whole_float():
    assert checks.check_count_parameters(lambda s: float(right_count(s))).status == "passed"


# ---------------------------------------------------------------- stable_sigmoid

SIGMOID = "nb02-stable-sigmoid"


def test_stable_sigmoid_helpers_sigmoid_passes():
    assert checks.check_stable_sigmoid(helpers.sigmoid).status == "passed"


def test_the_seeds_formula_overflows():
    result = checks.check_stable_sigmoid(lambda z: 1 / (1 + np.exp(-z)))
    assert_wrong(result, SIGMOID, "overflow encountered in exp", "z = np.array([-1000])", "large positive number")


def test_np_where_of_both_formulas_still_overflows():
    def both_branches(z):
        return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))

    result = checks.check_stable_sigmoid(both_branches)
    assert_wrong(result, SIGMOID, "overflow", "and at z = 1000 too", "np.where")


def test_clipping_z_too_tightly_is_named():
    result = checks.check_stable_sigmoid(lambda z: 1 / (1 + np.exp(-np.clip(z, -10, 10))))
    assert_wrong(result, SIGMOID, "wrong value at z = 20", "clip z to too small a range")


def test_clipping_at_500_loses_what_float64_can_still_tell():
    result = checks.check_stable_sigmoid(lambda z: 1 / (1 + np.exp(-np.clip(z, -500, 500))))
    assert_wrong(result, SIGMOID, "wrong value at z = -600", "clip z")


def test_clipping_the_output_does_not_stop_the_overflow():
    result = checks.check_stable_sigmoid(lambda z: np.clip(1 / (1 + np.exp(-z)), 0, 1))
    assert_wrong(result, SIGMOID, "overflow")


def test_one_minus_a_number_near_one_loses_the_small_values():
    def cancelling(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), 1 - 1 / (1 + e))

    result = checks.check_stable_sigmoid(cancelling)
    assert_wrong(result, SIGMOID, "wrong value at z = -20", "1 minus")


def test_the_negative_case_formula_for_every_z_is_not_symmetric():
    def one_case(z):
        e = np.exp(-np.abs(z))
        return e / (1 + e)

    assert_wrong(checks.check_stable_sigmoid(one_case), SIGMOID, "not symmetric", "should be 1")


def test_a_sigmoid_above_one():
    result = checks.check_stable_sigmoid(lambda z: helpers.sigmoid(z) + 0.01 * (z > 0))
    assert_wrong(result, SIGMOID, "1.01 is outside [0, 1]")


def test_a_sigmoid_that_drops_the_shape():
    result = checks.check_stable_sigmoid(lambda z: helpers.sigmoid(z).ravel())
    assert_wrong(result, SIGMOID, "shape (6,), expected (2, 3)")


def test_stable_sigmoid_checker_sees_warnings_the_caller_filters():
    """The checker records overflow even where the surrounding code ignores NumPy's warnings."""
    with np.errstate(all="ignore"):
        result = checks.check_stable_sigmoid(lambda z: 1 / (1 + np.exp(-z)))
    assert result.status == "wrong" and "overflow" in result.message


# ---------------------------------------------------------------- check_batch

BATCH = "nb02-check-batch"


def test_check_batch_with_an_assert():
    def asserted(X, W):
        assert X.ndim == 2 and X.shape[0] == W.shape[1]

    assert_wrong(checks.check_check_batch(asserted), BATCH, "AssertionError", "python -O", "raise a ValueError")


def test_check_batch_without_the_shape_in_the_message():
    def vague(X, W):
        if X.ndim != 2 or X.shape[0] != W.shape[1]:
            raise ValueError("X does not fit W")

    assert_wrong(checks.check_check_batch(vague), BATCH, "does not name the shape X has, (2, 4)")


def test_check_batch_comparing_the_wrong_axis():
    def wrong_axis(X, W):
        if X.ndim != 2 or X.shape[0] != W.shape[0]:
            raise ValueError(f"X has shape {X.shape}")

    assert_wrong(checks.check_check_batch(wrong_axis), BATCH, "for a batch that fits", "wrong axis")


def test_check_batch_that_accepts_a_one_dimensional_x():
    def no_ndim(X, W):
        if X.shape[0] != W.shape[1]:
            raise ValueError(f"X has shape {X.shape}")

    assert_wrong(checks.check_check_batch(no_ndim), BATCH, "accepted X of shape (3,)", "2-D")


def test_check_batch_that_lets_numpy_fail():
    def index_error(X, W):
        if X.shape[1] > 0 and X.shape[0] != W.shape[1]:
            raise ValueError(f"X has shape {X.shape}")

    assert_wrong(checks.check_check_batch(index_error), BATCH, "raised IndexError", "expected a ValueError")


# ---------------------------------------------------------------- every exercise: solution passes, stub not done
# (count_parameters' teacher test, with its extra assertion, stands in its own section)

SOLUTIONS = {
    "layer_forward": (LAYER, checks.check_layer_forward),
    "stable_sigmoid": (SIGMOID, checks.check_stable_sigmoid),
    "check_batch": (BATCH, checks.check_check_batch),
}
CHECKERS = {
    "layer_forward": checks.check_layer_forward,
    "count_parameters": checks.check_count_parameters,
    "stable_sigmoid": checks.check_stable_sigmoid,
    "check_batch": checks.check_check_batch,
}


@pytest.mark.parametrize("name", SOLUTIONS)
def test_teacher_solution_passes(name):
    grade_id, check = SOLUTIONS[name]
    assert check(teacher_namespace(NOTEBOOK, grade_id)[name]).status == "passed"


@pytest.mark.parametrize("name", CHECKERS)
def test_stub_is_not_done(name):
    assert CHECKERS[name](stub).status == "not done"


def test_the_seeds_formula_with_its_warning_silenced_is_caught():
    # np.errstate inside the learner's function hides the overflow from any warning filter; the value at
    # z = -720 (exactly 0 instead of about 2e-313) does not.
    def silenced(z):
        with np.errstate(over="ignore"):
            return 1 / (1 + np.exp(-z))

    result = checks.check_stable_sigmoid(silenced)
    assert_wrong(result, SIGMOID, "-720", "overflowed", "Silencing the warning")


def test_the_seeds_formula_with_warnings_filtered_is_caught():
    import warnings

    def filtered(z):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))

    assert_wrong(checks.check_stable_sigmoid(filtered), SIGMOID, "-720", "overflowed")


def test_layer_forward_in_float32_is_told_about_precision():
    def in_float32(X, W, b):
        return helpers.sigmoid(W.astype(np.float32) @ X.astype(np.float32) + b.astype(np.float32)).astype(float)

    assert_wrong(checks.check_layer_forward(in_float32), LAYER, "float32")

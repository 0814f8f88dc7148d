"""The checkers of notebook 01: the teacher's solutions pass, stubs are "not done", classic mistakes are named."""

import numpy as np
import pytest

import helpers
from helpers.exercises import losses as checks
from tests.exercise_support import assert_reveals_no_solution, stub, teacher_namespace

NOTEBOOK = "01_defining_the_loss.ipynb"


def assert_no_numbers(message, values):
    """The message shows none of ``values`` (the answers), to 3 or more significant digits."""
    for value in np.ravel(values):
        for shown in {f"{value:.3f}", f"{value:.4f}", f"{value:.3g}", f"{value:.4g}", f"{value:.6g}"}:
            assert shown not in message, f"the message shows {shown}, an expected number: {message}"


def wrong(result, capsys, grade_id, *phrases):
    """``result`` is "wrong", printed as one line, names every phrase, quotes no solution code."""
    printed = capsys.readouterr().out
    assert result.status == "wrong", result.message
    assert printed == result.message + "\n"
    for phrase in phrases:
        assert phrase in result.message, result.message
    assert_reveals_no_solution(result.message, NOTEBOOK, grade_id)
    return result.message


# --- mean squared error ---------------------------------------------------------------------------

MSE_ID = "nb01-mean-squared-error"
EXAMPLE_Y = np.array([1.0, 0.0, 1.0, 0.0])
EXAMPLE_H = np.array([0.8, 0.3, 0.6, 0.1])


def test_mse_teacher_solution_passes(capsys):
    solution = teacher_namespace(NOTEBOOK, MSE_ID)["mean_squared_error"]
    result = checks.check_mean_squared_error(solution)
    assert result.status == "passed" and result
    assert capsys.readouterr().out.startswith("[passed] exercise mean_squared_error")


def test_mse_stub_is_not_done(capsys):
    result = checks.check_mean_squared_error(stub)
    assert result.status == "not done"
    assert "NotImplementedError" in capsys.readouterr().out


@pytest.mark.parametrize(
    "answer, phrases",
    [
        (lambda y, h: np.sum((y - h) ** 2), ["4 times too large", "sum instead of averaging"]),
        (lambda y, h: np.mean(np.abs(y - h)), ["absolute differences"]),
        (lambda y, h: np.mean(y - h), ["forget to square"]),
        (lambda y, h: np.sqrt(np.mean((y - h) ** 2)), ["square root"]),
        (lambda y, h: np.mean(y - h) ** 2, ["square every difference first"]),
    ],
    ids=["sum", "absolute-value", "no-square", "root", "square-of-mean"],
)
def test_mse_classic_mistakes_on_the_example(capsys, answer, phrases):
    message = wrong(checks.check_mean_squared_error(answer), capsys, MSE_ID, *phrases)
    assert "the notebook's example" in message
    assert_no_numbers(message, [np.mean((EXAMPLE_Y - EXAMPLE_H) ** 2)])


def test_mse_mean_along_one_axis_is_named(capsys):
    message = wrong(
        checks.check_mean_squared_error(lambda y, h: np.mean((y - h) ** 2, axis=0)),
        capsys,
        MSE_ID,
        "shape (5,)",
        "one value per example",
        "one axis only",
    )
    assert "random batch of shape (1, 5)" in message


def test_mse_dividing_by_the_number_of_examples_is_named(capsys):
    # Right for the 1-D example and for one output; wrong as soon as n_out > 1.
    answer = lambda y, h: np.sum((y - h) ** 2) / y.shape[-1]  # noqa: E731
    wrong(checks.check_mean_squared_error(answer), capsys, MSE_ID, "(2, 4)", "number of examples m", "entries N")


def test_mse_nonzero_for_a_perfect_prediction(capsys):
    answer = lambda y, h: np.mean((y - h) ** 2) + (0.01 if np.array_equal(y, h) else 0.0)  # noqa: E731
    wrong(checks.check_mean_squared_error(answer), capsys, MSE_ID, "perfect prediction", "exactly 0")


def test_mse_not_a_number(capsys):
    wrong(checks.check_mean_squared_error(lambda y, h: "0.075"), capsys, MSE_ID, "should return one number", "str")


# --- binary cross-entropy -------------------------------------------------------------------------

BCE_ID = "nb01-binary-cross-entropy"


def test_bce_teacher_solution_passes(capsys):
    solution = teacher_namespace(NOTEBOOK, BCE_ID)["binary_cross_entropy"]
    result = checks.check_binary_cross_entropy(solution)
    assert result.status == "passed"
    assert capsys.readouterr().out.startswith("[passed] exercise binary_cross_entropy")


def test_bce_helper_passes_and_stub_is_not_done(capsys):
    assert checks.check_binary_cross_entropy(helpers.binary_cross_entropy).status == "passed"
    assert checks.check_binary_cross_entropy(stub).status == "not done"


@pytest.mark.parametrize(
    "answer, phrases",
    [
        (lambda y, h: np.mean(y * np.log(h) + (1 - y) * np.log(1 - h)), ["y = 1, h = 0.3", "negative", "minus sign"]),
        (lambda y, h: -np.mean(y * np.log(h)), ["y = 0, h = 0.3", "targets y = 0", "missing"]),
        (
            lambda y, h: -np.sum(y * np.log(h) + (1 - y) * np.log(1 - h)),
            ["notebook's example", "4 times too large", "sum instead of averaging"],
        ),
        (
            lambda y, h: -np.mean(h * np.log(y) + (1 - h) * np.log(1 - y)),
            ["y = 1, h = 0.3", "not finite", "swap y and h"],
        ),
        (lambda y, h: -np.mean(y * np.log10(h) + (1 - y) * np.log10(1 - h)), ["natural logarithm"]),
        (
            lambda y, h: -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h), axis=0),
            ["notebook's example", "shape (4,)", "one value per example"],
        ),
        (lambda y, h: -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h), axis=1), ["(2, 5)", "one value per output"]),
    ],
    ids=["no-minus", "no-log-1-minus-h", "sum", "swapped-y-h", "log10", "axis-0", "axis-1"],
)
def test_bce_classic_mistakes(capsys, answer, phrases):
    message = wrong(checks.check_binary_cross_entropy(answer), capsys, BCE_ID, *phrases)
    assert_no_numbers(message, [-np.log(0.3), -np.log(0.7), helpers.binary_cross_entropy(EXAMPLE_Y, EXAMPLE_H)])


def test_bce_dropping_the_y_term_is_named(capsys):
    # Right at y = 0 only; the first input, y = 1, exposes it.
    wrong(
        checks.check_binary_cross_entropy(lambda y, h: -np.mean((1 - y) * np.log(1 - h))),
        capsys,
        BCE_ID,
        "y = 1, h = 0.3",
        "targets y = 1",
        "missing",
    )


def test_bce_checker_lets_no_numpy_warning_escape(recwarn):
    checks.check_binary_cross_entropy(lambda y, h: -np.mean(h * np.log(y) + (1 - h) * np.log(1 - y)))
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


# --- one gradient-descent step --------------------------------------------------------------------

STEP_ID = "nb01-gradient-step"


def right_step(w, b, x, y, alpha):
    h = helpers.sigmoid(np.dot(w, x) + b)
    return w - alpha * (h - y) * x, b - alpha * (h - y)


def test_step_teacher_solution_passes(capsys):
    solution = teacher_namespace(NOTEBOOK, STEP_ID)["gradient_step"]
    result = checks.check_gradient_step(solution)
    assert result.status == "passed"
    assert capsys.readouterr().out.startswith("[passed] exercise gradient_step")


def test_step_agrees_with_the_notebooks_loop():
    # The notebook's loop goes from w = -1, b = 0 to w = -0.1192, b = +0.4404 in one step.
    w_new, b_new = right_step(np.array([-1.0]), 0.0, np.array([2.0]), 1.0, 0.5)
    assert w_new == pytest.approx([-0.1192], abs=5e-5) and b_new == pytest.approx(0.4404, abs=5e-5)


def test_step_stub_is_not_done():
    assert checks.check_gradient_step(stub).status == "not done"


def _h(w, b, x):
    return helpers.sigmoid(np.dot(w, x) + b)


@pytest.mark.parametrize(
    "answer, phrases",
    [
        (
            lambda w, b, x, y, a: (w + a * (_h(w, b, x) - y) * x, b + a * (_h(w, b, x) - y)),
            ["notebook's example", "loss went up", "against"],
        ),
        (lambda w, b, x, y, a: (w - a * (_h(w, b, x) - y), b - a * (_h(w, b, x) - y)), ["factor x"]),
        (
            lambda w, b, x, y, a: (
                w - a * 2 * (_h(w, b, x) - y) * _h(w, b, x) * (1 - _h(w, b, x)) * x,
                b - a * 2 * (_h(w, b, x) - y) * _h(w, b, x) * (1 - _h(w, b, x)),
            ),
            ["squared error's gradient"],
        ),
        (lambda w, b, x, y, a: (w - a * (np.dot(w, x) + b - y) * x, b - a * (np.dot(w, x) + b - y)), ["sigmoid of z"]),
        (lambda w, b, x, y, a: (w - (_h(w, b, x) - y) * x, b - (_h(w, b, x) - y)), ["step size alpha"]),
        (
            lambda w, b, x, y, a: (
                w - a * (helpers.sigmoid(w * x + b) - y) * x,
                b - a * (helpers.sigmoid(w * x + b) - y),
            ),
            ["n_in = 3", "b_new has shape (3,)", "one number"],
        ),
        (lambda w, b, x, y, a: right_step(w, b, x, y, a)[0], ["two things", "(w_new, b_new)"]),
        (lambda w, b, x, y, a: (right_step(w, b, x, y, a)[0], b), ["bias was not updated"]),
        (
            lambda w, b, x, y, a: (right_step(w, b, x, y, a)[0][::-1], right_step(w, b, x, y, a)[1]),
            ["n_in = 3", "w_new wrong"],
        ),
    ],
    ids=["plus", "no-x", "mse-gradient", "no-sigmoid", "no-alpha", "elementwise-z", "only-w", "b-kept", "unknown"],
)
def test_step_classic_mistakes(capsys, answer, phrases):
    message = wrong(checks.check_gradient_step(answer), capsys, STEP_ID, *phrases)
    w_new, b_new = right_step(np.array([-1.0]), 0.0, np.array([2.0]), 1.0, 0.5)
    assert_no_numbers(message, np.append(w_new, b_new))


def test_an_answer_that_only_fits_the_notebooks_example_is_caught(capsys):
    message = wrong(checks.check_mean_squared_error(lambda y, h: 0.075), capsys, MSE_ID, "random batch")
    assert "0.075" not in message
    w_1, b_1 = right_step(np.array([-1.0]), 0.0, np.array([2.0]), 1.0, 0.5)
    message = wrong(checks.check_gradient_step(lambda w, b, x, y, a: (np.full_like(w, w_1[0]), b_1)), capsys, STEP_ID)
    assert "n_in = 3" in message


# --- hints that name the mistake actually made ------------------------------------------------------


def test_mse_dividing_by_len_y_is_named_not_as_a_sum(capsys):
    # Right on the 1-D example (len(y) = N there), wrong on a (1, m) batch, where len(y) = 1 gives the sum.
    message = wrong(
        checks.check_mean_squared_error(lambda y, h: np.sum((y - h) ** 2) / len(y)), capsys, MSE_ID, "len(y)", "y.size"
    )
    assert "sum instead of averaging" not in message


def test_mse_in_float32_is_told_about_precision(capsys):
    def in_float32(y, h):
        d = np.asarray(y, dtype=np.float32) - np.asarray(h, dtype=np.float32)
        return np.mean(d**2)

    message = wrong(checks.check_mean_squared_error(in_float32), capsys, MSE_ID, "float32", "float64")
    assert "not one of the classic mistakes" not in message


def test_bce_in_float32_is_told_about_precision(capsys):
    def in_float32(y, h):
        y, h = np.asarray(y, dtype=np.float32), np.asarray(h, dtype=np.float32)
        return -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h))

    wrong(checks.check_binary_cross_entropy(in_float32), capsys, BCE_ID, "float32")


def test_gradient_step_in_float32_is_told_about_precision(capsys):
    def in_float32(w, b, x, y, alpha):
        w, x = np.asarray(w, dtype=np.float32), np.asarray(x, dtype=np.float32)
        h = helpers.sigmoid(np.dot(w, x) + np.float32(b)).astype(np.float32)
        return w - np.float32(alpha) * (h - np.float32(y)) * x, np.float32(b) - np.float32(alpha) * (h - np.float32(y))

    wrong(checks.check_gradient_step(in_float32), capsys, STEP_ID, "float32")

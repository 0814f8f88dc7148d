"""The checker machinery every exercise shares: verdicts, stubs, learners' exceptions, predictions."""

import numpy as np
import pytest

from helpers.exercises import _checking as checking
from tests.exercise_support import stub


def test_a_passing_check_prints_and_is_true(capsys):
    result = checking.run_check("demo", lambda: None, success="3 inputs tried")
    assert result and result.status == "passed"
    assert capsys.readouterr().out.strip() == "[passed] exercise demo: 3 inputs tried"


def test_a_stub_is_not_done_and_says_what_to_do(capsys):
    result = checking.run_check("demo", lambda: checking.call(stub, 1, name="f", where="x = 1"))
    assert not result and result.status == "not done"
    assert "NotImplementedError" in capsys.readouterr().out


def test_an_unset_answer_is_not_done():
    result = checking.run_check("demo", lambda: checking.require_answer(None, "freeze_step"))
    assert result.status == "not done"


def test_a_mistake_is_wrong_with_its_message():
    def checks():
        raise checking.Mistake("negative loss at y = 1, h = 0.3")

    result = checking.run_check("demo", checks)
    assert result.status == "wrong" and "negative loss at y = 1, h = 0.3" in result.message


def test_a_learners_exception_is_reported_with_its_input():
    def broken(x):
        return x / "a"

    result = checking.run_check("demo", lambda: checking.call(broken, 1, name="f", where="x = 1"))
    assert result.status == "wrong"
    assert "TypeError" in result.message and "x = 1" in result.message


def test_a_value_that_is_not_a_function_is_a_mistake():
    result = checking.run_check("demo", lambda: checking.call(3.0, name="f", where="x = 1"))
    assert result.status == "wrong" and "expected a function" in result.message


@pytest.mark.parametrize("value", [np.nan, np.inf, "0.5", None, [1.0, 2.0]])
def test_as_number_rejects_what_is_not_one_finite_number(value):
    with pytest.raises(checking.Mistake):
        checking.as_number(value, "loss", "y = 1")


def test_as_number_accepts_a_size_one_array():
    assert checking.as_number(np.array([[0.25]]), "loss", "y = 1") == 0.25


def test_as_array_names_a_transposed_shape():
    with pytest.raises(checking.Mistake, match=r"shape \(4, 2\), expected \(2, 4\) \(transposed\?\)"):
        checking.as_array(np.zeros((4, 2)), "dW1", "m = 3", (2, 4))


def test_as_array_rejects_nan():
    with pytest.raises(checking.Mistake, match="NaN"):
        checking.as_array(np.array([np.nan, 1.0]), "a", "m = 1", (2,))


def test_close_never_matches_nan_or_inf():
    assert not checking.close(np.nan, np.nan)
    assert not checking.close(np.inf, np.inf)
    assert checking.close([1.0, 2.0], [1.0, 2.0 + 1e-12])


def test_diagnose_names_the_first_matching_mistake():
    hint = checking.diagnose(0.3, {"did you forget the square?": 0.1, "did you sum instead of averaging?": 0.3})
    assert hint == ": did you sum instead of averaging?"
    assert checking.diagnose(0.7, {"did you sum?": 0.3}) == ""


def test_compare_prediction_says_right_wrong_or_missing(capsys):
    assert checking.compare_prediction(None, 4.0, what="the ratio") is None
    assert "no prediction" in capsys.readouterr().out
    assert checking.compare_prediction(4, 4.0, what="the ratio") is True
    assert checking.compare_prediction(3.5, 4.0, what="the ratio", tolerance=0.2) is True
    assert checking.compare_prediction(2.0, 4.0, what="the ratio", tolerance=0.2) is False
    assert checking.compare_prediction("each", "Each", what="the rule") is True
    assert checking.compare_prediction("four", 4.0, what="the ratio") is False


def test_a_check_cell_ending_in_the_call_shows_the_verdict_once():
    """IPython displays a cell's last value; the verdict is already printed, so the result shows nothing more."""
    from IPython.core.formatters import DisplayFormatter

    result = checking.CheckResult("demo", "passed", "[passed] demo")
    assert DisplayFormatter().format(result) == ({}, {})

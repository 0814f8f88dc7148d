"""Checkers judge copies and never raise on a learner's answer (issue 17, item 2).

* the learner's code gets copies; what it does to them never changes what the checker expects;
* whatever it returns (``10**400``, ``np.timedelta64``, ``np.array(["0.5"])``, objects, huge arrays) gets a verdict;
* a learner's ``np.seterr`` does not change a verdict;
* Ctrl-C stops a checker, also inside the training helpers: no verdict on a run cut short;
* the example arrays a check cell passes are validated, and the checker falls back to its own.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import helpers.training
from helpers.exercises import _checking, backprop, comparison, hot_and_cold, layer, losses
from helpers.hot_and_cold import _HotAndColdSearch
from tests.exercise_support import NOTEBOOKS, teacher_namespace

# (checker, notebook, grade_id, the function's name) for every exercise whose answer is a function.
FUNCTION_EXERCISES = {
    "mean_squared_error": (losses.check_mean_squared_error, "01_defining_the_loss.ipynb", "nb01-mean-squared-error"),
    "binary_cross_entropy": (
        losses.check_binary_cross_entropy,
        "01_defining_the_loss.ipynb",
        "nb01-binary-cross-entropy",
    ),
    "gradient_step": (losses.check_gradient_step, "01_defining_the_loss.ipynb", "nb01-gradient-step"),
    "layer_forward": (layer.check_layer_forward, "02_sigmoid_network.ipynb", "nb02-layer-forward"),
    "count_parameters": (layer.check_count_parameters, "02_sigmoid_network.ipynb", "nb02-count-parameters"),
    "stable_sigmoid": (layer.check_stable_sigmoid, "02_sigmoid_network.ipynb", "nb02-stable-sigmoid"),
    "check_batch": (layer.check_check_batch, "02_sigmoid_network.ipynb", "nb02-check-batch"),
    "hot_and_cold_step": (hot_and_cold.check_hot_and_cold_step, "03_hot_and_cold.ipynb", "nb03-hot-and-cold-step"),
    "slope_from_nudges": (hot_and_cold.check_slope_from_nudges, "03_hot_and_cold.ipynb", "nb03-slope-from-nudges"),
    "each_sweep": (hot_and_cold.check_each_sweep, "03_hot_and_cold.ipynb", "nb03-each-sweep"),
    "output_layer_gradients": (
        backprop.check_output_layer_gradients,
        "04_backpropagation.ipynb",
        "nb04-output-layer-gradients",
    ),
    "hidden_layer_gradients": (
        backprop.check_hidden_layer_gradients,
        "04_backpropagation.ipynb",
        "nb04-hidden-layer-gradients",
    ),
    "train": (backprop.check_training_loop, "04_backpropagation.ipynb", "nb04-training-loop"),
    "passes_to_reach": (comparison.check_passes_to_reach, "05_hot_and_cold_vs_backprop.ipynb", "nb05-passes-to-reach"),
    "count_parameters (05)": (
        comparison.check_count_parameters,
        "05_hot_and_cold_vs_backprop.ipynb",
        "nb05-count-parameters",
    ),
}

#: Exercises whose checker itself names an answer that changes its arguments in place (a verdict of its own).
NAMES_IN_PLACE_CHANGES = {"layer_forward", "stable_sigmoid", "each_sweep", "train"}


def teacher_solution(exercise):
    if exercise == "train":  # the loop calls the two earlier exercises' functions
        from tests.test_exercises_backprop import teacher_train

        return teacher_train()
    _, notebook, grade_id = FUNCTION_EXERCISES[exercise]
    name = exercise.split(" ")[0]
    return teacher_namespace(notebook, grade_id)[name]


def check(exercise, answer):
    return FUNCTION_EXERCISES[exercise][0](answer)


class Unprintable:
    """An object whose str, repr, float and comparisons all fail."""

    def __repr__(self):
        raise RuntimeError("no repr")

    __str__ = __repr__

    def __float__(self):
        raise RuntimeError("no float")

    def __eq__(self, other):
        raise RuntimeError("no ==")

    __hash__ = object.__hash__


#: Odd values a learner's code may return: none is a right answer, every one must get a verdict.
ODD_RETURNS = {
    "huge int": 10**400,
    "huge negative int": -(10**400),
    "int past Python's str limit": 10**5000,
    "timedelta64": np.timedelta64(3),
    "datetime64": np.datetime64("2020-01-01"),
    "array of a numeric string": np.array(["0.5"]),
    "numeric string": "0.5",
    "object": object(),
    "unprintable object": Unprintable(),
    "complex": 1 + 2j,
    "complex array": np.array([1 + 2j]),
    "list holding None": [None],
    "dict": {"a": 1},
    "NaN": float("nan"),
    "inf array": np.array([np.inf]),
    "bool": True,
    "list of a huge int": [10**400],
    "tuple of three": (1, 2, 3),
    "huge array": np.zeros(5_000_000),
    "timedelta array": np.array([np.timedelta64(1, "s")]),
}


@pytest.mark.parametrize("exercise", FUNCTION_EXERCISES)
@pytest.mark.parametrize("odd", ODD_RETURNS)
def test_any_returned_value_gets_a_verdict_not_an_error(exercise, odd, capsys):
    result = check(exercise, lambda *args: ODD_RETURNS[odd])
    assert result.status == "wrong", result.message
    assert "could not judge" not in result.message, result.message  # judged by the checker, not by the safety net
    assert capsys.readouterr().out.strip() == result.message


@pytest.mark.parametrize("odd", ODD_RETURNS)
@pytest.mark.parametrize("position", range(3))
def test_step_sizes_give_a_verdict_for_any_value(odd, position):
    steps = [1.0, 0.5, 20.0]
    steps[position] = ODD_RETURNS[odd]
    for result in (comparison.check_step_sizes(*steps), comparison.check_step_sizes(lambda: tuple(steps))):
        assert result.status == "wrong", result.message
        assert "could not judge" not in result.message


@pytest.mark.parametrize("odd", ODD_RETURNS)
def test_chosen_steps_returning_anything_gets_a_verdict(odd):
    result = comparison.check_step_sizes(lambda: ODD_RETURNS[odd])
    assert result.status == "wrong", result.message


def test_a_step_whose_run_leaves_float64_is_judged_diverging_not_an_error(monkeypatch, teacher_steps):
    from helpers import TrainingDiverged

    def leaves_float64(*args, **kwargs):
        raise TrainingDiverged("diverged", epoch=3, losses=[0.7, 2.0, 9.0])

    monkeypatch.setattr(comparison.comparison, "gradient_descent_run", leaves_float64)
    freeze, converge, diverge = teacher_steps
    wrong = comparison.check_step_sizes(freeze, converge, diverge)  # the converge run "leaves float64" too
    assert wrong.status == "wrong" and "leaves float64's range at epoch 3" in wrong.message
    assert "not converging" in wrong.message


@pytest.mark.parametrize("odd", ODD_RETURNS)
@pytest.mark.parametrize("actual", [3.0, "yes"])
def test_compare_prediction_gives_a_verdict_for_any_guess(odd, actual, capsys):
    right = _checking.compare_prediction(ODD_RETURNS[odd], actual, what="the ratio", tolerance=0.1)
    assert right is False
    assert capsys.readouterr().out.count("\n") == 1  # one line of verdict, and no exception


def test_compare_prediction_reads_a_huge_int_as_no_number(capsys):
    assert _checking.compare_prediction(10**400, 4.0, what="the ratio sum / mean") is False
    out = capsys.readouterr().out
    assert "should be a finite number" in out and "4" in out
    assert _checking.compare_prediction("4", 4.0, what="the ratio") is True
    assert _checking.compare_prediction(np.float64(4.0), 4.0, what="the ratio") is True


# --- copies -----------------------------------------------------------------------------------------


def test_passes_to_reach_is_not_fooled_by_an_answer_that_sorts_losses_in_place():
    def sorts_then_reads_the_first(passes, losses, level):
        losses.sort()  # the checker's "expected" used to be computed from this very list
        hit = [k for k, loss in enumerate(losses) if loss <= level]
        return passes[hit[0]] if hit else None

    result = comparison.check_passes_to_reach(sorts_then_reads_the_first)
    assert result.status == "wrong", result.message


def scramble(value):
    """Overwrite an array or list in place, the way careless learner code might."""
    if isinstance(value, np.ndarray) and value.flags.writeable and value.size:
        value[...] = -np.flip(value)
    elif isinstance(value, list):
        value.reverse()
        value.append(value[0] if value else 0)
    elif isinstance(value, dict):
        for item in value.values():
            scramble(item)


@pytest.mark.parametrize("exercise", sorted(set(FUNCTION_EXERCISES) - NAMES_IN_PLACE_CHANGES))
def test_what_an_answer_does_to_its_inputs_after_computing_does_not_change_its_verdict(exercise):
    solution = teacher_solution(exercise)

    def computes_then_scrambles(*args):
        try:
            return solution(*args)
        finally:
            for arg in args:
                scramble(arg)

    assert check(exercise, computes_then_scrambles).passed


def test_learner_copy_copies_arrays_lists_and_dicts_all_the_way_down_and_passes_functions_as_they_are():
    original = {"a": [np.ones(2), (np.zeros(1),)], "f": len}
    copy = _checking.learner_copy(original)
    assert copy is not original and copy["a"] is not original["a"] and copy["a"][0] is not original["a"][0]
    assert copy["a"][1][0] is not original["a"][1][0] and copy["f"] is len
    copy["a"][0][0] = 5.0
    assert original["a"][0][0] == 1.0


# --- np.seterr --------------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise", FUNCTION_EXERCISES)
@pytest.mark.parametrize("mode", ["raise", "ignore", "warn", "print"])
def test_a_learners_seterr_does_not_change_a_verdict(exercise, mode):
    solution, wrong = teacher_solution(exercise), (lambda *args: 0.125)
    expected = (check(exercise, solution).message, check(exercise, wrong).message)
    before = np.geterr()
    with np.errstate(all=mode):
        assert check(exercise, solution).passed
        assert (check(exercise, solution).message, check(exercise, wrong).message) == expected
        assert np.geterr() == {key: mode for key in before}  # the learner's settings are left as they were
    assert np.geterr() == before


def test_a_correct_stable_sigmoid_passes_after_seterr_raise():
    def stable_sigmoid(z):
        z = np.asarray(z, dtype=float)
        e = np.exp(-np.abs(z))  # underflows to 0 at |z| = 1000: an error under seterr(all="raise")
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    with np.errstate(all="raise"):
        assert layer.check_stable_sigmoid(stable_sigmoid).passed


# --- Ctrl-C -----------------------------------------------------------------------------------------


def interrupt_on_call(monkeypatch, owner, attribute, count):
    """Make ``owner.attribute`` raise KeyboardInterrupt on its ``count``-th call, as Ctrl-C would."""
    original = getattr(owner, attribute)
    calls = {"n": 0}

    def interrupted(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] >= count:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, attribute, interrupted)
    return calls


@pytest.fixture(scope="module")
def teacher_steps():
    namespace = teacher_namespace("05_hot_and_cold_vs_backprop.ipynb", "nb05-step-sizes")
    return tuple(namespace["chosen_steps"]())


def test_ctrl_c_during_the_gradient_descent_runs_of_check_step_sizes_stops_the_checker(
    monkeypatch, teacher_steps, capsys
):
    calls = interrupt_on_call(monkeypatch, helpers.training, "_backward", 300)  # in the converge run
    with pytest.raises(KeyboardInterrupt):
        comparison.check_step_sizes(*teacher_steps)
    assert calls["n"] == 300
    out = capsys.readouterr().out
    assert "[passed]" not in out and "[wrong]" not in out  # no verdict on a cut-short run


def test_ctrl_c_during_the_hot_and_cold_run_of_check_step_sizes_stops_the_checker(monkeypatch, teacher_steps, capsys):
    interrupt_on_call(monkeypatch, _HotAndColdSearch, "loss_of", 500)
    with pytest.raises(KeyboardInterrupt):
        comparison.check_step_sizes(*teacher_steps)
    assert "exercise" not in capsys.readouterr().out


def test_ctrl_c_in_a_training_helper_outside_a_checker_still_keeps_the_history(monkeypatch):
    interrupt_on_call(monkeypatch, helpers.training, "_backward", 4)
    params = helpers.init_two_layer(2, 3, 1, seed=0)
    losses = helpers.gradient_descent(params, helpers.XOR_X, helpers.XOR_Y, step=0.1, epochs=50)
    assert losses.size == 4  # three updates completed, then Ctrl-C: the learner keeps them


def test_interruptions_propagate_only_inside_the_block_and_nest():
    from helpers._progress import interruptions_propagate, interrupts_propagate

    assert not interrupts_propagate()
    with interruptions_propagate():
        with interruptions_propagate():
            assert interrupts_propagate()
        assert interrupts_propagate()
    assert not interrupts_propagate()


def test_a_checker_that_trips_on_an_odd_value_still_gives_a_verdict_but_ctrl_c_propagates():
    def trips():
        raise TypeError("unsupported operand")

    result = _checking.run_check("demo", trips)
    assert result.status == "wrong" and "could not judge" in result.message and "TypeError" in result.message

    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _checking.run_check("demo", interrupted)


# --- example data -----------------------------------------------------------------------------------


def notebook_example():
    """Notebook 04's example, as its own cell builds it."""
    cells = json.loads((NOTEBOOKS / "04_backpropagation.ipynb").read_text())["cells"]
    source = next(
        "".join(cell["source"])
        for cell in cells
        if cell["cell_type"] == "code" and "helpers.forward(params, X)" in "".join(cell["source"])
    )
    namespace = {}
    exec("import numpy as np\nimport helpers\n" + source.split("for name in")[0], namespace)
    return namespace


def test_the_checkers_own_example_is_the_notebooks():
    namespace, own = notebook_example(), backprop._own_example()
    np.testing.assert_array_equal(own["X"], namespace["X"])
    np.testing.assert_array_equal(own["Y"], namespace["Y"])
    np.testing.assert_array_equal(own["A1"], namespace["cache"]["A1"])
    np.testing.assert_array_equal(own["A2"], namespace["cache"]["A2"])
    np.testing.assert_array_equal(own["W2"], namespace["params"]["W2"])


@pytest.fixture(scope="module")
def example():
    namespace = notebook_example()
    return {"A1": namespace["cache"]["A1"], "A2": namespace["cache"]["A2"], "Y": namespace["Y"]}


UNUSABLE = {
    "a Y of another shape": lambda e: {**e, "Y": np.ones((3, 5))},
    "a Y reassigned to a number": lambda e: {**e, "Y": 2.0},
    "NaN in A2": lambda e: {**e, "A2": np.where(e["A2"] > 0.5, np.nan, e["A2"])},
    "strings": lambda e: {**e, "A1": e["A1"].astype(str)},
    "a 3-D A1": lambda e: {**e, "A1": e["A1"][None]},
    "A2 outside [0, 1]": lambda e: {**e, "A2": e["A2"] + 5.0},
    "a huge Y": lambda e: {**e, "Y": np.zeros((2, 1_000_000))},
    "an object": lambda e: {**e, "A1": object()},
}


@pytest.mark.parametrize("spoil", UNUSABLE)
def test_unusable_example_arrays_fall_back_to_the_checkers_own_example(example, spoil):
    solution = teacher_solution("output_layer_gradients")
    given = UNUSABLE[spoil](example)
    result = backprop.check_output_layer_gradients(solution, given["A1"], given["A2"], given["Y"])
    assert result.passed, result.message
    assert "not usable" in result.message and "its own copy" in result.message


def test_usable_example_arrays_are_judged_on_and_no_arrays_means_the_checkers_own(example):
    solution = teacher_solution("output_layer_gradients")
    result = backprop.check_output_layer_gradients(solution, example["A1"], example["A2"], example["Y"])
    assert result.passed and "not usable" not in result.message
    assert backprop.check_output_layer_gradients(solution).passed
    hidden = teacher_solution("hidden_layer_gradients")
    assert backprop.check_hidden_layer_gradients(hidden, np.ones((2, 5)), np.ones((2, 2)), example["A1"], None).passed


def test_example_arrays_the_answer_changes_during_the_check_do_not_change_the_expected_values(example):
    solution = teacher_solution("output_layer_gradients")
    A1, A2, Y = (example[name].copy() for name in ("A1", "A2", "Y"))

    def changes_the_notebooks_globals(a1, a2, y):
        Y[...] = 1.0 - Y  # a learner's function that writes to the notebook's own arrays
        return solution(a1, a2, y)

    assert backprop.check_output_layer_gradients(changes_the_notebooks_globals, A1, A2, Y).passed

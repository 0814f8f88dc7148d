"""Notebook 05's checkers: the teacher's solutions pass, stubs are "not done", classic mistakes are named."""

from functools import partial

import numpy as np
import pytest

from helpers.exercises import comparison as checks
from tests.exercise_support import assert_wrong_verdict, stub, teacher_namespace

NOTEBOOK = "05_hot_and_cold_vs_backprop.ipynb"


assert_wrong = partial(assert_wrong_verdict, NOTEBOOK)


# count_parameters ------------------------------------------------------------------------------


def test_count_parameters_teacher_solution_passes(capsys):
    namespace = teacher_namespace(NOTEBOOK, "nb05-count-parameters")
    assert checks.check_count_parameters(namespace["count_parameters"]).passed
    assert capsys.readouterr().out.startswith("[passed] exercise count_parameters")


def test_count_parameters_stub_is_not_done():
    assert checks.check_count_parameters(stub).status == "not done"


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda n_in, n_hidden, n_out: n_hidden * n_in + n_out * n_hidden, "forget the biases"),
        (lambda n_in, n_hidden, n_out: n_in * n_out, "n_in * n_out"),
        (lambda n_in, n_hidden, n_out: n_hidden * n_in + n_out * (n_hidden + 1), "hidden layer's biases"),
        (lambda n_in, n_hidden, n_out: 2 * (n_hidden * (n_in + 1) + n_out * (n_hidden + 1)), "2P"),
        (lambda n_in, n_hidden, n_out: n_in * n_hidden * n_out, "do not multiply"),
    ],
)
def test_count_parameters_names_classic_mistakes(wrong, hint):
    result = checks.check_count_parameters(wrong)
    # 17 is the 2-4-1 answer the notebook states; any other expected count must not appear
    assert_wrong(result, "nb05-count-parameters", hint, forbidden=("17 ", "= 17"))


def test_count_parameters_a_right_answer_only_for_the_notebooks_network_is_caught():
    result = checks.check_count_parameters(lambda n_in, n_hidden, n_out: 17)
    assert_wrong(result, "nb05-count-parameters", "count_parameters(3, 5, 2)")


def test_count_parameters_reports_a_non_integer_and_an_exception():
    assert_wrong(checks.check_count_parameters(lambda *sizes: 16.5), "nb05-count-parameters", "whole number")
    assert_wrong(
        checks.check_count_parameters(lambda n_in, n_hidden, n_out: n_in / 0),
        "nb05-count-parameters",
        "ZeroDivisionError",
    )


# passes_to_reach -------------------------------------------------------------------------------


def test_passes_to_reach_teacher_solution_passes():
    namespace = teacher_namespace(NOTEBOOK, "nb05-passes-to-reach")
    assert checks.check_passes_to_reach(namespace["passes_to_reach"]).passed


def test_passes_to_reach_stub_is_not_done():
    assert checks.check_passes_to_reach(stub).status == "not done"


def _first(passes, losses, level, *, strict=False, last=False, index=False, missing=None):
    losses = np.asarray(losses)
    hit = np.flatnonzero(losses < level if strict else losses <= level)
    if not hit.size:
        return missing
    k = hit[-1] if last else hit[0]
    return int(k) if index else int(np.asarray(passes)[k])


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda p, losses, v: _first(p, losses, v, index=True), "a position in the history"),
        (lambda p, losses, v: _first(p, losses, v, strict=True), "<=, not <"),
        (lambda p, losses, v: _first(p, losses, v, last=True), "the last time"),
        (lambda p, losses, v: _first(p, losses, v, missing=-1), "should be None"),
        (lambda p, losses, v: int(np.asarray(p)[np.argmin(losses)]), "lowest"),
    ],
)
def test_passes_to_reach_names_classic_mistakes(wrong, hint):
    assert_wrong(checks.check_passes_to_reach(wrong), "nb05-passes-to-reach", hint)


def test_passes_to_reach_does_not_reveal_the_expected_count():
    result = checks.check_passes_to_reach(lambda p, losses, v: _first(p, losses, v, index=True))
    # the message shows the inputs (the right count is one of the passes), never which one is right
    assert "137" not in result.message.split("level 0.1")[-1] and "expected" not in result.message


# step sizes --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def teacher_steps():
    namespace = teacher_namespace(NOTEBOOK, "nb05-step-sizes")
    return namespace["chosen_steps"]()


def test_step_sizes_teacher_function_passes():
    namespace = teacher_namespace(NOTEBOOK, "nb05-step-sizes")
    assert checks.check_step_sizes(namespace["chosen_steps"]).passed


def test_step_sizes_function_stub_is_not_done():
    assert checks.check_step_sizes(stub).status == "not done"


def test_step_sizes_function_returning_two_steps_is_named():
    assert_wrong(checks.check_step_sizes(lambda: (3.0, 2.0)), "nb05-step-sizes", "three steps")


def test_step_sizes_teacher_solution_passes(teacher_steps):
    assert checks.check_step_sizes(*teacher_steps).passed


def test_step_sizes_not_set_is_not_done(teacher_steps):
    assert checks.check_step_sizes(None, None, None).status == "not done"
    assert checks.check_step_sizes(teacher_steps[0], None, teacher_steps[2]).status == "not done"


def test_step_sizes_name_what_failed(teacher_steps):
    freeze, converge, diverge = teacher_steps
    grade = "nb05-step-sizes"
    # the best nudge of section 2 keeps improving: not frozen
    assert_wrong(
        checks.check_step_sizes(0.5, converge, diverge), grade, "with s = 0.5", "not frozen", forbidden=(f"{freeze:g}",)
    )
    # s = 1 freezes, but late
    assert_wrong(checks.check_step_sizes(1.0, converge, diverge), grade, "not early")
    # too small a step: not converged within the budget
    assert_wrong(checks.check_step_sizes(freeze, 0.2, diverge), grade, "converge_step", "alpha = 0.2", "not converging")
    # alpha = 20 bounces: neither converging nor diverging
    assert_wrong(checks.check_step_sizes(freeze, 20.0, diverge), grade, "bounces", "not converging")
    assert_wrong(
        checks.check_step_sizes(freeze, converge, 20.0), grade, "bounces", "not diverging", forbidden=(f"{diverge:g}",)
    )
    # swapping the two gradient-descent steps
    assert_wrong(checks.check_step_sizes(freeze, diverge, converge), grade, "converge_step")


def test_step_sizes_reject_a_step_that_is_not_a_positive_number(teacher_steps):
    _, converge, diverge = teacher_steps
    assert_wrong(checks.check_step_sizes(-1.0, converge, diverge), "nb05-step-sizes", "greater than 0")
    assert_wrong(checks.check_step_sizes("3", converge, diverge), "nb05-step-sizes", "greater than 0")


def test_no_later_cell_uses_what_an_exercise_cell_defines():
    """In the student version the exercise cells raise, so nothing after them may rely on their names."""
    import ast
    import json

    from tests.exercise_support import NOTEBOOKS

    cells = json.loads((NOTEBOOKS / NOTEBOOK).read_text())["cells"]
    defined, seen_exercise = set(), False
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        tree = ast.parse(source)
        if cell["metadata"].get("nbgrader", {}).get("solution"):
            seen_exercise = True
            defined |= {
                node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
            }
            defined |= {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
            continue
        used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
        is_check_cell = source.startswith("verdict = checks.check_")
        assert is_check_cell or not (used & defined), f"a later cell uses {used & defined}: {source[:80]}"
    assert seen_exercise and {"chosen_steps", "passes_to_reach", "count_parameters"} <= defined


def test_count_parameters_multiplying_the_widths_is_not_called_a_forgotten_bias():
    # At 2-4-1 this equals "forgot b1" (13); elsewhere it does not, so only the real mistake is named.
    result = checks.check_count_parameters(lambda n_in, n_hidden, n_out: n_in * n_hidden * n_out + n_hidden + n_out)
    assert_wrong(result, "nb05-count-parameters", "n_in * n_hidden * n_out", forbidden=("b1",))


def test_count_parameters_forgetting_b1_is_still_named():
    result = checks.check_count_parameters(lambda n_in, n_hidden, n_out: n_hidden * n_in + n_out * (n_hidden + 1))
    assert_wrong(result, "nb05-count-parameters", "forget the hidden layer's biases b1")

"""The checkers of notebook 04: the teacher's solutions pass, stubs are "not done", classic mistakes are named."""

from functools import partial

import numpy as np
import pytest

import helpers
from helpers.exercises import backprop
from tests.exercise_support import (
    assert_reveals_no_solution,
    assert_wrong_verdict,
    exercise_cell,
    stub,
    teacher_namespace,
)

NOTEBOOK = "04_backpropagation.ipynb"
OUTPUT, HIDDEN, BUGS = "nb04-output-layer-gradients", "nb04-hidden-layer-gradients", "nb04-find-the-bugs"


def section_one_network():
    """The small network of the notebook's section 1: n_in, n_hidden, n_out, m = 3, 4, 2, 5."""
    rng = np.random.default_rng(0)
    params = helpers.init_two_layer(3, 4, 2, seed=0)
    X = rng.normal(size=(3, 5))
    Y = rng.integers(0, 2, size=(2, 5)).astype(float)
    _, cache = helpers.forward(params, X)
    return params, X, Y, cache


assert_wrong = partial(assert_wrong_verdict, NOTEBOOK)


def assert_no_expected_numbers(message, *arrays):
    """No entry of the expected arrays appears in the message, at the precisions a learner would compare."""
    for array in arrays:
        for value in np.ravel(array):
            for text in (f"{value:.3f}", f"{value:.4f}", f"{value:g}"):
                if abs(value) > 1e-3:
                    assert text not in message, (text, message)


# ---------------------------------------------------------------- exercise 1: output layer


def check_output(function):
    params, X, Y, cache = section_one_network()
    return backprop.check_output_layer_gradients(function, cache["A1"], cache["A2"], Y)


def test_output_layer_teacher_solution_passes():
    solution = teacher_namespace(NOTEBOOK, OUTPUT)["output_layer_gradients"]
    result = check_output(solution)
    assert result.status == "passed", result.message


def test_output_layer_stub_is_not_done():
    assert check_output(stub).status == "not done"


def test_output_layer_missing_one_over_n():
    result = check_output(lambda A1, A2, Y: ((A2 - Y), (A2 - Y) @ A1.T, (A2 - Y).sum(axis=1, keepdims=True)))
    assert_wrong(result, OUTPUT, "dZ2", "times too large", "1/N")
    params, X, Y, cache = section_one_network()
    assert_no_expected_numbers(result.message, (cache["A2"] - Y) / Y.size)


def test_output_layer_divides_by_m_instead_of_n():
    result = check_output(
        lambda A1, A2, Y: (
            (A2 - Y) / Y.shape[1],
            (A2 - Y) / Y.shape[1] @ A1.T,
            ((A2 - Y) / Y.shape[1]).sum(axis=1, keepdims=True),
        )
    )
    assert_wrong(result, OUTPUT, "dZ2", "n_out * m, not m")


def test_output_layer_sign_error():
    def wrong(A1, A2, Y):
        dZ2 = (Y - A2) / Y.size
        return dZ2, dZ2 @ A1.T, dZ2.sum(axis=1, keepdims=True)

    assert_wrong(check_output(wrong), OUTPUT, "dZ2", "sign is flipped", "order of A2 and Y")


def test_output_layer_a1_not_transposed_is_a_shape_error():
    def wrong(A1, A2, Y):
        dZ2 = (A2 - Y) / Y.size
        return dZ2, A1 @ dZ2.T, dZ2.sum(axis=1, keepdims=True)

    result = check_output(wrong)
    assert_wrong(result, OUTPUT, "dW2 has shape (4, 2), expected (2, 4)", "transposed")


def test_output_layer_db2_without_keepdims():
    def wrong(A1, A2, Y):
        dZ2 = (A2 - Y) / Y.size
        return dZ2, dZ2 @ A1.T, dZ2.sum(axis=1)

    assert_wrong(check_output(wrong), OUTPUT, "db2 has shape (2,)", "keepdims")


def test_output_layer_db2_summed_over_the_wrong_axis():
    def wrong(A1, A2, Y):
        dZ2 = (A2 - Y) / Y.size
        return dZ2, dZ2 @ A1.T, dZ2.sum(axis=0, keepdims=True)

    assert_wrong(check_output(wrong), OUTPUT, "db2 has shape (1, 5)", "wrong axis")


def test_output_layer_db2_averaged():
    def wrong(A1, A2, Y):
        dZ2 = (A2 - Y) / Y.size
        return dZ2, dZ2 @ A1.T, dZ2.mean(axis=1, keepdims=True)

    assert_wrong(check_output(wrong), OUTPUT, "db2", "times too small", "average")


def test_output_layer_divides_dw2_by_n_again():
    def wrong(A1, A2, Y):
        dZ2 = (A2 - Y) / Y.size
        return dZ2, dZ2 @ A1.T / Y.size, dZ2.sum(axis=1, keepdims=True)

    assert_wrong(check_output(wrong), OUTPUT, "dW2", "divide again")


def test_output_layer_returns_too_few_values():
    assert_wrong(check_output(lambda A1, A2, Y: (A2 - Y) / Y.size), OUTPUT, "should return three arrays")


def test_output_layer_unseen_shapes_catch_a_transpose_the_example_hides():
    """A learner who hard-codes the example's sizes passes the example but not the unseen problems."""

    def wrong(A1, A2, Y):
        dZ2 = (A2 - Y) / 10
        return dZ2, dZ2 @ A1.T, dZ2.sum(axis=1, keepdims=True)

    result = check_output(wrong)
    assert result.status == "wrong" and "(at A1 of shape (5, 7)" in result.message, result.message


# ---------------------------------------------------------------- exercise 2: hidden layer


def check_hidden(function):
    params, X, Y, cache = section_one_network()
    dZ2 = (cache["A2"] - Y) / Y.size
    return backprop.check_hidden_layer_gradients(function, dZ2, params["W2"], cache["A1"], X)


def hidden(dA1_of, factor_of, *, dW1_of=None, db1_axis=1, keepdims=True):
    def function(dZ2, W2, A1, X):
        dA1 = dA1_of(dZ2, W2)
        dZ1 = dA1 * factor_of(A1)
        dW1 = dZ1 @ X.T if dW1_of is None else dW1_of(dZ1, dA1, X)
        return dZ1, dW1, dZ1.sum(axis=db1_axis, keepdims=keepdims)

    return function


def right_dA1(dZ2, W2):
    return W2.T @ dZ2


def right_factor(A1):
    return A1 * (1 - A1)


def test_hidden_layer_teacher_solution_passes():
    solution = teacher_namespace(NOTEBOOK, HIDDEN)["hidden_layer_gradients"]
    result = check_hidden(solution)
    assert result.status == "passed", result.message
    assert check_hidden(hidden(right_dA1, right_factor)).status == "passed"


def test_hidden_layer_stub_is_not_done():
    assert check_hidden(stub).status == "not done"


def test_hidden_layer_missing_sigmoid_derivative():
    result = check_hidden(hidden(right_dA1, lambda A1: 1.0))
    assert_wrong(result, HIDDEN, "dZ1", "missing the sigmoid's derivative")
    params, X, Y, cache = section_one_network()
    A1 = cache["A1"]
    assert_no_expected_numbers(result.message, params["W2"].T @ ((cache["A2"] - Y) / Y.size) * A1 * (1 - A1))


def test_hidden_layer_sigmoid_derivative_of_a1_instead_of_z1():
    result = check_hidden(hidden(right_dA1, helpers.sigmoid_derivative))
    assert_wrong(result, HIDDEN, "dZ1", "pre-activation Z1")


def test_hidden_layer_half_the_sigmoid_derivative():
    assert_wrong(check_hidden(hidden(right_dA1, lambda A1: A1)), HIDDEN, "incomplete")


def test_hidden_layer_w2_not_transposed():
    """On the example (n_out != n_hidden) the product fails; on the square problem the checker names it."""
    result = check_hidden(hidden(lambda dZ2, W2: W2 @ dZ2, right_factor))
    assert result.status == "wrong" and "(at dZ2 of shape (2, 5), W2 of shape (2, 4)" in result.message, result.message
    assert_reveals_no_solution(result.message, NOTEBOOK, HIDDEN)

    def only_when_square(dZ2, W2):
        return W2 @ dZ2 if W2.shape[0] == W2.shape[1] else W2.T @ dZ2

    assert_wrong(check_hidden(hidden(only_when_square, right_factor)), HIDDEN, "W2", "transposed")


def test_hidden_layer_dw1_transposed():
    result = check_hidden(hidden(right_dA1, right_factor, dW1_of=lambda dZ1, dA1, X: X @ dZ1.T))
    assert_wrong(result, HIDDEN, "dW1 has shape (3, 4), expected (4, 3)", "transposed")


def test_hidden_layer_dw1_from_da1():
    result = check_hidden(hidden(right_dA1, right_factor, dW1_of=lambda dZ1, dA1, X: dA1 @ X.T))
    assert_wrong(result, HIDDEN, "dW1", "need dZ1")


def test_hidden_layer_db1_wrong_axis_and_keepdims():
    assert_wrong(check_hidden(hidden(right_dA1, right_factor, db1_axis=0)), HIDDEN, "db1", "wrong axis")
    assert_wrong(check_hidden(hidden(right_dA1, right_factor, keepdims=False)), HIDDEN, "db1", "keepdims")


def test_hidden_layer_learner_exception_is_reported_not_raised():
    def crashes(dZ2, W2, A1, X):
        raise KeyError("oops")

    result = check_hidden(crashes)
    assert result.status == "wrong" and "KeyError" in result.message


# ---------------------------------------------------------------- exercise 3: find the bugs


def test_backward_with_bugs_is_wrong_exactly_where_the_checker_says():
    params, X, Y, cache = section_one_network()
    numeric = helpers.numerical_gradient(params, X, Y, eps=1e-5)
    suspect = backprop.backward_with_bugs(params, cache, Y)
    right = helpers.backward(params, cache, Y)
    wrong = set()
    for name in ("W1", "b1", "W2", "b2"):
        assert suspect[name].shape == params[name].shape
        if helpers.relative_error({name: suspect[name]}, {name: numeric[name]}) > 1e-7:
            wrong.add(name)
        else:
            np.testing.assert_allclose(suspect[name], right[name])
    assert backprop.check_wrong_parameters(sorted(wrong)).passed
    # The error over all parameters together is large, but does not say which.
    assert helpers.relative_error(suspect, numeric) > 1e-3


def test_find_the_bugs_teacher_solution_passes():
    setup = "from helpers.exercises import backprop as backprop_checks\n"
    namespace = teacher_namespace(NOTEBOOK, BUGS, setup=setup)
    assert backprop.check_wrong_parameters(namespace["find_wrong_parameters"]).passed


def test_find_the_bugs_stub_is_not_done():
    assert backprop.check_wrong_parameters(stub).status == "not done"


def test_find_the_bugs_function_that_names_every_parameter_is_told_so():
    result = backprop.check_wrong_parameters(lambda suspect, numeric: list(suspect))
    assert_wrong(result, BUGS, "you named every parameter")


def test_the_checks_read_none_of_the_notebooks_variables():
    # Section 6 rebinds X, Y and params to XOR's; the checkers rebuild section 1's network from its seeds.
    params, X, Y, cache = section_one_network()
    example = backprop.notebook_example()
    assert np.array_equal(example["X"], X) and np.array_equal(example["Y"], Y)
    assert all(np.array_equal(example["params"][name], params[name]) for name in params)
    ns = teacher_namespace(NOTEBOOK, "nb04-output-layer-gradients")
    assert backprop.check_output_layer_gradients(ns["output_layer_gradients"]).passed
    ns = teacher_namespace(NOTEBOOK, "nb04-hidden-layer-gradients")
    assert backprop.check_hidden_layer_gradients(ns["hidden_layer_gradients"]).passed


def _section_one_setup():
    return (
        "rng = np.random.default_rng(0)\n"
        "params = helpers.init_two_layer(3, 4, 2, seed=0)\n"
        "X = rng.normal(size=(3, 5))\n"
        "Y = rng.integers(0, 2, size=(2, 5)).astype(float)\n"
        "A2, cache = helpers.forward(params, X)\n"
    )


def test_find_the_bugs_not_answered():
    assert backprop.check_wrong_parameters(None).status == "not done"


@pytest.mark.parametrize(
    "answer, phrase",
    [
        (["W1", "b1", "W2", "b2"], "every parameter"),
        (["W1"], "1 wrong gradient is missing"),
        (["W1", "b2", "b1"], "1 of the names you gave has a correct gradient"),
        (["b1", "W2"], "2 wrong gradients are missing"),
        ("W7", "not a parameter name"),
        (3, "should be a list"),
    ],
)
def test_find_the_bugs_wrong_answers_do_not_name_the_bugs(answer, phrase):
    result = backprop.check_wrong_parameters(answer)
    assert_wrong(result, BUGS, phrase)
    if phrase not in ("not a parameter name", "should be a list"):
        for name in ("W1", "b1", "W2", "b2"):
            assert f"'{name}'" not in result.message and f" {name}" not in result.message, result.message


def test_find_the_bugs_accepts_gradient_names_and_any_order():
    assert backprop.check_wrong_parameters(("b2", "dW1")).passed
    assert backprop.check_wrong_parameters({"W1", "b2"}).passed


# ---------------------------------------------------------------- exercise 4: the training loop

LOOP = "nb04-training-loop"


def teacher_train():
    """The notebook's train, with the notebook's own output and hidden layer gradients beside it."""
    namespace = teacher_namespace(NOTEBOOK, "nb04-output-layer-gradients")
    exec(exercise_cell(NOTEBOOK, "nb04-hidden-layer-gradients"), namespace)
    exec(exercise_cell(NOTEBOOK, LOOP), namespace)
    return namespace["train"]


def loop_with(*, record_start=True, record_end=True, early_update=False, shared=False):
    """The teacher's loop with one classic mistake."""

    def train(params, X, Y, step, epochs):
        trained = dict(params) if shared else {name: value.copy() for name, value in params.items()}
        losses = []
        for epoch in range(epochs + 1):
            A2, cache = helpers.forward(trained, X)
            if (epoch > 0 or record_start) and (epoch < epochs or record_end):
                losses.append(helpers.binary_cross_entropy(Y, A2))
            if epoch == epochs:
                break
            dZ2 = (A2 - Y) / Y.size
            dW2, db2 = dZ2 @ cache["A1"].T, dZ2.sum(axis=1, keepdims=True)
            if early_update:
                trained["W2"] = trained["W2"] - step * dW2
                trained["b2"] = trained["b2"] - step * db2
            dZ1 = (trained["W2"].T @ dZ2) * cache["A1"] * (1 - cache["A1"])
            dW1, db1 = dZ1 @ X.T, dZ1.sum(axis=1, keepdims=True)
            updates = (("W1", dW1), ("b1", db1)) + (() if early_update else (("W2", dW2), ("b2", db2)))
            for name, grad in updates:
                if shared:
                    trained[name] -= step * grad
                else:
                    trained[name] = trained[name] - step * grad
        return trained, np.array(losses)

    return train


def test_training_loop_teacher_solution_passes():
    result = backprop.check_training_loop(teacher_train())
    assert result.passed, result.message


def test_training_loop_my_correct_variant_passes():
    assert backprop.check_training_loop(loop_with()).passed


def test_training_loop_stub_is_not_done():
    assert backprop.check_training_loop(stub).status == "not done"


def test_training_loop_updating_before_all_gradients_is_named():
    result = backprop.check_training_loop(loop_with(early_update=True))
    assert_wrong(result, LOOP, "before all the gradients are computed")


def test_training_loop_history_missing_the_last_loss_is_off_by_one():
    result = backprop.check_training_loop(loop_with(record_end=False))
    assert_wrong(result, LOOP, "off by one", "after the last update is missing")


def test_training_loop_forgetting_the_start_is_named():
    result = backprop.check_training_loop(loop_with(record_start=False))
    assert_wrong(result, LOOP, "forgets to record the start")


def test_training_loop_mutating_the_shared_dict_is_named():
    result = backprop.check_training_loop(loop_with(shared=True))
    assert_wrong(result, LOOP, "changed the params it was given", "copies the dict but not its arrays")


def test_training_loop_climbing_is_named():
    def climbing(params, X, Y, step, epochs):
        return loop_with()(params, X, Y, -step, epochs)

    assert_wrong(backprop.check_training_loop(climbing), LOOP, "the loss climbs")


def test_training_loop_forward_pass_outside_the_loop_is_named():
    def forward_once(params, X, Y, step, epochs):
        trained = {name: value.copy() for name, value in params.items()}
        A2, cache = helpers.forward(trained, X)
        losses = [helpers.binary_cross_entropy(Y, A2)]
        for _ in range(epochs):
            grads = helpers.backward(trained, cache, Y)
            trained = {name: trained[name] - step * grads[name] for name in trained}
            losses.append(helpers.binary_cross_entropy(Y, A2))
        return trained, np.array(losses)

    assert_wrong(backprop.check_training_loop(forward_once), LOOP, "the loss never changes")


def test_training_loop_returning_the_start_is_named():
    def untrained(params, X, Y, step, epochs):
        copy = {name: value.copy() for name, value in params.items()}
        return params, helpers.gradient_descent(copy, X, Y, step=step, epochs=epochs)

    assert_wrong(backprop.check_training_loop(untrained), LOOP, "still the starting value")


def test_training_loop_unknown_mistake_gets_no_wrong_name():
    def half_step(params, X, Y, step, epochs):
        return loop_with()(params, X, Y, step / 2, epochs)

    result = backprop.check_training_loop(half_step)
    assert_wrong(result, LOOP, "entry 0 is right", forbidden=("climbs", "off by one", "before all the gradients"))


def test_output_layer_in_float32_is_told_about_precision():
    def in_float32(A1, A2, Y):
        A1, A2, Y = (np.asarray(a, dtype=np.float32) for a in (A1, A2, Y))
        dZ2 = (A2 - Y) / Y.size
        return dZ2, dZ2 @ A1.T, dZ2.sum(axis=1, keepdims=True)

    assert_wrong(check_output(in_float32), "nb04-output-layer-gradients", "float32")


def test_training_loop_in_float32_is_told_about_precision():
    def in_float32(params, X, Y, step, epochs):
        small = {name: value.astype(np.float32) for name, value in params.items()}
        trained, losses = loop_with()(small, X.astype(np.float32), Y.astype(np.float32), step, epochs)
        return {name: value.astype(float) for name, value in trained.items()}, losses

    assert_wrong(backprop.check_training_loop(in_float32), LOOP, "float32")

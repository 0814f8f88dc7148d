"""Checkers for the exercises of notebook 04 (backpropagation).

* ``check_output_layer_gradients`` - ``output_layer_gradients(A1, A2, Y)``
  returns ``dZ2, dW2, db2``;
* ``check_hidden_layer_gradients`` - ``hidden_layer_gradients(dZ2, W2, A1, X)``
  returns ``dZ1, dW1, db1``;
* ``backward_with_bugs`` and ``check_wrong_parameters`` - a backward pass with
  planted bugs, and the check of the learner's list of the parameters whose
  gradients it gets wrong.

Each checker tries the learner's function on random problems it has not seen
(seeded, with ``n_in``, ``n_hidden``, ``n_out`` and ``m`` all different, so
that a missing or extra transpose changes a shape) and names a classic mistake
when the result matches one, without showing the expected arrays.
"""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, sigmoid_derivative
from ..two_layer import PARAMETER_NAMES, _backward, _forward, check_params, forward, init_two_layer
from ._checking import Mistake, as_array, as_array_or_none, call, close, diagnose, require_answer, run_check
from ._hints import precision_hint

#: Layer sizes of the unseen problems, ``(n_in, n_hidden, n_out, m)``: all different.
UNSEEN_SIZES = ((3, 5, 2, 7), (4, 2, 3, 6), (2, 6, 1, 9))

#: A problem where ``n_out == n_hidden``: a missing transpose of ``W2`` keeps every shape.
SQUARE_SIZES = (3, 2, 2, 5)


def _problem(sizes, seed):
    """A random network state: ``X (n_in, m)``, ``A1 (n_hidden, m)``, ``W2``, ``A2``, ``Y`` (0/1)."""
    n_in, n_hidden, n_out, m = sizes
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_in, m))
    A1 = sigmoid(rng.normal(size=(n_hidden, m)))
    W2 = rng.normal(size=(n_out, n_hidden))
    A2 = sigmoid(rng.normal(size=(n_out, m)))
    Y = rng.integers(0, 2, size=(n_out, m)).astype(float)
    # Make sure both classes appear, so a sign error can never look right by accident.
    Y.flat[0], Y.flat[-1] = 0.0, 1.0
    return {"X": X, "A1": A1, "W2": W2, "A2": A2, "Y": Y}


def _where(**arrays) -> str:
    return ", ".join(f"{name} of shape {value.shape}" for name, value in arrays.items())


def _call(function, *args, name: str, where: str, copies: bool = True):
    """``call``, with a hint when the learner's matrix product got shapes that do not fit."""
    try:
        return call(function, *args, name=name, where=where, copies=copies)
    except Mistake as mistake:
        text = str(mistake)
        if "matmul" in text or "shapes" in text and "not aligned" in text:
            text += (
                "; a matrix product's shapes do not fit: write down the shape of each array in it and check "
                "which one needs a transpose"
            )
        raise Mistake(text) from None


def _three(result, name: str, names: str, where: str):
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        got = f"{len(result)} values" if isinstance(result, (tuple, list)) else type(result).__name__
        raise Mistake(f"{name} should return three arrays, {names}; got {got} (at {where})")
    return result


def _check_bias_gradient(got, dZ, name: str, function: str, where: str):
    """``db`` must be ``dZ`` summed over the examples, as a column."""
    rows, m = dZ.shape
    shape_hints = {
        (rows,): "did you forget keepdims=True? A bias is a column",
        (1, m): "you summed over the wrong axis: the sum runs over the examples, the columns",
        (m,): "you summed over the wrong axis: the sum runs over the examples, the columns",
        (): "you summed every entry into one number: each unit has its own bias",
        (1, 1): "you summed every entry into one number: each unit has its own bias",
    }
    shape = np.shape(got)
    if shape != (rows, 1) and shape in shape_hints:
        raise Mistake(f"{name} has shape {shape}, expected {(rows, 1)}: {shape_hints[shape]} (at {where})")
    got = as_array(got, name, where, (rows, 1))
    expected = dZ.sum(axis=1, keepdims=True)
    if not close(got, expected):
        hint = diagnose(
            got,
            {
                f"it is {m} times too small: did you average over the examples? The 1/N is already in the gradient "
                "you start from": expected / m,
                "the sign is flipped": -expected,
            },
        )
        raise Mistake(f"{name} is not the gradient of L with respect to the bias{hint} (at {where})")


def notebook_example() -> dict:
    """Section 1's network and batch, rebuilt from their seeds: ``params``, ``X``, ``Y`` and ``cache``.

    The checkers judge the notebook's example from here, never from the learner's
    variables, so a check cell gives the same verdict after *Run All*, run on its
    own, and after later cells have rebound ``X``, ``Y`` or ``params`` (section 6 does).
    """
    rng = np.random.default_rng(0)
    params = init_two_layer(3, 4, 2, seed=0)
    X = rng.normal(size=(3, 5))
    Y = rng.integers(0, 2, size=(2, 5)).astype(float)
    _, cache = forward(params, X)
    return {"params": params, "X": X, "Y": Y, "cache": cache}


#: Most entries an example array passed to a checker may have (the notebook's have 10).
MAX_EXAMPLE_ENTRIES = 100_000


def _own_example() -> dict:
    """The notebook's example arrays, by name, from ``notebook_example()`` (section 1, rebuilt from its seeds)."""
    example = notebook_example()
    cache, Y = example["cache"], example["Y"]
    return {
        "X": example["X"],
        "A1": cache["A1"],
        "W2": example["params"]["W2"],
        "A2": cache["A2"],
        "Y": Y,
        "dZ2": (cache["A2"] - Y) / Y.size,
    }


def _example_problem(arrays: dict, layout: dict, inside: dict) -> tuple[dict, str]:
    """The example to try first: the arrays passed, if they make a valid problem, else the checker's own.

    ``layout`` maps each name to its two axes (e.g. ``("n_out", "m")``), which must
    agree between arrays; ``inside`` maps a name to the interval ``(low, high)``
    its entries must lie in.  Returns the problem and a note ("" when the
    arrays passed were used or none were passed).
    """
    if all(value is None for value in arrays.values()):
        return {name: _own_example()[name] for name in arrays}, ""
    problem, sizes = {}, {}
    for name, value in arrays.items():
        array = as_array_or_none(value, MAX_EXAMPLE_ENTRIES)
        if array is None or array.ndim != 2:
            return _fallback(arrays, f"{name} is not a finite 2-D array of numbers")
        for axis, size in zip(layout[name], array.shape, strict=True):
            if sizes.setdefault(axis, size) != size:
                return _fallback(arrays, f"{name} has shape {array.shape}, which does not fit the others")
        low, high = inside.get(name, (-np.inf, np.inf))
        if np.any(array < low) or np.any(array > high):
            return _fallback(arrays, f"{name} has entries outside [{low:g}, {high:g}]")
        problem[name] = array.copy()  # the learner's global may change while their code runs
    return problem, ""


def _fallback(arrays: dict, reason: str) -> tuple[dict, str]:
    own = _own_example()
    note = f" (the example passed to the checker was not usable, {reason}: the checker used its own copy of it)"
    return {name: own[name] for name in arrays}, note


def check_output_layer_gradients(output_layer_gradients, A1=None, A2=None, Y=None):
    """Check ``output_layer_gradients(A1, A2, Y) -> (dZ2, dW2, db2)``.

    Parameters
    ----------
    output_layer_gradients : callable
        The learner's function.  ``A1`` is ``(n_hidden, m)``, ``A2`` and ``Y``
        are ``(n_out, m)``; it returns ``dZ2 (n_out, m)``, ``dW2 (n_out,
        n_hidden)`` and ``db2 (n_out, 1)`` for the mean cross-entropy over
        ``N = n_out * m`` entries.
    A1, A2, Y : array_like, optional
        The notebook's example, tried first.  Validated (finite 2-D arrays
        whose shapes fit, entries in [0, 1]); if they are not usable, or not
        given, the checker rebuilds section 1's example from its seeds.

    Returns
    -------
    CheckResult
    """
    name = "output_layer_gradients"
    example, note = _example_problem(
        {"A1": A1, "A2": A2, "Y": Y},
        {"A1": ("n_hidden", "m"), "A2": ("n_out", "m"), "Y": ("n_out", "m")},
        {"A1": (0.0, 1.0), "A2": (0.0, 1.0), "Y": (0.0, 1.0)},
    )
    problems = [example] + [_problem(sizes, seed) for seed, sizes in enumerate(UNSEEN_SIZES)]

    def checks():
        for problem in problems:
            A1_, A2_, Y_ = problem["A1"], problem["A2"], problem["Y"]
            where = _where(A1=A1_, A2=A2_, Y=Y_)
            result = _call(output_layer_gradients, A1_.copy(), A2_.copy(), Y_.copy(), name=name, where=where)
            dZ2, dW2, db2 = _three(result, name, "dZ2, dW2, db2", where)
            n_out, m = Y_.shape
            N = Y_.size
            expected_dZ2 = (A2_ - Y_) / N
            dZ2 = as_array(dZ2, "dZ2", where, Y_.shape)
            if not close(dZ2, expected_dZ2):
                mistakes = {
                    "the sign is flipped: check the order of A2 and Y in the error": -expected_dZ2,
                    f"it is N = {N} times too large: L is a mean over N entries, did you forget the 1/N?": expected_dZ2
                    * N,
                    "the sign is flipped, and it is N times too large (the 1/N is missing)": -expected_dZ2 * N,
                    "the factor A2 (1 - A2) does not belong here: with the cross-entropy it cancels": expected_dZ2
                    * A2_
                    * (1 - A2_),
                }
                if n_out > 1:
                    mistakes[f"it is {n_out} times too large: N counts every entry, n_out * m, not m alone"] = (
                        expected_dZ2 * n_out
                    )
                hint = diagnose(dZ2, mistakes) or precision_hint(dZ2, expected_dZ2)
                raise Mistake(f"dZ2 is not dL/dZ2{hint} (at {where})")
            dW2 = as_array(dW2, "dW2", where, (n_out, A1_.shape[0]))
            expected_dW2 = expected_dZ2 @ A1_.T
            if not close(dW2, expected_dW2):
                hint = diagnose(
                    dW2,
                    {
                        f"it is N = {N} times too small: the 1/N is already in dZ2, did you divide again?": (
                            expected_dW2 / N
                        ),
                        f"it is {m} times too small: did you average over the examples? dZ2 already has the 1/N": (
                            expected_dW2 / m
                        ),
                        "the sign is flipped": -expected_dW2,
                        "it uses A2 (1 - A2) or another extra factor": (expected_dZ2 * A2_ * (1 - A2_)) @ A1_.T,
                    },
                )
                hint = hint or precision_hint(dW2, expected_dW2)
                raise Mistake(f"dW2 has the right shape but not the right entries{hint} (at {where})")
            _check_bias_gradient(db2, expected_dZ2, "db2", name, where)

    return run_check(
        name,
        checks,
        success="dZ2, dW2 and db2 are right on the notebook's example and on "
        f"{len(UNSEEN_SIZES)} unseen problems (n_in, n_hidden, n_out, m all different){note}",
    )


def check_hidden_layer_gradients(hidden_layer_gradients, dZ2=None, W2=None, A1=None, X=None):
    """Check ``hidden_layer_gradients(dZ2, W2, A1, X) -> (dZ1, dW1, db1)``.

    Parameters
    ----------
    hidden_layer_gradients : callable
        The learner's function.  ``dZ2`` is ``(n_out, m)``, ``W2`` is ``(n_out,
        n_hidden)``, ``A1`` is ``(n_hidden, m)``, ``X`` is ``(n_in, m)``; it
        returns ``dZ1 (n_hidden, m)``, ``dW1 (n_hidden, n_in)`` and ``db1
        (n_hidden, 1)``.
    dZ2, W2, A1, X : array_like, optional
        The notebook's example, tried first.  Validated (finite 2-D arrays
        whose shapes fit, ``A1`` in [0, 1]); if they are not usable, or not
        given, the checker rebuilds section 1's example from its seeds.

    Returns
    -------
    CheckResult
    """
    name = "hidden_layer_gradients"
    example, note = _example_problem(
        {"dZ2": dZ2, "W2": W2, "A1": A1, "X": X},
        {"dZ2": ("n_out", "m"), "W2": ("n_out", "n_hidden"), "A1": ("n_hidden", "m"), "X": ("n_in", "m")},
        {"A1": (0.0, 1.0)},
    )
    problems = [example]
    for seed, sizes in enumerate((SQUARE_SIZES,) + UNSEEN_SIZES):
        problem = _problem(sizes, 10 + seed)
        problem["dZ2"] = (problem["A2"] - problem["Y"]) / problem["Y"].size
        problems.append(problem)

    def checks():
        for problem in problems:
            dZ2_, W2_, A1_, X_ = problem["dZ2"], problem["W2"], problem["A1"], problem["X"]
            where = _where(dZ2=dZ2_, W2=W2_, A1=A1_, X=X_)
            result = _call(
                hidden_layer_gradients, dZ2_.copy(), W2_.copy(), A1_.copy(), X_.copy(), name=name, where=where
            )
            dZ1, dW1, db1 = _three(result, name, "dZ1, dW1, db1", where)
            dA1 = W2_.T @ dZ2_
            expected_dZ1 = dA1 * A1_ * (1 - A1_)
            dZ1 = as_array(dZ1, "dZ1", where, A1_.shape)
            if not close(dZ1, expected_dZ1):
                mistakes = {
                    "it is missing the sigmoid's derivative: the hidden layer has no cross-entropy to cancel it": dA1,
                    "sigmoid_derivative takes the pre-activation Z1; A1 is already the sigmoid's output": dA1
                    * sigmoid_derivative(A1_),
                    "the sign is flipped": -expected_dZ1,
                }
                if W2_.shape[0] == W2_.shape[1]:
                    wrong_dA1 = W2_ @ dZ2_
                    mistakes["W2 carries the gradient back only once transposed"] = wrong_dA1 * A1_ * (1 - A1_)
                    mistakes["W2 is not transposed, and the sigmoid's derivative is missing"] = wrong_dA1
                hint = diagnose(dZ1, mistakes)
                if not hint and (close(dZ1, dA1 * A1_) or close(dZ1, dA1 * (1 - A1_))):
                    hint = ": the sigmoid's derivative is incomplete, a factor is missing"
                hint = hint or precision_hint(dZ1, expected_dZ1)
                raise Mistake(f"dZ1 is not dL/dZ1{hint} (at {where})")
            dW1 = as_array(dW1, "dW1", where, (A1_.shape[0], X_.shape[0]))
            expected_dW1 = expected_dZ1 @ X_.T
            if not close(dW1, expected_dW1):
                hint = diagnose(
                    dW1,
                    {
                        "it is computed from dA1: the weights sit before the sigmoid, so they need dZ1": dA1 @ X_.T,
                        f"it is {X_.shape[1]} times too small: did you average over the examples? dZ2 already has "
                        "the 1/N": expected_dW1 / X_.shape[1],
                        "the sign is flipped": -expected_dW1,
                    },
                )
                hint = hint or precision_hint(dW1, expected_dW1)
                raise Mistake(f"dW1 has the right shape but not the right entries{hint} (at {where})")
            _check_bias_gradient(db1, expected_dZ1, "db1", name, where)

    return run_check(
        name,
        checks,
        success=f"dZ1, dW1 and db1 are right on the notebook's example and on {len(UNSEEN_SIZES) + 1} unseen problems"
        + note,
    )


def backward_with_bugs(params, cache, Y):
    """``helpers.backward`` with planted bugs: the gradients of some parameters are wrong.

    Same arguments and result as ``helpers.backward``: a dict keyed ``"W1",
    "b1", "W2", "b2"``, each gradient the shape of its parameter.  Which
    parameters are wrong is the exercise: compare each with
    ``helpers.numerical_gradient``.
    """
    params = check_params(params)
    X, A1, A2 = cache["X"], cache["A1"], cache["A2"]
    Y = np.asarray(Y, dtype=float)
    m = X.shape[1]
    dZ2 = (A2 - Y) / Y.size
    dW2 = dZ2 @ A1.T
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dA1 = params["W2"].T @ dZ2
    dZ1 = dA1 * A1 * (1.0 - A1)
    dW1 = dA1 @ X.T
    db1 = dZ1.sum(axis=1, keepdims=True)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


#: The parameters whose gradients ``backward_with_bugs`` gets wrong (for any problem with m > 1).
_BUGGY = frozenset({"W1", "b2"})


def _parameter_names(answer, name: str = "wrong_parameters") -> set:
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set, frozenset)):
        raise Mistake(f"{name} should be a list of parameter names such as ['b1']; got {type(answer).__name__}")
    names = set()
    for item in answer:
        if not isinstance(item, str):
            raise Mistake(f"{name} should hold names (strings) such as 'b1'; got {item!r}")
        cleaned = item.strip()
        cleaned = cleaned[1:] if cleaned[:1] == "d" and cleaned[1:] in PARAMETER_NAMES else cleaned
        if cleaned not in PARAMETER_NAMES:
            raise Mistake(f"{item!r} is not a parameter name; use the keys of params: {', '.join(PARAMETER_NAMES)}")
        names.add(cleaned)
    return names


def _bug_hunt(sizes, seed):
    """``(suspect, numeric)`` for a network: ``backward_with_bugs``'s gradients and the central differences."""
    from ..gradient_check import numerical_gradient

    if sizes is None:
        example = notebook_example()
        params, X, Y, cache = example["params"], example["X"], example["Y"], example["cache"]
    else:
        n_in, n_hidden, n_out, m = sizes
        rng = np.random.default_rng(seed)
        params = init_two_layer(n_in, n_hidden, n_out, seed=seed)
        X = rng.normal(size=(n_in, m))
        Y = rng.integers(0, 2, size=(n_out, m)).astype(float)
        _, cache = forward(params, X)
    return backward_with_bugs(params, cache, Y), numerical_gradient(params, X, Y, eps=1e-5)


def _answer_names(wrong_parameters, name: str):
    """The learner's names: the list itself, or what their function returns on section 1's network and an unseen one."""
    if not callable(wrong_parameters):
        return [_parameter_names(require_answer(wrong_parameters, name))]
    answers = []
    for sizes, seed, where in ((None, 0, "section 1's network"), ((2, 3, 3, 4), 21, "a 2-3-3 network, m = 4")):
        suspect, numeric = _bug_hunt(sizes, seed)
        copies = [{key: value.copy() for key, value in grads.items()} for grads in (suspect, numeric)]
        answer = call(wrong_parameters, *copies, name=name, where=where)
        answers.append(_parameter_names(answer, f"{name}(suspect, numeric)"))
    return answers


def check_wrong_parameters(wrong_parameters):
    """Check the learner's parameters whose gradients ``backward_with_bugs`` gets wrong.

    Parameters
    ----------
    wrong_parameters : callable, or list of str or None
        The learner's ``find_wrong_parameters(suspect, numeric)``, called with
        ``backward_with_bugs``'s gradients and the numerical ones on section 1's
        network (rebuilt from its seeds) and on one it has not seen; or a list
        of names among ``"W1", "b1", "W2", "b2"`` (``"dW1"`` is accepted for
        ``"W1"``).  ``None`` means not answered yet.

    Returns
    -------
    CheckResult
        The verdict says how many names are missing or extra, never which.
    """
    name = "find_wrong_parameters" if callable(wrong_parameters) else "wrong_parameters"

    def checks():
        for names in _answer_names(wrong_parameters, name):
            _judge_names(names)

    return run_check(name, checks, success="those are the gradients backward_with_bugs gets wrong")


def _judge_names(names: set) -> None:
    """A ``Mistake`` saying how many names are missing or extra, never which."""
    extra, missing = names - _BUGGY, _BUGGY - names
    if names == set(PARAMETER_NAMES):
        raise Mistake(
            "you named every parameter: the error over all parameters together is large as soon as "
            "one is wrong; compare each parameter's gradient on its own"
        )
    problems = []
    if extra:
        problems.append(f"{len(extra)} of the names you gave {'has' if len(extra) == 1 else 'have'} a correct gradient")
    if missing:
        problems.append(
            f"{len(missing)} wrong gradient{' is' if len(missing) == 1 else 's are'} missing from your list"
        )
    if problems:
        raise Mistake(
            "; ".join(problems) + ". Compare each parameter's gradient with the numerical one, one parameter at a time"
        )


# ---------------------------------------------------------------------------
# Exercise 4: train(params, X, Y, step, epochs) -> (trained, losses)
# ---------------------------------------------------------------------------

#: The loop checker's problems, ``(n_in, n_hidden, n_out, m), seed, step, epochs``: none is the notebook's XOR.
LOOP_PROBLEMS = (((3, 4, 2, 6), 31, 0.5, 6), ((2, 3, 1, 8), 32, 2.0, 5), ((4, 2, 3, 5), 33, 1.0, 4))


def _loop_problem(sizes, seed):
    n_in, n_hidden, n_out, m = sizes
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_in, m))
    Y = rng.integers(0, 2, size=(n_out, m)).astype(float)
    Y.flat[0], Y.flat[-1] = 0.0, 1.0
    return init_two_layer(n_in, n_hidden, n_out, seed=seed), X, Y


def _loss_of(A2, Y) -> float:
    return float(-np.mean(Y * np.log(A2) + (1.0 - Y) * np.log(1.0 - A2)))


def _loop(params, X, Y, step, epochs, *, early_update=False, forward_once=False, sign=-1.0):
    """A training loop with a chosen classic mistake (none by default): ``(trained, losses)``.

    ``early_update`` updates ``W2`` and ``b2`` before the hidden layer's
    gradients are computed, so ``dA1`` uses the new ``W2``; ``forward_once``
    runs the forward pass before the loop only; ``sign=+1`` climbs.
    """
    trained = {name: np.array(value, dtype=float) for name, value in params.items()}
    losses = []
    A2, cache = _forward(trained, X)
    for epoch in range(epochs + 1):
        if epoch and not forward_once:
            A2, cache = _forward(trained, X)
        losses.append(_loss_of(A2, Y))
        if epoch == epochs:
            break
        if early_update:
            dZ2 = (A2 - Y) / Y.size
            trained["W2"] = trained["W2"] + sign * step * (dZ2 @ cache["A1"].T)
            trained["b2"] = trained["b2"] + sign * step * dZ2.sum(axis=1, keepdims=True)
            dZ1 = (trained["W2"].T @ dZ2) * cache["A1"] * (1.0 - cache["A1"])
            trained["W1"] = trained["W1"] + sign * step * (dZ1 @ X.T)
            trained["b1"] = trained["b1"] + sign * step * dZ1.sum(axis=1, keepdims=True)
            continue
        grads = _backward(trained, cache, Y)
        trained = {name: trained[name] + sign * step * grads[name] for name in trained}
    return trained, np.array(losses)


def _loop_mistakes(params, X, Y, step, epochs) -> dict:
    """Hint -> the losses a classic loop mistake records (each of shape ``(epochs + 1,)``)."""
    return {
        "it updates W2 and b2 before all the gradients are computed: the hidden layer's gradient then uses the "
        "new W2. Compute every gradient of the epoch first (the whole backward pass), then update": _loop(
            params, X, Y, step, epochs, early_update=True
        )[1],
        "the loss never changes: does the forward pass run inside the loop, on the updated parameters, every "
        "epoch?": _loop(params, X, Y, step, epochs, forward_once=True)[1],
        "the loss climbs: the update goes against the gradient, W = W - step * dW": _loop(
            params, X, Y, step, epochs, sign=+1.0
        )[1],
    }


def _check_history(losses, expected, epochs: int, where: str) -> np.ndarray:
    """The learner's history as an ``(epochs + 1,)`` array, or a ``Mistake`` naming the off-by-one."""
    if not isinstance(losses, (np.ndarray, list, tuple)):
        raise Mistake(f"losses should be an array of epochs + 1 = {epochs + 1} numbers; got {type(losses).__name__}")
    try:
        history = np.asarray(losses, dtype=float)
    except (TypeError, ValueError):
        raise Mistake(f"losses should be numbers, one per epoch and one for the start (at {where})") from None
    if history.ndim != 1:
        raise Mistake(f"losses has shape {history.shape}; expected ({epochs + 1},), one loss a line (at {where})")
    if history.shape == (epochs,):
        if close(history, expected[1:], rtol=1e-9):
            raise Mistake(
                f"losses has {epochs} entries for {epochs} epochs, the losses after each update: it forgets to "
                f"record the start. Entry 0 is the loss before any update, so there are epochs + 1 (at {where})"
            )
        if close(history, expected[:-1], rtol=1e-9):
            raise Mistake(
                f"losses has {epochs} entries for {epochs} epochs: the history is off by one, the loss after the "
                f"last update is missing. Record epochs + 1 losses: before the first update and after each (at {where})"
            )
    if history.shape != (epochs + 1,):
        raise Mistake(
            f"losses has {history.size} entries for {epochs} epochs; expected epochs + 1 = {epochs + 1}: the loss "
            f"before any update, then one after each update (at {where})"
        )
    if not np.all(np.isfinite(history)):
        raise Mistake(f"losses contains NaN or infinity (at {where})")
    return history


def _snapshot(params) -> dict:
    return {name: np.array(value, copy=True) for name, value in params.items()}


def _check_one_loop(train, sizes, seed, step, epochs) -> None:
    params, X, Y = _loop_problem(sizes, seed)
    given = _snapshot(params)
    arrays = {name: given[name] for name in PARAMETER_NAMES}
    n_in, n_hidden, n_out, m = sizes
    where = f"a {n_in}-{n_hidden}-{n_out} network, m = {m}, step = {step:g}, epochs = {epochs}"
    reference = _snapshot(params)
    expected_losses = _gradient_descent_reference(reference, X, Y, step, epochs)
    result = _call(train, arrays, X.copy(), Y.copy(), step, epochs, name="train", where=where, copies=False)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        got = f"{len(result)} values" if isinstance(result, (tuple, list)) else type(result).__name__
        raise Mistake(f"train should return two things, (trained, losses); got {got} (at {where})")
    trained, losses = result
    changed = [name for name in PARAMETER_NAMES if not np.array_equal(arrays[name], params[name])]
    if changed:
        raise Mistake(
            f"it changed the params it was given ({', '.join(changed)}) (at {where}): the caller's start is shared, "
            "and dict(params) or params.copy() copies the dict but not its arrays, so W -= ... changes the "
            "caller's. Copy every array, or write W = W - step * dW, which makes a new one"
        )
    history = _check_history(losses, expected_losses, epochs, where)
    if not close(history, expected_losses, rtol=1e-9, atol=1e-12):
        hint = _loop_hint(history, params, X, Y, step, epochs) or precision_hint(history, expected_losses, rtol=1e-9)
        if not hint and close(history[0], expected_losses[0], rtol=1e-9):
            t = int(np.argmax(~np.isclose(history, expected_losses, rtol=1e-9, atol=1e-12)))
            hint = f": entry 0 is right, entry {t} is not (the loss after {t} updates)"
        elif not hint:
            hint = ": entry 0, the loss before any update, is already wrong: is it the mean cross-entropy over N?"
        raise Mistake(f"the losses are not those of gradient descent (at {where}){hint}")
    if not isinstance(trained, dict) or set(trained) != set(PARAMETER_NAMES):
        raise Mistake(f"trained should be a dict with the keys W1, b1, W2, b2 (at {where})")
    for name in PARAMETER_NAMES:
        value = as_array(trained[name], f"trained[{name!r}]", where, reference[name].shape)
        if close(value, params[name]):
            raise Mistake(
                f"trained[{name!r}] is still the starting value although the losses are right (at {where}): "
                "return the parameters the loop trained"
            )
        if not close(value, reference[name], rtol=1e-9, atol=1e-12):
            raise Mistake(f"trained[{name!r}] is not where gradient descent leaves it (at {where})")


def _gradient_descent_reference(params, X, Y, step, epochs) -> np.ndarray:
    from ..training import gradient_descent

    return gradient_descent(params, X, Y, step=step, epochs=epochs)


def _loop_hint(history, params, X, Y, step, epochs) -> str:
    for hint, wrong in _loop_mistakes(params, X, Y, step, epochs).items():
        if close(history, wrong, rtol=1e-9, atol=1e-12):
            return f": {hint}"
    return ""


def check_training_loop(train):
    """Check ``train(params, X, Y, step, epochs) -> (trained, losses)`` against ``helpers.gradient_descent``.

    The learner's loop runs on problems it has not seen (none of them the
    notebook's XOR); its losses must be ``helpers.gradient_descent``'s, in the
    course's convention (``epochs + 1`` of them, entry 0 before any update), its
    trained parameters the same, and the caller's ``params`` left unchanged.
    The classic loop mistakes are named: updating before every gradient is
    computed, a history off by one, a forgotten start, a changed (shared)
    ``params``, a forward pass outside the loop, a climbing update.

    Returns
    -------
    CheckResult
    """

    def checks():
        for sizes, seed, step, epochs in LOOP_PROBLEMS:
            _check_one_loop(train, sizes, seed, step, epochs)

    return run_check(
        "train",
        checks,
        success=f"the same losses and trained parameters as helpers.gradient_descent on {len(LOOP_PROBLEMS)} "
        "networks you have not seen, and the params you were given left as they were",
    )

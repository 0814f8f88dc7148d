"""Checkers for the exercises of notebook 01 (defining the loss).

* ``check_mean_squared_error(mean_squared_error)`` - the mean of ``(y - h)**2`` over all ``N`` entries;
* ``check_binary_cross_entropy(binary_cross_entropy)`` - the mean binary cross-entropy over all ``N`` entries;
* ``check_gradient_step(gradient_step)`` - one gradient-descent update of one sigmoid unit with cross-entropy.

Each tries the notebook's own example first, then seeded random batches of
shape ``(n_out, m)`` the learner has not seen, then edge cases (a perfect
prediction, targets all 1 or all 0), and names the classic mistake it finds
without showing the expected numbers.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..activations import sigmoid
from ._checking import (
    Mistake,
    as_array,
    as_number,
    call,
    close,
    diagnose,
    fmt,
    is_finite_numbers,
    is_numeric,
    run_check,
)
from ._hints import precision_hint

#: Seeds the checkers' random inputs (the learner never sees them).
CHECK_SEED = 1001


def _learner(function, *args, name: str, where: str):
    """Call the learner's function on copies of ``args``, with NumPy's warnings silenced.

    A learner's ``np.log(0)`` should end in a verdict, not in a warning (which the
    course's tests turn into an error).
    """
    copies = [np.array(arg, dtype=float) if isinstance(arg, np.ndarray) else arg for arg in args]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(function, *copies, name=name, where=where)


def _one_loss(value, shape: tuple, name: str, where: str) -> float:
    """The learner's loss as one number; an array of one value per row or column is named as such."""
    if isinstance(value, np.ndarray) and value.size > 1 and len(shape) == 2:
        n_out, m = shape
        if value.shape in {(m,), (1, m)}:
            raise Mistake(
                f"{name} returned an array of shape {value.shape}, one value per example (at {where}): "
                "did you average along one axis only? A loss is one number, the mean over all N entries"
            )
        if value.shape in {(n_out,), (n_out, 1)}:
            raise Mistake(
                f"{name} returned an array of shape {value.shape}, one value per output (at {where}): "
                "did you average along one axis only? A loss is one number, the mean over all N entries"
            )
    return as_number(value, name, where)


def _batches(rng, shapes, targets: str):
    """Seeded ``(y, h)`` pairs: targets uniform in [0, 1] (``"real"``) or 0/1 (``"binary"``)."""
    for shape in shapes:
        if targets == "binary":
            y = rng.integers(0, 2, size=shape).astype(float)
            h = rng.uniform(0.02, 0.98, size=shape)
        else:
            y = rng.uniform(0.0, 1.0, size=shape)
            h = rng.uniform(0.0, 1.0, size=shape)
        yield y, h


def _too_large(n: int) -> str:
    return f"{n} times too large, as many times as there are entries: did you sum instead of averaging?"


# --- exercise nb01-mean-squared-error -------------------------------------------------------------


def _mse_mistakes(y: np.ndarray, h: np.ndarray) -> dict:
    d = y - h
    mistakes = {}
    if d.ndim == 2 and d.shape[1] > 1:
        # len(y) of a 2-D y is its number of rows, n_out: with one output that is the plain sum.
        mistakes[
            f"{d.shape[1]} times too large (m = {d.shape[1]}): did you divide by len(y)? For a batch of shape "
            "(n_out, m), len(y) is the number of rows n_out, not the number of entries N: use y.size"
        ] = np.sum(d**2) / d.shape[0]
    if d.ndim == 2 and d.shape[0] > 1:
        mistakes[
            f"{d.shape[0]} times too large (n_out = {d.shape[0]}): did you divide by the number of examples m "
            "instead of the number of entries N?"
        ] = np.sum(d**2) / d.shape[1]
    if d.size > 1:
        mistakes[_too_large(d.size)] = np.sum(d**2)
    mistakes["this is the mean of the differences, not of their squares: did you forget to square?"] = np.mean(d)
    mistakes["this is the mean of the absolute differences: the differences must be squared"] = np.mean(np.abs(d))
    mistakes["this is the square root of the right loss: leave the square root out"] = np.sqrt(np.mean(d**2))
    mistakes["this is the square of the mean difference: square every difference first, then average"] = np.mean(d) ** 2
    return mistakes


def _raise_if_classic_mistake(got, mistakes: dict, where: str) -> None:
    """A ``Mistake`` naming the classic mistake (a key of ``mistakes``) whose value ``got`` is, if any."""
    hint = diagnose(got, mistakes)
    if hint:
        raise Mistake(f"wrong value at {where}{hint}")


def _unknown_mistake(where: str, got=None, expected=None) -> Mistake:
    """The verdict on a wrong loss that matches no classic mistake (a float32 answer is told so)."""
    precision = precision_hint(got, expected) if got is not None else ""
    if precision:
        return Mistake(f"wrong value at {where}{precision}")
    return Mistake(f"wrong value at {where} (not one of the classic mistakes this checker knows)")


def _check_mse_case(function, y, h, where: str) -> None:
    name = "mean_squared_error"
    got = _one_loss(_learner(function, y, h, name=name, where=where), y.shape, name, where)
    expected = float(np.mean((y - h) ** 2))
    if close(got, expected):
        return
    _raise_if_classic_mistake(got, _mse_mistakes(y, h), where)
    if got < 0:
        raise Mistake(f"negative loss at {where}: a mean of squares is never negative")
    if expected == 0.0:
        raise Mistake(f"nonzero loss at {where}: a perfect prediction must cost exactly 0")
    raise _unknown_mistake(where, got, expected)


def check_mean_squared_error(mean_squared_error):
    """Check a learner's ``mean_squared_error(y, h)``: the mean of ``(y - h)**2`` over all ``N`` entries.

    Tries the notebook's 4-entry example, seeded random batches of shapes
    ``(1, 5)``, ``(2, 4)`` and ``(3, 6)`` (one example per column), and a
    perfect prediction ``h = y``.

    Returns
    -------
    CheckResult
    """

    def checks():
        y = np.array([1.0, 0.0, 1.0, 0.0])
        h = np.array([0.8, 0.3, 0.6, 0.1])
        _check_mse_case(mean_squared_error, y, h, f"the notebook's example y = {fmt(y)}, h = {fmt(h)}")
        rng = np.random.default_rng(CHECK_SEED)
        batches = list(_batches(rng, [(1, 5), (2, 4), (3, 6)], "real"))
        for y, h in batches:
            _check_mse_case(mean_squared_error, y, h, f"a random batch of shape {y.shape} (n_out, m)")
        y, _ = batches[1]
        _check_mse_case(mean_squared_error, y, y.copy(), f"a perfect prediction h = y of shape {y.shape}")

    return run_check(
        "mean_squared_error",
        checks,
        success="right on the notebook's example, on 3 random batches (n_out, m) and on h = y",
    )


# --- exercise nb01-binary-cross-entropy -----------------------------------------------------------


def _bce_terms(y: np.ndarray, h: np.ndarray):
    return y * np.log(h), (1.0 - y) * np.log(1.0 - h)


def _bce_mistakes(y: np.ndarray, h: np.ndarray) -> dict:
    on_ones, on_zeros = _bce_terms(y, h)
    right = -np.mean(on_ones + on_zeros)
    mistakes = {}
    if right != 0.0:
        mistakes["the right size but negative: is the minus sign in front missing?"] = -right
    if y.size > 1:
        mistakes[_too_large(y.size)] = -np.sum(on_ones + on_zeros)
    mistakes[
        "only the entries with target 1 are charged: the term for targets y = 0, with ln(1 - h), is missing"
    ] = -np.mean(on_ones)
    mistakes[
        "only the entries with target 0 are charged: the term for targets y = 1, with ln h, is missing"
    ] = -np.mean(on_zeros)
    mistakes["ln(10) ≈ 2.3 times too small: use the natural logarithm, not log10"] = right / np.log(10.0)
    return mistakes


def _check_bce_case(function, y, h, where: str) -> None:
    name = "binary_cross_entropy"
    result = _learner(function, y, h, name=name, where=where)
    if isinstance(result, (np.ndarray, float, np.floating)) and is_numeric(result) and not is_finite_numbers(result):
        raise Mistake(
            f"the loss is not finite at {where}, where every h is strictly between 0 and 1: "
            "a logarithm got 0 or a negative number. Did you swap y and h? The logarithms take the prediction h"
        )
    got = _one_loss(result, y.shape, name, where)
    on_ones, on_zeros = _bce_terms(y, h)
    expected = float(-np.mean(on_ones + on_zeros))
    if close(got, expected):
        return
    _raise_if_classic_mistake(got, _bce_mistakes(y, h), where)
    if got < 0:
        raise Mistake(f"negative loss at {where}: cross-entropy is never negative; check the sign")
    raise _unknown_mistake(where, got, expected)


def check_binary_cross_entropy(binary_cross_entropy):
    """Check a learner's ``binary_cross_entropy(y, h)``, for 0/1 targets and ``h`` strictly inside (0, 1).

    Tries one entry with ``y = 1`` and one with ``y = 0`` (``h = 0.3``), the
    notebook's 4-entry example as a ``(1, 4)`` batch, seeded random batches of
    0/1 targets, batches whose targets are all 1 and all 0, and a prediction
    within ``1e-6`` of its targets.

    Returns
    -------
    CheckResult
    """

    def checks():
        for target in (1.0, 0.0):
            y, h = np.array([[target]]), np.array([[0.3]])
            _check_bce_case(binary_cross_entropy, y, h, f"y = {target:g}, h = 0.3 (shape (1, 1))")
        y = np.array([[1.0, 0.0, 1.0, 0.0]])
        h = np.array([[0.8, 0.3, 0.6, 0.1]])
        _check_bce_case(binary_cross_entropy, y, h, f"the notebook's example as a batch y = {fmt(y)}, h = {fmt(h)}")
        rng = np.random.default_rng(CHECK_SEED)
        for y, h in _batches(rng, [(1, 6), (2, 5), (3, 4)], "binary"):
            _check_bce_case(binary_cross_entropy, y, h, f"a random batch of shape {y.shape} (n_out, m), 0/1 targets")
        h = rng.uniform(0.02, 0.98, size=(2, 3))
        for target in (1.0, 0.0):
            y = np.full((2, 3), target)
            where = f"a random batch of shape (2, 3) whose targets are all {target:g}"
            _check_bce_case(binary_cross_entropy, y, h, where)
        y = rng.integers(0, 2, size=(2, 3)).astype(float)
        near = np.where(y == 1.0, 1.0 - 1e-6, 1e-6)
        _check_bce_case(binary_cross_entropy, y, near, "a nearly perfect prediction, h within 1e-6 of y, shape (2, 3)")

    return run_check(
        "binary_cross_entropy",
        checks,
        success="right at y = 1 and y = 0, on the notebook's example, on 5 random batches (n_out, m) "
        "and on a nearly perfect prediction",
    )


# --- exercise nb01-gradient-step ------------------------------------------------------------------


def _step(w, b, x, y, alpha, *, sign=-1.0, dz=None, use_x=True, use_sigmoid=True, use_alpha=True):
    """One update with a chosen mistake: what a learner's answer would be."""
    z = float(np.dot(w, x) + b)
    h = sigmoid(z) if use_sigmoid else z
    dz = (h - y) if dz is None else dz(h, y)
    dw = dz * x if use_x else dz * np.ones_like(w)
    rate = alpha if use_alpha else 1.0
    return w + sign * rate * dw, b + sign * rate * dz


def _step_mistakes(w, b, x, y, alpha) -> dict:
    return {
        "the loss went up: the update climbs the gradient. Gradient descent steps against it": _step(
            w, b, x, y, alpha, sign=1.0
        ),
        "dw does not depend on the input x: is the factor x missing? (z depends on w through x)": _step(
            w, b, x, y, alpha, use_x=False
        ),
        "this is the squared error's gradient, with the sigmoid's slope h(1 - h) in it; "
        "for cross-entropy that slope cancels": _step(w, b, x, y, alpha, dz=lambda h, y: 2 * (h - y) * h * (1 - h)),
        "this has the sigmoid's slope h(1 - h) in it; for cross-entropy dL/dz has no such factor": _step(
            w, b, x, y, alpha, dz=lambda h, y: (h - y) * h * (1 - h)
        ),
        "the prediction h must be the sigmoid of z; did you use z itself?": _step(w, b, x, y, alpha, use_sigmoid=False),
        "the step is not scaled by the step size alpha": _step(w, b, x, y, alpha, use_alpha=False),
    }


def _check_step_case(function, w, b, x, y, alpha, where: str) -> None:
    name = "gradient_step"
    result = _learner(function, w, b, x, y, alpha, name=name, where=where)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        what = f"a {type(result).__name__}" + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else "")
        raise Mistake(f"gradient_step should return two things, (w_new, b_new); got {what} (at {where})")
    w_got, b_got = result
    if isinstance(b_got, np.ndarray) and b_got.size == w.size and w.size > 1:
        raise Mistake(
            f"b_new has shape {b_got.shape}, expected one number (at {where}): z = w·x + b is one number, "
            "the weighted sum over all the inputs plus b; did you multiply w and x entry by entry without summing?"
        )
    w_got = as_array(w_got, "w_new", where, w.shape)
    b_got = as_number(b_got, "b_new", where)
    w_right, b_right = _step(w, b, x, y, alpha)
    if close(w_got, w_right) and close(b_got, b_right):
        return
    got = np.append(w_got, b_got)
    mistakes = {hint: np.append(*update) for hint, update in _step_mistakes(w, b, x, y, alpha).items()}
    hint = diagnose(got, mistakes)
    if hint:
        raise Mistake(f"wrong update at {where}{hint}")
    if close(b_got, b) and not close(b_right, b):
        raise Mistake(f"b_new equals b at {where}: the bias was not updated")
    if close(w_got, w) and not close(w_right, w):
        raise Mistake(f"w_new equals w at {where}: the weights were not updated")
    parts = (("w_new", close(w_got, w_right)), ("b_new", close(b_got, b_right)))
    wrong = " and ".join(part for part, ok in parts if not ok)
    precision = precision_hint(got, np.append(w_right, b_right))
    if precision:
        raise Mistake(f"{wrong} wrong at {where}{precision}")
    raise Mistake(f"{wrong} wrong at {where} (not one of the classic mistakes this checker knows)")


def check_gradient_step(gradient_step):
    """Check a learner's ``gradient_step(w, b, x, y, alpha)`` for one sigmoid unit with cross-entropy.

    The unit computes ``h = sigmoid(w·x + b)`` for one example ``x`` of shape
    ``(n_in,)``, with weights ``w`` of shape ``(n_in,)`` and a number ``b``;
    the answer is ``(w_new, b_new)`` after one step of gradient descent.  Tries
    the notebook's example (``n_in = 1``), seeded random units with ``n_in = 3``
    and both targets, and a unit that is already confidently right.

    Returns
    -------
    CheckResult
    """

    def checks():
        _check_step_case(
            gradient_step,
            np.array([-1.0]),
            0.0,
            np.array([2.0]),
            1.0,
            0.5,
            "the notebook's example w = [-1.], b = 0, x = [2.], y = 1, alpha = 0.5",
        )
        rng = np.random.default_rng(CHECK_SEED)
        for target in (0.0, 1.0):
            w, x = rng.normal(size=3), rng.normal(size=3)
            b, alpha = float(rng.normal()), 0.3
            where = f"a random unit with n_in = 3 inputs, y = {target:g}, alpha = 0.3"
            _check_step_case(gradient_step, w, b, x, target, alpha, where)
        x = rng.normal(size=3)
        w = 2.0 * x
        _check_step_case(
            gradient_step, w, 1.0, x, 1.0, 0.1, "a unit that is already confidently right (z > 1, y = 1), alpha = 0.1"
        )

    return run_check(
        "gradient_step",
        checks,
        success="right on the notebook's example, on 2 random units with 3 inputs and on a confidently right unit",
    )

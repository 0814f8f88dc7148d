"""Checkers for the exercises of notebook 02 (the sigmoid network).

* ``check_layer_forward`` - a sigmoid layer on a batch, ``A = sigmoid(W @ X + b)``
* ``check_count_parameters`` - the number of weights and biases of a network
* ``check_stable_sigmoid`` - a sigmoid that does not overflow at ``z = -1000``
* ``check_check_batch`` - an argument check that raises a ``ValueError`` naming the shape

Each prints one verdict and returns a ``CheckResult``; see ``_checking``.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np

from .._validation import is_real_number
from ..activations import sigmoid
from ._checking import Mistake, NotDone, as_array, as_number, call, diagnose, fmt, run_check
from ._hints import consistent_hint, precision_hint

#: The seed's weights and biases, the bias as the (n_out, 1) column a batch needs.
_SEED_W = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
_SEED_B = np.array([[1.0], [2.0]])
#: The notebook's batch: the seed's input first, then three more examples, one per column.
_NOTEBOOK_X = np.array([[1.0, 0.0, 1.0, -2.0], [2.0, 0.0, -1.0, 1.0], [3.0, 0.0, 0.5, 3.0]])


# --------------------------------------------------------------------------- layer_forward


def _layer_cases():
    """``(where, X, W, b)`` for every input the layer_forward checker tries, in order."""
    rng = np.random.default_rng(20260202)
    cases = [
        ("the notebook's batch, X (3, 4), W (2, 3), b (2, 1)", _NOTEBOOK_X, _SEED_W, _SEED_B),
        # m = n_out: a bias added along the examples keeps the right shape here, only its values are wrong
        ("a 2 x 2 batch: m = n_out = 2 examples, n_in = 2", *_random_layer(rng, n_in=2, n_out=2, m=2)),
        # m = 1: the same bias broadcasts into an (n_out, n_out) matrix
        ("one example: X (3, 1), W (2, 3), b (2, 1)", _NOTEBOOK_X[:, :1], _SEED_W, _SEED_B),
    ]
    for n_in, n_out, m in [(4, 3, 5), (1, 5, 7), (6, 1, 3)]:
        X, W, b = _random_layer(rng, n_in, n_out, m)
        cases.append((f"random sizes: X {X.shape}, W {W.shape}, b {b.shape}", X, W, b))
    return cases


def _random_layer(rng, n_in, n_out, m):
    X = rng.normal(size=(n_in, m))
    W = rng.normal(size=(n_out, n_in))
    b = rng.normal(size=(n_out, 1))
    return X, W, b


def _layer_mistakes(X, W, b) -> dict:
    """The classic wrong answers on this input, where they have a shape: hint -> the value they give."""
    Z = W @ X + b
    mistakes = {
        "these are the pre-activations W X + b: did you forget the sigmoid?": Z,
        "did you leave out the bias?": sigmoid(W @ X),
        "did you subtract the bias instead of adding it?": sigmoid(W @ X - b),
    }
    n_out, m = Z.shape
    if m == n_out:
        mistakes[
            "the bias was added along the examples (as a row, shape (n_out,) or (1, n_out)) "
            "instead of to every unit: in column k, unit i must get b_i, not b_k"
        ] = sigmoid(W @ X + b.reshape(1, -1))
        mistakes["A looks transposed: row i must be unit i and column k example k"] = sigmoid(Z.T)
        mistakes["A looks transposed: did you add the bias after transposing W @ X?"] = sigmoid((W @ X).T + b)
    if W.shape[0] == W.shape[1]:
        mistakes["did you multiply by W.T? Row i of W holds the weights into unit i"] = sigmoid(W.T @ X + b)
    if X.shape[0] == X.shape[1] == W.shape[0]:
        mistakes["did you multiply X @ W? The weights come first: W is (n_out, n_in), X is (n_in, m)"] = sigmoid(
            X @ W + b
        )
    return mistakes


def _shape_hint(shape, X, W) -> str:
    n_out, m = W.shape[0], X.shape[1]
    if shape == (m, n_out):
        return ": A looks transposed; row i must be unit i and column k example k"
    if m == 1 and shape == (n_out, n_out):
        return (
            ": with one example, W @ X is an (n_out, 1) column; a bias of shape (n_out,) added to it "
            "broadcasts into an (n_out, n_out) matrix. Keep b as the (n_out, 1) column"
        )
    return ""


def _call_layer(layer_forward, where, X, W, b):
    """The learner's ``layer_forward(X, W, b)``, with a hint when NumPy's shapes did not fit."""
    try:
        return call(layer_forward, X, W, b, name="layer_forward", where=where, copies=False)  # copies of its own
    except Mistake as mistake:
        message = str(mistake)
        if "broadcast" in message:
            message += (
                "; every term must be (n_out, m) or broadcast to it: W @ X is (n_out, m) "
                "and b is an (n_out, 1) column, one bias per unit"
            )
        elif "matmul" in message or "aligned" in message:
            message += "; W is (n_out, n_in) and X is (n_in, m): which product gives (n_out, m)?"
        raise Mistake(message) from None


def _check_layer_forward(layer_forward) -> None:
    for where, X, W, b in _layer_cases():
        inputs = (X.copy(), W.copy(), b.copy())
        got = _call_layer(layer_forward, where, *inputs)
        for name, before, after in zip("XWb", (X, W, b), inputs, strict=True):
            if not np.array_equal(before, after):
                raise Mistake(
                    f"layer_forward changed its argument {name} in place (at {where}); compute a new array instead"
                )
        expected = sigmoid(W @ X + b)
        shape = np.shape(got) if isinstance(got, np.ndarray) else None
        if shape is not None and shape != expected.shape:
            raise Mistake(
                f"A has shape {shape}, expected {expected.shape} = (n_out, m) (at {where}){_shape_hint(shape, X, W)}"
            )
        got = as_array(got, "A", where, expected.shape)
        if not np.allclose(got, expected, rtol=1e-7, atol=1e-12):
            hint = diagnose(got, _layer_mistakes(X, W, b)) or precision_hint(got, expected)
            i, k = np.argwhere(~np.isclose(got, expected, rtol=1e-7, atol=1e-12))[0]
            raise Mistake(f"wrong values at {where}, first at A[{i}, {k}]{hint}")


def check_layer_forward(layer_forward):
    """Check a learner's ``layer_forward(X, W, b)``, a sigmoid layer on a batch.

    Parameters
    ----------
    layer_forward : callable
        Takes ``X`` of shape ``(n_in, m)``, ``W`` of shape ``(n_out, n_in)`` and
        ``b`` of shape ``(n_out, 1)``; should return ``sigmoid(W @ X + b)``, shape ``(n_out, m)``.

    Returns
    -------
    CheckResult
        Tried on the notebook's batch, a 2 x 2 batch (where a bias added along
        the examples still has the right shape), one example (m = 1) and three
        random sizes.
    """
    return run_check(
        "layer_forward",
        lambda: _check_layer_forward(layer_forward),
        success="right shape (n_out, m) and values on the notebook's batch, a 2 x 2 batch, "
        "one example and 3 random sizes",
    )


# --------------------------------------------------------------------------- count_parameters


def _parameter_count(sizes) -> int:
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))


def _count_mistakes(sizes) -> dict:
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    return {
        "did you leave out the biases? Every unit has one": sum(a * b for a, b in pairs),
        "one bias per unit of the layer a weight matrix feeds, not per input": sum(a * b + a for a, b in pairs),
        "the inputs are not units: they have no bias": _parameter_count(sizes) + sizes[0],
        "did you count only the first layer? Every weight matrix and bias counts": pairs[0][0] * pairs[0][1]
        + pairs[0][1],
        "did you multiply (n_in + 1)(n_out + 1)? Only the units have biases": sum((a + 1) * (b + 1) for a, b in pairs),
    }


def _count_answer(count_parameters, sizes):
    """The learner's count for ``sizes`` as an int, or None if it raised or is not a whole number."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = count_parameters(list(sizes))
        return int(got) if is_real_number(got) and float(got).is_integer() else None
    except Exception:  # judged, with its message, when the checker reaches this case
        return None


def _check_count_parameters(count_parameters) -> None:
    rng = np.random.default_rng(20260203)
    cases = [[3, 2], [4, 3, 3, 2], [2, 4, 1], [5, 1]]
    cases += [list(rng.integers(1, 12, size=n)) for n in (2, 3, 5)]
    cases = [[int(n) for n in sizes] for sizes in cases]
    answers = [_count_answer(count_parameters, sizes) for sizes in cases]
    for sizes, got in zip(cases, answers, strict=True):
        where = f"layer_sizes = {sizes}"
        got = call(count_parameters, list(sizes), name="count_parameters", where=where)
        if isinstance(got, (float, np.floating)) and float(got).is_integer():
            got = int(got)
        if not isinstance(got, (numbers.Integral, np.integer)) or isinstance(got, bool):
            raise Mistake(
                f"count_parameters should return a whole number (an int); got {type(got).__name__} (at {where})"
            )
        got = int(as_number(got, "count_parameters", where))
        expected = _parameter_count(sizes)
        if got != expected:
            hint = consistent_hint(answers, [_count_mistakes(case) for case in cases], rtol=0, atol=0)
            direction = "too many" if got > expected else "too few"
            raise Mistake(f"{got} is {direction} at {where}{hint}")


def check_count_parameters(count_parameters):
    """Check a learner's ``count_parameters(layer_sizes)``: every weight and bias of a network.

    Parameters
    ----------
    count_parameters : callable
        Takes a list of layer widths ``[n_in, ..., n_out]`` and should return the
        number of parameters, ``P``: for each layer, ``n_out * n_in`` weights plus ``n_out`` biases.
    """
    return run_check(
        "count_parameters",
        lambda: _check_count_parameters(count_parameters),
        success="right for the seed's [3, 2], networks of 2 to 4 layers and 3 random ones",
    )


# --------------------------------------------------------------------------- stable_sigmoid

#: Where the checker compares the learner's sigmoid with the exact one, to float64 precision.
_SIGMOID_POINTS = np.array(
    [
        0.0,
        0.5,
        -0.5,
        2.0,
        -2.0,
        8.0,
        -8.0,
        20.0,
        -20.0,
        36.0,
        -36.0,
        40.0,
        -40.0,
        100.0,
        -100.0,
        600.0,
        -600.0,
        700.0,
        -700.0,
    ]
)


def _call_recording(stable_sigmoid, z, where):
    """Call the learner's sigmoid; return its result and every warning it raised (overflow, invalid value, ...)."""
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
    ):
        warnings.simplefilter("always")
        got = call(stable_sigmoid, z, name="stable_sigmoid", where=where, copies=False)  # every z is a copy
    return got, caught


def _warning_mistake(caught, where, hint=""):
    first = caught[0]
    return Mistake(f"{first.category.__name__} '{first.message}' (at {where}){hint}")


def _call_quietly(stable_sigmoid, z, where):
    """The learner's result, or a ``Mistake`` naming the first warning it raised."""
    got, caught = _call_recording(stable_sigmoid, z, where)
    if caught:
        raise _warning_mistake(caught, where)
    return got


def _check_no_overflow(stable_sigmoid) -> None:
    """No warning at z = -1000 or at z = 1000; a hint that tells the one-sided formula from np.where."""
    runs = {}
    for z_value in (-1000.0, 1000.0):
        where = f"z = np.array([{z_value:g}])"
        runs[z_value] = (where, *_call_recording(stable_sigmoid, np.array([z_value]), where))
    warned = [z_value for z_value, (_, _, caught) in runs.items() if caught]
    if len(warned) == 2:
        where, _, caught = runs[-1000.0]
        raise _warning_mistake(
            caught,
            where,
            (
                ", and at z = 1000 too: np.where (or any formula that computes both cases for every entry) "
                "evaluates the branch you do not keep, and its exp overflows there"
            ),
        )
    if warned:
        where, _, caught = runs[warned[0]]
        raise _warning_mistake(caught, where, ": exp of a large positive number overflows")
    for where, got, _ in runs.values():
        got = as_array(got, "stable_sigmoid(z)", where, (1,))
        if not (0.0 <= got[0] <= 1.0):
            raise Mistake(f"stable_sigmoid(z) = {got[0]:g} is outside [0, 1] (at {where})")


def _check_no_hidden_overflow(stable_sigmoid) -> None:
    """Between z = -745 and -709 the sigmoid is a tiny float64 (subnormal); an overflowing exp gives exactly 0 there.

    This looks at the value, not at warnings, so an overflow silenced with
    ``np.errstate(over="ignore")`` (or ``warnings``) inside the learner's function is seen too.
    """
    z = np.array([-720.0])
    where = "z = np.array([-720])"
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = as_array(
            call(stable_sigmoid, z.copy(), name="stable_sigmoid", where=where), "stable_sigmoid(z)", where, (1,)
        )
    exact = float(np.exp(-720.0))  # about 2.2e-313: sigma(-720) = e^-720 / (1 + e^-720) = e^-720 in float64
    if got[0] == 0.0:
        raise Mistake(
            f"stable_sigmoid(-720) is exactly 0 (at {where}), but sigma(-720) is about 2e-313, a number float64 "
            "can still hold: exp(720) overflowed to infinity and 1 / (1 + inf) gave 0. Silencing the warning "
            "(np.errstate, warnings.filterwarnings) does not remove the overflow; never exponentiate a large "
            "positive number"
        )
    if not np.isclose(got[0], exact, rtol=1e-6, atol=0.0):
        raise Mistake(f"wrong value at z = -720 (relative error {abs(got[0] - exact) / exact:.1e})")


def _check_stable_sigmoid(stable_sigmoid) -> None:
    _check_no_overflow(stable_sigmoid)
    where = "the points z = " + ", ".join(f"{z:g}" for z in _SIGMOID_POINTS[:5]) + ", ... in one array"
    z = _SIGMOID_POINTS.copy()
    got = as_array(_call_quietly(stable_sigmoid, z, where), "stable_sigmoid(z)", where, z.shape)
    if not np.array_equal(z, _SIGMOID_POINTS):
        raise Mistake(f"stable_sigmoid changed its argument z in place (at {where}); compute a new array")
    outside = (got < 0) | (got > 1)
    if np.any(outside):
        raise Mistake(f"stable_sigmoid({fmt(z[outside][0])}) = {got[outside][0]:g} is outside [0, 1]")
    _check_sigmoid_values(z, got)
    where = "z = [-1000, -800, 800, 1000]"
    tail = np.array([-1000.0, -800.0, 800.0, 1000.0])
    got_tail = as_array(_call_quietly(stable_sigmoid, tail, where), "stable_sigmoid(z)", where, tail.shape)
    if np.any(got_tail[:2] > 1e-300) or np.any(got_tail[2:] != 1.0):
        raise Mistake(
            f"at {where} the sigmoid rounds to 0 and 1 in float64; yours does not "
            "(did you clip z to too small a range?)"
        )
    _check_no_hidden_overflow(stable_sigmoid)
    where = "a (2, 3) array z"
    z2 = np.array([[-3.0, 0.0, 3.0], [-750.0, 1.5, 750.0]])
    got2 = _call_quietly(stable_sigmoid, z2.copy(), where)
    as_array(got2, "stable_sigmoid(z)", where, z2.shape)


def _check_sigmoid_values(z, got) -> None:
    for z_value in (0.5, 2.0, 8.0):
        up, down = got[z == z_value][0], got[z == -z_value][0]
        if not np.isclose(up + down, 1.0, rtol=0.0, atol=1e-12):
            raise Mistake(
                f"not symmetric: stable_sigmoid({z_value:g}) + stable_sigmoid({-z_value:g}) should be 1 "
                f"(as sigma(-z) = 1 - sigma(z)); yours add up to {up + down:.6g}"
            )
    exact = sigmoid(z)
    wrong = ~np.isclose(got, exact, rtol=1e-9, atol=0.0)
    if not np.any(wrong):
        return
    k = int(np.argmax(wrong))
    hint = ""
    values, counts = np.unique(got[(got > 0) & (got < 1)], return_counts=True)
    if np.any(counts > 1):
        hint = (
            ": it gives the same value at different z where the sigmoid still differs in float64. "
            "Did you clip z to too small a range?"
        )
    elif z[k] < 0 and abs(got[k] - exact[k]) < 1e-15:
        hint = (
            ": close in absolute terms but not relative ones. A tiny sigmoid computed as 1 minus "
            "something close to 1 loses its digits; compute it without that subtraction"
        )
    raise Mistake(f"wrong value at z = {z[k]:g} (relative error {abs(got[k] - exact[k]) / exact[k]:.1e}){hint}")


def check_stable_sigmoid(stable_sigmoid):
    """Check a learner's ``stable_sigmoid(z)``: exact to float64 precision, and never a warning.

    Parameters
    ----------
    stable_sigmoid : callable
        Takes a float array ``z`` of any shape and returns ``1 / (1 + exp(-z))``
        entry by entry, same shape, without overflowing for any finite ``z``.

    Notes
    -----
    The learner's function runs under ``warnings.catch_warnings`` with NumPy's
    ``errstate`` set to warn on overflow, division by zero and invalid values
    (not on underflow, which is harmless here), so an overflow inside it is
    seen even when its final result is right. Checked: no warning at ``z = -1000`` and ``1000``,
    results in ``[0, 1]``, relative error below ``1e-9`` from ``-700`` to
    ``700``, exactly 0 and 1 (in float64) far out, and the shape kept.
    """
    return run_check(
        "stable_sigmoid",
        lambda: _check_stable_sigmoid(stable_sigmoid),
        success="no warning at z = -1000 or 1000, no hidden overflow at z = -720, float64-exact from z = -700 to 700, "
        "shape kept",
    )


# --------------------------------------------------------------------------- check_batch


def _batch_cases():
    """``(X, W, valid)``: batches that fit their weights, and ones that do not."""
    rng = np.random.default_rng(20260204)
    W23, W15 = rng.normal(size=(2, 3)), rng.normal(size=(1, 5))
    return [
        (rng.normal(size=(3, 4)), W23, True),
        (rng.normal(size=(3, 1)), W23, True),
        (rng.normal(size=(5, 2)), W15, True),
        (rng.normal(size=(2, 4)), W23, False),
        (rng.normal(size=(4, 3)), W23, False),
        (rng.normal(size=(2, 2)), W15, False),
        (rng.normal(size=3), W23, False),
        (rng.normal(size=(3, 4, 1)), W23, False),
    ]


def _call_check_batch(check_batch, X, W):
    """The exception the learner's ``check_batch`` raised, or ``None``."""
    if not callable(check_batch):
        raise Mistake(f"expected a function check_batch(X, W); got {type(check_batch).__name__}")
    try:
        check_batch(X, W)
    except NotImplementedError as error:
        raise NotDone("check_batch") from error
    except Exception as error:  # what the learner raised is what we check
        return error
    return None


def _check_check_batch(check_batch) -> None:
    for X, W, valid in _batch_cases():
        where = f"X of shape {X.shape}, W of shape {W.shape}"
        error = _call_check_batch(check_batch, X.copy(), W.copy())
        if valid:
            if error is not None:
                raise Mistake(
                    f"raised {type(error).__name__} for a batch that fits ({where}): X must have as "
                    "many rows as W has columns, n_in; did you compare with the wrong axis?"
                )
            continue
        if error is None:
            hint = ": a batch is 2-D, one example per column" if X.ndim != 2 else ""
            raise Mistake(f"accepted {where}, which does not fit{hint}")
        if isinstance(error, AssertionError):
            raise Mistake(
                f"raised AssertionError at {where}: an assert vanishes under python -O and is the "
                "wrong type for a bad argument; raise a ValueError"
            )
        if not isinstance(error, ValueError):
            raise Mistake(f"raised {type(error).__name__} ({error}) at {where}; expected a ValueError")
        message = str(error)
        if str(X.shape) not in message:
            raise Mistake(
                f"the ValueError's message, {message!r}, does not name the shape X has, {X.shape} (at {where})"
            )
        if "X" not in message:
            raise Mistake(f"the ValueError's message, {message!r}, does not name the argument X (at {where})")


def check_check_batch(check_batch):
    """Check a learner's ``check_batch(X, W)``: a ``ValueError`` naming ``X`` and its shape for a bad batch.

    Parameters
    ----------
    check_batch : callable
        Takes ``X`` (meant to be ``(n_in, m)``) and ``W`` of shape ``(n_out, n_in)``;
        should return quietly when ``X`` fits and raise ``ValueError`` naming
        ``X`` and ``X.shape`` when it does not (wrong number of rows, a
        transposed batch, a 1-D or 3-D array).
    """
    return run_check(
        "check_batch",
        lambda: _check_check_batch(check_batch),
        success="3 batches that fit accepted; 5 that do not rejected with a ValueError naming X and its shape",
    )

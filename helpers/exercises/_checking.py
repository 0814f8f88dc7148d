"""The machinery every exercise checker shares.

A checker calls the learner's code on inputs (the notebook's own example and
inputs the learner has not seen), and says what is wrong without giving the
answer away: which input, which property ("negative loss at y = 1, h = 0.3",
"dW1 has shape (2, 4), expected (4, 2)"), never the solution's code or the
expected array.

Conventions, for every checker in ``helpers.exercises``:

* it prints one verdict and returns a ``CheckResult`` (true when the answer
  passes); it never raises for a learner's mistake, so *Run All* goes on;
* ``NotImplementedError`` from the learner's code (nbgrader's stub) means
  "not done yet", and the verdict says what to do;
* any other exception from the learner's code is reported with the input
  that caused it;
* inside a checker, a failed property is signalled by raising ``Mistake``.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from .._validation import is_real_number


class Mistake(Exception):
    """A learner's answer is wrong; the message says what, on which input, not what is right."""


class NotDone(Exception):
    """The learner's code still raises ``NotImplementedError``."""


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one checker.

    Attributes
    ----------
    exercise : str
        The exercise's name, as the notebook shows it.
    status : {"passed", "not done", "wrong"}
    message : str
        What the checker printed.
    """

    exercise: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return self.message

    def _ipython_display_(self) -> None:
        """Show nothing more: the checker has already printed its verdict."""


def run_check(exercise: str, checks, *, success: str = "") -> CheckResult:
    """Run ``checks()``, print the verdict and return it as a ``CheckResult``.

    Parameters
    ----------
    exercise : str
        The exercise's name, e.g. ``"mean_squared_error"``.
    checks : callable
        Takes no argument; raises ``Mistake`` with a message for a wrong
        answer, ``NotDone`` (or lets ``NotImplementedError`` through) for a stub.
    success : str
        Added to the "passed" line, e.g. what was tried.
    """
    try:
        checks()
    except (NotDone, NotImplementedError):
        result = CheckResult(
            exercise,
            "not done",
            f"[not done yet] exercise {exercise}: the exercise cell still raises NotImplementedError. "
            "Replace `raise NotImplementedError()` with your code, run that cell, then run this one again.",
        )
    except Mistake as mistake:
        result = CheckResult(exercise, "wrong", f"[wrong] exercise {exercise}: {mistake}")
    else:
        result = CheckResult(exercise, "passed", f"[passed] exercise {exercise}" + (f": {success}" if success else ""))
    print(result.message)
    return result


def require_answer(value, name: str):
    """Raise ``NotDone`` if ``value`` is still ``None`` (an answer variable the learner has not set)."""
    if value is None:
        raise NotDone(name)
    return value


def call(function, *args, name: str, where: str):
    """Call the learner's ``function(*args)``; report an exception as a ``Mistake`` at ``where``.

    ``NotImplementedError`` becomes ``NotDone``.  ``where`` describes the input,
    e.g. ``"y = 1, h = 0.3"``.
    """
    if not callable(function):
        raise Mistake(f"expected a function {name}(...); got {type(function).__name__}")
    try:
        return function(*args)
    except NotImplementedError as error:
        raise NotDone(name) from error
    except Exception as error:  # the learner's bug, reported with its input
        raise Mistake(f"{name} raised {type(error).__name__}: {error} (at {where})") from None


def as_number(value, name: str, where: str) -> float:
    """The learner's result as a finite float, or a ``Mistake`` that says what it was instead."""
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(()).item()
    if not is_real_number(value):
        raise Mistake(f"{name} should return one number; got {_describe(value)} (at {where})")
    value = float(value)
    if not np.isfinite(value):
        raise Mistake(f"{name} returned {value} (at {where}); expected a finite number")
    return value


def call_for_number(function, *args, name: str, where: str) -> float:
    """``function(*args)`` called as by ``call``, its result checked by ``as_number``."""
    return as_number(call(function, *args, name=name, where=where), name, where)


def as_array(value, name: str, where: str, shape: tuple) -> np.ndarray:
    """The learner's result as a finite float array of ``shape``, or a ``Mistake`` naming the difference."""
    if not isinstance(value, (np.ndarray, list, tuple, numbers.Real)) or isinstance(value, bool):
        raise Mistake(f"{name} should be an array of shape {shape}; got {_describe(value)} (at {where})")
    array = np.asarray(value, dtype=float) if _is_numeric(value) else None
    if array is None:
        raise Mistake(f"{name} should be an array of numbers of shape {shape}; got {_describe(value)} (at {where})")
    if array.shape != shape:
        hint = " (transposed?)" if array.shape == shape[::-1] and len(shape) == 2 and shape[0] != shape[1] else ""
        raise Mistake(f"{name} has shape {array.shape}, expected {shape}{hint} (at {where})")
    if not np.all(np.isfinite(array)):
        raise Mistake(f"{name} contains NaN or infinity (at {where})")
    return array


def _is_numeric(value) -> bool:
    try:
        array = np.asarray(value)
    except ValueError:
        return False
    return (
        array.dtype != object
        and (np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.bool_))
        and not np.issubdtype(array.dtype, np.complexfloating)
    )


def _describe(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"{type(value).__name__}"


def close(got, expected, *, rtol: float = 1e-7, atol: float = 1e-12) -> bool:
    """Whether ``got`` matches ``expected`` to the tolerance; NaN or inf never matches."""
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    if got.shape != expected.shape or not (np.all(np.isfinite(got)) and np.all(np.isfinite(expected))):
        return False
    return bool(np.allclose(got, expected, rtol=rtol, atol=atol))


def diagnose(got, mistakes: dict, *, rtol: float = 1e-7, atol: float = 1e-12) -> str:
    """Name the classic mistake ``got`` matches, if any: ``mistakes`` maps a hint to the value that mistake gives.

    Returns ``": <hint>"`` for the first match, or ``""``.  A hint says what went
    wrong ("did you sum instead of averaging?"), never what is right.
    """
    for hint, wrong_value in mistakes.items():
        if close(got, wrong_value, rtol=rtol, atol=atol):
            return f": {hint}"
    return ""


def fmt(value) -> str:
    """A short, readable rendering of an input, for the ``where`` of a message."""
    if isinstance(value, np.ndarray):
        if value.size <= 6:
            return np.array2string(value, precision=3, separator=", ", suppress_small=True).replace("\n", "")
        return f"an array of shape {value.shape}"
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value)


def compare_prediction(guess, actual, *, what: str, tolerance: float | None = None, unit: str = "") -> bool | None:
    """Print how a learner's prediction compares with the measured value, and return whether it was right.

    Parameters
    ----------
    guess : number, str or None
        The learner's prediction; ``None`` if they have not made one.
    actual : number or str
        What the notebook measured.
    what : str
        What was predicted, e.g. ``"the ratio sum / mean"``.
    tolerance : float, optional
        For numbers: a guess within ``tolerance`` (relative) counts as right.
        Without it, numbers must be equal.
    unit : str
        Appended to numbers when printed.

    Returns
    -------
    bool or None
        ``None`` when there was no prediction.
    """
    shown = f"{actual:g}{unit}" if isinstance(actual, numbers.Real) else str(actual)
    if guess is None:
        print(
            f"You made no prediction for {what}. The measured value is {shown}. "
            "Next time, write your guess in the prediction cell just above before running this one."
        )
        return None
    if isinstance(actual, numbers.Real):
        try:
            guess_value = float(guess)
        except (TypeError, ValueError):
            print(f"Your prediction for {what} should be a number; got {guess!r}. The measured value is {shown}.")
            return False
        right = guess_value == actual if tolerance is None else abs(guess_value - actual) <= tolerance * abs(actual)
        verdict = "right" if right else "not quite"
        print(f"You predicted {guess_value:g}{unit} for {what}; measured: {shown}. {verdict.capitalize()}.")
        return right
    right = str(guess).strip().lower() == str(actual).strip().lower()
    print(f"You predicted {guess!r} for {what}; the answer is {shown!r}. {'Right' if right else 'Not quite'}.")
    return right

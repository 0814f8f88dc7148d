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

What the learner's code does cannot fool or break a checker (``run_check``
and ``call`` see to it for every checker):

* the learner's function gets *copies* of the checker's arrays, lists and
  dicts (``learner_copy``); the checker computes what is right from its own,
  so an answer that sorts or overwrites its inputs changes nothing but its
  own verdict;
* whatever the function returns (``10**400``, ``np.timedelta64``, strings,
  objects, huge arrays) gets a verdict: ``as_number`` and ``as_array`` turn
  anything that is not a finite number or array of the expected shape into a
  ``Mistake``, and an exception the checker itself hits on an odd value
  becomes a verdict too, never a traceback;
* the checker and the learner's code run under NumPy's default
  floating-point settings (``DEFAULT_ERRSTATE``), whatever ``np.seterr`` the
  learner set, so a verdict never depends on it;
* Ctrl-C (``KeyboardInterrupt``) propagates, also out of the course's
  training helpers (``helpers._progress.interruptions_propagate``): a run cut
  short is never judged.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from .._progress import interruptions_propagate
from .._validation import describe_huge_int, is_real_number

#: NumPy's own defaults (``np.geterr()`` in a fresh interpreter): every checker runs under them.
DEFAULT_ERRSTATE = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}

#: The most entries a checker converts from a learner's result; more is never a right answer here.
MAX_ANSWER_ENTRIES = 10_000_000


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

    ``checks()`` runs under ``DEFAULT_ERRSTATE`` and ``interruptions_propagate()``.
    ``KeyboardInterrupt`` (and ``SystemExit``) propagate; any other exception is
    turned into a verdict, so an odd answer never ends in a traceback.
    """
    try:
        with np.errstate(**DEFAULT_ERRSTATE), interruptions_propagate():
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
    except Exception as error:  # an answer so odd that judging it failed: still a verdict, never a traceback
        result = CheckResult(
            exercise,
            "wrong",
            f"[wrong] exercise {exercise}: the checker could not judge what your code returned "
            f"({type(error).__name__}: {_shorten(str(error))}); return the kind of value the exercise asks for",
        )
    else:
        result = CheckResult(exercise, "passed", f"[passed] exercise {exercise}" + (f": {success}" if success else ""))
    print(result.message)
    return result


def require_answer(value, name: str):
    """Raise ``NotDone`` if ``value`` is still ``None`` (an answer variable the learner has not set)."""
    if value is None:
        raise NotDone(name)
    return value


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def learner_copy(value):
    """A copy of ``value`` for the learner's code: arrays, lists, tuples and dicts are copied, all the way down.

    Anything else (numbers, strings, functions, a counting loss) is passed as it
    is.  The checker keeps the original, so what the learner's code does to
    its arguments never changes what the checker expects.
    """
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [learner_copy(item) for item in value]
    if isinstance(value, tuple):
        return tuple(learner_copy(item) for item in value)
    if isinstance(value, dict):
        return {key: learner_copy(item) for key, item in value.items()}
    return value


def call(function, *args, name: str, where: str, copies: bool = True):
    """Call the learner's ``function(*args)``; report an exception as a ``Mistake`` at ``where``.

    ``NotImplementedError`` becomes ``NotDone``.  ``where`` describes the input,
    e.g. ``"y = 1, h = 0.3"``.  The function gets ``learner_copy`` of every
    argument; ``copies=False`` passes them as they are, for a checker that
    made its own copies to see whether the function changed them in place.
    ``KeyboardInterrupt`` propagates.
    """
    if not callable(function):
        raise Mistake(f"expected a function {name}(...); got {describe(function)}")
    if copies:
        args = tuple(learner_copy(arg) for arg in args)
    try:
        return function(*args)
    except NotImplementedError as error:
        raise NotDone(name) from error
    except Exception as error:  # the learner's bug, reported with its input
        raise Mistake(f"{name} raised {type(error).__name__}: {error} (at {where})") from None


def as_number(value, name: str, where: str) -> float:
    """The learner's result as a finite float, or a ``Mistake`` that says what it was instead.

    A one-entry array counts as its entry.  Integers too large for float64
    (``10**400``), NaN, infinity, strings, ``np.timedelta64``, complex numbers
    and anything else that is not one real number are each a ``Mistake``.
    """
    if isinstance(value, np.ndarray) and value.size == 1 and _is_numeric(value):
        value = value.reshape(()).item()
    if not is_real_number(value):
        raise Mistake(f"{name} should return one number; got {describe(value)} (at {where})")
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        number = math.inf  # an int past float64's range
    if not math.isfinite(number):
        shown = describe_huge_int(int(value)) if isinstance(value, numbers.Integral) else number
        raise Mistake(f"{name} returned {shown} (at {where}); expected a finite number")
    return number


def call_for_number(function, *args, name: str, where: str) -> float:
    """``function(*args)`` called as by ``call``, its result checked by ``as_number``."""
    return as_number(call(function, *args, name=name, where=where), name, where)


def as_array(value, name: str, where: str, shape: tuple) -> np.ndarray:
    """The learner's result as a finite float array of ``shape``, or a ``Mistake`` naming the difference."""
    if not isinstance(value, (np.ndarray, list, tuple)) and not is_real_number(value):
        raise Mistake(f"{name} should be an array of shape {shape}; got {describe(value)} (at {where})")
    if isinstance(value, np.ndarray) and value.shape != shape and value.size > MAX_ANSWER_ENTRIES:
        raise Mistake(f"{name} has shape {value.shape}, expected {shape} (at {where})")
    array = _as_float_array(value) if _is_numeric(value) else None
    if array is None:
        raise Mistake(f"{name} should be an array of numbers of shape {shape}; got {describe(value)} (at {where})")
    if array.shape != shape:
        hint = " (transposed?)" if array.shape == shape[::-1] and len(shape) == 2 and shape[0] != shape[1] else ""
        raise Mistake(f"{name} has shape {array.shape}, expected {shape}{hint} (at {where})")
    if not np.all(np.isfinite(array)):
        raise Mistake(f"{name} contains NaN or infinity (at {where})")
    return array


def _as_float_array(value):
    """``value`` as a float64 array, or ``None`` if it has too many entries or an int past float64's range."""
    try:
        array = np.asarray(value, dtype=float)
    except (OverflowError, TypeError, ValueError, MemoryError):
        return None
    return array if array.size <= MAX_ANSWER_ENTRIES else None


def _is_numeric(value) -> bool:
    """Whether ``value`` is a real number or a rectangular array of them (bool, int or float; no dates, no objects)."""
    if isinstance(value, np.ndarray):
        dtype = value.dtype
    else:
        if isinstance(value, (list, tuple)) and len(value) > MAX_ANSWER_ENTRIES:
            return False
        try:
            dtype = np.asarray(value).dtype
        except (ValueError, TypeError, OverflowError, RecursionError, MemoryError):
            return False
    return dtype.kind in "biuf"  # bool, int, unsigned, float: not complex, times, strings or objects


def as_array_or_none(value, max_entries: int = MAX_ANSWER_ENTRIES):
    """``value`` as a finite float64 array with at most ``max_entries`` entries, or ``None`` (never an error)."""
    if not isinstance(value, (np.ndarray, list, tuple)) or not _is_numeric(value):
        return None
    if isinstance(value, np.ndarray) and value.size > max_entries:
        return None
    array = _as_float_array(value)
    if array is None or array.size == 0 or array.size > max_entries or not np.all(np.isfinite(array)):
        return None
    return array


def is_numeric(value) -> bool:
    """Whether ``value`` is a real number or an array of them (never an error, whatever ``value`` is)."""
    return _is_numeric(value)


def is_finite_numbers(value) -> bool:
    """Whether ``value`` is a number or an array of numbers, all finite; ``False`` for anything else, never an error."""
    if not _is_numeric(value) or (not isinstance(value, (np.ndarray, list, tuple)) and not is_real_number(value)):
        return False
    array = _as_float_array(value)
    return array is not None and bool(np.all(np.isfinite(array)))


def describe(value) -> str:
    """What ``value`` is, in a few words (a type and shape, never its repr, which learner code could break)."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, str):
        return f"the string {_shorten(repr(value), 40)}"
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and not isinstance(value, np.timedelta64):
        return f"int {value}" if abs(int(value)) < 10**20 else describe_huge_int(int(value))
    return f"{type(value).__name__}"


def close(got, expected, *, rtol: float = 1e-7, atol: float = 1e-12) -> bool:
    """Whether ``got`` matches ``expected`` to the tolerance; NaN or inf never matches, nor does a non-number."""
    if not (_is_numeric(got) and _is_numeric(expected)):
        return False
    got, expected = _as_float_array(got), _as_float_array(expected)
    if got is None or expected is None or got.shape != expected.shape:
        return False
    if not (np.all(np.isfinite(got)) and np.all(np.isfinite(expected))):
        return False
    with np.errstate(all="ignore"):  # |got - expected| may overflow: then it is simply not close
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
        guess_value = _prediction_number(guess)
        if guess_value is None:
            print(
                f"Your prediction for {what} should be a finite number; got {describe(guess)}. "
                f"The measured value is {shown}."
            )
            return False
        with np.errstate(all="ignore"):
            right = guess_value == actual if tolerance is None else abs(guess_value - actual) <= tolerance * abs(actual)
        verdict = "right" if right else "not quite"
        print(f"You predicted {guess_value:g}{unit} for {what}; measured: {shown}. {verdict.capitalize()}.")
        return bool(right)
    try:
        guess_text = str(guess)
    except Exception:  # an object whose __str__ fails is not a prediction
        guess_text = None
    if not isinstance(guess, (str, numbers.Real)) or guess_text is None:
        print(
            f"Your prediction for {what} should be a word or a number; got {describe(guess)}. The answer is {shown!r}."
        )
        return False
    right = guess_text.strip().lower() == str(actual).strip().lower()
    print(
        f"You predicted {_shorten(guess_text, 60)!r} for {what}; the answer is {shown!r}. "
        f"{'Right' if right else 'Not quite'}."
    )
    return right


def _prediction_number(guess) -> float | None:
    """A prediction as a finite float (a number, or a string such as ``"2.5"``), or ``None`` if it is not one."""
    if isinstance(guess, str):
        try:
            number = float(guess.strip())
        except ValueError:
            return None
    elif is_real_number(guess):
        try:
            number = float(guess)
        except (OverflowError, TypeError, ValueError):
            return None
    else:
        return None
    return number if math.isfinite(number) else None

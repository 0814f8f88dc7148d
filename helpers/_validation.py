"""Input checks shared by every public helper.

Each function either returns a clean value or raises a ``TypeError`` /
``ValueError`` whose message names the argument, what it received and what
was expected.  They exist so that no helper relies on a bare ``assert``,
lets NumPy broadcast two mismatched arrays, or hands a NaN back to a student.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_float_array(value, name: str) -> np.ndarray:
    """Return ``value`` as a finite, non-empty float64 array.

    Parameters
    ----------
    value : array_like
        Numbers: a scalar, a list or an ndarray of bool, int or float.
    name : str
        The argument's name, used in error messages.

    Returns
    -------
    numpy.ndarray
        A float64 copy (or view) of ``value`` with the same shape.

    Raises
    ------
    TypeError
        If ``value`` is not numeric (strings, objects, complex numbers, None),
        or is a masked array or an ``np.matrix``: a mask would be silently
        dropped, and a matrix's ``*`` means a matrix product.
    ValueError
        If ``value`` is empty, ragged, or contains NaN or infinity.
    """
    _reject_array_subclasses(value, name)
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers; got {_short_repr(value)}") from error
    if array.dtype == object:
        array = _object_numbers(array, name)
    if array.dtype.kind not in "biuf":  # bool, int, unsigned, float: not complex, times, strings or objects
        raise TypeError(
            f"{name} must hold real numbers (bool, int or float); got dtype {array.dtype} from {type(value).__name__}"
        )
    if array.size == 0:
        raise ValueError(f"{name} must not be empty; got shape {array.shape}")
    array = array.astype(np.float64, copy=False)
    if not np.all(np.isfinite(array)):
        bad = array[~np.isfinite(array)][0]
        raise ValueError(f"{name} must be finite; got {bad} among its {array.size} entries")
    return array


def _object_numbers(array: np.ndarray, name: str) -> np.ndarray:
    """An object array of real numbers (ints past int64, such as ``10**20``) as float64; anything else unchanged.

    Raises ``ValueError`` naming ``name`` for an int too large for float64 (``10**400``).
    """
    if array.size == 0 or not all(is_real_number(item) for item in array.flat):
        return array
    try:
        return array.astype(np.float64)
    except OverflowError as error:
        raise ValueError(f"{name} holds an int too large for float64 (about 1.8e308 at most)") from error


def _reject_array_subclasses(value, name: str) -> None:
    """Raise ``TypeError`` for a masked array or an ``np.matrix``, naming ``name``."""
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(
            f"{name} is a numpy masked array; the helpers do not support masks (NumPy would silently "
            "use the hidden entries): pass a plain ndarray, e.g. value.compressed() or value.filled(...)"
        )
    if isinstance(value, np.matrix):
        raise TypeError(f"{name} is an np.matrix; pass a plain ndarray instead, e.g. np.asarray({name})")


def check_same_shape(y: np.ndarray, h: np.ndarray, y_name: str = "y", h_name: str = "h") -> None:
    """Raise ``ValueError`` unless ``y`` and ``h`` have exactly the same shape.

    NumPy would silently broadcast, say, a ``(2, 1)`` prediction against a
    ``(2,)`` target into a ``(2, 2)`` matrix of differences; a loss must
    compare entry with entry instead.
    """
    if y.shape == h.shape:
        return
    hint = ""
    if _broadcastable(y.shape, h.shape):
        hint = (
            f"; NumPy would broadcast them into a {np.broadcast_shapes(y.shape, h.shape)} "
            "array and compare every entry with every other"
        )
    raise ValueError(
        f"{h_name} has shape {h.shape} but {y_name} has shape {y.shape}; they must have the same shape{hint}"
    )


def _broadcastable(a: tuple, b: tuple) -> bool:
    try:
        np.broadcast_shapes(a, b)
    except ValueError:
        return False
    return True


def check_in_unit_interval(array: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` unless every entry of ``array`` lies in ``[0, 1]``."""
    outside = (array < 0) | (array > 1)
    if np.any(outside):
        raise ValueError(
            f"{name} must lie in [0, 1]; got {array[outside][0]} "
            f"({np.count_nonzero(outside)} of {array.size} entries outside)"
        )


def check_positive_number(value, name: str) -> float:
    """Return ``value`` as a float, raising unless it is a finite number > 0 (subnormals included)."""
    value = _real_number(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be a finite number greater than 0; got {value}")
    return value


def check_non_negative_number(value, name: str) -> float:
    """Return ``value`` as a float, raising unless it is a finite number >= 0; ``-0.0`` is returned as ``0.0``.

    NumPy refuses a negative zero where it wants a non-negative number
    (``rng.normal(scale=-0.0)``: "scale < 0"), so it never leaves here.
    """
    value = _real_number(value, name)
    if value < 0:
        raise ValueError(f"{name} must be a finite number >= 0; got {value}")
    return value + 0.0  # -0.0 + 0.0 is +0.0


#: The most entries an array a helper makes may have: 2**25, 256 MiB of float64.  A larger
#: request is refused by name before anything is allocated (rather than a MemoryError, or a
#: kernel that swaps for minutes).
MAX_ARRAY_ENTRIES = 2**25


def check_allocation(entries: int, what: str, names: str) -> None:
    """Raise ``ValueError`` naming ``names`` if an array of ``entries`` entries would exceed ``MAX_ARRAY_ENTRIES``.

    ``entries`` is a Python int (exact, whatever its size); ``what`` says what
    would be made, ``names`` which arguments set its size.
    """
    if entries > MAX_ARRAY_ENTRIES:
        size = f"{entries * 8 / 2**30:,.3g} GiB" if entries < 10**30 else "more memory than any machine has"
        raise ValueError(
            f"{names} ask for {what} of {_show_int(entries)} entries, {size} of float64; "
            f"the helpers make at most {MAX_ARRAY_ENTRIES:,} (helpers._validation.MAX_ARRAY_ENTRIES)"
        )


def is_real_number(value) -> bool:
    """Whether ``value`` is one real number (an int, float or NumPy scalar), not a bool and not a time.

    ``np.timedelta64`` and ``np.datetime64`` count as integers in Python's
    number tower, but a duration is not a number a helper can compute with.
    """
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.timedelta64, np.datetime64))


def is_int(value) -> bool:
    """Whether ``value`` is one whole number (a Python or NumPy int), not a bool and not an ``np.timedelta64``."""
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.timedelta64))


def _real_number(value, name: str) -> float:
    if not is_real_number(value):
        raise TypeError(f"{name} must be a real number; got {_short_repr(value)} of type {type(value).__name__}")
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(
            f"{name} must be a finite number; got {describe_huge_int(int(value))}, too large for float64"
        ) from None
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}")
    return value


def describe_huge_int(value: int) -> str:
    """``"an int of about 401 digits"``: without ``str(value)``, which Python refuses past 4,300 digits."""
    digits = int(abs(value).bit_length() * 0.30103) + 1
    return f"an int of about {digits:,} digits"


def _show_int(value: int) -> str:
    """An int with thousands separators, ``1,000,001``, or its size if it is huge."""
    return f"{value:,}" if abs(value) < 10**30 else describe_huge_int(value)


def _short_repr(value, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters (an argument may be a huge array or a huge int)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**30:
        return describe_huge_int(value)
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not hide the real error
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_positive_int(value, name: str) -> int:
    """Return ``value`` as an int, raising unless it is a whole number >= 1."""
    if not is_int(value):
        raise TypeError(f"{name} must be an int; got {_short_repr(value)} of type {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1; got {value}")
    return int(value)


def check_int_in_range(value, name: str, low: int, high: int) -> int:
    """Return ``value`` as an int, raising unless it is a whole number in ``[low, high]``."""
    if not is_int(value):
        raise TypeError(f"{name} must be an int; got {_short_repr(value)} of type {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be an int from {low:,} to {high:,}; got {_show_int(value)}")
    return int(value)


def check_number_in_range(value, name: str, low: float, high: float) -> float:
    """Return ``value`` as a float, raising unless it is a finite number in ``[low, high]``."""
    value = _real_number(value, name)
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in [{low:g}, {high:g}]; got {value:g}")
    return value


def check_choice(value, name: str, choices: tuple) -> str:
    """Return ``value`` unless it is not one of ``choices``."""
    if not isinstance(value, str) or value not in choices:
        expected = " or ".join(repr(choice) for choice in choices)
        raise ValueError(f"{name} must be {expected}; got {_short_repr(value)}")
    return value


#: The most epochs a training run (``gradient_descent``, ``layer_gradient_descent``,
#: ``hot_and_cold``, ``hot_and_cold_two_layer``) accepts: a larger number is more
#: likely a typo than a plan, and would keep the kernel busy for hours.
MAX_EPOCHS = 1_000_000


def check_epochs(value, name: str = "epochs") -> int:
    """Return ``value`` as an int, raising unless ``1 <= value <= MAX_EPOCHS``."""
    value = check_positive_int(value, name)
    if value > MAX_EPOCHS:
        raise ValueError(f"{name} must be at most {MAX_EPOCHS:,} (helpers.MAX_EPOCHS); got {_show_int(value)}")
    return value


def check_seed(seed, name: str = "seed") -> np.random.Generator:
    """Return a ``numpy.random.Generator`` for ``seed``: an int >= 0, or a Generator (returned as is).

    Raises ``TypeError`` for anything else (floats, bools, strings, None, a
    ``RandomState``) and ``ValueError`` for a negative int, naming ``name``.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if not is_int(seed):
        raise TypeError(
            f"{name} must be an int >= 0 or a numpy.random.Generator; got {_short_repr(seed)} "
            f"of type {type(seed).__name__}"
        )
    if seed < 0:
        raise ValueError(f"{name} must be an int >= 0 or a numpy.random.Generator; got {_show_int(seed)}")
    return np.random.default_rng(int(seed))


def check_int_seed(seed, name: str = "seed") -> int:
    """Return ``seed`` as an int, raising unless it is an int >= 0 (a Generator is refused too).

    For a helper that must rebuild the same random numbers again and again,
    which a Generator, drawn from at every call, would not give.
    """
    if not is_int(seed):
        raise TypeError(f"{name} must be an int >= 0; got {_short_repr(seed)} of type {type(seed).__name__}")
    if seed < 0:
        raise ValueError(f"{name} must be an int >= 0; got {_show_int(seed)}")
    return int(seed)


class MagnitudeError(ValueError):
    """Finite inputs whose result overflows float64 (e.g. weights of 1e308 in a layer).

    A ``ValueError``: the message names the arguments that are too large.
    """


class TrainingDiverged(ArithmeticError):
    """A training run's loss or parameters left the float64 range (the step was too large).

    Attributes
    ----------
    epoch : int
        The epoch (1-based) whose update or loss was not finite.
    losses : numpy.ndarray
        The finite losses recorded before it, as the run would have returned them.
    """

    def __init__(self, message: str, *, epoch: int, losses):
        super().__init__(message)
        self.epoch = epoch
        self.losses = np.asarray(losses, dtype=float)


def finite_mean(values: np.ndarray) -> float:
    """The mean of ``values`` (finite or +inf entries), +inf only when the true mean exceeds float64.

    ``np.mean`` sums first, so two entries of 1e308 overflow although their mean
    is 1e308; that case is recomputed as a sum of ``values / N``.  Ordinary
    values take the ordinary path, bit for bit.
    """
    with np.errstate(over="ignore"):
        mean = float(np.mean(values))
        if np.isinf(mean) and np.all(np.isfinite(values)):
            mean = float(np.sum(values / values.size))
    return mean

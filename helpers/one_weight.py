r"""Hot and cold with one weight: the smallest problem on which the rules differ.

The network is one weight and no activation, as in chapter 4 of *Grokking
Deep Learning*: the prediction is :math:`h = x w` and the loss the squared
error against the target :math:`y`,

.. math:: L(w) = (x w - y)^2, \qquad \frac{dL}{dw} = 2 x (x w - y).

Two hot-and-cold rules nudge :math:`w` by :math:`\pm s`:

* ``rule="always"`` (Grokking's loop): compare :math:`L(w + s)` with
  :math:`L(w - s)` and always move to the better one, even when it is worse
  than :math:`L(w)` itself; next to the goal it steps off and back again.
* ``rule="if_better"`` (the seed's ``train``): move to the better nudge only
  if it beats :math:`L(w)`; next to the goal it stops for good.

Both stay put when the two nudges tie.  The two nudges also hold a slope:
:math:`(L(w + s) - L(w - s)) / 2s` is the central difference with
:math:`\varepsilon = s` (``nudge_slope``), and ``descend`` uses it with its
size, :math:`w \leftarrow w - \alpha\,\text{slope}`.

Every function takes plain numbers (``w`` may be an array in ``loss`` and
``loss_derivative``) and raises ``TypeError`` / ``ValueError`` naming the
argument for bad input.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._validation import _real_number, _short_repr, as_float_array, check_choice, check_epochs, check_positive_number

#: The two hot-and-cold rules: Grokking's loop, and the seed's ``train``.
RULES = ("always", "if_better")


@dataclass(frozen=True)
class OneWeightRun:
    """The record of a one-weight run.

    Attributes
    ----------
    weights : numpy.ndarray, shape (iterations + 1,)
        ``weights[0]`` is the start, ``weights[t]`` the weight after iteration ``t``.
    losses : numpy.ndarray, shape (iterations + 1,)
        ``loss(weights[t], x=x, y=y)`` for every ``t``.
    """

    weights: np.ndarray
    losses: np.ndarray


def _numbers(**values) -> list:
    return [_real_number(value, name) for name, value in values.items()]


def _loss(w, x: float, y: float):
    error = x * w - y
    return error * error


def loss(w, *, x, y):
    r"""The squared error :math:`L(w) = (x w - y)^2` of the prediction :math:`h = x w`.

    Parameters
    ----------
    w : float or array_like, any shape
        The weight, or several weights to evaluate at once.
    x : float
        The input.
    y : float
        The target (Grokking's ``goal_prediction``).

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``w``, else an array of ``w``'s shape.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite real number (``w``: not an array of them).

    Examples
    --------
    >>> loss(0.5, x=0.5, y=0.8)
    0.30250000000000005
    """
    x, y = _numbers(x=x, y=y)
    w = as_float_array(w, "w")
    with np.errstate(over="ignore", invalid="ignore"):
        value = _loss(w, x, y)
    return _scalar_or_array(_finite(value, "the loss", x=x, y=y))


def loss_derivative(w, *, x, y):
    r"""The derivative :math:`dL/dw = 2 x (x w - y)` of ``loss``.

    Parameters and raises as for ``loss``.

    Examples
    --------
    >>> loss_derivative(0.5, x=0.5, y=0.8)
    -0.55
    """
    x, y = _numbers(x=x, y=y)
    w = as_float_array(w, "w")
    with np.errstate(over="ignore", invalid="ignore"):
        value = 2.0 * x * (x * w - y)
    return _scalar_or_array(_finite(value, "the derivative", x=x, y=y))


def _scalar_or_array(array: np.ndarray):
    return float(array) if array.ndim == 0 else array


def _finite(value, what: str, **inputs):
    """Return ``value`` unless it overflowed (inf) or cancelled into NaN; then a ``ValueError`` naming the inputs."""
    if not np.all(np.isfinite(value)):
        given = ", ".join(f"{name} = {inputs[name]:g}" for name in inputs)
        raise ValueError(f"{what} overflows at {given}: these numbers are too large for float64")
    return value


def _checked_problem(w, x, y, s) -> tuple:
    """``w``, ``x``, ``y`` as finite floats and the nudge ``s`` as a float > 0, or the error naming the bad one."""
    w, x, y = _numbers(w=w, x=x, y=y)
    return w, x, y, check_positive_number(s, "s")


def _nudge_slope(w: float, x: float, y: float, s: float) -> float:
    r"""The central difference of the loss at ``w`` with step ``s``, unchecked, as a difference of squares.

    With the errors :math:`e_\pm = x (w \pm s) - y` at the two nudges,
    :math:`L(w+s) - L(w-s) = e_+^2 - e_-^2 = (e_+ - e_-)(e_+ + e_-) = 2 x s\,(e_+ + e_-)`,
    so the slope is :math:`x (e_+ + e_-)`: no two nearly equal losses are
    subtracted, and no digit is lost however small ``s`` is.
    """
    return x * ((x * (w + s) - y) + (x * (w - s) - y))


def nudge_slope(w, *, x, y, s):
    r"""The slope hidden in hot and cold's two nudges: :math:`\frac{L(w + s) - L(w - s)}{2 s}`.

    It is the central difference with finite-difference step
    :math:`\varepsilon = s`.  For this loss, a parabola, it equals the
    derivative up to rounding for every ``s`` up to about :math:`10^{15} |w|`:
    it is computed from the two nudges' errors :math:`e_\pm = x (w \pm s) - y`
    as :math:`x (e_+ + e_-)`, which is :math:`(e_+^2 - e_-^2) / 2s` without
    subtracting two nearly equal losses.  (Subtracting the two losses
    themselves, as a hot-and-cold run compares them, loses about
    :math:`\log_{10}(L / (s |dL/dw|))` of float64's 16 digits, and all of them
    for an ``s`` below ``w``'s float64 resolution, where :math:`w \pm s` round
    to :math:`w`; this function keeps its promise there too.)

    Where it stops: the rounding error, relative, is about
    :math:`10^{-16}\, s / r` with :math:`r = \max(|w|, |y / x|)`, the scale
    of the problem.  For an ``s`` past :math:`2^{40} r` (an error past
    :math:`10^{-4}`) float64's :math:`w \pm s` keep too few digits of
    :math:`w` and :math:`y` to give a slope, and it raises ``ValueError``
    naming ``s`` rather than return a wrong number (0 at ``s = 1e100``).

    Parameters
    ----------
    w, x, y : float
        The weight, the input, the target.
    s : float
        The nudge, > 0.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite real number (``10**400`` included), or
        ``s <= 0``, or ``s`` is past ``2**40`` times the problem's scale (see
        above), or the slope overflows float64.

    Examples
    --------
    >>> nudge_slope(0.5, x=0.5, y=0.8, s=1e-300)  # w + s rounds to w: still the derivative
    -0.55
    >>> round(nudge_slope(0.5, x=0.5, y=0.8, s=0.001), 12)
    -0.55
    """
    w, x, y, s = _checked_problem(w, x, y, s)
    _check_nudge_scale(w, x, y, s)
    return _finite(_nudge_slope(w, x, y, s), "the slope", w=w, x=x, y=y, s=s)


#: ``nudge_slope`` refuses a nudge more than this many times the problem's scale, max(|w|, |y / x|).
MAX_NUDGE_SCALE = 2.0**40


def _check_nudge_scale(w: float, x: float, y: float, s: float) -> None:
    """Raise ``ValueError`` naming ``s`` if it is so large that ``w ± s`` keep too few digits of ``w`` and ``y``."""
    if x == 0:
        return  # the loss is y**2 whatever w: the slope, 0, is exact
    scale = max(abs(w), abs(y / x))
    if scale > 0 and s > MAX_NUDGE_SCALE * scale:
        raise ValueError(
            f"s = {s:g} is more than 2**40 times max(|w|, |y / x|) = {scale:g}: float64's w + s and w - s keep "
            "too few digits of w and y to give a slope; use a smaller nudge"
        )


def step(w, *, x, y, s, rule):
    """One hot-and-cold iteration on one weight: the new weight.

    Parameters
    ----------
    w, x, y : float
        The weight, the input, the target.
    s : float
        The nudge, > 0.
    rule : {"always", "if_better"}
        ``"always"`` moves to the better of ``w + s`` and ``w - s`` (Grokking's
        loop); ``"if_better"`` does so only if that nudge's loss is below
        the loss at ``w`` (the seed's ``train``).  On a tie between the two
        nudges neither rule moves.

    Returns
    -------
    float
        ``w + s``, ``w - s`` or ``w``.

    Raises
    ------
    TypeError, ValueError
        If a number is not finite and real, ``s <= 0``, or ``rule`` is not one of ``RULES``.

    Examples
    --------
    >>> step(1.5, x=0.5, y=0.8, s=0.25, rule="always")
    1.75
    >>> step(1.5, x=0.5, y=0.8, s=0.25, rule="if_better")
    1.5
    """
    w, x, y, s = _checked_problem(w, x, y, s)
    _check_rule(rule)
    return _step(w, x, y, s, rule)


def _check_rule(rule) -> None:
    if not isinstance(rule, str):
        raise TypeError(f"rule must be 'always' or 'if_better'; got {_short_repr(rule)} of type {type(rule).__name__}")
    check_choice(rule, "rule", RULES)


def _step(w: float, x: float, y: float, s: float, rule: str) -> float:
    loss_up, loss_down = _loss(w + s, x, y), _loss(w - s, x, y)
    if loss_up == loss_down:
        return w
    best, best_loss = (w + s, loss_up) if loss_up < loss_down else (w - s, loss_down)
    if rule == "always" or best_loss < _loss(w, x, y):
        return best
    return w


def run(w, *, x, y, s, iterations, rule):
    """Repeat ``step`` ``iterations`` times from ``w``.

    Parameters
    ----------
    w, x, y : float
        The starting weight, the input, the target.
    s : float
        The nudge, > 0.
    iterations : int
        How many iterations, from 1 to ``helpers.MAX_EPOCHS``.
    rule : {"always", "if_better"}
        See ``step``.

    Returns
    -------
    OneWeightRun
        ``weights`` and ``losses``, shape ``(iterations + 1,)``, the start first.

    Raises
    ------
    TypeError, ValueError
        As ``step``; also if ``iterations`` is not an int >= 1.

    Examples
    --------
    >>> result = run(0.5, x=0.5, y=0.8, s=0.25, iterations=6, rule="always")
    >>> result.weights.tolist()
    [0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 1.5]
    """
    w, x, y, s = _checked_problem(w, x, y, s)
    iterations = check_epochs(iterations, "iterations")
    _check_rule(rule)
    weights = [w]
    for _ in range(iterations):
        weights.append(_step(weights[-1], x, y, s, rule))
    losses = np.array([_loss(w, x, y) for w in weights])
    _finite(losses, "the loss", w=weights[0], x=x, y=y)
    return OneWeightRun(weights=np.array(weights), losses=losses)


def descend(w, *, x, y, s, alpha, iterations):
    r"""Gradient descent on one weight, with the slope read off hot and cold's two nudges.

    Each iteration evaluates :math:`L(w + s)` and :math:`L(w - s)`, as hot and
    cold does, but instead of keeping the better nudge it moves by the slope's
    size: :math:`w \leftarrow w - \alpha\, \frac{L(w + s) - L(w - s)}{2 s}`.

    Parameters
    ----------
    w, x, y : float
        The starting weight, the input, the target.
    s : float
        The nudge used for the slope (the finite-difference step), > 0.
    alpha : float
        The step size, > 0.
    iterations : int
        How many iterations, from 1 to ``helpers.MAX_EPOCHS``.

    Returns
    -------
    OneWeightRun

    Raises
    ------
    TypeError, ValueError
        If a number is not finite and real, ``s`` or ``alpha`` is not > 0, or
        ``iterations`` is not an int from 1 to ``MAX_EPOCHS``; ``ValueError``
        naming ``alpha`` when the run diverges (its weight or loss leaves
        float64's range).  The slope stays exact however far the weight
        runs (see ``nudge_slope``), so a diverging run never freezes at a
        huge loss because ``w`` has outgrown the nudge ``s``.

    Examples
    --------
    >>> result = descend(0.5, x=0.5, y=0.8, s=0.001, alpha=1.0, iterations=3)
    >>> np.round(result.weights, 6).tolist()
    [0.5, 1.05, 1.325, 1.4625]
    """
    w, x, y, s = _checked_problem(w, x, y, s)
    alpha = check_positive_number(alpha, "alpha")
    iterations = check_epochs(iterations, "iterations")
    weights, losses = [w], [_loss(w, x, y)]
    for _ in range(iterations):
        now = weights[-1]
        weights.append(now - alpha * _nudge_slope(now, x, y, s))
        losses.append(_loss(weights[-1], x, y))
        if not (math.isfinite(weights[-1]) and math.isfinite(losses[-1])):
            raise ValueError(
                f"the run left float64's range at iteration {len(weights) - 1}: alpha = {alpha:g} is too large "
                f"for x = {x:g} (it diverged), or w = {weights[0]:g}, y = {y:g} are too large for float64"
            )
    return OneWeightRun(weights=np.array(weights), losses=np.array(losses))


def goal_weight(*, x, y):
    """The weight whose prediction hits the target exactly: ``y / x``.

    Raises
    ------
    ValueError
        If ``x`` is 0 (then no weight changes the prediction).

    Examples
    --------
    >>> goal_weight(x=0.5, y=0.8)
    1.6
    """
    x, y = _numbers(x=x, y=y)
    if x == 0:
        raise ValueError("x must not be 0: with x = 0 the prediction x * w is 0 for every weight")
    return _finite(y / x, "the goal weight y / x", x=x, y=y)

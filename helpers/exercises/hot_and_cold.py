"""Checkers for the exercises of notebook 03, *Hot and cold*.

* ``check_hot_and_cold_step`` - one weight, one iteration of "move only if better"
* ``check_slope_from_nudges`` - the central-difference slope in the two nudges' losses
* ``check_each_sweep`` - one sweep of "each" over a parameter vector, at most 2P + 1 evaluations

Each tries the notebook's example and inputs the learner has not seen, and
names the classic mistake an answer matches without showing the answer.
"""

from __future__ import annotations

import numpy as np

from ._checking import Mistake, as_array, call, call_for_number, close, diagnose, run_check
from ._hints import consistent_hint, precision_hint

# The notebook's one-weight problem (Grokking Deep Learning, chapter 4).
EXAMPLE = {"x": 0.5, "y": 0.8, "w": 0.5, "s": 0.001}


def _parabola(x: float, y: float):
    def loss(w):
        error = x * w - y
        return error * error

    return loss


# ---------------------------------------------------------------------------
# Exercise 1: hot_and_cold_step(w, loss, s)
# ---------------------------------------------------------------------------


def _step_cases():
    """(description, w, loss, s, kind) for the one-weight step: the notebook's example first, then unseen ones."""
    x, y, w, s = EXAMPLE["x"], EXAMPLE["y"], EXAMPLE["w"], EXAMPLE["s"]
    cases = [(f"the notebook's example, L(w) = ({x:g} w - {y:g})^2 at w = {w:g}, s = {s:g}", w, _parabola(x, y), s)]
    rng = np.random.default_rng(3)
    for _ in range(6):
        x, y = float(rng.uniform(0.5, 2.0) * rng.choice([-1, 1])), float(rng.uniform(-1, 1))
        goal = y / x
        w = goal + float(rng.choice([-1, 1]) * rng.uniform(0.3, 1.0))
        s = float(rng.choice([0.01, 0.05, 0.1]))
        cases.append((f"L(w) = ({x:.3g} w - {y:.3g})^2 at w = {w:.4g}, s = {s:g}", w, _parabola(x, y), s))
    # At the minimum, with a nudge large enough that both nudges are worse.
    cases.append(
        (
            "L(w) = (2 w - 1)^2 at its minimum w = 0.5, s = 0.1 (both nudges raise the loss)",
            0.5,
            _parabola(2.0, 1.0),
            0.1,
        )
    )
    cases.append(("L(w) = (w - 1.05)^2 at w = 1, s = 0.2 (both nudges raise the loss)", 1.0, _parabola(1.0, 1.05), 0.2))
    # Double wells: both nudges lower the loss, so the two must be compared (and a tie keeps w).
    cases.append(
        (
            "L(w) = (w^2 - 1)^2 + 0.1 w at w = 0, s = 1 (both nudges lower the loss, the nudge down more)",
            0.0,
            lambda v: (v * v - 1.0) ** 2 + 0.1 * v,
            1.0,
        )
    )
    cases.append(
        (
            "L(w) = (w^2 - 1)^2 - 0.1 w at w = 0, s = 1 (both nudges lower the loss, the nudge up more)",
            0.0,
            lambda v: (v * v - 1.0) ** 2 - 0.1 * v,
            1.0,
        )
    )
    cases.append(
        (
            "L(w) = (w^2 - 1)^2 at w = 0, s = 1 (both nudges lower the loss by exactly as much: a tie)",
            0.0,
            lambda v: (v * v - 1.0) ** 2,
            1.0,
        )
    )
    # A flat stretch: the nudge up leaves the loss exactly as it is.
    cases.append(
        (
            "L(w) = max(1 - w, 0) at w = 1, s = 0.25 (the nudge up does not change the loss)",
            1.0,
            lambda v: max(1.0 - v, 0.0),
            0.25,
        )
    )
    return cases


def _reference_step(w, loss, s):
    current, loss_up, loss_down = loss(w), loss(w + s), loss(w - s)
    if loss_up < current and loss_up < loss_down:
        return w + s
    if loss_down < current and loss_down < loss_up:
        return w - s
    return w


def check_hot_and_cold_step(hot_and_cold_step):
    """Check ``hot_and_cold_step(w, loss, s)``: the new weight under "move only if better"."""
    name = "hot_and_cold_step"

    def checks():
        for where, w, loss, s in _step_cases():
            got = call_for_number(hot_and_cold_step, w, loss, s, name=name, where=where)
            expected = _reference_step(w, loss, s)
            if close(got, expected, rtol=1e-12, atol=1e-12):
                continue
            current, loss_up, loss_down = loss(w), loss(w + s), loss(w - s)
            moved = {"w + s": w + s, "w - s": w - s, "w": w}
            went = next((label for label, value in moved.items() if close(got, value, rtol=1e-12, atol=1e-12)), None)
            if went is None:
                raise Mistake(f"returned {got:.6g} for {where}; the new weight must be w + s, w - s or w itself")
            both_help = loss_up < current and loss_down < current
            if both_help and loss_up == loss_down:
                raise Mistake(
                    f"for {where} your function moved to {went}, but the two nudges tie: neither is better, "
                    "and the course's rule is that a tie stays at w"
                )
            if both_help and went != "w":
                raise Mistake(
                    f"for {where} your function moved to {went}, the nudge with the larger loss: both nudges "
                    "lower the loss here, so the first one that helps is not enough; compare the two nudges "
                    "with each other too"
                )
            if expected == w and min(loss_up, loss_down) == current:
                raise Mistake(
                    f"for {where} your function moved to {went}, whose loss is only equal to the "
                    "current loss: accepting an equal loss? Move only if a nudge makes the loss strictly smaller"
                )
            if expected == w:
                raise Mistake(
                    f"for {where} your function moved to {went} although that nudge raises the loss: "
                    "always moving to the better nudge is Grokking's loop; here move only if the nudge "
                    "beats the loss at w"
                )
            if went == "w":
                raise Mistake(f"for {where} your function stayed at w although the better nudge lowers the loss")
            raise Mistake(
                f"for {where} your function moved to {went}, the nudge with the larger loss: "
                "moving the wrong way? (compare loss(w + s) with loss(w - s))"
            )

    return run_check(
        name,
        checks,
        success="moves to the better nudge only when it lowers the loss, and stays on a tie, "
        f"on {len(_step_cases())} problems",
    )


# ---------------------------------------------------------------------------
# Exercise 2: slope_from_nudges(loss_up, loss_down, s)
# ---------------------------------------------------------------------------


def _slope_cases():
    loss = _parabola(EXAMPLE["x"], EXAMPLE["y"])
    w, s = EXAMPLE["w"], EXAMPLE["s"]
    cases = [
        (
            f"the notebook's example, loss_up = L({w:g} + {s:g}), loss_down = L({w:g} - {s:g}), s = {s:g}",
            loss(w + s),
            loss(w - s),
            s,
        )
    ]
    rng = np.random.default_rng(5)
    for _ in range(6):
        up, down, s = (float(v) for v in (rng.uniform(0, 2), rng.uniform(0, 2), rng.choice([0.003, 0.02, 0.5])))
        cases.append((f"loss_up = {up:.4g}, loss_down = {down:.4g}, s = {s:g}", up, down, s))
    cases.append(("loss_up = 0.25, loss_down = 0.25, s = 0.1 (the nudges tie)", 0.25, 0.25, 0.1))
    return cases


def check_slope_from_nudges(slope_from_nudges):
    """Check ``slope_from_nudges(loss_up, loss_down, s)``: the central difference (L(w+s) - L(w-s)) / 2s."""
    name = "slope_from_nudges"

    def checks():
        for where, up, down, s in _slope_cases():
            got = call_for_number(slope_from_nudges, up, down, s, name=name, where=where)
            expected = (up - down) / (2 * s)
            if close(got, expected, rtol=1e-9, atol=1e-12):
                continue
            hint = diagnose(
                got,
                {
                    "2 times too large: did you divide by s instead of 2s (the two nudges are 2s apart)?": (up - down)
                    / s,
                    "the sign is flipped: did you compute loss_down - loss_up? A positive slope means "
                    "the loss grows as w grows": (down - up) / (2 * s),
                    "the sign is flipped and it is 2 times too large: loss_down - loss_up, divided by s?": (down - up)
                    / s,
                    "2 times too small: did you divide by 4s?": (up - down) / (4 * s),
                    "that is the average of the two losses, not how fast the loss changes": (up + down) / 2,
                },
                rtol=1e-9,
                atol=1e-12,
            )
            hint = hint or precision_hint(got, expected, rtol=1e-9)
            raise Mistake(f"wrong slope for {where}{hint}")

    return run_check(name, checks, success="the central difference on 8 inputs")


# ---------------------------------------------------------------------------
# Exercise 3: each_sweep(theta, loss, s)
# ---------------------------------------------------------------------------


def _sweep(theta, loss, s, *, accept, choose_up, carry=True, update_current=True):
    """One sweep of "each"; the keywords build the classic mistakes as well as the reference.

    ``carry=False`` judges every parameter's nudges from the starting point
    and applies all the moves at the end (instead of moving on from each accepted nudge).
    ``update_current=False`` moves on from each accepted nudge but keeps comparing
    with the starting loss.  On a tie between the two nudges the reference stays
    (``choose_up`` is then false for both).
    """
    start = np.array(theta, dtype=float)
    start_loss = loss(start)
    theta, current = start.copy(), start_loss
    for j in range(theta.size):
        base, base_loss = (theta, current) if carry else (start, start_loss)
        up, down = base.copy(), base.copy()
        up[j] += s
        down[j] -= s
        loss_up, loss_down = loss(up), loss(down)
        if loss_up == loss_down and not choose_up(loss_up, loss_down):
            continue
        best, best_loss = (up, loss_up) if choose_up(loss_up, loss_down) else (down, loss_down)
        if accept(best_loss, base_loss):
            theta[j] = best[j]
            current = best_loss if update_current else current
    return theta


def _reference_sweep(theta, loss, s):
    return _sweep(theta, loss, s, accept=lambda new, old: new < old, choose_up=_up_better)


def _up_better(up, down):
    """The course's tie rule: the nudge up wins only if strictly better; a tie moves neither way."""
    return up < down


def _sweep_mistakes(theta, loss, s):
    better, up_first = (lambda new, old: new < old), _up_better
    # The checker names a mistake only if it explains the learner's result on every problem.
    return {
        "when the two nudges tie, it still moves (up): a tie is no reason to prefer either, so the course's "
        "rule keeps the parameter where it is": _sweep(
            theta, loss, s, accept=better, choose_up=lambda up, down: up <= down
        ),
        "it never updates the loss to beat: after a nudge is kept, its loss is the current loss, and the "
        "next nudges must beat that, not the starting loss": _sweep(
            theta, loss, s, accept=better, choose_up=up_first, update_current=False
        ),
        "it accepts a nudge whose loss only equals the current one: keep a nudge only if it makes the loss "
        "strictly smaller": _sweep(theta, loss, s, accept=lambda new, old: new <= old, choose_up=up_first),
        "every parameter was judged from the starting point: after a parameter moves, the next nudges "
        "start from the new point and compare with its loss": _sweep(
            theta, loss, s, accept=better, choose_up=up_first, carry=False
        ),
        "it moves even when the better nudge raises the loss: always moving is Grokking's loop; "
        "keep a nudge only if it lowers the loss": _sweep(
            theta, loss, s, accept=lambda new, old: True, choose_up=up_first
        ),
        "it moves each parameter the wrong way: did you keep the nudge with the larger loss?": _sweep(
            theta, loss, s, accept=lambda new, old: True, choose_up=lambda up, down: up > down
        ),
    }


class _CountingLoss:
    """A loss that counts its calls and refuses arrays of the wrong shape."""

    def __init__(self, loss, size):
        self.loss, self.size, self.calls = loss, size, 0

    def __call__(self, theta):
        theta = np.asarray(theta, dtype=float)
        if theta.shape != (self.size,):
            raise ValueError(f"loss was called with an array of shape {theta.shape}; expected ({self.size},)")
        self.calls += 1
        return float(self.loss(theta))


def _sweep_cases():
    """(description, theta, loss, s), ordered so that each classic mistake meets a case that shows it."""
    rng = np.random.default_rng(8)
    problems = [
        (P, s, rng.normal(size=(P + 1, P)), rng.normal(size=P + 1), rng.normal(size=P))
        for P, s in ((3, 0.1), (5, 0.05), (8, 0.2))
    ]
    least_squares = [
        (f"a least-squares loss of {P} parameters, s = {s:g}", theta, _least_squares(A, c), s)
        for P, s, A, c, theta in problems
    ]
    target = np.array([1.0, 0.0, -1.0])
    ignored = np.array([1.0, 0.0, -2.0])
    return [
        least_squares[0],
        (
            "L(theta) = sum((theta - [1, 0, -1])**2) at theta = [0.3, 0.1, -1.6], s = 0.5 "
            "(both nudges of theta[1] raise the loss)",
            np.array([0.3, 0.1, -1.6]),
            lambda t: float(np.sum((t - target) ** 2)),
            0.5,
        ),
        (
            "L(theta) = max(1 - theta[0], 0) + theta[1]**2 at theta = [1, 0.3], s = 0.25 "
            "(the nudge up of theta[0] leaves the loss unchanged)",
            np.array([1.0, 0.3]),
            lambda t: max(1.0 - t[0], 0.0) + t[1] ** 2,
            0.25,
        ),
        (
            "L(theta) = (theta[0] + theta[1] - 1)**2 at theta = [0.75, 0], s = 0.25 "
            "(the two parameters share one target)",
            np.array([0.75, 0.0]),
            lambda t: float((t[0] + t[1] - 1.0) ** 2),
            0.25,
        ),
        *least_squares[1:],
        (
            "L(theta) = (theta[0]**2 - 1)**2 + (theta[1] - 0.5)**2 at theta = [0, 1.5], s = 1 "
            "(both nudges of theta[0] lower the loss by exactly as much: a tie)",
            np.array([0.0, 1.5]),
            lambda t: float((t[0] ** 2 - 1.0) ** 2 + (t[1] - 0.5) ** 2),
            1.0,
        ),
        (
            "a loss that does not depend on theta[1], s = 0.5",
            np.array([0.3, 0.7, -0.4]),
            lambda t: float(np.sum((t - ignored)[[0, 2]] ** 2)),
            0.5,
        ),
    ]


def _least_squares(A, c):
    def loss(theta):
        residual = A @ theta - c
        return float(residual @ residual)

    return loss


def _sweep_results(each_sweep, cases) -> list:
    """``(the theta given, the result or the Mistake, the counting loss)`` for every problem, in order."""
    results = []
    for where, theta, loss, s in cases:
        given, counting = theta.copy(), _CountingLoss(loss, theta.size)
        try:
            got = as_array(
                call(each_sweep, given, counting, s, name="each_sweep", where=where, copies=False),
                "each_sweep",
                where,
                (theta.size,),
            )
        except Mistake as mistake:
            got = mistake
        results.append((given, got, counting))
    return results


def check_each_sweep(each_sweep):
    """Check ``each_sweep(theta, loss, s)``: one sweep of "each", a new array, at most 2P + 1 evaluations."""
    name = "each_sweep"

    def checks():
        cases = _sweep_cases()
        results = _sweep_results(each_sweep, cases)
        for index, (where, theta, loss, s) in enumerate(cases):
            P = theta.size
            given, got, counting = results[index]
            if isinstance(got, Mistake):
                raise got
            if not np.array_equal(given, theta):
                raise Mistake(
                    f"it changed the theta it was given (for {where}): work on a copy "
                    "(make one with .copy() or np.array) and return that"
                )
            expected = _reference_sweep(theta, loss, s)
            if not close(got, expected, rtol=1e-12, atol=1e-12):
                hint = consistent_hint(
                    [None if isinstance(result[1], Mistake) else result[1] for result in results],
                    [_sweep_mistakes(case[1], case[2], case[3]) for case in cases],
                    rtol=1e-12,
                    atol=1e-12,
                )
                if not hint:
                    j = int(np.argmax(~np.isclose(got, expected, rtol=1e-12, atol=1e-12)))
                    hint = f": theta[{j}] is not where one sweep leaves it"
                raise Mistake(f"wrong parameters after one sweep for {where}{hint}")
            if counting.calls > 2 * P + 1:
                raise Mistake(
                    f"the parameters are right, but it evaluated the loss {counting.calls} times for "
                    f"P = {P} parameters (for {where}); a sweep needs 2 new evaluations per parameter "
                    "plus the starting loss: keep the loss of the current point instead of recomputing it"
                )

    return run_check(
        name, checks, success=f"one sweep on {len(_sweep_cases())} problems, at most 2P + 1 loss evaluations each"
    )

"""Checkers for the exercises of notebook 05, *Hot and cold vs backprop*.

* ``check_count_parameters`` - ``count_parameters(n_in, n_hidden, n_out)``, the ``P``
  of a two-layer network;
* ``check_passes_to_reach`` - ``passes_to_reach(passes, losses, level)``, read off a
  loss history;
* ``check_step_sizes`` - three step sizes on the notebook's XOR network: one that
  freezes hot and cold early, one with which gradient descent converges, one with
  which it diverges.  The checker runs them and says which property failed.
"""

from __future__ import annotations

import numpy as np

from .. import comparison
from .._validation import TrainingDiverged, is_real_number
from ..data import make_xor
from ..two_layer import init_two_layer
from ._checking import Mistake, as_number, call, call_for_number, describe, diagnose, fmt, require_answer, run_check
from ._hints import consistent_hint

# --------------------------------------------------------------------------------------------------
# count_parameters


def _count(n_in, n_hidden, n_out):
    return n_hidden * (n_in + 1) + n_out * (n_hidden + 1)


def _count_mistakes(n_in, n_hidden, n_out):
    """Hint -> the value the classic mistake gives."""
    return {
        "did you forget the biases b1 and b2?": n_hidden * n_in + n_out * n_hidden,
        "did you forget the hidden layer's biases b1?": n_hidden * n_in + n_out * (n_hidden + 1),
        "did you forget the output layer's biases b2?": n_hidden * (n_in + 1) + n_out * n_hidden,
        "that is n_in * n_out, the weights of a network without its hidden layer": n_in * n_out,
        "that is n_in * n_hidden * n_out: the layers' weights add up, they do not multiply": n_in * n_hidden * n_out,
        "n_in * n_hidden * n_out counts the weights as if they multiplied: the layers' weights add up, "
        "n_hidden * n_in for W1 plus n_out * n_hidden for W2": n_in * n_hidden * n_out + n_hidden + n_out,
        "that counts the forward passes of a hot-and-cold sweep, 2P, not the parameters": 2
        * _count(n_in, n_hidden, n_out),
    }


def _quiet_count(count_parameters, n_in, n_hidden, n_out):
    """The learner's count as a float, or None if it raised or is not a number (judged later, with its message)."""
    try:
        value = count_parameters(n_in, n_hidden, n_out)
    except Exception:
        return None
    try:
        return float(value) if is_real_number(value) else None
    except (OverflowError, TypeError, ValueError):  # 10**400: judged later, by as_number
        return None


def check_count_parameters(count_parameters):
    """Check ``count_parameters(n_in, n_hidden, n_out)`` on the notebook's networks and on sizes it has not seen."""
    rng = np.random.default_rng(5)
    sizes = [(2, 4, 1), (3, 5, 2), (784, 128, 10), (1, 1, 1), (4, 2, 7)]
    sizes += [tuple(int(v) for v in rng.integers(1, 40, size=3)) for _ in range(5)]

    def checks():
        answers = [_quiet_count(count_parameters, *size) for size in sizes]
        for n_in, n_hidden, n_out in sizes:
            where = f"n_in = {n_in}, n_hidden = {n_hidden}, n_out = {n_out}"
            value = call_for_number(count_parameters, n_in, n_hidden, n_out, name="count_parameters", where=where)
            if value != round(value):
                raise Mistake(f"count_parameters returned {value:g} at {where}; a count of entries is a whole number")
            if value != _count(n_in, n_hidden, n_out):
                # Name a mistake only if it explains every answer: at 2-4-1, n_in n_hidden n_out + n_hidden + n_out
                # and "forgot b1" give the same 13.
                hint = consistent_hint(answers, [_count_mistakes(*size) for size in sizes], rtol=0, atol=0)
                hint = hint or ": count the entries of W1, b1, W2 and b2, with their shapes"
                raise Mistake(f"count_parameters({n_in}, {n_hidden}, {n_out}) is wrong{hint}")

    return run_check("count_parameters", checks, success=f"right on {len(sizes)} networks, 5 of them random")


# --------------------------------------------------------------------------------------------------
# passes_to_reach


def _reach(passes, losses, level):
    hit = np.flatnonzero(np.asarray(losses) <= level)
    return int(np.asarray(passes)[hit[0]]) if hit.size else None


def _reach_cases():
    """(passes, losses, level, what the case tests) - the notebook's example first."""
    gd_passes = 1 + 2 * np.arange(8)
    rng = np.random.default_rng(11)
    noisy = np.round(0.8 * np.exp(-0.4 * np.arange(10)) + rng.uniform(0, 0.05, 10), 4)
    return [
        ([1, 35, 69, 103, 137], [0.75, 0.52, 0.31, 0.12, 0.08], 0.1, "the notebook's example"),
        (
            gd_passes[:6],
            [0.9, 0.5, 0.2, 0.05, 0.1, 0.15],
            0.3,
            "a run whose lowest loss comes after it reaches the level",
        ),
        (gd_passes, [0.9, 0.7, 0.5, 0.3, 0.2, 0.1, 0.09, 0.05], 0.3, "a loss exactly at the level"),
        (gd_passes, [0.9, 1.4, 0.6, 0.25, 0.4, 0.1, 0.2, 0.05], 0.3, "a loss that goes back up"),
        ([1, 35, 69], [0.05, 0.04, 0.03], 0.1, "a run that starts below the level"),
        ([1, 35, 69, 103], [0.8, 0.7, 0.65, 0.6], 0.1, "a run that never gets there"),
        (1 + 3 * np.arange(10), noisy, 0.2, "a noisy run, passes 1, 4, 7, ..."),
    ]


def check_passes_to_reach(passes_to_reach):
    """Check ``passes_to_reach(passes, losses, level)``: the first pass count at which ``losses <= level``, or None."""
    cases = _reach_cases()

    def checks():
        for passes, losses, level, what in cases:
            where = (
                f"{what}: passes {fmt(np.asarray(passes))}, losses {fmt(np.asarray(losses, dtype=float))}, "
                f"level {level:g}"
            )
            got = call(passes_to_reach, passes, losses, level, name="passes_to_reach", where=where)
            expected = _reach(passes, losses, level)
            if expected is None:
                if got is not None:
                    raise Mistake(
                        f"returned {got!r} for {where}; this run never reaches the level, so the answer should be None"
                    )
                continue
            if got is None:
                raise Mistake(f"returned None for {where}, but this run does reach the level")
            value = as_number(got, "passes_to_reach", where)
            if value == expected:
                continue
            losses_array, passes_array = np.asarray(losses, dtype=float), np.asarray(passes)
            below, strictly = np.flatnonzero(losses_array <= level), np.flatnonzero(losses_array < level)
            mistakes = {
                "that is a position in the history, not a count of forward passes": below[0],
                "that is the epoch counted from 1, not a count of forward passes": below[0] + 1,
                "a loss equal to the level counts as reaching it (<=, not <)": passes_array[strictly[0]]
                if strictly.size
                else None,
                "that is the last time the loss is at or below the level, not the first": passes_array[below[-1]],
                "that is where the loss is lowest, not where it first reaches the level": passes_array[
                    np.argmin(losses_array)
                ],
            }
            hint = diagnose(value, {k: v for k, v in mistakes.items() if v is not None})
            raise Mistake(f"wrong count for {where}{hint}")

    return run_check(
        "passes_to_reach", checks, success=f"right on {len(cases)} loss histories, {len(cases) - 1} you had not seen"
    )


# --------------------------------------------------------------------------------------------------
# step sizes

#: The problem the step-size exercise runs: section 2's network and budget.
STEP_BUDGET = 5000


def _xor_problem():
    X, Y = make_xor()
    return init_two_layer(2, 4, 1, seed=0), X, Y


def _as_step(value, name: str, symbol: str) -> float:
    require_answer(value, name)
    wanted = f"{name} should be a finite number greater than 0 (a step {symbol})"
    if not is_real_number(value):
        raise Mistake(f"{wanted}; got {describe(value)}")
    step = as_number(value, name, "your answer")
    if step <= 0:
        raise Mistake(f"{wanted}; got {step:g}")
    return step


def _check_freeze(step, params, X, Y):
    run = comparison.hot_and_cold_run(params, X, Y, step=step, budget=STEP_BUDGET)
    sweeps, frozen = run.losses.size - 1, comparison.frozen_after(run)
    if frozen is None:
        raise Mistake(
            f"with s = {step:g} hot and cold still improves in its last sweep (sweep {sweeps}): that is not frozen"
        )
    if frozen > sweeps // 2:
        raise Mistake(
            f"with s = {step:g} hot and cold does freeze, but only after sweep {frozen} of {sweeps}: "
            "that is not early (the exercise asks for a freeze within the first half)"
        )


def _check_descent(step, params, X, Y, *, wanted: str, name: str):
    try:
        losses = comparison.gradient_descent_run(params, X, Y, step=step, budget=STEP_BUDGET).losses
    except TrainingDiverged as diverged:  # the loss left float64's range: diverging beyond doubt
        if wanted == "diverged":
            return
        raise Mistake(
            f"{name}: with alpha = {step:g} the run leaves float64's range at epoch {diverged.epoch}: "
            "that is diverging, not converging"
        ) from None
    facts = comparison.describe_descent(losses)
    if facts.verdict == wanted:
        return
    epochs = losses.size - 1  # losses[0] is the start, losses[k] after k updates
    if facts.verdict == "too slow":
        problem = (
            f"the loss only falls from {facts.start:.4f} to {losses[-1]:.4f} in {epochs:,} epochs, "
            "not below a tenth of its start"
        )
    elif facts.verdict == "converged":
        problem = f"the loss settles and ends far below its start {facts.start:.4f}"
    elif facts.verdict == "bounces":
        problem = (
            f"the loss never settles, but over the second half of the run it still comes back below its "
            f"start {facts.start:.4f}: it bounces"
        )
    else:
        problem = f"over the second half of the run the loss stays above its start {facts.start:.4f}"
    meaning = {"converged": "converging", "diverged": "diverging"}[wanted]
    raise Mistake(f"{name}: with alpha = {step:g} {problem}; that is not {meaning}")


def _three_steps(chosen_steps):
    """``(freeze_step, converge_step, diverge_step)`` from the learner's function ``chosen_steps()``."""
    steps = call(chosen_steps, name="chosen_steps", where="chosen_steps()")
    if not isinstance(steps, (tuple, list)) or len(steps) != 3:
        got = f"{len(steps)} values" if isinstance(steps, (tuple, list)) else type(steps).__name__
        raise Mistake(
            f"chosen_steps() should return three steps, (freeze_step, converge_step, diverge_step); got {got}"
        )
    return steps


def check_step_sizes(freeze_step, converge_step=None, diverge_step=None):
    """Run the learner's three steps on section 2's XOR network (2-4-1, seed 0, 5,000 forward passes).

    The notebook passes one function, ``chosen_steps()``, that returns the three
    steps ``(freeze_step, converge_step, diverge_step)``; the three numbers may
    also be given directly.

    * ``freeze_step`` (hot and cold, each): the search must freeze, every sweep keeping
      every parameter where it is, from some sweep in the first half of the budget on;
    * ``converge_step`` (gradient descent): the loss settles (never rises over the
      second half) and ends below a tenth of its start;
    * ``diverge_step`` (gradient descent): over the second half of the run the loss
      never comes back down to its start.
    """

    def checks():
        given = (freeze_step, converge_step, diverge_step)
        if callable(freeze_step) and converge_step is None and diverge_step is None:
            given = _three_steps(freeze_step)
        steps = (
            _as_step(given[0], "freeze_step", "s"),
            _as_step(given[1], "converge_step", "alpha"),
            _as_step(given[2], "diverge_step", "alpha"),
        )
        params, X, Y = _xor_problem()
        _check_freeze(steps[0], params, X, Y)
        _check_descent(steps[1], params, X, Y, wanted="converged", name="converge_step")
        _check_descent(steps[2], params, X, Y, wanted="diverged", name="diverge_step")

    return run_check(
        "step sizes",
        checks,
        success="hot and cold freezes early, gradient descent converges with one step and diverges with the other",
    )

r"""What one gradient costs, in forward passes.

For ``P`` parameters:

* backpropagation is one forward and one backward pass, a small constant
  times a forward (the "cheap gradient principle" bounds it by about 4-5);
* central finite differences need ``2 P`` forward passes,
  :math:`[L(\theta_i + h) - L(\theta_i - h)] / 2h` for every :math:`\theta_i`;
* one sweep of the hot-and-cold "each" rule (``helpers.hot_and_cold_two_layer``)
  also evaluates the loss ``2 P`` times, one nudge up and one down per parameter.

The last two are far too slow to run in full on a 784-128-10 network
(``P = 101,770``).  There, finite differences are timed on a subset of
parameters (evenly spread over ``W1``, ``b1``, ``W2``, ``b2``) and scaled to
``P``, and the hot-and-cold sweep is one of its loss evaluations times ``2 P``:
every parameter costs the same two full forward passes, whichever it is.
"""

from __future__ import annotations

import numpy as np

import helpers

from . import no_checks
from .results import Row, Section, Target, ratio_to
from .settings import NetworkCase
from .timing import TimerSettings, measure_interleaved

#: The finite-difference step ``helpers.numerical_gradient`` uses by default.
FINITE_DIFFERENCE_STEP = 1e-5

#: The nudge of the hot-and-cold sweep (its cost does not depend on it).
HOT_AND_COLD_STEP = 0.01


def network_problem(case: NetworkCase, seed: int = 0):
    """Parameters and random data for a network case.

    ``X`` is standard normal and ``Y`` random 0/1 labels, both from
    ``np.random.default_rng(seed)``; parameters from
    ``helpers.init_two_layer(..., seed=seed)``.

    Returns
    -------
    params : dict of numpy.ndarray
    X : numpy.ndarray, shape (n_in, m)
    Y : numpy.ndarray, shape (n_out, m)
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(case.n_in, case.m))
    Y = rng.integers(0, 2, size=(case.n_out, case.m)).astype(float)
    params = helpers.init_two_layer(case.n_in, case.n_hidden, case.n_out, seed=seed)
    return params, X, Y


def spread_parameter_indices(params: dict, count: int) -> list:
    """``count`` parameters spread evenly over ``W1``, ``b1``, ``W2``, ``b2`` in that order.

    Parameters
    ----------
    params : dict of numpy.ndarray
    count : int
        How many; all of them if ``count`` is at least ``P``.

    Returns
    -------
    list of (str, tuple)
        ``(name, index)`` pairs, so that ``params[name][index]`` is the parameter.
    """
    names = no_checks.PARAMETER_NAMES
    sizes = [params[name].size for name in names]
    total = sum(sizes)
    flat = np.unique(np.linspace(0, total - 1, min(count, total)).round().astype(int))
    offsets = np.cumsum([0] + sizes)
    located = []
    for position in flat:
        which = int(np.searchsorted(offsets, position, side="right") - 1)
        name = names[which]
        index = np.unravel_index(position - offsets[which], params[name].shape)
        located.append((name, tuple(int(i) for i in index)))
    return located


def central_differences(params: dict, X, Y, indices, h: float = FINITE_DIFFERENCE_STEP) -> np.ndarray:
    """``helpers.numerical_gradient``'s loop, run over the given parameters only.

    Like ``numerical_gradient``, the inputs are taken as already checked and
    every evaluation is a bare forward pass plus the loss from ``Z2``.

    Parameters
    ----------
    params : dict of numpy.ndarray
        Not modified.
    X : numpy.ndarray, shape (n_in, m)
    Y : numpy.ndarray, shape (n_out, m)
    indices : list of (str, tuple)
        From ``spread_parameter_indices``.
    h : float

    Returns
    -------
    numpy.ndarray, shape (len(indices),)
        ``[L(theta + h) - L(theta - h)] / 2h`` for each listed parameter.
    """
    shifted = {name: value.copy() for name, value in params.items()}
    estimates = np.empty(len(indices))
    for k, (name, index) in enumerate(indices):
        value = shifted[name]
        original = value[index]
        value[index] = original + h
        loss_up = no_checks.two_layer_loss(shifted, X, Y)
        value[index] = original - h
        loss_down = no_checks.two_layer_loss(shifted, X, Y)
        value[index] = original
        estimates[k] = (loss_up - loss_down) / (2.0 * h)
    return estimates


def backprop(params: dict, X, Y) -> dict:
    """``helpers.forward`` then ``helpers.backward``: the gradient by the chain rule."""
    _, cache = helpers.forward(params, X)
    return helpers.backward(params, cache, Y)


def backprop_no_checks(params: dict, X, Y) -> dict:
    """The same gradient from the helpers' unchecked internals (no input checks)."""
    _, cache = no_checks.forward(params, X)
    return no_checks.backward(params, cache, Y)


def check_variants_agree(case: NetworkCase, params: dict, X, Y, indices) -> None:
    """Raise ``RuntimeError`` unless the timed variants give backprop's gradient."""
    grads = backprop(params, X, Y)
    unchecked = backprop_no_checks(params, X, Y)
    if not all(np.allclose(unchecked[name], grads[name], rtol=1e-10, atol=1e-15) for name in grads):
        raise RuntimeError(f"{case.name}: the unchecked backprop disagrees with helpers.backward")
    estimates = central_differences(params, X, Y, indices)
    exact = np.array([grads[name][index] for name, index in indices])
    if not np.allclose(estimates, exact, rtol=1e-4, atol=1e-8):
        raise RuntimeError(f"{case.name}: central differences disagree with helpers.backward")


def benchmark_network_case(
    case: NetworkCase, timer: TimerSettings, parameters_timed: int, full_numerical_gradient_max_parameters: int
):
    """Time forward, backprop, finite differences and hot-and-cold on one network.

    Parameters
    ----------
    case : NetworkCase
    timer : TimerSettings
    parameters_timed : int
        Size of the subset timed for the ``2 P`` methods.
    full_numerical_gradient_max_parameters : int
        Also time ``helpers.numerical_gradient`` in full when ``P`` is at most this.

    Returns
    -------
    rows : list of Row
        Ratios relative to one ``helpers.forward`` (the reference row).
    summary : dict
        ``"backprop_ratio"`` and ``"backprop_ratio_no_checks"`` (backprop /
        forward with and without checks), ``"validation_share"`` (fraction of
        ``helpers.forward``'s time spent on checks), and, when
        ``helpers.numerical_gradient`` ran in full, ``"scaled_over_full"``
        (the scaled estimate over the full measurement).

    Raises
    ------
    RuntimeError
        If the unchecked backprop or the timed finite differences disagree
        with ``helpers.backward``, so that nothing wrong is ever timed.
    """
    params, X, Y = network_problem(case)
    P = case.n_parameters
    indices = spread_parameter_indices(params, parameters_timed)
    k = len(indices)
    scale = P / k
    check_variants_agree(case, params, X, Y, indices)

    funcs = {
        "forward": lambda: helpers.forward(params, X),
        "backprop": lambda: backprop(params, X, Y),
        "forward, no checks": lambda: no_checks.forward(params, X),
        "backprop, no checks": lambda: backprop_no_checks(params, X, Y),
    }
    full_numerical = P <= full_numerical_gradient_max_parameters
    if full_numerical:
        funcs["numerical_gradient"] = lambda: helpers.numerical_gradient(params, X, Y)
    funcs["finite differences"] = lambda: central_differences(params, X, Y, indices)
    if full_numerical:  # one whole sweep of the helper
        funcs["hot-and-cold each"] = lambda: helpers.hot_and_cold_two_layer(
            params, X, Y, step=HOT_AND_COLD_STEP, epochs=1, nudge="each"
        )
    else:  # one of the sweep's loss evaluations, the helper's own unchecked one, times 2P
        funcs["hot-and-cold each"] = lambda: no_checks.two_layer_loss(params, X, Y)
    timings = measure_interleaved(funcs, timer)
    timings["finite differences"] = timings["finite differences"].scaled(scale)
    if not full_numerical:
        timings["hot-and-cold each"] = timings["hot-and-cold each"].scaled(2 * P)

    subset = f"timed {k} params, scaled to P" if k < P else f"timed all {P:,} params"
    whats = {
        "forward": ("one forward: helpers.forward", False),
        "backprop": ("backprop: helpers.forward + helpers.backward", False),
        "forward, no checks": ("one forward, helpers' internals, no input checks", False),
        "backprop, no checks": ("backprop, helpers' internals, no input checks", False),
        "numerical_gradient": (f"central differences, 2P = {2 * P:,} forwards: helpers.numerical_gradient", False),
        "finite differences": (f"central differences, 2P = {2 * P:,} forwards ({subset})", k < P),
        "hot-and-cold each": (
            "hot-and-cold 'each', one sweep: helpers.hot_and_cold_two_layer"
            if full_numerical
            else f"hot-and-cold 'each', one sweep: 2P = {2 * P:,} loss evaluations (one timed, scaled)",
            not full_numerical,
        ),
    }
    reference = timings["forward"].seconds
    rows = [
        Row(
            case=case.name,
            what=whats[label][0],
            label=label,
            timing=timing,
            ratio=ratio_to(timing, reference),
            reference=label == "forward",
            estimated=whats[label][1],
        )
        for label, timing in timings.items()
    ]
    summary = {
        "backprop_ratio": timings["backprop"].seconds / reference,
        "backprop_ratio_no_checks": timings["backprop, no checks"].seconds / timings["forward, no checks"].seconds,
        "validation_share": 1.0 - timings["forward, no checks"].seconds / reference,
    }
    if full_numerical:
        summary["scaled_over_full"] = timings["finite differences"].seconds / timings["numerical_gradient"].seconds
    return rows, summary


def gradient_section(
    cases,
    timer: TimerSettings,
    parameters_timed: int,
    backprop_target: float,
    full_numerical_gradient_max_parameters: int = 1000,
) -> Section:
    """All network cases, with the backprop/forward targets and validation notes.

    Parameters
    ----------
    cases : iterable of NetworkCase
    timer : TimerSettings
    parameters_timed : int
    backprop_target : float
        Backprop may cost at most this many forward passes.
    full_numerical_gradient_max_parameters : int

    Returns
    -------
    Section
        ``kind="gradient"``.
    """
    section = Section(kind="gradient", title="gradient cost, in forward passes")
    for case in cases:
        rows, summary = benchmark_network_case(case, timer, parameters_timed, full_numerical_gradient_max_parameters)
        section.rows += rows
        ratio = summary["backprop_ratio"]
        section.targets.append(
            Target(
                name=f"backprop / forward, {case.name}",
                value=f"{ratio:.2f}",
                goal=f"<= {backprop_target:g} (cheap-gradient bound about 4-5)",
                met=ratio <= backprop_target,
            )
        )
        share = summary["validation_share"]
        section.notes.append(
            f"{case.name}: input checks take {share:.0%} of helpers.forward's time "
            f"({'they dominate' if share > 0.5 else 'they do not dominate'}); "
            f"backprop / forward without checks: {summary['backprop_ratio_no_checks']:.2f}"
        )
        if "scaled_over_full" in summary:
            section.notes.append(
                f"{case.name}: the scaled finite-difference estimate is "
                f"{summary['scaled_over_full']:.2f}x the full helpers.numerical_gradient time"
            )
    return section

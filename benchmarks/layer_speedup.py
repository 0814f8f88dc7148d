"""The seed's looped layer against the vectorized ``helpers.sigmoid_layer``.

The seed's ``nn`` takes one example and loops over the layer's outputs in
Python, one ``np.dot`` and one ``sigmoid`` per output.  For a batch of ``m``
examples the seed has no other way than calling ``nn`` once per example (one
column of ``X``), so that loop is the fair seed baseline.
``helpers.sigmoid_layer`` does the whole batch in one matrix product.
"""

from __future__ import annotations

import numpy as np

import helpers

from . import no_checks
from .results import Row, Section, Target, ratio_to
from .settings import LayerCase
from .timing import TimerSettings, measure_interleaved


def layer_inputs(case: LayerCase, seed: int = 0):
    """Random ``x``, ``W``, ``b`` for a layer case, from ``np.random.default_rng(seed)``.

    Returns
    -------
    x : numpy.ndarray, shape (n_in,) if ``case.m == 1`` else (n_in, m)
    W : numpy.ndarray, shape (n_out, n_in)
        Scaled by ``1 / sqrt(n_in)`` so that ``W @ x`` is of order 1.
    b : numpy.ndarray, shape (n_out,)
    """
    rng = np.random.default_rng(seed)
    x_shape = (case.n_in,) if case.m == 1 else (case.n_in, case.m)
    x = rng.normal(size=x_shape)
    W = rng.normal(0.0, 1.0 / np.sqrt(case.n_in), size=(case.n_out, case.n_in))
    b = rng.normal(size=case.n_out)
    return x, W, b


def seed_loop(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The seed's way: ``helpers.seed.nn`` on one example at a time.

    Parameters
    ----------
    x : numpy.ndarray, shape (n_in,) or (n_in, m)
    W : numpy.ndarray, shape (n_out, n_in)
    b : numpy.ndarray, shape (n_out,)

    Returns
    -------
    numpy.ndarray, shape (n_out,) or (n_out, m)
        The same values as ``helpers.sigmoid_layer(x, W, b)``.
    """
    if x.ndim == 1:
        return helpers.seed.nn(x, W, b)[:, 0]
    out = np.empty((W.shape[0], x.shape[1]))
    for j in range(x.shape[1]):
        out[:, j] = helpers.seed.nn(x[:, j], W, b)[:, 0]
    return out


def sigmoid_layer_per_column(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``helpers.sigmoid_layer`` called once per example: vectorized over outputs only."""
    out = np.empty((W.shape[0], x.shape[1]))
    for j in range(x.shape[1]):
        out[:, j] = helpers.sigmoid_layer(x[:, j], W, b)
    return out


def benchmark_layer_case(case: LayerCase, timer: TimerSettings):
    """Time the seed loop and the vectorized layer on one case.

    Parameters
    ----------
    case : LayerCase
    timer : TimerSettings

    Returns
    -------
    rows : list of Row
        Ratios relative to ``helpers.sigmoid_layer`` (the reference row).
    summary : dict
        ``"speedup"``: seed loop / ``helpers.sigmoid_layer``;
        ``"validation_share"``: the fraction of ``helpers.sigmoid_layer``'s
        time its input checks take, ``1 - (no-checks time) / (its time)``;
        for a batch, ``"product_share"``: the fraction the matrix product
        ``W @ x + b`` alone takes.

    Raises
    ------
    RuntimeError
        If the variants disagree, so that nothing wrong is ever timed.

    Notes
    -----
    For a batch, a last row times the layer's matrix product alone, which
    shows how the rest splits between the product and the sigmoid.
    """
    x, W, b = layer_inputs(case)
    expected = helpers.sigmoid_layer(x, W, b)
    variants = [
        ("seed loop: helpers.seed.nn once per example", "seed.nn loop", lambda: seed_loop(x, W, b)),
    ]
    if case.m > 1:
        variants.append(
            (
                f"helpers.sigmoid_layer once per example ({case.m} calls)",
                "sigmoid_layer per example",
                lambda: sigmoid_layer_per_column(x, W, b),
            )
        )
    variants += [
        ("helpers.sigmoid_layer, whole batch at once", "sigmoid_layer", lambda: helpers.sigmoid_layer(x, W, b)),
        ("helpers' internals, no input checks", "no input checks", lambda: no_checks.sigmoid_layer(x, W, b)),
    ]
    for what, _, func in variants:
        if not np.allclose(func(), expected, rtol=1e-12, atol=1e-14):
            raise RuntimeError(f"{case.name}: '{what}' disagrees with helpers.sigmoid_layer")

    if case.m > 1:
        variants.append(
            ("its matrix product W @ x + b alone, no sigmoid", "W @ x + b only", lambda: W @ x + b[:, None])
        )
    timings = measure_interleaved({label: func for _, label, func in variants}, timer)
    reference = timings["sigmoid_layer"].seconds
    rows = [
        Row(
            case=case.name,
            what=what,
            label=label,
            timing=timings[label],
            ratio=ratio_to(timings[label], reference),
            reference=label == "sigmoid_layer",
        )
        for what, label, _ in variants
    ]
    summary = {
        "speedup": timings["seed.nn loop"].seconds / reference,
        "validation_share": 1.0 - timings["no input checks"].seconds / reference,
    }
    if "W @ x + b only" in timings:
        summary["product_share"] = timings["W @ x + b only"].seconds / reference
    return rows, summary


def layer_section(cases, timer: TimerSettings) -> Section:
    """All layer cases, with the speed-up targets and validation notes.

    Parameters
    ----------
    cases : iterable of LayerCase
    timer : TimerSettings

    Returns
    -------
    Section
        ``kind="layer"``.
    """
    section = Section(kind="layer", title="seed loop vs vectorized sigmoid_layer")
    for case in cases:
        rows, summary = benchmark_layer_case(case, timer)
        speedup = summary["speedup"]
        section.rows += rows
        if case.speedup_target is not None:
            section.targets.append(
                Target(
                    name=f"speed-up seed loop / sigmoid_layer, {case.name}",
                    value=f"{speedup:,.0f}x",
                    goal=f">= {case.speedup_target:,.0f}x",
                    met=speedup >= case.speedup_target,
                )
            )
        else:
            section.notes.append(f"{case.name}: speed-up seed loop / sigmoid_layer {speedup:.2f}x (no target)")
        share = summary["validation_share"]
        note = (
            f"{case.name}: input checks take {share:.0%} of helpers.sigmoid_layer's time "
            f"({'they dominate' if share > 0.5 else 'they do not dominate'})"
        )
        if "product_share" in summary:
            note += (
                f"; the matrix product W @ x + b alone takes {summary['product_share']:.0%} of it, "
                "the stable sigmoid most of the rest"
            )
        section.notes.append(note)
    return section

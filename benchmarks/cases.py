"""What ``make bench`` times: the course's cases, each a set of variants that compute the same thing.

* **layer**: the seed's ``nn`` looped over the examples of a batch, against ``helpers.sigmoid_layer``
  on the whole batch (target: at least 100 times faster on a 64->32 layer, m = 1000).
* **gradient**: what one gradient of a two-layer network costs, in forward passes: backprop (target:
  at most 3), central differences and one hot-and-cold "each" sweep (``2 P`` forward passes each).
  On a network too big to run them in full, a subset of parameters is timed and scaled to ``P``.

Each case also times the helpers' own internals past their input checks, which shows what the
checks cost.  Every variant is checked against the helper it stands in for before it is timed, so
that nothing wrong is ever timed.  The timing itself is pytest-benchmark's (``bench_helpers.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import helpers
from helpers.activations import _sigmoid_of_checked as unchecked_sigmoid
from helpers.two_layer import PARAMETER_NAMES
from helpers.two_layer import _backward as unchecked_backward
from helpers.two_layer import _forward as unchecked_forward
from helpers.two_layer import _two_layer_loss as unchecked_loss

#: The finite-difference step of ``helpers.numerical_gradient``, and hot and cold's nudge.
FINITE_DIFFERENCE_STEP, HOT_AND_COLD_STEP = 1e-5, 0.01


@dataclass(frozen=True)
class Variant:
    """One way to compute a case's result: ``seconds = scale * (median time of func())``."""

    func: object
    scale: float = 1.0
    reference: bool = False  # the case's ratios are relative to this variant


@dataclass(frozen=True)
class LayerCase:
    """A layer ``W`` of shape ``(n_out, n_in)`` on ``m`` examples (``m == 1``: one 1-D example)."""

    n_in: int
    n_out: int
    m: int
    speedup_target: float | None = None

    @property
    def name(self) -> str:
        return f"layer {self.n_in}->{self.n_out}, m={self.m}"


@dataclass(frozen=True)
class NetworkCase:
    """A two-layer network ``n_in-n_hidden-n_out`` on ``m`` random examples; ``timed`` parameters at most."""

    n_in: int
    n_hidden: int
    n_out: int
    m: int
    timed: int = 40

    @property
    def name(self) -> str:
        return f"grad {self.n_in}-{self.n_hidden}-{self.n_out}, m={self.m}"

    @property
    def n_parameters(self) -> int:
        return self.n_hidden * (self.n_in + 1) + self.n_out * (self.n_hidden + 1)


LAYER_CASES = (LayerCase(3, 2, 1), LayerCase(64, 32, 1000, speedup_target=100.0))
NETWORK_CASES = (NetworkCase(2, 16, 1, 200, timed=1000), NetworkCase(784, 128, 10, 256))
#: Backprop (forward + backward) may cost at most this many forward passes.
BACKPROP_TARGET = 3.0


def layer_inputs(case: LayerCase, seed: int = 0):
    """``x`` (n_in,) or (n_in, m), ``W`` (n_out, n_in) scaled so ``W @ x`` is of order 1, ``b`` (n_out,)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(case.n_in,) if case.m == 1 else (case.n_in, case.m))
    W = rng.normal(0.0, 1.0 / np.sqrt(case.n_in), size=(case.n_out, case.n_in))
    return x, W, rng.normal(size=case.n_out)


def seed_loop(x, W, b):
    """The seed's way to a batch: ``helpers.seed.nn`` once per example (column of ``x``)."""
    if x.ndim == 1:
        return helpers.seed.nn(x, W, b)[:, 0]
    return np.stack([helpers.seed.nn(x[:, j], W, b)[:, 0] for j in range(x.shape[1])], axis=1)


def layer_variants(case: LayerCase) -> dict:
    """The seed loop, the helper on the whole batch (reference) and its unchecked internals."""
    x, W, b = layer_inputs(case)
    bias = b if x.ndim == 1 else b[:, None]
    variants = {
        "seed.nn loop": Variant(lambda: seed_loop(x, W, b)),
        "sigmoid_layer": Variant(lambda: helpers.sigmoid_layer(x, W, b), reference=True),
        "no input checks": Variant(lambda: unchecked_sigmoid(W @ x + bias)),
    }
    expected = helpers.sigmoid_layer(x, W, b)
    for label, variant in variants.items():
        if not np.allclose(variant.func(), expected, rtol=1e-12, atol=1e-14):
            raise RuntimeError(f"{case.name}: {label!r} disagrees with helpers.sigmoid_layer")
    return variants


def network_problem(case: NetworkCase, seed: int = 0):
    """Seeded parameters, ``X`` (n_in, m) standard normal and ``Y`` (n_out, m) random 0/1 labels."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(case.n_in, case.m))
    Y = rng.integers(0, 2, size=(case.n_out, case.m)).astype(float)
    return helpers.init_two_layer(case.n_in, case.n_hidden, case.n_out, seed=seed), X, Y


def spread_parameter_indices(params: dict, count: int) -> list:
    """``count`` ``(name, index)`` pairs spread evenly over W1, b1, W2, b2 (all of them if fewer)."""
    sizes = [params[name].size for name in PARAMETER_NAMES]
    offsets = np.cumsum([0, *sizes])
    flat = np.unique(np.linspace(0, offsets[-1] - 1, min(count, offsets[-1])).round().astype(int))
    located = []
    for position in flat:
        which = int(np.searchsorted(offsets, position, side="right") - 1)
        name = PARAMETER_NAMES[which]
        index = np.unravel_index(position - offsets[which], params[name].shape)
        located.append((name, tuple(int(i) for i in index)))
    return located


def central_differences(params: dict, X, Y, indices, h: float = FINITE_DIFFERENCE_STEP) -> np.ndarray:
    """``helpers.numerical_gradient``'s loop over the listed parameters only: ``[L(θ+h) - L(θ-h)] / 2h``."""
    shifted = {name: value.copy() for name, value in params.items()}
    estimates = np.empty(len(indices))
    for k, (name, index) in enumerate(indices):
        original = shifted[name][index]
        shifted[name][index] = original + h
        up = unchecked_loss(shifted, X, Y)
        shifted[name][index] = original - h
        down = unchecked_loss(shifted, X, Y)
        shifted[name][index] = original
        estimates[k] = (up - down) / (2.0 * h)
    return estimates


def backprop(params, X, Y, forward=helpers.forward, backward=helpers.backward) -> dict:
    """One forward and one backward pass: the gradient by the chain rule."""
    _, cache = forward(params, X)
    return backward(params, cache, Y)


def gradient_variants(case: NetworkCase) -> dict:
    """Forward (reference), backprop, both unchecked, and the two ``2 P`` methods (scaled from a subset)."""
    params, X, Y = network_problem(case)
    P = case.n_parameters
    indices = spread_parameter_indices(params, case.timed)
    grads = backprop(params, X, Y)
    unchecked = backprop(params, X, Y, unchecked_forward, unchecked_backward)
    exact = np.array([grads[name][index] for name, index in indices])
    if not all(np.allclose(unchecked[name], grads[name], rtol=1e-10, atol=1e-15) for name in grads):
        raise RuntimeError(f"{case.name}: the unchecked backprop disagrees with helpers.backward")
    if not np.allclose(central_differences(params, X, Y, indices), exact, rtol=1e-4, atol=1e-8):
        raise RuntimeError(f"{case.name}: central differences disagree with helpers.backward")
    variants = {
        "forward": Variant(lambda: helpers.forward(params, X), reference=True),
        "backprop": Variant(lambda: backprop(params, X, Y)),
        "forward, no checks": Variant(lambda: unchecked_forward(params, X)),
        "backprop, no checks": Variant(lambda: backprop(params, X, Y, unchecked_forward, unchecked_backward)),
        "finite differences": Variant(lambda: central_differences(params, X, Y, indices), scale=P / len(indices)),
    }
    if len(indices) == P:  # small enough: one whole sweep of the helper
        sweep = Variant(
            lambda: helpers.hot_and_cold_two_layer(params, X, Y, step=HOT_AND_COLD_STEP, epochs=1, nudge="each")
        )
    else:  # every parameter costs the same two loss evaluations: time one, times 2P
        sweep = Variant(lambda: unchecked_loss(params, X, Y), scale=2 * P)
    variants["hot-and-cold each"] = sweep
    return variants

"""Sizes and repeat counts of a full run and of a ``--quick`` smoke run."""

from __future__ import annotations

from dataclasses import dataclass

from .timing import TimerSettings


@dataclass(frozen=True)
class LayerCase:
    """One layer size for the seed-loop versus vectorized comparison.

    Attributes
    ----------
    n_in, n_out : int
        Layer size; ``W`` is ``(n_out, n_in)``.
    m : int
        Number of examples; ``m == 1`` times a single 1-D example.
    speedup_target : float or None
        Required ``seed loop / sigmoid_layer`` ratio, if any.
    """

    n_in: int
    n_out: int
    m: int
    speedup_target: float | None = None

    @property
    def name(self) -> str:
        return f"layer {self.n_in}->{self.n_out}, m={self.m}"


@dataclass(frozen=True)
class NetworkCase:
    """One two-layer network and batch for the gradient-cost comparison.

    Attributes
    ----------
    n_in, n_hidden, n_out : int
        Layer sizes.
    m : int
        Number of random examples.
    """

    n_in: int
    n_hidden: int
    n_out: int
    m: int

    @property
    def name(self) -> str:
        return f"grad {self.n_in}-{self.n_hidden}-{self.n_out}, m={self.m}"

    @property
    def n_parameters(self) -> int:
        """``P``: entries of ``W1``, ``b1``, ``W2`` and ``b2``."""
        return self.n_hidden * (self.n_in + 1) + self.n_out * (self.n_hidden + 1)


@dataclass(frozen=True)
class BenchmarkSettings:
    """Everything that sets the size and duration of a run.

    Attributes
    ----------
    name : str
        ``"full"`` or ``"quick"``; shown in the output.
    timer : TimerSettings
    layer_cases : tuple of LayerCase
    network_cases : tuple of NetworkCase
    parameters_timed : int
        How many parameters the finite-difference and hot-and-cold rows
        time; the result is scaled to all ``P``.
    full_numerical_gradient_max_parameters : int
        Networks with at most this many parameters also time
        ``helpers.numerical_gradient`` over all of them, which checks the
        scaled estimate.
    backprop_target : float
        Required ``(forward + backward) / forward`` ratio, at most.
    slider_budget_seconds : float
        The slider callback budget, in seconds; slider ratios are fractions of it.
    slider_target_fraction : float
        The callback should take "well under" the budget: at most this
        fraction of it.
    hot_and_cold_epochs, xor_epochs, xor_hidden : int
        The two step-size explorers: hot-and-cold "each" on the seed's layer,
        gradient descent on noisy XOR with a ``2-xor_hidden-1`` network.
    """

    name: str
    timer: TimerSettings
    layer_cases: tuple = (LayerCase(3, 2, 1), LayerCase(64, 32, 1000, speedup_target=100.0))
    network_cases: tuple = (NetworkCase(2, 16, 1, 200), NetworkCase(784, 128, 10, 256))
    parameters_timed: int = 20
    full_numerical_gradient_max_parameters: int = 1000
    backprop_target: float = 3.0
    slider_budget_seconds: float = 0.100
    slider_target_fraction: float = 0.5
    hot_and_cold_epochs: int = 50
    xor_epochs: int = 500
    xor_hidden: int = 4


FULL = BenchmarkSettings(name="full", timer=TimerSettings(repeats=15, min_sample_seconds=0.1), parameters_timed=40)
QUICK = BenchmarkSettings(name="quick", timer=TimerSettings(repeats=3, min_sample_seconds=0.005), parameters_timed=4)

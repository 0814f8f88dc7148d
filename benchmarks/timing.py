"""Median timings of repeated calls, measured with :mod:`timeit`.

Every number the benchmark reports is the median of several samples; each
sample runs the function enough times in a row to last at least
``TimerSettings.min_sample_seconds``, so that microsecond-scale calls are not
lost in the clock's resolution.  Functions that are compared with each other
are sampled in turn (``measure_interleaved``), so that their ratio is measured
under the same conditions.
"""

from __future__ import annotations

import math
import statistics
import timeit
from dataclasses import dataclass


@dataclass(frozen=True)
class TimerSettings:
    """How hard to time one function.

    Attributes
    ----------
    repeats : int
        Number of samples; the median is reported.
    min_sample_seconds : float
        Each sample repeats the call until it lasts at least this long
        (``0`` means one call per sample).
    """

    repeats: int = 7
    min_sample_seconds: float = 0.05


@dataclass(frozen=True)
class Timing:
    """The result of timing one function.

    Attributes
    ----------
    seconds : float
        Median time of one call.
    samples : tuple of float
        Time of one call in each sample (a sample's total divided by ``number``).
    number : int
        Calls per sample.
    """

    seconds: float
    samples: tuple
    number: int

    def scaled(self, factor: float) -> Timing:
        """The same timing multiplied by ``factor`` (for estimates scaled from a subset)."""
        return Timing(self.seconds * factor, tuple(s * factor for s in self.samples), self.number)


def calls_per_sample(timer: timeit.Timer, min_sample_seconds: float) -> int:
    """How many calls make one sample last at least ``min_sample_seconds``.

    Parameters
    ----------
    timer : timeit.Timer
        Wraps the function to time.
    min_sample_seconds : float
        Target duration of one sample.

    Returns
    -------
    int
        At least 1.
    """
    if min_sample_seconds <= 0:
        return 1
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_sample_seconds / 10 or number >= 10**7:
            break
        number *= 10
    return max(1, math.ceil(number * min_sample_seconds / max(elapsed, 1e-12)))


def measure_interleaved(funcs: dict, settings: TimerSettings) -> dict:
    """Time several functions with their samples interleaved.

    Each function is warmed up once and calibrated on its own; then the
    samples are taken round-robin (one of each, ``settings.repeats`` times),
    so that a burst of load from other processes slows all of them alike
    and the ratios between them stay fair.

    Parameters
    ----------
    funcs : dict of str to callable
        Each called with no arguments; results are ignored.
    settings : TimerSettings

    Returns
    -------
    dict of str to Timing
        Same keys, same order: median and samples in seconds per call.
    """
    timers = {}
    for name, func in funcs.items():
        func()  # warm-up: lazy imports, caches, BLAS start-up
        timer = timeit.Timer(func)
        timers[name] = (timer, calls_per_sample(timer, settings.min_sample_seconds))
    samples = {name: [] for name in funcs}
    for _ in range(max(1, settings.repeats)):
        for name, (timer, number) in timers.items():
            samples[name].append(timer.timeit(number) / number)
    return {name: Timing(statistics.median(samples[name]), tuple(samples[name]), timers[name][1]) for name in funcs}


def measure(func, settings: TimerSettings) -> Timing:
    """Time ``func()``: one warm-up call, then ``settings.repeats`` samples.

    Parameters
    ----------
    func : callable
        Called with no arguments; its result is ignored.
    settings : TimerSettings

    Returns
    -------
    Timing
        Median and samples, in seconds per call.
    """
    return measure_interleaved({"func": func}, settings)["func"]


def format_seconds(seconds: float) -> str:
    """A duration to three significant digits with a unit: ``'12.3 us'``, ``'456 ms'``, ``'93.7 min'``."""
    for unit, scale in (("h", 3600.0), ("min", 60.0), ("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"

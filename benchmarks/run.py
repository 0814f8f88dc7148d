"""Run every benchmark section with one set of settings."""

from __future__ import annotations

import platform
import time

import matplotlib
import numpy as np

from .gradient_cost import gradient_section
from .layer_speedup import layer_section
from .settings import BenchmarkSettings
from .slider_callback import slider_section
from .suite_wall_time import suite_wall_time_section


def run_benchmarks(
    settings: BenchmarkSettings, with_test_suite: bool = False, progress=None, test_suite_env: dict | None = None
) -> list:
    """Measure everything; return the sections in report order.

    Parameters
    ----------
    settings : BenchmarkSettings
    with_test_suite : bool
        Also time ``make test`` once (takes minutes).
    progress : callable, optional
        Called with a short message before each section (e.g. ``print`` to stderr).
    test_suite_env : dict, optional
        Environment for ``make test``; by default this process's.

    Returns
    -------
    list of Section
        Layer, gradient, slider and test-suite sections.
    """
    say = progress or (lambda message: None)
    say("layer: seed loop vs sigmoid_layer")
    sections = [layer_section(settings.layer_cases, settings.timer)]
    say("gradient cost")
    sections.append(
        gradient_section(
            settings.network_cases,
            settings.timer,
            settings.parameters_timed,
            settings.backprop_target,
            settings.full_numerical_gradient_max_parameters,
        )
    )
    say("slider callbacks")
    sections.append(
        slider_section(
            settings.timer,
            settings.slider_budget_seconds,
            settings.slider_target_fraction,
            settings.hot_and_cold_epochs,
            settings.xor_epochs,
            settings.xor_hidden,
        )
    )
    if with_test_suite:
        say("test suite (make test)")
    sections.append(suite_wall_time_section(with_test_suite, env=test_suite_env))
    return sections


def describe_run(settings: BenchmarkSettings, elapsed_seconds: float | None = None) -> str:
    """One line on what ran where: settings, versions, machine."""
    timer = settings.timer
    text = (
        f"{settings.name} run: median of {timer.repeats} samples of >= {timer.min_sample_seconds * 1e3:g} ms each; "
        f"Python {platform.python_version()}, NumPy {np.__version__}, Matplotlib {matplotlib.__version__}, "
        f"{platform.machine()} {platform.system()}"
    )
    if elapsed_seconds is not None:
        text += f"; benchmark took {elapsed_seconds:.0f} s"
    return text


def timed_run(
    settings: BenchmarkSettings, with_test_suite: bool = False, progress=None, test_suite_env: dict | None = None
):
    """``run_benchmarks`` plus its own wall time: ``(sections, elapsed_seconds)``."""
    start = time.perf_counter()
    sections = run_benchmarks(settings, with_test_suite, progress, test_suite_env)
    return sections, time.perf_counter() - start

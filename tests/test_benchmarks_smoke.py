"""Smoke test of the benchmark's pieces (``python -m benchmarks``) on tiny sizes.

Nothing here asserts a timing: machines differ.  The tests check that every
section produces its rows, targets and positive ratios, that the table names
every case, that the figure is written, and that the variants the benchmark
times compute the same numbers as the helpers they stand in for.
"""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # `benchmarks` lives beside `helpers` but is not installed
    sys.path.insert(0, str(REPO_ROOT))

import helpers  # noqa: E402
from benchmarks import no_checks  # noqa: E402
from benchmarks.__main__ import limit_blas_threads, parse_arguments  # noqa: E402
from benchmarks.figure import save_figure  # noqa: E402
from benchmarks.gradient_cost import (  # noqa: E402
    central_differences,
    gradient_section,
    network_problem,
    spread_parameter_indices,
)
from benchmarks.layer_speedup import layer_inputs, layer_section, seed_loop  # noqa: E402
from benchmarks.settings import FULL, QUICK, LayerCase, NetworkCase  # noqa: E402
from benchmarks.slider_callback import slider_section  # noqa: E402
from benchmarks.suite_wall_time import last_summary_line, suite_wall_time_section  # noqa: E402
from benchmarks.table import format_ratio, format_report, format_table  # noqa: E402
from benchmarks.timing import TimerSettings, format_seconds, measure  # noqa: E402

TINY_TIMER = TimerSettings(repeats=1, min_sample_seconds=0.0)
TINY_LAYERS = (LayerCase(3, 2, 1), LayerCase(4, 3, 5, speedup_target=1.0))
TINY_NETWORK = NetworkCase(2, 3, 1, 7)


@pytest.fixture(scope="module")
def sections():
    """Every section, measured once on tiny sizes."""
    return [
        layer_section(TINY_LAYERS, TINY_TIMER),
        gradient_section([TINY_NETWORK], TINY_TIMER, parameters_timed=3, backprop_target=3.0),
        slider_section(TINY_TIMER, 0.1, 0.5, hot_and_cold_epochs=2, xor_epochs=3, xor_hidden=2),
        suite_wall_time_section(measure_it=False),
    ]


def test_measure_returns_median_of_the_samples():
    timing = measure(lambda: sum(range(100)), TimerSettings(repeats=3, min_sample_seconds=0.0))
    assert len(timing.samples) == 3 and timing.number == 1
    assert min(timing.samples) <= timing.seconds <= max(timing.samples)
    assert timing.scaled(10).seconds == pytest.approx(10 * timing.seconds)


@pytest.mark.parametrize(
    "seconds, text",
    [(2.5e-9, "2.5 ns"), (1.234e-5, "12.3 us"), (0.456, "456 ms"), (1.5, "1.5 s"), (5620.0, "1.56 h")],
)
def test_format_seconds(seconds, text):
    assert format_seconds(seconds) == text


def test_format_ratio():
    assert format_ratio(None) == "-"
    assert format_ratio(2.0, reference=True) == "1 (ref)"
    assert format_ratio(0.271) == "0.27x"
    assert format_ratio(203540.0) == "203,540x"


def test_every_section_produces_rows_with_positive_ratios(sections):
    kinds = [section.kind for section in sections]
    assert kinds == ["layer", "gradient", "slider", "test_suite"]
    for section in sections[:3]:
        assert section.rows and section.targets
        for row in section.rows:
            assert row.timing is not None and row.timing.seconds > 0
            assert row.ratio is not None and row.ratio > 0
    # one reference row per layer case and per network
    assert sum(row.reference for row in sections[0].rows) == len(TINY_LAYERS)
    assert sum(row.reference for row in sections[1].rows) == 1


def test_layer_section_rows_and_target(sections):
    layer = sections[0]
    assert {row.case for row in layer.rows} == {case.name for case in TINY_LAYERS}
    # 3 rows for a single example, 5 for a batch (adds sigmoid_layer per example and the product alone)
    assert len(layer.rows) == 3 + 5
    (target,) = layer.targets  # only the batch case has a speed-up target
    assert "layer 4->3, m=5" in target.name and target.value.endswith("x")


def test_gradient_section_rows_and_target(sections):
    gradient = sections[1]
    labels = [row.label for row in gradient.rows]
    assert labels == [
        "forward",
        "backprop",
        "forward, no checks",
        "backprop, no checks",
        "numerical_gradient",
        "finite differences",
        "hot-and-cold each",
    ]
    estimated = [row.label for row in gradient.rows if row.estimated]
    # 3 of P = 13 parameters timed for finite differences; a network this small gets a whole
    # hot-and-cold sweep timed, not an estimate
    assert estimated == ["finite differences"]
    assert gradient.targets[0].name == f"backprop / forward, {TINY_NETWORK.name}"
    assert any("input checks take" in note for note in gradient.notes)


def test_slider_section_has_both_explorers(sections):
    slider = sections[2]
    cases = list(dict.fromkeys(row.case for row in slider.rows))
    assert cases == ["slider: hot-and-cold 3->2 x2", "slider: XOR 2-2-1 x3"]
    assert len(slider.rows) == 2 * 2 and len(slider.targets) == 2
    assert [target.name.split(",")[0] for target in slider.targets] == ["explorer.shown"] * 2
    assert all("cached run, looked up" in note for note in slider.notes[:2])


def test_table_names_every_case_and_aligns_columns(sections):
    rows = [row for section in sections for row in section.rows]
    table = format_table(rows)
    for row in rows:
        assert row.case in table
    lines = table.splitlines()
    assert lines[0].split() == ["case", "what", "median", "time", "ratio"]
    ratio_end = len(lines[0])  # right-aligned ratios end where the header does
    assert all(len(line) == ratio_end for line in lines[2:] if line)
    assert "not measured" in table


def test_report_lists_targets_and_notes(sections):
    report = format_report(sections, header="tiny run")
    assert report.startswith("tiny run")
    assert "Targets" in report and "Notes" in report
    for section in sections:
        for target in section.targets:
            assert target.name in report


def test_figure_is_saved_as_png(sections, tmp_path):
    path = save_figure(sections, tmp_path / "docs" / "benchmark.png", subtitle="tiny run")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_seed_loop_matches_sigmoid_layer():
    for case in TINY_LAYERS:
        x, W, b = layer_inputs(case)
        np.testing.assert_allclose(seed_loop(x, W, b), helpers.sigmoid_layer(x, W, b), rtol=1e-12)
        np.testing.assert_allclose(no_checks.sigmoid_layer(x, W, b), helpers.sigmoid_layer(x, W, b), rtol=1e-12)


def test_no_checks_formulas_match_helpers():
    params, X, Y = network_problem(TINY_NETWORK)
    A2, cache = helpers.forward(params, X)
    A2_bare, cache_bare = no_checks.forward(params, X)
    np.testing.assert_allclose(A2_bare, A2, rtol=1e-12)
    grads, grads_bare = helpers.backward(params, cache, Y), no_checks.backward(params, cache_bare, Y)
    for name in grads:
        np.testing.assert_allclose(grads_bare[name], grads[name], rtol=1e-12, atol=1e-15)
    assert no_checks.two_layer_loss(params, X, Y) == pytest.approx(helpers.two_layer_loss(params, X, Y), rel=1e-12)


def test_spread_parameter_indices_cover_every_array():
    params, _, _ = network_problem(TINY_NETWORK)
    everything = spread_parameter_indices(params, 1000)
    assert len(everything) == TINY_NETWORK.n_parameters == 13
    assert len(set(everything)) == 13
    some = spread_parameter_indices(params, 4)
    assert len(some) == 4 and some[0] == ("W1", (0, 0)) and some[-1] == ("b2", (0, 0))


def test_central_differences_equal_numerical_gradient():
    params, X, Y = network_problem(TINY_NETWORK)
    indices = spread_parameter_indices(params, 5)
    expected = helpers.numerical_gradient(params, X, Y)
    np.testing.assert_allclose(
        central_differences(params, X, Y, indices), [expected[name][index] for name, index in indices], rtol=1e-12
    )


def test_test_suite_row_and_summary_line():
    (row,) = suite_wall_time_section(measure_it=False).rows
    assert row.timing is None and row.ratio is None
    assert last_summary_line("collected 3 items\n\n===== 3 passed in 1.2s =====\n") == "3 passed in 1.2s"


def test_test_suite_is_timed_once_when_asked():
    command = (sys.executable, "-c", "print('collected 3 items'); print('== 3 passed in 0.1s ==')")
    section = suite_wall_time_section(measure_it=True, command=command, cwd=REPO_ROOT)
    (row,) = section.rows
    assert row.timing.seconds > 0 and row.timing.number == 1 and row.ratio is None
    assert section.notes[0].endswith("exited with 0; last line of its output: 3 passed in 0.1s")


def test_blas_threads_are_left_alone_once_numpy_is_loaded(monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    assert limit_blas_threads(0) == "BLAS threads: library default"
    assert "NumPy was imported" in limit_blas_threads(1)  # too late to apply: nothing is changed
    assert "OPENBLAS_NUM_THREADS" not in os.environ


def test_command_line_flags():
    assert parse_arguments([]).quick is False and parse_arguments([]).with_test_suite is False
    arguments = parse_arguments(["--quick", "--with-test-suite", "--no-figure", "--blas-threads", "0"])
    assert arguments.quick and arguments.with_test_suite and arguments.no_figure
    assert parse_arguments([]).blas_threads == 1 and arguments.blas_threads == 0
    assert QUICK.timer.repeats < FULL.timer.repeats

"""``make bench``'s pieces, untimed: every variant computes what it stands in for, targets and figure read JSON.

Nothing here asserts a timing (machines differ): the cases run on tiny sizes, each variant once,
and a made-up pytest-benchmark JSON goes through the targets, the report and the figure.
"""

import json

import numpy as np
import pytest

import helpers
from benchmarks import __main__ as bench_main
from benchmarks import bench_helpers, cases, suite_wall_time, targets
from benchmarks.cases import LayerCase, NetworkCase

TINY_LAYERS = (LayerCase(3, 2, 1), LayerCase(4, 3, 5, speedup_target=1.0))
TINY_NETWORKS = (NetworkCase(2, 3, 1, 7, timed=1000), NetworkCase(3, 4, 2, 6, timed=5))


@pytest.mark.parametrize("case", TINY_LAYERS, ids=lambda case: case.name)
def test_every_layer_variant_runs_and_one_is_the_reference(case):
    variants = cases.layer_variants(case)  # raises if a variant disagrees with helpers.sigmoid_layer
    assert [label for label, v in variants.items() if v.reference] == ["sigmoid_layer"]
    x, W, b = cases.layer_inputs(case)
    np.testing.assert_allclose(variants["seed.nn loop"].func(), helpers.sigmoid_layer(x, W, b), rtol=1e-12)


@pytest.mark.parametrize("case", TINY_NETWORKS, ids=lambda case: case.name)
def test_every_gradient_variant_runs_and_a_subset_is_scaled_to_all_parameters(case):
    variants = cases.gradient_variants(case)  # raises if backprop and the differences disagree
    assert list(variants) == bench_helpers.LABELS["grad"]
    for variant in variants.values():
        variant.func()
    P = case.n_parameters
    if case.timed >= P:  # all timed: no scaling, and the sweep is the helper's own
        assert {v.scale for v in variants.values()} == {1.0}
    else:
        assert variants["finite differences"].scale == P / case.timed
        assert variants["hot-and-cold each"].scale == 2 * P


def test_central_differences_equal_numerical_gradient():
    params, X, Y = cases.network_problem(TINY_NETWORKS[0])
    indices = cases.spread_parameter_indices(params, 5)
    expected = helpers.numerical_gradient(params, X, Y)
    np.testing.assert_allclose(
        cases.central_differences(params, X, Y, indices), [expected[n][i] for n, i in indices], rtol=1e-12
    )


def test_spread_parameter_indices_cover_every_array():
    params, _, _ = cases.network_problem(TINY_NETWORKS[0])
    assert len(set(cases.spread_parameter_indices(params, 1000))) == TINY_NETWORKS[0].n_parameters == 13
    some = cases.spread_parameter_indices(params, 4)
    assert len(some) == 4 and some[0] == ("W1", (0, 0)) and some[-1] == ("b2", (0, 0))


def test_the_benchmarks_cover_every_case_and_variant():
    ids = [param.id for param in bench_helpers.PARAMETERS]
    assert len(ids) == 3 * len(cases.LAYER_CASES) + 6 * len(cases.NETWORK_CASES) == len(set(ids))


def entry(group, label, median, scale=1.0, reference=False):
    extra = {"label": label, "scale": scale, "reference": reference}
    return {"group": group, "extra_info": extra, "stats": {"median": median}}


LAYER, GRAD, SLIDER = "layer 64->32, m=1000", "grad 784-128-10, m=256", next(iter(targets.EXPLORERS))


@pytest.fixture
def results(tmp_path):
    """A pytest-benchmark JSON: a 200x layer, backprop at 2.5 forwards (one estimate), a 30 ms slider."""
    benchmarks = [
        entry(LAYER, "seed.nn loop", 0.2),
        entry(LAYER, "sigmoid_layer", 0.001, reference=True),
        entry(GRAD, "forward", 0.002, reference=True),
        entry(GRAD, "backprop", 0.005),
        entry(GRAD, "finite differences", 0.01, scale=1000.0),
        entry(SLIDER, "shown(step)", 0.03),
    ]
    machine = {"python_version": "3.11.7", "machine": "x86_64", "system": "Linux", "cpu": {"brand_raw": "a CPU"}}
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"benchmarks": benchmarks, "machine_info": machine}))
    return path


def test_rows_are_scaled_medians_over_the_case_reference(results):
    rows = {(row.case, row.label): row for row in targets.read_rows(results)}
    assert rows[LAYER, "seed.nn loop"].ratio == pytest.approx(200)
    estimate = rows[GRAD, "finite differences"]
    assert estimate.seconds == pytest.approx(10.0) and estimate.ratio == pytest.approx(5000) and estimate.estimated
    assert rows[SLIDER, "shown(step)"].ratio is None  # a slider case has no reference


def test_targets_say_which_are_met(results):
    found = {target.name: target for target in targets.targets(targets.read_rows(results))}
    assert (
        found[f"seed loop / sigmoid_layer, {LAYER}"].met
        and found[f"seed loop / sigmoid_layer, {LAYER}"].value == "200x"
    )
    assert found[f"backprop / forward, {GRAD}"].met and found[f"backprop / forward, {GRAD}"].value == "2.50"
    assert found[f"slider move, {SLIDER}"].met
    (slow,) = targets.targets([targets.Row(SLIDER, "shown(step)", 0.065, None, False)])
    assert not slow.met and slow.value == "65.0 ms"


def test_report_and_figure(results, tmp_path, capsys):
    assert bench_main.main([str(results), "--figure", str(tmp_path / "docs" / "benchmark.png")]) == 0
    out = capsys.readouterr().out
    assert "~10 s" in out and "5e+03x" in out and "met    " in out and "Python 3.11.7" not in out
    assert (tmp_path / "docs" / "benchmark.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "seconds, text", [(2.5e-9, "2.5 ns"), (1.234e-5, "12.3 us"), (0.456, "456 ms"), (1.5, "1.5 s")]
)
def test_format_seconds(seconds, text):
    assert targets.format_seconds(seconds) == text


def test_suite_timing_counts_the_cpu_of_the_command(capsys):
    burn = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\nprint('1 passed in 0.3s')"
    wall, cpu, completed = suite_wall_time.timed_command(["python3", "-c", burn])
    assert completed.returncode == 0 and cpu >= 0.25 and wall >= cpu * 0.5
    assert suite_wall_time.last_summary_line(completed.stdout) == "1 passed in 0.3s"

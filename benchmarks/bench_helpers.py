"""pytest-benchmark times every variant of every case in ``cases.py`` (``make bench``).

Each benchmark's group is its case, and its ``extra_info`` says how ``targets.py`` reads it: the
variant's label, the factor its time is scaled by (a subset scaled to all ``P`` parameters), and
whether it is the case's reference.  The files are named ``bench_*.py`` so that ``make test`` never
collects them; ``tests/test_benchmarks.py`` runs each once, untimed.
"""

from __future__ import annotations

import functools

import pytest

from .cases import LAYER_CASES, NETWORK_CASES, gradient_variants, layer_variants

#: (case, variants of it), built (and checked) once per case.
CASES = [(case, functools.cache(layer_variants)) for case in LAYER_CASES]
CASES += [(case, functools.cache(gradient_variants)) for case in NETWORK_CASES]
LABELS = {"layer": ["seed.nn loop", "sigmoid_layer", "no input checks"]}
LABELS["grad"] = ["forward", "backprop", "forward, no checks", "backprop, no checks"]
LABELS["grad"] += ["finite differences", "hot-and-cold each"]
PARAMETERS = [
    pytest.param(case, variants, label, id=f"{case.name} | {label}")
    for case, variants in CASES
    for label in LABELS[case.name.split()[0]]
]


@pytest.mark.parametrize("case, variants, label", PARAMETERS)
def bench_variant(benchmark, case, variants, label):
    variant = variants(case)[label]
    benchmark.group = case.name
    benchmark.extra_info.update(label=label, scale=variant.scale, reference=variant.reference)
    benchmark(variant.func)

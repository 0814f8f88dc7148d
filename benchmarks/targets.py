"""The course's targets, read from pytest-benchmark's JSON: each case's times, ratios, and what is met.

Times are medians, multiplied by a variant's ``scale`` (a subset of parameters scaled to all ``P``:
marked ``~``); a ratio is a time over its case's reference time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .bench_slider import EXPLORERS
from .cases import BACKPROP_TARGET, LAYER_CASES, NETWORK_CASES

#: The kernel's part of a slider move should take well under this (read as at most half of it).
SLIDER_BUDGET_SECONDS = 0.100


@dataclass(frozen=True)
class Row:
    """One variant of one case: its (scaled) median time and its ratio to the case's reference."""

    case: str
    label: str
    seconds: float
    ratio: float | None
    estimated: bool


@dataclass(frozen=True)
class Target:
    name: str
    value: str
    goal: str
    met: bool


def read_rows(path) -> list[Row]:
    """Every benchmark in pytest-benchmark's JSON ``path``, as rows in the order they ran."""
    benchmarks = json.loads(Path(path).read_text())["benchmarks"]
    seconds = {
        (b["group"], b["extra_info"]["label"]): b["stats"]["median"] * b["extra_info"]["scale"] for b in benchmarks
    }
    references = {
        b["group"]: seconds[b["group"], b["extra_info"]["label"]] for b in benchmarks if b["extra_info"]["reference"]
    }
    return [
        Row(
            case=b["group"],
            label=b["extra_info"]["label"],
            seconds=seconds[b["group"], b["extra_info"]["label"]],
            ratio=seconds[b["group"], b["extra_info"]["label"]] / references[b["group"]]
            if b["group"] in references
            else None,
            estimated=b["extra_info"]["scale"] != 1.0,
        )
        for b in benchmarks
    ]


def targets(rows: list[Row]) -> list[Target]:
    """The speed-up, backprop and slider targets of every case that ran."""
    time = {(row.case, row.label): row.seconds for row in rows}
    found = []
    for case in LAYER_CASES:
        if case.speedup_target and (case.name, "seed.nn loop") in time:
            speedup = time[case.name, "seed.nn loop"] / time[case.name, "sigmoid_layer"]
            goal = f">= {case.speedup_target:,.0f}x"
            found.append(
                Target(
                    f"seed loop / sigmoid_layer, {case.name}", f"{speedup:,.0f}x", goal, speedup >= case.speedup_target
                )
            )
    for case in NETWORK_CASES:
        if (case.name, "backprop") in time:
            ratio = time[case.name, "backprop"] / time[case.name, "forward"]
            goal = f"<= {BACKPROP_TARGET:g} forwards"
            found.append(Target(f"backprop / forward, {case.name}", f"{ratio:.2f}", goal, ratio <= BACKPROP_TARGET))
    for case in EXPLORERS:
        if (case, "shown(step)") in time:
            ms = time[case, "shown(step)"] * 1e3
            well_under = SLIDER_BUDGET_SECONDS / 2 * 1e3
            found.append(Target(f"slider move, {case}", f"{ms:.1f} ms", f"<= {well_under:.0f} ms", ms <= well_under))
    return found


def format_seconds(seconds: float) -> str:
    """``'12.3 us'``, ``'456 ms'``, ``'1.5 s'``."""
    for unit, factor in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= factor:
            return f"{seconds / factor:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def report(rows: list[Row]) -> str:
    """The table of times and ratios, then every target, met or not."""
    lines = [f"{'case':<28} {'variant':<22} {'median':>10}  ratio to the case's reference"]
    for row in rows:
        ratio = "-" if row.ratio is None else f"{row.ratio:,.3g}x"
        median = ("~" if row.estimated else "") + format_seconds(row.seconds)
        lines.append(f"{row.case:<28} {row.label:<22} {median:>10}  {ratio}")
    lines += ["", "~: a timed subset of the parameters, scaled to all P of them", "", "Targets:"]
    for target in targets(rows):
        lines.append(
            f"  {'met    ' if target.met else 'NOT met'}  {target.name}: {target.value} (target {target.goal})"
        )
    return "\n".join(lines)

"""Wall time of the whole test command, ``make test``, measured on request.

``python -m benchmarks --with-test-suite`` times one run in its table;
``python -m benchmarks.suite_wall_time --runs 3`` (``make bench-suite``) times
several and prints each with the machine's load average before it: on a
shared machine the load says whether a slow run was the suite or its
neighbours.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .results import Row, Section
from .timing import Timing

#: The repository root: the directory holding the Makefile.
REPO_ROOT = Path(__file__).resolve().parents[1]

CASE = "test suite"
WHAT = "make test (ruff, then pytest + nbval in parallel), wall time, one run"


def last_summary_line(output: str) -> str:
    """The last non-empty line of pytest's output, e.g. ``'12 passed in 3.4s'``, without ``=`` padding."""
    lines = [line.strip(" =") for line in output.splitlines() if line.strip(" =")]
    return lines[-1] if lines else "(no output)"


def timed_command(command=("make", "test"), cwd: Path = REPO_ROOT, env: dict | None = None):
    """Run ``command`` once in ``cwd``; return ``(wall seconds, subprocess.CompletedProcess)``."""
    start = time.perf_counter()
    completed = subprocess.run(list(command), cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, completed


def suite_wall_time_section(
    measure_it: bool, command=("make", "test"), cwd: Path = REPO_ROOT, env: dict | None = None
) -> Section:
    """Run ``command`` once in ``cwd`` and time it, or report it as not measured.

    Parameters
    ----------
    measure_it : bool
        False gives a "not measured" row without running anything.
    command : sequence of str
    cwd : pathlib.Path
    env : dict, optional
        The command's environment; by default this process's.  The command
        line passes the environment as it was before the benchmark limited
        the BLAS threads, so the tests run as they would on their own.

    Returns
    -------
    Section
        ``kind="test_suite"``, one row, no ratio; a note with the exit code
        and pytest's summary line when measured.
    """
    section = Section(kind="test_suite", title="test suite wall time")
    if not measure_it:
        section.rows.append(Row(case=CASE, what=WHAT, label="make test", timing=None))
        section.notes.append(
            "test suite: not measured (run `make bench ARGS=--with-test-suite`, or `make bench-suite` for three runs)"
        )
        return section
    seconds, completed = timed_command(command, cwd, env)
    section.rows.append(Row(case=CASE, what=WHAT, label="make test", timing=Timing(seconds, (seconds,), 1)))
    section.notes.append(
        f"test suite: `{' '.join(command)}` exited with {completed.returncode}; "
        f"last line of its output: {last_summary_line(completed.stdout)}"
    )
    return section


def main(argv=None) -> int:
    """Time ``make test`` ``--runs`` times; print each run and the median; exit 1 if a run failed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.suite_wall_time", description=main.__doc__)
    parser.add_argument("--runs", type=int, default=3, help="how many runs (default: %(default)s)")
    arguments = parser.parse_args(argv)
    times, failed = [], False
    for run in range(1, arguments.runs + 1):
        load = os.getloadavg()[0]
        seconds, completed = timed_command()
        times.append(seconds)
        failed |= completed.returncode != 0
        print(
            f"run {run}: {seconds:.1f} s wall, exit {completed.returncode}, load average before it {load:.2f}; "
            f"{last_summary_line(completed.stdout)}",
            flush=True,
        )
        if completed.returncode != 0:
            print(completed.stdout[-3000:] + completed.stderr[-3000:], file=sys.stderr)
    print(f"make test: median {statistics.median(times):.1f} s, fastest {min(times):.1f} s over {len(times)} runs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

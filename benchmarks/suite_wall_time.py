"""Wall time of the whole test command, ``make test``, measured once on request."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from .results import Row, Section
from .timing import Timing

#: The repository root: the directory holding the Makefile.
REPO_ROOT = Path(__file__).resolve().parents[1]

CASE = "test suite"
WHAT = "make test (pytest + nbval), wall time, one run"


def last_summary_line(output: str) -> str:
    """The last non-empty line of pytest's output, e.g. ``'12 passed in 3.4s'``, without ``=`` padding."""
    lines = [line.strip(" =") for line in output.splitlines() if line.strip(" =")]
    return lines[-1] if lines else "(no output)"


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
        section.notes.append("test suite: not measured (run `python -m benchmarks --with-test-suite`)")
        return section
    start = time.perf_counter()
    completed = subprocess.run(list(command), cwd=cwd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    section.rows.append(Row(case=CASE, what=WHAT, label="make test", timing=Timing(seconds, (seconds,), 1)))
    section.notes.append(
        f"test suite: `{' '.join(command)}` exited with {completed.returncode}; "
        f"last line of its output: {last_summary_line(completed.stdout)}"
    )
    return section

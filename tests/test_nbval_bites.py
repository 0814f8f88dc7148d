"""The notebook regression suite bites: change one number in a helper and nbval fails.

A copy of ``helpers`` with the mean squared error scaled by 1.001 is put first
on the kernel's ``PYTHONPATH``, and notebook 01 is re-executed under nbval
with the options ``make test`` uses (pyproject.toml's).  Its stored
``0.075000`` no longer matches.  Only the cells it takes are run: notebook 01
up to the first code cell whose stored output shows the mean squared error.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "01_defining_the_loss.ipynb"
ORIGINAL = "        mean = float(np.mean((y - h) ** 2))\n"
PERTURBED = "        mean = float(np.mean((y - h) ** 2) * 1.001)\n"
STORED, PERTURBED_VALUE = "mean_squared_error:     0.075000", "0.075075"


pytestmark = pytest.mark.kernel  # executes notebooks in kernels: `make test`, not `make check`


def perturbed_helpers(tmp_path: Path) -> Path:
    """A copy of the helpers package whose mean_squared_error is 0.1 % too large; return its parent."""
    copy = tmp_path / "perturbed"
    shutil.copytree(ROOT / "helpers", copy / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    losses = copy / "helpers" / "losses.py"
    source = losses.read_text()
    assert source.count(ORIGINAL) == 1, "the line to perturb has changed: update this test"
    losses.write_text(source.replace(ORIGINAL, PERTURBED))
    return copy


def cells_up_to_the_mse(tmp_path: Path) -> Path:
    """Notebook 01 cut after the first code cell whose stored output shows ``STORED``; return its path."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    shows_it = [
        index
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and any(STORED in output.get("text", "") for output in cell.outputs)
    ]
    assert shows_it, f"no cell of {NOTEBOOK.name} prints {STORED!r} any more: update this test"
    nb.cells = nb.cells[: shows_it[0] + 1]
    path = tmp_path / "notebook" / NOTEBOOK.name
    path.parent.mkdir()
    nbformat.write(nb, path)
    return path


def run_nbval(notebook: Path, env: dict) -> subprocess.CompletedProcess:
    """pytest on ``notebook`` with pyproject.toml's options, in this process (no xdist workers)."""
    command = [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "-n", "0", "-q", str(notebook)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_a_perturbed_helper_makes_nbval_fail(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(perturbed_helpers(tmp_path)))
    run = run_nbval(cells_up_to_the_mse(tmp_path), env)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output[-3000:]
    assert PERTURBED_VALUE in output and STORED.split()[-1] in output, output[-3000:]  # new value against stored
    assert "failed" in output.splitlines()[-1]

"""The notebook regression suite bites: change one number in a helper and nbval fails.

A copy of ``helpers`` with the mean squared error scaled by 1.001 is put first
on the kernel's ``PYTHONPATH``, and notebook 01 is re-executed under nbval as
``make test`` does.  Its stored ``0.075000`` no longer matches.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "01_defining_the_loss.ipynb"
ORIGINAL = "        mean = float(np.mean((y - h) ** 2))\n"
PERTURBED = "        mean = float(np.mean((y - h) ** 2) * 1.001)\n"


def perturbed_helpers(tmp_path: Path) -> Path:
    """A copy of the helpers package whose mean_squared_error is 0.1 % too large; return its parent."""
    copy = tmp_path / "perturbed"
    shutil.copytree(ROOT / "helpers", copy / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    losses = copy / "helpers" / "losses.py"
    source = losses.read_text()
    assert source.count(ORIGINAL) == 1, "the line to perturb has changed: update this test"
    losses.write_text(source.replace(ORIGINAL, PERTURBED))
    return copy


def test_a_perturbed_helper_makes_nbval_fail(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(perturbed_helpers(tmp_path)))
    run = subprocess.run(
        [sys.executable, "-m", "pytest", str(NOTEBOOK), "-q"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1, output[-3000:]
    assert "0.075075" in output and "0.075000" in output, output[-3000:]  # the new value against the stored one
    assert "failed" in output.splitlines()[-1]

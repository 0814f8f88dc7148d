"""``make check`` (``pytest --no-kernels``): no test that needs a kernel or a browser runs, marked or not.

conftest.py leaves out the tests marked ``kernel`` or ``browser`` (every nbval cell is marked
``kernel``), and refuses to start a kernel, a Jupyter server or a browser, so that a new test
that needs one and forgot its marker fails in ``make check`` instead of slowing it down.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_xdist_groups import root_conftest  # tests/ is on sys.path under pytest

ROOT = Path(__file__).resolve().parent.parent
starts_a_kernel_or_browser = root_conftest.starts_a_kernel_or_browser


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ipykernel_launcher", "-f", "/tmp/kernel-1.json"],  # nbclient's kernels
        ["/usr/bin/chromium", "--headless"],
        ["/venv/lib/python3.11/site-packages/playwright/driver/node", "cli.js", "run-driver"],
        [sys.executable, "-m", "jupyterlab", "--no-browser"],
        ["/venv/bin/jupyter-lab", "--no-browser"],
        [sys.executable, "-m", "voila", "notebooks/03_hot_and_cold.ipynb"],
        [sys.executable, "-m", "pytest", "-q", "notebooks/01_defining_the_loss.ipynb"],  # nbval in a child
        "jupyter nbconvert --execute notebooks/01_defining_the_loss.ipynb",
    ],
)
def test_a_command_that_starts_a_kernel_a_server_or_a_browser_is_refused(command):
    assert starts_a_kernel_or_browser(command)


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-c", "import helpers.losses"],
        [sys.executable, "-m", "tools.oldest"],
        ["/home/me/jupyter-course/.venv/bin/python", "-m", "pytest", "tests/test_losses.py"],  # only the folder
        ["ruff", "check", "."],
        "git status",
    ],
)
def test_other_commands_run(command):
    assert not starts_a_kernel_or_browser(command)


UNMARKED_KERNEL_TEST = """
import nbformat
from nbclient import NotebookClient


def test_forgot_its_marker():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    NotebookClient(nb, kernel_name="python3").execute()


def test_needs_nothing():
    assert 1 + 1 == 2
"""


@pytest.mark.kernel  # if the guard were broken, the run below would start a kernel
def test_an_unmarked_test_that_starts_a_kernel_fails_make_check_and_says_which_marker(tmp_path):
    (tmp_path / "test_new.py").write_text(UNMARKED_KERNEL_TEST)
    command = [sys.executable, "-m", "pytest", "-p", "conftest", "--no-kernels", "-q", "-p", "no:cacheprovider"]
    command += ["--rootdir", str(tmp_path), str(tmp_path / "test_new.py")]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, env=_env_with_root_first())
    output = run.stdout + run.stderr
    assert run.returncode == 1, output[-3000:]
    assert "1 failed, 1 passed" in output, output[-3000:]
    assert "StartedAKernelError" in output and "mark it @pytest.mark.kernel" in output, output[-3000:]


def _env_with_root_first() -> dict:
    """This environment, with the repository first on ``PYTHONPATH`` so that ``-p conftest`` is its conftest.py."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))

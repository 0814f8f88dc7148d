"""How ``make test`` shares the tests out between pytest-xdist's workers, and what ``make check`` runs.

Tests go one by one to whichever worker is free, except these groups, each run whole on one worker:

* each notebook's nbval items: nbval runs a notebook's cells in order, in one kernel;
* each file of browser tests (tests/browser/): its tests share a server (JupyterLab, Voila,
  Notebook 7), a notebook's run in it, or an exported handout, and each worker starts one Chromium
  for all it runs;
* tests/test_notebooks_tool.py: its tests look at one fixture notebook executed twice;
* tests/test_exports.py and tests/test_figure_style.py: their tests read what one module fixture or
  cache made once (every notebook exported, every course figure drawn); spread over two workers,
  each worker would make it all again.

The longest groups go first, so that none of them starts last and leaves the other worker idle:
the browser files (a server, a browser, a whole notebook run in it), then the notebooks, then the
rest, each kind with the most tests first.  (xdist's own
``--dist loadgroup`` cannot do this with pytest 9: it renames items through ``item._nodeid``,
which pytest 9 no longer reads.  pyproject.toml asks for ``--dist loadfile``, which keeps every
file together, should this file not be loaded.)

``make check`` is ``pytest -p no:nbval --no-kernels``: every test but those marked ``kernel`` (each notebook's
nbval cells are, here) or ``browser``.  So that a new test which starts a kernel, a Jupyter server
or a browser cannot slip into it unmarked, ``--no-kernels`` also refuses to start any such process:
the test that tries fails, and says which marker it needs.
"""

import collections
import copy
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
WHOLE_FILES = ("tests/browser/", "tests/test_notebooks_tool.py", "tests/test_exports.py", "tests/test_figure_style.py")


def group_of(nodeid: str) -> str:
    """The work unit of the test ``nodeid``: its file, or the nodeid itself if it may go anywhere."""
    path = nodeid.split("::", 1)[0]
    if path.endswith(".ipynb") or any(path.startswith(prefix) for prefix in WHOLE_FILES):
        return path
    return nodeid


def queue_order(group: str, size: int) -> tuple:
    """Sort key of a work unit: browser files, then notebooks, then single tests; the biggest first in each."""
    kind = 0 if group.startswith("tests/browser/") else 1 if group.endswith(".ipynb") else 2
    return kind, -size


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        """xdist's scope scheduling, with ``group_of`` for the scopes and ``queue_order`` for their order."""

        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

        def _assign_work_unit(self, node):
            if not getattr(self, "_queue_ordered", False):  # the first assignment: the queue is complete
                ordered = sorted(self.workqueue.items(), key=lambda unit: queue_order(unit[0], len(unit[1])))
                self.workqueue.clear()
                self.workqueue.update(ordered)
                self._queue_ordered = True
            super()._assign_work_unit(node)

    return GroupScheduling(config, log)


# --- make check: no kernels, no servers, no browsers --------------------------------------------

#: Markers of the tests ``--no-kernels`` leaves out.
NEEDS_KERNEL_OR_BROWSER = ("kernel", "browser")
#: Programs (a command's first word; Playwright's driver lives in a ``playwright`` folder) and modules
#: (``python -m ...``) that start a kernel, a Jupyter server or a browser.
FORBIDDEN_PROGRAMS = ("ipykernel", "jupyter", "voila", "chromium", "playwright")
FORBIDDEN_MODULES = ("ipykernel", "ipykernel_launcher", "jupyter", "jupyterlab", "notebook", "voila", "nbclient")


class StartedAKernelError(RuntimeError):
    """A test run by ``make check`` (``--no-kernels``) started a kernel, a server or a browser."""


#: nbval's options that pyproject.toml's addopts pass; accepted and ignored when nbval is not loaded.
NBVAL_OPTIONS = ("--nbval", "--nbval-current-env")
NBVAL_VALUE_OPTIONS = ("--nbval-sanitize-with",)


def pytest_addoption(parser, pluginmanager):
    if pluginmanager.is_blocked("nbval"):  # make check: `-p no:nbval` spares every process nbval's imports
        group = parser.getgroup("nbval (not loaded: -p no:nbval)")
        for option in NBVAL_OPTIONS:
            group.addoption(option, action="store_true", help="ignored: nbval is not loaded")
        for option in NBVAL_VALUE_OPTIONS:
            group.addoption(option, help="ignored: nbval is not loaded")
    parser.addoption(
        "--no-kernels",
        action="store_true",
        help="make check: leave out the tests marked kernel or browser, and fail any other test that starts "
        "a Jupyter kernel, a Jupyter server or a browser",
    )


def pytest_configure(config):
    # default=False: a conftest that is not an initial one (a child pytest on a copied notebook, under the
    # oldest pytest) is loaded without its pytest_addoption, so the option may not exist there.
    if config.getoption("--no-kernels", default=False):
        refuse_kernels_and_browsers()


def pytest_ignore_collect(collection_path, config):
    """Under ``--no-kernels`` the notebooks are not even read: every nbval item needs a kernel."""
    if collection_path.suffix == ".ipynb" and config.getoption("--no-kernels", default=False):
        return True
    return None


# --- each check cell again at the end of its notebook ---------------------------------------------

#: nbval's name for the copy of a check cell it runs again after the notebook's last cell.
AGAIN_AT_THE_END = "Check of {grade_id} again at the end"


def add_checks_again_at_the_end(items) -> None:
    """After the last cell of each course notebook, nbval runs every check cell again, in the same kernel.

    Later cells rebind ``X``, ``Y``, ``params``...: a check reads only its own inputs, so run again at
    the end it must print the verdict stored under it (nbval compares, as for any cell). This reuses
    the kernel nbval has already run the notebook in, instead of executing each notebook a second time.
    """
    try:
        from nbval.plugin import IPyNbCell
    except ImportError:  # make check: nbval is not loaded
        return
    from tools.versions import exercises_and_their_checks

    last_of = {}
    for position, item in enumerate(items):
        if isinstance(item, IPyNbCell) and item.path.parent.name == "notebooks":
            last_of[item.parent] = position
    for notebook, position in sorted(last_of.items(), key=lambda pair: -pair[1]):  # from the end: positions hold
        cell_number = {id(item.cell): item.cell_num for item in items if getattr(item, "parent", None) is notebook}
        again = [
            IPyNbCell.from_parent(
                notebook,
                name=AGAIN_AT_THE_END.format(grade_id=exercise.metadata["nbgrader"]["grade_id"]),
                cell_num=cell_number[id(check)],
                cell=copy.deepcopy(check),
                options=collections.defaultdict(bool, check=True),
            )
            for exercise, check in exercises_and_their_checks(notebook.nb.cells)
        ]
        items[position + 1 : position + 1] = again


def pytest_collection_modifyitems(config, items):
    add_checks_again_at_the_end(items)
    for item in items:
        if item.path.suffix == ".ipynb":  # nbval runs the notebook's cells in a kernel
            item.add_marker(pytest.mark.kernel)
    if config.getoption("--no-kernels", default=False):
        left_out = [item for item in items if any(item.get_closest_marker(m) for m in NEEDS_KERNEL_OR_BROWSER)]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if item not in set(left_out)]


def starts_a_kernel_or_browser(args) -> bool:
    """True if the command ``args`` runs a kernel, a Jupyter server, a browser or a notebook under pytest."""
    words = [os.fsdecode(args)] if isinstance(args, (str, bytes, os.PathLike)) else [os.fsdecode(a) for a in args]
    if not words:
        return False
    program = Path(words[0].split()[0] if len(words) == 1 else words[0])
    modules = [words[k + 1].split(".")[0] for k, word in enumerate(words[:-1]) if word == "-m"]
    return (
        any(part.lower().startswith(FORBIDDEN_PROGRAMS) for part in program.parts[-3:])
        or any(module in FORBIDDEN_MODULES for module in modules)
        or any(word.endswith(".ipynb") for word in words)
    )


def refuse_kernels_and_browsers() -> None:
    """Make every ``subprocess.Popen`` (nbclient's kernels, Playwright's driver, servers) refuse such commands."""
    start = subprocess.Popen._execute_child

    def _execute_child(self, args, *rest, **kwargs):
        if starts_a_kernel_or_browser(args):
            raise StartedAKernelError(
                f"`make check` (pytest --no-kernels) runs only tests that need neither a kernel nor a browser, "
                f"and this test started {args!r}: mark it @pytest.mark.kernel (or browser), and `make test` runs it"
            )
        return start(self, args, *rest, **kwargs)

    subprocess.Popen._execute_child = _execute_child

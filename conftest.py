"""How ``make test`` shares the tests out between pytest-xdist's workers.

Tests go one by one to whichever worker is free, except these groups, each run whole on one worker:

* each notebook's nbval items: nbval runs a notebook's cells in order, in one kernel;
* each file of browser tests (tests/browser/): its tests share a server (JupyterLab, Voila,
  Notebook 7) or an exported handout, and each worker starts one Chromium for all it runs;
* tests/test_notebooks_tool.py: its tests look at one fixture notebook executed twice.

xdist queues the groups with the most tests first, so the notebooks start early.  (xdist's own
``--dist loadgroup`` cannot do this with pytest 9: it renames items through ``item._nodeid``,
which pytest 9 no longer reads.  pyproject.toml asks for ``--dist loadfile``, which keeps every
file together, should this file not be loaded.)
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
WHOLE_FILES = ("tests/browser/", "tests/test_notebooks_tool.py")


def group_of(nodeid: str) -> str:
    """The work unit of the test ``nodeid``: its file, or the nodeid itself if it may go anywhere."""
    path = nodeid.split("::", 1)[0]
    if path.endswith(".ipynb") or any(path.startswith(prefix) for prefix in WHOLE_FILES):
        return path
    return nodeid


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        """xdist's scope scheduling, with ``group_of`` for the scopes."""

        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return GroupScheduling(config, log)

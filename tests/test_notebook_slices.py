"""tests/notebook_slices.py: a student notebook's run leaves out only cells its stubs cannot change."""

from notebook_slices import cells_to_run  # tests/ is on sys.path under pytest

CELLS = [
    "import numpy as np\nimport helpers",  # 0: imports always run
    "X = np.arange(4.0)\nlong_run = helpers.make_xor()",  # 1: X is needed by the check below
    "def mse(y, h):\n    raise NotImplementedError()",  # 2: the stub
    "print(mse(X, X + 1))",  # 3: the check: affected
    "table = helpers.make_xor()\nprint(len(table))",  # 4: independent: left out
    "summary = mse(X, X)",  # 5: affected through mse
    "print(summary)",  # 6: affected through summary
    "%timeit X.sum()",  # 7: not plain Python: runs
]


def test_the_stub_its_dependents_what_they_need_imports_and_magics_run():
    assert cells_to_run(CELLS, stubs={2}) == [0, 1, 2, 3, 5, 6, 7]


def test_a_cell_that_names_what_a_needed_cell_names_runs_even_if_it_only_reads_it():
    cells = ["import numpy as np", "X = np.zeros(2)", "big = np.sum(X)", "def f():\n    raise NotImplementedError()"]
    cells += ["print(f(), X)"]
    # cell 2 only reads X, but it could change it in place (np.sum could be any call): it runs
    assert cells_to_run(cells, stubs={3}) == [0, 1, 2, 3, 4]


def test_without_stubs_only_the_imports_run():
    assert cells_to_run(["import numpy as np", "x = np.ones(3)", "print(x)"], stubs=set()) == [0]

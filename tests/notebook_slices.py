"""Which cells of a student notebook a test must run: those its exercise stubs can change, and what they need.

A student notebook is its teacher notebook with the solutions replaced by stubs (and the course
checks left out).  A code cell that touches no name a stub touched, directly or through a cell
that did, runs exactly as in the teacher notebook, which nbval runs in full; so checking that the
student version runs without raising needs only:

* the *affected* cells: the stubs, and every later cell that names something an affected cell names;
* what they need: every earlier cell that names something a needed cell names (it may define or
  change it), again and again until nothing is added;
* the cells that import (cheap, and everything needs them) or that Python cannot parse (magics).

It is conservative on purpose: a name that merely appears in a cell counts as defined or changed
there (a call may change its argument in place); only builtins and the names of imported modules are left out.
A cell left out wrongly would make a needed cell fail with a ``NameError``, loudly, not pass.
"""

from __future__ import annotations

import ast
import builtins

#: Names no cell defines: ``print``, ``len``, ``range``, ...
BUILTINS = frozenset(dir(builtins))


def names_in(source: str):
    """``(names, modules)`` the cell's code mentions and imports; ``(None, None)`` if it is not plain Python."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None, None
    names, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names - BUILTINS, modules


def cells_to_run(sources: list[str], stubs: set[int]) -> list[int]:
    """Indices of the code cells (``sources``, in order) to run, given the indices of the stubs."""
    parsed = [names_in(source) for source in sources]
    modules = set().union(*(found for _, found in parsed if found))
    names = [None if found is None else found - modules for found, _ in parsed]
    tainted, needed = set(), set()
    for index, found in enumerate(names):
        if found is None or index in stubs or found & tainted:
            needed.add(index)
            tainted |= found or set()
    needed |= {index for index, (found, imported) in enumerate(parsed) if found is None or imported}
    grew = True
    while grew:
        grew = False
        for index in sorted(needed, reverse=True):
            for earlier in range(index):
                if earlier not in needed and names[earlier] is not None and names[earlier] & (names[index] or set()):
                    needed.add(earlier)
                    grew = True
    return sorted(needed)

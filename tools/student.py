"""Write the student version of the course: the notebooks without their solutions.

``notebooks/`` is the teacher version: the solutions sit in the exercise cells
between ``### BEGIN SOLUTION`` and ``### END SOLUTION``, and the stored outputs
are what the tests compare. The student version of each notebook, written into
``student/`` at the top of the repository, is made by three preprocessors:

* nbconvert's ``TagRemovePreprocessor`` drops the cells tagged ``course-check``
  (the course's own regression checks, which would fail on a stub);
* nbgrader's ``ClearSolutions`` replaces each solution region with
  ``# YOUR CODE HERE`` / ``raise NotImplementedError()`` (indented as the
  markers were), and refuses markers in a cell without nbgrader
  ``solution: true`` metadata;
* nbgrader's ``ClearOutput`` removes every output and execution count; the saved
  widget state goes too (it only describes outputs).

Everything else (markdown, the nbgrader metadata, cell ids) is kept, and since
``student/`` sits beside ``notebooks/``, links such as ``../docs/notation.md``
still work.

A learner's work is never overwritten: ``student/.generated.json`` records the
SHA-256 of every notebook as it was written. A student notebook whose hash
still matches was not edited and is updated when the teacher version changed;
one that differs (edited, or saved from JupyterLab) is kept, unless ``--force``.

Usage (``make student``, ``make student FORCE=1``)::

    python -m tools.student [--notebooks notebooks] [--output student] [--force]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert.preprocessors import TagRemovePreprocessor
from nbgrader.preprocessors import ClearOutput, ClearSolutions

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".generated.json"
COURSE_CHECK_TAG = "course-check"

#: What ``generate`` did to one notebook.
CREATED, UPDATED, UNCHANGED, KEPT, REPLACED = "created", "updated", "unchanged", "kept", "replaced"


@dataclass(frozen=True)
class Outcome:
    """What happened to one student notebook.

    Attributes
    ----------
    path : Path
        The student notebook.
    action : {"created", "updated", "unchanged", "kept", "replaced"}
    message : str
        One line for the learner.
    """

    path: Path
    action: str
    message: str


def student_version(teacher: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student version of a teacher notebook (the argument is not changed).

    Raises ``ValueError`` if a solution region is not closed, is nested, or
    sits in a cell without nbgrader ``solution: true`` metadata.
    """
    nb = copy.deepcopy(teacher)
    resources: dict = {}
    steps = (
        TagRemovePreprocessor(remove_cell_tags={COURSE_CHECK_TAG}),
        ClearSolutions(),
        ClearOutput(),
    )
    for step in steps:
        try:
            nb, resources = step.preprocess(nb, resources)
        except RuntimeError as error:  # ClearSolutions' complaint about the markers
            raise ValueError(f"{type(step).__name__}: {error}") from None
    nb.metadata.pop("widgets", None)
    nbformat.validate(nb)
    return nb


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest(output: Path) -> dict:
    """The hashes of the notebooks as last generated, by file name (empty if none)."""
    path = output / MANIFEST
    if not path.exists():
        return {}
    try:
        return dict(json.loads(path.read_text(encoding="utf-8"))["sha256"])
    except (ValueError, KeyError, TypeError):  # unreadable: no record, so every existing notebook is kept
        return {}


def write_manifest(output: Path, hashes: dict) -> None:
    note = "SHA-256 of each student notebook as `make student` wrote it; a file that differs was edited and is kept."
    manifest = {"about": note, "sha256": dict(sorted(hashes.items()))}
    write_text(output / MANIFEST, json.dumps(manifest, indent=1) + "\n")


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step (a half-written notebook is never left behind)."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def refresh(teacher: Path, target: Path, recorded: str | None, force: bool) -> tuple[Outcome, str | None]:
    """Bring one student notebook up to date; return what was done and the hash to record."""
    try:
        fresh = nbformat.writes(student_version(nbformat.read(teacher, as_version=4)))
    except ValueError as error:
        raise ValueError(f"{teacher}: {error}") from None
    fresh_hash = sha256(fresh)
    if not target.exists():
        write_text(target, fresh)
        return Outcome(target, CREATED, "created"), fresh_hash
    current_hash = sha256(target.read_text(encoding="utf-8"))
    if current_hash == fresh_hash:
        return Outcome(target, UNCHANGED, "unchanged"), fresh_hash
    if current_hash == recorded:
        write_text(target, fresh)
        return Outcome(target, UPDATED, "updated: the course changed and you had not edited it"), fresh_hash
    if force:
        write_text(target, fresh)
        return Outcome(target, REPLACED, "replaced your edited copy with a fresh one (--force)"), fresh_hash
    if recorded is None:
        news = f"it differs from the course's and {MANIFEST} has no record of writing it"
    elif fresh_hash != recorded:
        news = "the course has a newer version"
    else:
        news = "the course has not changed"
    message = f"kept: you edited it ({news}; `make student FORCE=1` replaces it, and your edits with it)"
    return Outcome(target, KEPT, message), recorded


def generate(notebooks: Path, output: Path, *, force: bool = False) -> list[Outcome]:
    """Write the student version of every ``notebooks/*.ipynb`` into ``output``, keeping edited ones.

    Parameters
    ----------
    notebooks : Path
        The teacher notebooks.
    output : Path
        The student folder; created if missing. Its ``.generated.json`` records
        what was written, so that a later run can tell an edited notebook.
    force : bool
        Replace edited student notebooks too.

    Returns
    -------
    list of Outcome
        One per teacher notebook, in name order.
    """
    teachers = sorted(notebooks.glob("*.ipynb"))
    if not teachers:
        raise FileNotFoundError(f"no notebooks in {notebooks}")
    output.mkdir(parents=True, exist_ok=True)
    hashes = read_manifest(output)
    outcomes = []
    for teacher in teachers:
        outcome, recorded = refresh(teacher, output / teacher.name, hashes.get(teacher.name), force)
        if recorded is not None:
            hashes[teacher.name] = recorded
        outcomes.append(outcome)
    write_manifest(output, hashes)
    return outcomes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks", help="the teacher notebooks")
    parser.add_argument("--output", type=Path, default=ROOT / "student", help="the student folder")
    parser.add_argument("--force", action="store_true", help="also replace student notebooks you edited")
    args = parser.parse_args(argv)
    try:
        outcomes = generate(args.notebooks, args.output, force=args.force)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for outcome in outcomes:
        path = outcome.path.relative_to(Path.cwd()) if outcome.path.is_relative_to(Path.cwd()) else outcome.path
        print(f"{path}: {outcome.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

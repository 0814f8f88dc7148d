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
The record is rewritten after each notebook (and just before one is replaced,
naming both its old and new hash), so a run cut short (a crash, a full disk,
Ctrl-C) never leaves a notebook written but unrecorded, which a later run would
take for an edited one. Every file is written in one step (a temporary
file, then a rename: ``tools._atomic``).

One notebook that cannot be read or written (a teacher notebook that is not
valid JSON or has a broken solution marker, a student notebook that is not
UTF-8 or not readable, a read-only file) is skipped and named in one line; the
others are still brought up to date. The command then exits with status 1, so
that a script notices; ``make lab`` opens JupyterLab all the same.

Usage (``make student``, ``make student FORCE=1``)::

    python -m tools.student [--notebooks notebooks] [--output student] [--force]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert.preprocessors import TagRemovePreprocessor
from nbgrader.preprocessors import ClearOutput, ClearSolutions

from tools._atomic import describe_error, write_text_atomic

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".generated.json"
COURSE_CHECK_TAG = "course-check"

#: What ``generate`` did to one notebook.
CREATED, UPDATED, UNCHANGED, KEPT, REPLACED = "created", "updated", "unchanged", "kept", "replaced"
SKIPPED = "skipped"


class Skipped(Exception):
    """A notebook that cannot be brought up to date; the message says why, naming the file."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one student notebook.

    Attributes
    ----------
    path : Path
        The student notebook.
    action : {"created", "updated", "unchanged", "kept", "replaced", "skipped"}
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


def sha256(text: str | bytes) -> str:
    """The SHA-256 of ``text`` (UTF-8 encoded) or of raw bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def read_manifest(output: Path) -> dict:
    """The hashes of the notebooks as last generated, by file name (empty if none).

    An entry is one hash, or a list of two while a notebook was being replaced
    (the file then holds one or the other, both written by ``make student``).
    """
    path = output / MANIFEST
    if not path.exists():
        return {}
    try:
        return dict(json.loads(path.read_text(encoding="utf-8"))["sha256"])
    except (OSError, ValueError, KeyError, TypeError):  # unreadable: no record, so every existing notebook is kept
        return {}


def recorded_hashes(entry) -> set:
    """The hashes one record entry lists: none, one, or two while a notebook was being replaced."""
    if isinstance(entry, str):
        return {entry}
    if isinstance(entry, list):
        return {value for value in entry if isinstance(value, str)}
    return set()


def write_manifest(output: Path, hashes: dict) -> None:
    note = "SHA-256 of each student notebook as `make student` wrote it; a file that differs was edited and is kept."
    manifest = {"about": note, "sha256": dict(sorted(hashes.items()))}
    write_text_atomic(output / MANIFEST, json.dumps(manifest, indent=1) + "\n")  # an OSError stops the run


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step (a half-written notebook is never left behind)."""
    try:
        write_text_atomic(path, text)
    except OSError as error:
        raise Skipped(f"cannot write {path}: {describe_error(error)}; it was left as it was") from None


def fresh_student_version(teacher: Path) -> str:
    """The student version of the teacher notebook at ``teacher``, as the text to write.

    Raises ``Skipped`` naming the teacher notebook if it cannot be read (not
    UTF-8, not JSON, not a notebook, not readable) or converted (a broken
    solution marker).
    """
    try:
        return nbformat.writes(student_version(nbformat.read(teacher, as_version=4)))
    except OSError as error:
        raise Skipped(f"cannot read the course's {teacher}: {describe_error(error)}") from None
    except Exception as error:  # not UTF-8, not JSON, not a valid notebook, a broken solution marker, ...
        raise Skipped(f"cannot make a student version of the course's {teacher}: {describe_error(error)}") from None


def current_hash(target: Path) -> tuple[str, str]:
    """The SHA-256 of the student notebook at ``target`` and, if it is not UTF-8 text, a note saying so.

    Raises ``Skipped`` naming it if it cannot be read (permissions, a folder in its place).
    """
    try:
        data = target.read_bytes()
    except OSError as error:
        raise Skipped(f"cannot read {target}: {describe_error(error)}; it was left as it was") from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return sha256(data), f"it is not UTF-8 text ({error.reason} at byte {error.start}): JupyterLab cannot open it"
    return sha256(data), ""


def refresh(
    teacher: Path, target: Path, recorded: str | list | None, force: bool, write=None
) -> tuple[Outcome, str | list | None]:
    """Bring one student notebook up to date; return what was done and the record entry to keep.

    ``recorded`` is the record's entry for it (see :func:`read_manifest`);
    ``write(path, text)`` writes a notebook (:func:`write_text` unless given).
    Raises ``Skipped``, naming the file, if a notebook cannot be read or written.
    """
    write = write or write_text
    ours = recorded_hashes(recorded)
    fresh = fresh_student_version(teacher)
    fresh_hash = sha256(fresh)
    if not target.exists():
        write(target, fresh)
        return Outcome(target, CREATED, "created"), fresh_hash
    current, damage = current_hash(target)
    if current == fresh_hash:
        return Outcome(target, UNCHANGED, "unchanged"), fresh_hash
    if current in ours:
        write(target, fresh)
        return Outcome(target, UPDATED, "updated: the course changed and you had not edited it"), fresh_hash
    if force:
        write(target, fresh)
        return Outcome(target, REPLACED, "replaced your edited copy with a fresh one (--force)"), fresh_hash
    if damage:
        message = f"kept: {damage}; rename it to keep a copy and run `make student` for a fresh one (or FORCE=1)"
        return Outcome(target, KEPT, message), recorded
    if not ours:
        news = f"it differs from the course's and {MANIFEST} has no record of writing it"
    elif fresh_hash not in ours:
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
        One per teacher notebook, in name order; a notebook that could not be
        read or written is ``"skipped"``, its message naming the file and why.

    Raises
    ------
    FileNotFoundError
        If ``notebooks`` holds no notebook.
    OSError
        If ``output`` cannot be created or its record cannot be written.

    Notes
    -----
    The record is written after every notebook whose hash changed, so a run
    stopped part-way leaves a record true to every file it wrote. Before a
    notebook is replaced, its entry lists both the hash it has and the one it
    gets, so a run stopped between the two writes leaves a true record too.
    """
    teachers = sorted(notebooks.glob("*.ipynb"))
    if not teachers:
        raise FileNotFoundError(f"no notebooks in {notebooks}")
    output.mkdir(parents=True, exist_ok=True)
    hashes = read_manifest(output)
    outcomes = []
    for teacher in teachers:
        target = output / teacher.name

        def write_recorded(path: Path, text: str, name: str = teacher.name) -> None:
            entry = hashes.get(name)
            hashes[name] = sorted(recorded_hashes(entry) | {sha256(text)})
            try:
                write_manifest(output, hashes)  # both versions are ours while the file is replaced
            except OSError as error:  # without a record, no notebook is written
                if entry is None:
                    hashes.pop(name)
                else:
                    hashes[name] = entry
                reason = describe_error(error)
                raise Skipped(
                    f"cannot write the record {output / MANIFEST}: {reason}; {name} was left as it was"
                ) from None
            write_text(path, text)

        try:
            outcome, recorded = refresh(teacher, target, hashes.get(teacher.name), force, write_recorded)
        except Skipped as reason:
            outcomes.append(Outcome(target, SKIPPED, f"skipped: {reason}"))
            continue
        outcomes.append(outcome)
        if recorded is not None and hashes.get(teacher.name) != recorded:
            hashes[teacher.name] = recorded
            write_manifest(output, hashes)
    if not (output / MANIFEST).exists():
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
    except FileNotFoundError as error:
        print(f"make student: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the student folder cannot be created, or its record cannot be written
        where = f" {error.filename}" if error.filename else ""
        if args.output.exists() and Path(error.filename or "") != args.output:
            news = "stopped there; the record is true to every notebook written before it"
        else:
            news = "no notebook was changed"
        print(f"make student: cannot write{where}: {describe_error(error)}; {news}", file=sys.stderr)
        return 1
    for outcome in outcomes:
        path = outcome.path.relative_to(Path.cwd()) if outcome.path.is_relative_to(Path.cwd()) else outcome.path
        print(f"{path}: {outcome.message}", flush=True)
    skipped = [outcome.path.name for outcome in outcomes if outcome.action == SKIPPED]
    if skipped:
        names = ", ".join(skipped)
        print(
            f"make student: {len(skipped)} notebook(s) skipped ({names}), see above; the others are up to date",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

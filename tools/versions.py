"""The two versions of a notebook the classroom exports are made from: the student's and the teacher's.

``make handouts`` and ``make slides`` write one set of each:

* **student** (``<set>/student/<name>.html``): the notebook as ``make student`` writes it
  (:func:`tools.student.student_version`: no solutions, no course checks), with the stored
  outputs put back on every cell except the exercises' solution cells and the cells that print
  an exercise's verdict (``[passed] exercise ...``, which would vouch for code the student has
  not written). This is the set to share with students.
* **teacher** (``<set>/teacher/<name>.teacher.html``): the teacher notebook with its solutions
  and every output, without the course's hidden regression checks; each page says that it is
  the teacher's version.

Neither version changes the notebook it is made from.
"""

from __future__ import annotations

import copy
import re

from nbconvert.preprocessors import TagRemovePreprocessor

from tools.student import COURSE_CHECK_TAG, student_version

STUDENT, TEACHER = "student", "teacher"
VERSIONS = (STUDENT, TEACHER)

#: What a page of each version calls itself (the exports' templates show it).
LABELS = {
    STUDENT: "Student version",
    TEACHER: "Teacher version: with the exercises' solutions. Do not share with students.",
}

#: The markers of an exercise's solution (nbgrader's convention).
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")

#: A line a checker prints (helpers/exercises/_checking.py): it vouches for the cell above it.
VERDICT_LINE = re.compile(r"^\[(passed|wrong|not done yet)\] exercise", re.MULTILINE)


def file_suffix(version: str) -> str:
    """What goes between a notebook's name and its extension in ``version``'s file names."""
    check_version(version)
    return ".teacher" if version == TEACHER else ""


def check_version(version) -> None:
    if version not in VERSIONS:
        raise ValueError(f"version must be one of {VERSIONS}; got {version!r}")


def is_solution_cell(cell) -> bool:
    """True for an exercise's answer cell (nbgrader ``solution: true``)."""
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def exercises_and_their_checks(cells) -> list:
    """``(answer cell, its check cell)`` for every exercise: the check is the first code cell after the answer."""
    pairs = []
    for index, cell in enumerate(cells):
        if cell.get("cell_type") == "code" and is_solution_cell(cell):
            check = next((later for later in cells[index + 1 :] if later.get("cell_type") == "code"), None)
            if check is not None:
                pairs.append((cell, check))
    return pairs


def output_text(output) -> str:
    """The text of one stored output: a stream's text or a result's ``text/plain``."""
    text = output.get("text") if output.get("output_type") == "stream" else output.get("data", {}).get("text/plain")
    return "".join(text) if isinstance(text, list) else (text or "")


def prints_a_verdict(cell) -> bool:
    """True for a code cell whose stored outputs hold an exercise checker's verdict line."""
    return any(VERDICT_LINE.search(output_text(output)) for output in cell.get("outputs", []))


def keeps_outputs_for_students(cell) -> bool:
    """True unless the cell is a solution or prints a verdict on one."""
    return not (is_solution_cell(cell) or prints_a_verdict(cell))


def student_export(teacher):
    """The student version of ``teacher``, with the outputs a student may see put back.

    The sources come from :func:`tools.student.student_version`; each remaining cell gets the
    teacher cell's outputs and execution count back (matched by cell id) unless
    :func:`keeps_outputs_for_students` says no, and the notebook gets its saved widget state
    back so that its sliders render.
    """
    student = student_version(teacher)
    by_id = {cell.get("id"): cell for cell in teacher.cells if cell.get("id")}
    for cell in student.cells:
        original = by_id.get(cell.get("id"))
        if cell.cell_type != "code" or original is None or not keeps_outputs_for_students(original):
            continue
        cell.outputs = copy.deepcopy(original.outputs)
        cell.execution_count = original.get("execution_count")
    if "widgets" in teacher.metadata:
        student.metadata["widgets"] = copy.deepcopy(teacher.metadata["widgets"])
    return student


def teacher_export(teacher):
    """``teacher`` without its ``course-check`` cells (a copy; solutions and outputs stay)."""
    nb = copy.deepcopy(teacher)
    nb, _ = TagRemovePreprocessor(remove_cell_tags={COURSE_CHECK_TAG}).preprocess(nb, {})
    return nb


def export_version(teacher, version: str):
    """The notebook ``version`` of the classroom exports is made from (see the module's docstring)."""
    check_version(version)
    return student_export(teacher) if version == STUDENT else teacher_export(teacher)

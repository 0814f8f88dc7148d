"""Support for the checkers' tests: the teacher notebooks' solutions, what a message must not reveal, a stub."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


def exercise_cell(notebook: str, grade_id: str) -> str:
    """The source of the exercise cell with nbgrader ``grade_id`` in ``notebooks/<notebook>``."""
    cells = json.loads((NOTEBOOKS / notebook).read_text())["cells"]
    for cell in cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return "".join(cell["source"])
    raise LookupError(f"no cell with grade_id {grade_id!r} in {notebook}")


def solution_lines(notebook: str, grade_id: str) -> list[str]:
    """The code lines between the solution markers of an exercise cell, stripped, blank lines left out."""
    source = exercise_cell(notebook, grade_id)
    inside = re.findall(rf"{re.escape(BEGIN)}\n(.*?){re.escape(END)}", source, flags=re.S)
    assert inside, f"{grade_id} has no solution between the markers"
    return [line.strip() for block in inside for line in block.splitlines() if line.strip()]


def teacher_namespace(notebook: str, grade_id: str, setup: str = "") -> dict:
    """Run the exercise cell (after ``setup``, e.g. imports) and return the names it defines."""
    namespace: dict = {}
    exec("import numpy as np\nimport helpers\n" + setup, namespace)
    exec(exercise_cell(notebook, grade_id), namespace)
    return namespace


def assert_reveals_no_solution(message: str, notebook: str, grade_id: str) -> None:
    """Fail if ``message`` quotes any line of the solution that carries code (more than a bare name)."""
    for line in solution_lines(notebook, grade_id):
        code = line.split("#")[0].strip()
        if len(code) >= 8:
            assert code not in message, f"the message quotes the solution line {code!r}: {message}"


def stub(*args):
    """nbgrader's stub of an exercise: not done yet."""
    raise NotImplementedError()


def assert_wrong_verdict(notebook: str, result, grade_id: str, *phrases, forbidden=()) -> None:
    """A "wrong" verdict whose message says each of ``phrases``, none of ``forbidden``, and no solution line.

    A test module binds its notebook: ``assert_wrong = partial(assert_wrong_verdict, NOTEBOOK)``.
    """
    assert result.status == "wrong", result.message
    for phrase in phrases:
        assert phrase in result.message, result.message
    for text in forbidden:
        assert text not in result.message, result.message
    assert_reveals_no_solution(result.message, notebook, grade_id)

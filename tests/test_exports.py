"""`make handouts` and `make slides` write a student set with no solution in it and a teacher set marked as such.

The exports are written without their scripts (``static/``), which only the browser tests need, so this
runs without npm. What is grepped is the HTML a teacher would share.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tools import handouts, slides, versions

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: What must never reach a student: nbgrader's solution markers, the course's hidden checks
#: (their tag, which nbconvert writes as a class, and their first line), and a verdict on a solution.
FORBIDDEN_FOR_STUDENTS = (
    *versions.SOLUTION_MARKERS,
    "course-check",
    "Course check (hidden from students)",
    "[passed] exercise",
)


def no_scripts(folder: Path) -> None:
    """The exports' ``copy_static``, skipped: the HTML is the same without the scripts beside it."""


def export(kind, tmp_path: Path) -> dict:
    """Every notebook exported by ``kind`` (tools.handouts or tools.slides) into ``tmp_path``; files by version."""
    make_exporter = handouts.handout_exporter if kind is handouts else slides.slides_exporter
    notebooks = ROOT / "notebooks"
    files = handouts.export_every_notebook(notebooks, tmp_path, no_scripts, kind.export_notebook, make_exporter)
    return {version: [f for f in files if f.parent == tmp_path / version] for version in versions.VERSIONS}


@pytest.fixture(scope="module", params=["handouts", "slides"])
def exported(request, tmp_path_factory):
    kind = handouts if request.param == "handouts" else slides
    return request.param, export(kind, tmp_path_factory.mktemp(request.param))


def count(text: str, needle: str) -> int:
    return text.count(needle)


def solution_cells(notebook: Path) -> int:
    return sum(versions.is_solution_cell(cell) for cell in nbformat.read(notebook, as_version=4).cells)


def test_each_set_has_one_file_per_notebook_named_for_its_version(exported):
    kind, files = exported
    extension = ".slides.html" if kind == "slides" else ".html"
    stems = [notebook.stem for notebook in NOTEBOOKS]
    assert [f.name for f in files["student"]] == [f"{stem}{extension}" for stem in stems]
    assert [f.name for f in files["teacher"]] == [f"{stem}.teacher{extension}" for stem in stems]


def test_the_student_set_has_no_solution_marker_course_check_or_verdict(exported):
    _, files = exported
    found = {
        (f.name, needle): count(f.read_text(encoding="utf-8"), needle)
        for f in files["student"]
        for needle in FORBIDDEN_FOR_STUDENTS
    }
    assert {key: n for key, n in found.items() if n} == {}


def test_the_student_set_keeps_the_figures_and_the_exercise_stubs(exported):
    _, files = exported
    for path, notebook in zip(files["student"], NOTEBOOKS, strict=True):
        html = path.read_text(encoding="utf-8")
        figures = sum(
            "image/png" in output.get("data", {})
            for cell in nbformat.read(notebook, as_version=4).cells
            for output in cell.get("outputs", [])
        )
        assert html.count('src="data:image/png;base64') == figures, path.name
        assert html.count("NotImplementedError") >= solution_cells(notebook), path.name
        assert "Student version" in html


def test_the_teacher_set_has_every_solution_and_says_it_is_the_teachers(exported):
    _, files = exported
    for path, notebook in zip(files["teacher"], NOTEBOOKS, strict=True):
        html = path.read_text(encoding="utf-8")
        assert count(html, "### BEGIN SOLUTION") == solution_cells(notebook) > 0, path.name
        assert count(html, "course-check") == 0 and "Course check (hidden" not in html, path.name
        assert "Teacher version: with the exercises' solutions" in html, path.name
        assert re.search(r"<title>[^<]*\.teacher[^<]*</title>", html), path.name


def test_a_student_export_drops_the_outputs_of_solutions_and_verdicts_only():
    teacher = nbformat.read(ROOT / "notebooks" / "03_hot_and_cold.ipynb", as_version=4)
    student = versions.student_export(teacher)
    by_id = {cell.id: cell for cell in teacher.cells}
    kept = dropped = 0
    for cell in student.cells:
        if cell.cell_type != "code":
            continue
        original = by_id[cell.id]
        if versions.is_solution_cell(original) or versions.prints_a_verdict(original):
            assert cell.outputs == [], cell.source[:60]
            dropped += 1
        else:
            assert cell.outputs == original.outputs, cell.source[:60]
            kept += bool(original.outputs)
    assert dropped >= 6 and kept >= 10
    assert student.metadata["widgets"] == teacher.metadata["widgets"]
    assert nbformat.read(ROOT / "notebooks" / "03_hot_and_cold.ipynb", as_version=4) == teacher  # unchanged


def test_an_unknown_version_is_refused_by_name():
    with pytest.raises(ValueError, match="version must be one of"):
        versions.file_suffix("pupil")

"""``make student``: the student notebooks made from the teacher ones (``tools/student.py``).

Two kinds of teacher notebooks go through it: a small fixture built here (one
exercise that defines a function, one top-level answer, their check cells and a
course-check cell), so every rule is proven whatever the course's notebooks hold
today, and the real ``notebooks/``, before and after exercises are added.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from notebook_slices import cells_to_run  # tests/ is on sys.path under pytest

from tools import student, versions

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TEACHER_NOTEBOOKS = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]
#: Cell metadata that nbgrader's ClearOutput removes with the outputs.
OUTPUT_METADATA = {"collapsed", "scrolled"}


# --- what a student version must be ---------------------------------------------------------


def is_solution_cell(cell) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("solution", False))


def is_course_check(cell) -> bool:
    return student.COURSE_CHECK_TAG in cell.metadata.get("tags", [])


def split_solution(source: str) -> tuple[list[str], list[str]]:
    """The lines of a cell outside and inside its solution regions (markers left out)."""
    outside, inside, in_solution = [], [], False
    for line in source.split("\n"):
        if BEGIN in line:
            in_solution = True
        elif END in line:
            in_solution = False
        else:
            (inside if in_solution else outside).append(line)
    return outside, inside


def assert_student_version_of(teacher, student_nb) -> None:
    """Every rule of the student version, cell by cell (cells are matched by id)."""
    kept = [cell for cell in teacher.cells if not is_course_check(cell)]
    assert [cell.id for cell in student_nb.cells] == [cell.id for cell in kept], "cells dropped or reordered"
    for before, after in zip(kept, student_nb.cells, strict=True):
        where = f"cell {after.id}"
        assert after.cell_type == before.cell_type, where
        assert not is_course_check(after), where
        assert "BEGIN SOLUTION" not in after.source and "END SOLUTION" not in after.source, where
        assert after.metadata.get("nbgrader") == before.metadata.get("nbgrader"), f"{where}: nbgrader metadata"
        expected_metadata = {k: v for k, v in before.metadata.items() if k not in OUTPUT_METADATA}
        assert after.metadata == expected_metadata, where
        if after.cell_type == "code":
            assert after.outputs == [] and after.execution_count is None, f"{where} has outputs"
        outside, inside = split_solution(before.source)
        if BEGIN in before.source:
            assert is_solution_cell(before), f"{where}: markers outside a solution cell"
            student_lines = after.source.split("\n")
            leaked = [line for line in inside if line.strip() and line not in outside and line in student_lines]
            assert not leaked, f"{where} still holds solution lines {leaked}"
            assert [line.strip() for line in student_lines if line not in outside] == STUB * before.source.count(BEGIN)
        elif is_solution_cell(before):
            assert after.source == "\n".join(STUB), where
        else:
            assert after.source == before.source, f"{where} changed"
    assert "widgets" not in student_nb.metadata, "stale widget state left in the student notebook"
    assert {k: v for k, v in student_nb.metadata.items()} == {
        k: v for k, v in teacher.metadata.items() if k not in {"widgets", "celltoolbar"}
    }


LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|\bsrc=[\"']([^\"']+)")
CODE = re.compile(r"```.*?```|`[^`]*`", flags=re.S)  # code is quoted, not linked


def assert_links_work_from_student_folder(nb, student_names) -> None:
    """Every relative link in the markdown resolves from ``student/`` at the repository's top."""
    folder = ROOT / "student"
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for match in LINK.finditer(CODE.sub("", cell.source)):
            link = (match.group(1) or match.group(2)).split("#")[0]
            if not link or re.match(r"[a-z]+:", link):
                continue
            target = Path(os.path.normpath(folder / link))
            if target.suffix == ".ipynb":
                assert target.parent == folder and target.name in student_names, f"{link} in cell {cell.id}"
            else:
                assert target.exists(), f"{link} in cell {cell.id} does not resolve from student/"


def execute(path: Path, only_needed: bool = False):
    """Run a notebook top to bottom in its own folder, errors allowed, and return it with its outputs.

    ``only_needed``: run only the code cells its exercise stubs can change and the cells they need
    (``tests/notebook_slices.py``); the others run as in the teacher notebook, which nbval runs.
    """
    nb = nbformat.read(path, as_version=4)
    if only_needed:
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        stubs = {index for index, cell in enumerate(code) if is_solution_cell(cell)}
        keep = {id(code[index]) for index in cells_to_run([cell.source for cell in code], stubs)}
        nb.cells = [cell for cell in nb.cells if cell.cell_type != "code" or id(cell) in keep]
    client = NotebookClient(
        nb, kernel_name="python3", allow_errors=True, timeout=600, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    return nb


def errors(nb) -> list:
    """(cell, error output) for every cell that raised."""
    return [
        (cell, output)
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]


def assert_only_stubs_raise(nb) -> None:
    unexpected = [
        f"cell {cell.id}: {output.ename}: {output.evalue}"
        for cell, output in errors(nb)
        if not (output.ename == "NotImplementedError" and is_solution_cell(cell))
    ]
    assert not unexpected, "the student version raises outside the exercise stubs:\n" + "\n".join(unexpected)


def stream_text(cell) -> str:
    return "".join(output.get("text", "") for output in cell.outputs if output.output_type == "stream")


# --- the fixture notebook ---------------------------------------------------------------------

FIXTURE = "00_fixture.ipynb"
FUNCTION_EXERCISE = '''def mean_squared_error(y, h):
    """y, h: arrays of the same shape. Return the mean of (y - h)**2 over all N entries."""
    ### BEGIN SOLUTION
    squared = (y - h) ** 2
    return np.mean(squared)
    ### END SOLUTION'''
ANSWER_EXERCISE = """freeze_step = None
### BEGIN SOLUTION
freeze_step = 37
### END SOLUTION"""
SOLUTION_TEXT = ["squared = (y - h) ** 2", "np.mean(squared)", "freeze_step = 37"]


def nbgrader(grade_id: str) -> dict:
    return {
        "nbgrader": {
            "solution": True,
            "grade": False,
            "grade_id": grade_id,
            "locked": False,
            "schema_version": 3,
            "task": False,
        }
    }


def fixture_notebook(title: str = "Fixture"):
    """A teacher notebook with one exercise of each kind, their checks and a course-check cell, with outputs."""
    v4 = nbformat.v4
    cells = [
        v4.new_markdown_cell(
            f"# 00 · {title}\n\n**Notation:** [the course's notation table](../docs/notation.md)", id="header"
        ),
        v4.new_code_cell(
            "import numpy as np\nfrom helpers.exercises._checking import require_answer, run_check", id="imports"
        ),
        v4.new_code_cell(FUNCTION_EXERCISE, id="mse-exercise", metadata=nbgrader("nb00-mse")),
        v4.new_code_cell(
            "_ = run_check('mean_squared_error', lambda: mean_squared_error(np.ones(2), np.zeros(2)))", id="mse-check"
        ),
        v4.new_code_cell(ANSWER_EXERCISE, id="freeze-exercise", metadata=nbgrader("nb00-freeze")),
        v4.new_code_cell(
            "_ = run_check('freeze_step', lambda: require_answer(freeze_step, 'freeze_step'))", id="freeze-check"
        ),
        v4.new_code_cell(
            "# Course check (hidden from students): the solutions' values\n"
            "assert mean_squared_error(np.ones(2), np.zeros(2)) == 1.0\nassert freeze_step == 37",
            id="course-check",
            metadata={"tags": ["course-check"], "jupyter": {"source_hidden": True}},
        ),
        v4.new_code_cell("print(np.arange(3).sum())", id="later", metadata={"scrolled": True}),
        v4.new_markdown_cell("## Summary\n\n**Next:** [00 · Fixture, again](00_fixture.ipynb)", id="footer"),
    ]
    for cell in cells:
        if cell.cell_type == "code":
            cell.execution_count = 1
            cell.outputs = [v4.new_output("stream", name="stdout", text="a stored output\n")]
    nb = v4.new_notebook(cells=cells)
    nb.metadata.kernelspec = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata.widgets = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    return nb


@pytest.fixture
def course(tmp_path):
    """A teacher folder holding the fixture notebook, and an empty student folder beside it."""
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    nbformat.write(fixture_notebook(), teacher / FIXTURE)
    return teacher, tmp_path / "student"


def actions(outcomes) -> dict:
    return {outcome.path.name: outcome.action for outcome in outcomes}


def learner_edits(path: Path) -> None:
    """What a learner does: write an answer into the function exercise and save."""
    nb = nbformat.read(path, as_version=4)
    cell = next(cell for cell in nb.cells if cell.id == "mse-exercise")
    cell.source = cell.source.replace("# YOUR CODE HERE\n    raise NotImplementedError()", "return np.mean(y - h)")
    nbformat.write(nb, path)


def teacher_changes(path: Path, text: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(text))
    nbformat.write(nb, path)


# --- the fixture: what the student version holds --------------------------------------------


def test_fixture_student_version_has_stubs_no_outputs_and_no_course_check(course):
    teacher, folder = course
    assert actions(student.generate(teacher, folder)) == {FIXTURE: "created"}
    text = (folder / FIXTURE).read_text()
    for solution in SOLUTION_TEXT:
        assert solution not in text
    nb = nbformat.read(folder / FIXTURE, as_version=4)
    assert_student_version_of(nbformat.read(teacher / FIXTURE, as_version=4), nb)
    sources = {cell.id: cell.source for cell in nb.cells}
    assert sources["mse-exercise"] == (
        "def mean_squared_error(y, h):\n"
        '    """y, h: arrays of the same shape. Return the mean of (y - h)**2 over all N entries."""\n'
        "    # YOUR CODE HERE\n"
        "    raise NotImplementedError()"
    )
    assert sources["freeze-exercise"] == "freeze_step = None\n# YOUR CODE HERE\nraise NotImplementedError()"
    assert "course-check" not in sources
    assert_links_work_from_student_folder(nb, {FIXTURE})


@pytest.mark.kernel
def test_fixture_student_notebook_raises_only_in_its_stubs(course):
    teacher, folder = course
    student.generate(teacher, folder)
    taught = execute(teacher / FIXTURE)
    assert errors(taught) == []  # the solutions and the course check pass in the teacher version
    nb = execute(folder / FIXTURE)
    assert_only_stubs_raise(nb)
    assert [cell.id for cell, _ in errors(nb)] == ["freeze-exercise"]  # the function stub raises only when called
    cells = {cell.id: cell for cell in nb.cells}
    assert stream_text(cells["mse-check"]).startswith("[not done yet] exercise mean_squared_error")
    assert stream_text(cells["freeze-check"]).startswith("[not done yet] exercise freeze_step")
    assert stream_text(cells["later"]) == "3\n"


def test_markers_outside_a_solution_cell_are_refused(course):
    teacher, folder = course
    nb = fixture_notebook()
    nb.cells[-2].source = "### BEGIN SOLUTION\nprint(1)\n### END SOLUTION"
    with pytest.raises(ValueError, match=r"non-solution cell"):
        student.student_version(nb)
    nbformat.write(nb, teacher / FIXTURE)
    (outcome,) = student.generate(teacher, folder)  # the notebook is skipped, named, and nothing is written
    assert outcome.action == "skipped"
    assert re.search(r"00_fixture\.ipynb.*non-solution cell", outcome.message)
    assert not (folder / FIXTURE).exists()


# --- the fixture: a learner's work is kept --------------------------------------------------


def test_unedited_student_notebook_is_updated_when_the_course_changes(course):
    teacher, folder = course
    student.generate(teacher, folder)
    assert actions(student.generate(teacher, folder)) == {FIXTURE: "unchanged"}
    teacher_changes(teacher / FIXTURE, "A new remark from the teacher.")
    assert actions(student.generate(teacher, folder)) == {FIXTURE: "updated"}
    assert nbformat.read(folder / FIXTURE, as_version=4).cells[-1].source == "A new remark from the teacher."


@pytest.mark.parametrize("course_changed", [False, True], ids=["same course", "course changed"])
def test_edited_student_notebook_is_kept_and_the_command_says_so(course, course_changed):
    teacher, folder = course
    student.generate(teacher, folder)
    learner_edits(folder / FIXTURE)
    edited = (folder / FIXTURE).read_text()
    if course_changed:
        teacher_changes(teacher / FIXTURE, "A new remark from the teacher.")
    for _ in range(2):  # and it stays kept: its record is not replaced by the edited file's hash
        (outcome,) = student.generate(teacher, folder)
        assert outcome.action == "kept"
        assert (folder / FIXTURE).read_text() == edited
    assert "you edited it" in outcome.message and "FORCE=1" in outcome.message
    assert ("newer version" in outcome.message) == course_changed


def test_force_replaces_an_edited_student_notebook(course):
    teacher, folder = course
    student.generate(teacher, folder)
    fresh = (folder / FIXTURE).read_text()
    learner_edits(folder / FIXTURE)
    assert actions(student.generate(teacher, folder, force=True)) == {FIXTURE: "replaced"}
    assert (folder / FIXTURE).read_text() == fresh
    assert actions(student.generate(teacher, folder)) == {FIXTURE: "unchanged"}


def test_a_notebook_the_record_does_not_know_is_kept(course):
    teacher, folder = course
    folder.mkdir()
    nbformat.write(fixture_notebook(title="Somebody's own"), folder / FIXTURE)
    (outcome,) = student.generate(teacher, folder)
    assert outcome.action == "kept" and "no record" in outcome.message
    assert "Somebody's own" in (folder / FIXTURE).read_text()


def test_a_deleted_student_notebook_is_written_again(course):
    teacher, folder = course
    student.generate(teacher, folder)
    learner_edits(folder / FIXTURE)
    (folder / FIXTURE).unlink()
    assert actions(student.generate(teacher, folder)) == {FIXTURE: "created"}


def test_the_command_prints_what_it_did_per_notebook(course, capsys):
    teacher, folder = course
    shutil.copy(teacher / FIXTURE, teacher / "01_second.ipynb")
    args = ["--notebooks", str(teacher), "--output", str(folder)]
    assert student.main(args) == 0
    student.main(args)
    learner_edits(folder / FIXTURE)
    student.main(args)
    student.main([*args, "--force"])
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{folder / FIXTURE}: created",
        f"{folder / '01_second.ipynb'}: created",
        f"{folder / FIXTURE}: unchanged",
        f"{folder / '01_second.ipynb'}: unchanged",
        f"{folder / FIXTURE}: kept: you edited it (the course has not changed; "
        "`make student FORCE=1` replaces it, and your edits with it)",
        f"{folder / '01_second.ipynb'}: unchanged",
        f"{folder / FIXTURE}: replaced your edited copy with a fresh one (--force)",
        f"{folder / '01_second.ipynb'}: unchanged",
    ]
    manifest = json.loads((folder / student.MANIFEST).read_text())
    assert set(manifest["sha256"]) == {FIXTURE, "01_second.ipynb"}


# --- the course's own notebooks -------------------------------------------------------------


@pytest.fixture(scope="module")
def student_folder(tmp_path_factory):
    """The student version of the real notebooks, generated once into a temporary folder."""
    folder = tmp_path_factory.mktemp("student")
    assert actions(student.generate(NOTEBOOKS, folder)) == {name: "created" for name in TEACHER_NOTEBOOKS}
    return folder


@pytest.mark.parametrize("name", TEACHER_NOTEBOOKS)
def test_student_version_of_the_course(name, student_folder):
    nb = nbformat.read(student_folder / name, as_version=4)
    assert_student_version_of(nbformat.read(NOTEBOOKS / name, as_version=4), nb)
    assert_links_work_from_student_folder(nb, set(TEACHER_NOTEBOOKS))


def check_cells(nb) -> list:
    """``(exercise cell, its check cell)``: the check is the first code cell after each exercise cell."""
    pairs = versions.exercises_and_their_checks(nb.cells)
    assert len(pairs) == sum(is_solution_cell(cell) for cell in nb.cells), "an exercise cell has no code cell after it"
    for cell, check in pairs:
        assert "check_" in check.source, f"the cell after exercise {cell.id} is not its check: {check.source[:80]}"
    return pairs


@pytest.mark.kernel
@pytest.mark.parametrize("name", TEACHER_NOTEBOOKS)
def test_student_notebook_runs_every_cell_with_every_exercise_unanswered(name, student_folder):
    """Run All in the student version, nothing answered: every cell runs, and every check says "not done yet".

    Only the cells the stubs can change and the cells they need run here (``only_needed``); the
    others run exactly as in the teacher notebook, which nbval runs in full.
    """
    nb = execute(student_folder / name, only_needed=True)
    assert not errors(nb), "Run All stops: " + "; ".join(f"cell {c.id}: {o.ename}: {o.evalue}" for c, o in errors(nb))
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code), "a code cell did not run"
    assert code[-1].execution_count == len(code), "the last code cell is not the last to run"
    pairs = check_cells(nb)
    assert pairs, f"{name} has no exercise"
    for exercise, check in pairs:
        assert stream_text(check).startswith("[not done yet]"), (exercise.id, stream_text(check))


def test_every_check_cell_of_the_teacher_notebooks_stores_a_passed_verdict():
    """The verdicts nbval compares the check cells with, where they run and again at the end (conftest.py)."""
    verdicts = {}
    for name in TEACHER_NOTEBOOKS:
        for exercise, check in check_cells(nbformat.read(NOTEBOOKS / name, as_version=4)):
            verdicts[exercise.metadata["nbgrader"]["grade_id"]] = stream_text(check)
    assert len(verdicts) >= 17
    assert {grade_id: text for grade_id, text in verdicts.items() if not text.startswith("[passed]")} == {}


@pytest.mark.kernel  # it names the notebooks to pytest (it starts no kernel: it only collects)
def test_nbval_runs_every_check_cell_again_after_the_last_cell_of_its_notebook():
    """Later cells rebind X, Y, params...: a check reads only its own inputs, so its verdict does not change.

    conftest.py adds, after each course notebook's last cell, a copy of each of its check cells; nbval
    runs them in the kernel the notebook ran in and compares what they print with the stored verdict.
    """
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", str(NOTEBOOKS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in TEACHER_NOTEBOOKS:
        ids = [line.split("::", 1)[1] for line in collected if line.startswith(f"notebooks/{name}::")]
        exercises = [
            cell.metadata["nbgrader"]["grade_id"]
            for cell, _ in check_cells(nbformat.read(NOTEBOOKS / name, as_version=4))
        ]
        again = [f"Check of {grade_id} again at the end" for grade_id in exercises]
        assert exercises and ids[-len(again) :] == again, (name, ids[-len(again) - 1 :])
        assert all(item.startswith("Cell ") for item in ids[: -len(again)]), name


def test_course_notebooks_edited_are_kept_unedited_are_updated(tmp_path):
    teacher, folder = tmp_path / "teacher", tmp_path / "student"
    shutil.copytree(NOTEBOOKS, teacher)
    student.generate(teacher, folder)
    first, *others = TEACHER_NOTEBOOKS
    nb = nbformat.read(folder / first, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("my_notes = 'a learner was here'"))
    nbformat.write(nb, folder / first)
    for name in TEACHER_NOTEBOOKS:
        teacher_changes(teacher / name, "The teacher added this.")
    assert actions(student.generate(teacher, folder)) == {first: "kept", **{name: "updated" for name in others}}
    assert "a learner was here" in (folder / first).read_text()
    for name in others:
        assert "The teacher added this." in (folder / name).read_text()
    assert actions(student.generate(teacher, folder, force=True))[first] == "replaced"
    assert "a learner was here" not in (folder / first).read_text()


# --- make lab: nbgrader writes student/, its own JupyterLab extensions stay off -------------


def test_make_lab_config_turns_off_every_nbgrader_extension_installed():
    prefix = Path(sys.prefix)
    installed = json.loads((prefix / "etc/jupyter/jupyter_server_config.d/nbgrader.json").read_text())
    server_extensions = set(installed["ServerApp"]["jpserver_extensions"])
    config = ROOT / "tools/jupyter_config"
    ours = json.loads((config / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    assert ours == {name: False for name in server_extensions}
    lab_extension = json.loads((prefix / "share/jupyter/labextensions/@jupyter/nbgrader/package.json").read_text())
    disabled = json.loads((config / "labconfig/page_config.json").read_text())["disabledExtensions"]
    assert disabled == {lab_extension["name"]: True}


@pytest.mark.parametrize("name", TEACHER_NOTEBOOKS)
def test_later_cells_never_depend_on_an_exercise_answer(name):
    """Only an exercise's check cell reads its answer, or a cell that runs it only once its check has passed."""
    import ast

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    checks = {check.id for _, check in check_cells(nb)}
    defined: set = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        if is_solution_cell(cell):  # the names the answer defines at the top level (a function's locals stay inside)
            for statement in tree.body:
                if isinstance(statement, ast.FunctionDef):
                    defined.add(statement.name)
                elif isinstance(statement, ast.Assign):
                    defined |= {
                        node.id
                        for target in statement.targets
                        for node in ast.walk(target)
                        if isinstance(node, ast.Name)
                    }
            continue
        if cell.id in checks or is_course_check(cell):
            continue
        used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
        guarded = isinstance(tree.body[0], ast.If) and "verdict" in ast.unparse(tree.body[0].test)
        assert guarded or not (used & defined), f"cell {cell.id} uses the answer {used & defined}: {cell.source[:80]}"

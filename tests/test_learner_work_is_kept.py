"""Issue 17, item 1: nothing a learner does, and no way a course command fails, loses the learner's work.

One section per class of defect the issue names:

1. ``make clean`` leaves ``student/`` alone; ``make clean-student`` moves it aside and deletes nothing.
2. One notebook ``make student`` cannot read is named and skipped; the others are updated.
3. A run of ``make student`` cut short leaves a record true to what it wrote: after the fix, a
   notebook nobody edited is updated and an edited one is kept.
4. Every write is atomic: a failed write leaves the old file and no temporary file.
5. The Makefile's targets work in a folder whose path has a space.

The Makefile tests run ``make`` in a copy of the repository's Makefile, tools and notebooks under
a path with a space, with the environment running these tests (``VENV=``, its stamp marked old
with ``-o`` so that make never rebuilds it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.test_student_notebooks import actions, fixture_notebook, learner_edits, teacher_changes
from tools import _atomic, student

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="make is not installed")

FIRST, SECOND, THIRD = "01_first.ipynb", "02_second.ipynb", "03_third.ipynb"


@pytest.fixture
def course(tmp_path):
    """A teacher folder with three fixture notebooks, and the student folder beside it (not yet written)."""
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    for name in (FIRST, SECOND, THIRD):
        nbformat.write(fixture_notebook(title=name), teacher / name)
    return teacher, tmp_path / "student"


def messages(outcomes) -> dict:
    return {outcome.path.name: outcome.message for outcome in outcomes}


def break_solution_marker(path: Path) -> None:
    """A course update with a solution region that is never closed: nbgrader refuses it."""
    nb = nbformat.read(path, as_version=4)
    cell = next(cell for cell in nb.cells if cell.id == "mse-exercise")
    cell.source = cell.source.replace("    ### END SOLUTION", "")
    nbformat.write(nb, path)


# 1. make clean leaves student/ alone -----------------------------------------------------------


@pytest.fixture
def spaced_copy(tmp_path):
    """The Makefile, tools/ and notebooks/ copied to a folder whose path has spaces."""
    top = tmp_path / "my course folder" / "hot and cold"
    top.mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, top / name)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for folder in ("tools", "notebooks"):
        shutil.copytree(ROOT / folder, top / folder, ignore=ignore)
    return top


def make(top: Path, *targets: str, **variables: str) -> subprocess.CompletedProcess:
    """``make <targets>`` in ``top`` with this environment as VENV, never rebuilding it."""
    venv = Path(sys.prefix)
    settings = [f"{key}={value}" for key, value in {"VENV": str(venv), **variables}.items()]
    command = [MAKE, "--no-print-directory", "-o", str(venv / ".installed"), *settings, *targets]
    return subprocess.run(command, cwd=top, capture_output=True, text=True, timeout=300)


def learner_folder(top: Path) -> dict:
    """A student/ holding a learner's edited notebook, a file of their own and a JupyterLab checkpoint."""
    files = {
        "student/01_losses.ipynb": '{"my": "edited notebook"}\n',
        "student/my notes.txt": "what I tried with alpha = 5\n",
        "student/.ipynb_checkpoints/01_losses-checkpoint.ipynb": '{"my": "checkpoint"}\n',
    }
    for name, text in files.items():
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text(text)
    return files


@needs_make
def test_make_clean_leaves_the_learners_student_folder_alone(spaced_copy):
    files = learner_folder(spaced_copy)
    (spaced_copy / "handouts").mkdir()
    (spaced_copy / "handouts" / "01.html").write_text("<html></html>")
    (spaced_copy / "tools" / ".ipynb_checkpoints").mkdir()
    done = subprocess.run([MAKE, "clean"], cwd=spaced_copy, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not (spaced_copy / "handouts").exists() and not (spaced_copy / "tools" / ".ipynb_checkpoints").exists()
    for name, text in files.items():
        assert (spaced_copy / name).read_text() == text, f"make clean touched {name}"


@needs_make
def test_make_clean_student_moves_the_folder_aside_and_deletes_nothing(spaced_copy):
    files = learner_folder(spaced_copy)
    done = subprocess.run([MAKE, "clean-student"], cwd=spaced_copy, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not (spaced_copy / "student").exists()
    (backup,) = spaced_copy.glob("student-backup-*")
    assert f"moved student/ (your notebooks) to {backup.name}/; nothing was deleted" in done.stdout
    for name, text in files.items():
        assert (backup / Path(name).relative_to("student")).read_text() == text
    again = subprocess.run([MAKE, "clean-student"], cwd=spaced_copy, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "there is no student/ to move aside" in again.stdout
    assert list(spaced_copy.glob("student-backup-*")) == [backup]


# 2. One notebook that cannot be read is named and skipped; the rest are updated ------------------


def test_a_student_notebook_that_is_not_utf8_is_kept_named_and_the_others_are_updated(course, capsys):
    teacher, folder = course
    student.generate(teacher, folder)
    damaged = (folder / FIRST).read_bytes().replace(b'"# 00', b'"# \xe9 00', 1)  # one Latin-1 byte
    (folder / FIRST).write_bytes(damaged)
    for name in (FIRST, SECOND, THIRD):
        teacher_changes(teacher / name, "The teacher added this.")
    assert student.main(["--notebooks", str(teacher), "--output", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"{folder / FIRST}: kept: it is not UTF-8 text (invalid continuation byte at byte" in out
    assert "JupyterLab cannot open it" in out
    assert (folder / FIRST).read_bytes() == damaged
    for name in (SECOND, THIRD):
        assert "The teacher added this." in (folder / name).read_text()


def test_a_teacher_notebook_that_is_not_json_is_skipped_named_and_the_others_are_updated(course, capsys):
    teacher, folder = course
    student.generate(teacher, folder)
    (teacher / SECOND).write_text('{"cells": [', encoding="utf-8")
    teacher_changes(teacher / THIRD, "The teacher added this.")
    before = (folder / SECOND).read_text()
    assert student.main(["--notebooks", str(teacher), "--output", str(folder)]) == 1  # make lab opens anyway
    captured = capsys.readouterr()
    assert f"{folder / SECOND}: skipped: cannot make a student version of the course's {teacher / SECOND}" in (
        captured.out
    )
    assert "NotJSONError" in captured.out and "Traceback" not in captured.out + captured.err
    assert captured.err == f"make student: 1 notebook(s) skipped ({SECOND}), see above; the others are up to date\n"
    assert (folder / SECOND).read_text() == before
    assert "The teacher added this." in (folder / THIRD).read_text()


def test_a_student_notebook_that_cannot_be_read_is_skipped_and_named(course):
    teacher, folder = course
    folder.mkdir()
    (folder / FIRST).mkdir()  # a folder where the notebook should be: reading it fails, even as root
    outcomes = student.generate(teacher, folder)
    assert actions(outcomes) == {FIRST: "skipped", SECOND: "created", THIRD: "created"}
    assert messages(outcomes)[FIRST] == f"skipped: cannot read {folder / FIRST}: Is a directory; it was left as it was"


# 3. A run cut short leaves a true record -----------------------------------------------------------


def test_a_run_cut_short_then_fixed_updates_the_untouched_notebook_and_keeps_the_edited_one(course, monkeypatch):
    """The issue's case: a course update stops part-way, after the first notebook was written but
    (before) the record was not; the fix changes the first notebook too, and the next run called
    it edited and never updated it."""
    teacher, folder = course
    student.generate(teacher, folder)
    learner_edits(folder / THIRD)
    edited = (folder / THIRD).read_text()
    for name in (FIRST, SECOND, THIRD):
        teacher_changes(teacher / name, "The course changed.")
    make_version = student.fresh_student_version

    def crash_on_the_second(path):
        if path.name == SECOND:
            raise KeyboardInterrupt  # the learner pressed Ctrl-C, or the machine stopped
        return make_version(path)

    monkeypatch.setattr(student, "fresh_student_version", crash_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        student.generate(teacher, folder)
    assert "The course changed." in (folder / FIRST).read_text()  # written before the run stopped
    monkeypatch.undo()
    teacher_changes(teacher / FIRST, "And the fix touched this one too.")
    outcomes = student.generate(teacher, folder)
    assert actions(outcomes) == {FIRST: "updated", SECOND: "updated", THIRD: "kept"}
    assert "And the fix touched this one too." in (folder / FIRST).read_text()
    assert "The course changed." in (folder / SECOND).read_text()
    assert (folder / THIRD).read_text() == edited
    assert actions(student.generate(teacher, folder, force=True)) == {
        FIRST: "unchanged",
        SECOND: "unchanged",
        THIRD: "replaced",
    }


def test_a_broken_course_update_skips_that_notebook_and_the_fixed_one_arrives(course):
    teacher, folder = course
    student.generate(teacher, folder)
    learner_edits(folder / THIRD)
    for name in (FIRST, SECOND, THIRD):
        teacher_changes(teacher / name, "The course changed.")
    good = (teacher / SECOND).read_text()
    break_solution_marker(teacher / SECOND)
    outcomes = student.generate(teacher, folder)
    assert actions(outcomes) == {FIRST: "updated", SECOND: "skipped", THIRD: "kept"}
    assert f"the course's {teacher / SECOND}" in messages(outcomes)[SECOND]
    (teacher / SECOND).write_text(good)
    assert actions(student.generate(teacher, folder)) == {FIRST: "unchanged", SECOND: "updated", THIRD: "kept"}


def test_the_record_is_written_before_and_after_each_notebook(course, monkeypatch):
    """Before a notebook is written its entry lists what may be on disk (a list); after, the one hash."""
    teacher, folder = course
    records = []
    write_manifest = student.write_manifest

    def spy(output, hashes):
        records.append({name: type(entry).__name__ for name, entry in sorted(hashes.items())})
        write_manifest(output, hashes)

    monkeypatch.setattr(student, "write_manifest", spy)
    student.generate(teacher, folder)
    assert records == [
        {FIRST: "list"},
        {FIRST: "str"},
        {FIRST: "str", SECOND: "list"},
        {FIRST: "str", SECOND: "str"},
        {FIRST: "str", SECOND: "str", THIRD: "list"},
        {FIRST: "str", SECOND: "str", THIRD: "str"},
    ]


def test_a_run_stopped_between_a_notebook_and_its_record_leaves_a_true_record(course, monkeypatch):
    """Stopped right after the first notebook was replaced, before its record was: a later course
    change still reaches that notebook (its record named both versions during the write)."""
    teacher, folder = course
    student.generate(teacher, folder)
    learner_edits(folder / THIRD)
    teacher_changes(teacher / FIRST, "The course changed.")
    calls = []
    write_manifest = student.write_manifest

    def stop_after_the_write(output, hashes):
        calls.append(1)
        if len(calls) == 2:  # the record that follows the first notebook's write
            raise KeyboardInterrupt
        write_manifest(output, hashes)

    monkeypatch.setattr(student, "write_manifest", stop_after_the_write)
    with pytest.raises(KeyboardInterrupt):
        student.generate(teacher, folder)
    assert "The course changed." in (folder / FIRST).read_text()
    monkeypatch.undo()
    teacher_changes(teacher / FIRST, "It changed again.")
    assert actions(student.generate(teacher, folder)) == {FIRST: "updated", SECOND: "unchanged", THIRD: "kept"}
    assert "It changed again." in (folder / FIRST).read_text()


def test_a_record_that_cannot_be_written_means_no_notebook_is_written(course, capsys):
    """Without a record a written notebook would later pass for an edited one: each is skipped, named."""
    teacher, folder = course
    (folder / student.MANIFEST).mkdir(parents=True)  # a folder where the record should be
    assert student.main(["--notebooks", str(teacher), "--output", str(folder)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{folder / name}: skipped: cannot write the record {folder / student.MANIFEST}: Is a directory; "
        f"{name} was left as it was"
        for name in (FIRST, SECOND, THIRD)
    ]
    assert captured.err.startswith("make student: 3 notebook(s) skipped")
    assert list(folder.glob("*.ipynb")) == []


# 4. Every write is atomic ----------------------------------------------------------------------


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "01.ipynb"
    target.write_text("the learner's notebook")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_atomic.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        _atomic.write_text_atomic(target, "a new version")
    assert target.read_text() == "the learner's notebook"
    assert [path.name for path in tmp_path.iterdir()] == ["01.ipynb"]


def test_a_copy_that_fails_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    source, target = tmp_path / "require.js", tmp_path / "static.js"
    source.write_text("the new script")
    target.write_text("the old script")

    def cut_short(src, dst, **kwargs):
        Path(dst).write_text("the new sc")  # half a file, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_atomic.shutil, "copy2", cut_short)
    with pytest.raises(OSError, match="No space left"):
        _atomic.copy_file_atomic(source, target)
    assert target.read_text() == "the old script"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["require.js", "static.js"]
    monkeypatch.undo()
    assert _atomic.copy_file_atomic(source, target) == target and target.read_text() == "the new script"


def test_an_atomic_write_keeps_the_files_permissions_and_replaces_it_whole(tmp_path):
    target = tmp_path / "handout.html"
    target.write_text("old")
    target.chmod(0o640)
    inode = target.stat().st_ino
    _atomic.write_text_atomic(target, "new ünïcode")
    assert target.read_text(encoding="utf-8") == "new ünïcode"
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.stat().st_ino != inode  # a new file renamed into place, not the old one rewritten
    fresh = _atomic.write_text_atomic(tmp_path / "new.txt", "x")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("module", ["student", "notebooks", "handouts", "slides"])
def test_every_tool_writes_through_the_atomic_helper(module):
    """No tool writes a notebook, record or export with a plain write_text/nbformat.write."""
    source = (ROOT / "tools" / f"{module}.py").read_text()
    assert "write_text_atomic" in source or "handouts.write_export" in source
    assert ".write_text(" not in source and "nbformat.write(" not in source


# 5. The Makefile works in a path with spaces -------------------------------------------------------


@needs_make
def test_make_student_runs_in_a_folder_whose_path_has_spaces(spaced_copy):
    done = make(spaced_copy, "student")
    assert done.returncode == 0, done.stdout + done.stderr
    names = sorted(path.name for path in (spaced_copy / "notebooks").glob("*.ipynb"))
    assert sorted(path.name for path in (spaced_copy / "student").glob("*.ipynb")) == names
    assert [line.split(": ", 1)[1] for line in done.stdout.splitlines() if line.startswith("student/")] == [
        "created"
    ] * len(names)


@needs_make
def test_make_lab_in_a_folder_whose_path_has_spaces_opens_jupyterlab_even_if_notebooks_were_skipped(spaced_copy):
    """``make lab`` with stand-ins for python and jupyter (in a folder with a space too) that record
    what they were given: the JupyterLab config folder arrives whole, and a ``tools.student`` that
    exits 1 (a notebook skipped) does not stop JupyterLab from starting."""
    fake_bin = spaced_copy.parent / "fake venv" / "bin"
    fake_bin.mkdir(parents=True)
    record = spaced_copy.parent / "jupyter was called.txt"
    (fake_bin / "python").write_text('#!/bin/sh\necho "student notebook 02 skipped" >&2\nexit 1\n')
    (fake_bin / "jupyter").write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$JUPYTER_CONFIG_PATH" "$@" > "{record}"\n',
    )
    for script in fake_bin.iterdir():
        script.chmod(0o755)
    done = make(spaced_copy, "lab", BIN=str(fake_bin), JUPYTER_CONFIG_PATH="")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "opening JupyterLab anyway" in done.stdout
    config_path, *arguments = record.read_text().splitlines()
    assert config_path == str(spaced_copy / "tools" / "jupyter_config")
    assert Path(config_path).is_dir()
    assert arguments[0] == "lab" and "--LabApp.default_url=/lab/tree/student" in arguments


def phony_targets() -> list:
    """Every target the Makefile declares .PHONY (the commands a user types)."""
    text = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    return [name for line in text.splitlines() if line.startswith(".PHONY:") for name in line.split()[1:]]


@needs_make
def test_every_make_target_quotes_the_folders_path(spaced_copy):
    """``make -n`` (print, do not run) of every target: wherever a command names the course's folder,
    whose path has spaces, the path stands inside double quotes, so the shell keeps it whole."""
    targets = phony_targets()
    assert {"lab", "student", "notebooks", "clean", "clean-student"} <= set(targets)
    for target in targets:
        done = make(spaced_copy, "-n", target)
        assert done.returncode == 0, f"make -n {target}: {done.stderr}"
        for line in done.stdout.splitlines():
            pieces = line.split(str(spaced_copy))
            for n in range(1, len(pieces)):
                before = str(spaced_copy).join(pieces[:n])  # the line up to this mention of the path
                assert before.count('"') % 2 == 1, f"make {target} leaves the folder's path unquoted: {line}"

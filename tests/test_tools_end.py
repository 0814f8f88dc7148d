"""Issue 17, item 3: the course's tools end, and say in one line what went wrong.

1. A kernel that dies (``os._exit``, SIGKILL) ends ``make notebooks`` with a named error; the
   other notebooks still run. (It used to wait forever.)
2. SIGTERM ends ``make notebooks`` at once, with its kernel.
3. A notebook that cannot be read (not JSON, not UTF-8) is named and the others still run.
4. A read-only folder (``notebooks/``, ``student/``, ``handouts/``) gives one clear line, not a traceback.

The tools run as the user runs them, ``python -m tools.<name>`` in a subprocess, with a timeout
generous for a slow machine: a hang fails the test by that timeout, but what is asserted is
the message, never the time taken. The read-only tests need a folder this process cannot write:
as root, whom permissions do not stop, the tool runs under ``setpriv`` without the capabilities
that override them (skipped where setpriv cannot do that); the in-process tests simulate the
``PermissionError`` instead, so the message is checked everywhere.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from tools import _atomic, handouts, notebooks, slides, student

ROOT = Path(__file__).resolve().parent.parent
#: Seconds a tool may take here before the test calls it hung (it takes a few).
HUNG = 120


def write_notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    nb.metadata.kernelspec = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    for n, cell in enumerate(nb.cells):
        cell.id = f"cell-{n}"
    nbformat.write(nb, path)
    return path


def run_tool(module: str, *arguments: str, prefix: tuple = ()) -> subprocess.CompletedProcess:
    """``python -m tools.<module> <arguments>`` from the repository's top; fails the test if it hangs."""
    command = [*prefix, sys.executable, "-m", f"tools.{module}", *arguments]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=HUNG)


# 1. A dead kernel ends the run with a named error -------------------------------------------------


@pytest.mark.kernel
def test_a_kernel_that_dies_ends_its_notebook_with_a_named_error_and_the_others_still_run(tmp_path):
    exits = write_notebook(tmp_path / "01_exits.ipynb", "print('first')", "import os\nos._exit(1)", "print('never')")
    killed = write_notebook(tmp_path / "02_killed.ipynb", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    fine = write_notebook(tmp_path / "03_fine.ipynb", "print(6 * 7)")
    before = {path: path.read_bytes() for path in (exits, killed)}
    done = run_tool("notebooks", str(exits), str(killed), str(fine))
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 4, done.stdout + done.stderr
    assert lines[0].startswith(
        "01_exits.ipynb: NOT written, the kernel died while running code cell 2 ('import os'): "
        "the cell ended the Python process (os._exit, a crash in compiled code, or out of memory)"
    )
    assert lines[1].startswith("02_killed.ipynb: NOT written, the kernel died while running code cell 1"), lines[1]
    assert lines[2].startswith("03_fine.ipynb: changed"), done.stdout + done.stderr
    assert (
        lines[3] == "make notebooks: 2 notebook(s) failed and were left as they were: 01_exits.ipynb, 02_killed.ipynb"
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert {path: path.read_bytes() for path in before} == before
    assert nbformat.read(fine, as_version=4).cells[0].outputs[0].text == "42\n"


@pytest.mark.kernel
def test_execute_raises_kernel_died_naming_the_cell(tmp_path):
    nb = nbformat.read(write_notebook(tmp_path / "dies.ipynb", "x = 1", "import os\nos._exit(3)"), as_version=4)
    with pytest.raises(notebooks.KernelDied, match=r"while running code cell 2 \('import os'\)"):
        notebooks.execute(nb, tmp_path)


@pytest.mark.kernel
def test_a_kernel_that_never_starts_is_one_line_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    class KernelThatRefusesItsArguments(notebooks.NotebookClient):
        def __init__(self, nb, **settings):
            super().__init__(nb, extra_arguments=["--no-such-option=1"], **settings)

    first = write_notebook(tmp_path / "01_a.ipynb", "print(1)")
    second = write_notebook(tmp_path / "02_b.ipynb", "print(2)")
    monkeypatch.setattr(notebooks, "NotebookClient", KernelThatRefusesItsArguments)
    assert notebooks.main([str(first), str(second)]) == 1
    lines = capsys.readouterr().out.splitlines()
    for line, name in zip(lines, ("01_a.ipynb", "02_b.ipynb"), strict=False):
        assert line.startswith(f"{name}: NOT written, the kernel failed: RuntimeError: Kernel died before replying")
    assert lines[2] == "make notebooks: 2 notebook(s) failed and were left as they were: 01_a.ipynb, 02_b.ipynb"


# 2. SIGTERM ends the run ------------------------------------------------------------------------


def wait_for(path: Path, seconds: float = HUNG) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and path.read_text():
            return path.read_text()
        time.sleep(0.1)
    raise AssertionError(f"{path} was never written")


def process_gone(pid: int, seconds: float = 30) -> bool:
    """True once ``pid`` no longer runs (gone, or a zombie waiting to be reaped)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in {"Z", "X"}:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.kernel
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the kernel's state from /proc")
def test_sigterm_ends_make_notebooks_and_its_kernel(tmp_path):
    started = tmp_path / "kernel pid"
    slow = write_notebook(
        tmp_path / "01_slow.ipynb",
        f"import os, time\nopen({str(started)!r}, 'w').write(str(os.getpid()))\ntime.sleep(600)",
    )
    later = write_notebook(tmp_path / "02_later.ipynb", "print('never run')")
    before = slow.read_bytes()
    command = [sys.executable, "-m", "tools.notebooks", str(slow), str(later)]
    tool = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        kernel = int(wait_for(started))
        tool.send_signal(signal.SIGTERM)
        out, err = tool.communicate(timeout=HUNG)
    finally:
        if tool.poll() is None:
            tool.kill()
    assert tool.returncode == 143, out + err
    assert out == "01_slow.ipynb: NOT written, stopped by SIGTERM; its kernel was ended\n"
    assert err == "make notebooks: stopped; notebooks not run: 02_later.ipynb\n"
    assert slow.read_bytes() == before
    assert process_gone(kernel), f"the kernel (pid {kernel}) outlived make notebooks"


# 3. A notebook that cannot be read is named; the others still run ---------------------------------


@pytest.mark.kernel
def test_notebooks_that_cannot_be_read_are_named_and_the_others_still_run(tmp_path, capsys):
    not_json = tmp_path / "01_not_json.ipynb"
    not_json.write_text('{"cells": [', encoding="utf-8")
    latin1 = tmp_path / "02_latin1.ipynb"
    latin1.write_bytes(b'{"cells": [], "metadata": {"title": "caf\xe9"}}')
    fine = write_notebook(tmp_path / "03_fine.ipynb", "print(6 * 7)")
    assert notebooks.main([str(not_json), str(latin1), str(fine)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "01_not_json.ipynb: NOT run, it is not a readable notebook: NotJSONError: Notebook does not appear to be JSON"
    )
    assert lines[1].startswith("02_latin1.ipynb: NOT run, it is not UTF-8 text (invalid continuation byte at byte 40)")
    assert lines[2].startswith("03_fine.ipynb: changed")
    assert "2 notebook(s) failed" in lines[3]
    assert nbformat.read(fine, as_version=4).cells[0].outputs[0].text == "42\n"


def test_slide_metadata_names_a_notebook_that_cannot_be_read(tmp_path, capsys):
    (tmp_path / "01_not_json.ipynb").write_text('{"cells": [', encoding="utf-8")
    assert slides.main(["--metadata", "--notebooks", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"make slides: {tmp_path / '01_not_json.ipynb'} cannot be read: NotJSONError")
    assert captured.err.count("\n") == 1


@pytest.mark.parametrize("tool", [handouts, slides], ids=["handouts", "slides"])
def test_an_export_names_a_notebook_it_cannot_read_and_exports_the_others(tool, tmp_path, capsys, monkeypatch):
    source = tmp_path / "notebooks"
    source.mkdir()
    shutil.copy(ROOT / "notebooks" / "01_defining_the_loss.ipynb", source)
    (source / "02_not_json.ipynb").write_text('{"cells": [', encoding="utf-8")
    (source / "03_no_outputs.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8")
    monkeypatch.setattr(tool, "copy_static_files", lambda node_modules, folder: None)  # the scripts: not tested here
    output = tmp_path / "exports"
    assert tool.main(["--notebooks", str(source), "--output", str(output), "--node-modules", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    name = tool.__name__.rsplit(".", 1)[1]
    problems = captured.err.splitlines()
    assert len(problems) == 2, problems  # one line per notebook, though each failed in both versions
    assert problems[0].startswith(f"make {name}: {source / '02_not_json.ipynb'} cannot be read: NotJSONError")
    assert problems[1] == (
        f"make {name}: {source / '03_no_outputs.ipynb'} has no stored outputs: run it (Restart and Run All) "
        "before exporting"
    )
    extension = ".slides.html" if tool is slides else ".html"
    exported = [output / "student" / f"01_defining_the_loss{extension}"]
    exported.append(output / "teacher" / f"01_defining_the_loss.teacher{extension}")
    assert all(path.stat().st_size > 10_000 for path in exported)
    assert sorted(p.name for p in output.rglob("*.html")) == sorted(path.name for path in exported)
    assert captured.out.split() == [str(path) for path in exported]


# 4. Read-only folders give one clear line ---------------------------------------------------------


@pytest.fixture
def read_only(tmp_path):
    """A command prefix under which a folder with mode 0o555 really is read-only; skips if none works."""
    prefix: tuple = ()
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: permissions cannot be made to bind")
        prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o555)
    probe.chmod(0o555)
    tried = subprocess.run([*prefix, "touch", str(probe / "x")], capture_output=True, timeout=HUNG)
    probe.chmod(0o755)
    if tried.returncode == 0:
        pytest.skip("this process can write into a read-only folder (capabilities cannot be dropped here)")
    return prefix


def lock(folder: Path) -> None:
    folder.chmod(0o555)


@pytest.fixture
def unlock_afterwards(tmp_path):
    yield
    for folder in [tmp_path, *tmp_path.rglob("*")]:
        if folder.is_dir():
            folder.chmod(0o755)


def assert_one_clear_line(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert "Permission denied" in done.stdout + done.stderr


@pytest.mark.kernel
def test_make_notebooks_in_a_read_only_folder_names_the_notebook(tmp_path, read_only, unlock_afterwards):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    path = write_notebook(folder / "01_a.ipynb", "print(6 * 7)")
    before = path.read_bytes()
    lock(folder)
    done = run_tool("notebooks", str(path), prefix=read_only)
    assert done.returncode == 1
    assert_one_clear_line(done)
    assert done.stdout.startswith("01_a.ipynb: NOT written, it ran but cannot be written: Permission denied (")
    assert path.read_bytes() == before
    assert os.listdir(folder) == ["01_a.ipynb"]


def test_make_student_into_a_read_only_student_folder_names_each_notebook(tmp_path, read_only, unlock_afterwards):
    teacher, folder = tmp_path / "teacher", tmp_path / "student"
    teacher.mkdir()
    write_notebook(teacher / "01_a.ipynb", "x = 1")
    write_notebook(teacher / "02_b.ipynb", "y = 2")
    student.generate(teacher, folder)
    write_notebook(teacher / "02_b.ipynb", "y = 3")  # a course update to write
    lock(folder)
    done = run_tool("student", "--notebooks", str(teacher), "--output", str(folder), prefix=read_only)
    assert done.returncode == 1
    assert_one_clear_line(done)
    assert done.stdout.splitlines() == [
        f"{folder / '01_a.ipynb'}: unchanged",
        f"{folder / '02_b.ipynb'}: skipped: cannot write the record {folder / student.MANIFEST}: Permission denied; "
        "02_b.ipynb was left as it was",
    ]
    assert done.stderr == "make student: 1 notebook(s) skipped (02_b.ipynb), see above; the others are up to date\n"


def test_make_student_where_student_cannot_be_created_says_so_in_one_line(tmp_path, read_only, unlock_afterwards):
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    write_notebook(teacher / "01_a.ipynb", "x = 1")
    top = tmp_path / "course"
    top.mkdir()
    lock(top)
    done = run_tool("student", "--notebooks", str(teacher), "--output", str(top / "student"), prefix=read_only)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"make student: cannot write {top / 'student'}: Permission denied; no notebook was changed\n"
    )


def test_make_handouts_into_a_read_only_folder_says_so_in_one_line(tmp_path, read_only, unlock_afterwards):
    top = tmp_path / "course"
    top.mkdir()
    lock(top)
    done = run_tool("handouts", "--output", str(top / "handouts"), prefix=read_only)
    assert done.returncode == 1
    assert done.stderr == f"make handouts: cannot write or read {top / 'handouts'}: Permission denied\n"


def test_a_student_notebook_that_cannot_be_written_is_skipped_simulated(tmp_path, monkeypatch, capsys):
    """The same class in-process, where permissions cannot be made to bind: the write raises."""
    teacher, folder = tmp_path / "teacher", tmp_path / "student"
    teacher.mkdir()
    write_notebook(teacher / "01_a.ipynb", "x = 1")

    def refuse(path, text, encoding="utf-8"):
        if Path(path).suffix == ".ipynb":
            raise PermissionError(13, "Permission denied", str(path))
        return _atomic.write_text_atomic(path, text, encoding)

    monkeypatch.setattr(student, "write_text_atomic", refuse)
    assert student.main(["--notebooks", str(teacher), "--output", str(folder)]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        f"{folder / '01_a.ipynb'}: skipped: cannot write {folder / '01_a.ipynb'}: Permission denied; "
        "it was left as it was\n"
    )
    assert not (folder / "01_a.ipynb").exists()

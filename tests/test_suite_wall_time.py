"""``make bench-suite`` (``python -m benchmarks.suite_wall_time``): each run, its CPU time, its load and the medians.

``make test`` itself is not run here (it would run this test); stand-ins are timed instead.
"""

import subprocess

from benchmarks import suite_wall_time


def fake_runs(monkeypatch, results):
    """Make ``timed_command`` return ``results`` (``(wall, cpu, returncode, stdout)``) one after another."""
    queue = list(results)

    def timed_command(*args, **kwargs):
        wall, cpu, returncode, stdout = queue.pop(0)
        return wall, cpu, subprocess.CompletedProcess(["make", "test"], returncode, stdout, "")

    monkeypatch.setattr(suite_wall_time, "timed_command", timed_command)


def test_prints_every_run_and_the_medians(monkeypatch, capsys):
    runs = [(31.0, 50.0, 0, "331 passed in 29.0s\n"), (35.5, 52.0, 0, "== 331 passed in 33.2s ==\n"), (30.2, 49, 0, "")]
    fake_runs(monkeypatch, runs)
    assert suite_wall_time.main(["--runs", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("run 1: 31.0 s wall, 50.0 s CPU, exit 0, load average before it ")
    assert lines[0].endswith("; 331 passed in 29.0s")
    assert lines[1].endswith("; 331 passed in 33.2s")
    assert lines[2].endswith("; (no output)")
    assert lines[3].startswith("make test: median 31.0 s wall (fastest 30.2 s), median 50.0 s CPU, over 3 runs; ")


def test_a_failed_run_fails_the_measurement(monkeypatch, capsys):
    fake_runs(monkeypatch, [(12.0, 20.0, 2, "1 failed, 330 passed in 11.0s\n")])
    assert suite_wall_time.main(["--runs", "1"]) == 1
    assert "exit 2" in capsys.readouterr().out


def test_the_summary_is_pytests_not_makes():
    output = "make[1]: Entering directory '/x'\n== 3 passed in 1.0s ==\nmake[1]: Leaving directory '/x'\n"
    assert suite_wall_time.last_summary_line(output) == "3 passed in 1.0s"

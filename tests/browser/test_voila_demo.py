"""`make demo NB=05`: Voila with the course's template shows notebook 05 as a clean page for class.

While the kernel runs the notebook, the page says so ("Running the notebook: cell k of n"); then it shows
prose, figures and the explorer, and none of: an exercise's prompt or answer, a checker's verdict, a
prediction line, a course check. Nothing is asked of a CDN (Voila's own template links Font Awesome).
A screenshot of the whole page is saved as test-artifacts/voila-demo-05.png.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .chromium import ARTIFACTS
from .explorer import EXPLORER, SUMMARY
from .servers import running_front_end, voila_server_command

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "05_hot_and_cold_vs_backprop.ipynb"
COURSE_DATA = ROOT / "tools" / "jupyter_data"

#: What a demo page must not show: prompts, answers, verdicts, predictions, course checks.
NOT_FOR_A_DEMO = (
    "Exercise",
    "BEGIN SOLUTION",
    "[passed] exercise",
    "[wrong] exercise",
    "You made no prediction",
    "my_prediction",
    "Course check",
    "Predict, then check",
)


def demo_command(port: int, token: str, root: Path) -> list:
    """The Makefile's demo command (`voila --template=course`), on the loopback interface only."""
    return voila_server_command(port, token, root, "--template=course")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, chromium):
    root = tmp_path_factory.mktemp("demo")
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, root)
    home = tmp_path_factory.mktemp("demo-home")
    course_template = {"JUPYTER_PATH": str(COURSE_DATA)}  # where the course's Voila template lives
    with running_front_end(demo_command, "/", root, home, extra_env=course_template) as server:
        yield server


def test_the_demo_of_05_shows_prose_figures_and_the_explorer_and_nothing_of_the_exercises(demo, chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    blocked = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if "127.0.0.1" in route.request.url
            else (blocked.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    page.set_default_timeout(240_000)
    try:
        page.goto(demo.url(f"/voila/render/{NOTEBOOK}"), wait_until="commit")
        # while the kernel runs the notebook, the page says so, and counts the cells
        progress = page.locator("#loading_text")
        progress.wait_for(state="visible", timeout=60_000)
        # Voila streams the page: its spinner's own "Running ..." can be read before the course's script right
        # after it has replaced the words; the course's words must come while the kernel still runs the notebook
        page.wait_for_function(
            "() => document.querySelector('#loading_text').innerText.startsWith('Running the notebook')",
            timeout=60_000,
        )
        assert progress.is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "voila-demo-05-running.png"))
        page.locator("#rendered_cells").wait_for(state="visible")
        page.wait_for_function("document.querySelectorAll('#rendered_cells img').length >= 3")
        text = page.locator("#rendered_cells").inner_text()
        assert [phrase for phrase in NOT_FOR_A_DEMO if phrase in text] == []
        assert page.locator("#rendered_cells h1").first.inner_text().startswith("05")
        # the explorer (an anywidget, drawn in the browser) shows its run summary
        page.locator(f"#rendered_cells {EXPLORER} {SUMMARY}").first.wait_for()
        # the whole page in one picture: Voila scrolls inside the page, so the window takes its height
        height = page.evaluate("() => document.getElementById('rendered_cells').scrollHeight")
        page.set_viewport_size({"width": 1366, "height": min(int(height) + 40, 16000)})
        page.screenshot(path=str(ARTIFACTS / "voila-demo-05.png"))
        assert blocked == []
    finally:
        context.close()

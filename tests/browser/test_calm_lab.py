"""`make lab` is calm: JupyterLab started as the Makefile starts it (the course's tools/jupyter_config, no
extra flags), in a 1366 x 768 window, opens in student/, gives the file browser's name column the whole
sidebar (no last-modified column), asks nobody about Jupyter news and checks for no update; Alt+R
presents the notebook in a tab of its own (jupyterlab-rise's full-window view), not a panel beside it.
"""

from __future__ import annotations

import json
import shutil
import sys
import urllib.request
from pathlib import Path

import pytest

from .jupyter_lab import LabServer, as_root_options, new_server, running, server_app_options
from .servers import environment_with_config

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
COURSE_CONFIG = ROOT / "tools" / "jupyter_config"
NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))


def make_lab_command(port: int, token: str, root: Path) -> list:
    """The Makefile's `jupyter lab` command: the course's default URL and nothing else of the tests'."""
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        *server_app_options(port, token, root),
        "--LabApp.default_url=/lab/tree/student",
        "--LabApp.expose_app_in_browser=True",
        *as_root_options(),
    ]


@pytest.fixture(scope="module")
def course_lab(tmp_path_factory, chromium):
    root = tmp_path_factory.mktemp("course")
    (root / "student").mkdir()
    for name in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / name, root / "student" / name)
    shutil.copy(ROOT / "notebooks" / "rise.css", root / "student" / "rise.css")  # as `make lab` does
    home = tmp_path_factory.mktemp("course-home")
    server = new_server(LabServer, root, home, "jupyterlab.log")
    env = environment_with_config(home, COURSE_CONFIG)
    command = make_lab_command(server.port, server.token, root)
    with running(server, command, "/api/status", "JupyterLab", env) as running_server:
        yield running_server


def lab_defaults(server, plugin: str) -> dict:
    """``plugin``'s default settings as the running JupyterLab serves them (the course's overrides applied)."""
    with urllib.request.urlopen(server.url(f"/lab/api/settings/{plugin}"), timeout=10) as response:
        schema = json.loads(response.read())["schema"]
    return {key: value.get("default") for key, value in schema["properties"].items()}


def test_news_and_update_checks_are_off(course_lab):
    notification = lab_defaults(course_lab, "@jupyterlab/apputils-extension:notification")
    assert notification["fetchNews"] == "false" and notification["checkForUpdates"] is False
    browser = lab_defaults(course_lab, "@jupyterlab/filebrowser-extension:browser")
    assert browser["showLastModifiedColumn"] is False  # the name column has the sidebar's whole width


@pytest.fixture
def wide_page(chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def test_lab_opens_in_student_with_full_names_and_no_news_prompt(course_lab, wide_page):
    page = wide_page
    page.goto(course_lab.url("/"))  # what `make lab` opens
    items = page.locator(".jp-DirListing-item .jp-DirListing-itemText")
    page.wait_for_function(f"document.querySelectorAll('.jp-DirListing-item').length === {len(NOTEBOOKS) + 1}")
    assert page.url.split("?")[0].endswith("/lab/tree/student")
    assert "student" in page.locator(".jp-BreadCrumbs").inner_text()
    assert page.locator(".jp-FileBrowser").is_visible()  # the sidebar is open, as a teacher finds it
    names = items.evaluate_all("spans => spans.map(s => [s.textContent, s.scrollWidth <= s.clientWidth + 1])")
    assert sorted(name for name, _ in names) == sorted([*NOTEBOOKS, "rise.css"])
    cut = [name for name, whole in names if not whole]
    # at the default sidebar width only the longest name (05's, 33 characters) is still cut
    assert cut in ([], ["05_hot_and_cold_vs_backprop.ipynb"]), cut
    assert page.locator(".jp-DirListing-headerItem.jp-id-modified:visible").count() == 0
    # the app has loaded its settings and drawn the file browser: a news question would be up by now
    toasts = page.locator(".Toastify__toast").all_inner_texts()
    assert not any("news" in text.lower() for text in toasts), toasts
    page.screenshot(path=str(ROOT / "test-artifacts" / "make-lab-1366.png"))


#: Where the current slide and the slide number are, in the window: the slide (the box it scrolls in,
#: when it is taller than the window) must end above the number.
SLIDE_AND_NUMBER = """() => {
    const number = document.querySelector('.reveal .slide-number');
    const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
    const n = number.getBoundingClientRect(), s = slide.getBoundingClientRect();
    return {text: number.textContent.replace(/\\s+/g, ''), slide: [s.left, s.top, s.right, s.bottom],
            number: [n.left, n.top, n.right, n.bottom],
            overlap: s.bottom > n.top + 1 && s.top < n.bottom && s.right > n.left && s.left < n.right};
}"""


#: Resolves once the current slide has stopped moving (reveal.js's transition is over).
SETTLED = """() => new Promise(done => {
    let last = null, still = 0;
    const look = () => {
        const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
        const now = slide ? JSON.stringify(slide.getBoundingClientRect()) : null;
        still = now === last ? still + 1 : 0;
        last = now;
        still >= 10 ? done() : requestAnimationFrame(look);
    };
    look();
})"""


def test_alt_r_presents_the_notebook_in_a_tab_of_its_own_with_nothing_under_the_slide_number(course_lab, wide_page):
    page = wide_page
    name = "03_hot_and_cold.ipynb"
    page.goto(course_lab.url(f"/lab/tree/student/{name}"))
    page.locator(".jp-Cell").first.click()
    page.keyboard.press("Escape")
    with page.context.expect_page() as opened:
        page.keyboard.press("Alt+r")
    slideshow = opened.value
    slideshow.locator(".reveal.ready").wait_for()
    assert f"/rise/student/{name}" in slideshow.url
    assert page.locator(".jp-RisePreview").count() == 0  # no panel beside the notebook
    box = slideshow.locator(".reveal").bounding_box()
    assert box["width"] >= 1366 - 1 and box["height"] >= 700
    assert slideshow.locator(".reveal .controls").is_hidden()  # rise.css: the keyboard moves, no buttons over text

    total = slideshow.evaluate("() => document.querySelectorAll('.reveal .slides section:not(.stack)').length")
    seen, overlaps = set(), []
    for _ in range(4 * total):  # space steps through fragments too
        where = slideshow.evaluate(SLIDE_AND_NUMBER)
        seen.add(where["text"])
        if where["overlap"]:
            overlaps.append(where)
        if where["text"] == f"{total}/{total}":
            break
        slideshow.keyboard.press("Space")
        slideshow.evaluate(SETTLED)
    assert f"{total}/{total}" in seen and len(seen) == total
    assert overlaps == []
    slideshow.screenshot(path=str(ROOT / "test-artifacts" / "rise-1366.png"))


#: Every figure of the open notebook, scrolled into view (JupyterLab renders cells lazily): natural and shown width.
FIGURE_WIDTHS = """async () => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const scroller = panel.querySelector('.jp-WindowedPanel-outer');
    const seen = new Map();
    for (let y = 0; y <= scroller.scrollHeight; y += 400) {
        scroller.scrollTop = y;
        await new Promise(done => setTimeout(done, 150));  // lets JupyterLab attach the cells now in view
        panel.querySelectorAll('.jp-OutputArea-output img').forEach(img => {
            if (img.complete && img.naturalWidth) {
                seen.set(img.src.slice(-64), [img.naturalWidth, img.getBoundingClientRect().width]);
            }
        });
    }
    return [...seen.values()];
}"""


def tick_label_points() -> float:
    """The tick labels' size in points, in the course style (course.mplstyle)."""
    import matplotlib

    style = matplotlib.rc_params_from_file(
        str(ROOT / "helpers" / "figures" / "course.mplstyle"), use_default_template=False
    )
    return min(float(style["xtick.labelsize"]), float(style["ytick.labelsize"]))


def test_every_figure_is_readable_at_1366_with_the_file_browser_open(course_lab, wide_page):
    """Figures are stored at 100 dpi: a label of p points is p * 100 / 72 px in the PNG, times the shown scale."""
    from helpers.figures.plotting import SHOW_DPI

    page = wide_page
    smallest = []
    for name in NOTEBOOKS:
        page.goto(course_lab.url(f"/lab/workspaces/figures-{name[:2]}/tree/student/{name}"))
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").wait_for()
        assert page.locator(".jp-FileBrowser").is_visible()
        page.wait_for_function(
            "[...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img')]"
            ".some(img => img.complete && img.naturalWidth > 0)"
        )
        widths = page.evaluate(FIGURE_WIDTHS)
        assert widths, f"no figure rendered in {name}"
        scale = min(shown / natural for natural, shown in widths)
        smallest.append((scale, name))
    scale, name = min(smallest)
    tick_px = tick_label_points() * SHOW_DPI / 72 * scale
    report = f"smallest figure scale {scale:.3f} ({name}); 12-pt tick labels render at {tick_px:.1f} CSS px"
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "figures_1366_sidebar.txt").write_text(report + "\n")
    print(report)
    assert tick_px >= 12, report
    page.evaluate(
        "() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img')"
        ".scrollIntoView({block: 'center'})"
    )
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img").first.wait_for()
    page.screenshot(path=str(ROOT / "test-artifacts" / "figures-1366-sidebar-05.png"))  # 05's loss surface

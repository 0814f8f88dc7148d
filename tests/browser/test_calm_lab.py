"""`make lab` is calm: JupyterLab started as the Makefile starts it (the course's tools/jupyter_config, no
extra flags), in a 1366 x 768 window, opens in student/, gives the file browser's name column the whole
sidebar (no last-modified column), asks nobody about Jupyter news and checks for no update; Alt+R
presents the notebook in a tab of its own (jupyterlab-rise's full-window view), not a panel beside it.

The test's teacher has one setting of their own (their user settings, where the settings editor saves):
reveal.js's transition is off, so that the walk through the slides waits for no animation.
"""

from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .jupyter_lab import jupyter_lab_command
from .servers import running_front_end

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
COURSE_CONFIG = ROOT / "tools" / "jupyter_config"
NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))


#: jupyterlab-rise's settings (its schema: jupyterlab-rise/schemas/jupyterlab-rise/plugin.json).
RISE_PLUGIN = "jupyterlab-rise:plugin"


def write_user_settings(home: Path, plugin: str, settings: dict) -> None:
    """``settings`` for ``plugin`` in the isolated home's user settings, as JupyterLab's settings editor saves them.

    ``plugin`` is ``"<package>:<name>"``; the file is ``<JUPYTERLAB_SETTINGS_DIR>/<package>/<name>.jupyterlab-settings``
    (``isolated_environment`` puts that folder at ``home / "settings"``).
    """
    package, name = plugin.split(":")
    folder = home / "settings" / package
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.jupyterlab-settings").write_text(json.dumps(settings))


def make_lab_command(port: int, token: str, root: Path) -> list:
    """The Makefile's `jupyter lab` command: the course's default URL and nothing else of the tests'."""
    return jupyter_lab_command(
        port, token, root, "--LabApp.default_url=/lab/tree/student", "--LabApp.expose_app_in_browser=True"
    )


@pytest.fixture(scope="module")
def course_lab(tmp_path_factory, chromium):
    root = tmp_path_factory.mktemp("course")
    (root / "student").mkdir()
    for name in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / name, root / "student" / name)
    shutil.copy(ROOT / "notebooks" / "rise.css", root / "student" / "rise.css")  # as `make lab` does
    home = tmp_path_factory.mktemp("course-home")
    write_user_settings(home, RISE_PLUGIN, {"transition": "none"})  # see the Alt+R test
    with running_front_end(make_lab_command, "/api/status", root, home, COURSE_CONFIG) as server:
        yield server


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


#: After a key press: resolves, with SLIDE_AND_NUMBER's measurement, once the current slide has kept the same
#: place for ``frames`` animation frames in a row.  reveal.js moves to the next slide or fragment in its key
#: handler, which has run when Playwright's press returns; with its transition off there is nothing left to
#: animate, so two still frames are enough (with the course's 0.8 s "linear" transition it took ten).
MEASURED_WHEN_SETTLED = f"""frames => new Promise(done => {{
    let last = null, still = 0;
    const look = () => {{
        const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
        const now = slide ? JSON.stringify(slide.getBoundingClientRect()) : null;
        still = now === last ? still + 1 : 0;
        last = now;
        still >= frames ? done(({SLIDE_AND_NUMBER})()) : requestAnimationFrame(look);
    }};
    look();
}})"""


def test_alt_r_presents_the_notebook_in_a_tab_of_its_own_with_nothing_under_the_slide_number(course_lab, wide_page):
    """Space steps through every slide and fragment of 03; on none does the slide run under the slide number.

    reveal.js's transition is off (the test teacher's user setting, ``course_lab``): a slide is measured where it
    comes to rest, which is where it rests with the transition on (the same boxes, slide for slide, were measured
    both ways); only the 0.8 s of animation per step is not waited for.
    """
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
    # reveal.js names its transition in a class of .reveal: "none" here, so a step ends in its key handler
    assert slideshow.locator(".reveal").evaluate("r => r.classList.contains('none') && !r.classList.contains('linear')")

    total = slideshow.evaluate("() => document.querySelectorAll('.reveal .slides section:not(.stack)').length")
    seen, overlaps = set(), []
    where = slideshow.evaluate(MEASURED_WHEN_SETTLED, 2)
    for _ in range(4 * total):  # space steps through fragments too
        seen.add(where["text"])
        if where["overlap"]:
            overlaps.append(where)
        if where["text"] == f"{total}/{total}":
            break
        slideshow.keyboard.press("Space")
        where = slideshow.evaluate(MEASURED_WHEN_SETTLED, 2)
    assert f"{total}/{total}" in seen and len(seen) == total
    assert overlaps == []
    slideshow.screenshot(path=str(ROOT / "test-artifacts" / "rise-1366.png"))
    # F, reveal.js's own key, presents the slides full screen (README and docs/teaching.md say so). A teacher's
    # new tab is the active one and has the keyboard focus; the test's headless tab is made so, then clicked.
    # Under load the headless tab has been seen to take the key and not act on it (no fullscreen error either):
    # it gets up to three presses, a few seconds apart; never entering full screen still fails.
    assert slideshow.evaluate("() => document.fullscreenElement") is None
    slideshow.bring_to_front()
    slideshow.locator(".reveal").click(position={"x": 5, "y": 5})
    slideshow.wait_for_function("() => document.hasFocus()")
    for press in range(3):
        slideshow.keyboard.press("f")
        try:
            slideshow.wait_for_function("() => document.fullscreenElement !== null", timeout=5000)
            break
        except PlaywrightTimeoutError:
            if press == 2:
                raise


#: The open notebook's figures that have loaded: each one's natural and shown width, in CSS px.
FIGURE_WIDTHS = """() => [
    ...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img')
].filter(img => img.complete && img.naturalWidth > 0)
    .map(img => [img.naturalWidth, img.getBoundingClientRect().width])"""


#: Opens the notebook ``path`` as the file browser does, in a tab of its own in the main area, with the app's
#: command; resolves, once that tab is the one shown, to the opened document's path and the shown panel's.
OPEN_IN_LAB = """async path => {
    const widget = await window.jupyterapp.commands.execute('docmanager:open', {path});
    await widget.context.ready;
    const shown = () => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    while (shown() !== widget.node) await new Promise(requestAnimationFrame);
    return [widget.context.path, window.jupyterapp.shell.widgets('main').find(w => w.node === shown()).context.path];
}"""


def stored_figures(notebook: Path) -> int:
    """How many figures (PNG outputs) ``notebook`` has stored."""
    nb = nbformat.read(notebook, as_version=4)
    return sum("image/png" in output.get("data", {}) for cell in nb.cells for output in cell.get("outputs", []))


def tick_label_points() -> float:
    """The tick labels' size in points, in the course style (course.mplstyle)."""
    import matplotlib

    style = matplotlib.rc_params_from_file(
        str(ROOT / "helpers" / "figures" / "course.mplstyle"), use_default_template=False
    )
    return min(float(style["xtick.labelsize"]), float(style["ytick.labelsize"]))


def test_every_figure_is_readable_at_1366_with_the_file_browser_open(course_lab, wide_page):
    """Figures are stored at 100 dpi: a label of p points is p * 100 / 72 px in the PNG, times the shown scale.

    Every figure each notebook stores is measured, where the notebook shows it in a 1366-px window with the file
    browser open.  JupyterLab keeps its default windowing mode ("contentVisibility", what a teacher has): it
    renders the cells out of view in idle callbacks (each asked for with a 3 s timeout, so they come on a busy
    machine too), and the test waits until every stored figure has loaded instead of scrolling to each.  A
    figure's shown width is its output area's, wherever the notebook is scrolled to (scrolled into view 400 px
    at a time, as this test did before, every figure measured the same to the pixel).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    from helpers.figures.plotting import SHOW_DPI

    page = wide_page
    smallest = []
    page.goto(course_lab.url("/lab/workspaces/figures/tree/student"))
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('docmanager:open')")
    for name in NOTEBOOKS:
        expected = stored_figures(course_lab.root / "student" / name)
        # opened as a teacher opens it from the file browser, in a tab of its own that becomes the current one
        opened = page.evaluate(OPEN_IN_LAB, f"student/{name}")
        assert opened == [f"student/{name}", f"student/{name}"], opened  # the tab shown is this notebook's
        assert page.locator(".jp-FileBrowser").is_visible()
        # every stored figure is in the page and loaded (JupyterLab attaches the cells out of view at idle time)
        try:
            page.wait_for_function(f"({FIGURE_WIDTHS})().length === {expected}")
        except PlaywrightTimeoutError:
            pass  # the assertion below says how many of them did
        widths = page.evaluate(FIGURE_WIDTHS)
        assert len(widths) == expected > 0, f"{name}: {len(widths)} of {expected} figures rendered"
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

"""Fixtures for the browser tests: one Chromium and one JupyterLab per session, a blocked network per page.

Under pytest-xdist (``--dist loadfile``) "per session" means per worker: each
test file runs on one worker, so the JupyterLab server starts once.
"""

import pytest

from .chromium import CHROMIUM, CHROMIUM_ARGS, block_non_local_requests, playwright_or_skip, save_screenshot
from .jupyter_lab import running_lab


@pytest.fixture(scope="session")
def chromium():
    sync_playwright = playwright_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory, chromium):
    """One JupyterLab for the session, serving an empty folder that each test copies its notebook into.

    It depends on ``chromium`` so that no server starts when the browser tests
    are skipped, and is requested before ``page`` so that it outlives every page.
    """
    root = tmp_path_factory.mktemp("lab-root")
    with running_lab(root, tmp_path_factory.mktemp("lab-home")) as server:
        yield server


@pytest.fixture
def page(chromium, request):
    """A fresh page that can reach only this machine; a screenshot is saved if the test fails."""
    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    context.blocked = block_non_local_requests(context)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        path = save_screenshot(page, request.node.name.replace("/", "_"))
        print(f"screenshot of the failed page: {path}")
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.report_call = report

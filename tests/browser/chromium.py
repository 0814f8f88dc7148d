"""Debian's Chromium, driven by Playwright, with every request off the loopback interface blocked.

Playwright never downloads a browser here: it launches ``/usr/bin/chromium``
(``apt-get install chromium``), or the one named by ``$CHROMIUM``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

#: Flags for a headless Chromium on a machine with no network beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def browser_tests_required() -> bool:
    """In CI the browser tests must run; elsewhere they may be skipped."""
    return os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str):
    if browser_tests_required():
        pytest.fail(f"{reason}; the browser tests are mandatory in CI (CI=true)", pytrace=False)
    pytest.skip(reason)


def playwright_or_skip():
    """Return ``sync_playwright`` if Playwright and Chromium are both here."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed: pip install -e '.[test]'")
    if not (CHROMIUM.exists() and shutil.which(str(CHROMIUM))):
        skip_or_fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)")
    return sync_playwright


def is_local(url: str) -> bool:
    """True for file:, data: and blob: URLs and for addresses on the loopback interface."""
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "blob") or parts.hostname in LOCAL_HOSTS


def block_non_local_requests(context) -> list:
    """Abort every request that would leave the machine; return the list of those aborted."""
    blocked = []

    def route(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return blocked


def save_screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under ``test-artifacts/`` and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

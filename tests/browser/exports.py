"""What the handout and slides tests share: one course notebook exported offline, and the remote URLs a page loads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .chromium import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
#: A script or style sheet loaded from the network: ``src=``, ``href=`` or a dynamic ``import(...)`` of http(s).
REMOTE_URL = r"""(?:src|href)\s*=\s*["']https?://[^"']*|import\(\s*["']https?://[^"']*"""


def export_one_notebook(
    tmp_path_factory, notebook: str, export, needs: str, missing: str, kind: str, version: str = "teacher"
) -> Path:
    """``notebooks/<notebook>`` exported alone by ``export(source, output, node_modules)``; return ``version``'s file.

    The exports write a student and a teacher set (``tools/versions.py``), in ``<output>/<version>/``.

    Skipped (or failed, as ``skip_or_fail`` decides) unless ``node_modules/<needs>`` exists;
    ``missing`` names it in the message. ``kind`` names the temporary output folder.
    """
    if not (NODE_MODULES / needs).exists():
        skip_or_fail(f"{NODE_MODULES} has no {missing}: run `npm ci` (make test does when npm is installed)")
    source = tmp_path_factory.mktemp("notebooks")
    shutil.copy(ROOT / "notebooks" / notebook, source)
    output = tmp_path_factory.mktemp(kind)
    (path,) = [path for path in export(source, output, NODE_MODULES) if path.parent.name == version]
    return path


def remote_urls(html: str) -> list:
    """Every place ``html`` loads something from the network (see ``REMOTE_URL``)."""
    return re.findall(REMOTE_URL, html)

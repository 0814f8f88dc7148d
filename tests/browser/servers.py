"""Start Voila or Jupyter Notebook 7 on the loopback interface for the front-end browser tests.

The shared pieces (``Server``, a free port, a home that keeps settings and
runtime files out of the user's, the readiness poll and the run loop) come from
``jupyter_lab``; this module only knows the two other front-ends' commands and
which path tells that each answers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .jupyter_lab import (
    LOOPBACK,
    Server,
    as_root_options,
    isolated_environment,
    new_server,
    running,
    server_app_options,
)


def voila_server_command(port: int, token: str, root: Path, *options: str) -> list:
    """Voila serving ``root`` on the loopback interface only, with ``options``, no browser."""
    return [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        *options,
        f"--Voila.ip={LOOPBACK}",
        f"--port={port}",
        f"--token={token}",
        f"--Voila.root_dir={root}",
    ]


def voila_command(port: int, token: str, root: Path) -> list:
    """Voila serving every notebook in ``root`` (its tree view), a cell's traceback shown on the page."""
    return voila_server_command(port, token, root, "--show_tracebacks=True")


def notebook_command(port: int, token: str, root: Path) -> list:
    """Jupyter Notebook 7 serving ``root``, with its app object reachable as ``window.jupyterapp``."""
    return [
        sys.executable,
        "-m",
        "notebook",
        "--no-browser",
        *server_app_options(port, token, root),
        "--expose-app-in-browser",
        *as_root_options(),
    ]


def environment_with_config(home: Path, config_path: Path | None) -> dict:
    """The isolated environment, with ``config_path`` (if given) first on ``JUPYTER_CONFIG_PATH``."""
    env = isolated_environment(home)
    if config_path is not None:
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            p for p in (str(config_path), os.environ.get("JUPYTER_CONFIG_PATH", "")) if p
        )
    return env


def running_front_end(
    command,
    probe: str,
    root: Path,
    home: Path,
    config_path: Path | None = None,
    extra_env: dict | None = None,
):
    """Run ``command(port, token, root)`` until the block ends; yield a ``Server``.

    ``probe`` is the path that answers once the server is up. The server's settings and runtime files stay in
    ``home``; ``config_path``, if given, goes first on ``JUPYTER_CONFIG_PATH`` (the course's shipped settings);
    ``extra_env`` is added to the environment last.
    """
    server: Server = new_server(Server, root, home, "server.log")
    argv = command(server.port, server.token, root)
    env = environment_with_config(home, config_path) | (extra_env or {})
    return running(server, argv, probe, argv[2], env)


def running_voila(root: Path, home: Path):
    return running_front_end(voila_command, "/", root, home)


def running_notebook(root: Path, home: Path, config_path: Path | None = None):
    return running_front_end(notebook_command, "/api/status", root, home, config_path)

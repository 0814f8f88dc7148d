"""Start Voila or Jupyter Notebook 7 on the loopback interface for the front-end browser tests.

The shared pieces (a free port, a home that keeps settings and runtime files
out of the user's) come from ``jupyter_lab``; this module only knows how to
start the two other front-ends and how to tell when they answer.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .jupyter_lab import LOOPBACK, free_port, isolated_environment


@dataclass(frozen=True)
class Server:
    """A running front-end: where it is, its token, what it serves, and its log."""

    port: int
    token: str
    root: Path
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def url(self, path: str) -> str:
        """``path`` (starting with ``/``) on this server, with the token."""
        return f"{self.base_url}{path}?token={self.token}"


def _as_root() -> list:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def voila_command(port: int, token: str, root: Path) -> list:
    """Voila serving every notebook in ``root`` (its tree view), on the loopback interface only."""
    return [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        f"--Voila.ip={LOOPBACK}",
        f"--port={port}",
        f"--token={token}",
        f"--Voila.root_dir={root}",
        "--show_tracebacks=True",
    ]


def notebook_command(port: int, token: str, root: Path) -> list:
    """Jupyter Notebook 7 serving ``root``, with its app object reachable as ``window.jupyterapp``."""
    return [
        sys.executable,
        "-m",
        "notebook",
        "--no-browser",
        f"--ServerApp.ip={LOOPBACK}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--expose-app-in-browser",
        *_as_root(),
    ]


def wait_until_ready(server: Server, process: subprocess.Popen, probe: str, timeout: float = 120.0) -> None:
    """Poll ``probe`` (a path on the server) until it answers 200; fail early if the server exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[2]} exited with {process.returncode}:\n{server.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(server.url(probe), timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # polling interval of a readiness check, not a wait for an effect
    raise TimeoutError(f"{process.args[2]} did not answer within {timeout} s:\n{server.log.read_text()[-3000:]}")


@contextmanager
def running(command, probe: str, root: Path, home: Path, config_path: Path | None = None):
    """Run ``command(port, token, root)`` until the block ends; yield a ``Server``.

    ``config_path``, if given, goes first on ``JUPYTER_CONFIG_PATH`` (the course's shipped settings).
    """
    home.mkdir(parents=True, exist_ok=True)
    server = Server(port=free_port(), token=secrets.token_hex(24), root=root, log=home / "server.log")
    env = isolated_environment(home)
    if config_path is not None:
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            p for p in (str(config_path), os.environ.get("JUPYTER_CONFIG_PATH", "")) if p
        )
    with open(server.log, "w") as log:
        process = subprocess.Popen(
            command(server.port, server.token, root), cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            wait_until_ready(server, process, probe)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def running_voila(root: Path, home: Path):
    return running(voila_command, "/", root, home)


def running_notebook(root: Path, home: Path, config_path: Path | None = None):
    return running(notebook_command, "/api/status", root, home, config_path)

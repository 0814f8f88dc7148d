"""Start an isolated JupyterLab server on the loopback interface for browser tests."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class LabServer:
    """A running JupyterLab: where it is, its token, and its log."""

    port: int
    token: str
    root: Path
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def notebook_url(self, name: str) -> str:
        """The notebook ``name`` opened alone, in a workspace of its own.

        The server is shared by the tests; in the default workspace, JupyterLab
        would reopen the notebooks earlier tests opened, and one of them might
        be the current tab.
        """
        workspace = Path(name).stem
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{name}?token={self.token}"


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def isolated_environment(home: Path) -> dict:
    """Environment variables that keep the server's settings, workspaces and runtime files in ``home``."""
    env = dict(os.environ)
    for variable, folder in {
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_SETTINGS_DIR": "settings",
        "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
        "IPYTHONDIR": "ipython",
    }.items():
        path = home / folder
        path.mkdir(parents=True, exist_ok=True)
        env[variable] = str(path)
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return env


def lab_command(port: int, token: str, root: Path) -> list:
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.ip={LOOPBACK}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def wait_until_ready(server: LabServer, process: subprocess.Popen, timeout: float = 120.0) -> None:
    """Poll ``/api/status`` until the server answers; fail early if it exits."""
    deadline = time.monotonic() + timeout
    url = f"{server.base_url}/api/status?token={server.token}"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {process.returncode}:\n{server.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # polling interval of a readiness check, not a wait for an effect
    raise TimeoutError(f"JupyterLab did not answer within {timeout} s:\n{server.log.read_text()[-3000:]}")


@contextmanager
def running_lab(root: Path, home: Path):
    """Run JupyterLab serving ``root`` until the block ends; yield a ``LabServer``."""
    server = LabServer(port=free_port(), token=secrets.token_hex(24), root=root, log=home / "jupyterlab.log")
    home.mkdir(parents=True, exist_ok=True)
    with open(server.log, "w") as log:
        process = subprocess.Popen(
            lab_command(server.port, server.token, root),
            cwd=root,
            env=isolated_environment(home),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_ready(server, process)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

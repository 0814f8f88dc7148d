"""Start an isolated JupyterLab server on the loopback interface for browser tests.

What every front-end's server shares lives here too: ``Server``, a free port,
an isolated home, the Jupyter Server options, the readiness poll and ``running``.
"""

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


@dataclass(frozen=True)
class LabServer(Server):
    """A running JupyterLab: where it is, its token, and its log."""

    def notebook_url(self, name: str) -> str:
        """The notebook ``name`` opened alone, in a workspace of its own.

        The server is shared by the tests; in the default workspace, JupyterLab
        would reopen the notebooks earlier tests opened, and one of them might
        be the current tab.  ``name`` may be in a folder of the root: ``unrun/03.ipynb`` opens in the
        workspace ``unrun-03``, apart from ``03.ipynb``'s.
        """
        workspace = Path(name).with_suffix("").as_posix().replace("/", "-")
        return self.url(f"/lab/workspaces/{workspace}/tree/{name}")


# --- what a test asks a notebook page (JupyterLab or Notebook 7: both expose ``window.jupyterapp``) ---------

#: True once the current notebook shows its cells and its kernel has started and is idle.
KERNEL_IDLE = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = panel && panel.sessionContext && panel.sessionContext.session
        && panel.sessionContext.session.kernel;
    return Boolean(kernel) && kernel.status === 'idle' && panel.content && panel.content.widgets.length > 0;
}"""

#: Run every cell of the current notebook, as the menu's Run All does.
RUN_ALL = "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"

#: True once every code cell of the current notebook has run and its kernel is idle again.
ALL_EXECUTED = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
    return panel.sessionContext.session.kernel.status === 'idle'
        && cells.every(cell => cell.model.executionCount !== null);
}"""


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


def as_root_options() -> list:
    """``--allow-root`` when running as root (a Jupyter server refuses to start as root without it)."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def server_app_options(port: int, token: str, root: Path) -> list:
    """The Jupyter Server options every server-based front-end takes: loopback only, this port, token and root."""
    return [
        f"--ServerApp.ip={LOOPBACK}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
    ]


def jupyter_lab_command(port: int, token: str, root: Path, *options: str) -> list:
    """JupyterLab serving ``root`` on the loopback interface (``server_app_options``), with ``options``, no browser."""
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        *server_app_options(port, token, root),
        *options,
        *as_root_options(),
    ]


def lab_command(port: int, token: str, root: Path) -> list:
    """The tests' JupyterLab: its app object reachable as ``window.jupyterapp``, no news, no update check."""
    return jupyter_lab_command(
        port,
        token,
        root,
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    )


def wait_until_ready(server: Server, process: subprocess.Popen, probe: str, name: str, timeout: float = 120.0) -> None:
    """Poll ``probe`` (a path on the server) until it answers 200; fail early if the server, ``name``, exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{server.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(server.url(probe), timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # polling interval of a readiness check, not a wait for an effect
    raise TimeoutError(f"{name} did not answer within {timeout} s:\n{server.log.read_text()[-3000:]}")


@contextmanager
def running(server: Server, command: list, probe: str, name: str, env: dict):
    """Run ``command`` for ``server`` until the block ends, its output in ``server.log``; yield ``server``."""
    with open(server.log, "w") as log:
        process = subprocess.Popen(command, cwd=server.root, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_ready(server, process, probe, name)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def new_server(server_type: type, root: Path, home: Path, log_name: str) -> Server:
    """A ``server_type`` on a free port with a fresh token, serving ``root``, logging to ``home / log_name``."""
    home.mkdir(parents=True, exist_ok=True)
    return server_type(port=free_port(), token=secrets.token_hex(24), root=root, log=home / log_name)


def running_lab(root: Path, home: Path):
    """Run JupyterLab serving ``root`` until the block ends; yield a ``LabServer``."""
    server = new_server(LabServer, root, home, "jupyterlab.log")
    command = lab_command(server.port, server.token, root)
    return running(server, command, "/api/status", "JupyterLab", isolated_environment(home))

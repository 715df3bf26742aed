"""Start a JupyterLab server for a test: private Jupyter folders, a free port, a token; stopped after."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

#: Options that make a test server quiet, local and reachable with a known token.
_SERVER_OPTIONS = ("--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0", "--LabApp.news_url=",
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate")


@contextlib.contextmanager
def running_lab(argv: Sequence[str], tmp: Path, *, cwd: Path | None = None, env: Mapping[str, str] | None = None,
                startup: float = 60) -> Iterator[tuple[str, str, Path]]:
    """Run ``argv`` (a ``jupyter lab`` command line) until the block ends; yield (url, token, log file).

    The server's runtime, config, data, settings and workspace folders are under ``tmp``; the test
    fails with the server's log when it has not answered ``/api/status`` within ``startup`` seconds.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = secrets.token_hex(16)
    command = [*argv, *_SERVER_OPTIONS, f"--ServerApp.port={port}", f"--IdentityProvider.token={token}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    folders = {k: str(tmp / k.lower()) for k in ("JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR",
                                                  "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR")}
    log = tmp / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {}), **folders}, stdout=sink,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab did not start:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.25)
        yield url, token, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

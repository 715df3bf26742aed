"""JupyterLab as `make lab` starts it: notebooks listed over the REST API, a python3 kernel that
imports this checkout's aidfigures.

The server is started with the Makefile's own command line (plus a free loopback port, a random
token and no browser), with Jupyter's runtime and config folders in a temporary directory.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow  # kernels, notebooks, clusters: `make test-fast` skips them

pytest.importorskip("jupyter_server")
pytest.importorskip("jupyterlab")

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
STARTUP_SECONDS = 60


@dataclass
class Server:
    url: str
    token: str
    log: Path

    def api(self, path: str, method: str = "GET", body: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            self.url + path, method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            data = response.read()
        return json.loads(data) if data else None


def _lab_command() -> tuple[dict[str, str], list[str]]:
    """The `make lab` recipe line as (environment assignments, argv), $(BIN) resolved."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lab:.*\n\t(.+)$", makefile, re.M)
    assert recipe, "Makefile has no lab target"
    words = shlex.split(recipe[1].replace("$(BIN)", str(BIN)))
    env = dict(w.split("=", 1) for w in words if re.match(r"^[A-Z_]+=", w))
    argv = [w for w in words if not re.match(r"^[A-Z_]+=", w)]
    assert Path(argv[0]) == BIN / "jupyter" and argv[1] == "lab"
    return env, argv


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not (BIN / "jupyter").exists():
        pytest.skip(f"no jupyter next to {sys.executable}")
    tmp = tmp_path_factory.mktemp("jupyter")
    env_vars, argv = _lab_command()
    token = secrets.token_hex(16)
    port = _free_port()
    argv += ["--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={token}", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
             "jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    env = {**os.environ, **env_vars, "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp / "config"), "JUPYTER_DATA_DIR": str(tmp / "data"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces")}
    log = tmp / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(argv, cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT)
    running = Server(f"http://127.0.0.1:{port}", token, log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                running.api("/api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab did not start:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.25)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_rest_api_lists_the_notebooks(server: Server) -> None:
    listing = server.api("/api/contents/")
    assert listing["type"] == "directory"
    notebooks = {item["name"] for item in listing["content"] if item["type"] == "notebook"}
    assert notebooks == {p.name for p in (REPO / "notebooks").glob("*.ipynb")}
    for name in sorted(notebooks)[:1]:
        assert server.api(f"/api/contents/{name}")["content"]["cells"]


def test_python3_kernelspec_is_the_project_venv(server: Server) -> None:
    specs = server.api("/api/kernelspecs")
    assert specs["default"] == "python3" and "python3" in specs["kernelspecs"]
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.resource_dir).resolve().is_relative_to(Path(sys.prefix).resolve())


def test_kernel_imports_this_aidfigures(server: Server) -> None:
    kernel = server.api("/api/kernels", "POST", {"name": "python3"})
    try:
        out = asyncio.run(_execute(server, kernel["id"], "import aidfigures, sys\n"
                                   "print(aidfigures.__file__)\nprint(sys.prefix)"))
    finally:
        server.api(f"/api/kernels/{kernel['id']}", "DELETE")
    module_file, prefix = out.splitlines()
    assert Path(module_file) == REPO / "src" / "aidfigures" / "__init__.py"
    assert Path(prefix).resolve() == Path(sys.prefix).resolve()
    assert all(k["id"] != kernel["id"] for k in server.api("/api/kernels"))
    assert "without encryption" not in server.log.read_text(errors="replace")  # make lab's transport setting


async def _execute(server: Server, kernel_id: str, code: str, timeout: float = 60) -> str:
    """Run code in a kernel through the server's websocket; return what it printed."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    url = server.url.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
    socket_ = await asyncio.wait_for(websocket_connect(HTTPRequest(
        url, headers={"Authorization": f"token {server.token}"})), timeout)
    msg_id = uuid.uuid4().hex
    socket_.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                   "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True}}))
    printed, replied, idle = [], False, False
    deadline = time.monotonic() + timeout
    try:
        while not (replied and idle):
            raw = await asyncio.wait_for(socket_.read_message(), max(deadline - time.monotonic(), 0.1))
            assert raw is not None, "the kernel websocket closed"
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            assert kind != "error", "\n".join(content.get("traceback", []))
            printed += [content["text"]] if kind == "stream" else []
            replied |= kind == "execute_reply"
            idle |= kind == "status" and content["execution_state"] == "idle"
    finally:
        socket_.close()
    return "".join(printed)

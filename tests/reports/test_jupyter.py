"""JupyterLab as `make lab` starts it: the working folder seeded from the templates, notebooks listed
over the REST API, a python3 kernel that imports this checkout's aidfigures, and opening and running
notebooks the way Lab does (read and saved through the contents API) leaving `git status` clean.

The server is started with the Makefile's own command lines (plus a free loopback port, a random
token and no browser) in a snapshot of this checkout (a fresh git repository of its tracked and
untracked files), with Jupyter's runtime and config folders in a temporary directory.
"""

from __future__ import annotations

import asyncio
import json
import platform
import re
import shlex
import shutil
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
from lab_server import running_lab

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


def _lab_recipe() -> list[tuple[dict[str, str], list[str]]]:
    """The `make lab` recipe lines as (environment assignments, argv), $(BIN), $(LAB_DIR) resolved and
    $(LAB_ARGS), $(LAB_ROOT) empty (the server fixture adds --allow-root itself as root)."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lab:.*\n((?:\t.+\n)+)", makefile, re.M)
    assert recipe, "Makefile has no lab target"
    folder = re.search(r"^LAB_DIR :?= *(\S+)$", makefile, re.M)
    assert folder, "Makefile has no LAB_DIR"
    lines = []
    for line in recipe[1].splitlines():
        line = line.strip()
        for variable, value in (("$(BIN)", str(BIN)), ("$(LAB_DIR)", folder[1]), ("$(LAB_ARGS)", ""),
                                ("$(LAB_ROOT)", "")):
            line = line.replace(variable, value)
        words = shlex.split(line)
        env = dict(w.split("=", 1) for w in words if re.match(r"^[A-Z_]+=", w))
        lines.append((env, [w for w in words if not re.match(r"^[A-Z_]+=", w)]))
    return lines


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snapshot of this checkout as a fresh git repository, with `make run`'s figures table."""
    root = tmp_path_factory.mktemp("project")
    listed = _git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, root / name)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "snapshot")
    import aidfigures as af

    af.write_figures(af.extract_files([root / "data" / "raw"]), root / "data" / "processed" / "figures.csv")
    assert _git(root, "status", "--porcelain") == ""
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, project: Path) -> Iterator[Server]:
    if not (BIN / "jupyter").exists():
        pytest.skip(f"no jupyter next to {sys.executable}")
    tmp = tmp_path_factory.mktemp("jupyter")
    *before, (env_vars, argv) = _lab_recipe()
    assert Path(argv[0]) == BIN / "jupyter" and argv[1] == "lab"
    for _, seed in before:  # seeding the working folder
        subprocess.run(seed, cwd=project, check=True, capture_output=True, timeout=120)
    with running_lab(argv, tmp, cwd=project, env=env_vars, startup=STARTUP_SECONDS) as (url, token, log):
        yield Server(url, token, log)


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


def test_opening_and_running_notebooks_in_lab_leaves_git_status_clean(server: Server, project: Path) -> None:
    import nbclient
    import nbformat

    templates = {p.name: p.read_bytes() for p in (project / "notebooks").glob("*.ipynb")}
    spec = server.api("/api/kernelspecs")["kernelspecs"]["python3"]["spec"]
    for name in sorted(templates):
        # opening: Lab reads the notebook, starts its kernel, records that kernel's spec and language
        # (and cell ids) in the metadata, and autosaves with a checkpoint
        book = server.api(f"/api/contents/{name}?content=1&type=notebook")["content"]
        book["metadata"]["kernelspec"] = {"display_name": spec["display_name"], "language": spec["language"],
                                          "name": "python3"}
        book["metadata"]["language_info"] = {"name": "python", "version": platform.python_version(),
                                             "mimetype": "text/x-python", "file_extension": ".py"}
        book["nbformat_minor"] = max(book["nbformat_minor"], 5)
        for cell in book["cells"]:
            cell.setdefault("id", uuid.uuid4().hex[:8])
        server.api(f"/api/contents/{name}", "PUT", {"type": "notebook", "format": "json", "content": book})
        server.api(f"/api/contents/{name}/checkpoints", "POST")
    assert _git(project, "status", "--porcelain", "--untracked-files=all") == ""
    for name in sorted(templates):
        # running: every cell in a python3 kernel in the notebook's folder, then saving the outputs
        book = nbformat.from_dict(server.api(f"/api/contents/{name}?content=1&type=notebook")["content"])
        nbclient.NotebookClient(book, kernel_name="python3", timeout=300,
                                resources={"metadata": {"path": str(project / "lab")}}).execute()
        assert any(cell.get("outputs") for cell in book.cells), name
        server.api(f"/api/contents/{name}", "PUT", {"type": "notebook", "format": "json", "content": book})
    assert _git(project, "status", "--porcelain", "--untracked-files=all") == ""
    assert {p.name: p.read_bytes() for p in (project / "notebooks").glob("*.ipynb")} == templates
    saved = nbformat.read(project / "lab" / "country_profile.ipynb", as_version=4)
    assert saved.metadata["kernelspec"]["display_name"] == spec["display_name"]
    assert any(cell.get("outputs") for cell in saved.cells)
    reports = sorted(p.name for p in (project / "reports").iterdir() if p.is_dir())  # one folder per notebook
    assert len(reports) == len(templates) and all(
        any(r.startswith(Path(t).stem + "-") for r in reports) for t in templates), reports


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

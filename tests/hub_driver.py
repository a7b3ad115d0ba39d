"""Drive the workshop hub the way participants do: log in, start a server, pull, run.

Used by tests/test_hub.py and benchmarks/hub_capacity.py. The hub is the real one,
started from workshop/jupyterhub_config.py with configurable-http-proxy from
node_modules; everything talks to it over HTTP on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import requests
import websocket

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "workshop" / "jupyterhub_config.py"
PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
LESSONS_FOLDER = "hipkit-lessons"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lessons_clone(folder: Path) -> tuple[str, str]:
    """A bare clone of this repository's current commit: nbgitpuller pulls from it offline.

    Returns the ``file://`` URL and the branch that holds the commit.
    """
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--bare", str(REPO), str(folder)], check=True)
    subprocess.run(["git", "--git-dir", str(folder), "branch", "--force", "workshop", commit],
                   check=True)
    return f"file://{folder}", "workshop"


class Hub:
    """The workshop hub, running until :meth:`stop` (a context manager)."""

    def __init__(self, state: Path, participants: list[str], password: str,
                 lessons_repo: str, lessons_branch: str):
        self.state, self.participants, self.password = state, participants, password
        self.lessons_repo, self.lessons_branch = lessons_repo, lessons_branch
        self.url = f"http://127.0.0.1:{free_port()}"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> Hub:
        self.state.mkdir(parents=True, exist_ok=True)
        roster = self.state / "participants.txt"
        roster.write_text("\n".join(self.participants) + "\n")
        env = {**os.environ, "HIPKIT_WORKSHOP_PASSWORD": self.password,
               "HIPKIT_WORKSHOP_STATE": str(self.state), "HIPKIT_WORKSHOP_ROSTER": str(roster),
               "HIPKIT_LESSONS_REPO": self.lessons_repo,
               "HIPKIT_LESSONS_BRANCH": self.lessons_branch}
        command = [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG),
                   f"--JupyterHub.bind_url={self.url}",
                   f"--JupyterHub.hub_bind_url=http://127.0.0.1:{free_port()}",
                   f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}"]
        self.log_path = self.state / "hub.log"
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(command, cwd=self.state, env=env, stdout=log,
                                            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited with code {self.process.returncode}:\n"
                                   + self.log_tail())
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=2).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the hub did not answer within {timeout} s:\n" + self.log_tail())

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text().splitlines()[-lines:])

    def home(self, name: str) -> Path:
        return self.state / "homes" / name

    def stop(self) -> None:
        """Stop the hub; it stops every participant's server and the proxy on its way out."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Hub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@dataclass
class CellRun:
    """What one cell printed and showed, as the kernel sent it."""

    outputs: list[dict] = field(default_factory=list)
    error: str | None = None


@dataclass
class NotebookRun:
    cells: list[CellRun]
    seconds: float
    #: Seconds from sending the first cell to the first widget's output (None: no widget).
    first_widget: float | None

    @property
    def errors(self) -> list[str]:
        return [f"cell {i}: {cell.error}" for i, cell in enumerate(self.cells) if cell.error]

    def text(self) -> str:
        """Everything the cells printed (streams and text/plain results)."""
        parts = []
        for cell in self.cells:
            for output in cell.outputs:
                parts.append(output.get("text") or output.get("data", {}).get("text/plain", ""))
        return "".join(parts)


class Participant:
    """One participant, talking to the hub and their own server over HTTP."""

    def __init__(self, hub: Hub, name: str):
        self.hub, self.name = hub, name
        self.token: str | None = None
        self.session = requests.Session()

    def login(self, password: str) -> int:
        """Ask the hub's API for a token with name and password; return the HTTP status."""
        response = self.session.post(
            f"{self.hub.url}/hub/api/users/{self.name}/tokens",
            json={"auth": {"username": self.name, "password": password},
                  "note": "workshop participant"}, timeout=30)
        if response.ok:
            self.token = response.json()["token"]
            self.session.headers["Authorization"] = f"token {self.token}"
        return response.status_code

    def server_url(self, owner: str | None = None) -> str:
        return f"{self.hub.url}/user/{owner or self.name}"

    def start_server(self, timeout: float = 180) -> None:
        response = self.session.post(f"{self.hub.url}/hub/api/users/{self.name}/server",
                                     timeout=60)
        if response.status_code not in (201, 202):
            raise RuntimeError(f"{self.name}: spawn refused: {response.status_code} "
                               f"{response.text}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.session.get(f"{self.hub.url}/hub/api/users/{self.name}",
                                     timeout=30).json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise RuntimeError(f"{self.name}: server not ready within {timeout} s")

    def pull_lessons(self, timeout: float = 120) -> list[dict]:
        """Call nbgitpuller's API, as the page it opens does; return its progress events."""
        query = urlencode({"repo": self.hub.lessons_repo, "branch": self.hub.lessons_branch,
                           "targetpath": LESSONS_FOLDER})
        response = self.session.get(f"{self.server_url()}/git-pull/api?{query}",
                                    stream=True, timeout=timeout)
        response.raise_for_status()
        events = [json.loads(line[len("data: "):]) for line in response.iter_lines(
            decode_unicode=True) if line and line.startswith("data: ")]
        phases = [event.get("phase") for event in events]
        if "finished" not in phases:
            raise RuntimeError(f"{self.name}: nbgitpuller did not finish: {events}")
        return events

    def get(self, path: str, owner: str | None = None) -> requests.Response:
        """GET a path on a server (one's own unless ``owner`` names another's)."""
        return self.session.get(f"{self.server_url(owner)}/{path}", timeout=30,
                                allow_redirects=False)

    def run_notebook(self, path: str, extra_cells: tuple[str, ...] = (),
                     cell_timeout: float = 300, shutdown: bool = True) -> NotebookRun:
        """Run every code cell of a notebook on one's own server, then ``extra_cells``.

        The notebook is read from the server (what nbgitpuller pulled) and run in a kernel
        the server starts for it, through the Jupyter server's REST and kernel API. With
        ``shutdown=False`` the kernel stays up, as when a participant leaves a lesson open.
        """
        notebook = self.get(f"api/contents/{path}?content=1").json()["content"]
        sources = [cell["source"] for cell in notebook["cells"] if cell["cell_type"] == "code"]
        session = self.session.post(f"{self.server_url()}/api/sessions", timeout=60, json={
            "path": path, "type": "notebook", "name": Path(path).name,
            "kernel": {"name": "python3"}}).json()
        kernel_id = session["kernel"]["id"]
        ws_url = self.server_url().replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels"
        connection = KernelSocket(ws_url, self.token, cell_timeout)
        started = time.monotonic()
        first_widget = None
        cells = []
        try:
            for source in [*sources, *extra_cells]:
                cell = self._execute(connection, source)
                cells.append(cell)
                if first_widget is None and any(WIDGET_VIEW in output.get("data", {})
                                                for output in cell.outputs):
                    first_widget = time.monotonic() - started
                if cell.error:
                    break
        finally:
            connection.close()
            if shutdown:
                self.session.delete(f"{self.server_url()}/api/sessions/{session['id']}",
                                    timeout=60)
        return NotebookRun(cells, time.monotonic() - started, first_widget)

    def _execute(self, connection: KernelSocket, source: str) -> CellRun:
        msg_id = uuid.uuid4().hex
        connection.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.name,
                       "session": connection.session, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": source, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False,
                        "stop_on_error": True}}))
        cell = CellRun()
        while True:
            message = connection.recv()
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind in ("stream", "display_data", "execute_result"):
                cell.outputs.append(message["content"])
            elif kind == "error":
                content = message["content"]
                cell.error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                return cell


class KernelSocket:
    """A kernel's websocket that reconnects, as JupyterLab does, when the server drops it.

    The server keeps the kernel's messages while no one is connected and replays them to
    a client that comes back with the same session id, so nothing is lost.
    """

    def __init__(self, url: str, token: str, timeout: float, reconnects: int = 5):
        self.session = uuid.uuid4().hex
        self.url, self.header, self.timeout = f"{url}?session_id={self.session}", [
            f"Authorization: token {token}"], timeout
        self.reconnects = reconnects
        self.socket = websocket.create_connection(self.url, header=self.header, timeout=timeout)

    def send(self, text: str) -> None:
        self.socket.send(text)

    def recv(self) -> dict:
        while True:
            try:
                frame = self.socket.recv()
            except websocket.WebSocketConnectionClosedException:
                frame = ""
            if frame:  # an empty frame is the server's close
                return _decode(frame)
            if not self.reconnects:
                raise websocket.WebSocketConnectionClosedException("the kernel's socket closed")
            self.reconnects -= 1
            time.sleep(1)
            self.socket = websocket.create_connection(self.url, header=self.header,
                                                      timeout=self.timeout)

    def close(self) -> None:
        self.socket.close()


def _decode(frame: str | bytes) -> dict:
    """A kernel message from a websocket frame; binary frames carry widget buffers.

    A binary frame starts with the number of parts and their offsets (32-bit big-endian);
    the first part is the message's JSON.
    """
    if isinstance(frame, str):
        return json.loads(frame)
    parts = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i:8 + 4 * i], "big") for i in range(parts)]
    end = offsets[1] if parts > 1 else len(frame)
    return json.loads(frame[offsets[0]:end])

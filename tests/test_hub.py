"""The workshop hub, tested as a room uses it: a real JupyterHub from workshop/.

Three participants log in through the hub's API with the shared password, each gets a
server, pulls the lessons with nbgitpuller (from a local bare clone of this repository,
so offline) and runs lessons 02 and 04 in a kernel on that server, then logs a session
of their own. Their logs must stay in their own homes, and no participant may read
another's through the hub.

Needs configurable-http-proxy (`npm ci`). Without it the hub tests are skipped with a
message, except where CI=true or HIPKIT_REQUIRE_HUB is set, where they fail. The checks
of the settings files (TLJH, Zero to JupyterHub) need no hub and always run.
"""

from __future__ import annotations

import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest
import yaml

from tests.hub_driver import (
    LESSONS_FOLDER,
    PROXY,
    REPO,
    WIDGET_VIEW,
    Hub,
    Participant,
    lessons_clone,
)

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

WORKSHOP = REPO / "workshop"
SETTINGS = tomllib.loads((WORKSHOP / "workshop.toml").read_text())
PASSWORD = "room-password-for-the-test"
NAMES = ["ana", "ben", "chloe"]
LESSONS = {"02": "02_exercise_walkthrough.ipynb", "04": "04_training_log.ipynb"}

# Run after lesson 04 in the same kernel: the participant records a session of their
# own in their own log, and says where that log is and what memory limit they were given.
OWN_SESSION = """
import os
from hipkit.views.log_form import LogForm
from hipkit.settings import my_log_path
my_log_path().parent.mkdir(parents=True, exist_ok=True)
form = LogForm(my_log_path())
form.values["notes"] = "logged by " + os.environ["JUPYTERHUB_USER"]
print(form.save(), my_log_path(), os.environ.get("MEM_LIMIT"))
"""


def _bytes(size: str) -> int:
    units = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
    return int(float(size[:-1]) * units[size[-1]]) if size[-1] in units else int(size)


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory):
    if not PROXY.exists():
        message = (f"configurable-http-proxy is not at {PROXY}: run `npm ci` in the "
                   "repository to install it (package.json)")
        if os.environ.get("CI") == "true" or os.environ.get("HIPKIT_REQUIRE_HUB"):
            pytest.fail(message + " (CI or HIPKIT_REQUIRE_HUB is set, so not skipping)")
        pytest.skip(message)
    root = tmp_path_factory.mktemp("hub")
    repo, branch = lessons_clone(root / "lessons.git")
    with Hub(root / "state", NAMES, PASSWORD, repo, branch) as running:
        yield running


def _take_part(hub: Hub, name: str) -> dict:
    """Everything one participant does, in order; returns what happened."""
    person = Participant(hub, name)
    assert person.login(PASSWORD) == 201, hub.log_tail()
    person.start_server()
    pulled = person.pull_lessons()
    runs = {"02": person.run_notebook(f"{LESSONS_FOLDER}/notebooks/{LESSONS['02']}"),
            "04": person.run_notebook(f"{LESSONS_FOLDER}/notebooks/{LESSONS['04']}",
                                      extra_cells=(OWN_SESSION,))}
    return {"person": person, "pulled": pulled, "runs": runs}


@pytest.fixture(scope="module")
def room(hub: Hub) -> dict[str, dict]:
    """All participants at once, as in a workshop."""
    with ThreadPoolExecutor(len(NAMES)) as pool:
        return dict(zip(NAMES, pool.map(lambda name: _take_part(hub, name), NAMES),
                        strict=True))


def test_wrong_password_and_unlisted_names_are_refused(hub):
    assert Participant(hub, "ana").login("not-the-password") == 403
    assert Participant(hub, "mallory").login(PASSWORD) == 403


def test_each_participant_pulls_the_lessons_into_their_own_home(hub, room):
    for name in NAMES:
        assert room[name]["pulled"][-1] == {"phase": "finished"}
        pulled = hub.home(name) / LESSONS_FOLDER / "notebooks"
        assert sorted(p.name for p in pulled.glob("*.ipynb")) == sorted(
            p.name for p in (REPO / "notebooks").glob("*.ipynb"))


def _stored_widget_cells(lesson: str) -> int:
    notebook = json.loads((REPO / "notebooks" / LESSONS[lesson]).read_text())
    return sum(any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", []))
               for cell in notebook["cells"])


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lessons_run_on_every_participants_server(room, lesson):
    for name in NAMES:
        run = room[name]["runs"][lesson]
        assert run.errors == [], (name, lesson)
        assert run.first_widget is not None
        # Every cell that shows a widget in the stored lesson shows one on the hub too.
        shown = sum(any(WIDGET_VIEW in output.get("data", {}) for output in cell.outputs)
                    for cell in run.cells)
        assert shown == _stored_widget_cells(lesson)


def test_lesson_04_draws_its_charts_on_the_hub(room):
    for name in NAMES:
        # A chart comes as a PNG or, in the lessons, as an <img alt> holding one.
        images = [output for cell in room[name]["runs"]["04"].cells
                  for output in cell.outputs if "image/png" in output.get("data", {})
                  or "".join(output.get("data", {}).get("text/html", "")).startswith(
                      '<img src="data:image/png;base64,')]
        assert len(images) >= 5


def test_each_log_stays_in_its_owners_home(hub, room):
    limit = _bytes(SETTINGS["limits"]["memory"])
    for name in NAMES:
        own_log = hub.home(name) / "hipkit" / "my_log.csv"
        said = room[name]["runs"]["04"].cells[-1].outputs[0]["text"]
        assert said == f"True {own_log} {limit}\n"
        text = own_log.read_text()
        assert f"logged by {name}" in text
        assert not any(f"logged by {other}" in text for other in NAMES if other != name)


def test_a_participant_cannot_read_anothers_log_through_the_hub(room):
    ana, ben = room["ana"]["person"], room["ben"]["person"]
    log = "hipkit/my_log.csv"
    own = ana.get(f"api/contents/{log}?content=1")
    assert own.status_code == 200 and "logged by ana" in own.json()["content"]
    for path in (f"api/contents/{log}?content=1", f"files/{log}", "api/contents/hipkit"):
        response = ben.get(path, owner="ana")
        assert response.status_code in (403, 404), (path, response.status_code)
        assert "logged by ana" not in response.text


def test_the_idle_culler_runs_with_the_workshop_timeout(hub):
    culler = SETTINGS["culler"]
    commands = [process.cmdline() for process in
                psutil.Process(hub.process.pid).children(recursive=True)]
    [command] = [c for c in commands if "jupyterhub_idle_culler" in c]
    assert f"--timeout={culler['timeout']}" in command
    assert f"--cull-every={culler['every']}" in command


# The settings files: no hub needed.

def _load_config(monkeypatch, tmp_path, password: str):
    from traitlets.config import Config

    monkeypatch.setenv("HIPKIT_WORKSHOP_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("HIPKIT_WORKSHOP_PASSWORD", password)
    monkeypatch.setenv("HIPKIT_WORKSHOP_ROSTER", str(tmp_path / "no-roster.txt"))
    config = Config()
    code = compile((WORKSHOP / "jupyterhub_config.py").read_text(), "jupyterhub_config.py",
                   "exec")
    exec(code, {"get_config": lambda: config, "__file__": str(WORKSHOP / "jupyterhub_config.py")})
    return config


def test_the_hub_will_not_start_without_a_room_password(monkeypatch, tmp_path):
    with pytest.raises(SystemExit, match="HIPKIT_WORKSHOP_PASSWORD"):
        _load_config(monkeypatch, tmp_path, "short")


def test_the_hub_config_carries_the_workshop_numbers(monkeypatch, tmp_path):
    config = _load_config(monkeypatch, tmp_path, PASSWORD)
    limits, lessons = SETTINGS["limits"], SETTINGS["lessons"]
    assert config.Spawner.mem_limit == limits["memory"]
    assert config.Spawner.cpu_limit == limits["cpu"]
    assert config.Authenticator.allow_all is True  # no roster file: anyone with the password
    home = type("FakeSpawner", (), {"home_dir": "/homes/ana"})()
    assert config.Spawner.environment["HIPKIT_HOME"](home) == "/homes/ana/hipkit"
    assert config.Spawner.default_url.startswith("/git-pull?repo=")
    assert f"targetpath={lessons['folder']}" in config.Spawner.default_url
    assert (tmp_path / "state").is_dir()


def test_tljh_setup_applies_the_workshop_numbers():
    script = (WORKSHOP / "tljh-setup.sh").read_text()
    settings = dict(re.findall(r"^tljh-config set (\S+) (\S+)$", script, flags=re.MULTILINE))
    limits, culler = SETTINGS["limits"], SETTINGS["culler"]
    assert settings == {
        "limits.memory": limits["memory"], "limits.cpu": f"{limits['cpu']:g}",
        "services.cull.enabled": "true", "services.cull.timeout": str(culler["timeout"]),
        "services.cull.every": str(culler["every"]),
        "user_environment.default_app": "jupyterlab",
    }
    assert "nbgitpuller" in script and "tljh-config reload" in script


# Key paths of the Zero to JupyterHub chart's values.yaml (chart 4.x, JupyterHub 5)
# that config.yaml may use; hub.config is checked against JupyterHub's own classes.
DOCUMENTED_Z2JH_KEYS = {
    "singleuser.image.name", "singleuser.image.tag", "singleuser.memory.limit",
    "singleuser.memory.guarantee", "singleuser.cpu.limit", "singleuser.cpu.guarantee",
    "singleuser.extraEnv", "singleuser.defaultUrl", "singleuser.storage.capacity",
    "cull.enabled", "cull.timeout", "cull.every", "cull.users", "cull.maxAge",
}


def _leaf_paths(tree: dict, prefix: str = "") -> dict[str, object]:
    leaves = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value and path != "singleuser.extraEnv":
            leaves.update(_leaf_paths(value, path + "."))
        else:
            leaves[path] = value
    return leaves


def test_z2jh_config_is_valid_yaml_with_documented_keys():
    from jupyterhub.app import JupyterHub
    from jupyterhub.auth import Authenticator
    from jupyterhub.authenticators.shared import SharedPasswordAuthenticator

    values = yaml.safe_load((WORKSHOP / "config.yaml").read_text())
    leaves = _leaf_paths(values)
    hub_config = {path: value for path, value in leaves.items() if path.startswith("hub.config.")}
    assert set(leaves) - set(hub_config) <= DOCUMENTED_Z2JH_KEYS
    classes = {cls.__name__: cls for cls in
               (JupyterHub, Authenticator, SharedPasswordAuthenticator)}
    for path in hub_config:
        _, _, class_name, trait = path.split(".")
        assert trait in classes[class_name].class_traits(config=True), path


def test_z2jh_config_carries_the_workshop_numbers():
    values = yaml.safe_load((WORKSHOP / "config.yaml").read_text())
    limits, culler = SETTINGS["limits"], SETTINGS["culler"]
    assert values["singleuser"]["memory"] == {"limit": limits["memory"],
                                              "guarantee": limits["memory_guarantee"]}
    assert values["singleuser"]["cpu"]["limit"] == limits["cpu"]
    assert values["cull"] == {"enabled": True, "timeout": culler["timeout"],
                              "every": culler["every"]}
    assert values["singleuser"]["extraEnv"]["HIPKIT_HOME"].endswith("/hipkit")
    pull = values["singleuser"]["defaultUrl"]
    assert pull.startswith("/git-pull?") and f"targetpath={LESSONS_FOLDER}" in pull

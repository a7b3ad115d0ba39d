"""JupyterHub for a hipkit workshop on one machine.

Start it from the repository root (see workshop/README.md):

    HIPKIT_WORKSHOP_PASSWORD='pick-a-password' python -m jupyterhub -f workshop/jupyterhub_config.py

Every participant logs in with their own name and the shared password, gets their own
Jupyter server and home folder, and lands on the lessons, which nbgitpuller copies
into their home. Their training log stays in their home (``HIPKIT_HOME``). A server left
idle is stopped by the idle culler. The numbers (memory, CPU, idle time, lesson source)
are in workshop.toml.

Environment variables (all optional except the password):

``HIPKIT_WORKSHOP_PASSWORD``
    The shared password, 8 characters or more.
``HIPKIT_WORKSHOP_STATE``
    Folder for the hub's database, its secret and the participants' homes
    (default ``~/hipkit-workshop``).
``HIPKIT_WORKSHOP_ROSTER``
    A text file with one participant name a line; only they may log in, and they can
    log in through the hub's API as well as the login page. Without it anyone with the
    password may pick a name. Default: ``workshop/participants.txt`` if it exists.
``HIPKIT_LESSONS_REPO`` / ``HIPKIT_LESSONS_BRANCH``
    Where the lessons are pulled from, in place of workshop.toml's (a mirror, or a
    local ``file://`` clone for a room without internet).
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlencode

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

WORKSHOP = Path(__file__).resolve().parent
SETTINGS = tomllib.loads((WORKSHOP / "workshop.toml").read_text())
STATE = Path(os.environ.get("HIPKIT_WORKSHOP_STATE", Path.home() / "hipkit-workshop"))
STATE.mkdir(parents=True, exist_ok=True)

c = get_config()  # noqa: F821 (JupyterHub provides get_config to its config file)

c.JupyterHub.bind_url = "http://:8000"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
# The proxy installed by `npm ci` in the repository, else one on the PATH.
local_proxy = WORKSHOP.parent / "node_modules" / ".bin" / "configurable-http-proxy"
if local_proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(local_proxy)]

# Log in: a name and the room's shared password.
password = os.environ.get("HIPKIT_WORKSHOP_PASSWORD", "")
if len(password) < 8:
    sys.exit("Set HIPKIT_WORKSHOP_PASSWORD to the room's password (8 characters or more).")
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = password
roster = Path(os.environ.get("HIPKIT_WORKSHOP_ROSTER", WORKSHOP / "participants.txt"))
if roster.exists():
    names = {line.strip() for line in roster.read_text().splitlines()}
    c.Authenticator.allowed_users = names - {""}
else:
    c.Authenticator.allow_all = True

# One server per participant, in a home folder of their own. The local spawner runs
# every server as the user who started the hub: the hub keeps participants apart (each
# reaches only their own server), but code a participant runs could read other homes.
# Fine for a room that trusts itself; The Littlest JupyterHub (tljh-setup.sh) gives each
# participant a Unix account of their own.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "homes" / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
# A room logs in within the same minute: on a busy machine a server may take far longer
# to start than JupyterHub's default 60 s (hub_capacity.py measured it with 20 at once).
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 120
# Kernels started by a whole room at once may take over a minute to answer; the server's
# default gives up after 60 s (hub_capacity.py saw it with 20 participants on 2 cores).
c.Spawner.args = ["--MappingKernelManager.kernel_info_timeout=180"]
if hasattr(os, "geteuid") and os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")
c.Spawner.environment = {
    # The participant's log and coach files live in their own home.
    "HIPKIT_HOME": lambda spawner: str(Path(spawner.home_dir) / "hipkit"),
}
# Passed to the server as MEM_LIMIT / CPU_LIMIT; enforced where the spawner can
# (TLJH's systemd spawner, Kubernetes), shown by jupyter-resource-usage where not.
limits = SETTINGS["limits"]
c.Spawner.mem_limit = limits["memory"]
c.Spawner.mem_guarantee = limits["memory_guarantee"]
c.Spawner.cpu_limit = float(limits["cpu"])

# First page: nbgitpuller pulls the lessons into the home folder, then opens lesson 00.
lessons = SETTINGS["lessons"]
pull = {
    "repo": os.environ.get("HIPKIT_LESSONS_REPO", lessons["repo"]),
    "branch": os.environ.get("HIPKIT_LESSONS_BRANCH", lessons["branch"]),
    "targetpath": lessons["folder"],
    "urlpath": f"lab/tree/{lessons['folder']}/{lessons['first_page']}",
}
c.Spawner.default_url = "/git-pull?" + urlencode(pull)

# Stop servers left idle; the culler is a hub service with only the rights it needs.
culler = SETTINGS["culler"]
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={culler['timeout']}", f"--cull-every={culler['every']}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]

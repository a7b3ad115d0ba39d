"""Benchmark: how many workshop participants one machine holds, measured with a real hub.

For each room size N (default 1, 5, 10, 20) a fresh hub from workshop/jupyterhub_config.py
starts, and N participants at once log in, get a server, pull the lessons (nbgitpuller,
from a local clone) and run lesson 02 then lesson 04, leaving both kernels up as a
participant who keeps both lessons open would. A sampler reads every process under the
hub every 0.25 s (psutil) and keeps, per participant, the peak of their server + kernels'
resident memory (RSS, shared libraries counted in every process, so an upper bound)
and their CPU time; and the hub + proxy + culler's peak memory.

Printed per N: the memory a participant peaked at (median and max), their CPU time,
the time from login to the first widget of lesson 02 (median and max), and each
figure's ratio to N = 1, then the sizing that follows with TLJH's rule.

Run: ``python benchmarks/hub_capacity.py [N ...]`` (needs `npm ci` for the proxy).
It talks to 127.0.0.1 only and stops every server it started.
"""

from __future__ import annotations

import signal
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.hub_driver import LESSONS_FOLDER, Hub, Participant, lessons_clone  # noqa: E402

SIZES = [int(n) for n in sys.argv[1:]] or [1, 5, 10, 20]
PASSWORD = "benchmark-room-password"
LESSONS = ["02_exercise_walkthrough.ipynb", "04_training_log.ipynb"]
MB = 2**20
# The Littlest JupyterHub's sizing guide: measured peak + 20-40 % headroom per user,
# plus 128 MB for TLJH's own services; CPU: users x CPU per user + 20 % of one core.
HEADROOM = 1.4
TLJH_OVERHEAD_MB = 128


class Sampler(threading.Thread):
    """Peak RSS and CPU time of every process under the hub, grouped by participant."""

    def __init__(self, hub_pid: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.hub = psutil.Process(hub_pid)
        self.interval = interval
        self.user_of: dict[int, str] = {}
        self.peak_user_mb: dict[str, float] = {}
        self.cpu: dict[int, float] = {}
        self.kind_of: dict[int, str] = {}
        self.peak_mb: dict[int, float] = {}
        self.peak_hub_mb = 0.0
        self.done = threading.Event()

    def _owner(self, process: psutil.Process) -> str:
        if process.pid not in self.user_of:
            self.user_of[process.pid] = process.environ().get("JUPYTERHUB_USER", "")
            command = " ".join(process.cmdline())
            self.kind_of[process.pid] = ("kernel" if "ipykernel_launcher" in command else
                                         "server" if "jupyterhub.singleuser" in command else
                                         "other")
        return self.user_of[process.pid]

    def sample(self) -> None:
        per_user: dict[str, float] = {}
        try:
            hub_mb = self.hub.memory_info().rss / MB
            processes = self.hub.children(recursive=True)
        except psutil.Error:
            return  # the hub has stopped
        for process in processes:
            try:
                rss = process.memory_info().rss / MB
                times = process.cpu_times()
                owner = self._owner(process)
            except psutil.Error:
                continue  # ended between listing and reading
            self.cpu[process.pid] = times.user + times.system
            self.peak_mb[process.pid] = max(self.peak_mb.get(process.pid, 0.0), rss)
            if owner:
                per_user[owner] = per_user.get(owner, 0.0) + rss
            else:
                hub_mb += rss  # the proxy and the idle culler
        for user, mb in per_user.items():
            self.peak_user_mb[user] = max(self.peak_user_mb.get(user, 0.0), mb)
        self.peak_hub_mb = max(self.peak_hub_mb, hub_mb)

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            time.sleep(self.interval)

    def peaks(self, kind: str) -> list[float]:
        return [mb for pid, mb in self.peak_mb.items() if self.kind_of.get(pid) == kind]

    def cpu_of(self, user: str) -> float:
        return sum(seconds for pid, seconds in self.cpu.items() if self.user_of.get(pid) == user)


def take_part(hub: Hub, name: str) -> dict[str, float]:
    person = Participant(hub, name)
    clicked = time.monotonic()
    if person.login(PASSWORD) != 201:
        raise RuntimeError(f"{name} could not log in")
    person.start_server()
    ready = time.monotonic() - clicked
    person.pull_lessons()
    first_widget = None
    for lesson in LESSONS:
        started = time.monotonic() - clicked
        run = person.run_notebook(f"{LESSONS_FOLDER}/notebooks/{lesson}", shutdown=False)
        if run.errors:
            raise RuntimeError(f"{name}, {lesson}: {run.errors}")
        if first_widget is None and run.first_widget is not None:
            first_widget = started + run.first_widget
    return {"server_ready": ready, "first_widget": first_widget,
            "done": time.monotonic() - clicked}


def measure(size: int, root: Path, repo: str, branch: str) -> dict[str, float]:
    names = [f"runner{i:03d}" for i in range(1, size + 1)]
    with Hub(root / f"state-{size}", names, PASSWORD, repo, branch) as hub:
        sampler = Sampler(hub.process.pid)
        sampler.start()
        started = time.monotonic()
        try:
            with ThreadPoolExecutor(size) as pool:
                timings = list(pool.map(lambda name: take_part(hub, name), names))
        except Exception:
            print(f"N={size} failed; the hub's log ends:\n{hub.log_tail(60)}", flush=True)
            raise
        wall = time.monotonic() - started
        sampler.sample()  # both kernels of everyone are still up: one last reading
        sampler.done.set()
        sampler.join()
    memory = [sampler.peak_user_mb[name] for name in names]
    cpu = [sampler.cpu_of(name) for name in names]
    widget = [t["first_widget"] for t in timings]
    return {
        "n": size, "wall_s": wall,
        "mem_median": statistics.median(memory), "mem_max": max(memory),
        "cpu_median": statistics.median(cpu), "cpu_total": sum(cpu),
        "ready_median": statistics.median(t["server_ready"] for t in timings),
        "widget_median": statistics.median(widget), "widget_max": max(widget),
        "hub_mb": sampler.peak_hub_mb,
        "server_mb": statistics.median(sampler.peaks("server")),
        "kernel_mb": statistics.median(sampler.peaks("kernel")),
    }


def row(r: dict[str, float], base: dict[str, float]) -> str:
    return (f"| {r['n']} | {r['mem_median']:.0f} / {r['mem_max']:.0f} "
            f"| {r['mem_median'] / base['mem_median']:.2f} | {r['cpu_median']:.1f} "
            f"| {r['cpu_median'] / base['cpu_median']:.2f} "
            f"| {r['widget_median']:.0f} / {r['widget_max']:.0f} "
            f"| {r['widget_median'] / base['widget_median']:.1f} "
            f"| {r['server_mb']:.0f} / {r['kernel_mb']:.0f} "
            f"| {r['hub_mb']:.0f} | {r['wall_s']:.0f} |")


def sizing(results: list[dict[str, float]]) -> None:
    peak = max(r["mem_max"] for r in results)
    limit_mb = peak * HEADROOM
    hub_mb = max(r["hub_mb"] for r in results)
    cpu_each = statistics.median(r["cpu_median"] for r in results)
    print(f"\nLargest participant peak measured: {peak:.0f} MB; with TLJH's 40 % headroom "
          f"the per-participant limit is {limit_mb:.0f} MB.")
    print(f"CPU to run lessons 02 + 04 once: {cpu_each:.1f} CPU-seconds a participant.")
    print("\nSizing (extrapolated from the figures above with TLJH's rule: participants x "
          "limit + 128 MB + the hub and proxy measured; CPU: the cores that let everyone "
          "run both lessons within 60 s of each other, + 20 % of a core):")
    print("| participants | memory GB | cores |")
    print("| --- | --- | --- |")
    for room in (20, 50, 100):
        memory_gb = (room * limit_mb + TLJH_OVERHEAD_MB + hub_mb) / 1024
        cores_needed = room * cpu_each / 60 + 0.2
        print(f"| {room} | {memory_gb:.1f} | {cores_needed:.1f} |")


def main() -> None:
    # Stopped from outside: leave through the `with` blocks, which stop the hub.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    print(f"machine: {psutil.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB, load average "
          f"{psutil.getloadavg()[0]:.1f} at start (other work on the machine slows the times)")
    print("\nPer participant (server + both lesson kernels), measured:")
    print("| N | peak memory MB, median / max | x N=1 | CPU s, median | x N=1 "
          "| login to first widget s, median / max | x N=1 | server / kernel MB, median "
          "| hub+proxy MB | wall s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="hub-capacity-") as folder:
        root = Path(folder)
        repo, branch = lessons_clone(root / "lessons.git")
        for size in SIZES:
            results.append(measure(size, root, repo, branch))
            print(row(results[-1], results[0]), flush=True)
    sizing(results)


if __name__ == "__main__":
    main()

"""Benchmark: read + check + weekly summary of a 1,000,000-row club log.

Generates a fictional club log (200 runners, about five years, every column filled the
way the form fills it) in a temporary folder, then measures in this one run:

- the time of a bare ``pandas.read_csv`` of the file (best of 5, taking turns with ours);
- the time of ``read_log`` + ``weekly_volume`` (best of 5) and its ratio to the above
  (target: under 1.5);
- the peak memory of ``read_log`` + ``weekly_volume`` above the interpreter's baseline,
  measured in a fresh process, against the file's size (target: under 4x).

Run: ``python benchmarks/log_read.py [rows]``. The file is deleted afterwards.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
TODAY = dt.date(2026, 1, 1)


def make_log(path: Path, rows: int, seed: int = 1) -> None:
    """Write a fictional club log with ``rows`` rows (vectorised, a few seconds)."""
    from hipkit import load_exercises
    from hipkit.training_log import BAND_COLOURS, COLUMNS

    rng = np.random.default_rng(seed)
    names = load_exercises()["name"].to_numpy(dtype=object)
    days = pd.date_range("2021-01-04", "2025-12-31", freq="D").strftime("%Y-%m-%d")
    frame = pd.DataFrame({
        "date": np.sort(rng.choice(days.to_numpy(dtype=object), rows)),
        "runner": np.char.add("runner ", rng.integers(1, 201, rows).astype(str)),
        "exercise": rng.choice(names, rows),
        "side": rng.choice(np.array(["left", "right", "both"], dtype=object), rows),
        "sets_target": rng.integers(2, 4, rows),
        "sets": rng.integers(1, 4, rows),
        "reps_target": rng.choice([10, 15, 20], rows),
        "reps": rng.integers(8, 21, rows),
        "band": rng.choice(np.array(["", *BAND_COLOURS[1:5]], dtype=object), rows),
        "load_kg": "",
        "rpe": rng.integers(3, 9, rows),
        "pain": rng.integers(0, 4, rows),
        "duration_min": rng.choice([2.5, 3, 4, 5, 6], rows),
        "notes": np.where(rng.random(rows) < 0.02, "right side tired", ""),
    }, columns=list(COLUMNS))
    frame.to_csv(path, index=False)


def best_of_interleaved(runs: int, tasks: dict) -> dict[str, float]:
    """Best time of each task over ``runs`` rounds, the tasks taking turns in each round.

    Taking turns keeps a change in the machine's load from favouring one side.
    """
    times: dict[str, list[float]] = {name: [] for name in tasks}
    for _ in range(runs):
        for name, task in tasks.items():
            start = time.perf_counter()
            task()
            times[name].append(time.perf_counter() - start)
    return {name: min(values) for name, values in times.items()}


PEAK = """
import datetime as dt, sys
from hipkit import load_exercises
from hipkit.log_analysis import weekly_volume
from hipkit.training_log import read_log
import pandas as pd
def status(key):
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith(key))
load_exercises()
# Reset the high-water mark (Linux): the peak then counts from here, not from startup.
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")
base = status("VmRSS")
if sys.argv[2] == "ours":
    weekly_volume(read_log(sys.argv[1], today=dt.date(2026, 1, 1)))
else:
    pd.read_csv(sys.argv[1])
print((status("VmHWM") - base) * 1024)
"""


def peak_memory(path: Path, which: str) -> int:
    """Bytes of peak resident memory above the baseline, in a fresh process (Linux)."""
    out = subprocess.run([sys.executable, "-c", PEAK, str(path), which], check=True,
                         capture_output=True, text=True).stdout
    return int(out.split()[-1])


def main() -> None:
    from hipkit.log_analysis import weekly_volume
    from hipkit.training_log import read_log

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "club_log.csv"
        make_log(path, ROWS)
        size = path.stat().st_size
        read_log(path, today=TODAY)  # warm caches so both sides read from memory

        best = best_of_interleaved(5, {
            "bare": lambda: pd.read_csv(path),
            "ours": lambda: weekly_volume(read_log(path, today=TODAY)),
        })
        bare, ours = best["bare"], best["ours"]
        memory = peak_memory(path, "ours")
        bare_memory = peak_memory(path, "bare")
        log = read_log(path, today=TODAY)

    print(f"rows: {len(log):,}; file: {size / 1e6:.1f} MB")
    print(f"bare pandas.read_csv:            {bare:.2f} s")
    print(f"read_log + weekly_volume:        {ours:.2f} s")
    print(f"ratio to bare read_csv:          {ours / bare:.2f} (target < 1.5)")
    print(f"peak memory, read_log + summary: {memory / 1e6:.0f} MB = "
          f"{memory / size:.2f} x file size (target < 4)")
    print(f"peak memory, bare read_csv:      {bare_memory / 1e6:.0f} MB = "
          f"{bare_memory / size:.2f} x file size")


if __name__ == "__main__":
    main()

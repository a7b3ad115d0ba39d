"""Benchmark: read + check + weekly summary of training logs shaped like runners' own.

For each case below, a fictional log is generated in a temporary folder and this one run
measures:

- ``read_log`` + ``weekly_volume`` against a bare ``pandas.read_csv`` of the same file:
  the two take turns (which goes first alternates), each pair gives one ratio, and the
  median of the paired ratios is printed (target: under 1.5);
- the peak memory of ``read_log`` + ``weekly_volume`` above the interpreter's baseline,
  in a fresh process, against the file's size (target: under 4x).

Cases (300,000 rows unless said):

- ``all columns``: every column filled the way the form fills it, as in a club log;
- ``required only``: date, exercise, side, sets, reps, the usual runner's own sheet;
- ``day-first dates``: the required columns with dates written 02/03/2026;
- ``notes on 1 in 5``: all columns, with varied free-text notes on a fifth of the rows
  and a runner's own ``weather`` column (kept, not used);
- ``1M rows``: all columns, 1,000,000 rows.

Run: ``python benchmarks/log_read.py [rows]`` (``rows`` scales the 300,000-row cases).
The files are deleted afterwards.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
TODAY = dt.date(2026, 1, 1)
REQUIRED = ["date", "exercise", "side", "sets", "reps"]
WORDS = np.array("right left hip tired easy sore strong band glute felt burn slow fast "
                 "knee calf ran before after session long tempo rest".split(), dtype=object)


def make_log(path: Path, rows: int, *, columns: str = "all", day_first: bool = False,
             notes_share: float = 0.02, seed: int = 1) -> None:
    """Write a fictional log with ``rows`` rows (vectorised, a few seconds)."""
    from hipkit import load_exercises
    from hipkit.log_columns import BAND_COLOURS, column_names

    rng = np.random.default_rng(seed)
    names = load_exercises()["name"].to_numpy(dtype=object)
    days = pd.date_range("2021-01-04", "2025-12-31", freq="D")
    days = days.strftime("%d/%m/%Y" if day_first else "%Y-%m-%d").to_numpy(dtype=object)
    noted = rng.random(rows) < notes_share
    # Varied notes: a few words and a number, so most notes are different texts.
    words = rng.choice(WORDS, (rows, 3))
    notes = words[:, 0] + " " + words[:, 1] + " " + words[:, 2] + " " + \
        rng.integers(1, 100, rows).astype(str).astype(object)
    frame = pd.DataFrame({
        "date": np.sort(rng.choice(days, rows)) if not day_first else rng.choice(days, rows),
        "runner": np.char.add("runner ", rng.integers(1, 201, rows).astype(str)),
        "exercise": rng.choice(names, rows),
        "side": rng.choice(np.array(["left", "right", "both"], dtype=object), rows),
        "sets_target": rng.integers(2, 4, rows),
        "sets": rng.integers(1, 4, rows),
        "reps_target": rng.choice([10, 15, 20], rows),
        "reps": rng.integers(8, 21, rows),
        "hold_s": "",
        "band": rng.choice(np.array(["", *BAND_COLOURS[1:5]], dtype=object), rows),
        "load_kg": "",
        "rpe": rng.integers(3, 9, rows),
        "pain": rng.integers(0, 4, rows),
        "duration_min": rng.choice([2.5, 3, 4, 5, 6], rows),
        "notes": np.where(noted, notes, ""),
    }, columns=list(column_names()))
    if columns == "required":
        frame = frame[REQUIRED]
    elif columns == "own":
        frame["weather"] = rng.choice(np.array(["sun", "rain", "wind", ""], dtype=object), rows)
    frame.to_csv(path, index=False)


CASES = {
    "all columns": (1, {}),
    "required only": (1, {"columns": "required"}),
    "day-first dates": (1, {"columns": "required", "day_first": True}),
    "notes on 1 in 5": (1, {"columns": "own", "notes_share": 0.2}),
    "1M rows": (None, {}),
}


def paired_ratios(rounds: int, bare, ours) -> tuple[float, float, float]:
    """Median of ours/bare over ``rounds`` back-to-back pairs, and each side's median.

    The order within a pair alternates, so a change in the machine's load (two cores
    shared with other work) does not favour one side.
    """
    ratios, bare_times, our_times = [], [], []
    for round_number in range(rounds):
        timed = {}
        order = (("bare", bare), ("ours", ours))
        for name, task in (order if round_number % 2 == 0 else order[::-1]):
            start = time.perf_counter()
            task()
            timed[name] = time.perf_counter() - start
        ratios.append(timed["ours"] / timed["bare"])
        bare_times.append(timed["bare"])
        our_times.append(timed["ours"])
    return statistics.median(ratios), statistics.median(bare_times), statistics.median(our_times)


PEAK = """
import datetime as dt, sys, warnings
from hipkit import load_exercises
from hipkit.log_analysis import weekly_volume
from hipkit.training_log import read_log
import pandas as pd
warnings.simplefilter("ignore")
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

    warnings.simplefilter("ignore")  # the kept weather column warns once per read
    print(f"{'case':<16} {'rows':>9} {'MB':>6} {'bare s':>7} {'ours s':>7} "
          f"{'ratio':>6} {'mem x file':>10} {'bare mem x':>10}")
    worst_ratio = worst_memory = 0.0
    for case, (scale, options) in CASES.items():
        rows = ROWS * scale if scale else 1_000_000
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "log.csv"
            make_log(path, rows, **options)
            size = path.stat().st_size
            log = read_log(path, today=TODAY)  # warm caches: both sides read from memory
            assert len(log) == rows
            ratio, bare, ours = paired_ratios(
                5 if rows > ROWS else 9, lambda p=path: pd.read_csv(p),
                lambda p=path: weekly_volume(read_log(p, today=TODAY)))
            memory = peak_memory(path, "ours") / size
            bare_memory = peak_memory(path, "bare") / size
        worst_ratio, worst_memory = max(worst_ratio, ratio), max(worst_memory, memory)
        print(f"{case:<16} {rows:>9,} {size / 1e6:>6.1f} {bare:>7.2f} {ours:>7.2f} "
              f"{ratio:>6.2f} {memory:>10.2f} {bare_memory:>10.2f}")
    print(f"worst ratio {worst_ratio:.2f} (target < 1.5); worst peak memory "
          f"{worst_memory:.2f} x file size (target < 4)")


if __name__ == "__main__":
    main()

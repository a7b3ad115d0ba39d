"""Benchmark: read + check + weekly summary of training logs shaped like runners' own.

For each case a fictional log is generated in a temporary folder and this one run
measures, side by side:

- ``read_log`` + ``weekly_volume`` against a bare ``pandas.read_csv`` of the same file
  (``pandas.read_excel`` for the .xlsx case): the two take turns (which goes first
  alternates), each pair gives one ratio, and the median of the paired ratios is printed
  (goal: at most 1.5; aim: 1.0);
- pyarrow's and polars' CSV readers on the same file, as ratios to bare pandas, when
  they are installed (hipkit uses neither; the columns show what they would offer);
- the peak memory of ``read_log`` + ``weekly_volume`` (and of the bare read) above the
  interpreter's baseline, in a fresh process, against the file's size (goal: under 4x).

Cases:

- ``club log``: the held-out shape, not used while tuning: 200 runners, day-first dates
  (02/03/2026), free-text notes on a fifth of the rows, a ``weather`` column of the
  runners' own, and the optional columns the form never fills left out; at 1,000,
  100,000, 300,000 and 1,000,000 rows;
- ``all columns``: every declared column filled as the form fills it, ISO dates;
- ``required only``: date, exercise, side, sets, reps, a runner's own sheet;
- ``xlsx``: the club log saved as an Excel workbook (20,000 rows: openpyxl, which both
  sides use, takes seconds per 10,000 rows).

Run: ``python benchmarks/log_read.py [scale]`` (``scale`` multiplies every row count,
e.g. 0.1 for a quick look). The files are deleted afterwards.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
TODAY = dt.date(2026, 1, 1)
REQUIRED = ["date", "exercise", "side", "sets", "reps"]
#: What a club log made with the form holds: no targets, holds or loads.
CLUB = ["date", "runner", "exercise", "side", "sets", "reps", "band", "rpe", "pain",
        "duration_min", "notes", "weather"]
WORDS = np.array("right left hip tired easy sore strong band glute felt burn slow fast "
                 "knee calf ran before after session long tempo rest".split(), dtype=object)
HAS_PYARROW = importlib.util.find_spec("pyarrow") is not None
HAS_POLARS = importlib.util.find_spec("polars") is not None


def make_log(path: Path, rows: int, *, columns: list[str] | None = None,
             day_first: bool = False, notes_share: float = 0.02, seed: int = 1) -> None:
    """Write a fictional log with ``rows`` rows (vectorised, a few seconds)."""
    from hipkit import load_exercises
    from hipkit.log.columns import BAND_COLOURS, column_names

    rng = np.random.default_rng(seed)
    names = load_exercises()["name"].to_numpy(dtype=object)
    days = pd.date_range("2021-01-04", "2025-12-31", freq="D")
    days = days.strftime("%d/%m/%Y" if day_first else "%Y-%m-%d").to_numpy(dtype=object)
    noted = rng.random(rows) < notes_share
    # Varied notes: a few words and a number, so most notes are different texts.
    words = rng.choice(WORDS, (rows, 3))
    notes = words[:, 0] + " " + words[:, 1] + ", " + words[:, 2] + " " + \
        rng.integers(1, 100, rows).astype(str).astype(object)
    frame = pd.DataFrame({
        "date": rng.choice(days, rows) if day_first else np.sort(rng.choice(days, rows)),
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
        "weather": rng.choice(np.array(["sun", "rain", "wind", ""], dtype=object), rows),
    })
    frame = frame[columns or list(column_names())]
    if path.suffix == ".xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False)


CLUB_LOG = {"columns": CLUB, "day_first": True, "notes_share": 0.2}
#: (case, rows, file suffix, make_log options)
CASES = [
    ("club log", 1_000, ".csv", CLUB_LOG),
    ("club log", 100_000, ".csv", CLUB_LOG),
    ("club log", 300_000, ".csv", CLUB_LOG),
    ("club log", 1_000_000, ".csv", CLUB_LOG),
    ("all columns", 300_000, ".csv", {}),
    ("required only", 300_000, ".csv", {"columns": REQUIRED}),
    ("xlsx", 20_000, ".xlsx", CLUB_LOG),
]


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


def bare_read(path: Path):
    return pd.read_excel(path) if path.suffix == ".xlsx" else pd.read_csv(path)


def arrow_read(path: Path):
    import pyarrow.csv

    return pyarrow.csv.read_csv(path).to_pandas()


def polars_read(path: Path):
    import polars

    return polars.read_csv(path).to_pandas()


PEAK = """
import datetime as dt, sys, warnings
from hipkit import load_exercises
from hipkit.log.analysis import weekly_volume
from hipkit.log.reading import read_log
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
elif sys.argv[1].endswith(".xlsx"):
    pd.read_excel(sys.argv[1])
else:
    pd.read_csv(sys.argv[1])
print((status("VmHWM") - base) * 1024)
"""


def peak_memory(path: Path, which: str) -> int:
    """Bytes of peak resident memory above the baseline, in a fresh process (Linux)."""
    out = subprocess.run([sys.executable, "-c", PEAK, str(path), which], check=True,
                         capture_output=True, text=True).stdout
    return int(out.split()[-1])


def other_reader_ratio(path: Path, read, bare_seconds: float) -> str:
    """Median time of another library's CSV reader, as a ratio to bare pandas."""
    if path.suffix != ".csv":
        return "-"
    read(path)  # warm: its import and first call are not what a reread costs
    times = []
    for _ in range(3):
        start = time.perf_counter()
        read(path)
        times.append(time.perf_counter() - start)
    return f"{statistics.median(times) / bare_seconds:.2f}"


def main() -> None:
    from hipkit.log.analysis import weekly_volume
    from hipkit.log.reading import read_log

    warnings.simplefilter("ignore")  # the kept weather column warns once per read
    print(f"pandas {pd.__version__}; pyarrow {'yes' if HAS_PYARROW else 'not installed'}; "
          f"polars {'yes' if HAS_POLARS else 'not installed'}")
    print(f"{'case':<14} {'rows':>9} {'MB':>6} {'bare s':>7} {'ours s':>7} {'ratio':>6} "
          f"{'arrow':>6} {'polars':>6} {'mem x file':>10} {'bare mem x':>10}")
    worst_ratio = worst_memory = 0.0
    for case, rows, suffix, options in CASES:
        rows = max(int(rows * SCALE), 10)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"log{suffix}"
            make_log(path, rows, **options)
            size = path.stat().st_size
            log = read_log(path, today=TODAY)  # warm caches: both sides read from memory
            assert len(log) == rows
            rounds = 3 if rows >= 1_000_000 or suffix == ".xlsx" else 7
            ratio, bare, ours = paired_ratios(
                rounds, lambda p=path: bare_read(p),
                lambda p=path: weekly_volume(read_log(p, today=TODAY)))
            arrow = other_reader_ratio(path, arrow_read, bare) if HAS_PYARROW else "-"
            fast = other_reader_ratio(path, polars_read, bare) if HAS_POLARS else "-"
            memory = peak_memory(path, "ours") / size
            bare_memory = peak_memory(path, "bare") / size
        # A 1,000-row read is all fixed cost, and an .xlsx is compressed (its size says
        # little of its cells): shown, not held to the goals.
        if rows > 1_000:
            worst_ratio = max(worst_ratio, ratio)
            if suffix == ".csv":
                worst_memory = max(worst_memory, memory)
        print(f"{case:<14} {rows:>9,} {size / 1e6:>6.1f} {bare:>7.3f} {ours:>7.3f} "
              f"{ratio:>6.2f} {arrow:>6} {fast:>6} {memory:>10.2f} {bare_memory:>10.2f}")
    print(f"worst ratio {worst_ratio:.2f} above 1,000 rows (goal <= 1.5, aim <= 1.0); "
          f"worst peak memory of a CSV above 1,000 rows {worst_memory:.2f} x file size "
          "(goal < 4)")


if __name__ == "__main__":
    main()

"""Benchmark: import a 3,000-activity Strava export (activities.csv + activity files).

Builds a fictional export in a temporary folder, shaped like a user's: 60 % FIT, 25 %
GPX, 15 % TCX files, all gzipped as Strava ships them, one record every 5 seconds (a
watch's "smart recording"), 20 to 90 minutes each; 5 % manual entries with no file;
descriptions with line breaks; day-first German-style decimals are not used here (the
English export). Two exports hold the same activities:

- **newest** (103 columns): the CSV already has columns for moving time and heart rate
  (empty for the 10 % recorded without a strap, as Strava leaves them when the file has
  none), so hipkit decodes no file and checks that each one exists;
- **2019** (10 columns): no moving time, no heart rate, so every file is decoded.

For each, the time of ``read_activities`` (best of the rounds) is printed against the
bare cost of reading the same CSV with ``pandas.read_csv`` and decoding *every* file
with the libraries hipkit uses (garmin-fit-sdk, gpxpy, xml.etree), measured in this
run, taking turns. Run: ``python benchmarks/activities_read.py [activities [rounds]]``
(one round by default: a bare pass over 3,000 files takes minutes on a shared machine).
The import cache is off here (this measures decoding, across the cores); the first and
second import with the cache are measured by ``activities_import.py``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import sys
import tempfile
import time
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.make_sample_runs import (  # noqa: E402
    HEADER_103,
    HEADER_2019,
    WRITERS,
    long_row,
    strava_date,
    write_csv,
)

TODAY = dt.date(2026, 3, 6)
TEMPLATES = 40  # distinct files; each is copied under many upload ids


def make_exports(root: Path, count: int,
                 seed: int = 7) -> tuple[Path, Path, list[Path], int]:
    rng = np.random.default_rng(seed)
    files = root / "templates"
    files.mkdir()
    templates = []
    for number in range(TEMPLATES):
        kind = (".fit", ".gpx", ".tcx")[int(rng.choice(3, p=[0.6, 0.25, 0.15]))]
        seconds = float(rng.integers(20, 91) * 60)
        path = files / f"t{number}{kind}.gz"
        heart = {"avg_hr": int(rng.integers(130, 160))}
        if kind != ".gpx":
            heart["max_hr"] = heart["avg_hr"] + 15
        WRITERS[kind](path, dt.datetime(2025, 1, 1, 7), seconds, seconds * 2.8, step=5,
                      **heart)
        templates.append((path, kind, seconds))
    newest, older = root / "newest", root / "older"
    long_rows, short_rows, names = [], [], []
    strapped = 0  # rows whose CSV gives a heart rate
    first = dt.datetime(2017, 1, 2, 6, 30)
    for number in range(count):
        template, kind, seconds = templates[int(rng.integers(TEMPLATES))]
        start = first + dt.timedelta(hours=int(number * 21.5))
        km = seconds * 2.8 / 1000
        manual = rng.random() < 0.05
        strap = rng.random() >= 0.10
        strapped += strap
        filename = "" if manual else f"activities/{9_000_000_000 + number * 13}{kind}.gz"
        if filename:
            names.append((template, filename))
        description = "Easy.\nLegs heavy after work" if rng.random() < 0.1 else ""
        long_rows.append(long_row(**{
            "Activity ID": 8_000_000_000 + number, "Activity Date": strava_date(start),
            "Activity Name": "Morning Run", "Activity Type": "Run",
            "Activity Description": description, "Elapsed Time#1": int(seconds),
            "Distance#1": f"{km:.2f}", "Commute#1": "false", "Filename": filename,
            "Elapsed Time#2": f"{seconds:.1f}", "Moving Time": f"{seconds:.1f}",
            "Distance#2": f"{km * 1000:.1f}",
            "Max Heart Rate#1": "165.0" if strap else "",
            "Average Heart Rate": "145.0" if strap else "",
            "Perceived Exertion": f"{int(rng.integers(3, 8))}.0" if rng.random() < 0.3 else "",
        }))
        short_rows.append([str(8_000_000_000 + number), strava_date(start), "Morning Run", "Run",
                           description, str(int(seconds)), f"{km:.2f}", "false", "", filename])
    for export, header, rows in ((newest, HEADER_103, long_rows),
                                 (older, HEADER_2019, short_rows)):
        write_csv(export / "activities.csv", header, rows)
        (export / "activities").mkdir()
        for template, filename in names:
            (export / filename).write_bytes(template.read_bytes())
    return newest, older, [newest / filename for _, filename in names], strapped


def bare_read(export: Path, files: list[Path]) -> None:
    """What the libraries alone cost: the CSV, then every file decoded once."""
    import gpxpy
    from garmin_fit_sdk import Decoder, Stream

    pd.read_csv(export / "activities.csv")
    for path in files:
        data = gzip.decompress((export / path.relative_to(path.parents[1])).read_bytes())
        if path.name.endswith(".fit.gz"):
            Decoder(Stream.from_byte_array(bytearray(data))).read()
        elif path.name.endswith(".gpx.gz"):
            gpxpy.parse(io.StringIO(data.decode()))
        else:
            ET.fromstring(data)


def best_of(rounds: int, tasks: dict) -> dict[str, float]:
    best = dict.fromkeys(tasks, float("inf"))
    for _ in range(rounds):
        for name, task in tasks.items():
            start = time.perf_counter()
            task()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main() -> None:
    from hipkit.runs.activities import read_activities

    activities = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1

    with tempfile.TemporaryDirectory() as folder:
        newest, older, files, strapped = make_exports(Path(folder), activities)
        print(f"{activities} activities, {len(files)} files "
              f"({sum(p.stat().st_size for p in files) / 1e6:.1f} MB gzipped)", flush=True)
        # The newest export's heart rates come from its CSV (an empty cell: no strap);
        # the 2019 export has no heart-rate column, so every file gives its own.
        for label, export, with_heart_rate in (
                ("newest export (103 columns)", newest, strapped),
                ("2019 export (10 columns)", older, len(files))):
            read = {}

            def ours(export=export, read=read):
                with warnings.catch_warnings():
                    warnings.simplefilter("error")  # nothing in this export may be skipped
                    read["frame"] = read_activities(export, today=TODAY, cache=False)

            times = best_of(rounds, {
                "bare": lambda export=export: bare_read(export, files), "hipkit": ours})
            frame = read["frame"]
            assert len(frame) == activities
            assert frame["avg_hr"].notna().sum() == with_heart_rate
            print(f"{label}: read_activities {times['hipkit']:.2f} s, bare CSV + every file "
                  f"with the libraries {times['bare']:.2f} s, ratio "
                  f"{times['hipkit'] / times['bare']:.2f}", flush=True)


if __name__ == "__main__":
    main()

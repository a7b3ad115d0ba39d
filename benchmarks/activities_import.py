"""Benchmark: importing an export whose every file must be decoded, first and second time.

The exports are those of ``activities_read.py`` (same generator: 60 % FIT, 25 % GPX,
15 % TCX, gzipped, one record every 5 s, 20-90 minutes, 5 % manual entries), in its
2019 10-column form, which has no moving time or heart rate, so every file is decoded.
For 100, 1,000 and 3,000 activities this measures, taking turns in one run:

- **bare**: the libraries alone, one file after another (``bare_read`` of
  ``activities_read.py``: ``pandas.read_csv`` and every file decoded once);
- **first import**: ``read_activities`` with an empty cache (decoding across the cores);
- **second import**: the same folder again, the cache filled;
- **20 changed**: after 20 files are touched (a new modification time), so exactly those
  are decoded again.

Each is run in a fresh Python process, which reports its time (of the call alone) and
its peak memory (``resource.getrusage``: the process's own, and the largest of the
worker processes it started). Ratios are to the bare pass of the same size in this run.
Run: ``python benchmarks/activities_import.py [sizes...]``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZES = [int(a) for a in sys.argv[1:] if a.isdigit()] or [100, 1000, 3000]
CHANGED = 20


def measure(task: str, export: str, home: str) -> None:
    """Run one task in this process and print its time and peak memory as JSON."""
    os.environ["HIPKIT_HOME"] = home
    import datetime as dt
    import warnings

    from activities_read import bare_read

    from hipkit.runs.activities import read_activities

    export_path = Path(export)
    files = sorted((export_path / "activities").iterdir())
    start = time.perf_counter()
    if task == "bare":
        bare_read(export_path, files)
        rows = None
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # nothing may be skipped or doubted
            rows = len(read_activities(export_path, today=dt.date(2026, 3, 6),
                                       progress=False))
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "own_mb": own, "worker_mb": workers,
                      "rows": rows}))


def run(task: str, export: Path, home: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--measure", task, str(export),
                           str(home)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    from activities_read import make_exports

    from hipkit.runs.decode_pool import available_cores

    print(f"{available_cores()} cores; load average at start "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    for size in SIZES:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            _, older, files, _ = make_exports(root, size)
            home = root / "home"
            results = {"bare": run("bare", older, home)}
            results["first import"] = run("import", older, home)
            results["second import"] = run("import", older, home)
            later = time.time() + 60
            for path in files[:CHANGED]:  # the newest export's paths: the same names
                os.utime(older / path.relative_to(path.parents[1]), (later, later))
            results[f"{CHANGED} changed"] = run("import", older, home)
            bare = results["bare"]["seconds"]
            print(f"{size} activities ({len(files)} files, "
                  f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB gzipped), load "
                  f"average now {os.getloadavg()[0]:.1f}:", flush=True)
            for name, result in results.items():
                rows = "" if result["rows"] is None else f", {result['rows']} rows"
                print(f"  {name:>14}: {result['seconds']:7.2f} s, ratio to bare "
                      f"{result['seconds'] / bare:5.3f}, peak memory {result['own_mb']:.0f} MB"
                      f" (largest worker {result['worker_mb']:.0f} MB){rows}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(*sys.argv[2:5])
    else:
        main()

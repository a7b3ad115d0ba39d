"""Benchmark: how long ``import hipkit`` takes, against ``import pandas`` (target: < 1.5x).

Each import runs in a fresh interpreter (nothing cached in memory from a previous one),
timed inside it so the interpreter's own start-up is left out. The imports take turns,
round after round, and the figure is the median over rounds of the ratio to
``import pandas`` measured in the same round, so a change in the machine's load
favours neither. Besides the package itself it times the entry points a runner or a
coach uses without plotting (reading a log, loading a group, the keyframes), which must
not load matplotlib or ipywidgets.

Run: ``python benchmarks/import_time.py [rounds]`` (default 10).
"""

from __future__ import annotations

import statistics
import subprocess
import sys

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
CASES = {
    "import pandas": "import pandas",
    "import hipkit": "import hipkit",
    "from hipkit import read_log": "from hipkit import read_log",
    "from hipkit import load_group": "from hipkit import load_group",
    "import hipkit.exercises.keyframes": "import hipkit.exercises.keyframes",
}
PROBE = """
import sys, time
start = time.perf_counter()
{statement}
seconds = time.perf_counter() - start
heavy = [m for m in ("matplotlib", "ipywidgets", "openpyxl") if m in sys.modules]
print(seconds, ",".join(heavy) or "-")
"""


def time_import(statement: str) -> tuple[float, str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(statement=statement)],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), out[1]


def main() -> None:
    times: dict[str, list[float]] = {name: [] for name in CASES}
    heavy: dict[str, str] = {}
    for _ in range(ROUNDS):
        for name, statement in CASES.items():
            seconds, heavy[name] = time_import(statement)
            times[name].append(seconds)
    base = times["import pandas"]
    for name, values in times.items():
        ratio = statistics.median(v / b for v, b in zip(values, base, strict=True))
        verdict = "" if name == "import pandas" else f"; ratio to pandas {ratio:.2f}"
        print(f"{name:32s} median {statistics.median(values) * 1000:6.0f} ms{verdict}; "
              f"heavy modules loaded: {heavy[name]}")
    ratio = statistics.median(h / b for h, b in zip(times["import hipkit"], base, strict=True))
    print(f"import hipkit / import pandas: {ratio:.2f} (target < 1.5): "
          f"{'met' if ratio < 1.5 else 'NOT met'} ({ROUNDS} rounds, taking turns)")


if __name__ == "__main__":
    main()

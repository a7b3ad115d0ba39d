"""Benchmark: how fast a hostile .xlsx is refused, against reading an honest one.

A 1 MB workbook whose one cell inflates to 1 GiB, and one whose cell holds 300 MB
(under the inflated-size cap, caught while streaming), are each read by ``read_log``
in a fresh process, as the tests build them (``tests/test_log_xlsx_bomb.py``); the
baseline is the same workbook with an ordinary note, read the same way in the same run.
Printed: seconds, the ratio to the baseline (goal: under 10x, the bomb refused about
as fast as a real log is read) and the peak memory (goal: under 500 MB; the tests
check the memory and the messages, never the time).

Run: ``python benchmarks/xlsx_bomb.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_log_xlsx_bomb import MIB, crafted, read_in_fresh_process  # noqa: E402

REPEATS = 3


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        honest = crafted(tmp, 40, name="honest.xlsx")
        cases = {"1 GiB cell": crafted(tmp, 1024 * MIB, name="gib.xlsx"),
                 "300 MB cell": crafted(tmp, 300 * MIB, name="big_cell.xlsx")}
        base = [read_in_fresh_process(honest)["seconds"] for _ in range(REPEATS)]
        print(f"honest 1-row workbook: {statistics.median(base):.2f} s (baseline)")
        for name, path in cases.items():
            runs = [read_in_fresh_process(path) for _ in range(REPEATS)]
            seconds = statistics.median(run["seconds"] for run in runs)
            peak = max(run["peak_mb"] for run in runs)
            print(f"{name} ({path.stat().st_size / MIB:.1f} MB on disk): refused in "
                  f"{seconds:.2f} s, {seconds / statistics.median(base):.1f}x the baseline "
                  f"(goal < 10x), peak {peak:.0f} MB (goal < 500)")


if __name__ == "__main__":
    main()

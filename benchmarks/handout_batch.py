"""Benchmark: a group's handouts in one run against one run per runner (target: 2x faster).

Times, as a coach runs them from a shell, ``python -m hipkit handout`` once per runner
(a shell loop) and once for the whole group (``--names`` with a CSV of the names), on
the default 6-week plan. Names are in the scripts a club has (Latin with accents, Greek,
Cyrillic). The two ways take turns, round after round; the figure is the best time
per runner of each, and their ratio.

Run: ``python benchmarks/handout_batch.py [runners] [rounds]`` (default 8 runners, 1 round).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNNERS = int(sys.argv[1]) if len(sys.argv) > 1 else 8
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 1
NAMES = ["Ana Souza", "Zoë Okafor", "Καλλιόπη Ζαχαρίου", "Ёлкина Мария", "Łukasz Brzęczek",
         "Şahin Yılmaz", "Tom O'Brien", "Chloé Martin-Dubois", "Gus Lindqvist", "Priya Raman"]
COMMAND = [sys.executable, "-m", "hipkit", "handout", "--start", "2026-03-09"]


def one_by_one(names: list[str], folder: Path) -> float:
    start = time.perf_counter()
    for number, name in enumerate(names):
        subprocess.run([*COMMAND, "--runner", name, "--out", str(folder / f"{number}.pdf")],
                       check=True, capture_output=True)
    return time.perf_counter() - start


def together(names: list[str], folder: Path) -> float:
    table = folder / "names.csv"
    table.write_text("runner\n" + "\n".join(names) + "\n", encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([*COMMAND, "--names", str(table), "--out", str(folder / "group")],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    names = [NAMES[n % len(NAMES)] + ("" if n < len(NAMES) else f" {n}")
             for n in range(RUNNERS)]
    single, batch = [], []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for _ in range(ROUNDS):
            single.append(one_by_one(names, folder) / RUNNERS)
            batch.append(together(names, folder) / RUNNERS)
        written = len(list((folder / "group").glob("*.pdf")))
    print(f"{RUNNERS} runners ({written} PDFs from the group run), {ROUNDS} round(s)")
    print(f"one run per runner:  {min(single):.2f} s a runner")
    print(f"one run for the group: {min(batch):.2f} s a runner")
    ratio = min(single) / min(batch)
    print(f"speed-up per runner: {ratio:.1f}x (target >= 2): "
          f"{'met' if ratio >= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()

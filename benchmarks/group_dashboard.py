"""Benchmark: a club's dashboard (load, flags, adherence, heatmap to PNG) against bare pandas.

Generates fictional clubs in a temporary folder, one CSV per runner over two years of a
104-week plan, shaped like real club logs: each runner keeps a different share of the
sessions, takes breaks of a few weeks, may stop early; files leave out optional columns
(band, load, duration, notes) in different ways, a third write day-first dates, and
notes are free text with commas, quotes and accents. The seed is fixed.

For each club size it times, taking turns (best of ``ROUNDS``):

- the baseline: a bare ``pandas.read_csv`` of every file + ``pandas.concat``;
- ours: ``load_group``, ``group_adherence``, ``group_flags`` reusing that adherence,
  and the adherence heatmap saved to PNG, as the coach's dashboard does;

and prints both, their ratio (target: under 10 at 300 runners), and how our time grows
from 300 to 1,000 runners compared with the number of runners (target: linear, a growth
ratio near 1).

Run: ``python benchmarks/group_dashboard.py [runners ...]`` (default 300 1000).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # a script, not a notebook: draw off screen

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from hipkit.coach.dashboard import plot_adherence_heatmap  # noqa: E402
from hipkit.coach.group import group_adherence, group_flags, load_group  # noqa: E402
from hipkit.exercises.progression import build_plan  # noqa: E402

START = dt.date(2024, 3, 4)
WEEKS = 104
AS_OF = START + dt.timedelta(weeks=WEEKS) - dt.timedelta(days=3)
ROUNDS = 3
SIZES = [int(n) for n in sys.argv[1:]] or [300, 1000]
OPTIONAL = ["sets_target", "reps_target", "band", "load_kg", "rpe", "pain", "duration_min",
            "notes"]
NOTES = ["felt strong", "right side tired, stopped early", 'coach said "slow down"',
         "knee ok; hip sore", "Zoë's class", "travelling", "bridge wobbly on left",
         "=done", "6/10, easy", "après la course"]


def make_club(folder: Path, runners: int, seed: int = 17) -> None:
    """Write ``runners`` fictional logs of a two-year plan into ``folder``."""
    rng = np.random.default_rng(seed)
    plan = build_plan(START, WEEKS)
    sessions = plan["session"].to_numpy()
    n_sessions = int(sessions.max())
    for number in range(runners):
        share = rng.uniform(0.15, 0.5)  # about 600 of the plan's 2,184 rows
        done = rng.random(n_sessions) < share
        for _ in range(rng.integers(0, 4)):  # breaks of one to eight weeks
            first = rng.integers(0, n_sessions)
            done[first:first + 3 * rng.integers(1, 9)] = False
        if rng.random() < 0.2:  # stopped logging part-way
            done[rng.integers(n_sessions // 2, n_sessions):] = False
        rows = plan[done[sessions - 1] & (rng.random(len(plan)) < 0.95)]
        count = len(rows)
        day_first = number % 3 == 0
        frame = pd.DataFrame({
            "date": rows["date"].dt.strftime("%d/%m/%Y" if day_first else "%Y-%m-%d"),
            "runner": f"Runner {number:04d}",
            "exercise": rows["name"].to_numpy(),
            "side": rows["side"].astype(str).to_numpy(),
            "sets_target": rows["sets"].to_numpy(),
            "sets": np.maximum(rows["sets"].to_numpy(dtype=int) - (rng.random(count) < 0.1), 1),
            "reps_target": rows["reps"].to_numpy(),
            "reps": rows["reps"].to_numpy(dtype=int) - rng.integers(0, 3, count),
            "band": np.where(rows["exercise_id"].astype(str) == "standing_hip_abduction",
                             rng.choice(["yellow", "red", "green"], count), ""),
            "load_kg": "",
            "rpe": rng.integers(3, 9, count),
            "pain": np.where(rng.random(count) < 0.1, rng.integers(1, 4, count), 0),
            "duration_min": rng.choice([2.5, 3, 4, 5], count),
            "notes": np.where(rng.random(count) < 0.05, rng.choice(NOTES, count), ""),
        })
        # Real files leave out optional columns in their own ways.
        dropped = [c for c in OPTIONAL if rng.random() < 0.3]
        frame.drop(columns=dropped).to_csv(folder / f"runner_{number:04d}.csv", index=False)


def bare(folder: Path) -> pd.DataFrame:
    return pd.concat([pd.read_csv(p) for p in sorted(folder.glob("*.csv"))],
                     ignore_index=True)


def dashboard(folder: Path, plan: pd.DataFrame) -> dict[str, float]:
    """The coach's dashboard, timed stage by stage."""
    stages = {}
    start = time.perf_counter()
    group = load_group(folder, as_of=AS_OF)
    stages["load_group"] = time.perf_counter() - start
    start = time.perf_counter()
    table = group_adherence(group, plan, as_of=AS_OF)
    stages["group_adherence"] = time.perf_counter() - start
    start = time.perf_counter()
    flags = group_flags(group, plan, as_of=AS_OF, adherence=table)
    stages["group_flags"] = time.perf_counter() - start
    start = time.perf_counter()
    ax = plot_adherence_heatmap(table, order=flags["runner"].tolist())
    ax.figure.savefig(io.BytesIO(), format="png", dpi=72)
    plt.close(ax.figure)
    stages["heatmap to PNG"] = time.perf_counter() - start
    assert not group.problems, group.problems
    stages["total"] = sum(stages.values())
    return stages


def main() -> None:
    plan = build_plan(START, WEEKS)
    results = {}
    for runners in SIZES:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            make_club(folder, runners)
            rows = len(bare(folder))
            best: dict[str, dict[str, float]] = {}
            for _ in range(ROUNDS):  # take turns so a change of load favours neither
                start = time.perf_counter()
                bare(folder)
                baseline = time.perf_counter() - start
                stages = dashboard(folder, plan)
                if "bare" not in best or baseline < best["bare"]["total"]:
                    best["bare"] = {"total": baseline}
                if "ours" not in best or stages["total"] < best["ours"]["total"]:
                    best["ours"] = stages
        ours, baseline = best["ours"], best["bare"]["total"]
        results[runners] = ours["total"]
        print(f"{runners} runners, {rows:,} rows ({rows / runners:.0f} a runner):")
        print(f"  bare read_csv + concat: {baseline:.2f} s")
        for stage, seconds in ours.items():
            print(f"  {stage:22s}  {seconds:.2f} s")
        print(f"  ratio to bare:          {ours['total'] / baseline:.1f} (target < 10)")
    if len(results) > 1:
        (small, t_small), (large, t_large) = min(results.items()), max(results.items())
        growth = (t_large / t_small) / (large / small)
        print(f"growth {small} -> {large} runners: time x{t_large / t_small:.2f} for runners "
              f"x{large / small:.2f}; per-runner ratio {growth:.2f} (linear: about 1)")


if __name__ == "__main__":
    main()

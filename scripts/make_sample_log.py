"""Generate data/log_template.csv, data/sample_log.csv and the column table of
data/log_format.md from the column declaration (never edit them by hand).

The sample is fictional: one runner, "Alex (fictional)", doing the four exercises of the
pack three times a week for nine weeks, with a few sessions missed. The numbers follow
the sources, not a real person:

- the planned dosage is the pack's (``runners_hips_post``: circles 3 x 10 each side,
  abduction and single-leg bridge 2 x 15 each leg, bridge hold 10 switches);
- three sessions a week for eight weeks and more, as in the hip programme of McKay et
  al. (2020, ``mckay2020``);
- progression adds a set, then reps, then a stronger band colour, as in McKay et al.
  (2020), Table 2;
- effort is rated on Foster's 0-10 session-RPE scale (``foster2001``), one rating for
  the whole session written on each of its rows.

Every column of the declaration (:mod:`hipkit.log_columns`) is written; the sample
leaves ``hold_s`` empty, since the post doses the bridge hold in switches, not seconds,
and no hold time is invented for it.

The seeded random draws only choose which sessions are missed, small rep shortfalls on
the weaker right side, effort and pain: run ``python scripts/make_sample_log.py`` and the
files come out byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from hipkit.log_columns import markdown_table
from hipkit.log_writer import read_log_template, write_atomic, write_log
from hipkit.training_log import check_log, records_to_raw

DATA = Path(__file__).resolve().parents[1] / "data"
#: The generated table sits between these lines of data/log_format.md.
TABLE_MARKS = ("<!-- column table: made by scripts/make_sample_log.py -->",
               "<!-- end of column table -->")
RUNNER = "Alex (fictional)"
FIRST_MONDAY = dt.date(2025, 9, 1)
WEEKS = 9
TRAINING_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday
# Abduction band by block of three weeks: a stronger colour once the reps are reached.
BANDS = ("green", "blue", "black")
NOTES = {
    (0, 0): "First go. Circles burn early, which the post says is a good sign.",
    (2, 2): "-1 rep on the right bridge: right side tires first",
    (4, 0): "Bridge hold finally clicks: I can feel one side switch off.",
    (6, 0): "Blue band felt easy, moved up to black.",
    (7, 4): "+1 set on the bridge hold felt fine",
}


def plan(week: int) -> dict[str, tuple[int, int]]:
    """Planned sets and reps per exercise: add a set first, then reps."""
    extra_set = 1 if week >= 3 else 0
    extra_reps = 5 if week >= 6 else 0
    return {
        "side_lying_hip_circles": (3, 10 + extra_reps // 5 * 2),
        "standing_hip_abduction": (2 + extra_set, 15),
        "single_leg_bridge": (2 + extra_set, 15 + extra_reps),
        "glute_switch_bridge_hold": (1 + extra_set, 10),
    }


def sample_records(seed: int = 20250901) -> list[dict[str, object]]:
    """Build the sample rows; the seed fixes every random choice."""
    rng = np.random.default_rng(seed)
    minutes = {"side_lying_hip_circles": 6, "standing_hip_abduction": 5,
               "single_leg_bridge": 6, "glute_switch_bridge_hold": 4}
    records = []
    for week in range(WEEKS):
        for day in TRAINING_DAYS:
            # About one session in eight is missed, as happens in real home programmes.
            if rng.random() < 0.12 and (week, day) not in NOTES:
                continue
            date = FIRST_MONDAY + dt.timedelta(weeks=week, days=day)
            rpe = int(np.clip(rng.normal(5.5 - week * 0.1, 1.0), 3, 8))
            pain = int(np.clip(rng.normal(2.5 - week * 0.3, 0.8), 0, 4))
            note = NOTES.get((week, day))
            for exercise_id, (sets, reps) in plan(week).items():
                sides = ("both",) if exercise_id == "glute_switch_bridge_hold" else (
                    "left", "right")
                for side in sides:
                    done = reps
                    if side == "right" and rng.random() < 0.35 - week * 0.03:
                        done = reps - int(rng.integers(1, 4))
                    records.append({
                        "date": date, "runner": RUNNER, "exercise": exercise_id,
                        "side": side, "sets_target": sets, "sets": sets,
                        "reps_target": reps, "reps": done,
                        "band": BANDS[week // 3] if exercise_id == "standing_hip_abduction"
                        else None,
                        "rpe": rpe, "pain": pain,
                        "duration_min": minutes[exercise_id] / len(sides),
                        "notes": note,
                    })
                    note = None
    return records


def format_page(text: str) -> str:
    """The format page with its column table remade from the declaration."""
    start, end = TABLE_MARKS
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    return f"{before}{start}\n{markdown_table()}\n{end}{after}"


def main() -> None:
    page = DATA / "log_format.md"
    write_atomic(page, format_page(page.read_text(encoding="utf-8")).encode("utf-8"))
    write_log(read_log_template(), DATA / "log_template.csv")
    sample = check_log(records_to_raw(sample_records()), "sample", today=dt.date(2026, 1, 1))
    write_log(sample, DATA / "sample_log.csv")
    print(f"wrote {len(sample)} rows, {sample['date'].nunique()} sessions, "
          f"{sample['date'].min():%d %b %Y} to {sample['date'].max():%d %b %Y}")
    assert pd.read_csv(DATA / "sample_log.csv").shape[0] == len(sample)


if __name__ == "__main__":
    main()

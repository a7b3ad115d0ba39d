"""Generate data/log_template.csv, data/sample_log.csv and the column table of
data/log_format.md from the column declaration (never edit them by hand).

The sample is fictional: one runner, "Alex (fictional)", doing the four exercises of the
pack three times a week for nine weeks, with a few sessions missed. The numbers follow
the sources and the pack's own rules, not a real person:

- week 1 is the pack's dosage (``runners_hips_post``: circles 3 x 10 each side,
  abduction and single-leg bridge 2 x 15 each leg, bridge hold one bout of 10 switches);
- three sessions a week, as in the hip programme of McKay et al. (2020, ``mckay2020``);
- each week's dosage follows the gate: after every week
  :func:`hipkit.exercises.progression_gate.weekly_advice` reads the log so far and, per
  exercise, the runner progresses by the plan's one step (a set, then 5 more reps, then one band
  colour up: ``progression.toml``), stays, or steps back after a pain warning;
- effort is rated on Foster's 0-10 session-RPE scale (``foster2001``), one rating for
  the whole session written on each of its rows: around 5.6 in a week at a new dosage,
  a point lower for each week it has been held (the story's own model);
- pain is rated per exercise: mostly 0, now and then 1, and one episode in week 6 when
  the banded kicks ache more at each session and are left out after the warning; the
  form's ``pain_warning`` is written where the form would have written it
  (:func:`hipkit.log.pain_warnings.logged_warnings`).

Every column of the declaration (:mod:`hipkit.log.columns`) is written; the sample
leaves ``hold_s`` empty, since the post doses the bridge hold in switches, not seconds,
and no hold time is invented for it.

The seeded random draws only choose which sessions are missed, small rep shortfalls on
the weaker right side, effort around the model and the odd pain of 1: run
``python scripts/make_sample_log.py`` and the files come out byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from hipkit.exercises.loaders import load_exercises
from hipkit.exercises.progression import _banded, _step
from hipkit.exercises.progression_gate import weekly_advice
from hipkit.exercises.progression_rules import load_progression
from hipkit.log.columns import BAND_COLOURS, markdown_table
from hipkit.log.pain_warnings import with_pain_warnings
from hipkit.log.reading import check_log, records_to_raw
from hipkit.log.writing import read_log_template, write_atomic, write_log

DATA = Path(__file__).resolve().parents[1] / "data"
#: The generated table sits between these lines of data/log_format.md.
TABLE_MARKS = ("<!-- column table: made by scripts/make_sample_log.py -->",
               "<!-- end of column table -->")
RUNNER = "Alex (fictional)"
FIRST_MONDAY = dt.date(2025, 9, 1)
WEEKS = 9
TRAINING_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday
START_BAND = "green"
MINUTES = {"side_lying_hip_circles": 6, "standing_hip_abduction": 5,
           "single_leg_bridge": 6, "glute_switch_bridge_hold": 4}
#: Effort (session RPE) around this in a week at a dosage just taken up ...
FRESH_EFFORT = 5.6
#: ... and this much lower for each week the dosage has been held since.
USED_TO_IT = 1.0
#: The story's one episode of pain: outside-hip ache in the banded kicks, rising over a
#: week (week index, exercise, pain on Monday, Wednesday, Friday; None: left out that day,
#: as the form's warning on Wednesday said).
PAIN_EPISODE = (5, "standing_hip_abduction", (1, 2, None))
NOTES = {
    (0, 0): "First go. Circles burn early, which the post says is a good sign.",
    (2, 0): "-1 rep on the right in the kicks: right side tires first",
    (4, 0): "Bridge hold finally clicks: I can feel one side switch off.",
    (5, 2): "Outside of the hip aches in the kicks, more than on Monday. The form "
            "says stop for today.",
    (5, 4): "Left the kicks out today after Wednesday's warning; the rest felt fine.",
    (6, 0): "Kicks back to 15 reps a set: no ache today.",
}


def sample_records(seed: int = 20250901) -> list[dict[str, object]]:
    """Build the sample rows week by week, each week's dosage set by the gate.

    Week 1 is the pack's dosage. After each week
    :func:`hipkit.exercises.progression_gate.weekly_advice` reads the log so far; per
    exercise, "progress" takes the plan's next step (one change: a set, 5 more reps or
    one band colour, :func:`hipkit.exercises.progression._step`),
    "stay" keeps the dosage and "step back" returns to the dosage before the last step.
    """
    rng = np.random.default_rng(seed)
    rules = load_progression()
    exercises = load_exercises()
    banded = _banded(None)
    dosage = {str(e.exercise_id): {"sets": 1 if pd.isna(e.sets) else int(e.sets),
                                   "reps": int(e.reps), "band_step": 0}
              for e in exercises.itertuples()}
    before = {exercise_id: [] for exercise_id in dosage}  # dosages stepped up from
    held = {exercise_id: 0 for exercise_id in dosage}  # weeks at this dosage so far
    records: list[dict[str, object]] = []
    for week in range(WEEKS):
        # Session effort: fresh after any step up, easing as the runner gets used to it.
        strain = FRESH_EFFORT - USED_TO_IT * min(held.values())
        for day in TRAINING_DAYS:
            # About one session in eight is missed, as happens in real home programmes.
            if rng.random() < 0.12 and (week, day) not in NOTES and week != PAIN_EPISODE[0]:
                continue
            date = FIRST_MONDAY + dt.timedelta(weeks=week, days=day)
            rpe = int(np.clip(round(rng.normal(strain, 0.5)), 3, 8))
            note = NOTES.get((week, day))
            for exercise_id, planned in dosage.items():
                pain = int(rng.random() < 0.08)
                episode_week, episode_exercise, episode = PAIN_EPISODE
                if week == episode_week and exercise_id == episode_exercise:
                    pain = episode[TRAINING_DAYS.index(day)]
                    if pain is None:
                        continue
                sides = ("both",) if exercise_id == "glute_switch_bridge_hold" else (
                    "left", "right")
                band = None
                if exercise_id in banded:
                    band = BAND_COLOURS[BAND_COLOURS.index(START_BAND) + planned["band_step"]]
                for side in sides:
                    done = planned["reps"]
                    if side == "right" and rng.random() < 0.12 - week * 0.015:
                        done -= int(rng.integers(1, 3))
                    records.append({
                        "date": date, "runner": RUNNER, "exercise": exercise_id,
                        "side": side, "sets_target": planned["sets"], "sets": planned["sets"],
                        "reps_target": planned["reps"], "reps": done, "band": band,
                        "rpe": rpe, "pain": pain,
                        "duration_min": MINUTES[exercise_id] / len(sides), "notes": note,
                    })
                    note = None
        advice = weekly_advice(_checked(records))
        this_week = advice[advice["week"] == advice["week"].max()]
        for row in this_week.itertuples():
            exercise_id = str(row.exercise_id)
            current = dosage[exercise_id]
            if row.advice == "progress":
                stepped = dict(current)
                if _step(stepped, rules, exercise_id in banded,
                         exercise_id in rules.fixed_reps) != "hold":
                    before[exercise_id].append(current)
                    dosage[exercise_id], held[exercise_id] = stepped, 0
                    continue
            elif row.advice == "step back" and before[exercise_id]:
                dosage[exercise_id], held[exercise_id] = before[exercise_id].pop(), 1
                continue
            held[exercise_id] += 1
    return records


def _checked(records: list[dict[str, object]]) -> pd.DataFrame:
    return check_log(records_to_raw(records), "sample", today=dt.date(2026, 1, 1))


def sample_log() -> pd.DataFrame:
    """The sample, typed, with the pain warnings the notebook form would have written."""
    return with_pain_warnings(_checked(sample_records()))


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
    sample = sample_log()
    write_log(sample, DATA / "sample_log.csv")
    print(f"wrote {len(sample)} rows, {sample['date'].nunique()} sessions, "
          f"{sample['date'].min():%d %b %Y} to {sample['date'].max():%d %b %Y}")
    assert pd.read_csv(DATA / "sample_log.csv").shape[0] == len(sample)


if __name__ == "__main__":
    main()

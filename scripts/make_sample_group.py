"""Generate data/sample_group/: twelve fictional runners' logs for the coach lesson.

Never edit those files by hand: run ``python scripts/make_sample_group.py`` and they come
out byte for byte the same (a fixed seed and a fixed reference date, never today's).

The group started the workshop plan (:func:`hipkit.exercises.progression.build_plan`, the cited
6-week, 3-sessions-a-week programme) on Monday 2 February 2026; the coach looks at the
logs on Friday 6 March 2026 (:data:`AS_OF`), in week 5. The variety a coach meets:

- most runners do most sessions, at the planned dosage, with an effort around the
  5-6/10 aimed for and little or no pain;
- Dana Whitfield stopped logging in week 2, and Gus Lindqvist has not logged since
  Wednesday of week 4;
- Priya Raman logs only the right side of the one-sided exercises;
- Tom Brennan's pain creeps up over his last sessions, and his last two sessions carry
  the pain warning the notebook form would have written;
- Kit Lawson's file is broken (an impossible date, an unknown exercise, a pain score of
  12), so the loader reports it by name and loads everyone else;
- Sam Okafor asks in a note for a harder dosage.

Names and notes that look like HTML or spreadsheet formulas are tested with data built
in the tests (``tests/test_group.py``), not shown to coaches here.

The seeded draws only choose missed sessions, small rep shortfalls, effort and pain.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from hipkit.exercises.progression import build_plan
from hipkit.log.pain_warnings import with_pain_warnings
from hipkit.log.reading import check_log, records_to_raw
from hipkit.log.writing import write_log

FOLDER = Path(__file__).resolve().parents[1] / "data" / "sample_group"
START = dt.date(2026, 2, 2)
AS_OF = dt.date(2026, 3, 6)
SEED = 20260202
#: name: (share of sessions done, last session logged or None, special behaviour)
RUNNERS = {
    "Ana Souza": (0.95, None, ""),
    "Ben Achterberg": (0.85, None, ""),
    "Chloe Martin": (0.75, None, ""),
    "Dana Whitfield": (0.9, dt.date(2026, 2, 11), ""),
    "Eli Novak": (0.5, None, ""),
    "Farah Haddad": (1.0, None, ""),
    "Gus Lindqvist": (0.9, dt.date(2026, 2, 25), ""),
    "Hana Kobayashi": (0.9, None, ""),
    "Priya Raman": (0.9, None, "right only"),
    "Sam Okafor": (0.85, None, "asks for more"),
    "Tom Brennan": (0.9, None, "pain rising"),
}
NOTES = {
    "Dana Whitfield": (dt.date(2026, 2, 11), "Busy at work, will pick it up again soon"),
    "Priya Raman": (dt.date(2026, 2, 2), "Left hip sore from an old injury, doing right only"),
    "Sam Okafor": (dt.date(2026, 2, 4), "2 sets felt easy, can I do more?"),
    "Tom Brennan": (dt.date(2026, 3, 4), "Outside of the hip aches after the kicks"),
}
BROKEN = """date,runner,exercise,side,sets,reps,rpe,pain
2026-02-02,Kit Lawson,Single-leg bridge,left,2,15,5,0
31/02/2026,Kit Lawson,Single-leg bridge,right,2,15,5,0
2026-02-04,Kit Lawson,Hip thrusts,both,3,12,6,1
2026-02-06,Kit Lawson,Glute-switch bridge hold,both,1,10,5,12
"""


def runner_records(name: str, rng: np.random.Generator) -> list[dict[str, object]]:
    """One runner's rows: the plan's sessions up to AS_OF, some missed, as they did them."""
    share, last, behaviour = RUNNERS[name]
    plan = build_plan(START)
    plan = plan[plan["date"] <= np.datetime64(last or AS_OF)]
    sessions = plan.drop_duplicates("session")
    records = []
    for number, session in enumerate(sessions.itertuples()):
        if rng.random() > share and session.date.date() != NOTES.get(name, (None,))[0]:
            continue
        rpe = int(np.clip(round(rng.normal(5.2, 0.8)), 3, 8))
        pain = int(rng.random() < 0.15)
        if behaviour == "pain rising":
            pain = max(0, number - len(sessions) + 4)  # 0 until the last 3 sessions, then 1, 2, 3
        rows = plan[plan["session"] == session.session]
        if behaviour == "right only":
            rows = rows[rows["side"] != "left"]
        note = NOTES.get(name, (None, None))
        for row in rows.itertuples():
            reps = int(row.reps) - (1 if rng.random() < 0.1 else 0)
            records.append({
                "date": row.date.date(), "runner": name, "exercise": str(row.exercise_id),
                "side": row.side, "sets_target": int(row.sets), "sets": int(row.sets),
                "reps_target": int(row.reps), "reps": reps, "rpe": rpe, "pain": pain,
                "notes": note[1] if row.date.date() == note[0] else None})
            note = (None, None)  # one note per session, on its first row
    return records


def file_name(name: str) -> str:
    """A plain file name from a runner's name: "Sam O'Neil" -> "sam_o_neil.csv"."""
    words = "".join(c if c.isalnum() else " " for c in name.lower()).split()
    return "_".join(words) + ".csv"


def main() -> None:
    rng = np.random.default_rng(SEED)
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name in RUNNERS:
        log = check_log(records_to_raw(runner_records(name, rng)), name, today=AS_OF)
        write_log(with_pain_warnings(log), FOLDER / file_name(name))
    (FOLDER / "kit_lawson.csv").write_text(BROKEN, encoding="utf-8")
    print(f"wrote {len(RUNNERS) + 1} files to {FOLDER}")


if __name__ == "__main__":
    main()

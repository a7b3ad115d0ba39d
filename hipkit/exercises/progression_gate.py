"""Say whether a runner should progress: from the last 7 days, and week by week.

The gate is data (``[gate]`` and ``[pain]`` in ``data/progression.toml``, read by
:mod:`hipkit.exercises.progression_rules`): move on only when the work feels easy (effort
below 5-6 out of 10), technique holds and no pain lasts more than a day (My Hip
Exercise, Program 1); step back after a pain warning (:mod:`hipkit.log.pain_warnings`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_exercises
from hipkit.exercises.progression_rules import ProgressionRules, load_progression
from hipkit.log.analysis import effort_trend
from hipkit.log.pain_warnings import logged_warnings


@dataclass(frozen=True)
class Suggestion:
    """Whether to move to next week's dosage, and why, in plain words.

    ``progress`` is ``True`` (move on), ``False`` (stay) or ``None`` (the log does not
    say enough to decide).
    """

    progress: bool | None
    reasons: tuple[str, ...]
    effort: float | None

    def __str__(self) -> str:
        verdict = {True: "Progress next week.", False: "Stay at this week's dosage.",
                   None: "Not enough logged to say."}[self.progress]
        return " ".join([verdict, *self.reasons])


def suggest_progression(log: pd.DataFrame, as_of: dt.date | str, *,
                        rules: ProgressionRules | None = None,
                        data_dir: DataDir = None) -> Suggestion:
    """Read the last 7 days of a runner's log and say whether to progress next week.

    The gate is My Hip Exercise's: aim for an effort of about 5-6 out of 10; make it
    harder only when it feels easier than that; not when pain lasts more than a day.
    A log records pain at each session, not the day after, so pain still there at the
    next session, more than a day later, counts as pain that lasted. Sets or reps short
    of their target also hold the runner back: a dosage not yet done is not outgrown.
    Technique is not in the log, so a suggestion to progress reminds the runner of it.

    Parameters
    ----------
    log : DataFrame
        One runner's log as :func:`hipkit.log.reading.read_log` returns it.
    as_of : date or ISO text
        The last day looked at ("today"); the 7 days ending on it are read.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-04"]),
    ...                     "sets": [2, 2], "sets_target": [2, 2], "reps": [15, 15],
    ...                     "reps_target": [15, 15], "rpe": [4.0, 4.0], "pain": [0.0, 0.0]})
    >>> suggest_progression(log, "2026-03-06").progress
    True
    """
    rules = rules or load_progression(data_dir)
    end = pd.Timestamp(as_of).normalize()
    window = log[(log["date"] > end - pd.Timedelta(days=7)) & (log["date"] <= end)]
    if window.empty:
        return Suggestion(None, (f"Nothing was logged in the 7 days to {end:%d %b %Y}.",),
                          None)
    against: list[str] = []
    days = effort_trend(log[log["date"] <= end])
    recent = days[days["date"] > end - pd.Timedelta(days=7)]
    effort = recent["rpe"].mean()
    effort = None if pd.isna(effort) else float(effort)
    pain_pairs = _lasting_pain(days, window["date"].min(), rules.pain_days)
    if pain_pairs:
        against.append(f"Pain was still there at the next session, more than "
                       f"{rules.pain_days} day later ({pain_pairs[-1]}).")
    # A row without a target cannot fall short of it (NA compares as unknown).
    short = window[((window["sets"] < window["sets_target"])
                    | (window["reps"] < window["reps_target"])).fillna(False).astype(bool)]
    if len(short):
        against.append(f"{len(short)} logged exercise(s) fell short of the target sets or "
                       "reps: finish this dosage first.")
    aim = f"{rules.effort_low}-{rules.effort_high}/10"
    if effort is not None and effort > rules.effort_high:
        against.append(f"Effort averaged {effort:.1f}/10, harder than the {aim} aimed for.")
    elif effort is not None and effort >= rules.effort_low:
        against.append(f"Effort averaged {effort:.1f}/10, right in the {aim} aimed for.")
    if against:
        return Suggestion(False, tuple(against), effort)
    if effort is None:
        return Suggestion(None, ("No effort was rated, and effort decides.",), None)
    return Suggestion(True, (f"Effort averaged {effort:.1f}/10, easier than the {aim} aimed "
                             "for, with no lasting pain and every target met. Move on only "
                             "if each repetition stays slow and controlled.",), effort)


def _lasting_pain(days: pd.DataFrame, since: pd.Timestamp, pain_days: int) -> list[str]:
    """Pairs of sessions, the second in the window, both with pain and over a day apart."""
    rated = days.dropna(subset=["pain"]).reset_index(drop=True)
    pairs = []
    for before, after in zip(rated.index[:-1], rated.index[1:], strict=True):
        first, second = rated.loc[before], rated.loc[after]
        gap = (second["date"] - first["date"]).days
        if (second["date"] >= since and first["pain"] > 0 and second["pain"] > 0
                and gap > pain_days):
            pairs.append(f"{first['date']:%d %b} and {second['date']:%d %b}")
    return pairs


#: What :func:`weekly_advice` says of an exercise's week.
ADVICE = ("progress", "stay", "step back")
ADVICE_TYPE = pd.CategoricalDtype(ADVICE)
ADVICE_COLUMNS = ["week", "week_start", "exercise_id", "name", "sessions", "sets", "reps",
                  "band", "effort", "pain", "advice", "reason"]


def weekly_advice(log: pd.DataFrame, *, rules: ProgressionRules | None = None,
                  data_dir: DataDir = None) -> pd.DataFrame:
    """For a runner's own log, say per exercise and week: progress, stay or step back.

    Each calendar week (Monday to Sunday) an exercise was logged in is read on its own,
    with the gate of ``progression.toml`` and the exercise's rows only:

    - **step back** (go back to the dosage before the last step) when the week holds a
      pain warning: a score at or above ``pain.warn_at`` or pain rising over the
      exercise's last sessions (:mod:`hipkit.log.pain_warnings`; the pack's advice, adapted
      from Silbernagel et al. 2007);
    - otherwise :func:`suggest_progression` on the week's last day: **progress** when
      effort averaged below ``gate.effort_low`` with every target met and no pain still
      there at the next session; **stay** when it did not, or when no effort was rated.

    Parameters
    ----------
    log : DataFrame
        One runner's log as :func:`hipkit.log.reading.read_log` returns it.
    rules : ProgressionRules, optional
        Default: :func:`hipkit.exercises.progression_rules.load_progression`.

    Returns
    -------
    pandas.DataFrame
        One row per week and exercise logged: ``week`` (1 = the week of the first
        entry), ``week_start`` (its Monday), ``exercise_id``, ``name``, ``sessions``
        (days logged), ``sets`` and ``reps`` (the week's highest target, or what was
        done where no target was written), ``band`` (strongest colour), ``effort``
        (mean), ``pain`` (highest), ``advice`` (``progress``, ``stay`` or
        ``step back``) and ``reason`` (in plain words, from the logged effort and pain).

    Examples
    --------
    On the tests' made-up pack (``tests/fixture_pack``), a first easy week of leg raises
    and a second with pain 7/10:

    >>> from pathlib import Path
    >>> import hipkit
    >>> pack = Path(hipkit.__file__).resolve().parents[1] / "tests" / "fixture_pack"
    >>> log = pd.DataFrame({
    ...     "date": pd.to_datetime(["2026-03-02", "2026-03-04", "2026-03-09"]),
    ...     "exercise_id": ["lying_leg_raise"] * 3, "side": ["left"] * 3,
    ...     "sets": [2, 2, 3], "sets_target": [2, 2, 3], "reps": [5, 5, 5],
    ...     "reps_target": [5, 5, 5], "band": [None] * 3,
    ...     "rpe": [4.0, 4.0, 5.0], "pain": [0.0, 0.0, 7.0]})
    >>> advice = weekly_advice(log, data_dir=pack)
    >>> advice[["week", "sets", "advice"]].values.tolist()
    [[1, 2, 'progress'], [2, 3, 'step back']]
    >>> print(advice["reason"].iloc[1])  # doctest: +ELLIPSIS
    Pain 7/10 on 9 Mar (at or above 6/10): go back to the dosage before...
    """
    rules = rules or load_progression(data_dir)
    names = load_exercises(data_dir).set_index("exercise_id")["name"]
    rows = []
    if log.empty:
        return pd.DataFrame(columns=ADVICE_COLUMNS).astype({"advice": ADVICE_TYPE})
    monday = (log["date"].dt.normalize()
              - pd.to_timedelta(log["date"].dt.day_of_week, unit="D"))
    first = monday.min()
    warnings = logged_warnings(log, rules=rules, data_dir=data_dir)
    for exercise_id in log["exercise_id"].dropna().unique():
        exercise_id = str(exercise_id)
        mine = log["exercise_id"].astype(str) == exercise_id
        for start in sorted(monday[mine].unique()):
            start = pd.Timestamp(start)
            week = log[mine & (monday == start)]
            end = start + pd.Timedelta(days=6)
            warned = warnings[(warnings["exercise_id"] == exercise_id)
                              & (warnings["date"] >= start) & (warnings["date"] <= end)]
            if len(warned):
                worst = warned.loc[warned["pain"].idxmax()]
                kind = ("at or above " f"{rules.pain_warn_at}/10"
                        if "high" in worst["pain_warning"] else "rising over the last "
                        f"{rules.pain_rising_sessions} sessions")
                advice, reason = "step back", (
                    f"Pain {worst['pain']:g}/10 on {worst['date'].day} {worst['date']:%b} "
                    f"({kind}): go back to the dosage before the last step, and see a "
                    "physiotherapist or doctor if the pain persists (pack advice, adapted "
                    "from Silbernagel et al. 2007).")
            else:
                verdict = suggest_progression(log[mine], end, rules=rules)
                advice = "progress" if verdict.progress else "stay"
                reason = " ".join(verdict.reasons)
            target = {field: (week[f"{field}_target"].fillna(week[field]).max()
                              if f"{field}_target" in week else week[field].max())
                      for field in ("sets", "reps")}
            band = week["band"].dropna() if "band" in week else pd.Series(dtype=object)
            rows.append({
                "week": int((start - first).days // 7 + 1), "week_start": start,
                "exercise_id": exercise_id, "name": str(names.get(exercise_id, exercise_id)),
                "sessions": int(week["date"].dt.normalize().nunique()),
                "sets": target["sets"], "reps": target["reps"],
                "band": band.max() if len(band) else pd.NA,
                "effort": week["rpe"].mean(), "pain": week["pain"].max(),
                "advice": advice, "reason": reason})
    table = pd.DataFrame(rows, columns=ADVICE_COLUMNS)
    order = {str(e): i for i, e in enumerate(load_exercises(data_dir)["exercise_id"])}
    table = table.sort_values(["week", "exercise_id"], key=lambda c: c.map(order)
                              if c.name == "exercise_id" else c, kind="stable")
    return table.astype({"sets": "Int64", "reps": "Int64", "effort": "Float64",
                         "pain": "Float64", "advice": ADVICE_TYPE}).reset_index(drop=True)

"""Build a week-by-week workshop plan and say whether a runner should progress.

The rules are data (``data/progression.toml``), each number citing ``sources.csv``:

- three sessions a week for six weeks, as in the 6-week hip programmes of Willy & Davis
  (2011), Ferber et al. (2015) and Snyder et al. (2009);
- week 1 is the coach's dosage (``runners_hips_post``); each later week takes one step,
  the pack's own rule adapted from McKay et al. (2020, Table 2): add a set (up to 3),
  then repetitions (5 more, up to 20), then a stronger band colour (one colour up).
  McKay's programme itself moves to a harder variant every two weeks and drops back to
  2 sets; the pack keeps the coach's exercises instead;
- an exercise whose bout the coach defines (the glute-switch bridge hold: 10 switches,
  then a break) keeps that bout and progresses only by adding bouts (the pack's choice);
- move on only when the work feels easy (effort below 5-6 out of 10), technique holds
  and no pain lasts more than a day (My Hip Exercise, Program 1).

A plan row is one exercise on one side in one session, with the columns of a training
log (``exercise_id``, ``side``, ``sets``, ``reps``, ``band``), so
:func:`hipkit.log.analysis.volume` counts a plan exactly as it counts a log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from hipkit.errors import Problems
from hipkit.exercises.data_files import DataDir, FieldChecker, data_root, read_toml
from hipkit.exercises.loaders import load_equipment, load_exercises
from hipkit.exercises.sources import load_sources
from hipkit.log.analysis import effort_trend, volume
from hipkit.log.reading import BAND_COLOURS, BAND_TYPE, SIDE_TYPE

STEPS = ("set", "reps", "band")
#: What changed in a week's dosage: the first week, a step, nothing left to add, a deload.
CHANGES = ("start", *STEPS, "hold", "deload")
CHANGE_TYPE = pd.CategoricalDtype(CHANGES)
PLAN_COLUMNS = ["week", "session", "date", "exercise_id", "name", "side", "sets", "reps",
                "rep_unit", "directions", "band", "band_step", "change"]


@dataclass(frozen=True)
class ProgressionRules:
    """The plan's schedule, its progression steps and the gate for moving on."""

    weeks: int
    sessions_per_week: int
    order: tuple[str, ...]
    weeks_per_step: int
    max_sets: int
    reps_step: int
    max_reps: int
    band_steps: int
    effort_low: int
    effort_high: int
    pain_days: int
    #: The log form warns at a pain score of this or more (:mod:`hipkit.log.pain_warnings`).
    pain_warn_at: int
    #: ... or when an exercise's pain rose over this many rated sessions.
    pain_rising_sessions: int
    sources: tuple[str, ...]
    #: Exercises that keep the coach's repetitions per bout and progress only in bouts.
    fixed_reps: tuple[str, ...] = ()


def load_progression(data_dir: DataDir = None) -> ProgressionRules:
    """Read and check ``progression.toml``.

    Raises
    ------
    hipkit.errors.DataFileError
        Naming the file and field of every missing or impossible value, or a source id
        that is not in ``sources.csv``.

    Examples
    --------
    >>> rules = load_progression()
    >>> rules.weeks, rules.sessions_per_week, rules.order
    (6, 3, ('set', 'reps', 'band'))
    """
    path = data_root(data_dir) / "progression.toml"
    problems = Problems()
    doc = read_toml(path, problems) or {}
    check = FieldChecker(path, problems)
    known_sources = set(load_sources(data_dir)["id"])
    fields = {"schedule": ("weeks", "sessions_per_week"),
              "progression": ("weeks_per_step", "max_sets", "reps_step", "max_reps",
                              "band_steps"),
              "gate": ("effort_low", "effort_high", "pain_days"),
              "pain": ("warn_at", "rising_sessions")}
    values: dict[str, object] = {}
    sources: list[str] = []
    for section, names in fields.items():
        table = doc.get(section)
        if not isinstance(table, dict):
            check.fail(section, "is missing or is not a table", table)
            continue
        allowed = set(names) | {"sources"} | ({"order"} if section == "progression" else set())
        check.unknown(table, allowed, section + ".")
        for name in names:
            values[name] = check.whole(table, name, f"{section}.{name}")
        cited = check.texts(table, "sources", f"{section}.sources")
        if not cited:
            check.fail(f"{section}.sources", "must cite at least one id of sources.csv")
        for source in cited:
            if source not in known_sources:
                check.fail(f"{section}.sources", "is not an id in sources.csv", source)
        sources.extend(cited)
        if section == "progression":
            order = check.texts(table, "order", "progression.order")
            if sorted(order) != sorted(STEPS):
                check.fail("progression.order", f"must list each of {list(STEPS)} once", order)
            values["order"] = tuple(order)
    fixed_reps: list[str] = []
    hold = doc.get("hold", {})
    if not isinstance(hold, dict):
        check.fail("hold", "is not a table", hold)
        hold = {}
    if hold:
        check.unknown(hold, {"exercises", "sources"}, "hold.")
        known_exercises = set(load_exercises(data_dir)["exercise_id"].astype(str))
        fixed_reps = check.texts(hold, "exercises", "hold.exercises")
        for exercise_id in fixed_reps:
            if exercise_id not in known_exercises:
                check.fail("hold.exercises", "is not an exercise id", exercise_id)
        cited = check.texts(hold, "sources", "hold.sources")
        if not cited:
            check.fail("hold.sources", "must cite at least one id of sources.csv")
        for source in cited:
            if source not in known_sources:
                check.fail("hold.sources", "is not an id in sources.csv", source)
        sources.extend(cited)
    if not problems and values["effort_low"] > values["effort_high"]:
        check.fail("gate.effort_low", "must not be above gate.effort_high",
                   values["effort_low"])
    if not problems and values["effort_high"] > 10:
        check.fail("gate.effort_high", "must be an effort of 10 or less", values["effort_high"])
    if not problems and not 1 <= values["warn_at"] <= 10:
        check.fail("pain.warn_at", "must be a pain score from 1 to 10", values["warn_at"])
    if not problems and values["rising_sessions"] < 2:
        check.fail("pain.rising_sessions", "must be 2 or more (a rise needs two sessions)",
                   values["rising_sessions"])
    problems.raise_if_any()
    values["pain_warn_at"] = values.pop("warn_at")
    values["pain_rising_sessions"] = values.pop("rising_sessions")
    return ProgressionRules(**values, sources=tuple(dict.fromkeys(sources)),
                            fixed_reps=tuple(fixed_reps))


def training_days(sessions_per_week: int) -> list[int]:
    """Spread the week's sessions evenly from Monday (0) with rest days between.

    Examples
    --------
    >>> training_days(3), training_days(2)
    ([0, 2, 4], [0, 3])
    """
    if not 1 <= sessions_per_week <= 7:
        raise ValueError(f"sessions_per_week must be 1 to 7, got {sessions_per_week!r}")
    return [index * 7 // sessions_per_week for index in range(sessions_per_week)]


def weekly_dosage(weeks: int | None = None, *, deload_weeks: tuple[int, ...] = (),
                  rules: ProgressionRules | None = None,
                  data_dir: DataDir = None) -> pd.DataFrame:
    """Sets, reps and band step of every exercise in every week of the plan.

    Week 1 is the pack's dosage; the bridge hold, for which the pack gives no number of
    sets, starts at one bout of 10 switches (as :func:`hipkit.exercises.session_plan.session_blocks`
    does). Every ``weeks_per_step`` weeks each exercise takes the first step of
    ``rules.order`` it still can: a set up to ``max_sets``, repetitions up to
    ``max_reps``, a band colour up to ``band_steps`` (only exercises done with a band).
    An exercise in ``rules.fixed_reps`` only ever adds a set (a bout): its repetitions
    per bout stay the coach's.
    With no step left the dosage holds. A declared deload week repeats week 1's dosage
    and the plan then carries on where it left off.

    Parameters
    ----------
    weeks : int, optional
        Length of the plan (default: ``rules.weeks``, 6).
    deload_weeks : tuple of int
        Weeks (2 or later) the coach declares lighter. None by default: the cited
        programmes have none.
    rules : ProgressionRules, optional
        Default: :func:`load_progression`.

    Returns
    -------
    pandas.DataFrame
        One row per week and exercise: ``week``, ``exercise_id``, ``sets``, ``reps``,
        ``band_step`` (colours above the starting band) and ``change`` (``start``,
        ``set``, ``reps``, ``band``, ``hold`` or ``deload``).

    Examples
    --------
    >>> dosage = weekly_dosage(3)
    >>> dosage[dosage["exercise_id"] == "single_leg_bridge"][["sets", "reps"]].values.tolist()
    [[2, 15], [3, 15], [3, 20]]
    """
    rules = rules or load_progression(data_dir)
    weeks = rules.weeks if weeks is None else weeks
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, got {weeks!r}")
    bad = [week for week in deload_weeks if not 2 <= week <= weeks]
    if bad:
        raise ValueError(f"deload weeks must lie between week 2 and week {weeks}, got {bad}")
    exercises = load_exercises(data_dir)
    banded = _banded(data_dir)
    rows = []
    for exercise in exercises.itertuples():
        start = {"sets": 1 if pd.isna(exercise.sets) else int(exercise.sets),
                 "reps": int(exercise.reps), "band_step": 0}
        current = dict(start)
        progressed_weeks = 0
        for week in range(1, weeks + 1):
            if week == 1:
                change = "start"
            elif week in deload_weeks:
                rows.append({"week": week, "exercise_id": exercise.exercise_id, **start,
                             "change": "deload"})
                continue
            else:
                progressed_weeks += 1
                change = "hold"
                if progressed_weeks % rules.weeks_per_step == 0:
                    change = _step(current, rules, exercise.exercise_id in banded,
                                   exercise.exercise_id in rules.fixed_reps)
            rows.append({"week": week, "exercise_id": exercise.exercise_id, **current,
                         "change": change})
    dosage = pd.DataFrame(rows).sort_values(["week", "exercise_id"], kind="stable")
    return dosage.astype({"exercise_id": exercises["exercise_id"].dtype, "sets": "int64",
                          "reps": "int64", "band_step": "int64",
                          "change": CHANGE_TYPE}).reset_index(drop=True)


def _banded(data_dir: DataDir) -> set[str]:
    """Exercises whose kit includes a resistance band (the ones a colour step applies to)."""
    equipment = load_equipment(data_dir)
    needs_band = equipment["item"].str.lower().str.contains("band")
    return set(equipment.loc[needs_band, "exercise_id"].astype(str))


def _step(dosage: dict[str, int], rules: ProgressionRules, banded: bool,
          fixed_reps: bool = False) -> str:
    """Apply the first step still possible, in the rules' order; return its name."""
    for step in rules.order:
        if step == "set" and dosage["sets"] < rules.max_sets:
            dosage["sets"] += 1
            return step
        if step == "reps" and not fixed_reps and dosage["reps"] < rules.max_reps:
            dosage["reps"] = min(dosage["reps"] + rules.reps_step, rules.max_reps)
            return step
        if step == "band" and banded and dosage["band_step"] < rules.band_steps:
            dosage["band_step"] += 1
            return step
    return "hold"


def build_plan(start: dt.date | str, weeks: int | None = None,
               sessions_per_week: int | None = None, *, band: str | None = None,
               deload_weeks: tuple[int, ...] = (), runner: str | None = None,
               rules: ProgressionRules | None = None, data_dir: DataDir = None) -> pd.DataFrame:
    """Build an N-week plan: every session's exercises, sides and dosage, by date.

    Parameters
    ----------
    start : date or ISO text
        Day of the first session; later sessions of a week follow with rest days
        between (:func:`training_days`), and each week starts 7 days after the last.
    weeks, sessions_per_week : int, optional
        Default from ``progression.toml``: 6 weeks, 3 sessions a week.
    band : str, optional
        The runner's starting band colour (a TheraBand colour, e.g. ``"green"``). When
        left out, the band column stays missing and ``band_step`` says how many colours
        above the starting band to use: the pack asks for a strong band, not a colour.
    deload_weeks : tuple of int
        Weeks the coach declares lighter (see :func:`weekly_dosage`).
    runner : str, optional
        Name written in a ``runner`` column when given.

    Returns
    -------
    pandas.DataFrame
        One row per session, exercise and side: ``week``, ``session`` (1 to N across the
        plan), ``date``, ``exercise_id``, ``name``, ``side`` (left/right, or both for the
        bridge hold), ``sets``, ``reps`` (each direction, for circles), ``rep_unit``,
        ``directions``, ``band`` (ordered colours, missing without a starting band),
        ``band_step`` and ``change`` (what changed from the week before).

    Examples
    --------
    >>> plan = build_plan("2026-02-02")
    >>> int(plan["session"].max()), plan["date"].max().date().isoformat()
    (18, '2026-03-13')
    """
    rules = rules or load_progression(data_dir)
    weeks = rules.weeks if weeks is None else weeks
    sessions_per_week = rules.sessions_per_week if sessions_per_week is None \
        else sessions_per_week
    first = pd.Timestamp(start).normalize()
    if band is not None and band.strip().lower() not in BAND_COLOURS:
        raise ValueError(f"band must be one of {', '.join(BAND_COLOURS)}, got {band!r}")
    dosage = weekly_dosage(weeks, deload_weeks=deload_weeks, rules=rules, data_dir=data_dir)
    exercises = load_exercises(data_dir).set_index("exercise_id")
    days = training_days(sessions_per_week)
    rows = []
    for item in dosage.itertuples():
        exercise = exercises.loc[item.exercise_id]
        sides = ("left", "right") if exercise["each_side"] else ("both",)
        colour = pd.NA
        if band is not None and item.exercise_id in _banded(data_dir):
            position = BAND_COLOURS.index(band.strip().lower()) + item.band_step
            colour = BAND_COLOURS[min(position, len(BAND_COLOURS) - 1)]
        for index, day in enumerate(days):
            for side in sides:
                rows.append({
                    "week": item.week, "session": (item.week - 1) * len(days) + index + 1,
                    "date": first + pd.Timedelta(days=7 * (item.week - 1) + day),
                    "exercise_id": item.exercise_id, "name": exercise["name"], "side": side,
                    "sets": item.sets, "reps": item.reps, "rep_unit": exercise["rep_unit"],
                    "directions": exercise["directions"], "band": colour,
                    "band_step": item.band_step, "change": item.change})
    plan = pd.DataFrame(rows, columns=PLAN_COLUMNS).astype({
                        "exercise_id": dosage["exercise_id"].dtype, "name": "string",
                        "side": SIDE_TYPE, "sets": "Int64", "reps": "Int64",
                        "rep_unit": "string", "directions": "string", "band": BAND_TYPE,
                        "band_step": "int64", "change": CHANGE_TYPE})
    # Lesson order within a session (exercise_id is an ordered categorical by then).
    plan = plan.sort_values(["session", "exercise_id"], kind="stable").reset_index(drop=True)
    if runner is not None:
        plan.insert(0, "runner", runner)
    return plan


def plan_volume(plan: pd.DataFrame, data_dir: DataDir = None) -> pd.DataFrame:
    """Planned repetitions per week, counted as :func:`hipkit.log.analysis.volume` counts.

    Returns columns ``week``, ``volume`` and ``deload`` (true in a declared deload week).

    Examples
    --------
    >>> plan_volume(build_plan("2026-02-02", weeks=2))["volume"].tolist()
    [570, 870]
    """
    frame = pd.DataFrame({"week": plan["week"], "volume": volume(plan, data_dir),
                          "deload": plan["change"] == "deload"})
    table = frame.groupby("week").agg(volume=("volume", "sum"), deload=("deload", "any"))
    return table.astype({"volume": "int64"}).reset_index()


def dosage_label(sets: int, reps: int, rep_unit: str, directions: str | None,
                 each_side: bool, *, bouts: bool = False) -> str:
    """Say a dosage the way a runner reads it.

    ``bouts`` says the sets are bouts of a fixed length (the bridge hold's 10 switches).

    Examples
    --------
    >>> dosage_label(3, 10, "circles", "clockwise / anticlockwise", True)
    '3 x 10 circles each direction, each side'
    >>> dosage_label(2, 10, "switches", None, False, bouts=True)
    '2 bouts of 10 switches, a break after each'
    """
    if bouts:
        return f"{sets} bout{'s' if sets > 1 else ''} of {reps} {rep_unit}, a break after each"
    text = f"{sets} x {reps} {rep_unit}"
    if directions is not None and not pd.isna(directions):
        text += " each direction"
    if each_side:
        text += ", each side"
    return text


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
        Default: :func:`load_progression`.

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
    # pain_warnings reads the rules of this module: imported here, not at the top.
    from hipkit.log.pain_warnings import logged_warnings

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

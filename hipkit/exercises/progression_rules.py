"""The rules of the workshop plan: how it grows week by week and when a runner moves on.

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

The plan built from them is in :mod:`hipkit.exercises.progression`; the weekly gate in
:mod:`hipkit.exercises.progression_gate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipkit.errors import Problems
from hipkit.exercises.data_files import DataDir, FieldChecker, data_root, read_toml
from hipkit.exercises.loaders import load_exercises
from hipkit.exercises.sources import load_sources

STEPS = ("set", "reps", "band")


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


"""When a logged pain score calls for a warning, and what the warning says.

Pack advice, adapted from the pain-monitoring model of Silbernagel et al. (2007,
``silbernagel2007``; a study of Achilles tendinopathy, not of hip exercise): pain up to
5 out of 10 counted as acceptable there, above 5 not. The limits are data
(``[pain]`` in ``data/progression.toml``):

- **high**: a pain score at or above ``warn_at`` (6 in the pack);
- **rising**: the exercise's pain went up at each of its last ``rising_sessions`` (3)
  sessions with a pain score, this one included (0, 1, 2 rises; 0, 0, 1 and 1, 1, 2 do
  not; a session counts its worst side). One bad day between good ones is not a rise.

The log form (:mod:`hipkit.views.log_form`) still saves such an entry, shows the warning and
writes it in the log's ``pain_warning`` column; the coach's dashboard lists it. For
rows without a written warning (an older log, a spreadsheet) the same rule is worked
out from the pain scores, so the dashboard shows what the form would have said.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_exercises
from hipkit.exercises.progression_rules import ProgressionRules, load_progression
from hipkit.log.columns import PAIN_WARNINGS

#: Where the limit comes from, said with every warning.
ATTRIBUTION = "pack advice adapted from a pain-monitoring model, Silbernagel et al. 2007"


def rose(pains: Sequence[float]) -> bool:
    """Whether a run of pain scores rose at every step (each above the one before).

    Examples
    --------
    >>> rose([0, 1, 2]), rose([1, 1, 2]), rose([0, 0, 1]), rose([3, 1, 4])
    (True, False, False, False)
    """
    values = [float(p) for p in pains]
    return len(values) >= 2 and all(b > a for a, b in zip(values, values[1:], strict=False))


def pain_warning(earlier: Sequence[float], pain: float | None, *,
                 rules: ProgressionRules | None = None,
                 data_dir: DataDir = None) -> str | None:
    """The warning a pain score calls for: ``"high"``, ``"rising"``, ``"high and rising"``.

    Parameters
    ----------
    earlier : sequence of float
        The exercise's pain in its earlier sessions with a pain score, oldest first
        (one value a session: its worst side).
    pain : float or None
        The pain score being logged now (None: not rated, no warning).

    Returns
    -------
    str or None
        One of :data:`hipkit.log.columns.PAIN_WARNINGS`, or None when no warning applies.

    Examples
    --------
    >>> pain_warning([2, 0], 8), pain_warning([1, 2], 3), pain_warning([3, 1], 2)
    ('high', 'rising', None)
    >>> pain_warning([5, 6], 7)
    'high and rising'
    """
    if pain is None or pd.isna(pain):
        return None
    rules = rules or load_progression(data_dir)
    run = [*list(earlier)[-(rules.pain_rising_sessions - 1):], float(pain)]
    high = float(pain) >= rules.pain_warn_at
    rising = len(run) == rules.pain_rising_sessions and rose(run)
    if high and rising:
        return PAIN_WARNINGS[2]
    if high:
        return PAIN_WARNINGS[0]
    return PAIN_WARNINGS[1] if rising else None


def earlier_pain(log: pd.DataFrame, exercise_id: str, before: pd.Timestamp) -> list[float]:
    """The exercise's pain per session (worst side) before a day, oldest first.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"] * 2 + ["2026-03-04"]),
    ...                     "exercise_id": ["single_leg_bridge"] * 3, "pain": [1.0, 2.0, None]})
    >>> earlier_pain(log, "single_leg_bridge", pd.Timestamp("2026-03-06"))
    [2.0]
    """
    rows = log[(log["exercise_id"].astype(str) == exercise_id)
               & (log["date"] < pd.Timestamp(before).normalize())]
    rated = rows.dropna(subset=["pain"])
    daily = rated.groupby(rated["date"].dt.normalize())["pain"].max().sort_index()
    return [float(value) for value in daily]


def warning_text(warning: str, pain: float, exercise: str, earlier: Sequence[float], *,
                 rules: ProgressionRules | None = None, data_dir: DataDir = None) -> str:
    """What the form tells the runner with a warning: what happened and what to do.

    Examples
    --------
    >>> print(warning_text("high", 8, "Single-leg bridge", [1, 2]))  # doctest: +ELLIPSIS
    Pain 8/10 in Single-leg bridge is at or above 6/10. Stop this exercise for today...
    """
    rules = rules or load_progression(data_dir)
    parts = []
    if "high" in warning:
        parts.append(f"Pain {pain:g}/10 in {exercise} is at or above "
                     f"{rules.pain_warn_at}/10.")
    if "rising" in warning:
        run = [*list(earlier)[-(rules.pain_rising_sessions - 1):], float(pain)]
        parts.append(f"Your pain in {exercise} has gone up over your last {len(run)} "
                     f"sessions ({', '.join(f'{p:g}' for p in run)} out of 10).")
    parts.append("Stop this exercise for today, and next time go back to an easier "
                 "dosage. If the pain is still there the next day, or keeps coming back, "
                 f"see a physiotherapist or doctor before you carry on ({ATTRIBUTION}).")
    return " ".join(parts)


def logged_warnings(log: pd.DataFrame, *, since: pd.Timestamp | None = None,
                    by: Sequence[str] = (), rules: ProgressionRules | None = None,
                    data_dir: DataDir = None) -> pd.DataFrame:
    """Every row of a log that carries a pain warning, the written one or the rule's.

    A row's ``pain_warning`` cell is what the form wrote; where the cell is empty (or
    the log has no such column) the rule of :func:`pain_warning` is applied to the
    row's pain score and the exercise's earlier sessions.

    Parameters
    ----------
    log : DataFrame
        One runner's log as :func:`hipkit.log.reading.read_log` returns it, or many
        runners' logs stacked, each told apart by the columns ``by``.
    since : Timestamp, optional
        Only rows on or after this day.
    by : sequence of str
        Columns naming whose log a row belongs to (e.g. ``["runner"]``): sessions are
        compared only within one runner's log.

    Returns
    -------
    pandas.DataFrame
        Columns ``by``, ``date``, ``exercise_id``, ``name``, ``side``, ``pain`` and
        ``pain_warning``, oldest first.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-04",
    ...                                             "2026-03-06"]),
    ...                     "exercise_id": ["single_leg_bridge"] * 3,
    ...                     "side": ["left"] * 3, "pain": [1.0, 2.0, 3.0]})
    >>> logged_warnings(log)[["pain", "pain_warning"]].values.tolist()
    [[3.0, 'rising']]
    """
    by = list(by)
    columns = [*by, "date", "exercise_id", "name", "side", "pain", "pain_warning"]
    day = log["date"].dt.normalize()
    pain = log["pain"].astype("Float64")
    written = (log["pain_warning"].astype(object) if "pain_warning" in log
               else pd.Series(None, index=log.index, dtype=object))
    looked_at = day >= pd.Timestamp(since).normalize() if since is not None else day.notna()
    # Only a pain above 0 can be high or rising: most logs of a club end here, quickly.
    if not ((pain > 0).fillna(False) | written.notna())[looked_at].any():
        return pd.DataFrame({c: pd.Series(dtype=log[c].dtype if c in (*by, "date", "side")
                                          else "Float64" if c == "pain" else "string")
                             for c in columns})
    rules = rules or load_progression(data_dir)
    exercise = log["exercise_id"].astype(str)
    # Each exercise's worst pain per rated day, and the days before it, for every row
    # at once (a club of hundreds of long logs is read on every dashboard).
    keys = [*by, "exercise", "day"]
    rated = pd.DataFrame({**{key: log[key].to_numpy() for key in by},
                          "exercise": exercise.to_numpy(), "day": day.to_numpy(),
                          "pain": pain.to_numpy()}, index=log.index)
    daily = rated.dropna(subset=["pain"]).groupby(keys, observed=True)["pain"].max()
    daily = daily.reset_index().sort_values(keys)
    earlier = [daily.groupby([*by, "exercise"], observed=True)["pain"].shift(k)
               .rename(f"before_{k}") for k in range(1, rules.pain_rising_sessions)]
    steps = pd.concat([daily[keys], *earlier], axis=1)
    ahead = rated.reset_index(names="row").merge(steps, on=keys, how="left")
    ahead = ahead.set_index("row").reindex(log.index)
    # This row's pain above the day before it, that day above the one before, and so on.
    run = [ahead["pain"], *(ahead[f"before_{k}"] for k in range(1, rules.pain_rising_sessions))]
    rising = pd.Series(True, index=log.index)
    for later, sooner in zip(run[:-1], run[1:], strict=True):
        rising &= (later > sooner).fillna(False).astype(bool)
    high = (pain >= rules.pain_warn_at).fillna(False).astype(bool)
    rule = pd.Series(None, index=log.index, dtype=object)
    rule[rising] = PAIN_WARNINGS[1]
    rule[high] = PAIN_WARNINGS[0]
    rule[high & rising] = PAIN_WARNINGS[2]
    warning = written.where(written.notna(), rule)
    keep = warning.notna() & looked_at
    names = load_exercises(data_dir).set_index("exercise_id")["name"].astype(str)
    names.index = names.index.astype(str)
    table = pd.DataFrame({**{key: log[key] for key in by}, "date": log["date"],
                          "exercise_id": exercise,
                          "name": exercise.map(names).fillna(exercise), "side": log["side"],
                          "pain": pain, "pain_warning": warning.astype("string")})[keep]
    return table[columns].sort_values("date", kind="stable").reset_index(drop=True)


def with_pain_warnings(log: pd.DataFrame, *, data_dir: DataDir = None) -> pd.DataFrame:
    """The log with each row's ``pain_warning`` filled in as the form would have written it.

    Used to make the sample logs; a cell that holds a warning already keeps it.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-04"]),
    ...                     "exercise_id": ["single_leg_bridge"] * 2,
    ...                     "side": ["left"] * 2, "pain": [1.0, 6.0]})
    >>> with_pain_warnings(log)["pain_warning"].tolist()
    [nan, 'high']
    """
    warned = logged_warnings(log, data_dir=data_dir)
    column = (log["pain_warning"].astype(object) if "pain_warning" in log
              else pd.Series(None, index=log.index, dtype=object))
    for row in warned.itertuples():
        rows = ((log["date"] == row.date) & (log["exercise_id"].astype(str) == row.exercise_id)
                & (log["side"] == row.side))
        column[rows] = row.pain_warning
    return log.assign(pain_warning=column.astype(pd.CategoricalDtype(PAIN_WARNINGS)))

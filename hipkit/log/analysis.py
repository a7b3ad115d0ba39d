"""Summaries of a training log: volume, consistency, left-right balance, effort and load.

Every function takes the DataFrame :func:`hipkit.log.reading.read_log` returns and
returns a new tidy DataFrame; nothing is read from disk except the exercise library.
Weeks are ISO weeks: they start on Monday and are labelled by that Monday's date.
For a group log, filter one runner's rows first: these summaries treat the rows given
as one person's training.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_exercises


def week_start(dates: pd.Series) -> pd.Series:
    """Return the Monday that starts each date's ISO week.

    Examples
    --------
    >>> week_start(pd.Series(pd.to_datetime(["2026-03-04", "2026-03-08"]))).dt.day.tolist()
    [2, 2]
    """
    days = dates.to_numpy(dtype="datetime64[D]")
    # Day 0 of the epoch, 1 January 1970, was a Thursday: three days after a Monday.
    monday = days - (days.astype(np.int64) + 3) % 7
    monday = np.where(np.isnat(days), np.datetime64("NaT"), monday)
    return pd.Series(monday, index=dates.index, name=dates.name).astype(dates.dtype)


def volume(log: pd.DataFrame, data_dir: DataDir = None) -> pd.Series:
    """Repetitions done in each row: sets x reps x sides.

    ``sides`` is 2 when an exercise done on each side is logged as ``both`` and 1
    otherwise (a row for one side, or an exercise such as the bridge hold that works
    both sides at once). Reps count as the runner logged them.

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.log.reading import read_log
    >>> log = read_log(data_root() / "sample_log.csv")
    >>> int(volume(log.head(1)).iloc[0])  # 3 sets x 10 circles, left side
    30
    """
    exercises = load_exercises(data_dir).set_index("exercise_id")
    # Look the flag up per category code, not per row: a club log has a million rows.
    codes = log["exercise_id"].cat.codes.to_numpy()
    each_side = exercises["each_side"].reindex(log["exercise_id"].cat.categories)
    doubled = np.append(each_side.fillna(False).to_numpy(dtype=bool), False)[codes]
    sides = np.where(doubled & (log["side"] == "both").to_numpy(dtype=bool), 2, 1)
    return (log["sets"] * log["reps"] * sides).astype("Int64").rename("volume")


def weekly_volume(log: pd.DataFrame, data_dir: DataDir = None) -> pd.DataFrame:
    """Volume per ISO week and exercise, with a row (volume 0) for every week in range.

    Returns columns ``week`` (Monday), ``exercise_id`` and ``volume``; weeks with no
    training appear with 0 so a chart shows the gap.

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.log.reading import read_log
    >>> weekly = weekly_volume(read_log(data_root() / "sample_log.csv"))
    >>> weekly.columns.tolist()
    ['week', 'exercise_id', 'volume']
    """
    weeks = week_start(log["date"])
    all_weeks = _all_weeks(weeks)
    id_type = log["exercise_id"].dtype
    count = len(id_type.categories)
    # One flat bin per (week, exercise): a bincount sums a million rows in milliseconds.
    # Counted in numpy days: pandas' Timedelta division costs more than the bincount.
    week_index = ((weeks.to_numpy(dtype="datetime64[D]")
                   - all_weeks[:1].to_numpy(dtype="datetime64[D]")).astype(np.int64) // 7
                  if len(all_weeks) else np.zeros(0, dtype=np.int64))
    bins = week_index * count + log["exercise_id"].cat.codes.to_numpy(dtype=np.int64)
    sums = np.bincount(bins, weights=volume(log, data_dir).to_numpy(dtype=float),
                       minlength=len(all_weeks) * count)
    return pd.DataFrame({
        "week": np.repeat(all_weeks, count),
        "exercise_id": pd.Categorical.from_codes(np.tile(np.arange(count), len(all_weeks)),
                                                 dtype=id_type),
        "volume": sums.astype(np.int64),
    })


def weekly_muscle_volume(log: pd.DataFrame, targets: pd.DataFrame,
                         roles: tuple[str, ...] = ("target",),
                         data_dir: DataDir = None) -> pd.DataFrame:
    """Volume per ISO week and muscle, from an exercise-to-muscle table.

    Each muscle is credited with the full volume of every exercise in which it plays
    one of ``roles``; by default only the muscles an exercise is chosen to work
    (``role == "target"``) count, because synergists and stabilisers work at an
    unmeasured fraction of the effort. A muscle targeted by two exercises gets both.

    Parameters
    ----------
    log : DataFrame
        As returned by :func:`~hipkit.log.reading.read_log`.
    targets : DataFrame
        Columns ``exercise_id``, ``muscle_id`` and ``role`` (as
        ``hipkit.exercises.muscles.load_targets()`` returns).
    roles : tuple of str
        Which roles count.

    Returns
    -------
    pandas.DataFrame
        Columns ``week``, ``muscle_id`` and ``volume``, every week in range.

    Examples
    --------
    >>> targets = pd.DataFrame({"exercise_id": ["single_leg_bridge"],
    ...                         "muscle_id": ["gluteus_maximus"], "role": ["target"]})
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.log.reading import read_log
    >>> weekly = weekly_muscle_volume(read_log(data_root() / "sample_log.csv"), targets)
    >>> weekly["muscle_id"].unique().tolist()
    ['gluteus_maximus']
    """
    chosen = targets.loc[targets["role"].astype(str).isin(roles), ["exercise_id", "muscle_id"]]
    chosen = chosen.astype({"exercise_id": str, "muscle_id": str})
    weekly = weekly_volume(log, data_dir).astype({"exercise_id": str})
    merged = weekly.merge(chosen, on="exercise_id", how="inner")
    table = merged.groupby(["week", "muscle_id"])["volume"].sum().reset_index()
    return table.astype({"volume": "int64"})


def sessions_per_week(log: pd.DataFrame) -> pd.DataFrame:
    """Training days per ISO week (a day with any logged exercise is one session).

    Returns columns ``week`` and ``sessions``, with 0 for weeks without training.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-02",
    ...                                             "2026-03-18"])})
    >>> sessions_per_week(log)["sessions"].tolist()
    [1, 0, 1]
    """
    days = pd.Series(log["date"].dt.normalize().unique())
    counts = week_start(days).value_counts()
    weeks = _all_weeks(week_start(days))
    return pd.DataFrame({"week": weeks,
                         "sessions": counts.reindex(weeks, fill_value=0).to_numpy("int64")})


def streaks(log: pd.DataFrame, min_sessions: int = 1) -> pd.Series:
    """Longest and latest run of consecutive ISO weeks with ``min_sessions`` or more.

    ``latest`` is the run that includes the last week of the log (0 if that week fell
    short), so it does not depend on today's date.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(
    ...     ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-30"])})
    >>> streaks(log).to_dict()
    {'longest': 3, 'latest': 1}
    """
    weekly = sessions_per_week(log)
    hit = (weekly["sessions"] >= min_sessions).to_numpy()
    runs, run = [], 0
    for week_hit in hit:
        run = run + 1 if week_hit else 0
        runs.append(run)
    return pd.Series({"longest": max(runs, default=0), "latest": runs[-1] if runs else 0})


def side_balance(log: pd.DataFrame, data_dir: DataDir = None) -> pd.DataFrame:
    """Left and right volume per exercise done on each side, and the left share.

    A row logged as ``both`` adds its sets x reps to each side. ``left_share`` is
    left / (left + right): 0.5 is even, above 0.5 means more work on the left.

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.log.reading import read_log
    >>> balance = side_balance(read_log(data_root() / "sample_log.csv"))
    >>> balance.columns.tolist()
    ['exercise_id', 'left', 'right', 'left_share']
    """
    exercises = load_exercises(data_dir)
    sided = exercises.loc[exercises["each_side"], "exercise_id"]
    rows = log[log["exercise_id"].isin(sided)]
    per_side = rows["sets"] * rows["reps"]
    left = per_side.where(rows["side"].isin(["left", "both"]), 0)
    right = per_side.where(rows["side"].isin(["right", "both"]), 0)
    table = pd.DataFrame({"exercise_id": rows["exercise_id"], "left": left, "right": right})
    table = table.groupby("exercise_id", observed=True)[["left", "right"]].sum()
    table = table.astype("int64").reset_index()
    table["left_share"] = table["left"] / (table["left"] + table["right"])
    return table


def effort_trend(log: pd.DataFrame) -> pd.DataFrame:
    """Effort and pain per training day.

    ``rpe`` is the mean of the day's logged efforts and ``pain`` the highest pain
    logged that day (the worst moment matters for deciding whether to progress).
    Days where nothing was rated are missing, not zero.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"] * 2),
    ...                     "rpe": [4.0, 6.0], "pain": [1.0, 3.0]})
    >>> day = effort_trend(log).loc[0]
    >>> float(day["rpe"]), float(day["pain"])
    (5.0, 3.0)
    """
    day = log["date"].dt.normalize().rename("date")
    grouped = log.groupby(day)
    return pd.DataFrame({"rpe": grouped["rpe"].mean(), "pain": grouped["pain"].max()}
                        ).astype("Float64").reset_index()


def hold_trend(log: pd.DataFrame) -> pd.DataFrame:
    """The longest hold of each training day, per exercise and side (``hold_s``).

    ``hold_s`` is the time each side was held, in seconds, for an exercise done as a
    hold such as the glute-switch bridge hold. Rows without a hold time are left out,
    never counted as 0; a log without the column gives an empty table.

    Returns columns ``date``, ``exercise_id``, ``side`` and ``hold_s`` (Float64).

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"] * 3 + ["2026-03-04"]),
    ...                     "exercise_id": ["glute_switch_bridge_hold"] * 4,
    ...                     "side": ["both"] * 4, "hold_s": [20.0, 30.0, None, 35.0]})
    >>> hold_trend(log)["hold_s"].tolist()
    [30.0, 35.0]
    """
    columns = ["date", "exercise_id", "side", "hold_s"]
    if "hold_s" not in log:
        return pd.DataFrame({c: pd.Series(dtype="Float64" if c == "hold_s" else object)
                             for c in columns})
    held = log.loc[log["hold_s"].notna(), columns].copy()
    held["date"] = held["date"].dt.normalize()
    table = held.groupby(["date", "exercise_id", "side"], observed=True, sort=True)["hold_s"]
    return table.max().astype("Float64").reset_index()


def session_load(log: pd.DataFrame) -> pd.DataFrame:
    """Session-RPE load per training day (Foster et al. 2001): effort x minutes.

    Foster's method takes one effort rating (0-10) for the whole session and multiplies
    it by the session's minutes. A log row holds one exercise, so the day's load is the
    sum of effort x minutes over its rows: when every row of the session carries the
    same session rating, as the form writes it, this is exactly Foster's load; when the
    rows differ, it weights each rating by its minutes. A day with any row lacking
    effort or minutes has a missing load, never a guessed one.

    Returns columns ``date``, ``minutes``, ``rpe`` (minute-weighted) and ``load``.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"] * 2),
    ...                     "rpe": [5.0, 5.0], "duration_min": [10.0, 8.0]})
    >>> session_load(log)["load"].tolist()
    [90.0]
    """
    day = log["date"].dt.normalize().rename("date")
    parts = pd.DataFrame({"minutes": log["duration_min"],
                          "load": log["rpe"] * log["duration_min"]})
    # min_count: a sum over a day with a missing part stays missing instead of shrinking.
    counts = parts["load"].isna().groupby(day).sum()
    table = parts.groupby(day).sum()
    table.loc[counts > 0, ["load"]] = np.nan
    table["rpe"] = table["load"] / table["minutes"]
    return table[["minutes", "rpe", "load"]].astype("Float64").reset_index()


def weekly_load(log: pd.DataFrame) -> pd.DataFrame:
    """Weekly session-RPE load, monotony and strain (Foster et al. 2001).

    - ``load``: the sum of the week's daily loads (:func:`session_load`);
    - ``monotony``: mean daily load / standard deviation of daily load over the seven
      days of the ISO week. Rest days count as a load of 0, as in Foster's daily-load
      method; the standard deviation is the sample one (n - 1, a spreadsheet's STDEV).
      It is missing when every day had the same load (the ratio is undefined);
    - ``strain``: monotony x weekly load.

    A week holding a day whose load is missing has all three missing.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-04"]),
    ...                     "rpe": [5.0, 6.0], "duration_min": [20.0, 20.0]})
    >>> weekly_load(log).loc[0, ["load", "monotony"]].astype(float).round(2).tolist()
    [220.0, 0.58]
    """
    daily = session_load(log).set_index("date")["load"]
    if daily.empty:
        return pd.DataFrame({"week": pd.Series(dtype="datetime64[ns]"),
                             **{c: pd.Series(dtype="Float64")
                                for c in ("load", "monotony", "strain")}})
    first = week_start(pd.Series([daily.index.min()]))[0]
    last = week_start(pd.Series([daily.index.max()]))[0] + pd.Timedelta(days=6)
    days = daily.reindex(pd.date_range(first, last, freq="D"), fill_value=0)
    values = days.to_numpy(dtype=float, na_value=np.nan).reshape(-1, 7)
    load = values.sum(axis=1)
    spread = values.std(axis=1, ddof=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        monotony = np.where(spread > 0, values.mean(axis=1) / spread, np.nan)
    return pd.DataFrame({"week": days.index[::7], "load": load, "monotony": monotony,
                         "strain": monotony * load}).astype(
        {"load": "Float64", "monotony": "Float64", "strain": "Float64"})


def _all_weeks(weeks: pd.Series) -> pd.DatetimeIndex:
    if weeks.empty:
        return pd.DatetimeIndex([], name="week")
    return pd.date_range(weeks.min(), weeks.max(), freq="7D", name="week")

"""Charts of a training log, each drawn on one matplotlib Axes.

Every function takes the log from :func:`hipkit.log.reading.read_log`, draws on ``ax``
(a new figure when it is ``None``) and returns the Axes. Colours come from the
Okabe-Ito palette, which stays distinct for colour-blind readers, and the bars carry
hatching so they read in greyscale too. Dates are written day first with the month in
letters ("3 Mar"), which no locale misreads; weeks start on Monday.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_exercises
from hipkit.log.analysis import (
    effort_trend,
    hold_trend,
    side_balance,
    volume,
    week_start,
    weekly_load,
    weekly_volume,
)
from hipkit.palette import BLACK, CALENDAR_COLOURS, OKABE_ITO, WHITE

#: Okabe & Ito's colour-blind-safe palette, in the order the exercises are taught.
PALETTE = OKABE_ITO
HATCHES = ("", "//", "..", "xx", "\\\\", "--")
# Light to dark blue-green: rest days stay pale, hard days dark, in colour or grey.
_CALENDAR_COLOURS = CALENDAR_COLOURS
_WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def day_month(date: pd.Timestamp) -> str:
    """Format a date as "3 Mar" (no leading zero, month in letters).

    Examples
    --------
    >>> day_month(pd.Timestamp("2026-03-03"))
    '3 Mar'
    """
    return f"{date.day} {date:%b}"


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _names(data_dir: DataDir) -> dict[str, str]:
    exercises = load_exercises(data_dir)
    return dict(zip(exercises["exercise_id"], exercises["name"], strict=True))


def plot_calendar(log: pd.DataFrame, start: str | pd.Timestamp | None = None,
                  end: str | pd.Timestamp | None = None, *, ax: Axes | None = None,
                  data_dir: DataDir = None) -> Axes:
    """Calendar heatmap of training days: weeks as columns, Monday to Sunday as rows.

    A day's shade is its volume (sets x reps x sides, all exercises), in five steps from
    rest (palest) to the heaviest day; days outside ``start``-``end`` are blank. A whole
    year fits one figure; the month names mark the week in which each month begins.

    Parameters
    ----------
    log : DataFrame
        The training log.
    start, end : date-like, optional
        First and last day shown (default: the log's first and last day).
    ax : matplotlib Axes, optional
        Where to draw.

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.log.reading import read_log
    >>> ax = plot_calendar(read_log(data_root() / "sample_log.csv"))
    >>> ax.images[0].get_array().shape[0]
    7
    """
    ax = _axes(ax, (11, 2.6))
    days = log["date"].dt.normalize()
    start = pd.Timestamp(start) if start is not None else days.min()
    end = pd.Timestamp(end) if end is not None else days.max()
    daily = volume(log, data_dir).groupby(days).sum()
    first = start - pd.Timedelta(days=start.day_of_week)
    span = pd.date_range(first, end + pd.Timedelta(days=6 - end.day_of_week), freq="D")
    values = daily.reindex(span, fill_value=0).to_numpy(dtype=float, na_value=0)
    top = values.max() if values.max() > 0 else 1
    # Five steps: rest, then four equal slices of the heaviest day's volume.
    level = np.where(values > 0, 1 + np.minimum(3, (values / top * 4).astype(int)), 0)
    grid = np.ma.masked_array(level, mask=(span < start) | (span > end))
    ax.imshow(grid.reshape(-1, 7).T, cmap=ListedColormap(_CALENDAR_COLOURS), vmin=0, vmax=4,
              aspect="equal", interpolation="nearest")
    # Each month is named above the week column that holds its first day.
    months = pd.date_range(start.to_period("M").to_timestamp(), end, freq="MS")
    months = months[months >= start].insert(0, start) if start.day != 1 else months
    ax.set_xticks([(month - first).days // 7 for month in months],
                  [f"{month:%b}" for month in months])
    ax.set_yticks(range(7), _WEEKDAYS)
    ax.tick_params(length=0)
    ax.set_frame_on(False)
    title = f"Training days, {day_month(start)} {start.year} to {day_month(end)} {end.year}"
    ax.set_title(title + " (darker = more volume)", loc="left")
    return ax


def plot_weekly_volume(log: pd.DataFrame, *, ax: Axes | None = None,
                       data_dir: DataDir = None) -> Axes:
    """Stacked bars of weekly volume (sets x reps x sides), one colour per exercise.

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.log.reading import read_log
    >>> ax = plot_weekly_volume(read_log(data_root() / "sample_log.csv"))
    >>> len(ax.containers)
    4
    """
    ax = _axes(ax, (9, 4))
    table = weekly_volume(log, data_dir).pivot(index="week", columns="exercise_id",
                                               values="volume")
    names = _names(data_dir)
    x = np.arange(len(table))
    bottom = np.zeros(len(table))
    for n, exercise_id in enumerate(table.columns):
        heights = table[exercise_id].to_numpy(dtype=float)
        ax.bar(x, heights, bottom=bottom, color=PALETTE[n % len(PALETTE)],
               hatch=HATCHES[n % len(HATCHES)], edgecolor=WHITE, linewidth=0.5,
               label=names[exercise_id])
        bottom += heights
    ax.set_xticks(x, [day_month(week) for week in table.index])
    ax.set_xlabel("Week starting (Monday)")
    ax.set_ylabel("Repetitions (sets x reps x sides)")
    ax.set_title("Weekly volume by exercise", loc="left")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_side_balance(log: pd.DataFrame, *, ax: Axes | None = None,
                      data_dir: DataDir = None) -> Axes:
    """Left and right volume per exercise as bars growing out from the middle.

    Each bar is labelled with its repetitions; the left share is written on the right.

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.log.reading import read_log
    >>> ax = plot_side_balance(read_log(data_root() / "sample_log.csv"))
    >>> len(ax.patches)
    6
    """
    ax = _axes(ax, (8, 3))
    balance = side_balance(log, data_dir).iloc[::-1]
    names = _names(data_dir)
    y = np.arange(len(balance))
    left = ax.barh(y, -balance["left"], color=PALETTE[0], label="Left")
    right = ax.barh(y, balance["right"], color=PALETTE[1], hatch="//", edgecolor=WHITE,
                    label="Right")
    ax.bar_label(left, labels=[f"{v:,}" for v in balance["left"]], padding=3)
    ax.bar_label(right, labels=[f"{v:,}" for v in balance["right"]], padding=3)
    ax.set_yticks(y, [names[e] for e in balance["exercise_id"]])
    widest = max(balance[["left", "right"]].to_numpy().max(), 1) * 1.35
    ax.set_xlim(-widest, widest)
    ax.set_xticks([])
    for row, share in zip(y, balance["left_share"], strict=True):
        ax.annotate(f"{share:.0%} left", (1, row), xycoords=("axes fraction", "data"),
                    xytext=(6, 0), textcoords="offset points", va="center")
    ax.axvline(0, color=BLACK, linewidth=0.8)
    ax.set_title("Left-right balance (total repetitions per side)", loc="left")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, 0), ncols=2)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    return ax


def plot_effort(log: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Effort (RPE) and pain on the 0-10 scales, one point per training day.

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.log.reading import read_log
    >>> ax = plot_effort(read_log(data_root() / "sample_log.csv"))
    >>> [line.get_label() for line in ax.get_lines()]
    ['Effort (RPE)', 'Pain']
    """
    ax = _axes(ax, (9, 3.5))
    trend = effort_trend(log)
    dates = trend["date"]
    ax.plot(dates, trend["rpe"].astype(float), marker="o", color=PALETTE[0],
            label="Effort (RPE)")
    ax.plot(dates, trend["pain"].astype(float), marker="s", linestyle="--", color=PALETTE[5],
            label="Pain")
    ax.set_ylim(0, 10)
    ax.set_ylabel("Score (0-10)")
    weeks = pd.date_range(week_start(dates).min(), dates.max(), freq="7D") if len(dates) \
        else []
    ax.set_xticks(weeks, [day_month(week) for week in weeks])
    ax.set_title("Effort and pain per training day", loc="left")
    ax.legend(frameon=False, ncols=2, loc="upper right")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_weekly_load(log: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Weekly session-RPE load as bars, each labelled with its monotony.

    Load, monotony and their product, strain, follow Foster et al. (2001); see
    :func:`hipkit.log.analysis.weekly_load` for how rest days count.

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.log.reading import read_log
    >>> ax = plot_weekly_load(read_log(data_root() / "sample_log.csv"))
    >>> len(ax.patches)
    9
    """
    ax = _axes(ax, (9, 3.5))
    weekly = weekly_load(log)
    x = np.arange(len(weekly))
    bars = ax.bar(x, weekly["load"].astype(float).fillna(0), color=PALETTE[2],
                  label="Weekly load")
    labels = ["no rating" if pd.isna(load) else
              ("-" if pd.isna(mono) else f"{mono:.1f}")
              for load, mono in zip(weekly["load"], weekly["monotony"], strict=True)]
    ax.bar_label(bars, labels=labels, padding=2, fontsize="small")
    ax.set_xticks(x, [day_month(week) for week in weekly["week"]])
    ax.set_xlabel("Week starting (Monday); number on a bar = monotony")
    ax.set_ylabel("Load (RPE x minutes)")
    ax.set_title("Weekly session-RPE load (Foster et al. 2001)", loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_holds(log: pd.DataFrame, *, ax: Axes | None = None, data_dir: DataDir = None) -> Axes:
    """Hold time per side (``hold_s``) per training day, one line per exercise and side.

    Only exercises done as a hold, with a hold time logged, are drawn; a log without
    any says so on the Axes instead of drawing an empty chart.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-04"]),
    ...                     "exercise_id": ["glute_switch_bridge_hold"] * 2,
    ...                     "side": ["both"] * 2, "hold_s": [30.0, 35.0]})
    >>> ax = plot_holds(log)
    >>> [line.get_label() for line in ax.get_lines()]
    ['Glute-switch bridge hold (both)']
    """
    ax = _axes(ax, (9, 3.5))
    holds = hold_trend(log)
    names = _names(data_dir)
    ax.set_title("Hold time per side", loc="left")
    ax.set_ylabel("Seconds held (per side)")
    ax.spines[["top", "right"]].set_visible(False)
    if holds.empty:
        ax.text(0.5, 0.5, "No hold times logged yet (column hold_s)", ha="center",
                va="center", transform=ax.transAxes, parse_math=False)
        ax.set_xticks([])
        return ax
    groups = holds.groupby(["exercise_id", "side"], observed=True, sort=False)
    for n, ((exercise_id, side), rows) in enumerate(groups):
        ax.plot(rows["date"], rows["hold_s"].astype(float), marker="o",
                color=PALETTE[n % len(PALETTE)], label=f"{names.get(exercise_id, exercise_id)} "
                f"({side})")
    ax.set_ylim(bottom=0)
    dates = holds["date"]
    weeks = pd.date_range(week_start(dates).min(), dates.max(), freq="7D")
    ax.set_xticks(weeks, [day_month(week) for week in weeks])
    legend = ax.legend(frameon=False, loc="lower right")
    # Exercise names come from a coach's files: never read a "$" in them as math.
    for text in legend.get_texts():
        text.set_parse_math(False)
    return ax

"""The coach's view of a group: adherence heatmap, weekly totals, flag table, safe export.

Charts are Axes-level (``ax=None`` in, the Axes out). Runner names and notes are user
text: the HTML table escapes them, and the CSV export writes formula-like cells with a
leading apostrophe (:func:`hipkit.log.reading.neutralise`) so a spreadsheet shows them
instead of running them.
"""

from __future__ import annotations

import csv
import html
import io
import math
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from hipkit.log.pain_warnings import logged_warnings
from hipkit.log.reading import neutralise
from hipkit.log.writing import write_atomic
from hipkit.palette import (
    ADHERENCE_CMAP,
    HEATMAP_DARK_INK,
    HEATMAP_LIGHT_INK,
    OKABE_BLUE,
    OKABE_VERMILION,
    WHITE,
)
from hipkit.views.log_plots import day_month

#: Sequential, colour-blind safe and monotone in grey: pale = little done, dark = all done.
HEATMAP_CMAP = ADHERENCE_CMAP
_FLAG_LABELS = {"not_logging": "not logging", "pain_rising": "pain rising"}
#: A pain warning stays on the dashboard for this many days (two weeks of sessions).
PAIN_WARNING_DAYS = 14
#: Up to this many runners and plan weeks, each heatmap cell prints its %.
_LABELLED_RUNNERS, _LABELLED_WEEKS = 40, 26
_SMALL_NAMES = 6.5  # points: runner names on rows 0.15 inch high


def plot_adherence_heatmap(table: pd.DataFrame, order: list[str] | None = None, *,
                           ax: Axes | None = None) -> Axes:
    """Sessions done as a share of those planned, per runner (rows) and plan week.

    Parameters
    ----------
    table : DataFrame
        The long table of :func:`hipkit.coach.group.group_adherence`.
    order : list of str, optional
        Runners from top to bottom, e.g. the ``runner`` column of
        :func:`hipkit.coach.group.group_flags` (furthest behind first). Default: by name.

    Examples
    --------
    >>> table = pd.DataFrame({"runner": ["Ana", "Ana", "Ben"], "week": [1, 2, 1],
    ...                       "sessions_pct": [100.0, 66.7, 33.3]})
    >>> ax = plot_adherence_heatmap(table)
    >>> [t.get_text() for t in ax.texts]
    ['100%', '67%', '33%', '']
    """
    grid = table.pivot(index="runner", columns="week", values="sessions_pct")
    grid = grid.reindex(order if order is not None else sorted(grid.index))
    runners, weeks = grid.shape
    names = [_short(str(name)) for name in grid.index]
    # A cell shows its % while it is big enough to read. A club of hundreds over a year
    # or more gets thin rows and the colour alone, laid out by hand: measuring hundreds
    # of labels for an automatic layout would take longer than drawing them.
    labelled = runners <= _LABELLED_RUNNERS
    week_width = 0.75 if weeks <= _LABELLED_WEEKS else 14 / weeks
    if ax is None and labelled:
        _, ax = plt.subplots(figsize=(1.2 + week_width * weeks, 0.9 + 0.4 * runners),
                             layout="constrained")
    elif ax is None:
        left = 0.3 + max(map(len, names)) * 0.6 * _SMALL_NAMES / 72
        width, height = left + week_width * weeks + 1.6, 1.3 + 0.15 * runners
        ax = plt.figure(figsize=(width, height)).add_axes(
            (left / width, 0.6 / height, week_width * weeks / width, 1 - 1.3 / height))
    values = grid.to_numpy(dtype=float)
    # Above 100% (an extra session) looks the same as 100%: the plan was kept.
    image = ax.imshow(np.clip(values, 0, 100), cmap=HEATMAP_CMAP, vmin=0, vmax=100,
                      aspect="auto", interpolation="nearest")
    if labelled and weeks <= _LABELLED_WEEKS:
        for (row, col), value in np.ndenumerate(values):
            label = "" if np.isnan(value) else f"{value:.0f}%"
            ink = HEATMAP_DARK_INK if not np.isnan(value) and value >= 60 else HEATMAP_LIGHT_INK
            ax.text(col, row, label, ha="center", va="center", fontsize=8, color=ink)
    every = max(1, math.ceil(weeks / 26))
    ax.set_xticks(range(0, weeks, every), [str(w) for w in grid.columns[::every]])
    ax.set_xlabel("plan week")
    # Runner names are user text: a "$" in a name is a dollar sign, never mathtext.
    ax.set_yticks(range(runners), names, fontsize=9 if labelled else _SMALL_NAMES,
                  parse_math=False)
    ax.tick_params(length=0)
    ax.set_title("Sessions done as % of sessions planned")
    ax.figure.colorbar(image, ax=ax, label="% of planned sessions", shrink=0.8)
    return ax


def _short(name: str, limit: int = 32) -> str:
    """A runner's name as a row label: a very long one is cut, with an ellipsis."""
    return name if len(name) <= limit else name[:limit - 1] + "…"


def plot_group_totals(totals: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The group's sessions per plan week: done (bars) against planned (line).

    Takes :func:`hipkit.coach.group.group_weekly_totals`.

    Examples
    --------
    >>> totals = pd.DataFrame({"week": [1, 2], "week_start": pd.to_datetime(
    ...     ["2026-02-02", "2026-02-09"]), "planned_sessions": [33, 33],
    ...     "done_sessions": [30, 25], "sessions_pct": [90.9, 75.8]})
    >>> [round(p.get_height()) for p in plot_group_totals(totals).patches]
    [30, 25]
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.2), layout="constrained")
    ax.bar(totals["week"], totals["done_sessions"], color=OKABE_BLUE, hatch="//",
           edgecolor=WHITE, label="sessions done")
    ax.plot(totals["week"], totals["planned_sessions"], color=OKABE_VERMILION, marker="o",
            label="sessions planned")
    for week, done, share in zip(totals["week"], totals["done_sessions"],
                                 totals["sessions_pct"], strict=True):
        ax.annotate(f"{share:.0f}%", (week, done), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8)
    ax.set_xticks(totals["week"], [f"Week {w}\n{day_month(d)}" for w, d in
                                   zip(totals["week"], totals["week_start"], strict=True)])
    ax.set_ylabel("sessions (whole group)")
    # Head room above the planned line for the legend, clear of the bars.
    ax.set_ylim(0, max(totals["planned_sessions"].max(), totals["done_sessions"].max()) * 1.4)
    ax.set_title("Group sessions per week")
    ax.legend(loc="upper right", ncols=2, frameon=False)
    return ax


def pain_warning_flags(logs: dict[str, pd.DataFrame], as_of: object, *,
                       days: int = PAIN_WARNING_DAYS) -> dict[str, str]:
    """Each runner's latest pain warning of the last ``days`` days, as the flag reads.

    The warning is the one the log form wrote, or the same rule worked out from the
    pain score where none was written (:func:`hipkit.log.pain_warnings.logged_warnings`).
    All logs are read in one pass, so a club of hundreds costs about one long log.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-04"]),
    ...     "exercise_id": ["single_leg_bridge"] * 2, "side": ["left"] * 2,
    ...     "pain": [1.0, 8.0], "pain_warning": [None, "high"]})
    >>> pain_warning_flags({"Jo": log, "Max": log.assign(pain=0.0, pain_warning=None)},
    ...                    "2026-03-06")
    {'Jo': 'pain warning 4 Mar: high (Single-leg bridge, 8/10)', 'Max': ''}
    """
    today = pd.Timestamp(as_of).normalize()
    flags = dict.fromkeys(logs, "")
    columns = ["date", "exercise_id", "side", "pain", "pain_warning"]
    parts = [log.reindex(columns=columns).assign(runner_number=number)
             for number, log in enumerate(logs.values()) if len(log)]
    if not parts:
        return flags
    stacked = pd.concat(parts, ignore_index=True)
    found = logged_warnings(stacked, since=today - pd.Timedelta(days=days - 1),
                            by=["runner_number"])
    found = found[found["date"] <= today]
    names = list(logs)
    for number, mine in found.groupby("runner_number"):
        day = mine["date"].dt.normalize()
        latest = mine[day == day.max()]
        worst = latest.loc[latest["pain"].idxmax()]
        exercises = latest["name"].nunique()
        what = f"{worst['name']}," if exercises == 1 else f"{exercises} exercises, worst"
        text = (f"pain warning {day_month(worst['date'])}: {worst['pain_warning']} "
                f"({what} {worst['pain']:g}/10)")
        others = day.nunique() - 1
        flags[names[number]] = text + (f"; warnings on {others} more day(s)" if others else "")
    return flags


def flags_html(flags: pd.DataFrame, problems: dict[str, str] | None = None) -> str:
    """The flag table (and unreadable files) as an HTML table, every text escaped.

    Examples
    --------
    >>> flags = pd.DataFrame({"runner": ["<b>Jo</b>"], "sessions_pct": [50.0],
    ...     "behind": [3], "days_since": [9], "not_logging": [True],
    ...     "pain_rising": [False], "side_skipped": [""], "notes": ["a & b"]})
    >>> "&lt;b&gt;Jo&lt;/b&gt;" in flags_html(flags) and "a &amp; b" in flags_html(flags)
    True
    """
    header = ["Runner", "Sessions done", "Behind", "Days since last log", "Flags", "Latest note"]
    rows = []
    for row in flags.itertuples():
        raised = [label for column, label in _FLAG_LABELS.items() if getattr(row, column)]
        if row.side_skipped:
            raised.append(f"skips {row.side_skipped} side")
        # The dashboard adds the pain warnings; a bare flag table has none.
        if getattr(row, "pain_warning", ""):
            raised.append(row.pain_warning)
        days = "never" if pd.isna(row.days_since) else str(row.days_since)
        note = "" if pd.isna(row.notes) else str(row.notes)
        cells = [row.runner, f"{row.sessions_pct:.0f}%", str(row.behind), days,
                 ", ".join(raised), note]
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
                    + "</tr>")
    parts = ['<table class="hipkit-flags">',
             "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>",
             *rows, "</table>"]
    for name, message in (problems or {}).items():
        parts.append(f"<p><b>Could not read {html.escape(name)}:</b></p>"
                     f"<pre>{html.escape(message)}</pre>")
    return "\n".join(parts)


def export_csv(table: pd.DataFrame, path: str | Path) -> None:
    """Write a table to a UTF-8 CSV that is safe to open in a spreadsheet.

    Text cells starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return get a
    leading apostrophe (:func:`hipkit.log.reading.neutralise`), so a runner's name or
    note cannot run as a formula. Numbers are written as numbers (a negative number is
    not text and stays one). The file is replaced atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "flags.csv"
    >>> export_csv(pd.DataFrame({"runner": ["=HYPERLINK(1)"], "behind": [-1]}), out)
    >>> out.read_text().splitlines()
    ['"runner","behind"', '"\\'=HYPERLINK(1)",-1']
    """
    buffer = io.StringIO()
    # Quote every text cell: a lone carriage return inside a cell stays inside it.
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([neutralise(str(c)) for c in table.columns])
    for row in table.astype(object).itertuples(index=False):
        writer.writerow([_cell(value) for value in row])
    write_atomic(Path(path), buffer.getvalue().encode("utf-8"))


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, int | float | np.integer | np.floating):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return neutralise(str(value))

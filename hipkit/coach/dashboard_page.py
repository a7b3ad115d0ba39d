"""The group's dashboard as one HTML page, charts inside it, written whole or not at all.

:func:`write_dashboard` turns a folder of runners' logs into one HTML page (charts
inside it, every name and note escaped) that opens in any browser; it is also
``python -m hipkit dashboard``. :class:`Dashboard` holds one report date's flags and
charts; :func:`plan_start` is the plan's first day for a group.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from hipkit.coach.group import (
    Group,
    group_adherence,
    group_flags,
    group_weekly_totals,
    load_group,
)
from hipkit.log.writing import write_atomic
from hipkit.palette import TABLE_BORDER


def plan_start(group: Group) -> dt.date:
    """The Monday of the first week anyone in the group logged (the plan's first day).

    Examples
    --------
    >>> logs = {"Jo": pd.DataFrame({"date": pd.to_datetime(["2026-02-04", "2026-02-11"])})}
    >>> plan_start(Group(logs=logs))
    datetime.date(2026, 2, 2)
    """
    dates = [log["date"].min() for log in group.logs.values() if len(log)]
    if not dates:
        raise ValueError(f"no runner's log holds an entry yet ({len(group.logs)} read, all "
                         "empty): the plan starts on the first day anyone logged")
    first = min(dates)
    return (first - pd.Timedelta(days=first.weekday())).date()


class Dashboard:
    """A group's dashboard for one report date: flags, charts as PNG, problems."""

    def __init__(self, group: Group, plan: pd.DataFrame, as_of: dt.date):
        from hipkit.coach.dashboard import (
            pain_warning_flags,
            plot_adherence_heatmap,
            plot_group_totals,
        )

        self.group, self.plan, self.as_of = group, plan, as_of
        table = group_adherence(group, plan, as_of=as_of)
        self.flags = group_flags(group, plan, as_of=as_of)
        self.flags["pain_warning"] = self.flags["runner"].map(
            pain_warning_flags(group.logs, as_of))
        self.heatmap_png = _png(lambda ax: plot_adherence_heatmap(
            table, self.flags["runner"].tolist(), ax=ax),
            size=(1.2 + 0.75 * table["week"].nunique(), 1.2 + 0.4 * len(self.flags)))
        self.totals_png = _png(lambda ax: plot_group_totals(group_weekly_totals(table), ax=ax),
                               size=(7, 3.2))

    def flags_html(self) -> str:
        from hipkit.coach.dashboard import flags_html

        return flags_html(self.flags, self.group.problems)

    def page(self, title: str) -> str:
        """The dashboard as a whole HTML page, charts inside it."""
        start = self.plan["date"].min()
        return "\n".join([
            "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{html.escape(title)}</title>",
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;}"
            "table{border-collapse:collapse}td,th{border:1px solid "
            f"{TABLE_BORDER};padding:.3em .6em;"
            "text-align:left}img{max-width:100%}pre{white-space:pre-wrap}</style></head><body>",
            f"<h1>{html.escape(title)}</h1>",
            f"<p>Report date {self.as_of:%d %b %Y}; plan started {start:%d %b %Y}; "
            f"{len(self.group.logs)} runners loaded, {len(self.group.problems)} file(s) "
            "could not be read.</p>",
            "<h2>Sessions done, runner by runner</h2>",
            _img(self.heatmap_png, "Heatmap of sessions done as a share of sessions "
                 "planned, one row per runner, the furthest behind at the top"),
            "<h2>The whole group, week by week</h2>",
            _img(self.totals_png, "Bars of the group's sessions done each week against "
                 "a line of sessions planned"),
            "<h2>Who needs a word</h2>", self.flags_html(), "</body></html>"])


def write_dashboard(folder: str | Path, out: str | Path, *, as_of: dt.date,
                    start: dt.date | None = None) -> Dashboard:
    """Read every log in ``folder`` and write the group's dashboard page to ``out``.

    ``start`` is the plan's first day (default: :func:`plan_start`).
    """
    from hipkit.exercises.progression import build_plan

    group = load_group(folder, as_of=as_of)
    if not group.logs:
        raise ValueError(f"no runner's log could be read in {folder}")
    dashboard = Dashboard(group, build_plan(start or plan_start(group)), as_of)
    title = f"Hip-strength group: {Path(folder).name}"
    write_atomic(Path(out), dashboard.page(title).encode("utf-8"))
    return dashboard


def _png(draw: Callable, size: tuple[float, float]) -> bytes:
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, layout="constrained")
    draw(figure.subplots())
    picture = io.BytesIO()
    figure.savefig(picture, format="png", dpi=110)
    return picture.getvalue()


def _img(png: bytes, alt: str) -> str:
    return (f'<img alt="{html.escape(alt)}" '
            f'src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">')

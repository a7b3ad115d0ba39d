"""The coach app's plan-ahead view: one runner's logged load, then the plan's weeks.

:class:`PlanAhead` holds what the coach chose (the logs folder, the runs folder, the
report date, the runner) and does the work: it pairs each runner's log with their run
export (:func:`hipkit.runs.running_weeks.pair_group_runs`), projects the group's plan onto the
runner's session-RPE curve (:mod:`hipkit.runs.plan_projection`) and writes the sessions still
ahead as an ``.ics`` calendar to hand to the runner (:mod:`hipkit.runs.plan_calendar`).
:class:`PlanAheadView` is its ipywidgets form, shown below the dashboard in
``notebooks/coach_app.ipynb``. It reads the folders itself, so it works beside the
dashboard without sharing its state.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd

from hipkit import settings
from hipkit.coach.app import GROUP_FOLDER
from hipkit.coach.dashboard_page import _png, plan_start
from hipkit.coach.group import load_group
from hipkit.coach.handout_files import download_link
from hipkit.errors import DataFileError
from hipkit.exercises.progression import build_plan
from hipkit.runs.fitness_model import fitness_fatigue
from hipkit.runs.plan_calendar import write_plan_ics
from hipkit.runs.plan_projection import planned_sessions, project_load
from hipkit.runs.running_weeks import pair_group_runs
from hipkit.runs.training_load import not_scored_line, session_loads

#: Where the runners' run exports live under the coach's hipkit folder, one per runner.
RUNS_FOLDER = "group_runs"
#: Where the runners' calendars go: ``calendars/<report date>/<log file name>.ics``.
CALENDAR_FOLDER = "calendars"


class PlanAhead:
    """One runner's plan ahead, for the coach.

    Parameters
    ----------
    logs_folder, runs_folder : path, optional
        The group's logs (default ``group_logs``) and their run exports, one folder per
        runner named like the log file (default ``group_runs``), under
        :func:`hipkit.settings.home`.
    as_of : date, optional
        The report date (default: :func:`hipkit.settings.today`): the plan's sessions
        after it are ahead.
    minutes_per_rep : float, optional
        For logs without durations; default: each runner's own, from their log
        (:func:`hipkit.runs.plan_projection.planned_sessions`).
    """

    def __init__(self, logs_folder: str | Path | None = None,
                 runs_folder: str | Path | None = None, *, as_of: dt.date | None = None,
                 minutes_per_rep: float | None = None):
        self.logs_folder = Path(logs_folder) if logs_folder is not None else \
            settings.home() / GROUP_FOLDER
        self.runs_folder = Path(runs_folder) if runs_folder is not None else \
            settings.home() / RUNS_FOLDER
        self.as_of = as_of or settings.today()
        self.minutes_per_rep = minutes_per_rep
        self.pairs: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}
        self.files: dict[str, str] = {}
        self.start: dt.date | None = None
        self.png: bytes | None = None
        self.calendar: Path | None = None
        self.message = ""

    def load(self) -> bool:
        """Pair each runner's log with their runs; return whether anyone has both."""
        self.pairs, self.png, self.calendar = {}, None, None
        logs, runs = Path(self.logs_folder).expanduser(), Path(self.runs_folder).expanduser()
        for folder, what in ((logs, "logs"), (runs, "run exports")):
            if not folder.is_dir():
                self.message = f"There is no folder {folder}: type the folder of the {what}."
                return False
        group = load_group(logs, as_of=self.as_of)
        pairs, problems = pair_group_runs(group, runs, today=self.as_of)
        self.pairs, self.files = pairs, dict(group.files)
        self.start = plan_start(group) if group.logs else None
        unread = f" {len(problems)} export(s) could not be read." if problems else ""
        if not pairs:
            self.message = (f"No runner has both a log in {logs} and a run export in "
                            f"{runs} (a folder named like the log file).{unread}")
            return False
        self.message = (f"{len(pairs)} of {len(group.logs)} runners have runs to show."
                        + unread)
        return True

    def show(self, runner: str) -> bool:
        """Project the group's plan onto ``runner``'s curve and write their calendar."""
        from hipkit.views.run_plots import plot_projection

        if runner not in self.pairs:
            self.message = f"No runs and log for {runner!r}: load the folders first."
            return False
        runs, log = self.pairs[runner]
        plan = build_plan(self.start, runner=runner)
        try:
            ahead = planned_sessions(plan, log, minutes_per_rep=self.minutes_per_rep)
        except ValueError as error:
            self.message = (f"{runner}: {error}. Enter the minutes per repetition "
                            "(a session's minutes over its repetitions).")
            return False
        as_of = pd.Timestamp(self.as_of)
        sessions = session_loads(runs, log)
        sessions = sessions[pd.to_datetime(sessions["date"]) <= as_of]
        table = project_load(sessions, ahead, as_of=as_of)
        model = fitness_fatigue(table["load"], unscored=table["unscored"])
        self.png = _png(lambda ax: plot_projection(table, model, ax=ax), (9, 4.2))
        left = plan[pd.to_datetime(plan["date"]) > as_of]
        self.calendar = None
        if len(left):
            folder = settings.home() / CALENDAR_FOLDER / f"{self.as_of:%Y-%m-%d}"
            folder.mkdir(parents=True, exist_ok=True)
            self.calendar = write_plan_ics(
                left, folder / f"{Path(self.files[runner]).stem}.ics",
                minutes=ahead.set_index("session")["minutes"])
        sessions_left = left["session"].nunique()
        self.message = " ".join([
            f"{runner}: {sessions_left} planned session(s) after {self.as_of:%d %b %Y}.",
            *(f"Planned {line}." for line in ahead.attrs["assumptions"]),
            not_scored_line(sessions)])
        return True


class PlanAheadView:
    """The coach's form: choose the folders, pick a runner, see the plan ahead."""

    def __init__(self, plan_ahead: PlanAhead | None = None):
        import ipywidgets as widgets

        self.plan_ahead = plan_ahead or PlanAhead()
        wide = {"layout": widgets.Layout(width="48%"),
                "style": {"description_width": "initial"}}
        self.logs = widgets.Text(value=str(self.plan_ahead.logs_folder),
                                 description="Group's logs", **wide)
        self.runs = widgets.Text(value=str(self.plan_ahead.runs_folder),
                                 description="Run exports", **wide)
        self.as_of = widgets.DatePicker(value=self.plan_ahead.as_of, description="Report date",
                                        style={"description_width": "initial"})
        self.minutes_per_rep = widgets.BoundedFloatText(
            value=self.plan_ahead.minutes_per_rep or 0.0, min=0.0, max=5.0, step=0.01,
            description="Minutes per repetition (0: from each log)",
            layout=widgets.Layout(width="380px"), style={"description_width": "initial"})
        self.find_button = widgets.Button(description="Find runners with runs",
                                          layout=widgets.Layout(width="auto"))
        self.runner = widgets.Dropdown(options=[], description="Runner", disabled=True)
        self.show_button = widgets.Button(description="Show the plan ahead",
                                          button_style="primary", disabled=True)
        self.status = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(display="none"))
        self.download = widgets.HTML()
        self.find_button.on_click(lambda _: self.find())
        self.show_button.on_click(lambda _: self.show())
        self.widget = widgets.VBox([
            widgets.HBox([self.logs, self.runs]),
            widgets.HBox([self.as_of, self.minutes_per_rep]),
            widgets.HBox([self.find_button, self.runner, self.show_button]), self.status,
            self.download, self.chart])

    def _repr_mimebundle_(self, **kwargs) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = "Plan ahead: pick a runner to see the plan on their load curve"
        return bundle

    def _say(self, text: str) -> None:
        self.status.value = f'<p role="status">{html.escape(text)}</p>'

    def find(self) -> None:
        """Read the folders typed for the date chosen and list the runners with runs."""
        state = self.plan_ahead
        state.logs_folder = Path(self.logs.value.strip()).expanduser()
        state.runs_folder = Path(self.runs.value.strip()).expanduser()
        state.as_of = self.as_of.value or settings.today()
        try:
            found = state.load()
        except DataFileError as error:
            found, state.message = False, str(error)
        self._say(state.message)
        self.runner.options = sorted(state.pairs)
        self.runner.disabled = self.show_button.disabled = not found
        self.chart.layout.display = "none"
        self.download.value = ""

    def show(self) -> None:
        """Draw the chosen runner's plan ahead and offer their calendar."""
        state = self.plan_ahead
        state.minutes_per_rep = self.minutes_per_rep.value or None
        self.show_button.disabled = True
        try:
            shown = state.show(self.runner.value)
        finally:
            self.show_button.disabled = False
        self._say(state.message)
        self.chart.layout.display = None if shown else "none"
        if shown:
            self.chart.value = state.png
            self.chart.layout.width = f"{int.from_bytes(state.png[16:20], 'big')}px"
            self.chart.layout.max_width = "100%"
        self.download.value = (
            f"<p>Calendar for {html.escape(self.runner.value)}: "
            f"{download_link(state.calendar)}</p>" if shown and state.calendar else "")

"""A notebook form for recording one exercise of a session.

:class:`LogForm` holds the values and does the work (check, save, tell listeners);
tests drive it directly. :class:`LogFormView` is a thin ipywidgets layer over it: each
widget writes its value into the form, and after a save the view shows each error next
to its field (HTML-escaped, since a note may hold any text).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from hipkit.errors import DataFileError
from hipkit.library import DataDir, load_exercises
from hipkit.log_columns import LogColumn, form_columns
from hipkit.log_writer import append_entries

#: Fields of the form, in the order they are shown; each is a column of the log
#: declared in :mod:`hipkit.log_columns` with a ``widget``.
FIELDS = tuple(column.name for column in form_columns())


class LogForm:
    """The state of the form: one entry's values, the last errors and the last message.

    Parameters
    ----------
    path : str or Path
        The CSV log the form appends to.
    today : datetime.date, optional
        The form's default date and the latest date accepted (default: today).

    Examples
    --------
    >>> import tempfile, pathlib, datetime
    >>> form = LogForm(pathlib.Path(tempfile.mkdtemp()) / "log.csv",
    ...                today=datetime.date(2026, 3, 2))
    >>> form.values["reps"] = 0
    >>> form.save(), form.errors["reps"]
    (False, 'must be a whole number of 1 or more (got 0)')
    >>> form.values["reps"] = 15
    >>> form.save(), form.message
    (True, 'Saved: Side-lying hip circles, both, 3 x 15 on 2 Mar 2026.')
    """

    def __init__(self, path: str | Path, *, today: dt.date | None = None,
                 data_dir: DataDir = None):
        self.path = Path(path)
        self.today = today or dt.date.today()
        self.data_dir = data_dir
        self.exercises = load_exercises(data_dir)
        first = self.exercises.iloc[0]
        self.values: dict[str, object] = {
            "date": self.today, "exercise": str(first["exercise_id"]), "side": "both",
            "sets": int(first["sets"]) if pd.notna(first["sets"]) else 1,
            "reps": int(first["reps"]), "band": None, "rpe": None, "pain": None,
            "duration_min": "", "notes": "", "runner": "",
        }
        self.errors: dict[str, str] = {}
        self.message = ""
        self.saved = 0
        self._listeners: list[Callable[[LogForm], None]] = []

    def on_save(self, callback: Callable[[LogForm], None]) -> None:
        """Call ``callback(form)`` after every successful save (e.g. to redraw charts)."""
        self._listeners.append(callback)

    def entry(self) -> dict[str, object]:
        """The values as a log entry: empty texts become empty cells."""
        return {key: (None if value == "" else value) for key, value in self.values.items()}

    def save(self) -> bool:
        """Check the entry and append it to the log; return whether it was saved."""
        try:
            saved = append_entries(self.path, [self.entry()], today=self.today,
                                   data_dir=self.data_dir)
        except DataFileError as error:
            self.errors = {}
            for problem in error.problems:
                field = "exercise" if problem.field == "exercise_id" else problem.field
                text = problem.message + (f" (got {problem.value})"
                                          if problem.value is not None else "")
                shown = {column.name for column in form_columns()}
                self.errors.setdefault(field if field in shown else "form", text)
            self.message = "Not saved: please fix the fields marked in red."
            return False
        self.errors = {}
        self.saved += 1
        row = saved.iloc[0]
        name = self.exercises.set_index("exercise_id").loc[row["exercise_id"], "name"]
        self.message = (f"Saved: {name}, {row['side']}, {row['sets']} x {row['reps']} "
                        f"on {row['date'].day} {row['date']:%b %Y}.")
        for callback in self._listeners:
            callback(self)
        return True


class LogFormView:
    """ipywidgets view of a :class:`LogForm`; ``view.widget`` is what a notebook shows.

    Examples
    --------
    >>> import tempfile, pathlib, datetime
    >>> form = LogForm(pathlib.Path(tempfile.mkdtemp()) / "log.csv",
    ...                today=datetime.date(2026, 3, 2))
    >>> view = LogFormView(form)
    >>> view.inputs["reps"].value = 12
    >>> view.save_button.click()
    >>> form.saved, view.status.value
    (1, 'Saved: Side-lying hip circles, both, 3 x 12 on 2 Mar 2026.')
    """

    def __init__(self, form: LogForm):
        self.form = form
        names = list(zip(form.exercises["name"], form.exercises["exercise_id"].astype(str),
                         strict=True))
        # Every field comes from the column declaration: a new column with a widget
        # shows up here with no change to this class.
        columns = form_columns()
        self.inputs: dict[str, widgets.ValueWidget] = {
            column.name: _input(column, names) for column in columns}
        for column in columns:
            widget = self.inputs[column.name]
            widget.value = form.values.setdefault(column.name, _blank(column))
            widget.observe(self._copier(column.name), names="value")
        self.error_labels = {column.name: widgets.HTML() for column in columns}
        self.save_button = widgets.Button(description="Save entry", button_style="primary")
        self.save_button.on_click(lambda _: self.save())
        self.status = widgets.HTML()
        rows = [widgets.HBox([self.inputs[c.name], self.error_labels[c.name]])
                for c in columns]
        self.widget = widgets.VBox([*rows, widgets.HBox([self.save_button, self.status])])

    def _copier(self, field: str) -> Callable[[dict], None]:
        def copy(change: dict) -> None:
            self.form.values[field] = change["new"]
        return copy

    def save(self) -> None:
        """Save through the form, then show its errors and message."""
        self.form.save()
        for field, label in self.error_labels.items():
            error = self.form.errors.get(field)
            label.value = ("" if error is None else
                           f'<span style="color:#b00020">{html.escape(error)}</span>')
        self.status.value = html.escape(self.form.message)


def _input(column: LogColumn, exercises: list[tuple[str, str]]) -> widgets.ValueWidget:
    """The input widget the declaration asks for, captioned with the column's label."""
    label = {"description": column.label or column.name}
    kind = column.widget
    if kind == "date":
        return widgets.DatePicker(**label)
    if kind == "exercise":
        return widgets.Dropdown(options=exercises, **label)
    if kind == "toggle":
        return widgets.ToggleButtons(options=list(column.choices), **label)
    if kind == "dropdown":
        blank = f"no {(column.label or column.name).lower()}"
        return widgets.Dropdown(options=[(blank, None), *((c, c) for c in column.choices)],
                                **label)
    if kind == "scale":
        scale = range(int(column.low), int(column.high) + 1)
        return widgets.Dropdown(options=[("not rated", None), *((str(n), n) for n in scale)],
                                **label)
    if kind == "whole":
        return widgets.IntText(**label)
    if kind == "textarea":
        return widgets.Textarea(**label)
    return widgets.Text(placeholder=column.placeholder, **label)


def _blank(column: LogColumn) -> object:
    """What a field holds before the runner fills it in (an empty cell once saved)."""
    if column.widget in ("dropdown", "scale"):
        return None
    if column.widget == "toggle":
        return column.choices[-1]
    if column.widget == "whole":
        return int(column.low or 1)
    return ""

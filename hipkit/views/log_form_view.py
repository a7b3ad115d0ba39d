"""The log form's ipywidgets view: a thin layer over :class:`hipkit.views.log_form.LogForm`.

Each widget writes its value into the form, and after a save the view shows each error
next to its field (HTML-escaped, since a note may hold any text), the form's message,
and a pain warning in a box that stands out. Every field's widget comes from the log's
column declaration (:mod:`hipkit.log.columns`).
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable

import ipywidgets as widgets

from hipkit.errors import DataFileError
from hipkit.log.columns import LogColumn, form_columns
from hipkit.log.reading import read_log
from hipkit.palette import ALERT_BORDER, ALERT_FILL, ALERT_INK, ERROR_INK
from hipkit.views.log_form import LogForm


class LogFormView:
    """ipywidgets view of a :class:`LogForm`; ``view.widget`` is what a notebook shows.

    With ``chart=True`` the view also shows the log's weekly volume, redrawn after each
    save and undo. The chart is a picture (an ``Image`` widget), not an ``Output``
    widget: output captured into an ``Output`` widget while a notebook executes
    makes nbclient write to the kernel's shell socket while it waits there for the
    cell's reply, and that reply can then go unnoticed, hanging the run (issue 17).

    Examples
    --------
    >>> import tempfile, pathlib, datetime
    >>> form = LogForm(pathlib.Path(tempfile.mkdtemp()) / "log.csv",
    ...                today=datetime.date(2026, 3, 2))
    >>> view = LogFormView(form)
    >>> view.inputs["reps"].value = 12
    >>> view.save_button.click()
    >>> form.saved, form.message
    (1, 'Saved: Side-lying hip circles, both, 3 x 12 on 2 Mar 2026.')
    >>> view.save_button.click()  # the second click of a double click only asks
    >>> form.saved, form.confirming
    (1, True)
    """

    def __init__(self, form: LogForm, *, chart: bool = False):
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
            _never_blank(widget)
            widget.observe(self._copier(column.name), names="value")
        self.error_labels = {column.name: widgets.HTML() for column in columns}
        self.path_input = widgets.Text(value=str(form.path), description="Log file",
                                       continuous_update=False,
                                       layout=widgets.Layout(width="60%"))
        self.path_input.observe(self._change_path, names="value")
        self.save_button = widgets.Button(description="Save entry", button_style="primary")
        self.save_button.on_click(lambda _: self.save())
        self.confirm_button = widgets.Button(description="Yes, save it",
                                             button_style="warning",
                                             layout=widgets.Layout(display="none"))
        self.confirm_button.on_click(lambda _: self.confirm())
        self.undo_button = widgets.Button(description="Undo last entry", disabled=True)
        self.undo_button.on_click(lambda _: self.undo())
        self.status = widgets.HTML()
        #: The pain warning of the last save, in a box that stands out.
        self.warning = widgets.HTML(layout=widgets.Layout(display="none"))
        rows = [widgets.HBox([self.inputs[c.name], self.error_labels[c.name]])
                for c in columns]
        buttons = widgets.HBox([self.save_button, self.confirm_button, self.undo_button])
        self.chart = widgets.Image(format="png", layout=widgets.Layout(display="none"))
        if chart:
            form.on_save(lambda _: self._draw_chart())
            self._draw_chart()
        self.widget = widgets.VBox([self.path_input, *rows, buttons, self.status,
                                    self.warning, self.chart])
        self._show()

    def _draw_chart(self) -> None:
        """Draw the log's weekly volume into :attr:`chart` (hidden while the log is empty)."""
        from matplotlib.figure import Figure

        from hipkit.views.log_plots import plot_weekly_volume

        try:
            log = read_log(self.form.path, today=self.form.today, data_dir=self.form.data_dir)
        except (DataFileError, OSError):
            log = None
        if log is None or log.empty:
            self.chart.layout.display = "none"
            return
        figure = Figure(figsize=(8, 3.2))
        plot_weekly_volume(log, ax=figure.subplots(), data_dir=self.form.data_dir)
        picture = io.BytesIO()
        figure.savefig(picture, format="png", dpi=100, bbox_inches="tight")
        self.chart.value = picture.getvalue()
        self.chart.layout.display = None

    def _repr_mimebundle_(self, **kwargs) -> dict:
        # A notebook opened before it runs shows the text form, never a widget repr.
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"Training log form, saving to {self.form.path.name}"
        return bundle

    def _copier(self, field: str) -> Callable[[dict], None]:
        def copy(change: dict) -> None:
            if not self._showing:
                self.form.values[field] = _from_widget(change["owner"], change["new"])
        return copy

    def _change_path(self, change: dict) -> None:
        self.form.path = change["new"].strip()
        self._show()

    def save(self) -> None:
        """Save through the form (the button is off meanwhile), then show the result."""
        self.save_button.disabled = True
        try:
            self.form.save()
        finally:
            # The kernel may handle a double click's two clicks at once: whichever ends
            # last sees whether a save is still running, so Save never stays off.
            self.save_button.disabled = self.form.saving
        self._show()

    def confirm(self) -> None:
        """Save the repeated entry the form asked about."""
        self.confirm_button.disabled = True
        try:
            self.form.confirm()
        finally:
            self.confirm_button.disabled = False
        self._show()

    def undo(self) -> None:
        """Undo the form's last save."""
        self.form.undo()
        self._show()

    _showing = False

    def _show(self) -> None:
        """Show the form's values, errors, message and which buttons apply."""
        self._showing = True
        try:
            for field, widget in self.inputs.items():
                value = _to_widget(widget, self.form.values[field])
                _offer(widget, value)
                widget.value = value
        finally:
            self._showing = False
        for field, label in self.error_labels.items():
            error = self.form.errors.get(field)
            label.value = ("" if error is None else
                           f'<span style="color:{ERROR_INK}">{html.escape(error)}</span>')
        self.path_input.value = str(self.form.path)
        self.confirm_button.layout.display = None if self.form.confirming else "none"
        self.undo_button.disabled = not self.form.can_undo
        self.status.value = (f'<span role="status">{html.escape(self.form.message)}</span>'
                             if self.form.message else "")
        self.warning.layout.display = None if self.form.warning else "none"
        self.warning.value = (
            f'<div role="alert" style="border-left:6px solid {ALERT_BORDER};'
            f'background:{ALERT_FILL};color:{ALERT_INK};padding:.5em .8em;max-width:48em;'
            'line-height:1.4">'
            f"<b>Pain warning.</b> {html.escape(self.form.warning)}</div>"
            if self.form.warning else "")


def _never_blank(widget: widgets.ValueWidget) -> None:
    """Give a dropdown's "none" choice a real value: a Dropdown whose value is None
    shows an empty box instead of the choice's label."""
    if isinstance(widget, widgets.Dropdown) and None in [v for _, v in widget.options]:
        widget.options = [(label, _NONE if value is None else value)
                          for label, value in widget.options]


def _offer(widget: widgets.ValueWidget, value: object) -> None:
    """Add a value the form holds but a choice widget does not list (a pain of 7.5, a
    band or exercise typed in code) as one more choice, so the view shows the form's
    value (the save then says what is wrong with it) instead of raising TraitError."""
    if not isinstance(widget, widgets.Dropdown | widgets.ToggleButtons):
        return
    options = [o if isinstance(o, tuple) else (str(o), o) for o in widget.options]
    if value not in [choice for _, choice in options]:
        widget.options = [*options, (f"{value} (not a choice)", value)]


#: What a dropdown holds for "no band" / "not rated"; the form stores None.
_NONE = ""


def _to_widget(widget: widgets.ValueWidget, value: object) -> object:
    return _NONE if value is None and isinstance(widget, widgets.Dropdown) else value


def _from_widget(widget: widgets.ValueWidget, value: object) -> object:
    return None if value == _NONE and isinstance(widget, widgets.Dropdown) else value


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

"""A notebook form's state for recording one exercise of a session in the runner's own log.

:class:`LogForm` holds the values and does the work (check, save, undo, tell
listeners); tests drive it directly. Its ipywidgets view, which shows each error next to
its field, is :class:`hipkit.views.log_form_view.LogFormView`.

By default the form writes to the runner's own log (:func:`hipkit.settings.my_log_path`)
and dates entries today (:func:`hipkit.settings.today`), so what a runner saves in a
lesson is still there after a restart. A save that repeats the entry just saved (a
double click, or the same exercise typed twice) asks first; the last entry can be
undone while it is still the last row of the file.

A pain score at or above the pack's limit, or rising over the exercise's last sessions
(:mod:`hipkit.log.pain_warnings`), is still saved, but the form shows a warning that says
what to do and writes it in the log's ``pain_warning`` column, where the coach's
dashboard finds it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from filelock import FileLock

from hipkit import settings
from hipkit.errors import DataFileError
from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_exercises
from hipkit.log.columns import LogColumn, form_columns
from hipkit.log.pain_warnings import earlier_pain, pain_warning, warning_text
from hipkit.log.reading import read_log
from hipkit.log.writing import append_entries, write_atomic

#: Fields of the form, in the order they are shown; each is a column of the log
#: declared in :mod:`hipkit.log.columns` with a ``widget``.
FIELDS = tuple(column.name for column in form_columns())


class LogForm:
    """The state of the form: one entry's values, the last errors and the last message.

    Parameters
    ----------
    path : str or Path, optional
        The CSV log the form appends to (default: the runner's own log,
        :func:`hipkit.settings.my_log_path`). Its folder is created on the first save.
    today : datetime.date, optional
        The form's default date and the latest date accepted
        (default: :func:`hipkit.settings.today`).

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
    >>> form.undo(), form.message
    (True, 'Undone: Side-lying hip circles, both, 3 x 15 on 2 Mar 2026 is no longer in your log.')
    >>> form.values["pain"] = 8
    >>> form.save(), form.warning.split(". ")[0]
    (True, 'Pain 8/10 in Standing banded hip abduction is at or above 6/10')
    """

    def __init__(self, path: str | Path | None = None, *, today: dt.date | None = None,
                 data_dir: DataDir = None):
        self._path = Path(path) if path is not None else settings.my_log_path()
        self.today = today or settings.today()
        self.data_dir = data_dir
        self.exercises = load_exercises(data_dir)
        first = self.exercises.iloc[0]
        self.values: dict[str, object] = {
            "date": self.today, "exercise": str(first["exercise_id"]), "side": "both",
            "sets": _default_sets(first), "reps": int(first["reps"]), "band": None,
            "rpe": None, "pain": None, "duration_min": "", "notes": "", "runner": "",
        }
        for column in form_columns():  # a newly declared column starts blank too
            self.values.setdefault(column.name, _blank(column))
        self.errors: dict[str, str] = {}
        self.message = ""
        #: The pain warning of the last save ("" when none): what happened, what to do.
        self.warning = ""
        self.saved = 0
        #: True while the form waits for :meth:`confirm` to save a repeated entry.
        self.confirming = False
        self._last_entry: dict[str, object] | None = None
        self._last_row: pd.Series | None = None
        self._cleared: dict[str, object] | None = None
        self._listeners: list[Callable[[LogForm], None]] = []
        self._saving = threading.Lock()
        self.message = self.summary()

    @property
    def path(self) -> Path:
        """The log file; setting another file forgets what :meth:`undo` could undo."""
        return self._path

    @path.setter
    def path(self, path: str | Path) -> None:
        self._path = Path(path).expanduser()
        self._last_entry = self._last_row = self._cleared = None
        self.confirming = False
        self.message = self.summary()

    @property
    def saving(self) -> bool:
        """True while a save is being written (a second click then writes nothing)."""
        return self._saving.locked()

    @property
    def can_undo(self) -> bool:
        """Whether the last save can still be undone by this form."""
        return self._last_row is not None

    def summary(self) -> str:
        """What the log holds: how many entries, and the last one."""
        if not self.path.exists():
            return f"Your log {self.path.name} is new: nothing is saved in it yet."
        try:
            log = read_log(self.path, today=self.today, data_dir=self.data_dir)
        except (DataFileError, OSError) as error:
            return f"Your log {self.path.name} could not be read: {error}"
        if log.empty:
            return f"Your log {self.path.name} has no entries yet."
        entries = "1 entry" if len(log) == 1 else f"{len(log)} entries"
        return (f"Your log {self.path.name} holds {entries}; the last: "
                f"{self._describe(log.iloc[-1])}.")

    def on_save(self, callback: Callable[[LogForm], None]) -> None:
        """Call ``callback(form)`` after every successful save or undo (e.g. to redraw)."""
        self._listeners.append(callback)

    def entry(self) -> dict[str, object]:
        """The values as a log entry: empty texts become empty cells."""
        return {key: (None if value == "" else value) for key, value in self.values.items()}

    def is_repeat(self) -> bool:
        """Whether saving now would repeat the last save: the same entry again, or the
        form untouched since it was cleared (the second click of a double click)."""
        if self._last_entry is None:
            return False
        return self.entry() == self._last_entry or self.values == self._cleared

    def save(self, *, confirm: bool = False) -> bool:
        """Check the entry and append it to the log; return whether it was saved.

        A repeat of the last save (:meth:`is_repeat`) is not written unless
        ``confirm`` is true: the form sets :attr:`confirming` and asks instead. After
        a save the form is cleared for the next exercise (:meth:`clear`). A save asked
        for while another is still running (a kernel may handle two clicks at once)
        writes nothing.
        """
        if not self._saving.acquire(blocking=False):
            self.message = "Still saving the entry before: nothing else was saved."
            return False
        try:
            return self._save(confirm)
        finally:
            self._saving.release()

    def _save(self, confirm: bool) -> bool:
        if self.is_repeat() and not confirm:
            self.confirming = True
            self.errors = {}
            last = self._describe(self._last_row)
            self.message = (f"You just saved this entry: {last}. Save it again?"
                            if self.entry() == self._last_entry else
                            f"Nothing changed since you saved {last}. Save "
                            f"{self._describe(self._values_row())} too?"
                            ) + " Press “Yes, save it”, or change a field first."
            return False
        self.confirming = False
        entry = self.entry()
        warning, text = self._pain_warning(entry)
        try:
            if self.path.parent == settings.home():
                # The pack's own folder is made on the first save; any other folder is
                # the runner's to make (a path typed with a typo must not become one).
                self.path.parent.mkdir(parents=True, exist_ok=True)
            saved, written = self._append(entry, warning)
        except DataFileError as error:
            self.errors, about_the_file = {}, []
            shown = {column.name for column in form_columns()}
            for problem in error.problems:
                field = "exercise" if problem.field == "exercise_id" else problem.field
                text = problem.message + (f" (got {problem.value})"
                                          if problem.value is not None else "")
                if field in shown:
                    self.errors.setdefault(field, text)
                else:  # no field to mark: the log file itself (a missing folder, ...)
                    about_the_file.append(f"{problem.file}: {text}")
            marked = "please fix the fields marked in red"
            self.message = "Not saved: " + ("; ".join(about_the_file) if about_the_file
                                            else marked + ".")
            if about_the_file and self.errors:
                self.message += f"; also {marked}."
            return False
        except OSError as error:
            self.errors = {}
            self.message = f"Not saved: cannot write {self.path} ({error.strerror or error})."
            return False
        self.errors = {}
        self.saved += 1
        self._last_entry, self._last_row = entry, saved.iloc[0]
        self.message = f"Saved: {self._describe(self._last_row)}."
        self.warning = text
        if warning and not written:
            self.warning += (f" (Your log {self.path.name} has no pain_warning column, so "
                             "this warning is not written in it; the coach's dashboard "
                             "still works it out from your pain score.)")
        self.clear()
        self._tell()
        return True

    def _pain_warning(self, entry: dict[str, object]) -> tuple[str | None, str]:
        """The pain warning the entry calls for (:func:`hipkit.log.pain_warnings.pain_warning`)
        and its text; earlier sessions come from the log (none if it cannot be read)."""
        pain = entry.get("pain")
        if pain is None:
            return None, ""
        try:
            log = (read_log(self.path, today=self.today, data_dir=self.data_dir)
                   if self.path.exists() else None)
        except (DataFileError, OSError):
            log = None  # the save itself then reports what is wrong with the file
        exercise = str(entry["exercise"])
        earlier = ([] if log is None or log.empty else
                   earlier_pain(log, exercise, pd.Timestamp(entry["date"])))
        try:
            warning = pain_warning(earlier, float(pain), data_dir=self.data_dir)
        except (TypeError, ValueError):
            return None, ""  # not a number: the save refuses it with the field's message
        if warning is None:
            return None, ""
        names = self.exercises.set_index("exercise_id")["name"]
        name = str(names.get(exercise, exercise))
        return warning, warning_text(warning, float(pain), name, earlier,
                                     data_dir=self.data_dir)

    def _append(self, entry: dict[str, object], warning: str | None) -> tuple[pd.DataFrame, bool]:
        """Append the entry with its warning; return the rows saved and whether the
        warning was written. A log made before the ``pain_warning`` column existed
        gets the entry without it: losing the entry would be worse."""
        if warning is None:
            return append_entries(self.path, [entry], today=self.today,
                                  data_dir=self.data_dir), False
        try:
            return append_entries(self.path, [{**entry, "pain_warning": warning}],
                                  today=self.today, data_dir=self.data_dir), True
        except DataFileError as error:
            if any(problem.field != "pain_warning" for problem in error.problems):
                raise
        return append_entries(self.path, [entry], today=self.today,
                              data_dir=self.data_dir), False

    def confirm(self) -> bool:
        """Save the entry the form asked about (see :meth:`save`)."""
        return self.save(confirm=True)

    def clear(self) -> None:
        """Ready the form for the next exercise: after a left side comes the same
        exercise's right side; otherwise the next exercise with its first-week dosage.
        Date, runner, band and effort stay; pain, minutes and notes are emptied."""
        ids = self.exercises["exercise_id"].astype(str).tolist()
        current = str(self.values["exercise"])
        if self.values["side"] == "left":
            self.values["side"] = "right"
        else:
            position = ids.index(current) if current in ids else -1
            following = self.exercises.iloc[(position + 1) % len(ids)]
            self.values.update(exercise=str(following["exercise_id"]),
                               sets=_default_sets(following), reps=int(following["reps"]),
                               side="left" if self.values["side"] == "right" else "both")
        self.values.update(pain=None, duration_min="", notes="")
        self._cleared = dict(self.values)

    def undo(self) -> bool:
        """Remove the entry this form saved last, if it is still the log's last row.

        The check and the removal happen under the writer's lock, and the file is
        replaced whole (:func:`hipkit.log.writing.write_atomic`), so an entry another
        notebook appended meanwhile is never removed.
        """
        if self._last_row is None:
            self.message = "Nothing to undo: no entry was saved from this form since it opened."
            return False
        with FileLock(str(self.path) + ".lock"):
            try:
                log = read_log(self.path, today=self.today, data_dir=self.data_dir)
                data = self.path.read_bytes()
            except (DataFileError, OSError) as error:
                self.message = f"Not undone: cannot read {self.path.name} ({error})."
                return False
            last = log.iloc[-1] if len(log) else None
            if last is None or not _same_row(last, self._last_row):
                self.message = ("Not undone: your last entry is no longer the last row of "
                                f"{self.path.name} (something was written after it).")
                return False
            write_atomic(self.path, _without_last_record(data))
        self.message = f"Undone: {self._describe(self._last_row)} is no longer in your log."
        self.warning = ""
        self._last_entry = self._last_row = self._cleared = None
        self.confirming = False
        self._tell()
        return True

    def _values_row(self) -> pd.Series:
        return pd.Series({"exercise_id": self.values["exercise"],
                          "date": pd.Timestamp(self.values["date"]),
                          **{key: self.values[key] for key in ("side", "sets", "reps")}})

    def _describe(self, row: pd.Series) -> str:
        name = self.exercises.set_index("exercise_id").loc[row["exercise_id"], "name"]
        return (f"{name}, {row['side']}, {row['sets']} x {row['reps']} "
                f"on {row['date'].day} {row['date']:%b %Y}")

    def _tell(self) -> None:
        for callback in self._listeners:
            callback(self)


def _default_sets(exercise: pd.Series) -> int:
    return int(exercise["sets"]) if pd.notna(exercise["sets"]) else 1


def _same_row(read: pd.Series, saved: pd.Series) -> bool:
    """Whether a row read back from the log holds the values of an entry saved."""
    for column, value in saved.items():
        if column not in read.index:
            continue
        other = read[column]
        if pd.isna(value) or pd.isna(other):
            if not (pd.isna(value) and pd.isna(other)):
                return False
        elif str(other) != str(value):
            return False
    return True


def _without_last_record(data: bytes) -> bytes:
    """The CSV bytes without their last record; a line break inside quotes is no record
    end. ``"`` and line breaks are single bytes in every encoding a log may use."""
    body = data.rstrip(b"\r\n")
    quotes = 0
    cut = -1
    for position, byte in enumerate(body):
        if byte == ord('"'):
            quotes += 1
        elif byte == ord("\n") and quotes % 2 == 0:
            cut = position
    return data[:cut + 1] if cut >= 0 else data


def _blank(column: LogColumn) -> object:
    """What a field holds before the runner fills it in (an empty cell once saved)."""
    if column.widget in ("dropdown", "scale"):
        return None
    if column.widget == "toggle":
        return column.choices[-1]
    if column.widget == "whole":
        return int(column.low or 1)
    return ""

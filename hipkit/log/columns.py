"""The one declaration of a training log's columns.

:data:`LOG_COLUMNS` lists every column hipkit knows, in the order it writes them, with
what a cell may hold, whether the column must be in the file, the help text of
``data/log_format.md`` and the widget the notebook form shows for it. The reader
(:mod:`hipkit.log.reading`), the writer (:mod:`hipkit.log.writing`), the form
(:mod:`hipkit.views.log_form`), the format page's column table (:func:`markdown_table`) and
the template all read this table, so adding a column is adding one row here.

Code that uses the declaration calls :func:`log_columns` at run time rather than
copying the tuple at import, so a test (or a coach's own copy) can extend it.

Columns a runner adds of their own (``weather``, ``shoes``) are not declared: the reader
keeps them as text and the writer carries them along unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The kinds of cell a column may hold, and what the reader makes of each.
KINDS = {
    "date": "a day (datetime64)",
    "name": "a person's name (category, spaces tidied)",
    "exercise": "an exercise name or id (ordered category, lesson order)",
    "choice": "one of a fixed list (category)",
    "whole": "a whole number (Int64)",
    "number": "a number (Float64)",
    "text": "free text, kept as written (string)",
}
#: Widgets the form can build for a column (see :mod:`hipkit.views.log_form_view`).
WIDGETS = ("date", "exercise", "toggle", "dropdown", "whole", "scale", "text", "textarea")
#: Counts above this are a typo (an extra digit or a pasted number), not training:
#: the guard keeps them from overflowing 64-bit integers and the weekly sums.
MOST_COUNTED = 10_000


@dataclass(frozen=True)
class LogColumn:
    """One column of the log.

    ``low``/``high`` bound a number (``low_open``: the bound itself is refused);
    ``choices`` lists the allowed values of a ``choice`` column. ``message`` is what
    the reader says of a bad cell, ``too_large`` what it says of a number above
    ``high`` when that needs other words (default: ``message``), ``help`` the "what to
    write" text of the format
    page. ``widget`` is the form's input for the column (``None``: not in the form),
    ``label`` its caption, ``placeholder`` the hint in an empty text box and
    ``form_place`` its position in the form.
    """

    name: str
    kind: str
    help: str
    required: bool = False
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    choices: tuple[str, ...] = ()
    ordered: bool = False
    message: str = ""
    too_large: str = ""
    widget: str | None = None
    label: str = ""
    placeholder: str = ""
    form_place: int | None = None

    @property
    def field(self) -> str:
        """The column's name in the DataFrame :func:`~hipkit.log.reading.read_log` returns."""
        return "exercise_id" if self.kind == "exercise" else self.name


SIDES = ("left", "right", "both")
#: What the form wrote when it warned of pain (see :mod:`hipkit.log.pain_warnings`).
PAIN_WARNINGS = ("high", "rising", "high and rising")
#: TheraBand colours from lightest to strongest resistance (TheraBand Academy FAQ,
#: ``theraband_colours`` in sources.csv).
BAND_COLOURS = ("tan", "yellow", "red", "green", "blue", "black", "silver", "gold")
_WHOLE = "must be a whole number of 1 or more"
_TYPO = f"is too large: at most {MOST_COUNTED:,} (a typo?)"

LOG_COLUMNS: tuple[LogColumn, ...] = (
    LogColumn("date", "date", required=True, widget="date", label="Date", form_place=0,
              help="`2025-11-03` (ISO) or day first: `03/11/2025`, `03.11.2025`, "
                   "`03-11-2025`; a time of day after it is ignored; not in the future, "
                   "not before 1900"),
    LogColumn("runner", "name", widget="text", label="Runner", placeholder="optional",
              form_place=11, help="a name, for a group log"),
    LogColumn("exercise", "exercise", required=True, widget="exercise", label="Exercise",
              form_place=1,
              help="the exercise name or id, e.g. `Single-leg bridge` or "
                   "`single_leg_bridge` (case, spaces, `-` and `_` do not matter)"),
    LogColumn("side", "choice", required=True, choices=SIDES, widget="toggle",
              label="Side", form_place=2, help="`left`, `right` or `both`"),
    LogColumn("sets_target", "whole", low=1, high=MOST_COUNTED, message=_WHOLE,
              too_large=_TYPO,
              help="sets the plan said, next to what you did"),
    LogColumn("sets", "whole", required=True, low=1, high=MOST_COUNTED, message=_WHOLE,
              too_large=_TYPO,
              widget="whole", label="Sets", form_place=3,
              help="sets you did: a whole number of 1 or more"),
    LogColumn("reps_target", "whole", low=1, high=MOST_COUNTED, message=_WHOLE,
              too_large=_TYPO,
              help="reps the plan said"),
    LogColumn("reps", "whole", required=True, low=1, high=MOST_COUNTED, message=_WHOLE,
              too_large=_TYPO,
              widget="whole", label="Reps", form_place=4,
              help="reps you did (per set, per side): a whole number of 1 or more"),
    LogColumn("hold_s", "number", low=0, low_open=True, high=86_400,
              message="must be a number of seconds above 0, at most 86,400 (a day)", widget="text",
              label="Hold (s)", placeholder="seconds, per side", form_place=5,
              help="seconds each side was held, for a hold such as the glute-switch "
                   "bridge hold"),
    LogColumn("band", "choice", choices=BAND_COLOURS, ordered=True, widget="dropdown",
              label="Band", form_place=6,
              help="band colour, lightest to strongest: tan, yellow, red, green, blue, "
                   "black, silver, gold (TheraBand, `theraband_colours`)"),
    LogColumn("load_kg", "number", low=0, message="must be a number of kilograms, 0 or more",
              help="extra weight in kg, 0 or more"),
    LogColumn("rpe", "number", low=0, high=10, message="must be an effort (RPE) from 0 to 10",
              widget="scale", label="Effort 0-10", form_place=7,
              help="how hard the session felt, 0-10 (Foster et al. 2001, `foster2001`); "
                   "write the same rating on each row of a session"),
    LogColumn("pain", "number", low=0, high=10, message="must be a pain score from 0 to 10",
              widget="scale", label="Pain 0-10", form_place=8, help="pain 0-10"),
    LogColumn("duration_min", "number", low=0, low_open=True, high=24 * 60,
              message="must be a number of minutes above 0, at most 1,440 (a day)", widget="text",
              label="Minutes", placeholder="e.g. 10", form_place=9,
              help="minutes spent on this row's exercise (at most a day)"),
    LogColumn("notes", "text", widget="textarea", label="Notes", form_place=10,
              help="any text"),
    LogColumn("pain_warning", "choice", choices=PAIN_WARNINGS,
              help="written by the notebook form when it warned of pain: `high` (at or "
                   "above the pack's limit), `rising` or `high and rising` "
                   "(`hipkit.log.pain_warnings`); leave empty"),
)


def log_columns() -> tuple[LogColumn, ...]:
    """The declared columns, in file order (read at call time, so it can be extended).

    Examples
    --------
    >>> [c.name for c in log_columns() if c.required]
    ['date', 'exercise', 'side', 'sets', 'reps']
    """
    return LOG_COLUMNS


def column_names() -> tuple[str, ...]:
    """Names of the declared columns in the order hipkit writes them."""
    return tuple(column.name for column in log_columns())


def required_names() -> tuple[str, ...]:
    """Names of the columns every log must have."""
    return tuple(column.name for column in log_columns() if column.required)


def form_columns() -> list[LogColumn]:
    """The columns the notebook form shows, in the form's order."""
    return sorted((c for c in log_columns() if c.widget is not None),
                  key=lambda c: c.form_place if c.form_place is not None else 1e9)


def normal_name(name: object) -> str:
    """A header as hipkit matches it: stripped, lower case, spaces as ``_``.

    Examples
    --------
    >>> normal_name(" Duration  MIN ")
    'duration_min'
    """
    return "_".join(str(name).strip().lower().split())


def loose_key(text: object) -> str:
    """An exercise name as the log matches it: case, ``-``, ``_`` and spaces ignored.

    Examples
    --------
    >>> loose_key("Single-leg  bridge") == loose_key("single_leg_bridge")
    True
    """
    return " ".join(re.sub(r"[-_]", " ", str(text).lower()).split())


def range_text(column: LogColumn) -> str:
    """The values a number column accepts, in words ("" when it has no bounds).

    Examples
    --------
    >>> [range_text(c) for c in log_columns() if c.name in ("sets", "rpe", "hold_s")]
    ['1 to 10,000', 'above 0, at most 86,400', '0 to 10']
    """
    if column.low is None:
        return ""
    if column.high is None:
        return f"{column.low:,g} or more"
    if column.low_open:
        return f"above {column.low:,g}, at most {column.high:,g}"
    return f"{column.low:,g} to {column.high:,g}"


def markdown_table() -> str:
    """The column table of ``data/log_format.md``, made from the declaration.

    Examples
    --------
    >>> markdown_table().splitlines()[2]
    '| `date` | yes | a day | `2025-11-03` (ISO) or day first: `03/11/2025`, \
`03.11.2025`, `03-11-2025`; a time of day after it is ignored; not in the future, \
not before 1900 |'
    """
    kinds = {"date": "a day", "name": "text", "exercise": "an exercise",
             "choice": "one of a list", "whole": "whole number", "number": "number",
             "text": "text"}
    lines = ["| column | required | kind | what to write |", "| --- | --- | --- | --- |"]
    for column in log_columns():
        kind = ", ".join(filter(None, (kinds[column.kind], range_text(column))))
        lines.append(f"| `{column.name}` | {'yes' if column.required else 'no'} | {kind} | "
                     f"{column.help} |")
    return "\n".join(lines)

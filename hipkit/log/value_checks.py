"""The check of each kind of log column: dates, exercises, choices, numbers, names, text.

Each check takes a column's distinct texts (:class:`hipkit.log.cells._Column`),
reports every impossible value with its rows, and returns the column typed as
:func:`hipkit.log.reading.read_log` gives it. :data:`_CHECKS` maps each kind of
:class:`hipkit.log.columns.LogColumn` to its check; :func:`closest` finds the known
names most like a mistyped one.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_exercises
from hipkit.log.cells import _Column, _Report, _spread, _spread_codes, _Text, _unquote
from hipkit.log.columns import LogColumn, loose_key

#: Earliest day a log may hold: anything before is a mistyped year (0026 for 2026).
FIRST_DAY = dt.date(1900, 1, 1)
_DAY_FIRST_FORMATS = ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")
# A time of day after the date (what datetime.now() and many sheets write): the row
# counts on its day. Hours 0-23, minutes and seconds 0-59, optional fraction and zone.
_TIME_OF_DAY = (r"[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?"
                r"(?:Z|[+-]\d\d:?\d\d)?$")


class _Context:
    """What every column's check needs besides its cells."""

    def __init__(self, report: _Report, today: dt.date, data_dir: DataDir,
                 decimal_comma: bool):
        self.report = report
        self.today = today
        self.data_dir = data_dir
        self.decimal_comma = decimal_comma
        self.length = len(report.row_numbers)


def _dates(spec: LogColumn, column: _Column | None, raw: pd.Series | None,
           context: _Context) -> pd.Series:
    if column is None:
        return pd.Series(np.full(context.length, np.datetime64("NaT", "ns")))
    report = context.report
    texts = column.texts
    day_part = texts.str.replace(_TIME_OF_DAY, "", regex=True)
    parsed = pd.to_datetime(day_part, format="%Y-%m-%d", errors="coerce")
    for fmt in _DAY_FIRST_FORMATS:
        todo = parsed.isna()
        if not todo.any():
            break
        parsed = parsed.where(~todo, pd.to_datetime(day_part, format=fmt, errors="coerce"))
    # Compare as days, before any conversion to nanoseconds: a year such as 3026 or
    # 0026 lies outside what nanoseconds can hold and would wrap to another century.
    days = parsed.to_numpy(dtype="datetime64[D]")
    unreadable = np.isnat(days)
    report.add(spec.name, "is not a date; write it as 2026-03-02 (ISO) or 02/03/2026 "
               "(day first)", column.rows_with(unreadable), column.text_at)
    early = ~unreadable & (days < np.datetime64(FIRST_DAY, "D"))
    report.add(spec.name, f"is before {FIRST_DAY.year}: is the year mistyped?",
               column.rows_with(early), column.text_at)
    future = ~unreadable & (days > np.datetime64(context.today, "D"))
    report.add(spec.name, f"is in the future (after {context.today.isoformat()})",
               column.rows_with(future), column.text_at)
    good = np.where(unreadable | early | future, np.datetime64("NaT", "D"), days)
    return pd.Series(_spread(good.astype("datetime64[ns]"), column,
                             np.datetime64("NaT", "ns")))


def _exercise(spec: LogColumn, column: _Column | None, raw: pd.Series | None,
              context: _Context) -> pd.Categorical:
    exercises = load_exercises(context.data_dir)
    id_type = exercises["exercise_id"].dtype
    lookup: dict[str, int] = {}
    for code, (exercise_id, name) in enumerate(zip(exercises["exercise_id"],
                                                   exercises["name"], strict=True)):
        for label in (exercise_id, name):
            lookup[loose_key(label)] = code
    codes = np.array([lookup.get(loose_key(t), -1) for t in column.texts], dtype=np.int64)
    unknown = codes == -1
    names = exercises["name"].tolist()
    for text_code in np.flatnonzero(unknown):
        text = column.texts[text_code]
        shown = closest(text, names, [*zip(exercises["exercise_id"], names, strict=True)])
        hint = (f"closest known: {', '.join(repr(n) for n in shown)}" if shown
                else f"known exercises: {', '.join(repr(n) for n in names)}")
        context.report.add(spec.name, f"is not a known exercise; {hint}",
                           np.flatnonzero(column.codes == text_code), column.text_at)
    return pd.Categorical.from_codes(_spread_codes(codes, column), dtype=id_type)


def closest(text: str, names: Iterable[str], aliases: Iterable[tuple[str, str]] = (),
            *, n: int = 3, cutoff: float = 0.45) -> list[str]:
    """Up to ``n`` of ``names`` most like ``text``, the closest first.

    Case, ``-``, ``_`` and spaces are ignored; ``aliases`` are other spellings of a
    name (``(exercise_id, name)``), so a mistyped id finds its exercise's name.

    Examples
    --------
    >>> closest("single-leg brdge", ["Side-lying hip circles", "Single-leg bridge"])
    ['Single-leg bridge']
    """
    wanted = loose_key(text)
    score: dict[str, float] = {}
    for alias, name in [*((name, name) for name in names), *aliases]:
        ratio = difflib.SequenceMatcher(None, wanted, loose_key(alias)).ratio()
        score[name] = max(score.get(name, 0.0), ratio)
    ranked = sorted((name for name in score if score[name] >= cutoff),
                    key=lambda name: -score[name])  # stable: ties keep the given order
    return ranked[:n]


def _choice(spec: LogColumn, column: _Column | None, raw: pd.Series | None,
            context: _Context) -> pd.Categorical:
    dtype = pd.CategoricalDtype(spec.choices, ordered=spec.ordered)
    if column is None:
        return pd.Categorical.from_codes(np.full(context.length, -1, np.int8), dtype=dtype)
    known = {value: code for code, value in enumerate(dtype.categories)}
    codes = np.array([known.get(t.lower(), -1) for t in column.texts], dtype=np.int64)
    context.report.add(spec.name, f"must be one of {', '.join(dtype.categories)}",
                       column.rows_with(codes == -1), column.text_at)
    return pd.Categorical.from_codes(_spread_codes(codes, column), dtype=dtype)


def _number(spec: LogColumn, column: _Column | None, raw: pd.Series | None,
            context: _Context) -> pd.api.extensions.ExtensionArray:
    whole = spec.kind == "whole"
    if column is None:
        # An all-missing column built in one step: a list of pd.NA is coerced cell by
        # cell, which costs more than reading a whole small log.
        mask = np.ones(context.length, dtype=bool)
        if whole:
            return pd.arrays.IntegerArray(np.zeros(context.length, np.int64), mask)
        return pd.arrays.FloatingArray(np.zeros(context.length), mask)
    texts = column.texts
    if context.decimal_comma:
        texts = texts.str.replace(",", ".", regex=False)
    checked = pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce").to_numpy(float)
    with np.errstate(invalid="ignore"):
        # "inf", "nan" and numbers too big for a float are read as text, not values.
        good = np.isfinite(checked)
        if whole:
            good &= np.floor(checked) == checked
        if spec.low is not None:
            good &= checked > spec.low if spec.low_open else checked >= spec.low
        too_big = good & (checked > (np.inf if spec.high is None else spec.high))
    if not spec.too_large:
        good &= ~too_big
    report = context.report
    report.add(spec.name, spec.message, column.rows_with(~good), column.text_at)
    if spec.too_large:
        report.add(spec.name, spec.too_large, column.rows_with(too_big), column.text_at)
    # A bad cell has been reported and fails the read, so what it holds here never
    # shows; zeroing it keeps the cast to integers from wrapping meanwhile.
    # Spread per distinct text in the final type: no float copy of a whole column.
    values = np.where(good & ~too_big, checked, 0.0)
    if whole:
        return pd.arrays.IntegerArray(_spread(values.astype(np.int64), column, 0),
                                      column.missing.copy())
    return pd.arrays.FloatingArray(_spread(values, column, 0.0), column.missing.copy())


def _name(spec: LogColumn, column: _Column | None, raw: pd.Series | None,
          context: _Context) -> pd.Categorical:
    if column is None:
        return pd.Categorical.from_codes(np.full(context.length, -1, np.int8),
                                         categories=pd.Index([], dtype=str))
    texts = pd.Index([" ".join(t.split()) for t in column.texts], dtype=str)
    unique = texts.unique()
    codes = unique.get_indexer(texts)
    return pd.Categorical.from_codes(_spread_codes(codes, column), categories=unique)


def _text(spec: LogColumn, column: _Column | None, raw: pd.Series | None,
          context: _Context) -> pd.Series:
    return _free_text(raw, context.length, column)


def _free_text(cells: pd.Series | None, length: int,
               checked: _Column | _Text | None = None) -> pd.Series:
    """Text as written: only hipkit's formula apostrophe is removed, no spaces."""
    if cells is None:
        # Taken from one empty cell: filling a missing column costs no per-cell work.
        empty = pd.array([pd.NA], dtype="string")
        return pd.Series(empty.take(np.full(length, -1, dtype=np.intp), allow_fill=True))
    if isinstance(checked, _Text):
        return checked.strings()
    if not isinstance(cells.dtype, pd.CategoricalDtype):
        cells = cells.astype("category")
    texts = pd.array(_unquote(cells.cat.categories.astype(str)), dtype="string")
    # Build the string array from the distinct texts, then spread it: checking a
    # million repeated strings one by one would cost more than reading them.
    return pd.Series(texts.take(cells.cat.codes.to_numpy(), allow_fill=True))


_CHECKS: dict[str, Callable] = {"date": _dates, "name": _name, "exercise": _exercise,
                                "choice": _choice, "whole": _number, "number": _number,
                                "text": _text}

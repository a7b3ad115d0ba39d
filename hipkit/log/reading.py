"""Read a runner's training log (CSV or .xlsx) into a typed, checked DataFrame.

The log is a plain spreadsheet, one row per exercise done on a day. Its columns are
declared once in :mod:`hipkit.log.columns` and documented in ``data/log_format.md``;
``data/log_template.csv`` is a blank copy. The reader is forgiving about how a
spreadsheet saved the file (UTF-8 with or without BOM, Windows-1252, ``;`` separators
with decimal commas, ISO or day-first dates with or without a time of day, stray spaces
and letter case, empty rows, trailing empty columns) and strict about what it says:
every impossible value is reported with its file, spreadsheet row, column and value,
all problems of a file together, and nothing is returned half-read. Columns of the
runner's own are kept as text.

This module holds :func:`read_log` and :func:`check_log` (the header, required and
kept columns, empty and repeated rows), :func:`records_to_raw` and :func:`neutralise`
for entries not saved yet, and the warnings. Opening the file is
:mod:`hipkit.log.opening`, each column's check :mod:`hipkit.log.value_checks` on the
cells of :mod:`hipkit.log.cells`, and many logs at once :mod:`hipkit.log.many_logs`.

Every declared column but free text is parsed as a pandas categorical, numbers
included: a log repeats few distinct values (sets 1 to 3, a handful of dates a week),
so each distinct text is checked once however many rows repeat it, and a bad one is
traced back to every row holding it. Free text (notes, the runner's own columns) is
read as plain text and hashed once. That keeps a million-row club log close to the
speed and memory of a bare :func:`pandas.read_csv` (``benchmarks/log_read.py``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.log import columns as declaration
from hipkit.log.cells import (
    FORMULA_STARTS,
    MAX_ROWS_LISTED,
    _as_text,
    _cells,
    _Column,
    _free_text_names,
    _name_names,
    _Report,
    _Text,
)
from hipkit.log.columns import BAND_COLOURS, SIDES, normal_name
from hipkit.log.opening import _read_csv, _read_xlsx
from hipkit.log.value_checks import _CHECKS, _Context, _free_text, closest
from hipkit.settings import today as todays_date

#: Columns of a log file as shipped, in the order hipkit writes them (a copy of
#: :data:`hipkit.log.columns.LOG_COLUMNS`; code that must follow an extended
#: declaration calls :func:`hipkit.log.columns.column_names`). Target and actual sit
#: side by side (``sets_target`` next to ``sets``), as in the wger workout log.
COLUMNS = declaration.column_names()
#: Columns every log must have; the others may be left out of the file altogether.
REQUIRED = declaration.required_names()
__all__ = ["BAND_COLOURS", "COLUMNS", "REQUIRED", "SIDES", "KeptColumnsWarning",
           "RepeatedRowsWarning", "read_log", "check_log", "records_to_raw", "neutralise"]
SIDE_TYPE = pd.CategoricalDtype(SIDES)
BAND_TYPE = pd.CategoricalDtype(BAND_COLOURS, ordered=True)


class KeptColumnsWarning(UserWarning):
    """A log holds columns of the runner's own: they are kept as text, not used."""


class RepeatedRowsWarning(UserWarning):
    """A log holds rows equal in every cell to an earlier row: a paste done twice?"""


def read_log(path: str | Path, *, today: dt.date | None = None,
             data_dir: DataDir = None) -> pd.DataFrame:
    """Read and check a training log saved as CSV or Excel (.xlsx).

    Parameters
    ----------
    path : str or Path
        The log file. ``.xlsx`` files are read from their first sheet.
    today : datetime.date, optional
        Dates after this day are rejected; by default today
        (:func:`hipkit.settings.today`).
    data_dir : path, optional
        Where the exercise library is read from (default: the shipped data).

    Returns
    -------
    pandas.DataFrame
        One row per logged exercise with a column per declared log column
        (:mod:`hipkit.log.columns`): ``date`` (datetime64), ``runner`` (category),
        ``exercise_id`` (ordered category, lesson order), ``side`` (category
        left/right/both), ``sets_target``, ``sets``, ``reps_target``, ``reps`` (Int64),
        ``hold_s`` (Float64), ``band`` (category ordered tan < ... < gold), ``load_kg``,
        ``rpe``, ``pain``, ``duration_min`` (Float64) and ``notes`` (string). Columns
        the file leaves out are present and empty. Entirely empty rows are skipped.
        Columns of the runner's own (``weather``, ``shoes``) follow, as text exactly as
        written; their names are in ``log.attrs["kept_columns"]`` and a
        :class:`KeptColumnsWarning` says once that hipkit keeps but does not use them
        (naming the declared column a kept one looks like a typo of). Rows equal in
        every cell to an earlier row are kept but named by a
        :class:`RepeatedRowsWarning` (and in ``log.attrs["repeated_rows"]``).

    Raises
    ------
    hipkit.errors.DataFileError
        Listing every problem of the file: missing columns, unknown exercises (with the
        closest names), impossible or overflowing numbers, unparseable, future or
        pre-1900 dates, a file mixing two text encodings, each with its spreadsheet row
        (header = row 1).

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> log = read_log(data_root() / "sample_log.csv")
    >>> log["side"].cat.categories.tolist()
    ['left', 'right', 'both']
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raw = _read_xlsx(path)
        decimal_comma = False
    else:
        raw, decimal_comma = _read_csv(path)
    log = check_log(raw, path.name, today=today, data_dir=data_dir,
                    decimal_comma=decimal_comma)
    kept = log.attrs["kept_columns"]
    if kept:
        # A kept column may be a declared one misspelt: its values would go unused.
        absent = [name for name in declaration.column_names()
                  if name not in {normal_name(c) for c in raw.columns}]
        named = [repr(k) + "".join(f" (a typo for '{match}'?)" for match in
                                   closest(k, absent, n=1, cutoff=0.8))
                 for k in kept]
        warnings.warn(KeptColumnsWarning(
            f"{path.name}: column{'s' if len(kept) > 1 else ''} "
            f"{', '.join(named)} kept, not used by hipkit"), stacklevel=2)
    repeats = log.attrs["repeated_rows"]
    if repeats:
        listed = ", ".join(f"row {row} repeats row {first}" for row, first in repeats.items())
        more = log.attrs["repeated_row_count"] - len(repeats)
        warnings.warn(RepeatedRowsWarning(
            f"{path.name}: {listed}{f' and {more} more rows repeat one' if more else ''}"
            " in every cell, so such an entry counts twice in the totals; delete the copy "
            "if a row was entered twice"), stacklevel=2)
    return log


def records_to_raw(records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Turn entries (dicts keyed by column) into the text table :func:`check_log` reads.

    Dates become ISO text, numbers their plain text and ``None`` or NA an empty cell,
    so a new entry goes through exactly the checks a saved log does.

    Examples
    --------
    >>> raw = records_to_raw([{"date": "2026-03-02", "exercise": "Single-leg bridge",
    ...                        "side": "both", "sets": 2, "reps": 15}])
    >>> raw.loc[0, "sets"]
    '2'
    """
    # Text is quoted as the writer would, so the reader's unquoting gives it back unchanged.
    structured = _structured_names(_free_text_names() | _name_names())
    rows = [{key: neutralise(text) if isinstance(text, str) and normal_name(key) not in
             structured else text
             for key, text in ((k, _as_text(v)) for k, v in record.items())}
            for record in records]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return pd.DataFrame(rows, columns=columns, dtype=object).astype("category")


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would otherwise run as a formula.

    Text that already starts with apostrophes before such a character gets one more,
    so the reader, which removes exactly one, gives back the original.

    Examples
    --------
    >>> neutralise("=HYPERLINK(1)"), neutralise("felt good")
    ("'=HYPERLINK(1)", 'felt good')
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def check_log(raw: pd.DataFrame, file: str, *, today: dt.date | None = None,
              data_dir: DataDir = None, decimal_comma: bool = False,
              first_row: int = 2, find_repeats: bool = True) -> pd.DataFrame:
    """Check a table of log cells (text or categories) and return the typed log.

    This is the checking half of :func:`read_log`, used on its own for entries that
    have not been saved yet (see :func:`records_to_raw`). ``first_row`` is the
    spreadsheet number of the first data row, used in error messages. With
    ``find_repeats``, ``log.attrs["repeated_rows"]`` maps the spreadsheet row of each
    row equal in every cell to an earlier one to that row's (the first
    :data:`MAX_ROWS_LISTED`), and ``log.attrs["repeated_row_count"]`` counts them all.

    Examples
    --------
    >>> raw = records_to_raw([{"date": "2026-03-02", "exercise": "single leg BRIDGE",
    ...                        "side": "left", "sets": 2, "reps": 15}])
    >>> check_log(raw, "new entry").loc[0, "exercise_id"]
    'single_leg_bridge'
    """
    today = today or todays_date()
    declared = {column.name: column for column in declaration.log_columns()}
    fields = {column.field for column in declared.values()}
    report = _Report(file, np.arange(len(raw)) + first_row)
    # Each column taken out once: a DataFrame lookup costs more than a small log's checks.
    series = [raw.iloc[:, position] for position in range(raw.shape[1])]
    cells = [_cells(series[position], declared.get(normal_name(name)))
             for position, name in enumerate(raw.columns)]
    positions: dict[str, int] = {}
    kept: list[int] = []
    for position, name in enumerate(raw.columns):
        key = normal_name(name)
        if key == "":
            # A trailing empty column of an Excel export: ignored, unless it holds data.
            if not cells[position].missing.all():
                report.problems.add(file, f"(column {position + 1})",
                                    "has no name in the header but holds data")
        elif key in positions or key in (normal_name(raw.columns[k]) for k in kept):
            report.problems.add(file, key, "column appears twice in the header")
        elif key in declared:
            positions[key] = position
        elif key in fields:
            report.problems.add(file, str(name).strip(),
                                "is hipkit's name for a column it makes; name the "
                                "column 'exercise'")
        else:
            kept.append(position)
    kept_names = [str(raw.columns[k]).strip() for k in kept]
    kept_by_key = {normal_name(k): k for k in kept_names}
    for name in (c for c in declared if declared[c].required and c not in positions):
        close = difflib.get_close_matches(name, list(kept_by_key), n=1)
        hint = f"; is the column '{kept_by_key[close[0]]}' meant to be it?" if close else ""
        report.problems.add(file, name, "required column is missing" + hint)
    report.problems.raise_if_any()

    present = [cells[p] for p in (*positions.values(), *kept)]
    empty_row = np.logical_and.reduce([c.missing for c in present])
    keep = np.flatnonzero(~empty_row)
    context = _Context(report, today, data_dir, decimal_comma)
    out: dict[str, object] = {}
    for name, column in declared.items():
        position = positions.get(name)
        if column.required:
            report.add(name, "is empty", np.flatnonzero(cells[position].missing & ~empty_row))
        raw_cells = None if position is None else series[position]
        out[column.field] = _CHECKS[column.kind](
            column, None if position is None else cells[position], raw_cells, context)
    for name, position in zip(kept_names, kept, strict=True):
        out[name] = _free_text(series[position], len(raw), cells[position])
    if report.problems:
        # Listed in the order a person scrolls the sheet: row by row, left to right.
        order = {key: n for n, key in enumerate(declared)}
        report.problems.raise_if_any(key=lambda p: (
            p.row is None, p.row or 0, order.get(p.field, 0)))
    # The columns are fresh arrays: wrap them instead of copying a million rows again.
    log = pd.DataFrame(out, copy=False)
    if len(keep) < len(raw):
        log = log.iloc[keep]
    log = log.reset_index(drop=True)
    log.attrs["kept_columns"] = kept_names
    if find_repeats:
        # attrs are copied with every frame made from the log: keep only what is listed.
        log.attrs["repeated_rows"], log.attrs["repeated_row_count"] = _repeated_rows(
            present, keep, first_row)
    return log


def _repeated_rows(cells: list[_Column | _Text], keep: np.ndarray,
                   first_row: int) -> tuple[dict[int, int], int]:
    """Rows whose every cell holds the text of an earlier row's, and how many there are.

    The first MAX_ROWS_LISTED are given as spreadsheet row -> the earlier row's.

    Each column's cells are already codes of their distinct texts, so a row is one
    number made of its codes (renumbered whenever it would outgrow 64 bits): exact,
    and no text is hashed again.
    """
    if len(keep) < 2:
        return {}, 0
    every_row = len(keep) == len(cells[0].codes)
    row_key = np.zeros(len(keep), dtype=np.int64)
    bound = 1  # row_key < bound
    for column in cells:
        # Code -1 (empty) becomes 0, text k becomes k + 1.
        width = len(column.texts) + 1
        if bound > (2**62) // width:
            row_key, uniques = pd.factorize(row_key)
            bound = len(uniques)
        row_key *= width
        row_key += column.codes if every_row else column.codes[keep]
        row_key += 1
        bound *= width
    if bound <= 4 * len(row_key) + 1024:
        # Few possible keys (a log of only the required columns): each key's first row
        # is the least position holding it, no hashing.
        first = np.full(bound, len(row_key), dtype=np.int64)
        np.minimum.at(first, row_key, np.arange(len(row_key)))
        again = np.flatnonzero(first[row_key] != np.arange(len(row_key)))
    else:
        again = np.flatnonzero(pd.Series(row_key, copy=False).duplicated().to_numpy())
    listed = {int(keep[position]) + first_row:
              int(keep[np.argmax(row_key == row_key[position])]) + first_row
              for position in again[:MAX_ROWS_LISTED]}
    return listed, len(again)


def _structured_names(free_text: set[str]) -> set[str]:
    return set(declaration.column_names()) - free_text

"""Read many logs in one check (the entry point for :mod:`hipkit.coach.group`).

Checking costs mostly per call, not per row: 300 small files checked one by one spend
most of their time setting up. So the cells of every file are stacked and checked in
one pass; a file whose cells fail is checked again on its own, so its error names the
file and its rows exactly as read_log does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from hipkit.errors import DataFileError, Problem
from hipkit.exercises.data_files import DataDir
from hipkit.log.cells import _as_text
from hipkit.log.columns import normal_name
from hipkit.log.opening import _read_csv, _read_xlsx
from hipkit.log.reading import COLUMNS, REQUIRED, check_log


def read_logs(paths: Iterable[str | Path], *, today: dt.date | None = None,
              data_dir: DataDir = None) -> tuple[dict[Path, pd.DataFrame],
                                                 dict[Path, DataFileError]]:
    """Read and check many logs: what :func:`read_log` gives for each, in one pass.

    Returns the logs that read, by path, and the error of each file that did not
    (what :func:`read_log` would raise for it; a file that cannot be opened is one
    such error too, so one bad file never stops the others).

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> logs, errors = read_logs(sorted((data_root() / "sample_group").glob("*.csv")),
    ...                          today=dt.date(2026, 3, 6))
    >>> len(logs), [path.name for path in errors]
    (11, ['kit_lawson.csv'])
    """
    logs: dict[Path, pd.DataFrame] = {}
    errors: dict[Path, DataFileError] = {}
    batches: dict[bool, list[tuple[Path, pd.DataFrame]]] = {}
    for path in map(Path, paths):
        try:
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                raw, decimal_comma = _read_xlsx(path), False
            else:
                raw, decimal_comma = _read_csv(path)
        except DataFileError as error:
            errors[path] = error
            continue
        except OSError as error:  # removed or locked between listing and reading
            errors[path] = DataFileError([Problem(path.name, "(whole file)",
                                                  f"cannot be read: {error.strerror}")])
            continue
        batches.setdefault(decimal_comma, []).append((path, raw))
    for decimal_comma, batch in batches.items():
        options = {"today": today, "data_dir": data_dir, "decimal_comma": decimal_comma}
        logs |= _check_together(batch, options)
        for path, raw in batch:
            if path not in logs:
                try:
                    logs[path] = check_log(raw, path.name, **options)
                except DataFileError as error:
                    errors[path] = error
    return {path: logs[path] for path in map(Path, paths) if path in logs}, errors


def _check_together(batch: list[tuple[Path, pd.DataFrame]],
                    options: dict) -> dict[Path, pd.DataFrame]:
    """Check the files whose header is sound in one pass; leave the others out.

    A file the stacked check finds a problem in is left out and the rest are checked
    again (twice at most), so one broken file does not send a club back to one by one.
    """
    headers = {}
    for path, raw in batch:
        names = [normal_name(column) for column in raw.columns]
        if (len(set(names)) == len(names) and set(names) <= set(COLUMNS)
                and set(REQUIRED) <= set(names)):
            headers[path] = names
    pending = [(path, raw) for path, raw in batch if path in headers]
    for _ in range(3):
        if not pending:
            return {}
        stacked, file_of_row = _stack(pending, headers)
        try:
            # Rows of two files may well be equal (two runners, one session): not repeats.
            log = check_log(stacked, "several files", find_repeats=False, **options)
        except DataFileError as error:
            rows = [problem.row for problem in error.problems]
            if None in rows:
                return {}
            broken = {int(file_of_row[row - 2]) for row in rows}
            pending = [item for number, item in enumerate(pending) if number not in broken]
            continue
        if len(log) != len(file_of_row):
            return {}
        ends = np.searchsorted(file_of_row, np.arange(len(pending) + 1))
        out = {}
        for number, (path, _) in enumerate(pending):
            part = log.iloc[ends[number]:ends[number + 1]].reset_index(drop=True)
            part["runner"] = part["runner"].cat.remove_unused_categories()
            out[path] = part
        return out
    return {}


def _stack(batch: list[tuple[Path, pd.DataFrame]],
           headers: dict[Path, list[str]]) -> tuple[pd.DataFrame, np.ndarray]:
    """The cells of every file as one table of texts, without its empty rows."""
    present = [key for key in COLUMNS if any(key in headers[path] for path, _ in batch)]
    # One dictionary of distinct texts per column: each file's few categories are looked
    # up once, and its rows only take codes from an array.
    known: dict[str, dict[str, int]] = {key: {} for key in present}
    codes: dict[str, list[np.ndarray]] = {key: [] for key in present}
    for path, raw in batch:
        cells_of = dict(zip(headers[path], (cells.array for _, cells in raw.items()),
                            strict=True))
        for key in present:
            cells = cells_of.get(key)
            if cells is None:
                codes[key].append(np.full(len(raw), -1, dtype=np.int64))
                continue
            if not isinstance(cells, pd.Categorical):
                cells = pd.Categorical(cells)
            categories = cells.categories
            texts = ([_as_text(v) for v in categories] if categories.dtype.kind in "iufb"
                     else categories)
            lookup = known[key]
            mapped = np.array([*(lookup.setdefault(t, len(lookup)) for t in texts), -1],
                              dtype=np.int64)
            codes[key].append(mapped[cells.codes])
    file_of_row = np.repeat(np.arange(len(batch)), [len(raw) for _, raw in batch])
    empty = np.ones(len(file_of_row), dtype=bool)
    columns = {}
    for key in present:
        categories = pd.Index(list(known[key]), dtype=object)
        column_codes = np.concatenate(codes[key])
        blank = np.flatnonzero(categories.str.strip() == "")
        empty &= (column_codes == -1) | np.isin(column_codes, blank)
        columns[key] = (column_codes, categories)
    keep = np.flatnonzero(~empty)
    stacked = pd.DataFrame({key: pd.Categorical.from_codes(column_codes[keep],
                                                           categories=categories)
                            for key, (column_codes, categories) in columns.items()})
    return stacked, file_of_row[keep]

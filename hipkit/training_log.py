"""Read a runner's training log (CSV or .xlsx) into a typed, checked DataFrame.

The log is a plain spreadsheet, one row per exercise done on a day. The columns
(:data:`COLUMNS`) are documented in ``data/README.md``; ``data/log_template.csv`` is a
blank copy. The reader is forgiving about how a spreadsheet saved the file (UTF-8 with
or without BOM, Windows-1252, ``;`` separators with decimal commas, ISO or day-first
dates, stray spaces and letter case, empty rows) and strict about what it says: every
impossible value is reported with its file, spreadsheet row, column and value, all
problems of a file together, and nothing is returned half-read.

Every column is parsed as a pandas categorical, numbers included: a log repeats few
distinct values (sets 1 to 3, a handful of dates a week), so each distinct text is
checked once however many rows repeat it, and a bad one is traced back to every row
holding it. That keeps a million-row club log close to the speed and memory of a bare
:func:`pandas.read_csv` (``benchmarks/log_read.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from hipkit.errors import DataFileError, Problem
from hipkit.library import DataDir, load_exercises

#: Columns of a log file, in the order hipkit writes them. Target and actual sit side
#: by side (``sets_target`` next to ``sets``), as in the wger workout log.
COLUMNS = (
    "date", "runner", "exercise", "side", "sets_target", "sets", "reps_target", "reps",
    "band", "load_kg", "rpe", "pain", "duration_min", "notes",
)
#: Columns every log must have; the others may be left out of the file altogether.
REQUIRED = ("date", "exercise", "side", "sets", "reps")
SIDES = ("left", "right", "both")
#: TheraBand colours from lightest to strongest resistance (TheraBand Academy FAQ,
#: ``theraband_colours`` in sources.csv).
BAND_COLOURS = ("tan", "yellow", "red", "green", "blue", "black", "silver", "gold")
SIDE_TYPE = pd.CategoricalDtype(SIDES)
BAND_TYPE = pd.CategoricalDtype(BAND_COLOURS, ordered=True)
#: Text starting with these is written with a leading apostrophe, so a spreadsheet shows
#: it instead of running it as a formula; the reader removes one apostrophe from text
#: made of apostrophes and then one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: How many rows one kind of problem lists before it summarises the rest.
MAX_ROWS_LISTED = 20

_WHOLE = ("sets_target", "sets", "reps_target", "reps")
_NUMBER_RULES: dict[str, tuple[Callable[[np.ndarray], np.ndarray], str]] = {
    "load_kg": (lambda x: x >= 0, "must be a number of kilograms, 0 or more"),
    "rpe": (lambda x: (x >= 0) & (x <= 10), "must be an effort (RPE) from 0 to 10"),
    "pain": (lambda x: (x >= 0) & (x <= 10), "must be a pain score from 0 to 10"),
    "duration_min": (lambda x: x > 0, "must be a number of minutes above 0"),
}
_NUMBERS = (*_WHOLE, *_NUMBER_RULES)
_DAY_FIRST_FORMATS = ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def read_log(path: str | Path, *, today: dt.date | None = None,
             data_dir: DataDir = None) -> pd.DataFrame:
    """Read and check a training log saved as CSV or Excel (.xlsx).

    Parameters
    ----------
    path : str or Path
        The log file. ``.xlsx`` files are read from their first sheet.
    today : datetime.date, optional
        Dates after this day are rejected; by default the computer's date.
    data_dir : path, optional
        Where the exercise library is read from (default: the shipped data).

    Returns
    -------
    pandas.DataFrame
        One row per logged exercise with columns ``date`` (datetime64), ``runner``
        (category), ``exercise_id`` (ordered category, lesson order), ``side``
        (category left/right/both), ``sets_target``, ``sets``, ``reps_target``,
        ``reps`` (Int64), ``band`` (category ordered tan < ... < gold), ``load_kg``,
        ``rpe``, ``pain``, ``duration_min`` (Float64) and ``notes`` (string). Columns
        the file leaves out are present and empty. Entirely empty rows are skipped.

    Raises
    ------
    hipkit.errors.DataFileError
        Listing every problem of the file: missing or unknown columns, unknown
        exercises (with the closest names), impossible numbers, unparseable or future
        dates, each with its spreadsheet row (header = row 1).

    Examples
    --------
    >>> from hipkit.library import data_root
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
    return check_log(raw, path.name, today=today, data_dir=data_dir,
                     decimal_comma=decimal_comma)


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
    rows = [{key: neutralise(text) if key in ("runner", "notes") and isinstance(text, str)
             else text for key, text in ((k, _as_text(v)) for k, v in record.items())}
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


def _as_text(value: object) -> str | float:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return np.nan
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _normal_name(name: object) -> str:
    return "_".join(str(name).strip().lower().split())


def _read_csv(path: Path) -> tuple[pd.DataFrame, bool]:
    """Read every cell as text (categories), whatever encoding and separator Excel used."""
    problems: list[Problem] = []
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            with path.open("r", encoding=encoding, newline="") as handle:
                header_line = handle.readline()
                sep = max((",", ";", "\t"), key=header_line.count)
                header = next(csv.reader([header_line], delimiter=sep), [])
            # A ';' file is a European Excel export, where 2,5 means two and a half.
            options = {"sep": sep, "decimal": "," if sep == ";" else ".",
                       "keep_default_na": False, "na_values": [""],
                       "skip_blank_lines": False, "encoding": encoding, "low_memory": False}
            raw = pd.read_csv(path, dtype="category", **options)
            for position, name in enumerate(header):
                # read_csv makes an all-numeric column's categories numbers; free text
                # such as runner "007" must stay as typed, so read it again as text.
                if (_normal_name(name) in ("runner", "notes") and position < raw.shape[1]
                        and pd.api.types.is_numeric_dtype(raw.iloc[:, position].cat.categories)):
                    text = pd.read_csv(path, usecols=[position], dtype=str, **options)
                    raw[raw.columns[position]] = text.iloc[:, 0].astype("category")
            break
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            problems.append(Problem(path.name, "(whole file)",
                                    f"cannot be read as a table: {error}"))
            raise DataFileError(problems) from error
    else:
        raise DataFileError([Problem(path.name, "(whole file)",
                                     "is neither UTF-8 nor Windows-1252 text")])
    # pandas renames a repeated header "reps" to "reps.1": report it as the repeat it is.
    raw.columns = header if len(header) == raw.shape[1] else raw.columns
    return raw, sep == ";"


def _read_xlsx(path: Path) -> pd.DataFrame:
    """Read the first sheet cell by cell so row numbers match what Excel shows."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise DataFileError([Problem(path.name, "(whole file)",
                                     f"cannot be opened as an Excel workbook: {error}")]) from error
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        return pd.DataFrame()
    header = ["" if cell is None else str(cell) for cell in rows[0]]
    body = [[_as_text(cell) for cell in row[:len(header)]] for row in rows[1:]]
    raw = pd.DataFrame(body, columns=range(len(header)), dtype=object)
    raw = raw.replace("", np.nan).astype("category")
    raw.columns = header
    return raw


class _Column:
    """One column's distinct texts, checked once, then spread back to the rows."""

    def __init__(self, raw: pd.Series, *, strip_formula_quote: bool = False):
        if not isinstance(raw.dtype, pd.CategoricalDtype):
            raw = raw.astype("category")
        categories = raw.cat.categories
        # read_csv turns an all-numeric column's categories into floats: show 2, not 2.0.
        texts = (pd.Index([_as_text(v) for v in categories], dtype=str)
                 if pd.api.types.is_numeric_dtype(categories) else categories.astype(str))
        if strip_formula_quote:
            texts = _unquote(texts)
        self.texts = texts.str.strip()
        codes = raw.cat.codes.to_numpy()
        # A cell of spaces only is an empty cell.
        blank = np.flatnonzero(self.texts == "")
        self.codes = np.where(np.isin(codes, blank), -1, codes) if blank.size else codes
        self.missing = self.codes == -1

    def rows_with(self, bad_texts: np.ndarray) -> np.ndarray:
        """Positions of the rows whose text is flagged in ``bad_texts`` (one per text)."""
        return np.flatnonzero(np.isin(self.codes, np.flatnonzero(bad_texts)))


def _unquote(texts: pd.Index) -> pd.Index:
    """Undo the apostrophe hipkit's writer puts before formula-like text."""
    quoted = texts.str.startswith("'") & texts.str.lstrip("'").str[:1].isin(FORMULA_STARTS)
    return texts.where(~quoted, texts.str[1:])


class _Report:
    """Collects problems, listing at most MAX_ROWS_LISTED rows of one kind."""

    def __init__(self, file: str, row_numbers: np.ndarray):
        self.file = file
        self.row_numbers = row_numbers
        self.problems: list[Problem] = []

    def add(self, column: str, message: str, rows: np.ndarray,
            values: Callable[[int], object] | None = None) -> None:
        for position in rows[:MAX_ROWS_LISTED]:
            value = None if values is None else values(position)
            self.problems.append(Problem(self.file, column, message, value,
                                         row=int(self.row_numbers[position])))
        if len(rows) > MAX_ROWS_LISTED:
            self.problems.append(Problem(
                self.file, column,
                f"{len(rows) - MAX_ROWS_LISTED} more rows have this problem: {message}"))


def check_log(raw: pd.DataFrame, file: str, *, today: dt.date | None = None,
              data_dir: DataDir = None, decimal_comma: bool = False,
              first_row: int = 2) -> pd.DataFrame:
    """Check a table of log cells (text or categories) and return the typed log.

    This is the checking half of :func:`read_log`, used on its own for entries that
    have not been saved yet (see :func:`records_to_raw`). ``first_row`` is the
    spreadsheet number of the first data row, used in error messages.

    Examples
    --------
    >>> raw = records_to_raw([{"date": "2026-03-02", "exercise": "single leg BRIDGE",
    ...                        "side": "left", "sets": 2, "reps": 15}])
    >>> check_log(raw, "new entry").loc[0, "exercise_id"]
    'single_leg_bridge'
    """
    today = today or dt.date.today()
    names = {_normal_name(column): column for column in raw.columns}
    report = _Report(file, np.arange(len(raw)) + first_row)
    seen: dict[str, str] = {}
    for column in raw.columns:
        key = _normal_name(column)
        if key in seen:
            report.problems.append(Problem(file, key, "column appears twice in the header"))
        elif key not in COLUMNS:
            close = difflib.get_close_matches(key, COLUMNS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known columns: {COLUMNS}"
            report.problems.append(Problem(file, str(column), "is not a known column" + hint))
        seen[key] = column
    for column in REQUIRED:
        if column not in names:
            report.problems.append(Problem(file, column, "required column is missing"))
    if report.problems:
        raise DataFileError(report.problems)

    columns = {key: _Column(raw[column], strip_formula_quote=key in ("runner", "notes"))
               for key, column in names.items()}
    empty_row = np.logical_and.reduce([c.missing for c in columns.values()])
    keep = np.flatnonzero(~empty_row)
    for key in REQUIRED:
        missing = np.flatnonzero(columns[key].missing & ~empty_row)
        report.add(key, "is empty", missing)

    exercises = load_exercises(data_dir)
    out: dict[str, object] = {
        "date": _dates(columns["date"], today, report),
        "runner": _runner(columns.get("runner"), len(raw)),
        "exercise_id": _exercise(columns["exercise"], exercises, report),
        "side": _choice(columns["side"], SIDE_TYPE, "side", report),
    }
    for key in ("sets_target", "sets", "reps_target", "reps"):
        out[key] = _number(columns.get(key), key, decimal_comma, report, whole=True)
    out["band"] = _choice(columns.get("band"), BAND_TYPE, "band", report)
    for key in ("load_kg", "rpe", "pain", "duration_min"):
        out[key] = _number(columns.get(key), key, decimal_comma, report, whole=False)
    out["notes"] = _notes(raw[names["notes"]] if "notes" in names else None, len(raw))
    if report.problems:
        # Listed in the order a person scrolls the sheet: row by row, left to right.
        order = {key: n for n, key in enumerate(COLUMNS)}
        raise DataFileError(sorted(report.problems, key=lambda p: (
            p.row is None, p.row or 0, order.get(p.field, 0))))
    # The columns are fresh arrays: wrap them instead of copying a million rows again.
    log = pd.DataFrame(out, copy=False)
    if len(keep) < len(raw):
        log = log.iloc[keep]
    return log.reset_index(drop=True)


def _spread(values: np.ndarray, column: _Column, fill: object) -> np.ndarray:
    """Give each row the checked value of its text (``fill`` where the cell is empty)."""
    spread = np.append(values, np.array([fill], dtype=values.dtype))
    # Code -1 picks the appended fill. Indexing with native-width integers is about
    # three times faster than with the categorical's int8 codes.
    return spread[column.codes.astype(np.intp)]


def _dates(column: _Column, today: dt.date, report: _Report) -> pd.Series:
    texts = column.texts
    # Excel may store a date cell with a time of midnight; keep the day.
    day_part = texts.str.replace(r"[ T]00:00(:00)?$", "", regex=True)
    parsed = pd.to_datetime(day_part, format="%Y-%m-%d", errors="coerce")
    for fmt in _DAY_FIRST_FORMATS:
        todo = parsed.isna()
        if not todo.any():
            break
        parsed = parsed.where(~todo, pd.to_datetime(day_part, format=fmt, errors="coerce"))
    values = parsed.to_numpy(dtype="datetime64[ns]")
    unreadable = np.isnat(values)
    report.add("date", "is not a date; write it as 2026-03-02 (ISO) or 02/03/2026 "
               "(day first)", column.rows_with(unreadable), lambda i: texts[column.codes[i]])
    future = ~unreadable & (values > np.datetime64(today, "ns"))
    report.add("date", f"is in the future (after {today.isoformat()})",
               column.rows_with(future), lambda i: texts[column.codes[i]])
    return pd.Series(_spread(values, column, np.datetime64("NaT", "ns")))


def _exercise(column: _Column, exercises: pd.DataFrame, report: _Report) -> pd.Categorical:
    id_type = exercises["exercise_id"].dtype
    lookup: dict[str, int] = {}
    for code, (exercise_id, name) in enumerate(zip(exercises["exercise_id"],
                                                   exercises["name"], strict=True)):
        for label in (exercise_id, name):
            lookup[_exercise_key(label)] = code
    codes = np.array([lookup.get(_exercise_key(t), -1) for t in column.texts], dtype=np.int64)
    unknown = codes == -1
    names = exercises["name"].tolist()

    def text_of(position: int) -> str:
        return column.texts[column.codes[position]]

    for text_code in np.flatnonzero(unknown):
        text = column.texts[text_code]
        close = difflib.get_close_matches(text.lower(), [n.lower() for n in names], n=3,
                                          cutoff=0.4)
        shown = [n for n in names if n.lower() in close]
        hint = (f"closest known: {', '.join(repr(n) for n in shown)}" if shown
                else f"known exercises: {', '.join(repr(n) for n in names)}")
        report.add("exercise", f"is not a known exercise; {hint}",
                   np.flatnonzero(column.codes == text_code), text_of)
    return pd.Categorical.from_codes(_spread(codes, column, -1), dtype=id_type)


def _exercise_key(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", str(text).lower()).split())


def _choice(column: _Column | None, dtype: pd.CategoricalDtype, name: str,
            report: _Report) -> pd.Categorical:
    if column is None:
        return pd.Categorical.from_codes(np.full(len(report.row_numbers), -1), dtype=dtype)
    known = {value: code for code, value in enumerate(dtype.categories)}
    codes = np.array([known.get(t.lower(), -1) for t in column.texts], dtype=np.int64)
    report.add(name, f"must be one of {', '.join(dtype.categories)}",
               column.rows_with(codes == -1), lambda i: column.texts[column.codes[i]])
    return pd.Categorical.from_codes(_spread(codes, column, -1), dtype=dtype)


def _number(column: _Column | None, name: str, decimal_comma: bool, report: _Report,
            *, whole: bool) -> pd.api.extensions.ExtensionArray:
    dtype = "Int64" if whole else "Float64"
    if column is None:
        return pd.array([pd.NA] * len(report.row_numbers), dtype=dtype)
    if whole:
        message = "must be a whole number of 1 or more"
    else:
        rule, message = _NUMBER_RULES[name]
    texts = column.texts.str.replace(",", ".", regex=False) if decimal_comma else column.texts
    checked = pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce").to_numpy(float)
    with np.errstate(invalid="ignore"):
        if whole:
            good = (checked >= 1) & (np.floor(checked) == checked)
        else:
            good = rule(checked)
    report.add(name, message, column.rows_with(~good), lambda i: column.texts[column.codes[i]])
    # A bad cell has been reported and fails the read, so what it holds here never shows;
    # an empty cell is masked.
    values = _spread(np.nan_to_num(checked), column, 0.0)
    if whole:
        return pd.arrays.IntegerArray(values.astype(np.int64), column.missing.copy())
    return pd.arrays.FloatingArray(values, column.missing.copy())


def _runner(column: _Column | None, length: int) -> pd.Categorical:
    if column is None:
        return pd.Categorical.from_codes(np.full(length, -1), categories=pd.Index([], dtype=str))
    texts = pd.Index([" ".join(t.split()) for t in column.texts], dtype=str)
    unique = texts.unique()
    codes = unique.get_indexer(texts)
    return pd.Categorical.from_codes(_spread(codes, column, -1), categories=unique)


def _notes(notes: pd.Series | None, length: int) -> pd.Series:
    """The notes as written: only hipkit's formula apostrophe is removed, no spaces."""
    if notes is None:
        return pd.Series(pd.NA, index=range(length), dtype="string")
    if not isinstance(notes.dtype, pd.CategoricalDtype):
        notes = notes.astype("category")
    texts = pd.array(_unquote(notes.cat.categories.astype(str)), dtype="string")
    # Build the string array from the distinct notes, then spread it: checking a
    # million repeated strings one by one would cost more than reading them.
    return pd.Series(texts.take(notes.cat.codes.to_numpy(), allow_fill=True))


# --- Many logs in one check (entry point for hipkit.group) ---------------------------
# Checking costs mostly per call, not per row: 300 small files checked one by one spend
# most of their time setting up. So the cells of every file are stacked and checked in
# one pass; a file whose cells fail is checked again on its own, so its error names the
# file and its rows exactly as read_log does.


def read_logs(paths: Iterable[str | Path], *, today: dt.date | None = None,
              data_dir: DataDir = None) -> tuple[dict[Path, pd.DataFrame],
                                                 dict[Path, DataFileError]]:
    """Read and check many logs: what :func:`read_log` gives for each, in one pass.

    Returns the logs that read, by path, and the error of each file that did not
    (what :func:`read_log` would raise for it; a file that cannot be opened is one
    such error too, so one bad file never stops the others).

    Examples
    --------
    >>> from hipkit.library import data_root
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
        names = [_normal_name(column) for column in raw.columns]
        if (len(set(names)) == len(names) and set(names) <= set(COLUMNS)
                and set(REQUIRED) <= set(names)):
            headers[path] = names
    pending = [(path, raw) for path, raw in batch if path in headers]
    for _ in range(3):
        if not pending:
            return {}
        stacked, file_of_row = _stack(pending, headers)
        try:
            log = check_log(stacked, "several files", **options)
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

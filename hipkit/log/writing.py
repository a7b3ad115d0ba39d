"""Write training logs without ever losing what was there.

Every write builds the whole new file beside the old one, flushes it to disk and only
then renames it over the old file, so a crash leaves either the old log or the new
one, never half of either. A lock file (``<log>.lock``) makes two notebooks that append
at the same moment take turns, so both entries land.

Text a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return) is written with a leading apostrophe; :func:`read_log` removes
it again, so hipkit reads back exactly what was written.

The writer writes CSV text only: it refuses an Excel workbook (``.xlsx`` and the like)
rather than put CSV text in it, and a file that mixes two text encodings. A log reached
through a symbolic link is written where the link points, so the link stays a link.
Columns of the runner's own (``weather``) are carried along like hipkit's.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import os
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
from filelock import FileLock

from hipkit.errors import DataFileError, Problem
from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_exercises
from hipkit.log.columns import column_names, log_columns, normal_name, required_names
from hipkit.log.opening import text_encoding
from hipkit.log.reading import check_log, neutralise, records_to_raw

#: File endings of spreadsheet workbooks, which the writer refuses (it writes CSV text).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")

Entries = pd.DataFrame | Iterable[Mapping[str, object]]


def append_entries(path: str | Path, entries: Entries, *, today: dt.date | None = None,
                   data_dir: DataDir = None, timeout: float = 30) -> pd.DataFrame:
    """Check new entries and append them to a CSV log, atomically and under a lock.

    The file keeps its own encoding, separator, decimal mark, line endings and column
    order; a missing file is created with every declared column
    (:mod:`hipkit.log.columns`) and any column of the runner's own the entries carry.

    Parameters
    ----------
    path : str or Path
        The CSV log. A symbolic link is followed: the file it points to gets the rows.
    entries : DataFrame or iterable of dict
        Rows keyed by log column (``exercise`` may be a name or an id; a DataFrame from
        :func:`read_log` with its ``exercise_id`` column works too). Numbers typed as
        text may use a decimal comma.
    today : datetime.date, optional
        Dates after this day are rejected (default: the computer's date).
    data_dir : path, optional
        Where the exercise library is read from.
    timeout : float
        Seconds to wait for another writer's lock before giving up.

    Returns
    -------
    pandas.DataFrame
        The entries as they were checked and written, typed like :func:`read_log`.

    Raises
    ------
    hipkit.errors.DataFileError
        If an entry breaks the log format, needs a column the file does not have, or
        the file is not a CSV text file hipkit can append to (an Excel workbook, a
        file mixing two encodings); nothing is written then.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> log = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
    >>> saved = append_entries(log, [{"date": "2026-03-02", "exercise": "Single-leg bridge",
    ...                               "side": "left", "sets": 2, "reps": 15}])
    >>> log.read_text().splitlines()[1]
    '2026-03-02,,Single-leg bridge,left,,2,,15,,,,,,,,'
    """
    given = path
    # Write where a symbolic link points: replacing the link would leave its target,
    # the runner's real log, without the entry.
    path = Path(os.path.realpath(path))
    _refuse_workbook(path)
    records = _records(entries)
    if not records:
        # Nothing to add: the file is left as it is (not even created) and said so.
        warnings.warn(NothingAppendedWarning(f"{given}: no entries given, nothing appended"),
                      stacklevel=2)
        return read_log_template()
    # A person typing into the form may write 7,5 for seven and a half minutes.
    checked = check_log(records_to_raw(records), "new entry", today=today,
                        data_dir=data_dir, decimal_comma=True, first_row=1)
    _refuse_unwritable_place(path, given)
    with FileLock(str(path) + ".lock", timeout=timeout):
        remove_stale_temps(path)
        old = path.read_bytes() if path.exists() else b""
        dialect = (_Dialect.sniff(old, path.name) if old
                   else _Dialect(_columns_of(checked), name=path.name))
        missing = [column for column in _columns_of(checked) if normal_name(column)
                   not in dialect.keys and checked[_field(column)].notna().any()]
        if missing:
            raise DataFileError([Problem(path.name, column,
                                         "column is not in this log; add it to the header "
                                         "in your spreadsheet first") for column in missing])
        body = dialect.format(checked, data_dir)
        if old and not _ends_a_line(old, dialect.encoding):
            old += dialect.newline.encode(dialect.encoding)
        write_atomic(path, (old or dialect.header()) + body)
    return checked


def write_log(log: pd.DataFrame, path: str | Path, *, data_dir: DataDir = None) -> None:
    """Write a typed log (as :func:`read_log` returns) to a new UTF-8 CSV file, atomically.

    Used to make the template and the sample log. Any existing file is replaced whole.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "empty.csv"
    >>> write_log(read_log_template(), target)
    >>> target.read_text().strip() == ",".join(column_names())
    True
    """
    given = path
    path = Path(os.path.realpath(path))
    _refuse_workbook(path)
    _refuse_unwritable_place(path, given)
    dialect = _Dialect(_columns_of(log), name=path.name)
    data = dialect.header() + dialect.format(log, data_dir)
    with FileLock(str(path) + ".lock"):
        remove_stale_temps(path)
        write_atomic(path, data)


def read_log_template() -> pd.DataFrame:
    """Return an empty log with every column typed as :func:`read_log` returns it."""
    return check_log(pd.DataFrame(columns=list(column_names())), "template", first_row=2)


class NothingAppendedWarning(UserWarning):
    """:func:`append_entries` was given no entries: the log was left untouched."""


def _refuse_unwritable_place(path: Path, given: str | Path) -> None:
    """Refuse, naming the path the user gave, a log whose folder is missing or that is a folder.

    Creating the folder would hide a mistyped path: the entries would land in a log
    nobody reads.
    """
    if path.is_dir():
        raise DataFileError([Problem(str(given), "(whole file)",
                                     "is a folder, not a log file; give the path of a .csv "
                                     "file (e.g. inside it: my_log.csv)")])
    if not path.parent.is_dir():
        raise DataFileError([Problem(str(given), "(whole file)",
                                     f"cannot be written: the folder {str(path.parent)!r} does "
                                     "not exist (a typo in the path?); create it first")])


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def remove_stale_temps(path: Path) -> None:
    """Remove temporary files a crashed write of ``path`` left beside it.

    Called with the log's lock held, so no other writer's temporary file is in use.
    """
    for leftover in path.parent.glob(f"{glob.escape(_temp_prefix(path))}*.tmp"):
        try:
            leftover.unlink()
        except OSError:  # already gone, or not ours to remove: the write goes on
            pass


def _refuse_workbook(path: Path) -> None:
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise DataFileError([Problem(
            path.name, "(whole file)",
            f"is a spreadsheet workbook ({path.suffix}); hipkit writes CSV text only. Save "
            "the sheet as 'CSV UTF-8' and log to that .csv file")])


def _columns_of(log: pd.DataFrame) -> list[str]:
    """The file columns a log's rows fill: every declared one, then the runner's own."""
    fields = {column.field for column in log_columns()}
    return [*column_names(), *(c for c in log.columns if c not in fields)]


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file, flush, fsync, rename, fsync the folder.

    If anything fails before the rename, the old file is untouched and the temporary
    file is removed. A folder given as ``path``, or a ``path`` in a folder that does not
    exist, is refused with an :class:`OSError` naming ``path``, not the temporary file.

    Examples
    --------
    >>> write_atomic(Path("nowhere") / "page.html", b"")
    Traceback (most recent call last):
    ...
    FileNotFoundError: cannot write nowhere/page.html: the folder 'nowhere' does not exist \
(a typo in the path?)
    """
    if path.is_dir():
        raise IsADirectoryError(f"cannot write {path}: it is a folder; give a file name "
                                "inside it")
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"cannot write {path}: the folder {str(folder)!r} does not "
                                "exist (a typo in the path?)")
    handle, temp_name = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        # Keep the owner's permissions on a replaced file; a new one gets what any
        # program makes under the user's umask (mkstemp itself makes it private, 0600).
        os.chmod(temp_name, path.stat().st_mode & 0o7777 if path.exists()
                 else 0o666 & ~_umask())
        os.replace(temp_name, path)
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise
    if hasattr(os, "O_DIRECTORY"):
        # Make the rename itself survive a power cut (POSIX; Windows has no folder fsync).
        folder_handle = os.open(folder, os.O_DIRECTORY)
        try:
            os.fsync(folder_handle)
        finally:
            os.close(folder_handle)


def _ends_a_line(data: bytes, encoding: str) -> bool:
    ends = ("\n", "\r")
    if encoding.startswith("utf-16"):
        return data.decode(encoding)[-1:] in ends
    return data.endswith(tuple(end.encode() for end in ends))


def _umask() -> int:
    # Read by setting it: POSIX offers no other way. Set straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _field(column: str) -> str:
    fields = {c.name: c.field for c in log_columns()}
    return fields.get(column, column)


def _records(entries: Entries) -> list[dict[str, object]]:
    if isinstance(entries, pd.DataFrame):
        frame = entries.rename(columns={c.field: c.name for c in log_columns()})
        return frame.astype(object).to_dict("records")
    return [dict(entry) for entry in entries]


class _Dialect:
    """How an existing log file is written, so new rows match it."""

    def __init__(self, columns: list[str], *, name: str = "log", encoding: str = "utf-8",
                 sep: str = ",", newline: str = "\n"):
        self.columns = columns
        self.keys = [normal_name(column) for column in columns]
        self.name = name
        self.encoding = encoding
        self.sep = sep
        self.newline = newline

    @classmethod
    def sniff(cls, old: bytes, name: str) -> _Dialect:
        if old.startswith(b"PK\x03\x04"):
            raise DataFileError([Problem(name, "(whole file)", "is a spreadsheet workbook, "
                                         "not CSV text; save the sheet as 'CSV UTF-8' first")])
        end = old.find(b"\n")
        first = old if end < 0 else old[:end]
        sep = max((",", ";", "\t"), key=lambda s: first.count(s.encode()))
        # The BOM, if any, is already at the start of the old bytes: new rows go without.
        encoding = text_encoding(old, name, sep).replace("utf-8-sig", "utf-8")
        if encoding == "utf-16":
            encoding = "utf-16-le" if old.startswith(b"\xff\xfe") else "utf-16-be"
        text = old.decode(encoding) if encoding.startswith("utf-16") else None
        if text is not None:  # two bytes a character: find the line end in the text
            first_text = text.split("\n", 1)[0]
            sep = max((",", ";", "\t"), key=first_text.count)
            header_line = first_text.lstrip("\ufeff").rstrip("\r")
            crlf = first_text.endswith("\r")
        else:
            header_line = first.decode(encoding).lstrip("\ufeff").rstrip("\r")
            crlf = first.endswith(b"\r")
        header = next(csv.reader([header_line], delimiter=sep), [])
        columns = [h.strip() for h in header]
        keys = [normal_name(h) for h in header]
        missing = [c for c in required_names() if c not in keys]
        if missing:
            raise DataFileError([Problem(name, c, "required column is missing") for c in missing])
        return cls(columns, name=name, encoding=encoding, sep=sep,
                   newline="\r\n" if crlf else "\n")

    def header(self) -> bytes:
        return self._rows([self.columns])

    def format(self, log: pd.DataFrame, data_dir: DataDir) -> bytes:
        exercises = load_exercises(data_dir)
        names = dict(zip(exercises["exercise_id"], exercises["name"], strict=True))
        decimal = "," if self.sep == ";" else "."
        by_key = {normal_name(c): c for c in log.columns}
        cells = []
        for key in self.keys:
            field = _field(key)
            if field not in log and key in by_key:
                field = by_key[key]  # a column of the runner's own, matched loosely
            values = log[field] if field in log else None
            cells.append(self._cells(key, values, len(log), names, decimal))
        return self._rows(zip(*cells, strict=True)) if cells else b""

    @staticmethod
    def _cells(column: str, values: pd.Series | None, length: int, names: dict,
               decimal: str) -> list[str]:
        if values is None:
            return [""] * length
        out = []
        for value in values.astype(object):
            if value is None or pd.isna(value):
                out.append("")
            elif column == "date":
                out.append(pd.Timestamp(value).date().isoformat())
            elif column == "exercise":
                out.append(names[value])
            elif isinstance(value, float):
                text = str(int(value)) if value.is_integer() else repr(value)
                out.append(text.replace(".", decimal))
            else:
                out.append(neutralise(str(value)))
        return out

    def _rows(self, rows: Iterable[Iterable[str]]) -> bytes:
        # Written by hand rather than with csv.writer, which leaves a lone CR unquoted
        # when the line ending is "\n" and so would split the row in a spreadsheet.
        special = (self.sep, '"', "\r", "\n")
        text = "".join(
            self.sep.join('"' + cell.replace('"', '""') + '"'
                          if any(ch in cell for ch in special) else cell for cell in row)
            + self.newline
            for row in rows)
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError as error:
            raise DataFileError([Problem(
                self.name, "(text)", f"holds a character this {self.encoding} file cannot store",
                error.object[error.start:error.end])]) from error

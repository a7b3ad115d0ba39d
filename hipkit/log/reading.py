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

Every declared column but free text is parsed as a pandas categorical, numbers
included: a log repeats few distinct values (sets 1 to 3, a handful of dates a week),
so each distinct text is checked once however many rows repeat it, and a bad one is
traced back to every row holding it. Free text (notes, the runner's own columns) is
read as plain text and hashed once. That keeps a million-row club log close to the
speed and memory of a bare :func:`pandas.read_csv` (``benchmarks/log_read.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import warnings
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from hipkit.errors import DataFileError, Problem, Problems
from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_exercises
from hipkit.log import columns as declaration
from hipkit.log.columns import BAND_COLOURS, SIDES, LogColumn, loose_key, normal_name
from hipkit.settings import today as todays_date

#: Columns of a log file as shipped, in the order hipkit writes them (a copy of
#: :data:`hipkit.log.columns.LOG_COLUMNS`; code that must follow an extended
#: declaration calls :func:`hipkit.log.columns.column_names`). Target and actual sit
#: side by side (``sets_target`` next to ``sets``), as in the wger workout log.
COLUMNS = declaration.column_names()
#: Columns every log must have; the others may be left out of the file altogether.
REQUIRED = declaration.required_names()
__all__ = ["BAND_COLOURS", "COLUMNS", "REQUIRED", "SIDES", "KeptColumnsWarning",
           "RepeatedRowsWarning", "read_log", "check_log", "records_to_raw", "neutralise",
           "text_encoding"]
SIDE_TYPE = pd.CategoricalDtype(SIDES)
BAND_TYPE = pd.CategoricalDtype(BAND_COLOURS, ordered=True)
#: Text starting with these is written with a leading apostrophe, so a spreadsheet shows
#: it instead of running it as a formula; the reader removes one apostrophe from text
#: made of apostrophes and then one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: How many rows one kind of problem lists before it summarises the rest.
MAX_ROWS_LISTED = 20
#: Rows read_csv tokenises at a time (see _read_in_chunks).
CHUNK_ROWS = 131_072
#: Most bytes of XML a workbook's parts may inflate to, all together. A sheet of a million
#: log rows is about 250 MB of XML; a 1 MB file claiming more is a zip bomb.
MOST_XLSX_XML = 512 * 2**20
#: Most characters in one cell: Excel's own limit, so a longer cell was not made by Excel.
MOST_CELL_CHARS = 32_767
#: Earliest day a log may hold: anything before is a mistyped year (0026 for 2026).
FIRST_DAY = dt.date(1900, 1, 1)

_DAY_FIRST_FORMATS = ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")
# A time of day after the date (what datetime.now() and many sheets write): the row
# counts on its day. Hours 0-23, minutes and seconds 0-59, optional fraction and zone.
_TIME_OF_DAY = (r"[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?"
                r"(?:Z|[+-]\d\d:?\d\d)?$")
# A character that only UTF-8 writes: a lead byte and its continuation bytes.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")


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


def text_encoding(data: bytes, file: str, sep: str | None = None) -> str:
    """The one encoding a log file's bytes are written in: UTF-8, UTF-16 or Windows-1252.

    A file that is valid UTF-8 is UTF-8 (a byte-order mark is allowed). A file starting
    with a UTF-16 byte-order mark, or whose first characters are ASCII with a zero byte
    beside each (what Excel's "Unicode Text" and some apps save), is UTF-16. A file that
    is neither, and holds no character only UTF-8 writes, is Windows-1252, what Excel
    saves as "CSV". A file holding both (a sheet saved by two programs) cannot be read
    right as either, so it is refused, naming the first row that breaks it.

    Examples
    --------
    >>> text_encoding("Zoë".encode("cp1252"), "log.csv")
    'cp1252'
    >>> text_encoding("date,reps".encode("utf-16"), "log.csv")
    'utf-16'
    >>> text_encoding("Zoë\\nZoë".encode() + "\\nZoë".encode("cp1252"), "log.csv")
    Traceback (most recent call last):
    ...
    hipkit.errors.DataFileError: 1 problem in the data:
    - log.csv, row 3, field '(encoding)': is not UTF-8 like row 1 before it: the file \
mixes two encodings (a sheet saved by two programs?); save it again as CSV UTF-8 \
(got 'Zoë')
    """
    wide = _utf16_kind(data)
    if wide:
        try:
            data.decode(wide)
        except UnicodeDecodeError as error:
            raise DataFileError([Problem(file, "(whole file)",
                                         "starts as UTF-16 text but is not valid UTF-16 "
                                         "throughout; save it again as CSV UTF-8")]) from error
        return wide
    if data.isascii():
        return "utf-8"
    try:
        data.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data) is None:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise DataFileError([Problem(file, "(whole file)",
                                         "is neither UTF-8 nor Windows-1252 text")]) from error
        return "cp1252"
    raise DataFileError([_mixed_encoding_problem(data, file, sep)])


def _utf16_kind(data: bytes) -> str | None:
    """``"utf-16"`` (with a byte-order mark), ``"utf-16-le"``/``"-be"`` (without), or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # Python's codec reads the mark, then drops it
    # Without a mark: a header is ASCII, so every other byte of it is zero. No UTF-8 or
    # Windows-1252 text holds zero bytes.
    start = data[:256]
    if len(start) >= 4 and len(start) % 2 == 0:
        if start[1::2].count(0) == len(start) // 2 and 0 not in start[0::2]:
            return "utf-16-le"
        if start[0::2].count(0) == len(start) // 2 and 0 not in start[1::2]:
            return "utf-16-be"
    return None


def _mixed_encoding_problem(data: bytes, file: str, sep: str | None) -> Problem:
    """Find the first UTF-8 row and the first row that is not, by spreadsheet row."""
    text = data.decode("utf-8", errors="surrogateescape").lstrip("\ufeff")
    if sep is None:
        first_line = text.split("\n", 1)[0]
        sep = max((",", ";", "\t"), key=first_line.count)
    first_utf8 = first_other = None
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=sep),
                                 start=1):
        for cell in row:
            if first_other is None and re.search("[\udc80-\udcff]", cell):
                first_other = (number, cell.encode("utf-8", "surrogateescape")
                               .decode("cp1252", "replace"))
            elif first_utf8 is None and not cell.isascii() and \
                    not re.search("[\udc80-\udcff]", cell):
                first_utf8 = (number, cell)
        if first_utf8 and first_other:
            break
    if first_utf8 is None or first_other is None:  # e.g. one cell holding both
        where = first_other or first_utf8 or (1, "")
        return Problem(file, "(encoding)", "mixes UTF-8 and another encoding in one row; "
                       "save the file again as CSV UTF-8", where[1], row=where[0])
    # The row that breaks the file is the later of the two: until then it was one encoding.
    if first_other[0] > first_utf8[0]:
        message = f"is not UTF-8 like row {first_utf8[0]} before it"
        row, value = first_other
    else:
        message = f"is UTF-8 while row {first_other[0]} before it is not"
        row, value = first_utf8
    return Problem(file, "(encoding)", message + ": the file mixes two encodings (a sheet "
                   "saved by two programs?); save it again as CSV UTF-8", value, row=row)


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


def _free_text_names() -> set[str]:
    return {c.name for c in declaration.log_columns() if c.kind == "text"}


def _name_names() -> set[str]:
    return {c.name for c in declaration.log_columns() if c.kind == "name"}


def _structured_names(free_text: set[str]) -> set[str]:
    return set(declaration.column_names()) - free_text


def _read_csv(path: Path) -> tuple[pd.DataFrame, bool]:
    """Read every cell as text (categories), whatever encoding and separator Excel used."""
    data = path.read_bytes()
    wide = _utf16_kind(data)
    if wide:
        # UTF-16 (Excel's "Unicode Text"): read as the UTF-8 it holds, from memory.
        text_encoding(data, path.name)  # refuses a file that is not UTF-16 throughout
        data = data.decode(wide).encode("utf-8")
    # Slice, not split: splitting would copy the whole file once more.
    end = data.find(b"\n")
    first_line = data if end < 0 else data[:end]
    sep = max((",", ";", "\t"), key=lambda s: first_line.count(s.encode()))
    encoding = text_encoding(data, path.name, sep)
    source = io.BytesIO(data) if wide else path
    if not wide:
        del data
    header_line = first_line.decode(encoding, errors="replace").lstrip("\ufeff")
    header = next(csv.reader([header_line.rstrip("\r")], delimiter=sep), [])
    # A ';' file is a European Excel export, where 2,5 means two and a half.
    options = {"sep": sep, "decimal": "," if sep == ";" else ".", "index_col": False,
               "keep_default_na": False, "na_values": [""], "skip_blank_lines": False,
               "encoding": encoding, "low_memory": False}
    try:
        # Columns that repeat few values (dates, sets, sides) are read as categories,
        # free text (notes, the runner's own columns) as plain text: most notes differ,
        # and categorising them would cost more than reading them. Plain Python strings
        # (object), not pandas' str dtype: converting to it costs a tenth of the read.
        free = _free_text_names() | {normal_name(n) for n in header
                                     if normal_name(n) not in declaration.column_names()}
        free.discard("")
        dtypes = defaultdict(lambda: "category",
                             {name: object for name in header if normal_name(name) in free})
        raw = _read_in_chunks(_rewound(source), dtypes, options)
        for position, _ in enumerate(header[:raw.shape[1]]):
            # read_csv makes an all-numeric column's categories numbers; a runner named
            # "007" must stay as typed, so read such a column again as text.
            cells = raw.iloc[:, position]
            if (isinstance(cells.dtype, pd.CategoricalDtype) and normal_name(header[position])
                    in _name_names() and pd.api.types.is_numeric_dtype(cells.cat.categories)):
                text = pd.read_csv(_rewound(source), usecols=[position], dtype=str, **options)
                raw[raw.columns[position]] = text.iloc[:, 0].astype("category")
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        extra = (_extra_cell_problems(_rewound(source), path.name, encoding, sep, len(header))
                 if "Expected" in str(error) else Problems())
        if extra:
            raise DataFileError(extra) from error
        raise DataFileError([Problem(path.name, "(whole file)",
                                     f"cannot be read as a table: {error}")]) from error
    # pandas renames a repeated header "reps" to "reps.1": report it as the repeat it is.
    raw.columns = header if len(header) == raw.shape[1] else raw.columns
    return raw, sep == ";"


def _rewound(source: Path | io.BytesIO) -> Path | io.BytesIO:
    """The source ready to be read from its start (a file in memory is read more than once)."""
    if isinstance(source, io.BytesIO):
        source.seek(0)
    return source


def _extra_cell_problems(source: Path | io.BytesIO, file: str, encoding: str, sep: str,
                         width: int) -> Problems:
    """Every row holding more cells than the header names, by spreadsheet row.

    Read again only when the table cannot be read: a note with an unquoted separator
    (``sore, then better``) moves every cell after it, so the row is refused, not guessed.
    """
    if isinstance(source, io.BytesIO):
        text = io.TextIOWrapper(source, encoding=encoding, newline="")
    else:
        text = open(source, encoding=encoding, newline="")  # noqa: SIM115 (closed below)
    with text:
        rows = csv.reader(text, delimiter=sep)
        next(rows, None)
        wide = [(number, row) for number, row in enumerate(rows, start=2) if len(row) > width]
    problems = Problems(Problem(file, "(extra cells)",
                                f"has {len(row) - width} cell{'s' if len(row) - width > 1 else ''} "
                                f"more than the header's {width} columns: a {sep!r} inside a note? "
                                "Put that cell in quotes, or remove the extra cells",
                                sep.join(row[width:]), row=number)
                        for number, row in wide[:MAX_ROWS_LISTED])
    if len(wide) > MAX_ROWS_LISTED:
        problems.add(file, "(extra cells)", f"{len(wide) - MAX_ROWS_LISTED} more rows "
                     "have more cells than the header's columns")
    return problems


def _read_in_chunks(path: Path, dtypes: Mapping, options: dict) -> pd.DataFrame:
    """read_csv in blocks of CHUNK_ROWS rows, joined column by column.

    Tokenising a whole large file at once holds every cell's text in memory (over
    twice the file's size); pandas' own small chunks (``low_memory``) make
    categoricals slowly. Blocks of 131,072 rows keep both in check.
    """
    parts = list(pd.read_csv(path, dtype=dtypes, chunksize=CHUNK_ROWS, **options))
    if len(parts) == 1:
        return parts[0]
    columns = {}
    for position in range(parts[0].shape[1]):
        pieces = [part.iloc[:, position] for part in parts]
        if isinstance(pieces[0].dtype, pd.CategoricalDtype):
            if len({str(piece.cat.categories.dtype) for piece in pieces}) > 1:
                # One block read a column as numbers, another as text: make all text.
                pieces = [piece.cat.rename_categories(
                    [_as_text(v) for v in piece.cat.categories]) for piece in pieces]
            columns[position] = union_categoricals(pieces)
        else:
            columns[position] = pd.concat(pieces, ignore_index=True)
    raw = pd.DataFrame(columns, copy=False)
    raw.columns = parts[0].columns
    return raw


def _read_xlsx(path: Path) -> pd.DataFrame:
    """Read the first sheet cell by cell so row numbers match what Excel shows.

    The workbook's parts are inflated once, streamed, to check their size before
    openpyxl reads them (in read-only mode, row by row): a small file that inflates to
    gigabytes, or a cell no spreadsheet can hold, is refused before it takes memory.
    """
    from openpyxl import load_workbook

    _refuse_workbook_bomb(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise DataFileError([Problem(path.name, "(whole file)",
                                     f"cannot be opened as an Excel workbook: {error}")]) from error
    try:
        sheet = book.worksheets[0]
        # A used range recorded wider or taller than the table is common (a cell once
        # formatted): read what is there, not what the sheet's dimension claims.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None)
        body = [[_as_text(cell) for cell in row] for row in rows]
    finally:
        book.close()
    if first is None:
        return pd.DataFrame()
    width = max([len(first), *map(len, body)])
    header = ["" if cell is None else str(cell) for cell in first]
    header += [""] * (width - len(header))
    for row in body:
        row += [np.nan] * (width - len(row))
    long_cells = [Problem(path.name, header[column] or f"(column {column + 1})",
                          f"holds {len(text):,} characters, more than the {MOST_CELL_CHARS:,} "
                          "a spreadsheet cell can hold (a damaged file?)", text[:40] + "...",
                          row=number)
                  for number, row in enumerate(body, start=2)
                  for column, text in enumerate(row)
                  if isinstance(text, str) and len(text) > MOST_CELL_CHARS]
    if long_cells:
        raise DataFileError(long_cells[:MAX_ROWS_LISTED])
    raw = pd.DataFrame(body, columns=range(width), dtype=object)
    raw = raw.replace("", np.nan).astype("category")
    raw.columns = header
    return raw


def _refuse_workbook_bomb(path: Path) -> None:
    """Refuse a workbook whose XML inflates past MOST_XLSX_XML or holds an overlong cell.

    The sizes the zip declares are checked first (instant); then each XML part is
    inflated in 1 MiB pieces and counted, since a declared size can lie. A cell's text
    lies between two ``<``: no stretch without one may be longer than the most
    characters a cell holds, written as escaped UTF-8 (at most 10 bytes a character).
    """
    longest_run = MOST_CELL_CHARS * 10

    def refuse(message: str) -> DataFileError:
        return DataFileError([Problem(path.name, "(whole file)", message)])

    too_big = (f"inflates to more than {MOST_XLSX_XML // 2**20:,} MB of sheet data, more "
               "than any training log (a damaged or hostile file?); save the sheet again "
               "or as CSV UTF-8")
    try:
        with zipfile.ZipFile(path) as book:
            parts = [info for info in book.infolist() if info.filename.endswith((".xml", ".rels"))]
            if sum(info.file_size for info in parts) > MOST_XLSX_XML:
                raise refuse(too_big)
            inflated = 0
            for info in parts:
                run = 0  # bytes since the last "<", carried from one piece to the next
                with book.open(info) as part:
                    while piece := part.read(2**20):
                        inflated += len(piece)
                        if inflated > MOST_XLSX_XML:
                            raise refuse(too_big)
                        opens = np.flatnonzero(np.frombuffer(piece, np.uint8) == ord("<"))
                        if len(opens):
                            gaps = np.diff(opens, prepend=-1 - run) - 1
                            widest = int(gaps.max())
                            run = len(piece) - 1 - int(opens[-1])
                        else:
                            widest = run = run + len(piece)
                        if max(widest, run) > longest_run:
                            raise refuse(f"holds a cell of more than {MOST_CELL_CHARS:,} "
                                         f"characters (in {info.filename}), more than a "
                                         "spreadsheet cell can hold (a damaged or hostile "
                                         "file?)")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise refuse(f"cannot be opened as an Excel workbook: {error}") from error


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

    def text_at(self, position: int) -> str:
        return self.texts[self.codes[position]]


class _Text:
    """A free-text column read as plain text: its distinct texts and which cells are empty.

    Hashing the texts once (``factorize``, no sorting) lets each distinct text be
    checked once, like :class:`_Column`, without the cost of a categorical.
    """

    def __init__(self, raw: pd.Series):
        self.codes, uniques = pd.factorize(raw.to_numpy(dtype=object))
        self.texts = uniques
        # A cell of spaces only is an empty cell. Such cells are rare (an empty cell is
        # already missing), so one search of the joined texts for a text starting with a
        # space usually rules them out.
        if re.search(r"\x00\s", "\x00" + "\x00".join(uniques)):
            blank = np.array([not text.strip() for text in uniques] + [True], dtype=bool)
            self.missing = blank[self.codes]
        else:
            self.missing = self.codes == -1

    def strings(self) -> pd.Series:
        """The texts as written, but for hipkit's formula apostrophe (string dtype)."""
        texts = _unquote(pd.Index(self.texts, dtype=object)) if len(self.texts) else self.texts
        return pd.Series(pd.array(np.asarray(texts, dtype=object), dtype="string")
                         .take(self.codes, allow_fill=True))


def _unquote(texts: pd.Index) -> pd.Index:
    """Undo the apostrophe hipkit's writer puts before formula-like text."""
    # The usual case, nothing to undo, found with one search of the joined texts: the
    # texts one by one cost more than the rest of a large log's checks.
    if "\n'" not in "\n" + "\n".join(texts[~texts.isna()] if texts.hasnans else texts):
        return texts
    starts = texts.str.startswith("'")
    quoted = starts & texts.str.lstrip("'").str[:1].isin(FORMULA_STARTS)
    return texts.where(~quoted, texts.str[1:])


class _Report:
    """Collects problems, listing at most MAX_ROWS_LISTED rows of one kind."""

    def __init__(self, file: str, row_numbers: np.ndarray):
        self.file = file
        self.row_numbers = row_numbers
        self.problems = Problems()

    def add(self, column: str, message: str, rows: np.ndarray,
            values: Callable[[int], object] | None = None) -> None:
        for position in rows[:MAX_ROWS_LISTED]:
            value = None if values is None else values(position)
            self.problems.add(self.file, column, message, value,
                              row=int(self.row_numbers[position]))
        if len(rows) > MAX_ROWS_LISTED:
            self.problems.add(
                self.file, column,
                f"{len(rows) - MAX_ROWS_LISTED} more rows have this problem: {message}")


class _Context:
    """What every column's check needs besides its cells."""

    def __init__(self, report: _Report, today: dt.date, data_dir: DataDir,
                 decimal_comma: bool):
        self.report = report
        self.today = today
        self.data_dir = data_dir
        self.decimal_comma = decimal_comma
        self.length = len(report.row_numbers)


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


def _cells(raw: pd.Series, column: LogColumn | None) -> _Column | _Text:
    """The cells of one column, ready for checking (free text: only its empty cells)."""
    free_text = column is None or column.kind == "text"
    if free_text and not isinstance(raw.dtype, pd.CategoricalDtype):
        return _Text(raw)
    return _Column(raw, strip_formula_quote=free_text or column.kind == "name")


def _spread(values: np.ndarray, column: _Column, fill: object) -> np.ndarray:
    """Give each row the checked value of its text (``fill`` where the cell is empty)."""
    spread = np.append(values, np.array([fill], dtype=values.dtype))
    # Code -1 picks the appended fill. numpy 2 indexes with the categorical's own
    # narrow codes several times faster than after widening them to intp.
    return spread[column.codes]


def _spread_codes(codes: np.ndarray, column: _Column) -> np.ndarray:
    """Category codes per row, in the narrowest type pandas would keep them in."""
    narrow = np.int8 if len(codes) < 127 else np.int16 if len(codes) < 32_767 else np.int64
    return _spread(codes.astype(narrow), column, -1)


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


# --- Many logs in one check (entry point for hipkit.coach.group) ---------------------------
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

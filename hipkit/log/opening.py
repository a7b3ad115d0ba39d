"""Open a log file as a table of its cells as text: CSV in any encoding, or .xlsx.

A CSV file may be UTF-8 (with or without BOM), UTF-16 or Windows-1252
(:func:`text_encoding`, which refuses a file mixing two), separated by ``,``, ``;``
(decimal commas) or tabs; it is read in blocks of :data:`CHUNK_ROWS` rows, and a row
with more cells than the header is refused by its spreadsheet row. A workbook is
checked for a zip bomb or an overlong cell before openpyxl streams its first sheet.
Checking the cells is :func:`hipkit.log.reading.check_log`'s job.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from hipkit.errors import DataFileError, Problem, Problems
from hipkit.log import columns as declaration
from hipkit.log.cells import MAX_ROWS_LISTED, _as_text, _free_text_names, _name_names
from hipkit.log.columns import normal_name

__all__ = ["text_encoding"]
#: Rows read_csv tokenises at a time (see _read_in_chunks).
CHUNK_ROWS = 131_072
#: Most bytes of XML a workbook's parts may inflate to, all together. A sheet of a million
#: log rows is about 250 MB of XML; a 1 MB file claiming more is a zip bomb.
MOST_XLSX_XML = 512 * 2**20
#: Most characters in one cell: Excel's own limit, so a longer cell was not made by Excel.
MOST_CELL_CHARS = 32_767
# A character that only UTF-8 writes: a lead byte and its continuation bytes.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")


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

"""A log's cells as the checks see them, and the problems they collect.

Each column of cells is read as its distinct texts plus one code per row
(:class:`_Column` for categoricals, :class:`_Text` for free text), so a text is
checked once however many rows repeat it, and a checked value is spread back to
every row holding it. :class:`_Report` lists at most :data:`MAX_ROWS_LISTED` rows
of one kind of problem. Used by :mod:`hipkit.log.opening`,
:mod:`hipkit.log.value_checks` and :mod:`hipkit.log.reading`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from hipkit.errors import Problems
from hipkit.log import columns as declaration
from hipkit.log.columns import LogColumn

#: Text starting with these is written with a leading apostrophe, so a spreadsheet shows
#: it instead of running it as a formula; the reader removes one apostrophe from text
#: made of apostrophes and then one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: How many rows one kind of problem lists before it summarises the rest.
MAX_ROWS_LISTED = 20


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

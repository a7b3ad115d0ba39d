"""Errors raised when a data file or a log breaks its documented format."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, located as precisely as the format allows.

    ``row`` is the row number as a spreadsheet shows it (header = row 1), or
    ``None`` for files without rows.
    """

    file: str
    field: str
    message: str
    value: object = None
    row: int | None = None

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        text = f"{where}, field '{self.field}': {self.message}"
        if self.value is not None:
            text += f" (got {self.value!r})"
        return text


class DataFileError(ValueError):
    """Raised with every problem found in the files read, so one run shows them all.

    Nothing is loaded when this is raised.
    """

    def __init__(self, problems: Problems | Iterable[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the data:"
        super().__init__("\n".join([header, *(f"- {p}" for p in self.problems)]))


class Problems:
    """The problems found while reading one or more files, raised all at once.

    The one way hipkit collects problems: a reader adds each problem as it finds it and
    goes on reading, then calls :meth:`raise_if_any`, so one run shows them all. The
    problems keep the order they were added in, unless ``raise_if_any`` is given a
    sort key.

    Parameters
    ----------
    problems : iterable of Problem, optional
        Problems already found.

    Examples
    --------
    >>> problems = Problems()
    >>> problems.add("muscles.csv", "muscle_id", "is empty", row=3)
    >>> problems.add("muscles.csv", "(whole file)", "is missing")
    >>> len(problems), bool(problems)
    (2, True)
    >>> problems.raise_if_any(key=lambda p: p.row or 0)
    Traceback (most recent call last):
    ...
    hipkit.errors.DataFileError: 2 problems in the data:
    - muscles.csv, field '(whole file)': is missing
    - muscles.csv, row 3, field 'muscle_id': is empty
    >>> Problems().raise_if_any()  # nothing found: nothing raised
    """

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        self._problems: list[Problem] = list(problems)

    def add(self, file: str, field: str, message: str, value: object = None,
            row: int | None = None) -> None:
        """Note one problem (the arguments of :class:`Problem`)."""
        self._problems.append(Problem(file, field, message, value, row))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Note problems already made, such as another reader's or a worker's."""
        self._problems.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._problems)

    def __len__(self) -> int:
        return len(self._problems)

    def __bool__(self) -> bool:
        return bool(self._problems)

    def __repr__(self) -> str:
        return f"Problems({self._problems!r})"

    def __str__(self) -> str:
        """The text :meth:`raise_if_any` would raise, for a warning that lists them."""
        return str(DataFileError(self._problems))

    def raise_if_any(self, *, key: Callable[[Problem], Any] | None = None) -> None:
        """Raise one :class:`DataFileError` listing every problem, if there is any.

        ``key`` sorts the problems first (a stable sort, as :func:`sorted`), for
        readers whose problems are found column by column but listed row by row.
        """
        if self._problems:
            raise DataFileError(self._problems if key is None
                                else sorted(self._problems, key=key))


class UnknownIdError(KeyError):
    """Raised by every lookup given an id the data does not hold; names the known ids.

    A :class:`KeyError`, so ``except KeyError`` still catches it, but printed as a
    sentence rather than a quoted key.

    Examples
    --------
    >>> print(UnknownIdError("exercise_id", "plank", ["bridge", "clamshell"]))
    unknown exercise_id 'plank'; known: bridge, clamshell
    """

    def __init__(self, kind: str, value: object, known, *, reason: str | None = None,
                 known_as: str = "known"):
        self.kind, self.value = kind, value
        self.known = [str(k) for k in known]
        super().__init__(f"{reason or f'unknown {kind} {value!r}'}; "
                         f"{known_as}: {', '.join(self.known) or 'none'}")

    def __str__(self) -> str:
        return str(self.args[0])

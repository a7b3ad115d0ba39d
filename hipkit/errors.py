"""Errors raised when a data file or a log breaks its documented format."""

from __future__ import annotations

from dataclasses import dataclass


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

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the data:"
        super().__init__("\n".join([header, *(f"- {p}" for p in self.problems)]))


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

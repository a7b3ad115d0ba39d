"""Where the data is read from, and the helpers that read and check its files.

:func:`data_root` finds the data folder (an argument, ``HIPKIT_DATA`` or the data
shipped with hipkit); :func:`read_toml`, :class:`FieldChecker` and :func:`read_tables`
read one TOML file, collecting every problem instead of stopping at the first.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from hipkit.errors import Problems

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable

    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    from importlib.abc import Traversable

    import tomli as tomllib

DataDir = str | Path | Traversable | None


#: Environment variable naming a data folder to read instead of the shipped one, so a
#: coach can point every lesson and command at their own copy (see data/README.md).
DATA_ENV = "HIPKIT_DATA"


def data_root(data_dir: DataDir = None) -> Traversable:
    """Return the folder the data is read from.

    That is ``data_dir`` when given, else the folder named by the ``HIPKIT_DATA``
    environment variable when set, else the data shipped with hipkit.
    """
    if data_dir is None:
        data_dir = os.environ.get(DATA_ENV) or None
    if data_dir is None:
        return resources.files("hipkit.data")
    return Path(data_dir) if isinstance(data_dir, str) else data_dir


def read_toml(path: Traversable, problems: Problems) -> dict[str, Any] | None:
    """Parse one TOML file, recording a problem instead of raising when it is invalid."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.add(str(path), "(whole file)", f"is not valid TOML: {error}")
        return None


class FieldChecker:
    """Collects the problems of one file while reading its fields."""

    def __init__(self, path: Traversable, problems: Problems):
        self.file = str(path)
        self.problems = problems

    def fail(self, field: str, message: str, value: object = None) -> None:
        self.problems.add(self.file, field, message, value)

    def text(self, table: dict, key: str, field: str | None = None) -> str | None:
        field = field or key
        value = table.get(key)
        if value is None:
            self.fail(field, "is missing")
        elif not isinstance(value, str) or not value.strip():
            self.fail(field, "must be a non-empty text", value)
        else:
            return " ".join(value.split())
        return None

    def whole(self, table: dict, key: str, field: str, *, required: bool = True) -> int | None:
        value = table.get(key)
        if value is None:
            if required:
                self.fail(field, "is missing")
        elif isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(field, "must be a whole number of 1 or more", value)
        else:
            return value
        return None

    def flag(self, table: dict, key: str, field: str) -> bool | None:
        value = table.get(key)
        if not isinstance(value, bool):
            self.fail(field, "must be true or false", value)
            return None
        return value

    def texts(self, table: dict, key: str, field: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            self.fail(field, "must be a list of non-empty texts", value)
            return []
        return [" ".join(item.split()) for item in value]

    def unknown(self, table: dict, allowed: set[str], prefix: str = "") -> None:
        for key in sorted(set(table) - allowed):
            self.fail(prefix + key, f"is not a known field; known fields: {sorted(allowed)}")




def read_tables(doc: dict, key: str, check: FieldChecker, *, required: bool) -> list[dict]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        check.fail(key, f"must be written as [[{key}]] tables", value)
        return []
    if required and not value:
        check.fail(key, f"needs at least one [[{key}]] table")
    return value


"""The pack's notebooks as one table: each lesson's title and time, read from the lesson.

Lesson 00 shows this table, so adding, renaming or splitting a lesson changes it without
anyone editing a list: the title is the notebook's first ``# `` heading and the time is
its ``**Time:** about N minutes`` line (the lesson shape every lesson follows).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from hipkit.errors import Problems

#: A lesson is named by its two-digit place in the order, then its topic: 01_why_hips.
LESSON_NAME = re.compile(r"\d{2}_\w+")
_TIME = re.compile(r"\*\*Time:\*\*\s*about (\d+) minutes")
_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)


def _markdown(path: Path, problems: Problems) -> str:
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(cell["source"]) for cell in cells
                         if cell["cell_type"] == "markdown")
    except (ValueError, KeyError, TypeError) as error:
        problems.add(str(path), "cells",
                     f"is not a readable notebook ({type(error).__name__})")
        return ""


def lesson_index(folder: str | Path = ".") -> pd.DataFrame:
    """List the notebooks of ``folder``: the lessons in order, then the apps.

    Parameters
    ----------
    folder : str or pathlib.Path
        The folder holding the notebooks; by default the current one, which is the
        lessons' own folder when a lesson runs.

    Returns
    -------
    pandas.DataFrame
        One row per notebook: ``notebook`` (file name without ``.ipynb``), ``kind``
        (``lesson`` for names like ``01_why_hips``, else ``app``), ``title`` (its first
        ``# `` heading, missing when it has none) and ``minutes`` (``Int64``: the N of its
        ``**Time:** about N minutes`` line, missing when it has none, as for the apps).

    Raises
    ------
    hipkit.errors.DataFileError
        When a notebook file cannot be read as a notebook, naming every such file.

    Examples
    --------
    >>> from hipkit.lesson_index import lesson_index
    >>> lesson_index("no such folder").columns.tolist()
    ['notebook', 'kind', 'title', 'minutes']
    """
    problems = Problems()
    rows = []
    for path in sorted(Path(folder).glob("*.ipynb")):
        text = _markdown(path, problems)
        title, time = _TITLE.search(text), _TIME.search(text)
        rows.append({"notebook": path.stem,
                     "kind": "lesson" if LESSON_NAME.fullmatch(path.stem) else "app",
                     "title": title.group(1).strip() if title else pd.NA,
                     "minutes": int(time.group(1)) if time else pd.NA})
    problems.raise_if_any()
    table = pd.DataFrame(rows, columns=["notebook", "kind", "title", "minutes"]).astype(
        {"notebook": "string", "kind": "string", "title": "string", "minutes": "Int64"})
    # Lessons first, in their numbered order; the apps after them, by name.
    return table.sort_values(["kind", "notebook"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)

"""The sources every step, cue, fact and figure cites, and how a runner reads them.

:func:`load_sources` reads ``sources.csv``; :func:`source_label` and
:func:`source_mark` say in a few words where a line comes from.
"""

from __future__ import annotations

import pandas as pd

from hipkit.errors import Problem, Problems
from hipkit.exercises.data_files import DataDir, data_root

SOURCE_COLUMNS = ["id", "author", "year", "title", "doi_or_url", "note"]


def load_sources(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the sources every figure and fact in ``data/`` cites (``sources.csv``).

    Examples
    --------
    >>> from hipkit import load_sources
    >>> load_sources().columns.tolist()
    ['id', 'author', 'year', 'title', 'doi_or_url', 'note', 'checked']
    """
    path = data_root(data_dir) / "sources.csv"
    with path.open("r", encoding="utf-8") as handle:
        sources = pd.read_csv(handle, dtype="string")
    missing = [c for c in SOURCE_COLUMNS if c not in sources.columns]
    problems = Problems(Problem(str(path), column, "column is missing") for column in missing)
    if not missing:
        pairs = zip(sources["id"], sources["title"], strict=True)
        for row, (source_id, title) in enumerate(pairs, start=2):
            if pd.isna(source_id) or pd.isna(title):
                problems.add(str(path), "id" if pd.isna(source_id) else "title",
                             "is empty", row=row)
        for row in sources.index[sources["id"].duplicated()]:
            problems.add(str(path), "id", "is used twice", sources["id"][row],
                         row=row + 2)
    problems.raise_if_any()
    return sources.astype({"year": "Int64"})


SEED_SOURCE = "runners_hips_post"


def source_label(source: str, sources: pd.DataFrame | None = None) -> str:
    """Say where a step, cue or fact comes from, in a few words a runner reads.

    ``"seed"`` (or the seed's id) is the coach's post, ``"pack"`` the pack's own advice,
    any other id its first author and year from ``sources`` (:func:`load_sources`).

    Examples
    --------
    >>> source_label("seed"), source_label("pack"), source_label("mckay2020")
    ("coach's post", 'pack advice', 'McKay 2020')
    """
    if source in ("seed", SEED_SOURCE):
        return "coach's post"
    if source == "pack":
        return "pack advice"
    sources = load_sources() if sources is None else sources
    row = sources.set_index("id").loc[source]
    author = str(row["author"]).split(",")[0].split()[0] if pd.notna(row["author"]) \
        else str(row["title"])
    return f"{author} {row['year']}" if pd.notna(row["year"]) else author


def source_mark(source: object, sources: pd.DataFrame | None = None, *,
                adapted: bool = False) -> str:
    """What to append to a step or cue: nothing for the coach's words, else its source.

    ``adapted`` marks the pack's own rule built on a source's idea.

    Examples
    --------
    >>> source_mark("seed"), source_mark("pack")
    ('', ' (pack advice)')
    >>> source_mark("mckay2020", adapted=True)
    ' (adapted from McKay 2020)'
    """
    if source is None or pd.isna(source) or source in ("seed", SEED_SOURCE):
        return ""
    label = source_label(str(source), sources)
    return f" (adapted from {label})" if adapted else f" ({label})"


"""Each exercise's physio-style notes: versions, faults, cautions, self-test, burn or pain.

The ``load_*`` functions give each part as a table; :func:`guidance_for` gives one
exercise's notes as lines a runner reads (:class:`Guidance`), each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.exercise_files import ITEM_SOURCES, Library, read_library
from hipkit.exercises.sources import SEED_SOURCE, source_mark


def load_versions(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the easier and harder versions of each exercise, one row per version.

    Columns ``exercise_id``, ``level`` (``"easier"`` or ``"harder"``), ``text`` (the
    version), ``change`` (what changes from the exercise as given), ``source`` and
    ``adapted`` (true when the pack adapted the source's idea: "adapted from"). An
    exercise without ``[[versions]]`` simply has no rows.

    Examples
    --------
    >>> from hipkit.exercises.guidance import load_versions
    >>> load_versions().columns.tolist()
    ['exercise_id', 'level', 'text', 'change', 'source', 'adapted']
    >>> load_versions()["level"].cat.categories.tolist()
    ['easier', 'harder']
    """
    return read_library(data_dir).versions


def load_faults(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the common faults of each exercise with their fixes, one row per fault.

    Examples
    --------
    >>> from hipkit.exercises.guidance import load_faults
    >>> load_faults().columns.tolist()
    ['exercise_id', 'fault', 'fix', 'source', 'adapted']
    """
    return read_library(data_dir).faults


def load_cautions(data_dir: DataDir = None) -> pd.DataFrame:
    """Load who should not do each exercise, or should ask a professional first.

    Examples
    --------
    >>> from hipkit.exercises.guidance import load_cautions
    >>> load_cautions().columns.tolist()
    ['exercise_id', 'text', 'source', 'adapted']
    """
    return read_library(data_dir).cautions


def load_self_tests(data_dir: DataDir = None) -> pd.DataFrame:
    """Load each exercise's simple self-test for progress over weeks (at most one each).

    Examples
    --------
    >>> from hipkit.exercises.guidance import load_self_tests
    >>> bool(load_self_tests()["exercise_id"].is_unique)
    True
    """
    return read_library(data_dir).self_tests


def load_burn_or_pain(data_dir: DataDir = None) -> pd.DataFrame:
    """Load each exercise's line telling a working muscle's burn from pain to stop for.

    Examples
    --------
    >>> from hipkit.exercises.guidance import load_burn_or_pain
    >>> load_burn_or_pain().columns.tolist()
    ['exercise_id', 'text', 'source', 'adapted']
    """
    return read_library(data_dir).burn_or_pain


#: How the walkthrough and the handout head each part of an exercise's physio notes.
GUIDANCE_HEADINGS = {"burn_or_pain": "Burn or pain?", "versions": "Easier and harder",
                     "faults": "Common faults and fixes", "cautions": "Ask a professional first",
                     "self_test": "Check your progress"}


@dataclass(frozen=True)
class Guidance:
    """One exercise's physio-style notes as lines a runner reads, each with its source.

    Every part is empty (or ``None``) when the exercise file leaves it out.
    """

    burn_or_pain: str | None
    versions: list[tuple[str, str]]  # (level, "version. what changes (source)")
    faults: list[tuple[str, str]]  # (fault, "fix (source)")
    cautions: list[str]
    self_test: str | None
    sources: list[str]  # ids of sources.csv these lines cite, in order (not seed or pack)

    @property
    def empty(self) -> bool:
        return not (self.burn_or_pain or self.versions or self.faults or self.cautions
                    or self.self_test)


def guidance_for(exercise_id: str, library: Library) -> Guidance:
    """The versions, faults, cautions, self-test and burn-or-pain line of one exercise.

    Each line ends with where it comes from
    (:func:`~hipkit.exercises.sources.source_mark`), so "pack advice" and "adapted
    from" show wherever the line is shown.

    Examples
    --------
    >>> notes = guidance_for("single_leg_bridge", read_library())
    >>> [level for level, _ in notes.versions]
    ['easier', 'harder']
    >>> notes.burn_or_pain.endswith("(pack advice)")
    True
    """
    def own(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["exercise_id"] == exercise_id]

    def mark(row) -> str:
        return source_mark(row.source, library.sources, adapted=bool(row.adapted))

    def one(frame: pd.DataFrame) -> str | None:
        rows = list(own(frame).itertuples())
        return f"{rows[0].text}{mark(rows[0])}" if rows else None

    return Guidance(
        burn_or_pain=one(library.burn_or_pain),
        versions=[(str(r.level), f"{r.text} {r.change}{mark(r)}")
                  for r in own(library.versions).itertuples()],
        faults=[(str(r.fault), f"{r.fix}{mark(r)}") for r in own(library.faults).itertuples()],
        cautions=[f"{r.text}{mark(r)}" for r in own(library.cautions).itertuples()],
        self_test=one(library.self_tests),
        sources=list(dict.fromkeys(
            str(source) for frame in (library.burn_or_pain, library.versions, library.faults,
                                      library.cautions, library.self_tests)
            for source in own(frame)["source"]
            if source not in (*ITEM_SOURCES, SEED_SOURCE))),
    )

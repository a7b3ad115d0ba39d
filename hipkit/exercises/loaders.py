"""Load the exercise library into tidy pandas tables, one verb a table.

:func:`load_exercises`, :func:`load_steps`, :func:`load_cues` and
:func:`load_equipment` read the exercise files (checked together by
:func:`~hipkit.exercises.exercise_files.read_library`); :func:`load_facts` reads the
background facts the lessons teach.
"""

from __future__ import annotations

import pandas as pd

from hipkit.errors import Problems
from hipkit.exercises.data_files import DataDir, FieldChecker, data_root, read_tables, read_toml
from hipkit.exercises.exercise_files import read_library
from hipkit.exercises.sources import load_sources


def load_exercises(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the exercises, one row each, with the dosage as columns.

    Parameters
    ----------
    data_dir : path, optional
        A folder laid out like ``data/`` (with ``exercises/`` and ``sources.csv``).
        By default the data shipped with hipkit is read.

    Returns
    -------
    pandas.DataFrame
        Columns ``exercise_id``, ``name``, ``order``, ``purpose``, ``top_pick``,
        ``sets`` (missing where the source gives no number of sets), ``reps``,
        ``rep_unit``, ``each_side``, ``n_directions``, ``directions``,
        ``dosage_text``, ``position``, ``summary`` and ``source``, in lesson order.

    Examples
    --------
    >>> from hipkit import load_exercises
    >>> exercises = load_exercises()
    >>> exercises.columns[:5].tolist()
    ['exercise_id', 'name', 'order', 'purpose', 'top_pick']
    >>> exercises["order"].is_monotonic_increasing, str(exercises["sets"].dtype)
    (True, 'Int64')
    """
    return read_library(data_dir).exercises


def load_steps(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the steps of every exercise, one row per step, in order.

    Columns ``exercise_id``, ``step`` (from 1), ``text``, ``equipment`` (the items
    needed at that step, separated by ``"; "``, or missing) and ``source`` (``"seed"``,
    ``"pack"`` or an id of ``sources.csv``: see
    :func:`~hipkit.exercises.sources.source_label`).

    Examples
    --------
    >>> from hipkit import load_steps
    >>> steps = load_steps()
    >>> steps.columns.tolist()
    ['exercise_id', 'step', 'text', 'equipment', 'source']
    >>> bool(steps.groupby("exercise_id", observed=True)["step"].min().eq(1).all())
    True
    """
    return read_library(data_dir).steps


def load_cues(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the coaching cues, one row per cue.

    ``kind`` is ``"feel"`` (what the runner should feel), ``"do"`` (a cue to follow)
    or ``"avoid"`` (a mistake to avoid); ``source`` says where the cue comes from, as
    for :func:`load_steps`.

    Examples
    --------
    >>> from hipkit import load_cues
    >>> load_cues()["kind"].cat.categories.tolist()
    ['feel', 'do', 'avoid']
    """
    return read_library(data_dir).cues


def load_equipment(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the equipment each exercise needs, one row per item.

    Examples
    --------
    >>> from hipkit import load_equipment
    >>> load_equipment().columns.tolist()
    ['exercise_id', 'item', 'detail']
    """
    return read_library(data_dir).equipment


def load_facts(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the background facts the lessons teach (``background.toml``).

    Examples
    --------
    >>> from hipkit import load_facts
    >>> load_facts().columns.tolist()
    ['fact_id', 'topic', 'text', 'source']
    """
    path = data_root(data_dir) / "background.toml"
    problems = Problems()
    doc = read_toml(path, problems) or {}
    check = FieldChecker(path, problems)
    source_ids = set(load_sources(data_dir)["id"])
    rows = []
    for number, fact in enumerate(read_tables(doc, "facts", check, required=True), start=1):
        field = f"facts[{number}]"
        check.unknown(fact, {"id", "topic", "source", "text"}, field + ".")
        row = {"fact_id": check.text(fact, "id", field + ".id"),
               "topic": check.text(fact, "topic", field + ".topic"),
               "text": check.text(fact, "text", field + ".text"),
               "source": check.text(fact, "source", field + ".source")}
        if row["source"] is not None and row["source"] not in source_ids:
            check.fail(field + ".source", "is not an id in sources.csv", row["source"])
        rows.append(row)
    problems.raise_if_any()
    return pd.DataFrame(rows).astype("string")

"""Which muscles each exercise works: the muscles, their roles and measured activation.

Three plain CSV files in ``data/`` hold it; their field guide is ``data/MUSCLES.md``.

- ``muscles.csv``: one row per muscle (or muscle group, like the hamstrings);
- ``targets.csv``: one row per exercise x muscle, with the muscle's role in the exercise
  (the pack's own qualitative classification, ExRx-style);
- ``activation.csv``: one row per published activation figure (%MVIC). A pair measured by
  several studies has several rows; a pair nobody measured has none (missing, not zero).

Every file is checked before anything is returned: a broken file raises
:class:`~hipkit.errors.DataFileError` listing every problem with its file, row, field and
value, and nothing is half-loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from hipkit.errors import Problem, Problems, UnknownIdError
from hipkit.exercises.data_files import DataDir, data_root
from hipkit.exercises.loaders import load_exercises
from hipkit.exercises.sources import load_sources

#: Muscle groups, in the order tables and charts show them.
GROUPS = ("gluteals", "hamstrings", "hip flexors and abductors", "core")
DEPTHS = ("superficial", "deep")
#: Roles from the strongest claim to the weakest. The categorical is ordered so that
#: ``"target" > "synergist" > "stabilizer"`` holds.
ROLES = ("target", "synergist", "stabilizer")
ROLE_TYPE = pd.CategoricalDtype(list(reversed(ROLES)), ordered=True)
#: Which leg a study measured; see data/MUSCLES.md.
LEGS = ("working", "standing", "resting", "not stated")
#: Legs whose figures say how hard an exercise works a muscle. The resting leg (the lifted
#: leg of a single-leg bridge) is measured to show how little it does, so it is left out.
WORKING_LEGS = ("working", "standing", "not stated")

MUSCLE_COLUMNS = ("muscle_id", "name", "short_name", "latin_name", "group", "hip_actions",
                  "runner_role", "location", "depth")
TARGET_COLUMNS = ("exercise_id", "muscle_id", "role", "why")
ACTIVATION_COLUMNS = ("exercise_id", "muscle_id", "leg", "study_exercise", "pct_mvic_mean",
                      "pct_mvic_sd", "pct_mvic_low", "pct_mvic_high", "n_subjects",
                      "source_id", "match_note")
PCT_COLUMNS = ("pct_mvic_mean", "pct_mvic_sd", "pct_mvic_low", "pct_mvic_high")

_ID_PATTERN = re.compile(r"[a-z0-9_]+")


class _CsvFile:
    """One CSV file read as text, collecting its problems instead of raising."""

    def __init__(self, data_dir: DataDir, name: str, columns: tuple[str, ...],
                 optional: tuple[str, ...], problems: Problems):
        self.path = data_root(data_dir) / name
        self.file = str(self.path)
        self.problems = problems
        self.frame = self._read(columns)
        self.required = [c for c in columns if c not in optional]

    def _read(self, columns: tuple[str, ...]) -> pd.DataFrame | None:
        if not self.path.is_file():
            self.problems.add(self.file, "(whole file)", "is missing")
            return None
        try:
            with self.path.open("r", encoding="utf-8") as handle:
                frame = pd.read_csv(handle, dtype="string", skipinitialspace=True)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
            self.problems.add(self.file, "(whole file)",
                              f"is not a readable CSV file: {error}")
            return None
        missing = [c for c in columns if c not in frame.columns]
        unknown = [c for c in frame.columns if c not in columns]
        for column in missing:
            self.problems.add(self.file, column, "column is missing")
        for column in unknown:
            self.problems.add(self.file, column,
                              f"is not a known column; known columns: {list(columns)}")
        if missing or unknown:
            return None
        return frame.apply(lambda column: column.str.strip()).astype("string")

    def fail(self, index: int, field: str, message: str, value: object = None) -> None:
        # A spreadsheet numbers the header row 1, so data row ``index`` (from 0) is index + 2.
        self.problems.add(self.file, field, message, value, row=index + 2)

    def check_filled(self) -> None:
        for column in self.required:
            for index in self.frame.index[self.frame[column].isna()]:
                self.fail(index, column, "is empty")

    def check_each(self, column: str, ok: Callable[[str], bool], message: str) -> None:
        for index, value in self.frame[column].dropna().items():
            if not ok(value):
                self.fail(index, column, message, value)

    def check_unique(self, columns: list[str]) -> None:
        duplicated = self.frame.duplicated(columns, keep="first") & self.frame[columns].notna().all(
            axis=1)
        for index in self.frame.index[duplicated]:
            value = self.frame.loc[index, columns].tolist()
            self.fail(index, ", ".join(columns), "is already used by an earlier row",
                      value[0] if len(value) == 1 else tuple(value))


def _row_order(problem: Problem) -> tuple[str, int]:
    """Problems are raised row by row (a stable sort keeps each row's checks in order)."""
    return problem.file, problem.row or 0


def load_muscles(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the muscles the exercises work, one row each, in the order charts show them.

    Parameters
    ----------
    data_dir : path, optional
        A folder laid out like ``data/``. By default the data shipped with hipkit is read.

    Returns
    -------
    pandas.DataFrame
        Columns ``muscle_id`` (ordered categorical, file order), ``name``,
        ``short_name`` (for tight chart labels), ``latin_name``, ``group`` (categorical,
        :data:`GROUPS`), ``hip_actions``, ``runner_role`` (what it does for a runner),
        ``location`` (where it sits, in plain words) and ``depth`` (``superficial`` or
        ``deep``, which the body map draws dashed).

    Examples
    --------
    >>> from hipkit.exercises.muscles import load_muscles
    >>> load_muscles().columns[:4].tolist()
    ['muscle_id', 'name', 'short_name', 'latin_name']
    """
    problems = Problems()
    muscles = _CsvFile(data_dir, "muscles.csv", MUSCLE_COLUMNS, (), problems)
    if muscles.frame is None:
        problems.raise_if_any(key=_row_order)
    muscles.check_filled()
    muscles.check_each("muscle_id", _ID_PATTERN.fullmatch,
                       "may hold only lower-case letters, digits and _")
    muscles.check_each("group", GROUPS.__contains__, f"must be one of {list(GROUPS)}")
    muscles.check_each("depth", DEPTHS.__contains__, f"must be one of {list(DEPTHS)}")
    muscles.check_unique(["muscle_id"])
    muscles.check_unique(["name"])
    problems.raise_if_any(key=_row_order)
    frame = muscles.frame.reset_index(drop=True)
    return frame.astype({
        "muscle_id": pd.CategoricalDtype(frame["muscle_id"].tolist(), ordered=True),
        "group": pd.CategoricalDtype(GROUPS), "depth": pd.CategoricalDtype(DEPTHS),
    })


def load_targets(data_dir: DataDir = None) -> pd.DataFrame:
    """Load which muscles each exercise works and in what role, one row per pair.

    Roles are the pack's own qualitative classification (ExRx-style), not measurements:
    ``target`` is the muscle the exercise is chosen to work, a ``synergist`` helps it
    move, a ``stabilizer`` holds a joint or the posture still. Measured activation lives
    in :func:`load_activation`, because several studies may measure one pair.

    Returns
    -------
    pandas.DataFrame
        Columns ``exercise_id`` (the ordered categorical of
        :func:`~hipkit.exercises.loaders.load_exercises`), ``muscle_id`` (the categorical of
        :func:`load_muscles`), ``role`` (ordered categorical,
        ``target > synergist > stabilizer``) and ``why`` (the reason for the role).
        Sorted by exercise, then role (target first), then muscle.

    Examples
    --------
    >>> from hipkit.exercises.muscles import load_targets
    >>> targets = load_targets()
    >>> targets.columns.tolist(), targets["role"].cat.ordered
    (['exercise_id', 'muscle_id', 'role', 'why'], True)
    """
    return _read_targets(data_dir, load_exercises(data_dir), load_muscles(data_dir))


def _read_targets(data_dir: DataDir, exercises: pd.DataFrame,
                  muscles: pd.DataFrame) -> pd.DataFrame:
    exercise_type = exercises["exercise_id"].dtype
    muscle_type = muscles["muscle_id"].dtype
    exercise_ids = list(exercise_type.categories)
    problems = Problems()
    targets = _CsvFile(data_dir, "targets.csv", TARGET_COLUMNS, (), problems)
    if targets.frame is None:
        problems.raise_if_any(key=_row_order)
    targets.check_filled()
    targets.check_each("exercise_id", set(exercise_ids).__contains__,
                       "is not the id of an exercise in exercises/")
    targets.check_each("muscle_id", set(muscle_type.categories).__contains__,
                       "is not a muscle_id in muscles.csv")
    targets.check_each("role", ROLES.__contains__, f"must be one of {list(ROLES)}")
    targets.check_unique(["exercise_id", "muscle_id"])
    # An exercise without rows is fine (its muscles are not listed yet); one with rows
    # must say which muscle it is chosen to work.
    with_rows = set(targets.frame["exercise_id"].dropna())
    with_target = set(targets.frame.loc[targets.frame["role"] == "target", "exercise_id"])
    for exercise_id in exercise_ids:
        if exercise_id in with_rows and exercise_id not in with_target:
            problems.add(targets.file, "role",
                         "no row gives this exercise a target muscle", exercise_id)
    problems.raise_if_any(key=_row_order)
    frame = targets.frame.astype({"exercise_id": exercise_type, "muscle_id": muscle_type,
                                  "role": ROLE_TYPE})
    return frame.sort_values(["exercise_id", "role", "muscle_id"],
                             ascending=[True, False, True]).reset_index(drop=True)


def _check_figures(activation: _CsvFile) -> pd.DataFrame:
    """Parse the numbers of ``activation.csv``, recording every impossible value."""
    frame = activation.frame
    numbers = {}
    for column in (*PCT_COLUMNS, "n_subjects"):
        parsed = pd.to_numeric(frame[column], errors="coerce")
        for index in frame.index[frame[column].notna() & (parsed.isna() | (parsed < 0))]:
            activation.fail(index, column, "must be a number of 0 or more", frame[column][index])
        numbers[column] = parsed.where(parsed >= 0)
    whole = numbers["n_subjects"]
    for index in frame.index[whole.notna() & ((whole % 1 != 0) | (whole < 1))]:
        activation.fail(index, "n_subjects", "must be a whole number of 1 or more",
                        frame["n_subjects"][index])
    mean, low, high = (frame[c].notna() for c in ("pct_mvic_mean", "pct_mvic_low",
                                                   "pct_mvic_high"))
    for index in frame.index[mean == (low | high)]:
        activation.fail(index, "pct_mvic_mean",
                        "give either a mean or a low-high range (not both, not neither)")
    for index in frame.index[~mean & (low != high)]:
        activation.fail(index, "pct_mvic_low" if high[index] else "pct_mvic_high",
                        "a range needs both pct_mvic_low and pct_mvic_high")
    for index in frame.index[frame["pct_mvic_sd"].notna() & ~mean]:
        activation.fail(index, "pct_mvic_sd", "needs a pct_mvic_mean to go with it")
    for index in frame.index[numbers["pct_mvic_low"] > numbers["pct_mvic_high"]]:
        activation.fail(index, "pct_mvic_low", "is above pct_mvic_high",
                        frame["pct_mvic_low"][index])
    return pd.DataFrame(numbers)


def load_activation(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the published activation figures (%MVIC), one row per figure.

    Each row is one study's figure for a muscle in the study exercise closest to one of
    ours: either a mean (with its SD when given) or, from a review table, the low-high
    range across studies. Figures from different studies are kept apart, never averaged:
    studies set 100 % differently. A pair nobody measured has no row.

    Returns
    -------
    pandas.DataFrame
        Columns ``exercise_id``, ``muscle_id`` (the categoricals of
        :func:`load_targets`), ``leg`` (categorical, :data:`LEGS`), ``study_exercise``,
        ``pct_mvic_mean``, ``pct_mvic_sd``, ``pct_mvic_low``, ``pct_mvic_high``
        (``Float64``, missing where the study gives none), ``n_subjects`` (``Int64``),
        ``source_id`` (an id in ``sources.csv``) and ``match_note`` (how the study's
        exercise differs from ours; missing when it is the same movement).

    Examples
    --------
    >>> from hipkit.exercises.muscles import load_activation
    >>> figures = load_activation()
    >>> str(figures["pct_mvic_mean"].dtype), str(figures["n_subjects"].dtype)
    ('Float64', 'Int64')
    """
    return _read_activation(data_dir, load_targets(data_dir), load_sources(data_dir))


def _read_activation(data_dir: DataDir, targets: pd.DataFrame,
                     sources: pd.DataFrame) -> pd.DataFrame:
    source_ids = set(sources["id"])
    problems = Problems()
    activation = _CsvFile(data_dir, "activation.csv", ACTIVATION_COLUMNS,
                          (*PCT_COLUMNS, "n_subjects", "match_note"), problems)
    if activation.frame is None:
        problems.raise_if_any(key=_row_order)
    activation.check_filled()
    activation.check_each("leg", LEGS.__contains__, f"must be one of {list(LEGS)}")
    activation.check_each("source_id", source_ids.__contains__, "is not an id in sources.csv")
    numbers = _check_figures(activation)
    known = set(zip(targets["exercise_id"].astype(str), targets["muscle_id"].astype(str),
                    strict=True))
    frame = activation.frame
    for index, pair in frame[["exercise_id", "muscle_id"]].dropna().iterrows():
        if (pair["exercise_id"], pair["muscle_id"]) not in known:
            activation.fail(index, "exercise_id, muscle_id",
                            "is not a pair in targets.csv: give the muscle a role first",
                            (pair["exercise_id"], pair["muscle_id"]))
    problems.raise_if_any(key=_row_order)
    frame = frame.assign(**{c: numbers[c].astype("Float64") for c in PCT_COLUMNS},
                         n_subjects=numbers["n_subjects"].astype("Int64"))
    frame = frame.astype({"exercise_id": targets["exercise_id"].dtype,
                          "muscle_id": targets["muscle_id"].dtype,
                          "leg": pd.CategoricalDtype(LEGS)})
    return frame.sort_values(["exercise_id", "muscle_id"], kind="stable").reset_index(drop=True)


def activation_summary(activation: pd.DataFrame) -> pd.DataFrame:
    """Summarise the working-leg figures of each exercise x muscle pair, without averaging.

    Parameters
    ----------
    activation : pandas.DataFrame
        As returned by :func:`load_activation`.

    Returns
    -------
    pandas.DataFrame
        One row per measured pair, indexed by ``exercise_id`` and ``muscle_id``:
        ``n_figures``, ``lowest`` (the lowest mean or range end reported), ``highest``
        (the highest) and ``source_ids`` (in file order, without repeats). Only the
        legs in :data:`WORKING_LEGS` count.

    Examples
    --------
    >>> from hipkit.exercises.muscles import activation_summary, load_activation
    >>> summary = activation_summary(load_activation())
    >>> list(summary.index.names), summary.columns.tolist()
    (['exercise_id', 'muscle_id'], ['n_figures', 'lowest', 'highest', 'source_ids'])
    >>> bool((summary["lowest"] <= summary["highest"]).all())
    True
    """
    working = activation[activation["leg"].isin(WORKING_LEGS)]
    figures = working.assign(
        lowest=working["pct_mvic_mean"].fillna(working["pct_mvic_low"]),
        highest=working["pct_mvic_mean"].fillna(working["pct_mvic_high"]),
    )
    grouped = figures.groupby(["exercise_id", "muscle_id"], observed=True, sort=True)
    return pd.DataFrame({
        "n_figures": grouped.size().astype("int64"),
        "lowest": grouped["lowest"].min(),
        "highest": grouped["highest"].max(),
        "source_ids": grouped["source_id"].agg(lambda ids: "; ".join(dict.fromkeys(ids))),
    })


def rank_exercises(muscle_id: str, targets: pd.DataFrame,
                   activation: pd.DataFrame) -> pd.DataFrame:
    """Rank the exercises that work one muscle: measured activation first, role next.

    Exercises with a measured figure come first, the highest reported working-leg figure
    first; exercises nobody measured follow, by role (target, synergist, stabilizer).
    Ties keep the lesson order. Exercises that do not work the muscle are left out.

    Parameters
    ----------
    muscle_id : str
        A muscle of :func:`load_muscles`.
    targets, activation : pandas.DataFrame
        As returned by :func:`load_targets` and :func:`load_activation`.

    Returns
    -------
    pandas.DataFrame
        Columns ``rank`` (from 1), ``exercise_id``, ``role``, ``n_figures`` (0 when not
        measured), ``lowest``, ``highest`` (``Float64``, missing when not measured) and
        ``source_ids``.

    Examples
    --------
    >>> from hipkit.exercises.muscles import load_activation, load_targets, rank_exercises
    >>> ranking = rank_exercises("gluteus_maximus", load_targets(), load_activation())
    >>> ranking["rank"].tolist() == list(range(1, len(ranking) + 1))
    True
    """
    if muscle_id not in set(targets["muscle_id"].cat.categories):
        raise UnknownIdError("muscle_id", muscle_id, targets["muscle_id"].cat.categories)
    rows = targets[targets["muscle_id"] == muscle_id][["exercise_id", "role"]]
    summary = activation_summary(activation)
    summary = summary[summary.index.get_level_values("muscle_id") == muscle_id]
    summary = summary.droplevel("muscle_id")
    ranking = rows.join(summary, on="exercise_id")
    ranking = ranking.assign(
        n_figures=ranking["n_figures"].fillna(0).astype("int64"),
        lowest=ranking["lowest"].astype("Float64"), highest=ranking["highest"].astype("Float64"),
        source_ids=ranking["source_ids"].astype("string"),
        _measured=ranking["highest"].notna(),
    ).sort_values(["_measured", "highest", "role", "exercise_id"],
                  ascending=[False, False, False, True], kind="stable", na_position="last")
    ranking.insert(0, "rank", range(1, len(ranking) + 1))
    return ranking.drop(columns="_measured").reset_index(drop=True)


@dataclass(frozen=True)
class MuscleData:
    """The tables the muscle charts and the lookup read, loaded once and passed around.

    Build one with :meth:`load`, or directly from small DataFrames in a test.
    """

    muscles: pd.DataFrame
    exercises: pd.DataFrame
    targets: pd.DataFrame
    activation: pd.DataFrame
    sources: pd.DataFrame

    @classmethod
    def load(cls, data_dir: DataDir = None) -> MuscleData:
        """Load every table from ``data_dir`` (by default the data shipped with hipkit).

        Examples
        --------
        >>> from hipkit.exercises.muscles import MuscleData
        >>> data = MuscleData.load()
        >>> set(data.targets["exercise_id"]) <= set(data.exercises["exercise_id"])
        True
        """
        muscles, exercises = load_muscles(data_dir), load_exercises(data_dir)
        sources = load_sources(data_dir)
        targets = _read_targets(data_dir, exercises, muscles)
        return cls(muscles, exercises, targets, _read_activation(data_dir, targets, sources),
                   sources)

    def rank_exercises(self, muscle_id: str) -> pd.DataFrame:
        """:func:`rank_exercises` for one muscle of this data."""
        return rank_exercises(muscle_id, self.targets, self.activation)

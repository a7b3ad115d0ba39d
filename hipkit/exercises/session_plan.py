"""Turn an exercise's dosage into the blocks a runner works through in one session."""

from __future__ import annotations

import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_exercises

SIDES = ("left", "right", "both")
BLOCK_COLUMNS = ["block", "set", "side", "direction", "reps", "rep_unit", "ends_set"]


def session_blocks(exercise: pd.Series) -> pd.DataFrame:
    """List the blocks of one session of ``exercise``, in the order they are done.

    A block is one uninterrupted run of repetitions: one set, on one side, in one
    direction. All sets are done on one side before turning to the other, as the
    steps describe; directions alternate within a set.

    Parameters
    ----------
    exercise : pandas.Series
        One row of :func:`hipkit.load_exercises`.

    Returns
    -------
    pandas.DataFrame
        One row per block: ``block`` (from 1), ``set``, ``side`` (left, right or both),
        ``direction`` (missing when there is only one), ``reps``, ``rep_unit`` and
        ``ends_set`` (true on the last block of a set: time to rest).

    Examples
    --------
    >>> import pandas as pd
    >>> raise_ = pd.Series({"sets": 2, "reps": 5, "rep_unit": "raises", "each_side": True,
    ...                     "directions": "forward / back"})
    >>> blocks = session_blocks(raise_)
    >>> len(blocks), blocks["side"].astype(str).tolist()[:4], int(blocks["ends_set"].sum())
    (8, ['left', 'left', 'left', 'left'], 4)
    """
    # One set where the source gives no number of sets (the bridge hold: one bout of
    # 10 switches, then a break).
    sets = 1 if pd.isna(exercise["sets"]) else int(exercise["sets"])
    sides = ("left", "right") if exercise["each_side"] else ("both",)
    directions = (str(exercise["directions"]).split(" / ")
                  if pd.notna(exercise["directions"]) else [pd.NA])
    rows = [
        {"set": set_number, "side": side, "direction": direction,
         "reps": int(exercise["reps"]), "rep_unit": str(exercise["rep_unit"]),
         "ends_set": index == len(directions) - 1}
        for side in sides
        for set_number in range(1, int(sets) + 1)
        for index, direction in enumerate(directions)
    ]
    blocks = pd.DataFrame(rows)
    blocks.insert(0, "block", range(1, len(blocks) + 1))
    return blocks.astype({"side": pd.CategoricalDtype(SIDES), "direction": "string",
                          "rep_unit": "string"})[BLOCK_COLUMNS]


def session_volume(data_dir: DataDir = None) -> pd.DataFrame:
    """Count the blocks and repetitions of one session of every exercise.

    A repetition is counted as the plan and the training log count it (sets x reps x
    sides): for an exercise done in several directions, one repetition is one circle
    each way, so a block (one direction) holds half of each of its repetitions.

    Returns
    -------
    pandas.DataFrame
        One row per exercise: ``exercise_id``, ``name``, ``purpose``, ``top_pick``,
        ``blocks``, ``reps`` (total in one session), ``rep_unit`` and ``rep_label``
        (the unit as a runner reads it, e.g. "circles each way").

    Examples
    --------
    >>> session_volume().columns.tolist()
    ['exercise_id', 'name', 'purpose', 'top_pick', 'blocks', 'reps', 'rep_unit', 'rep_label']
    """
    exercises = load_exercises(data_dir)
    blocks = [session_blocks(row) for _, row in exercises.iterrows()]
    volume = exercises[["exercise_id", "name", "purpose", "top_pick", "rep_unit"]].copy()
    volume["blocks"] = [len(b) for b in blocks]
    sides = exercises["each_side"].map({True: 2, False: 1})
    volume["reps"] = (exercises["sets"].fillna(1) * exercises["reps"] * sides).astype("int64")
    volume["rep_label"] = [f"{unit} each way" if n > 1 else str(unit) for unit, n in
                           zip(exercises["rep_unit"], exercises["n_directions"], strict=True)]
    return volume[["exercise_id", "name", "purpose", "top_pick", "blocks", "reps", "rep_unit",
                   "rep_label"]]

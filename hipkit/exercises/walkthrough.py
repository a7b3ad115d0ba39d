"""The state of a guided session: which step a runner is on and which blocks are done.

Plain Python on purpose: tests drive these objects directly, and the widgets in
:mod:`hipkit.views.walkthrough_view` only mirror them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from hipkit.errors import Problems, UnknownIdError
from hipkit.exercises.data_files import DataDir, FieldChecker, data_root, read_toml
from hipkit.exercises.exercise_files import Library, read_library
from hipkit.exercises.guidance import Guidance, guidance_for
from hipkit.exercises.session_plan import session_blocks
from hipkit.exercises.sources import source_mark


def default_rest_seconds(data_dir: DataDir = None) -> int:
    """Rest between sets when none is chosen, from ``data/training_defaults.toml``.

    Examples
    --------
    >>> default_rest_seconds()
    60
    """
    path = data_root(data_dir) / "training_defaults.toml"
    problems = Problems()
    doc = read_toml(path, problems) or {}
    rest = doc.get("rest", {})
    seconds = FieldChecker(path, problems).whole(rest, "seconds", "rest.seconds")
    problems.raise_if_any()
    return seconds


@dataclass
class SetTracker:
    """Counts a runner through the blocks of one session, with a rest after each set.

    Parameters
    ----------
    blocks : pandas.DataFrame
        The output of :func:`hipkit.exercises.session_plan.session_blocks`.
    rest_seconds : int
        Length of the rest after each set but the last; 0 turns rests off.
    """

    blocks: pd.DataFrame
    rest_seconds: int
    done: int = 0
    rest_remaining: int = 0

    def __post_init__(self) -> None:
        if self.rest_seconds < 0:
            raise ValueError(f"rest_seconds must be 0 or more, got {self.rest_seconds!r}")

    @property
    def total(self) -> int:
        return len(self.blocks)

    @property
    def finished(self) -> bool:
        return self.done == self.total

    @property
    def resting(self) -> bool:
        return self.rest_remaining > 0

    @property
    def current_block(self) -> pd.Series | None:
        """The block to do next, or ``None`` when the session is finished."""
        return None if self.finished else self.blocks.iloc[self.done]

    def mark_done(self) -> None:
        """Tick off the current block; start the rest if it closed a set."""
        if self.finished:
            raise ValueError("every block is already done")
        ends_set = bool(self.blocks.iloc[self.done]["ends_set"])
        self.done += 1
        self.rest_remaining = self.rest_seconds if ends_set and not self.finished else 0

    def undo(self) -> None:
        """Take back the last tick, for a block marked done by mistake."""
        if self.done == 0:
            raise ValueError("no block has been marked done yet")
        self.done -= 1
        self.rest_remaining = 0

    def tick(self, seconds: int = 1) -> None:
        """Let ``seconds`` of rest pass."""
        self.rest_remaining = max(0, self.rest_remaining - seconds)

    def skip_rest(self) -> None:
        self.rest_remaining = 0

    def describe_current(self) -> str:
        """Say what to do now, e.g. ``"Set 2 of 3, left side, clockwise: 10 circles"``."""
        block = self.current_block
        if block is None:
            return "All done. Well worked!"
        sets = int(self.blocks["set"].max())
        parts = [f"Set {block['set']} of {sets}"]
        if block["side"] != "both":
            parts.append(f"{block['side']} side")
        if pd.notna(block["direction"]):
            parts.append(str(block["direction"]))
        return f"{', '.join(parts)}: {block['reps']} {block['rep_unit']}"


@dataclass
class Walkthrough:
    """One exercise, step by step, with its set tracker.

    Examples
    --------
    >>> from hipkit.exercises.exercise_files import read_library
    >>> library = read_library()
    >>> first = str(library.exercises["exercise_id"].iloc[0])
    >>> walk = Walkthrough.for_exercise(first, library, rest_seconds=30)
    >>> walk.step_label.startswith("Step 1 of")
    True
    """

    exercise: pd.Series
    steps: pd.DataFrame
    cues: dict[str, list[str]]
    tracker: SetTracker
    #: Versions, faults, cautions, self-test and burn-or-pain line (all may be empty).
    guidance: Guidance
    step_index: int = 0

    @classmethod
    def for_exercise(cls, exercise_id: str, library: Library, rest_seconds: int) -> Walkthrough:
        exercises = library.exercises.set_index("exercise_id", drop=False)
        if exercise_id not in exercises.index:
            raise UnknownIdError("exercise_id", exercise_id, exercises.index)
        exercise = exercises.loc[exercise_id]
        steps = library.steps[library.steps["exercise_id"] == exercise_id].reset_index(drop=True)
        cue_rows = library.cues[library.cues["exercise_id"] == exercise_id]
        # The pack's own advice is labelled as such; the coach's words stand bare.
        cues = {kind: [text + source_mark(source, library.sources) for text, source in
                       cue_rows.loc[cue_rows["kind"] == kind, ["text", "source"]].itertuples(
                           index=False)]
                for kind in cue_rows["kind"].cat.categories}
        tracker = SetTracker(session_blocks(exercise), rest_seconds)
        return cls(exercise, steps, cues, tracker, guidance_for(exercise_id, library))

    @property
    def step(self) -> pd.Series:
        return self.steps.iloc[self.step_index]

    @property
    def step_label(self) -> str:
        return f"Step {self.step_index + 1} of {len(self.steps)}"

    @property
    def at_first_step(self) -> bool:
        return self.step_index == 0

    @property
    def at_last_step(self) -> bool:
        return self.step_index == len(self.steps) - 1

    def next_step(self) -> None:
        if not self.at_last_step:
            self.step_index += 1

    def previous_step(self) -> None:
        if not self.at_first_step:
            self.step_index -= 1


@dataclass
class Workout:
    """Several exercises in order; the runner moves through them one at a time."""

    walkthroughs: list[Walkthrough]
    current: int = 0
    data_dir: DataDir = None

    @classmethod
    def build(cls, exercise_ids: list[str] | None = None, rest_seconds: int | None = None,
              data_dir: DataDir = None) -> Workout:
        """Build a workout of ``exercise_ids`` (all exercises, in lesson order, by default)."""
        library = read_library(data_dir)
        rest = default_rest_seconds(data_dir) if rest_seconds is None else rest_seconds
        ids = exercise_ids or [str(e) for e in library.exercises["exercise_id"]]
        return cls([Walkthrough.for_exercise(e, library, rest) for e in ids], data_dir=data_dir)

    @property
    def walkthrough(self) -> Walkthrough:
        return self.walkthroughs[self.current]

    @property
    def names(self) -> list[str]:
        return [str(w.exercise["name"]) for w in self.walkthroughs]

    @property
    def finished(self) -> bool:
        return all(w.tracker.finished for w in self.walkthroughs)

    def choose(self, index: int) -> None:
        if not 0 <= index < len(self.walkthroughs):
            raise ValueError(f"exercise index must be 0 to {len(self.walkthroughs) - 1}, "
                             f"got {index!r}")
        self.current = index

    def set_rest(self, seconds: int) -> None:
        """Change the rest between sets for every exercise of the workout."""
        if seconds < 0:
            raise ValueError(f"rest must be 0 seconds or more, got {seconds!r}")
        for walkthrough in self.walkthroughs:
            walkthrough.tracker.rest_seconds = seconds

    def next_exercise(self) -> None:
        if self.current < len(self.walkthroughs) - 1:
            self.current += 1

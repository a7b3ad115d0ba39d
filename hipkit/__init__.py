"""hipkit: the hip-strength exercises runners skip, as data, charts and lessons.

The names here are the entry points; each lives in a module named by what it does
(``hipkit.library``, ``hipkit.muscles``, ``hipkit.training_log``, ...), where the
rest of the functions are.
"""

from hipkit.errors import DataFileError, Problem
from hipkit.group import load_group
from hipkit.handout import make_handout
from hipkit.library import (
    load_cues,
    load_equipment,
    load_exercises,
    load_facts,
    load_sources,
    load_steps,
)
from hipkit.log_writer import append_entries
from hipkit.muscles import load_activation, load_muscles, load_targets
from hipkit.progression import build_plan, suggest_progression
from hipkit.training_log import read_log
from hipkit.walkthrough_view import full_workout, guided_session

__all__ = [
    "DataFileError",
    "Problem",
    "append_entries",
    "build_plan",
    "full_workout",
    "guided_session",
    "load_activation",
    "load_cues",
    "load_equipment",
    "load_exercises",
    "load_facts",
    "load_group",
    "load_muscles",
    "load_sources",
    "load_steps",
    "load_targets",
    "make_handout",
    "read_log",
    "suggest_progression",
]

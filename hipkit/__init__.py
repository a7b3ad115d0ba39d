"""hipkit: the hip-strength exercises runners skip, as data, charts and lessons."""

from hipkit.errors import DataFileError, Problem
from hipkit.library import (
    load_cues,
    load_equipment,
    load_exercises,
    load_facts,
    load_sources,
    load_steps,
)

__all__ = [
    "DataFileError",
    "Problem",
    "load_cues",
    "load_equipment",
    "load_exercises",
    "load_facts",
    "load_sources",
    "load_steps",
]

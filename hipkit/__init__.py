"""hipkit: the hip-strength exercises runners skip, as data, charts and lessons.

The names here are the entry points; each lives in a module named by what it does
(``hipkit.library``, ``hipkit.muscles``, ``hipkit.training_log``, ...), where the
rest of the functions are. They are imported on first use, so ``import hipkit`` stays
light: widgets, PDF and plotting machinery load only where a lesson uses them.
"""

from __future__ import annotations

import importlib
from typing import Any

from hipkit.errors import DataFileError, Problem

# Public name -> the module that defines it. Add a line here to export a new name.
_ENTRY_POINTS = {
    "append_entries": "hipkit.log_writer",
    "build_plan": "hipkit.progression",
    "full_workout": "hipkit.walkthrough_view",
    "guided_session": "hipkit.walkthrough_view",
    "load_activation": "hipkit.muscles",
    "load_burn_or_pain": "hipkit.library",
    "load_cautions": "hipkit.library",
    "load_faults": "hipkit.library",
    "load_self_tests": "hipkit.library",
    "load_versions": "hipkit.library",
    "load_cues": "hipkit.library",
    "load_equipment": "hipkit.library",
    "load_exercises": "hipkit.library",
    "load_facts": "hipkit.library",
    "load_group": "hipkit.group",
    "load_muscles": "hipkit.muscles",
    "load_sample_group": "hipkit.samples",
    "load_sample_log": "hipkit.samples",
    "load_sources": "hipkit.library",
    "load_steps": "hipkit.library",
    "load_targets": "hipkit.muscles",
    "make_handout": "hipkit.handout",
    "make_handouts": "hipkit.handout",
    "read_activities": "hipkit.activities",
    "presenter": "hipkit.presenter",
    "read_log": "hipkit.training_log",
    "suggest_progression": "hipkit.progression",
    "UnknownIdError": "hipkit.errors",
    "write_session_fit": "hipkit.fit_export",
    "write_workout_fit": "hipkit.fit_export",
    "write_plan_ics": "hipkit.plan_calendar",
    "weekly_advice": "hipkit.progression",
}

__all__ = ["DataFileError", "Problem", *sorted(_ENTRY_POINTS)]


def __getattr__(name: str) -> Any:
    """Import an entry point's module the first time the name is used."""
    try:
        module = _ENTRY_POINTS[name]
    except KeyError:
        raise AttributeError(f"module 'hipkit' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_ENTRY_POINTS))

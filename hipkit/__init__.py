"""hipkit: the hip-strength exercises runners skip, as data, charts and lessons.

The names here are the entry points. The modules behind them sit in wings, each a
sub-package whose docstring says what lives there and what it may import:

- ``hipkit.exercises``: the exercises as data (library, muscles, movement, progression);
- ``hipkit.log``: a runner's training log (columns, reading, writing, analysis);
- ``hipkit.runs``: runs from watches and exports, the load model, FIT and calendar export;
- ``hipkit.views``: widgets and charts over the data wings;
- ``hipkit.coach``: the coach's group, handouts, dashboard, app and presenter.

The data wings never import a view (``tests/test_layout.py`` checks). Names are
imported on first use, so ``import hipkit`` stays light: widgets, PDF and plotting
machinery load only where a lesson uses them. The flat module paths of the first
layout (``hipkit.training_log``, ...) still import (``hipkit._flat_paths``).
"""
from __future__ import annotations

import importlib
from typing import Any

from hipkit import _flat_paths
from hipkit.errors import DataFileError, Problem

_flat_paths.install()

# Public name -> the module that defines it. Add a line here to export a new name.
_ENTRY_POINTS = {
    "append_entries": "hipkit.log.writing",
    "build_plan": "hipkit.exercises.progression",
    "full_workout": "hipkit.views.walkthrough_view",
    "guided_session": "hipkit.views.walkthrough_view",
    "load_activation": "hipkit.exercises.muscles",
    "load_burn_or_pain": "hipkit.exercises.guidance",
    "load_cautions": "hipkit.exercises.guidance",
    "load_faults": "hipkit.exercises.guidance",
    "load_self_tests": "hipkit.exercises.guidance",
    "load_versions": "hipkit.exercises.guidance",
    "load_cues": "hipkit.exercises.loaders",
    "load_equipment": "hipkit.exercises.loaders",
    "load_exercises": "hipkit.exercises.loaders",
    "load_facts": "hipkit.exercises.loaders",
    "load_group": "hipkit.coach.group",
    "load_muscles": "hipkit.exercises.muscles",
    "load_sample_group": "hipkit.samples",
    "load_sample_log": "hipkit.samples",
    "load_sources": "hipkit.exercises.sources",
    "load_steps": "hipkit.exercises.loaders",
    "load_targets": "hipkit.exercises.muscles",
    "make_handout": "hipkit.coach.handout",
    "make_handouts": "hipkit.coach.handout",
    "read_activities": "hipkit.runs.activities",
    "presenter": "hipkit.coach.presenter",
    "read_log": "hipkit.log.reading",
    "suggest_progression": "hipkit.exercises.progression_gate",
    "UnknownIdError": "hipkit.errors",
    "write_session_fit": "hipkit.runs.fit_export",
    "write_workout_fit": "hipkit.runs.fit_export",
    "write_plan_ics": "hipkit.runs.plan_calendar",
    "weekly_advice": "hipkit.exercises.progression_gate",
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

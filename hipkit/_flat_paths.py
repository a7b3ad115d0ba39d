"""The module paths of hipkit's first, flat layout, still answered.

Until 0.1 every module sat directly in ``hipkit/`` (``hipkit.training_log``,
``hipkit.muscle_charts``, ...), and lessons, handouts and runners' own scripts import
from those paths. The modules now live in wings (``hipkit.log.reading``,
``hipkit.views.muscle_heatmap``); this finder answers each old path with a small module
that looks every name up in the module(s) that now hold it, so those scripts keep
running. New code imports from the wings.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Iterable
from typing import Any

#: Old flat path -> the modules that now hold its names, searched in order.
FLAT_PATHS: dict[str, tuple[str, ...]] = {
    "hipkit.library": ("hipkit.exercises.data_files", "hipkit.exercises.sources",
                       "hipkit.exercises.exercise_files", "hipkit.exercises.loaders",
                       "hipkit.exercises.guidance"),
    "hipkit.muscles": ("hipkit.exercises.muscles",),
    "hipkit.keyframes": ("hipkit.exercises.keyframes",),
    "hipkit.progression": ("hipkit.exercises.progression", "hipkit.exercises.progression_gate",
                           "hipkit.exercises.progression_rules"),
    "hipkit.session_plan": ("hipkit.exercises.session_plan",),
    "hipkit.walkthrough": ("hipkit.exercises.walkthrough",),
    "hipkit.body_figure": ("hipkit.exercises.body_figure", "hipkit.views.figure_drawing"),
    "hipkit.log_columns": ("hipkit.log.columns",),
    "hipkit.training_log": ("hipkit.log.reading", "hipkit.log.opening", "hipkit.log.cells",
                            "hipkit.log.value_checks", "hipkit.log.many_logs"),
    "hipkit.log_writer": ("hipkit.log.writing",),
    "hipkit.log_analysis": ("hipkit.log.analysis",),
    "hipkit.pain_warnings": ("hipkit.log.pain_warnings",),
    "hipkit.adherence": ("hipkit.log.adherence",),
    "hipkit.activities": ("hipkit.runs.activities", "hipkit.runs.strava_csv",
                          "hipkit.runs.fit_reader", "hipkit.runs.track_readers",
                          "hipkit.runs.activity_checks", "hipkit.runs.activity_decoding",
                          "hipkit.runs.activity_record"),
    "hipkit.activity_cache": ("hipkit.runs.activity_cache",),
    "hipkit.decode_pool": ("hipkit.runs.decode_pool",),
    "hipkit.bounded_files": ("hipkit.runs.bounded_files",),
    "hipkit.training_load": ("hipkit.runs.training_load", "hipkit.runs.fitness_model",
                             "hipkit.runs.running_weeks"),
    "hipkit.plan_projection": ("hipkit.runs.plan_projection",),
    "hipkit.plan_calendar": ("hipkit.runs.plan_calendar",),
    "hipkit.fit_export": ("hipkit.runs.fit_export",),
    "hipkit.movement_plot": ("hipkit.views.movement_plot",),
    "hipkit.movement_view": ("hipkit.views.movement_view",),
    "hipkit.muscle_charts": ("hipkit.views.muscle_heatmap", "hipkit.views.body_map",
                             "hipkit.views.exercise_ranking", "hipkit.views.muscle_chart_parts"),
    "hipkit.muscle_lookup": ("hipkit.views.muscle_lookup",),
    "hipkit.walkthrough_view": ("hipkit.views.walkthrough_view",),
    "hipkit.log_form": ("hipkit.views.log_form", "hipkit.views.log_form_view"),
    "hipkit.log_plots": ("hipkit.views.log_plots",),
    "hipkit.run_plots": ("hipkit.views.run_plots",),
    "hipkit.session_plots": ("hipkit.views.session_plots",),
    "hipkit.quiz": ("hipkit.views.quiz",),
    "hipkit.compact_figures": ("hipkit.views.compact_figures",),
    "hipkit.browser_script": ("hipkit.views.browser_script",),
    "hipkit.group": ("hipkit.coach.group",),
    "hipkit.handout": ("hipkit.coach.handout", "hipkit.coach.handout_pages",
                       "hipkit.coach.handout_layout"),
    "hipkit.dashboard": ("hipkit.coach.dashboard",),
    "hipkit.presenter": ("hipkit.coach.presenter",),
    "hipkit.coach_plan_ahead": ("hipkit.coach.plan_ahead",),
}


def look_up(name: str, homes: Iterable[str]) -> Any:
    """``name`` from the first of the modules ``homes`` that holds it (each imported only
    when reached); :class:`AttributeError` when none does."""
    for home in homes:
        module = importlib.import_module(home)
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(name)


class FlatPathModule(types.ModuleType):
    """An old path: each name is looked up, on use, in the modules that now hold it."""

    def __init__(self, name: str, homes: tuple[str, ...]):
        super().__init__(name, f"Moved: see {', '.join(homes)}.")
        self.__homes__ = homes

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return look_up(name, self.__homes__)
        except AttributeError:
            raise AttributeError(f"module {self.__name__!r} (now {', '.join(self.__homes__)}) "
                                 f"has no attribute {name!r}") from None

    def __dir__(self) -> list[str]:
        return sorted({name for home in self.__homes__
                       for name in dir(importlib.import_module(home))})


class FlatPathFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the old flat paths (and only those) for the import system."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in FLAT_PATHS:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec):
        return FlatPathModule(spec.name, FLAT_PATHS[spec.name])

    def exec_module(self, module):
        """Nothing to run: names are looked up on use."""


def install() -> None:
    """Answer the old paths from now on (once per interpreter)."""
    if not any(isinstance(finder, FlatPathFinder) for finder in sys.meta_path):
        sys.meta_path.append(FlatPathFinder())

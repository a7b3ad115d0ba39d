"""Widgets and charts over the data wings: what a runner sees in a lesson.

Charts are Axes-level (``ax=None`` in, the Axes out); widgets keep their state in a plain
object and are a thin ipywidgets layer over it. Colours come from ``hipkit.palette``.

- ``muscle_heatmap``, ``body_map``, ``exercise_ranking``: the muscle charts, sharing
  ``muscle_chart_parts`` (role colours, legend, citations); ``muscle_lookup`` over them.
- ``log_form`` (the form's state, checks and saving) and ``log_form_view`` (its widgets).

May import the data wings (``hipkit.exercises``, ``hipkit.log``, ``hipkit.runs``),
never ``hipkit.coach``.
"""

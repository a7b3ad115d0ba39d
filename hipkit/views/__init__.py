"""Widgets and charts over the data wings: what a runner sees in a lesson.

Charts are Axes-level (``ax=None`` in, the Axes out); widgets keep their state in a plain
object and are a thin ipywidgets layer over it. Colours come from ``hipkit.palette``.

May import the data wings (``hipkit.exercises``, ``hipkit.log``, ``hipkit.runs``),
never ``hipkit.coach``.
"""

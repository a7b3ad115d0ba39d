"""A runner's training log: its columns, reading and checking it, writing it, reading it back.

- ``columns``: the one declaration of the log's columns.
- ``reading``: ``read_log`` and ``check_log``; ``opening`` (CSV in any encoding, .xlsx),
  ``cells`` and ``value_checks`` (each column's check), ``many_logs`` (a club at once).
- ``writing``: appending entries and writing any file whole or not at all.
- ``analysis``, ``adherence``, ``pain_warnings``: what the log says.

A data wing: it may import ``hipkit.errors``, ``hipkit.settings`` and the other data
wings (``hipkit.exercises``, ``hipkit.runs``), never ``hipkit.views`` or ``hipkit.coach``.
"""

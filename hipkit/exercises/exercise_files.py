"""Read and check the exercise files of ``data/exercises/`` into one :class:`Library`.

Each exercise is one human-readable file in ``data/exercises/``; the field guide is
``data/README.md``. Every file is checked before anything is returned: a broken file
raises :class:`~hipkit.errors.DataFileError` naming the file, the field and the problem,
and no table is half-built.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from hipkit.errors import DataFileError, Problem, Problems
from hipkit.exercises.data_files import DataDir, FieldChecker, data_root, read_tables, read_toml
from hipkit.exercises.sources import load_sources
from hipkit.log.columns import loose_key

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - exercised only on Python 3.10
    from importlib.abc import Traversable

PURPOSES = ("awareness", "strength", "awareness and strength")
CUE_KINDS = ("feel", "do", "avoid")
#: Where a step or cue comes from, besides an id of sources.csv: the coach's post the
#: exercises come from, or the pack's own coaching advice.
ITEM_SOURCES = ("seed", "pack")
_ID_PATTERN = re.compile(r"[a-z0-9_]+")
_TOP_LEVEL_FIELDS = {
    "id", "name", "order", "purpose", "top_pick", "source", "summary", "position",
    "dosage", "equipment", "steps", "cues", *("versions", "faults", "cautions", "self_test",
                                            "burn_or_pain"),
}
#: An easier and a harder version of an exercise: what a physio hands out beside it.
VERSION_LEVELS = ("easier", "harder")
_DOSAGE_FIELDS = {"sets", "reps", "rep_unit", "each_side", "directions", "text"}


@dataclass(frozen=True)
class _Exercise:
    """One exercise file, checked."""

    record: dict[str, Any]
    steps: list[dict[str, Any]]
    cues: list[dict[str, Any]]
    equipment: list[dict[str, Any]]
    guidance: dict[str, list[dict[str, Any]]]


def _check_exercise(doc: dict, path: Traversable, source_ids: set[str],
                    problems: Problems) -> _Exercise:
    check = FieldChecker(path, problems)
    check.unknown(doc, _TOP_LEVEL_FIELDS)
    exercise_id = check.text(doc, "id")
    if exercise_id is not None and not _ID_PATTERN.fullmatch(exercise_id):
        check.fail("id", "may hold only lower-case letters, digits and _", exercise_id)
    purpose = doc.get("purpose")
    if purpose not in PURPOSES:
        check.fail("purpose", f"must be one of {list(PURPOSES)}", purpose)
    source = check.text(doc, "source")
    if source is not None and source not in source_ids:
        check.fail("source", "is not an id in sources.csv", source)

    dosage = doc.get("dosage")
    if not isinstance(dosage, dict):
        check.fail("dosage", "is missing or is not a table", dosage)
        dosage = {}
    check.unknown(dosage, _DOSAGE_FIELDS, "dosage.")
    directions = check.texts(dosage, "directions", "dosage.directions")
    record = {
        "exercise_id": exercise_id,
        "name": check.text(doc, "name"),
        "order": check.whole(doc, "order", "order"),
        "purpose": purpose,
        "top_pick": check.flag(doc, "top_pick", "top_pick"),
        "sets": check.whole(dosage, "sets", "dosage.sets", required=False),
        "reps": check.whole(dosage, "reps", "dosage.reps"),
        "rep_unit": check.text(dosage, "rep_unit", "dosage.rep_unit"),
        "each_side": check.flag(dosage, "each_side", "dosage.each_side"),
        "n_directions": max(len(directions), 1),
        "directions": " / ".join(directions) if directions else None,
        "dosage_text": check.text(dosage, "text", "dosage.text"),
        "position": check.text(doc, "position"),
        "summary": check.text(doc, "summary"),
        "source": source,
    }

    equipment = []
    for number, item in enumerate(read_tables(doc, "equipment", check, required=False), start=1):
        field = f"equipment[{number}]"
        check.unknown(item, {"item", "detail"}, field + ".")
        equipment.append({"exercise_id": exercise_id,
                          "item": check.text(item, "item", field + ".item"),
                          "detail": check.text(item, "detail", field + ".detail")})
    known_items = {row["item"] for row in equipment}

    def item_source(table: dict, field: str) -> str | None:
        value = table.get("source")
        if value is None:
            return source  # an item without its own source takes the exercise's
        if not isinstance(value, str) or value not in {*ITEM_SOURCES, *source_ids}:
            check.fail(field, f"must be one of {list(ITEM_SOURCES)} or an id in sources.csv",
                       value)
            return None
        return value

    steps = []
    for number, step in enumerate(read_tables(doc, "steps", check, required=True), start=1):
        field = f"steps[{number}]"
        check.unknown(step, {"text", "equipment", "source"}, field + ".")
        needed = check.texts(step, "equipment", field + ".equipment")
        for item in needed:
            if item not in known_items:
                check.fail(field + ".equipment", "names an item not listed under [[equipment]]",
                           item)
        steps.append({"exercise_id": exercise_id, "step": number,
                      "text": check.text(step, "text", field + ".text"),
                      "equipment": "; ".join(needed) if needed else None,
                      "source": item_source(step, field + ".source")})

    cues_table = doc.get("cues")
    if not isinstance(cues_table, dict):
        check.fail("cues", "is missing or is not a table", cues_table)
        cues_table = {}
    check.unknown(cues_table, set(CUE_KINDS), "cues.")
    cues = []
    for kind in CUE_KINDS:
        items = cues_table.get(kind, [])
        if not isinstance(items, list):
            check.fail(f"cues.{kind}", "must be a list of texts or [[cues.KIND]] tables", items)
            continue
        for number, item in enumerate(items, start=1):
            field = f"cues.{kind}[{number}]"
            # A plain text, or a table with the text and where it comes from.
            table = {"text": item} if isinstance(item, str) else item
            if not isinstance(table, dict):
                check.fail(field, "must be a text or a table with text and source", item)
                continue
            check.unknown(table, {"text", "source"}, field + ".")
            cues.append({"exercise_id": exercise_id, "kind": kind,
                         "text": check.text(table, "text", field + ".text"),
                         "source": item_source(table, field + ".source")})
    return _Exercise(record, steps, cues, equipment,
                     _check_guidance(doc, exercise_id, check, source_ids))


#: The optional physio-style parts of an exercise file: TOML key, its text fields, and
#: whether it is one table (``[self_test]``) or a list of them (``[[faults]]``).
GUIDANCE_PARTS = {
    "versions": (("level", "text", "change"), False),
    "faults": (("fault", "fix"), False),
    "cautions": (("text",), False),
    "self_test": (("text",), True),
    "burn_or_pain": (("text",), True),
}


def _check_guidance(doc: dict, exercise_id: str | None, check: FieldChecker,
                    source_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Read the optional versions, faults, cautions, self-test and burn-or-pain line.

    Unlike a step, each of these must say where it comes from itself (``source`` or
    ``adapted_from``): the coach's post, the exercise's own source, says none of them.
    """
    guidance: dict[str, list[dict[str, Any]]] = {}
    for key, (text_fields, single) in GUIDANCE_PARTS.items():
        value = doc.get(key)
        if value is None:
            tables: list = []
        elif single:
            tables = [value] if isinstance(value, dict) else []
            if not isinstance(value, dict):
                check.fail(key, f"must be written as one [{key}] table", value)
        else:
            tables = read_tables(doc, key, check, required=False)
        rows = []
        for number, table in enumerate(tables, start=1):
            field = key if single else f"{key}[{number}]"
            check.unknown(table, {*text_fields, "source", "adapted_from"}, field + ".")
            row = {"exercise_id": exercise_id}
            row.update({name: check.text(table, name, f"{field}.{name}")
                        for name in text_fields})
            if "level" in row and row["level"] is not None and row["level"] not in \
                    VERSION_LEVELS:
                check.fail(field + ".level", f"must be one of {list(VERSION_LEVELS)}",
                           row["level"])
            row["source"], row["adapted"] = _guidance_source(table, field, check, source_ids)
            rows.append(row)
        guidance[key] = rows
    return guidance


def _guidance_source(table: dict, field: str, check: FieldChecker,
                     source_ids: set[str]) -> tuple[str | None, bool]:
    """The ``source`` (seed, pack or an id) or ``adapted_from`` (an id) of one item."""
    source, adapted = table.get("source"), table.get("adapted_from")
    if (source is None) == (adapted is None):
        check.fail(field, "needs exactly one of source (seed, pack or an id in sources.csv) "
                   "or adapted_from (an id in sources.csv)",
                   {"source": source, "adapted_from": adapted})
        return None, False
    if adapted is not None:
        if adapted not in source_ids or adapted == "pack":
            check.fail(field + ".adapted_from", "is not an id in sources.csv", adapted)
            return None, False
        return adapted, True
    if not isinstance(source, str) or source not in {*ITEM_SOURCES, *source_ids}:
        check.fail(field + ".source",
                   f"must be one of {list(ITEM_SOURCES)} or an id in sources.csv", source)
        return None, False
    return source, False


def _check_unique(exercises: list[tuple[Traversable, _Exercise]], column: str,
                  problems: Problems) -> None:
    seen: dict[object, str] = {}
    for path, exercise in exercises:
        value = exercise.record[column]
        field = "id" if column == "exercise_id" else column
        if value is not None and value in seen:
            problems.add(str(path), field, f"is already used by {seen[value]}", value)
        seen.setdefault(value, str(path))


def _check_log_names_apart(exercises: list[tuple[Traversable, _Exercise]],
                           problems: Problems) -> None:
    """Refuse ids and names that a log could not tell apart (it ignores case, - and _)."""
    seen: list[tuple[str, dict, set[str]]] = []
    for path, exercise in exercises:
        labels = {"id": exercise.record["exercise_id"], "name": exercise.record["name"]}
        keys = {loose_key(v) for v in labels.values() if v is not None}
        for other_path, other_labels, other_keys in seen:
            # A repeated id or name is already reported by _check_unique.
            if keys & other_keys and not any(labels[f] is not None and labels[f] ==
                                             other_labels[f] for f in labels):
                field, value = next((f, v) for f, v in reversed(labels.items())
                                    if v is not None and loose_key(v) in other_keys)
                problems.add(
                    str(path), field, f"reads the same in a log as an exercise in "
                    f"{other_path} (case, spaces, '-' and '_' are ignored there), so log "
                    "rows could not tell them apart", value)
        seen.append((str(path), labels, keys))


@dataclass(frozen=True)
class Library:
    """Every table of the exercise library, read and checked together."""

    exercises: pd.DataFrame
    steps: pd.DataFrame
    cues: pd.DataFrame
    equipment: pd.DataFrame
    sources: pd.DataFrame  # what a step's or cue's source id names
    versions: pd.DataFrame
    faults: pd.DataFrame
    cautions: pd.DataFrame
    self_tests: pd.DataFrame
    burn_or_pain: pd.DataFrame


_LIBRARY_CACHE: dict[str, tuple[tuple, Library]] = {}


def _stamp(root: Traversable) -> tuple | None:
    """A digest of every file the library reads, or None where they cannot be listed.

    Digests rather than change times: an edit within the file system's clock tick
    that keeps the size would otherwise go unseen.
    """
    if not isinstance(root, Path) or not (root / "exercises").is_dir():
        return None
    files = [root / "sources.csv", *sorted((root / "exercises").glob("*.toml"))]
    return tuple((f.name, hashlib.blake2b(f.read_bytes(), digest_size=16).digest())
                 for f in files if f.exists())


def read_library(data_dir: DataDir = None) -> Library:
    """Read and check every exercise file; raise one error listing all problems.

    The tables are kept between calls while no file changes (a million-row log and
    its summaries ask for them several times); each call gets its own copies.
    """
    root = data_root(data_dir)
    stamp = _stamp(root)
    cached = _LIBRARY_CACHE.get(str(root))
    if stamp is None or cached is None or cached[0] != stamp:
        cached = (stamp, _read_library(root, data_dir))
        if stamp is not None:
            _LIBRARY_CACHE[str(root)] = cached
    library = cached[1]
    return Library(*(getattr(library, part.name).copy() for part in fields(Library)))


def _read_library(root: Traversable, data_dir: DataDir) -> Library:
    problems = Problems()
    sources = load_sources(data_dir)
    source_ids = set(sources["id"])
    folder = root / "exercises"
    paths = sorted((p for p in folder.iterdir() if p.name.endswith(".toml")),
                   key=lambda p: p.name) if folder.is_dir() else []
    if not paths:
        raise DataFileError([Problem(str(folder), "(folder)", "holds no .toml exercise files")])
    checked = []
    for path in paths:
        doc = read_toml(path, problems)
        if doc is not None:
            checked.append((path, _check_exercise(doc, path, source_ids, problems)))
    for column in ("exercise_id", "name", "order"):
        _check_unique(checked, column, problems)
    _check_log_names_apart(checked, problems)
    problems.raise_if_any()

    exercises = pd.DataFrame([e.record for _, e in checked]).sort_values("order")
    id_type = pd.CategoricalDtype(exercises["exercise_id"].tolist(), ordered=True)

    def table(rows: list[dict], columns: list[str]) -> pd.DataFrame:
        frame = pd.DataFrame(rows, columns=columns)
        frame["exercise_id"] = frame["exercise_id"].astype(id_type)
        return frame.sort_values(["exercise_id"], kind="stable").reset_index(drop=True)

    exercises = table(exercises.to_dict("records"), list(exercises.columns)).astype({
        "name": "string", "order": "int64",
        "purpose": pd.CategoricalDtype(PURPOSES, ordered=True), "top_pick": "bool",
        "sets": "Int64", "reps": "int64", "rep_unit": "string", "each_side": "bool",
        "n_directions": "int64", "directions": "string", "dosage_text": "string",
        "position": "string", "summary": "string", "source": "string",
    })
    steps = table([s for _, e in checked for s in e.steps],
                  ["exercise_id", "step", "text", "equipment", "source"]).astype(
        {"step": "int64", "text": "string", "equipment": "string", "source": "string"})
    cues = table([c for _, e in checked for c in e.cues],
                 ["exercise_id", "kind", "text", "source"]).astype(
        {"kind": pd.CategoricalDtype(CUE_KINDS), "text": "string", "source": "string"})
    equipment = table([q for _, e in checked for q in e.equipment],
                      ["exercise_id", "item", "detail"]).astype(
        {"item": "string", "detail": "string"})

    def guidance(key: str, texts: list[str], extra: dict | None = None) -> pd.DataFrame:
        frame = table([row for _, e in checked for row in e.guidance[key]],
                      ["exercise_id", *texts, "source", "adapted"])
        return frame.astype({**{t: "string" for t in texts}, "source": "string",
                             "adapted": "bool", **(extra or {})})

    return Library(exercises, steps, cues, equipment, sources,
                   guidance("versions", ["level", "text", "change"],
                            {"level": pd.CategoricalDtype(VERSION_LEVELS, ordered=True)}),
                   guidance("faults", ["fault", "fix"]), guidance("cautions", ["text"]),
                   guidance("self_test", ["text"]), guidance("burn_or_pain", ["text"]))


"""The handout's pages drawn as matplotlib Figures: the cover, the exercise pages, the tick sheet.

Pages, in order: a cover with the runner's name, the plan's dates and how it
progresses; one page per exercise with a drawing, the position and steps, the dosage
week by week, what to feel, cues and mistakes (with the physio notes in a second
column); and a tick sheet with a row for every planned session. Text is set with
:mod:`hipkit.coach.handout_layout`; :mod:`hipkit.coach.handout` prints the pages to PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from hipkit.coach.handout_layout import (
    _ACCENT,
    _GREY,
    _HEADER_HEIGHT,
    _INK,
    _TICK_HEAD,
    MARGIN,
    ROW_HEIGHT,
    _Block,
    _cell_text,
    _figure,
    _line_height,
    _paper,
    _rows_per_page,
    _set_blocks,
    wrap,
)
from hipkit.errors import DataFileError
from hipkit.exercises.data_files import DataDir
from hipkit.exercises.exercise_files import read_library
from hipkit.exercises.guidance import GUIDANCE_HEADINGS, Guidance, guidance_for
from hipkit.exercises.loaders import load_cues, load_equipment, load_exercises, load_steps
from hipkit.exercises.progression import dosage_label
from hipkit.exercises.progression_rules import ProgressionRules
from hipkit.exercises.sources import load_sources, source_mark
from hipkit.palette import SUMMARY_FILL, WHITE

#: Printed on the cover: the handout is what leaves the room.
SAFETY_HEADING = "Safety first"
#: The pack's own advice, with the line lesson 05 asks coaches to print on every handout.
SAFETY_NOTE = ("This plan teaches exercise; it does not diagnose or treat. Stop any exercise "
               "that causes pain: sharp or joint pain, or pain that grows. The burn of a "
               "working muscle is effort, not a reason to stop. See a physiotherapist, doctor "
               "or other qualified professional if pain lasts, comes back or grows, or if you "
               "are unsure whether an exercise suits you: each exercise page says who should "
               "ask first.")
#: Draws an exercise into the given Axes, e.g. a static figure of one step.
Drawer = Callable[[str, Axes], object]



def exercise_pages(plan: pd.DataFrame, size: tuple[float, float], drawer: Drawer,
                   rules: ProgressionRules, data_dir: DataDir = None) -> list[Figure]:
    """One page per exercise of the plan (the same for every runner on it)."""
    steps, cues, equipment = load_steps(data_dir), load_cues(data_dir), load_equipment(data_dir)
    library = read_library(data_dir)
    return [exercise_page(exercise, plan, steps, cues, equipment, size, drawer,
                          rules.fixed_reps, load_sources(data_dir),
                          guidance_for(exercise.exercise_id, library))
            for exercise in load_exercises(data_dir).itertuples()]


def tick_sheet_pages(runner: str, plan: pd.DataFrame, paper: str, rules: ProgressionRules,
                     data_dir: DataDir = None) -> list[Figure]:
    """The tick sheet, continued over as many pages as the sessions need."""
    size = _paper(paper)
    exercises = load_exercises(data_dir)
    sessions = plan.drop_duplicates("session")["session"].tolist()
    per_page = _rows_per_page(paper)
    chunks = [sessions[i:i + per_page] for i in range(0, len(sessions), per_page)]
    return [tick_sheet_page(runner, plan[plan["session"].isin(chunk)], exercises, size,
                            number, len(chunks), rules.fixed_reps)
            for number, chunk in enumerate(chunks, start=1)]


def cover_page(runner: str, plan: pd.DataFrame, size: tuple[float, float],
               rules: ProgressionRules, data_dir: DataDir = None) -> Figure:
    """The cover: runner, dates, how the plan grows and when to move on, with sources."""
    fig = _figure(size)
    width = size[0] - 2 * MARGIN
    first, last = plan["date"].min(), plan["date"].max()
    weeks = plan["week"].nunique()
    per_week = plan.groupby("week")["session"].nunique().max()
    sources = load_sources(data_dir).set_index("id")
    # The pack's own choices are said as such in the text; they are not a source to list.
    cited = "; ".join(_citation(sources.loc[s]) for s in
                      dict.fromkeys(("runners_hips_post", *rules.sources))
                      if s in sources.index and s != "pack")
    names = load_exercises(data_dir).set_index("exercise_id")["name"]
    held = [str(names[e]) for e in rules.fixed_reps if e in names.index]
    held_text = (f" {' and '.join(held)} keeps the coach's bout of 10 switches: it grows only "
                 f"by adding bouts (up to {rules.max_sets}), the pack's choice." if held else "")
    blocks = [
        _Block("Hip strength plan", 30, "bold", _ACCENT),
        _Block(runner, 24, "bold", space_before=0.5),
        _Block(f"{weeks} weeks, {per_week} sessions a week: {_day(first)} to {_day(last)}",
               14, space_before=0.6),
        _Block(SAFETY_HEADING, 15, "bold", _ACCENT, space_before=1.2),
        _Block(SAFETY_NOTE, 12, space_before=0.5),
        _Block("How the plan works", 15, "bold", _ACCENT, space_before=1.2),
        _Block("Week 1 is each exercise's starting dosage, as its page gives it. Each week "
               "after that takes one step, the "
               "pack's own rule adapted from McKay et al. 2020: first a set (up to "
               f"{rules.max_sets}), then {rules.reps_step} more repetitions (up to "
               f"{rules.max_reps}), then a band one colour stronger.{held_text} McKay's "
               "programme itself moved to a harder exercise every two weeks and dropped back "
               "to 2 sets; this plan keeps the coach's exercises instead. Tick each exercise "
               "on the tick sheet when you have done it, and write down how hard it felt and "
               "any pain.", 12, space_before=0.5),
        _Block("When to move on", 15, "bold", _ACCENT, space_before=1.2),
        _Block(f"Aim for an effort of about {rules.effort_low}-{rules.effort_high} out of "
               "10. Take next week's step only when this week's feels easier than that. "
               "Stay where you are if you cannot keep good, slow technique, if it already "
               f"feels {rules.effort_low}-{rules.effort_high}/10, or if pain lasts more than "
               f"{rules.pain_days} day after a session. Staying is part of the plan: the "
               "dates are a guide, the gate decides.", 12, space_before=0.5),
        _Block(f"Sources: {cited}.", 9, color=_GREY, space_before=2.0),
    ]
    _set_blocks(fig, blocks, MARGIN, size[1] - MARGIN, width, MARGIN)
    return fig


def _citation(source: pd.Series) -> str:
    author = source["author"] if pd.notna(source["author"]) else source["title"]
    year = f" {source['year']}" if pd.notna(source["year"]) else ""
    return f"{author}{year}"


def _day(date: pd.Timestamp | dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def exercise_page(exercise, plan: pd.DataFrame, steps: pd.DataFrame, cues: pd.DataFrame,
                  equipment: pd.DataFrame, size: tuple[float, float],
                  drawer: Drawer, fixed_reps: tuple[str, ...] = (),
                  sources: pd.DataFrame | None = None,
                  guidance: Guidance | None = None) -> Figure:
    """One exercise: drawing, position, steps, dosage by week, feel, cues, mistakes, kit.

    ``sources`` names the studies a step or cue cites (default: the shipped sources).
    With ``guidance`` (:func:`hipkit.exercises.guidance.guidance_for`), the page opens its text with
    the burn-or-pain line and sets the versions, faults, cautions, self-test and kit in a
    second column, so the page still fits.
    """
    fig = _figure(size)
    fig_w, fig_h = size
    width = fig_w - 2 * MARGIN
    top = fig_h - MARGIN
    title_end = _set_blocks(fig, [_Block(exercise.name, 22, "bold", _ACCENT)], MARGIN, top,
                            width, top - 1.2)
    panel_h = 2.6
    ax = fig.add_axes(((MARGIN) / fig_w, (title_end - 0.15 - panel_h) / fig_h,
                       width / fig_w, panel_h / fig_h))
    try:
        drawer(exercise.exercise_id, ax)
        ax.set_axis_off()
    except (KeyError, DataFileError):
        # A coach's new exercise may have no keyframes yet: describe it in words instead.
        ax.clear()
        _summary_panel(ax, exercise.summary)
    rows = plan[plan["exercise_id"] == exercise.exercise_id].drop_duplicates("week")
    bouts = exercise.exercise_id in fixed_reps
    dosage = [f"Week {row.week}: " + dosage_label(row.sets, row.reps, row.rep_unit,
                                                   row.directions, exercise.each_side,
                                                   bouts=bouts)
              + _band_note(row) for row in rows.itertuples()]

    def own(table: pd.DataFrame) -> pd.DataFrame:
        return table[table["exercise_id"] == exercise.exercise_id]

    has_guidance = guidance is not None and not guidance.empty
    blocks = [_Block("Steps and cues are the coach's unless marked (pack advice) or with "
                     "another source.", 9, color=_GREY)]
    if has_guidance and guidance.burn_or_pain:
        blocks += [_Block(GUIDANCE_HEADINGS["burn_or_pain"], 13, "bold", _ACCENT,
                          space_before=0.6),
                   _Block(guidance.burn_or_pain, 10.5, space_before=0.2)]
    blocks += [_Block("Starting position", 13, "bold", _ACCENT, space_before=0.6),
               _Block(exercise.position, 10.5, space_before=0.2),
               _Block("Steps", 13, "bold", _ACCENT, space_before=0.8)]
    blocks += [_Block(f"{s.step}. {s.text}{source_mark(s.source, sources)}", 10.5, space_before=0.2)
               for s in own(steps).itertuples()]
    blocks.append(_Block("Your dosage", 13, "bold", _ACCENT, space_before=0.8))
    blocks += [_Block(line, 10.5, space_before=0.1) for line in dosage]
    headings = {"feel": "What to feel", "do": "Cues", "avoid": "Mistakes to avoid"}
    for kind, heading in headings.items():
        kind_cues = own(cues)[own(cues)["kind"] == kind]
        if len(kind_cues):
            blocks.append(_Block(heading, 13, "bold", _ACCENT, space_before=0.8))
            blocks += [_Block(f"- {cue.text}{source_mark(cue.source, sources)}", 10.5,
                              space_before=0.1) for cue in kind_cues.itertuples()]
    kit = own(equipment)
    # With the physio notes, they and the kit take a second column beside the rest.
    side = _guidance_blocks(guidance) if has_guidance else blocks
    if len(kit):
        side.append(_Block("Kit", 13, "bold", _ACCENT, space_before=0.8))
        side += [_Block(f"- {item.item}: {item.detail}", 10.5, space_before=0.1)
                 for item in kit.itertuples()]
    text_top = title_end - panel_h - 0.35
    if has_guidance and guidance.sources:
        table = load_sources() if sources is None else sources
        cited = table.set_index("id").loc[guidance.sources]
        side.append(_Block("Sources: " + "; ".join(_citation(row) for _, row in
                                                  cited.iterrows()) + ".", 8, color=_GREY,
                           space_before=1.2))
    if has_guidance:
        column = (width - _COLUMN_GAP) / 2
        _set_blocks(fig, blocks, MARGIN, text_top, column, MARGIN)
        _set_blocks(fig, side, MARGIN + column + _COLUMN_GAP, text_top, column, MARGIN)
    else:
        _set_blocks(fig, blocks, MARGIN, text_top, width, MARGIN)
    return fig


_COLUMN_GAP = 0.3  # inches between the two text columns of an exercise page


def _guidance_blocks(guidance: Guidance) -> list[_Block]:
    """The versions, faults with fixes, cautions and self-test, as headed paragraphs."""
    def section(key: str, lines: list[str]) -> list[_Block]:
        if not lines:
            return []
        space = 0.6 if key == "versions" else 0.8
        return [_Block(GUIDANCE_HEADINGS[key], 13, "bold", _ACCENT, space_before=space),
                *(_Block(line, 10, space_before=0.15) for line in lines)]

    return [*section("versions", [f"{level.capitalize()}: {text}"
                                  for level, text in guidance.versions]),
            *section("faults", [f"- {fault} Fix: {fix}" for fault, fix in guidance.faults]),
            *section("cautions", [f"- {text}" for text in guidance.cautions]),
            *section("self_test", [guidance.self_test] if guidance.self_test else [])]


def _band_note(row) -> str:
    if pd.notna(row.band):
        return f", {row.band} band"
    if row.band_step:
        return f", band {row.band_step} colour{'s' if row.band_step > 1 else ''} stronger"
    return ""


def _summary_panel(ax: Axes, summary: str) -> None:
    """Stand-in for a drawing: what the exercise is and why, in a framed box."""
    ax.set_axis_off()
    ax.add_patch(Rectangle((0, 0), 1, 1, transform=ax.transAxes, facecolor=SUMMARY_FILL,
                           edgecolor=_ACCENT, linewidth=1))
    bbox = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    width, height = bbox.width * fig_w - 0.4, bbox.height * fig_h - 0.4
    size = 12.0
    while size > 6 and len(wrap(summary, width, size)) * _line_height(size) > height:
        size -= 0.5
    ax.text(0.5, 0.5, "\n".join(wrap(summary, width, size)), transform=ax.transAxes,
            ha="center", va="center", fontsize=size, fontstyle="italic", color=_INK,
            linespacing=1.3, parse_math=False)


def tick_sheet_page(runner: str, plan: pd.DataFrame, exercises: pd.DataFrame,
                    size: tuple[float, float], number: int = 1, of: int = 1,
                    fixed_reps: tuple[str, ...] = ()) -> Figure:
    """A table with a row per session: date, a box per exercise and side, effort, pain.

    ``fixed_reps`` names the exercises whose bout keeps its repetitions (the hold).
    """
    fig = _figure(size)
    fig_w, fig_h = size
    width = fig_w - 2 * MARGIN
    title = "Tick sheet" + (f" ({number} of {of})" if of > 1 else "")
    # Name the units done in several directions from the data: a coach's pack may have none.
    directed = exercises.loc[exercises["n_directions"] > 1, "rep_unit"].unique().tolist()
    each_way = f"{', '.join(map(str, directed))}: each direction" if directed else ""
    held = exercises[exercises["exercise_id"].isin(fixed_reps)]
    bouts = "; ".join(f"{row.name}: bouts x {row.rep_unit}" for row in held.itertuples())
    units = "; ".join(part for part in (each_way, bouts) if part)
    note = (f"Numbers are sets x repetitions{f' ({units})' if units else ''}. Tick a box when "
            "it is done: L = left side, R = right side. Rate effort and pain from 0 to 10. "
            "Move to a new week's numbers only if the gate on the cover allows; otherwise "
            "repeat the week you are on. Stop if it hurts.")
    end = _set_blocks(fig, [_Block(title, 20, "bold", _ACCENT),
                            _Block(runner, 12, space_before=0.3),
                            _Block(note, 9, color=_GREY, space_before=0.4)],
                      MARGIN, fig_h - MARGIN, width, fig_h - MARGIN - _TICK_HEAD)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, fig_w)
    ax.set_ylim(0, fig_h)
    fixed = {"Session": 0.6, "Date": 0.95, "Effort 0-10": 0.6, "Pain 0-10": 0.6}
    ex_width = (width - sum(fixed.values())) / len(exercises)
    columns = [("Session", fixed["Session"]), ("Date", fixed["Date"])]
    columns += [(name, ex_width) for name in exercises["name"]]
    columns += [("Effort 0-10", fixed["Effort 0-10"]), ("Pain 0-10", fixed["Pain 0-10"])]
    top = end - 0.15
    xs = [MARGIN]
    for _, col_width in columns:
        xs.append(xs[-1] + col_width)
    for (label, col_width), x in zip(columns, xs, strict=False):
        _cell_text(fig, label, x, top, col_width, _HEADER_HEIGHT, 8.5, "bold")
    sessions = plan.drop_duplicates("session")
    y = top - _HEADER_HEIGHT
    box = 0.16
    for session in sessions.itertuples():
        _cell_text(fig, str(session.session), xs[0], y, columns[0][1], ROW_HEIGHT, 9)
        _cell_text(fig, f"{session.date:%a} {session.date.day} {session.date:%b}", xs[1], y,
                   columns[1][1], ROW_HEIGHT, 9)
        for index, exercise in enumerate(exercises.itertuples()):
            x = xs[2 + index]
            row = plan[(plan["session"] == session.session)
                       & (plan["exercise_id"] == exercise.exercise_id)].iloc[0]
            # The dosage on the upper half of the cell, the boxes to tick on the lower half.
            _cell_text(fig, f"{row['sets']} x {row['reps']}", x, y, ex_width,
                       ROW_HEIGHT / 2, 8)
            sides = ("L", "R") if exercise.each_side else ("",)
            step = 0.45
            first = x + ex_width / 2 - (len(sides) - 1) * step / 2
            for offset, side in enumerate(sides):
                centre = first + offset * step
                ax.add_patch(Rectangle((centre - box / 2, y - ROW_HEIGHT + 0.05), box, box,
                                       facecolor=WHITE, edgecolor=_INK, linewidth=0.8))
                if side:
                    ax.text(centre - box / 2 - 0.04, y - ROW_HEIGHT + 0.05 + box / 2, side,
                            fontsize=7, ha="right", va="center", color=_GREY,
                            parse_math=False)
        y -= ROW_HEIGHT
    for x in xs:
        ax.plot([x, x], [y, top], color=_GREY, linewidth=0.6)
    for index in range(len(sessions) + 1):
        line_y = top - _HEADER_HEIGHT - ROW_HEIGHT * index
        ax.plot([xs[0], xs[-1]], [line_y, line_y], color=_GREY, linewidth=0.6)
    ax.plot([xs[0], xs[-1]], [top, top], color=_GREY, linewidth=0.6)
    return fig

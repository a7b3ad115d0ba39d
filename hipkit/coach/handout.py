"""A printable plan for one runner: a PDF made with matplotlib alone (no LaTeX, no browser).

Pages, in order: a cover with the runner's name, the plan's dates and how it
progresses; one page per exercise with a drawing, the position and steps, the dosage
week by week, what to feel, cues and mistakes; and a tick sheet with a row for every
planned session. :func:`handout_page_count` says how many pages that makes.

Text is laid out line by line from measured glyph widths, so it wraps inside the page
margins; when a page's text would run past the bottom margin, the whole page is set in
a smaller size until it fits, and a word too long for a line is split. Long names and
long exercise texts therefore shrink, never spill off the paper.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextToPath
from pypdf import PdfReader, PdfWriter

from hipkit.errors import DataFileError
from hipkit.exercises.library import (
    GUIDANCE_HEADINGS,
    DataDir,
    Guidance,
    guidance_for,
    load_cues,
    load_equipment,
    load_exercises,
    load_sources,
    load_steps,
    read_library,
    source_mark,
)
from hipkit.exercises.progression import dosage_label
from hipkit.exercises.progression_rules import ProgressionRules, load_progression
from hipkit.log.writing import write_atomic
from hipkit.palette import HANDOUT_ACCENT, HANDOUT_GREY, HANDOUT_INK, SUMMARY_FILL
from hipkit.views.movement_plot import draw_key_moment

#: Paper sizes in inches (width, height), portrait.
PAPERS = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}
MARGIN = 0.7  # inches on every side: inside what home printers can print
#: Tick-sheet rows shorter than this are too small to tick by hand.
ROW_HEIGHT = 0.4
_HEADER_HEIGHT = 0.6  # the tick sheet's header row: exercise names on up to 3 lines
_TICK_HEAD = 1.2  # the tick sheet's title, runner and note above the table
_INK, _GREY, _ACCENT = HANDOUT_INK, HANDOUT_GREY, HANDOUT_ACCENT
_MEASURE = TextToPath()
#: The handout's typeface: DejaVu Sans ships inside matplotlib, so every computer prints
#: the same letters. It covers Latin, Greek, Cyrillic, Armenian and Georgian scripts.
FONT = "DejaVu Sans"
#: Longest plan a handout prints (a year), and longest runner name (characters).
MAX_WEEKS = 52
MAX_NAME_LENGTH = 150
_SLACK = 0.02
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


@dataclass
class _Block:
    """A paragraph to set: text, size in points at scale 1, and its look."""

    text: str
    size: float
    weight: str = "normal"
    color: str = _INK
    indent: float = 0.0  # inches
    space_before: float = 0.0  # in units of the size
    lines: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=65536)
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width in inches of ``text`` set in the default sans-serif font, with some slack.

    The width is the font's own, as the PDF sets it, plus 2% for rounding. (A screen
    preview rounds glyphs to whole pixels and may draw small text a few % wider.)

    Examples
    --------
    >>> text_width("hips", 10) < text_width("hips hips", 10)
    True
    """
    prop = FontProperties(family=FONT, size=size, weight=weight)
    width, _, _ = _MEASURE.get_text_width_height_descent(text, prop, ismath=False)
    return width / 72 * (1 + _SLACK)


def wrap(text: str, width: float, size: float, weight: str = "normal") -> list[str]:
    """Break ``text`` into lines no wider than ``width`` inches; split words that are longer.

    Examples
    --------
    >>> wrap("Keep the raised leg level with the other thigh", 1.2, 10)
    ['Keep the raised', 'leg level with', 'the other thigh']
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if text_width(trial, size, weight) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        while text_width(word, size, weight) > width:
            cut = _longest_fit(word, width, size, weight)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


def _longest_fit(word: str, width: float, size: float, weight: str) -> int:
    """How many leading characters of ``word`` fit on one line (at least one).

    A longer start is never narrower, so a binary search finds it in a few measurements
    however long the word is.
    """
    low, high = 1, len(word) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(word[:middle], size, weight) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _line_height(size: float) -> float:
    return size * 1.3 / 72


def _set_blocks(fig: Figure, blocks: list[_Block], left: float, top: float, width: float,
                bottom: float) -> float:
    """Draw the blocks from ``top`` down, shrunk until they end above ``bottom``.

    Returns the height in inches where the text ended.
    """
    for scale in [1.0 - 0.05 * step for step in range(15)]:
        y = top
        for block in blocks:
            size = block.size * scale
            block.lines = wrap(block.text, width - block.indent, size, block.weight)
            y -= block.space_before * size / 72 + len(block.lines) * _line_height(size)
        if y >= bottom:
            break
    fig_w, fig_h = fig.get_size_inches()
    y = top
    for block in blocks:
        size = block.size * scale
        y -= block.space_before * size / 72
        for line in block.lines:
            y -= _line_height(size)
            fig.text((left + block.indent) / fig_w, (y + 0.25 * size / 72) / fig_h, line,
                     fontsize=size, fontweight=block.weight, color=block.color,
                     ha="left", va="baseline", parse_math=False)
    return y


def handout_page_count(plan: pd.DataFrame, paper: str = "a4") -> int:
    """Pages of a handout: cover, one per exercise, and the tick-sheet pages.

    Examples
    --------
    >>> from hipkit.exercises.progression import build_plan
    >>> handout_page_count(build_plan("2026-02-02"))
    6
    """
    sessions = plan["session"].nunique()
    return 1 + plan["exercise_id"].nunique() + math.ceil(sessions / _rows_per_page(paper))


def _rows_per_page(paper: str) -> int:
    _, height = _paper(paper)
    return int((height - 2 * MARGIN - _TICK_HEAD - 0.15 - _HEADER_HEIGHT) // ROW_HEIGHT)


def _paper(paper: str) -> tuple[float, float]:
    key = paper.strip().lower()
    if key not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, got {paper!r}")
    return PAPERS[key]


def make_handout(out: str | Path, runner: str, plan: pd.DataFrame, *, paper: str = "a4",
                 drawer: Drawer | None = None, rules: ProgressionRules | None = None,
                 data_dir: DataDir = None) -> int:
    """Write one runner's printable plan to a PDF and return its number of pages.

    Parameters
    ----------
    out : str or Path
        The PDF to write. It is replaced whole or not at all: until the new file is
        complete, an old one stays as it was.
    runner : str
        The runner's name, printed on the cover and the tick sheet (see
        :func:`check_runner_name` for what is accepted).
    plan : DataFrame
        From :func:`hipkit.exercises.progression.build_plan`, at most :data:`MAX_WEEKS` weeks.
    paper : {"a4", "letter"}
        Paper size.
    drawer : callable, optional
        ``drawer(exercise_id, ax)`` draws the exercise on each exercise page; by default
        the movement figure at its key moment
        (:func:`hipkit.views.movement_plot.draw_key_moment`). An exercise without keyframes
        gets its summary in words instead.
    rules : ProgressionRules, optional
        The rules the cover explains (default:
        :func:`hipkit.exercises.progression_rules.load_progression`).

    Raises
    ------
    ValueError
        For a name that cannot be printed, a plan longer than :data:`MAX_WEEKS` weeks or
        an unknown paper size, before anything is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from hipkit.exercises.progression import build_plan
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "plan.pdf"
    >>> make_handout(out, "Sam", build_plan("2026-02-02"), paper="letter")
    6
    """
    pages = make_handouts({runner: out}, plan, paper=paper, drawer=drawer, rules=rules,
                          data_dir=data_dir)
    return pages[check_runner_name(runner)]


def make_handouts(outs: Mapping[str, str | Path], plan: pd.DataFrame, *,
                  paper: str = "a4", drawer: Drawer | None = None,
                  rules: ProgressionRules | None = None,
                  data_dir: DataDir = None) -> dict[str, int]:
    """Write the handouts of a whole group on one plan; return each runner's pages.

    The exercise pages, the same for everyone on the plan, are laid out once and
    printed into every runner's PDF; each PDF is replaced whole or not at all, as in
    :func:`make_handout`. Every name is checked before any file is written.

    Parameters
    ----------
    outs : mapping of str to path
        Each runner's name and the PDF to write for them.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from hipkit.exercises.progression import build_plan
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> make_handouts({"Ana": folder / "ana.pdf", "Ben": folder / "ben.pdf"},
    ...               build_plan("2026-02-02", weeks=1))
    {'Ana': 6, 'Ben': 6}
    """
    size = _paper(paper)
    names = {}
    problems = []
    for runner in outs:
        try:
            names[check_runner_name(runner)] = Path(outs[runner])
        except ValueError as error:
            problems.append(str(error))
    if problems:
        raise ValueError("\n".join(problems))
    _check_plan(plan)
    drawer = drawer or functools.partial(draw_key_moment, title=False, data_dir=data_dir)
    rules = rules or load_progression(data_dir)
    pages = {}
    # Type 42 fonts: a PDF reader (or pypdf) can copy the text.
    with mpl.rc_context({"pdf.fonttype": 42, "font.family": FONT}):
        # The exercise pages are the same for everyone on the plan: print them to PDF
        # once and copy those pages into each runner's file, so a group costs one cover
        # and one tick sheet a runner rather than every page again.
        shared = PdfReader(BytesIO(_pdf(exercise_pages(plan, size, drawer, rules,
                                                        data_dir)))).pages
        for runner, out in names.items():
            cover = PdfReader(BytesIO(_pdf([cover_page(runner, plan, size, rules,
                                                       data_dir)]))).pages
            ticks = PdfReader(BytesIO(_pdf(tick_sheet_pages(runner, plan, paper, rules,
                                                            data_dir)))).pages
            document = PdfWriter()
            for page in (*cover, *shared, *ticks):
                document.add_page(page)
            document.add_metadata({"/Title": f"Hip strength plan: {runner}",
                                   "/Creator": "hipkit"})
            written = BytesIO()
            document.write(written)
            write_atomic(out, written.getvalue())
            pages[runner] = len(document.pages)
    return pages


def _pdf(figures: list[Figure]) -> bytes:
    """The figures as the pages of one PDF (no creation date: the same pages, same bytes)."""
    document = BytesIO()
    with PdfPages(document, metadata={"CreationDate": None}) as pdf:
        for fig in figures:
            pdf.savefig(fig)
    return document.getvalue()


def check_runner_name(name: str) -> str:
    """The name as the handout prints it, or a ValueError saying why it cannot be.

    Spaces are tidied and letters composed (Unicode NFC). Refused: an empty name, one
    longer than :data:`MAX_NAME_LENGTH` characters, control characters, letters the
    handout's font (:data:`FONT`) has no shape for, and right-to-left letters, which a
    PDF set by matplotlib would print in the wrong order.

    Examples
    --------
    >>> check_runner_name("  Zoë   Καλλιόπη  Ёлкина ")
    'Zoë Καλλιόπη Ёлкина'
    >>> check_runner_name("李小龙")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: runner name '李小龙' has letters the handout's font (DejaVu Sans) cannot ...
    """
    text = " ".join(unicodedata.normalize("NFC", str(name)).split())
    if not text:
        raise ValueError("runner name is empty: give the name to print on the handout")
    if len(text) > MAX_NAME_LENGTH:
        raise ValueError(f"runner name is {len(text)} characters long; at most "
                         f"{MAX_NAME_LENGTH} fit on the handout: {text[:40]!r}...")
    control = [c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs", "Cn")]
    if control:
        raise ValueError(f"runner name {text!r} holds invisible or control characters: "
                         + ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(control)))
    backwards = [c for c in text if unicodedata.bidirectional(c) in ("R", "AL")]
    if backwards:
        raise ValueError(f"runner name {text!r} is written right to left, which the "
                         "handout cannot print in the right order; write it in Latin "
                         "letters")
    missing = [c for c in dict.fromkeys(text) if not c.isspace() and ord(c) not in
               _printable()]
    if missing:
        raise ValueError(f"runner name {text!r} has letters the handout's font ({FONT}) "
                         "cannot print: " + ", ".join(repr(c) for c in missing)
                         + "; write it in Latin, Greek or Cyrillic letters")
    return text


@functools.cache
def _printable() -> frozenset[int]:
    """Characters both the regular and the bold handout font have a shape for."""
    fonts = [FT2Font(findfont(FontProperties(family=FONT, weight=weight),
                              fallback_to_default=False)) for weight in ("normal", "bold")]
    return frozenset.intersection(*(frozenset(font.get_charmap()) for font in fonts))


def _check_plan(plan: pd.DataFrame) -> None:
    weeks = plan["week"].nunique()
    if weeks > MAX_WEEKS:
        raise ValueError(f"the plan has {weeks} weeks; a handout prints at most {MAX_WEEKS}"
                         " (make a new plan each year)")


def handout_figures(runner: str, plan: pd.DataFrame, *, paper: str = "a4",
                    drawer: Drawer | None = None, rules: ProgressionRules | None = None,
                    data_dir: DataDir = None) -> Iterator[Figure]:
    """Yield the handout's pages as matplotlib Figures, in order (see :func:`make_handout`).

    The figures are not attached to pyplot, so a notebook shows only what it asks for.

    Examples
    --------
    >>> from hipkit.exercises.progression import build_plan
    >>> [f.get_size_inches().round(2).tolist() for f in handout_figures(
    ...     "Sam", build_plan("2026-02-02", weeks=1))][0]
    [8.27, 11.69]
    """
    size = _paper(paper)
    drawer = drawer or functools.partial(draw_key_moment, title=False, data_dir=data_dir)
    rules = rules or load_progression(data_dir)
    yield cover_page(runner, plan, size, rules, data_dir)
    yield from exercise_pages(plan, size, drawer, rules, data_dir)
    yield from tick_sheet_pages(runner, plan, paper, rules, data_dir)


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


def _figure(size: tuple[float, float]) -> Figure:
    return Figure(figsize=size, facecolor="white")


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
    With ``guidance`` (:func:`hipkit.exercises.library.guidance_for`), the page opens its text with
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
                                       facecolor="white", edgecolor=_INK, linewidth=0.8))
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


def _cell_text(fig: Figure, text: str, x: float, top: float, width: float, height: float,
               size: float, weight: str = "normal") -> None:
    """Centre wrapped text in a table cell, smaller if it would not fit."""
    pad = 0.06
    longest = max(text.split(), key=lambda word: text_width(word, size, weight), default="")
    # Shrink before splitting a word ("Sessio / n" reads badly), and until the lines fit.
    while size > 4 and (text_width(longest, size, weight) > width - 2 * pad
                        or len(wrap(text, width - 2 * pad, size, weight)) * _line_height(size)
                        > height - pad):
        size -= 0.5
    lines = wrap(text, width - 2 * pad, size, weight)
    fig_w, fig_h = fig.get_size_inches()
    block = len(lines) * _line_height(size)
    y = top - (height - block) / 2
    for line in lines:
        y -= _line_height(size)
        fig.text((x + width / 2) / fig_w, (y + 0.25 * size / 72) / fig_h, line,
                 fontsize=size, fontweight=weight, ha="center", va="baseline", color=_INK,
                 parse_math=False)

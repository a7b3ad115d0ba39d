"""A printable plan for one runner: a PDF made with matplotlib alone (no LaTeX, no browser).

Pages, in order: a cover with the runner's name, the plan's dates and how it
progresses; one page per exercise with a drawing, the position and steps, the dosage
week by week, what to feel, cues and mistakes; and a tick sheet with a row for every
planned session. :func:`handout_page_count` says how many pages that makes.

This module checks the runner's name and the plan, and prints the pages
(:mod:`hipkit.coach.handout_pages`, set with :mod:`hipkit.coach.handout_layout`) into
each runner's PDF, copying the exercise pages a group shares with pypdf.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterator, Mapping
from io import BytesIO
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from pypdf import PdfReader, PdfWriter

from hipkit.coach.handout_layout import FONT, _paper, _rows_per_page
from hipkit.coach.handout_pages import Drawer, cover_page, exercise_pages, tick_sheet_pages
from hipkit.exercises.data_files import DataDir
from hipkit.exercises.progression_rules import ProgressionRules, load_progression
from hipkit.log.writing import write_atomic
from hipkit.views.movement_plot import draw_key_moment

#: Longest plan a handout prints (a year), and longest runner name (characters).
MAX_WEEKS = 52
MAX_NAME_LENGTH = 150


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
        :func:`hipkit.exercises.progression.load_progression`).

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

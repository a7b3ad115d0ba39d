"""The handout's page layout: paper sizes, margins and text set from measured glyph widths.

Text is laid out line by line from measured glyph widths, so it wraps inside the page
margins; when a page's text would run past the bottom margin, the whole page is set in
a smaller size until it fits, and a word too long for a line is split. Long names and
long exercise texts therefore shrink, never spill off the paper. The pages themselves
are drawn in :mod:`hipkit.coach.handout_pages`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from hipkit.palette import HANDOUT_ACCENT, HANDOUT_GREY, HANDOUT_INK, WHITE

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
_SLACK = 0.02


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


def _rows_per_page(paper: str) -> int:
    _, height = _paper(paper)
    return int((height - 2 * MARGIN - _TICK_HEAD - 0.15 - _HEADER_HEIGHT) // ROW_HEIGHT)


def _paper(paper: str) -> tuple[float, float]:
    key = paper.strip().lower()
    if key not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, got {paper!r}")
    return PAPERS[key]


def _figure(size: tuple[float, float]) -> Figure:
    return Figure(figsize=size, facecolor=WHITE)


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

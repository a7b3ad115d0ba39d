"""Every colour hipkit draws, in one place.

This module is the only place in the package where a colour is written. Charts, widgets,
the CSS inside HTML widgets, the PDF handouts and the coach's dashboard all take their
colours from the names below, so a colour is changed here or nowhere (a test fails if a
colour code appears in any other module).

The names are grouped by purpose. Where text is drawn on a fill, the pair is listed in
:data:`CONTRAST_PAIRS` and meets WCAG 2.x level AA: a contrast ratio of at least 4.5:1
for normal text, 3:1 for large text (18 pt, or 14 pt bold) and for graphics that carry
meaning (lines, borders, markers). :func:`contrast_ratio` computes the ratio.

Examples
--------
>>> round(contrast_ratio(DONE_TEXT, DONE_GREEN), 2)
5.13
>>> all(contrast_ratio(p.ink, p.fill) >= p.minimum for p in CONTRAST_PAIRS)
True
"""

from __future__ import annotations

from string import Template
from typing import NamedTuple

# --- Neutrals --------------------------------------------------------------------------
WHITE = "#ffffff"
BLACK = "#000000"
#: Body text on white or pale fills: handouts, presenter, call-outs.
INK = "#1a1a1a"
#: Secondary text: handout source lines, the muscle heatmap's "not listed" label.
MUTED_INK = "#555555"

# --- Okabe & Ito's colour-blind-safe palette (charts) ----------------------------------
OKABE_BLUE = "#0072B2"
OKABE_ORANGE = "#E69F00"
OKABE_GREEN = "#009E73"
OKABE_PURPLE = "#CC79A7"
OKABE_SKY = "#56B4E9"
OKABE_VERMILION = "#D55E00"
#: In the order the exercises are taught (log and run charts).
OKABE_ITO = (OKABE_BLUE, OKABE_ORANGE, OKABE_GREEN, OKABE_PURPLE, OKABE_SKY,
             OKABE_VERMILION)

# --- Practice-log charts ---------------------------------------------------------------
#: Calendar shading, light to dark blue-green: rest days pale, hard days dark.
CALENDAR_COLOURS = ("#edf8fb", "#b2e2e2", "#66c2a4", "#2ca25f", "#006d2c")
#: Session bars' outline (session plots).
BAR_EDGE = "#333333"

# --- Run charts ------------------------------------------------------------------------
#: Weekly kilometres of a coach's group, light to dark (a colour map by name).
RUNS_CMAP = "Blues"
#: Gaps (unscored days) and the warm-up shading: grey, no unit's colour.
GAP_GREY = "#6b6b6b"

# --- Muscle charts ---------------------------------------------------------------------
#: Role fills sampled from the cividis colour map, dark to light.
ROLE_TARGET = "#00224e"
ROLE_SYNERGIST = "#8a8778"
ROLE_STABILIZER = "#ead35a"
#: Text that reads on each role's fill.
ROLE_TARGET_INK = WHITE
ROLE_SYNERGIST_INK = BLACK
ROLE_STABILIZER_INK = BLACK
#: Fill of a muscle the pack does not list for an exercise, and its label.
NOT_LISTED_FILL = WHITE
NOT_LISTED_INK = MUTED_INK
#: Outline of the muscle picked on the body map.
HIGHLIGHT = "#e66100"
#: Captions and annotation leader lines.
CAPTION_INK = "#333333"
#: Notes, the strength threshold and its label, non-target tick labels.
NOTE_INK = "#444444"
#: Tick labels of target muscles.
TARGET_TICK_INK = BLACK
LEGEND_EDGE = "#777777"
CELL_EDGE = "#bbbbbb"
BODY_FILL = "#f1f1f1"
BODY_EDGE = "#999999"
MUSCLE_FILL = "#d9d9d9"
MUSCLE_EDGE = "#444444"
IT_BAND_FILL = "#dddddd"
IT_BAND_EDGE = "#aaaaaa"
#: The "IT band" label, on white beside the band.
IT_BAND_INK = "#767676"

# --- Body figure and movement plots ----------------------------------------------------
FIGURE_NEAR = "#1d3557"  # near limbs
FIGURE_TRUNK = "#41709c"  # trunk, hips, shoulders
FIGURE_FAR = "#a9bdd6"  # far limbs
FLOOR_FILL = "#e6e6e6"
FLOOR_EDGE = "#9a9a9a"
#: Guide lines and their labels, movement notes.
GUIDE_INK = "#222222"
#: The hip-angle arc and the movement's traced path (lines, not text).
ANGLE_ARC = OKABE_VERMILION
#: The hip-angle readout: vermilion darkened just enough to read on white.
ANGLE_INK = "#c35600"
BAND_LINE = OKABE_PURPLE
PROP_GREY = "#7a7a7a"

# --- Handouts (PDF) --------------------------------------------------------------------
HANDOUT_INK = INK
HANDOUT_GREY = MUTED_INK
HANDOUT_ACCENT = OKABE_BLUE
SUMMARY_FILL = "#f2f6fa"

# --- Widgets and the CSS in HTML widgets -----------------------------------------------
PAGE = WHITE
#: The walkthrough's Done button. White on it is 5.1:1; ipywidgets' own "success" green
#: (#388e3c) gives only 4.1:1.
DONE_GREEN = "#2e7d32"
DONE_TEXT = WHITE
#: Burn-or-pain call-out and the rest-over banner.
CALLOUT_BORDER = "#8a5a00"
CALLOUT_FILL = "#fff8e1"
REST_OVER_FILL = "#fff3c4"
#: The presenter's line of key help.
KEYS_HELP_INK = "#4a4a4a"
#: The "top pick" badge beside an exercise's name.
TOP_PICK_INK = "#b35900"
#: Self-check feedback.
CORRECT_INK = "#1a7f37"
WRONG_INK = "#8a4500"
#: The log form's field errors and pain-warning alert.
ERROR_INK = "#b00020"
ALERT_BORDER = ERROR_INK
ALERT_FILL = "#fdecea"
ALERT_INK = "#5f0010"

# --- Coach's dashboard page ------------------------------------------------------------
TABLE_BORDER = "#888"
#: The adherence heatmap's colour map, the one the role fills are sampled from.
ADHERENCE_CMAP = "cividis"
#: Heatmap cell text: dark on the light end of the colour map, light on the dark end.
HEATMAP_DARK_INK = BLACK
HEATMAP_LIGHT_INK = WHITE

TEXT, LARGE_TEXT, GRAPHIC = 4.5, 3.0, 3.0


class Pair(NamedTuple):
    """Colours drawn one on the other, where, and the WCAG AA ratio they need."""

    ink: str
    fill: str
    where: str
    minimum: float = TEXT


#: Every text-on-fill pair the pack draws (plus a few meaningful graphics on white).
CONTRAST_PAIRS = (
    Pair(ROLE_TARGET_INK, ROLE_TARGET, "muscle heatmap: cell text on a target"),
    Pair(ROLE_SYNERGIST_INK, ROLE_SYNERGIST, "muscle heatmap: cell text on a synergist"),
    Pair(ROLE_STABILIZER_INK, ROLE_STABILIZER, "muscle heatmap: cell text on a stabilizer"),
    Pair(NOT_LISTED_INK, NOT_LISTED_FILL, "muscle heatmap: text on a not-listed cell"),
    Pair(CAPTION_INK, WHITE, "muscle charts: captions"),
    Pair(NOTE_INK, WHITE, "muscle charts: notes, threshold label, tick labels"),
    Pair(TARGET_TICK_INK, WHITE, "muscle charts: target tick labels"),
    Pair(IT_BAND_INK, WHITE, "body map: the IT band label"),
    Pair(GUIDE_INK, WHITE, "body figure guide label, movement notes"),
    Pair(ANGLE_INK, WHITE, "body figure: hip-angle readout"),
    Pair(DONE_TEXT, DONE_GREEN, "walkthrough: Done button text"),
    Pair(INK, CALLOUT_FILL, "walkthrough and presenter: burn-or-pain call-out"),
    Pair(INK, REST_OVER_FILL, "walkthrough and presenter: rest-over banner"),
    Pair(TOP_PICK_INK, PAGE, "walkthrough: top-pick badge"),
    Pair(INK, PAGE, "presenter text"),
    Pair(KEYS_HELP_INK, PAGE, "presenter key help"),
    Pair(CORRECT_INK, PAGE, "quiz feedback: correct"),
    Pair(WRONG_INK, PAGE, "quiz feedback: not quite"),
    Pair(ERROR_INK, PAGE, "log form: field error"),
    Pair(ALERT_INK, ALERT_FILL, "log form: pain-warning alert text"),
    Pair(HANDOUT_INK, WHITE, "handout text"),
    Pair(HANDOUT_GREY, WHITE, "handout sources and tick-sheet labels"),
    Pair(HANDOUT_ACCENT, WHITE, "handout headings"),
    Pair(HANDOUT_INK, SUMMARY_FILL, "handout summary box"),
    Pair(CALLOUT_BORDER, PAGE, "call-out and rest-over borders", GRAPHIC),
    Pair(ALERT_BORDER, ALERT_FILL, "pain-warning alert border", GRAPHIC),
    Pair(GAP_GREY, WHITE, "run charts: gap markers and lines", GRAPHIC),
    Pair(ANGLE_ARC, WHITE, "body figure: hip-angle arc; movement trace", GRAPHIC),
    Pair(FIGURE_NEAR, WHITE, "body figure: near limbs", GRAPHIC),
    Pair(TABLE_BORDER, WHITE, "dashboard page: table borders", GRAPHIC),
)

_NAMED = {"white": WHITE, "black": BLACK}


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rgb``, ``#rrggbb``, ``"white"`` or ``"black"``.

    Examples
    --------
    >>> relative_luminance("#fff"), relative_luminance("black")
    (1.0, 0.0)
    """
    code = _NAMED.get(colour.lower(), colour).lstrip("#")
    if len(code) == 3:
        code = "".join(digit * 2 for digit in code)
    if len(code) != 6:
        raise ValueError(f"not a colour code: {colour!r}")
    channels = [int(code[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                        for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(ink: str, fill: str) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1 (same) to 21 (black on white).

    Examples
    --------
    >>> contrast_ratio(WHITE, BLACK)
    21.0
    >>> round(contrast_ratio(INK, PAGE), 1)
    17.4
    """
    light, dark = sorted((relative_luminance(ink), relative_luminance(fill)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def css(template: str) -> str:
    """Fill ``$NAME`` placeholders in CSS or HTML with this module's colours.

    CSS is full of braces, so a :class:`string.Template` keeps it readable where an
    f-string would double every brace. An unknown name raises :class:`KeyError`.

    Examples
    --------
    >>> css(".note { color: $INK; }")
    '.note { color: #1a1a1a; }'
    """
    colours = {name: value for name, value in globals().items()
               if name.isupper() and isinstance(value, str)}
    return Template(template).substitute(colours)

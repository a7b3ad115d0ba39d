"""Colours are written only in hipkit/palette.py, and its text-on-fill pairs meet WCAG AA."""

import re
from pathlib import Path

import pytest

from hipkit import palette
from hipkit.palette import CONTRAST_PAIRS, contrast_ratio

PACKAGE = Path(palette.__file__).parent
# Three or six hex digits ending a word: "#1a1a1a", "#888". An issue reference such as
# "#25" or "#1" has too few digits, so it never matches.
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def hex_colours_outside_palette() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "palette.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HEX_COLOUR.search(line):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    return found


def test_colours_are_written_only_in_the_palette():
    found = hex_colours_outside_palette()
    assert not found, "colour codes outside hipkit/palette.py:\n" + "\n".join(found)


@pytest.mark.parametrize("text, matches", [
    ("see issue #25 and #1", False), ("#abc", True), ("#1a1a1a;", True),
    ("#0072B2", True), ("#abcd", False), ("step #12345", False),
])
def test_the_scan_finds_colours_not_issue_numbers(text, matches):
    assert bool(HEX_COLOUR.search(text)) is matches


def test_contrast_ratio_of_known_pairs():
    assert contrast_ratio("#ffffff", "#000000") == 21
    assert contrast_ratio("#000000", "#ffffff") == 21
    assert contrast_ratio("white", "#388e3c") == pytest.approx(4.11, abs=0.01)  # ipywidgets
    assert contrast_ratio("#888", "#888888") == 1


@pytest.mark.parametrize("pair", CONTRAST_PAIRS, ids=[p.where for p in CONTRAST_PAIRS])
def test_pair_meets_wcag_aa(pair):
    assert pair.minimum in (palette.TEXT, palette.GRAPHIC)
    assert contrast_ratio(pair.ink, pair.fill) >= pair.minimum


def test_every_pair_uses_palette_colours():
    colours = {value for name, value in vars(palette).items()
               if name.isupper() and isinstance(value, str)}
    assert {c for p in CONTRAST_PAIRS for c in (p.ink, p.fill)} <= colours


def test_css_fills_palette_names_and_refuses_unknown_ones():
    assert palette.css("a { color: $INK; }") == "a { color: #1a1a1a; }"
    with pytest.raises(KeyError):
        palette.css("a { color: $NOT_A_COLOUR; }")


# A colour given by name to a drawing call ("white", "tab:blue", "Blues"), in keyword
# or dict form; "none" (no colour at all) is not a colour.
NAMED_COLOUR = re.compile(
    r"""\b(?:color|facecolor|edgecolor|ecolor|markerfacecolor|markeredgecolor|foreground"""
    r"""|cmap|colors|text_color|button_color)["']?\s*[=:]\s*["'](?!none["'])[A-Za-z]""")


def named_colours_outside_palette(package: Path) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "palette.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if NAMED_COLOUR.search(line):
                found.append(f"{path.relative_to(package.parent)}:{number}: {line.strip()}")
    return found


def test_colours_and_colour_maps_are_not_named_outside_the_palette():
    found = named_colours_outside_palette(PACKAGE)
    assert not found, "colours named outside hipkit/palette.py:\n" + "\n".join(found)


@pytest.mark.parametrize("line, matches", [
    ('ax.axvline(0, color="black")', True), ("style = {'markerfacecolor': 'white'}", True),
    ('ax.imshow(grid, cmap="Blues")', True), ('bbox={"edgecolor": "none"}', False),
    ("ax.axvline(0, color=BLACK)", False), ('colour = "tan"  # a band', False),
])
def test_the_named_colour_scan_finds_drawing_calls(line, matches, tmp_path):
    (tmp_path / "hipkit").mkdir()
    (tmp_path / "hipkit" / "chart.py").write_text(line + "\n")
    assert bool(named_colours_outside_palette(tmp_path / "hipkit")) is matches

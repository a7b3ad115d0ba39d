"""The palette's text-on-fill pairs meet WCAG AA."""

import pytest

from hipkit import palette
from hipkit.palette import CONTRAST_PAIRS, contrast_ratio


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

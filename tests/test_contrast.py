"""Text hipkit draws on a coloured fill has WCAG AA contrast (4.5:1 or more)."""

import pytest

from hipkit.views.muscle_charts import _INK, ROLE_COLOURS
from hipkit.views.walkthrough_view import DONE_GREEN, guided_session

NAMED = {"white": "#ffffff", "black": "#000000"}


def contrast(ink: str, fill: str) -> float:
    def luminance(colour: str) -> float:
        colour = NAMED.get(colour, colour)
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(ink), luminance(fill)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_of_known_pairs():
    assert contrast("white", "#388e3c") == pytest.approx(4.11, abs=0.01)  # ipywidgets' green
    assert contrast("black", "white") == pytest.approx(21)


@pytest.mark.parametrize("role", sorted(ROLE_COLOURS))
def test_heatmap_cell_text_reads_on_its_fill(role):
    assert contrast(_INK[role], ROLE_COLOURS[role]) >= 4.5


def test_done_button_text_reads_on_its_green():
    view = guided_session("single_leg_bridge")
    style = view.done_button.style
    assert (style.button_color, style.text_color) == (DONE_GREEN, "white")
    assert contrast(style.text_color, style.button_color) >= 4.5

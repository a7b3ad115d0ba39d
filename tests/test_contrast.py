"""Text hipkit draws on a coloured fill has WCAG AA contrast (4.5:1 or more)."""

import pytest

from hipkit.palette import DONE_TEXT, contrast_ratio
from hipkit.views.muscle_chart_parts import _INK, ROLE_COLOURS
from hipkit.views.walkthrough_view import DONE_GREEN, guided_session


@pytest.mark.parametrize("role", sorted(ROLE_COLOURS))
def test_heatmap_cell_text_reads_on_its_fill(role):
    assert contrast_ratio(_INK[role], ROLE_COLOURS[role]) >= 4.5


def test_done_button_text_reads_on_its_green():
    view = guided_session("single_leg_bridge")
    style = view.done_button.style
    assert (style.button_color, style.text_color) == (DONE_GREEN, DONE_TEXT)
    assert contrast_ratio(style.text_color, style.button_color) >= 4.5

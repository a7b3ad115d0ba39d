"""Lesson figures are stored as palette PNGs: same picture, a fraction of the bytes."""

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from hipkit.views.compact_figures import compact_png, use_compact_figures  # noqa: E402


@pytest.fixture
def figure():
    fig, ax = plt.subplots(figsize=(6, 4))
    for shift in range(8):
        ax.plot(np.linspace(0, 1, 50) + shift, label=f"series {shift}")
    ax.legend()
    ax.set_title("Eight series and a legend")
    yield fig
    plt.close(fig)


def test_a_compact_png_is_a_small_palette_image_of_the_same_size(figure):
    full = io.BytesIO()
    figure.savefig(full, format="png", bbox_inches="tight", facecolor="white")
    compact = compact_png(figure, colours=32)
    image = Image.open(io.BytesIO(compact))
    assert image.mode == "P" and len(image.getcolors()) <= 32
    assert image.size == Image.open(full).size
    assert len(compact) < 0.7 * len(full.getvalue())


def test_colours_out_of_range_are_refused(figure):
    with pytest.raises(ValueError, match="colours must be 2 to 256, got 1"):
        compact_png(figure, colours=1)


def test_outside_a_notebook_nothing_changes():
    assert use_compact_figures() is False

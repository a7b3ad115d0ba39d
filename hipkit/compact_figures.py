"""Show notebook figures as palette PNGs, so a lesson saved with its outputs stays small.

A chart of flat colours and text needs a few dozen colours, not the 16 million of a
full-colour PNG: reducing it to a palette cuts the file about threefold, and a lesson
kept with its outputs (as the pack keeps them, to read on GitHub) stays under a few
hundred kilobytes. The figure itself is unchanged; only what the notebook stores is.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure
from PIL import Image

#: Enough for the charts' colour maps and anti-aliased text; fewer bands the edges.
PALETTE_COLOURS = 64


def compact_png(fig: Figure, colours: int = PALETTE_COLOURS) -> bytes:
    """The figure as a PNG of at most ``colours`` colours, cropped to what is drawn.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> png = compact_png(fig)
    >>> png[:4], Image.open(io.BytesIO(png)).mode
    (b'\\x89PNG', 'P')
    """
    if not 2 <= colours <= 256:
        raise ValueError(f"colours must be 2 to 256, got {colours!r}")
    full = io.BytesIO()
    fig.savefig(full, format="png", bbox_inches="tight", facecolor="white")
    image = Image.open(full).convert("RGB").quantize(colours)
    out = io.BytesIO()
    image.save(out, format="png", optimize=True)
    return out.getvalue()


def use_compact_figures(colours: int = PALETTE_COLOURS) -> bool:
    """Make the running notebook show matplotlib figures with :func:`compact_png`.

    Returns ``False`` (and changes nothing) outside IPython.

    Examples
    --------
    >>> use_compact_figures()
    False
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with every lesson install
        return False
    shell = get_ipython()
    if shell is None:
        return False
    # The notebook's inline backend sets its own PNG formatter for figures when it loads
    # (which matplotlib delays until the first figure) and whenever InlineBackend is
    # configured. Load it now, then set ours now and after every cell, so ours is the one
    # in use whenever a figure is shown. Switching closes open figures: call this first.
    import matplotlib
    import matplotlib.pyplot as plt

    plt.switch_backend(matplotlib.get_backend())

    def install(*_args) -> None:
        shell.display_formatter.formatters["image/png"].for_type(
            Figure, lambda fig: compact_png(fig, colours))

    install()
    shell.events.register("post_run_cell", install)
    return True

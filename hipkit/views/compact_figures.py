"""Show notebook figures as palette PNGs with a text alternative.

A lesson saved with its outputs stays small, and a screen reader can say what each chart
is: JupyterLab's own image renderer gives a figure's ``<img>`` no ``alt`` at all, so the
figure is also offered as HTML, an ``<img alt>`` built from its titles and axis labels,
which JupyterLab, Voilà, nbconvert and the website show as they are.

A chart of flat colours and text needs a few dozen colours, not the 16 million of a
full-colour PNG: reducing it to a palette cuts the file about threefold, and a lesson
kept with its outputs (as the pack keeps them, to read on GitHub) stays under a few
hundred kilobytes. The figure itself is unchanged; only what the notebook stores is.
"""

from __future__ import annotations

import base64
import html
import io

from matplotlib.figure import Figure
from PIL import Image

from hipkit.palette import WHITE

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
    fig.savefig(full, format="png", bbox_inches="tight", facecolor=WHITE)
    image = Image.open(full).convert("RGB").quantize(colours)
    out = io.BytesIO()
    image.save(out, format="png", optimize=True)
    return out.getvalue()


def figure_alt(fig: Figure) -> str:
    """A text alternative for a chart: its title, then each plot's title and axis labels.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set(title="Weekly volume", xlabel="week", ylabel="repetitions")
    >>> figure_alt(fig)
    'Chart: Weekly volume (week against repetitions)'
    """
    parts = []
    if fig.get_suptitle():
        parts.append(fig.get_suptitle())
    for ax in fig.axes:
        title = " ".join(t for t in (ax.get_title("left"), ax.get_title(),
                                     ax.get_title("right")) if t)
        axes = " against ".join(label for label in (ax.get_xlabel(), ax.get_ylabel())
                                if label)
        if title or axes:
            parts.append(f"{title} ({axes})" if title and axes else title or axes)
    text = " ".join("; ".join(dict.fromkeys(parts)).split())
    return f"Chart: {text}" if text else "Chart"


def figure_html(fig: Figure, colours: int = PALETTE_COLOURS, *, alt: str | None = None) -> str:
    """The figure as an ``<img>``, the picture inline, with ``alt`` or :func:`figure_alt`."""
    picture = base64.b64encode(compact_png(fig, colours)).decode("ascii")
    text = figure_alt(fig) if alt is None else alt
    return f'<img src="data:image/png;base64,{picture}" alt="{html.escape(text, quote=True)}">'



def use_compact_figures(colours: int = PALETTE_COLOURS) -> bool:
    """Make the running notebook show figures with :func:`compact_png` and :func:`figure_html`.

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
        formatters = shell.display_formatter.formatters
        # The picture goes out once, inside the <img alt>: a second copy as image/png
        # would double what the lesson stores, and JupyterLab would show the one
        # without a text alternative wherever it prefers it.
        formatters["image/png"].for_type(Figure, lambda fig: None)
        formatters["text/html"].for_type(Figure, lambda fig: figure_html(fig, colours))

    install()
    shell.events.register("post_run_cell", install)
    return True

"""Run a few lines of JavaScript where a widget is shown, in JupyterLab and Voilà alike.

ipywidgets can neither run JavaScript nor set ARIA attributes on its views, and a
``<script>`` put into an HTML widget never runs. An image that fails to load does run its
``onerror`` handler, wherever the HTML widget is drawn (with ``this`` the image), so hipkit
carries its few browser-side lines that way instead of depending on one more package
(ipyevents for keys, anywidget for custom views) that every JupyterLab and Voilà
would have to install.
"""

from __future__ import annotations

import html


def script_html(script: str) -> str:
    """HTML that runs ``script`` once each time an HTML widget holding it is drawn.

    Examples
    --------
    >>> script_html("console.log('a & b')")
    '<img src="data:," alt="" style="display:none" onerror="console.log(&#x27;a &amp; b&#x27;)">'
    """
    return (f'<img src="data:," alt="" style="display:none" '
            f'onerror="{html.escape(script, quote=True)}">')

"""Sphinx settings for the lessons as a website (built by book/build_book.py, not by hand).

Sphinx with myst-nb reads the notebooks with their stored outputs and never runs them;
sphinx-book-theme, like everything else here, comes installed from the package index,
so the build needs no network.
"""

import os

project = "hipkit: hip strength for runners"
author = "the hipkit authors"
extensions = ["myst_nb"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

# Show the stored outputs; never execute at build time.
nb_execution_mode = "off"
# Widgets need a kernel: build_book.py puts a static stand-in in their place, so no widget
# JavaScript is loaded from a CDN.
nb_ipywidgets_js = {}
myst_enable_extensions = ["colon_fence"]

REPO_URL = os.environ.get("HIPKIT_REPO_URL", "https://github.com/OWNER/hipkit")
SAFETY_NOTE = (
    "<strong>Not medical advice.</strong> Stop any exercise that causes pain, and see a "
    "physiotherapist, doctor or other qualified professional if pain persists."
)

html_theme = "sphinx_book_theme"
html_title = "hipkit lessons"
html_theme_options = {
    "repository_url": REPO_URL,
    "repository_branch": "main",
    "path_to_docs": "",
    "use_repository_button": True,
    "launch_buttons": {"binderhub_url": "https://mybinder.org",
                       "notebook_interface": "jupyterlab"},
    # Shown at the top of every page; plain HTML, so nothing is fetched for it.
    "announcement": SAFETY_NOTE,
}
html_last_updated_fmt = None

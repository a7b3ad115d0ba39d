"""Drive a notebook in JupyterLab the way a person would: open it, run it, read it."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"

CURRENT_NOTEBOOK = "window.jupyterapp.shell.currentWidget"

KERNEL_IDLE = f"""() => {{
    const panel = {CURRENT_NOTEBOOK};
    return !!(panel && panel.sessionContext && panel.sessionContext.session &&
              panel.sessionContext.session.kernel &&
              panel.sessionContext.session.kernel.status === 'idle');
}}"""

# Run All stops at a cell that raises: then the cells after it never get a count.
ALL_CELLS_RUN = f"""() => {{
    const panel = {CURRENT_NOTEBOOK};
    const code = panel.content.widgets.filter(c => c.model.type === 'code');
    const counted = code.filter(c => c.model.executionCount !== null);
    const failed = code.some(c => c.model.outputs.toJSON().some(
        o => o.output_type === 'error'));
    return counted.length > 0 && (counted.length === code.length || failed) &&
           panel.sessionContext.session.kernel.status === 'idle';
}}"""

CELL_ERRORS = f"""() => {{
    const errors = [];
    {CURRENT_NOTEBOOK}.content.widgets.forEach((cell, index) => {{
        if (cell.model.type !== 'code') return;
        for (const output of cell.model.outputs.toJSON()) {{
            if (output.output_type === 'error') {{
                errors.push(`cell ${{index}}: ${{output.ename}}: ${{output.evalue}}`);
            }}
        }}
    }});
    return errors;
}}"""


def open_and_run_all(page: Page, url: str) -> None:
    """Open a notebook, clear its stored outputs, run every cell and wait for the kernel."""
    page.goto(url)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)
    page.evaluate("() => window.jupyterapp.commands.execute("
                  "'notebook:clear-all-cell-outputs')")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(ALL_CELLS_RUN, timeout=240_000, polling=500)


def cell_errors(page: Page) -> list[str]:
    """Every error output of the open notebook, as 'cell N: Name: message'."""
    return page.evaluate(CELL_ERRORS)


def widget_failures(page: Page) -> int:
    """How many widget views failed to render ('Error displaying widget')."""
    return page.get_by_text("Error displaying widget").count()


def screenshot(page: Page, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    return path

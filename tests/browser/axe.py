"""Run axe-core (WCAG 2.1 A/AA rules) on the part of a page hipkit drew.

axe-core comes from npm (``node_modules/axe-core``, see ``package.json``); it is injected
into the page under test, so nothing is fetched at run time.
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.lab_driver import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Notebook outputs, in JupyterLab and in Voilà: hipkit's output, not the application's
# own menus and panels.
OUTPUTS = ".jp-OutputArea-output"

RUN_AXE = """async ([selector, tags]) => {
    const result = await axe.run({include: [[selector]]}, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary,
                                  html: n.html.slice(0, 200)})),
    }));
}"""


def violations(page: Page, selector: str = OUTPUTS) -> list[dict]:
    """Every WCAG 2.1 A/AA violation axe-core finds inside ``selector``."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, [selector, WCAG_21_AA])


def serious(found: list[dict]) -> list[str]:
    """The critical and serious violations, one line per element, for an assert message."""
    return [f"{v['impact']} {v['id']} ({v['help']}): {node['target']} {node['html']}"
            for v in found if v["impact"] in ("critical", "serious") for node in v["nodes"]]

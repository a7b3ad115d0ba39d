"""The lessons' website in Debian's chromium: every figure loads, every link leads somewhere.

The site (built offline by tests/site_build.py) is served from 127.0.0.1; any request the
pages make to another host is refused and counted.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.lab_driver import REPO, SCREENSHOTS, screenshot
from tests.site_build import built_site

pytestmark = pytest.mark.browser

LESSONS = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))

FIGURES = """() => [...document.querySelectorAll('.cell_output img')].map(img => ({
    src: img.getAttribute('src'), loaded: img.complete, width: img.naturalWidth}))"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory) -> Iterator[str]:
    root = built_site(tmp_path_factory).root
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def offline_page(page):
    """A page that may only talk to 127.0.0.1; other requests are refused and listed."""
    page.elsewhere = []

    def only_local(route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            page.elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    return page


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_page_shows_its_figures_and_safety_note(offline_page, site_url, lesson):
    page = offline_page
    page.goto(f"{site_url}/notebooks/{lesson}.html")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".bd-header-announcement")).to_contain_text("Not medical advice.")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    figures = page.evaluate(FIGURES)
    stored = (REPO / "notebooks" / f"{lesson}.ipynb").read_text()
    if '"image/png"' in stored or "guided_session(" in stored:
        assert figures, "the lesson has charts but the page shows none"
    for figure in figures:
        assert figure["loaded"] and figure["width"] > 0, figure
    assert page.elsewhere == []
    screenshot(page, SCREENSHOTS, f"site-{lesson}")


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_page_links_lead_somewhere(offline_page, site_url, lesson):
    page = offline_page
    page.goto(f"{site_url}/notebooks/{lesson}.html")
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    local = {href.split("#")[0] for href in hrefs if href.startswith(site_url)}
    assert f"{site_url}/index.html" in local
    for href in sorted(local):
        assert page.request.get(href).status == 200, href
    launch = page.get_by_role("link", name="open it on Binder")
    expect(launch).to_have_attribute("href", f"https://mybinder.org/v2/gh/OWNER/hipkit/main?"
                                              f"urlpath=lab%2Ftree%2Fnotebooks%2F{lesson}.ipynb")
    hub = page.get_by_role("link", name="on your workshop hub")
    expect(hub).to_have_attribute("href", f"http://localhost:8000/hub/user-redirect/git-pull?"
                                          "repo=https%3A%2F%2Fgithub.com%2FOWNER%2Fhipkit"
                                          "&branch=main&targetpath=hipkit-lessons&urlpath="
                                          f"lab%2Ftree%2Fhipkit-lessons%2Fnotebooks%2F"
                                          f"{lesson}.ipynb")

"""The lessons' website: built offline from the stored outputs, one page per lesson.

The build itself is in tests/site_build.py; tests/browser/test_site.py opens the pages.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from html.parser import HTMLParser

import pytest

from tests.site_build import NETWORK_ATTEMPT, REPO, built_site

sys.path.insert(0, str(REPO / "book"))
from build_book import launch_links, site_copy, static_stand_in  # noqa: E402

LESSONS = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory)


class _Page(HTMLParser):
    """The parts of a page the tests read: images, links, scripts and styles."""

    def __init__(self, text: str):
        super().__init__()
        self.images, self.links, self.fetched = [], [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "link", "img", "iframe") and (attrs.get("src") or attrs.get("href")):
            self.fetched.append(attrs.get("src") or attrs.get("href"))


def _page(site, lesson: str) -> tuple[str, _Page]:
    text = (site.root / "notebooks" / f"{lesson}.html").read_text(encoding="utf-8")
    return text, _Page(text)


def test_the_build_makes_no_network_request(site):
    assert NETWORK_ATTEMPT not in site.stderr


def test_every_notebook_has_a_page(site):
    pages = sorted(p.stem for p in (site.root / "notebooks").glob("*.html"))
    assert LESSONS and pages == LESSONS
    index = (site.root / "index.html").read_text(encoding="utf-8")
    for lesson in LESSONS:
        assert f'href="notebooks/{lesson}.html"' in index


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_page_shows_the_safety_note_and_launch_links(site, lesson):
    text, page = _page(site, lesson)
    assert "Not medical advice." in text and "Stop any exercise that causes pain" in text
    links = launch_links(f"{lesson}.ipynb", "https://github.com/OWNER/hipkit",
                         "http://localhost:8000")
    assert links["binder"].replace("&", "&amp;") in text
    assert links["hub"].replace("&", "&amp;") in text


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_stored_chart_is_an_image_on_the_page(site, lesson):
    notebook = json.loads((REPO / "notebooks" / f"{lesson}.ipynb").read_text())
    # A chart is stored as a PNG or, where a lesson gives it a text alternative, as an
    # <img alt> holding the PNG (hipkit.views.compact_figures): the site shows both kinds.
    charts = sum("image/png" in output.get("data", {})
                 or "".join(output.get("data", {}).get("text/html", "")).startswith(
                     '<img src="data:image/png;base64,')
                 for cell in notebook["cells"] for output in cell.get("outputs", []))
    sessions = sum("guided_session(" in "".join(cell["source"]) and bool(cell.get("outputs"))
                   for cell in notebook["cells"])
    _, page = _page(site, lesson)
    files = [src for src in page.images if src.startswith("../_images/")]
    inline = [src for src in page.images if src.startswith("data:image/png;base64,")]
    assert len(files) + len(inline) == charts + sessions
    for src in files:
        assert (site.root / "notebooks" / src).read_bytes().startswith(PNG_SIGNATURE)
    for src in inline:
        assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG_SIGNATURE)


@pytest.mark.parametrize("lesson", LESSONS)
def test_pages_fetch_nothing_from_the_web(site, lesson):
    _, page = _page(site, lesson)
    assert [src for src in page.fetched if re.match(r"(https?:)?//", src)] == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_first_and_last_text_of_each_lesson_is_shown(site, lesson):
    """Objectives open a lesson and key points close it: both reach the page."""
    notebook = json.loads((REPO / "notebooks" / f"{lesson}.ipynb").read_text())
    markdown = [cell for cell in notebook["cells"] if cell["cell_type"] == "markdown"]
    text, _ = _page(site, lesson)
    for cell in (markdown[0], markdown[-1]):
        words = re.findall(r"[A-Za-z]{4,}", "".join(cell["source"]))
        assert words and all(word in text for word in words[:12])


def test_a_guided_session_becomes_its_key_moment_figure():
    figure, note = static_stand_in("02_exercise_walkthrough",
                                   'guided_session("single_leg_bridge").widget')
    assert base64.b64decode(figure["data"]["image/png"]).startswith(PNG_SIGNATURE)
    assert "launch the lesson" in note["data"]["text/markdown"]


def test_a_self_check_shows_its_question_and_options():
    [shown] = static_stand_in("01_why_hips", 'quiz("01_why_hips", "takes_over").widget')
    from hipkit.views.quiz import load_questions

    question = load_questions("01_why_hips")["takes_over"]
    text = shown["data"]["text/markdown"]
    assert question.prompt in text
    assert all(f"- {option}" in text for option in question.options)


def test_site_copy_boxes_key_points_hides_checks_and_drops_widget_state(tmp_path):
    notebook = {
        "metadata": {"widgets": {"state": {}}}, "nbformat": 4, "nbformat_minor": 5,
        "cells": [
            {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Title"},
            {"cell_type": "code", "id": "b", "metadata": {}, "outputs": [],
             "execution_count": 1, "source": "x = 1\nassert x == 1"},
            {"cell_type": "code", "id": "c", "metadata": {}, "execution_count": 2,
             "source": "slider", "outputs": [{"output_type": "execute_result",
                                              "execution_count": 2, "metadata": {},
                                              "data": {"application/vnd.jupyter.widget-view"
                                                       "+json": {"model_id": "m"},
                                                       "text/plain": "IntSlider()"}}]},
            {"cell_type": "markdown", "id": "d", "metadata": {},
             "source": "## Key points\n\n- one"},
        ]}
    path = tmp_path / "07_new.ipynb"
    path.write_text(json.dumps(notebook))
    copy = site_copy(path, "https://github.com/OWNER/hipkit", "http://hub.example")
    assert "widgets" not in copy["metadata"]
    assert copy["cells"][1]["id"] == "launch-links"
    assert "07_new.ipynb" in copy["cells"][1]["source"]
    assert copy["cells"][2]["metadata"]["tags"] == ["remove-cell"]
    [stand_in] = copy["cells"][3]["outputs"]
    assert "launch the lesson" in stand_in["data"]["text/markdown"]
    assert copy["cells"][4]["source"] == ":::{admonition} Key points\n:class: tip\n\n- one\n:::"

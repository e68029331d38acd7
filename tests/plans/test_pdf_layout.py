"""The PDF's page layout: no heading left alone at the foot of a page, charts beside headings.

WeasyPrint lays the document out and the test walks each page's boxes, so it sees what a
reader would: which element is the last on a page and where each chart landed.
"""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from accounts.services import profile_for
from plans.pdf import _fonts, _stylesheets, refuse_fetch
from plans.printing import SECTION_KEYS, PrintOptions, plan_for_print, print_context
from tests.plans.fullplan import full_plan

HEADINGS = {"h1", "h2", "h3", "h4"}
CONTAINERS = {"html", "body", "article", "section", "div", "header", "main", "table", "tbody"}


def _laid_out(plan, user, paper: str, sections=SECTION_KEYS):
    from weasyprint import HTML

    plan = plan_for_print(user, plan.pk)
    options = PrintOptions(sections=frozenset(sections), paper=paper)
    context = print_context(plan, profile_for(user), options)
    html = render_to_string("plans/print/plan_pdf.html", context, request=RequestFactory().get("/"))
    document = HTML(string=html, base_url="http://testserver/", url_fetcher=refuse_fetch)
    return document.render(stylesheets=list(_stylesheets(paper)), font_config=_fonts())


def _content_boxes(page):
    """Block-level boxes of the page's content, in document order (margin boxes left out)."""
    root = page._page_box.children[0]  # the html box; the margin boxes come after it
    found = []

    def walk(box):
        tag = getattr(box, "element_tag", None)
        if type(box).__name__ in ("BlockBox", "TableRowBox", "TableBox") and tag:
            found.append(box)
        for child in getattr(box, "children", ()):
            walk(child)

    walk(root)
    return found


def _last_element(page) -> str:
    boxes = [b for b in _content_boxes(page) if b.element_tag not in CONTAINERS]
    last = boxes[-1]
    return last.element_tag, "".join(last.element.itertext()).strip()[:60]


def _page_of(document, predicate) -> list[int]:
    pages = []
    for number, page in enumerate(document.pages, start=1):
        if any(predicate(box) for box in _content_boxes(page)):
            pages.append(number)
    return pages


def _has_class(name):
    return lambda box: name in (box.element.get("class") or "").split()


def _has_id(value):
    return lambda box: box.element.get("id") == value


def _assert_no_heading_ends_a_page(document) -> None:
    assert len(document.pages) > 1
    for number, page in enumerate(document.pages[:-1], start=1):
        tag, text = _last_element(page)
        assert tag not in HEADINGS, f"page {number} ends with the heading {text!r}"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_pages_never_end_with_a_heading_and_charts_stay_with_theirs(user, hofstede, paper):
    document = _laid_out(full_plan(user), user, paper)
    _assert_no_heading_ends_a_page(document)
    gap_heading = _page_of(document, _has_id("print-gap"))
    gap_chart = _page_of(document, _has_class("print-chart"))
    assert gap_heading, "no stage 1 heading"
    assert gap_chart[0] == gap_heading[0], "the stage 1 chart is not on its heading's page"
    stance_heading = _page_of(document, _has_id("print-stance"))
    spectrum = _page_of(document, _has_class("print-spectrum"))
    assert stance_heading, "no stance heading"
    assert spectrum[0] == stance_heading[0], "the spectrum is not on its heading's page"


def test_pdf_of_a_small_plan_never_ends_a_page_with_a_heading(user, hofstede):
    _assert_no_heading_ends_a_page(_laid_out(full_plan(user, one_each=True), user, "a4"))

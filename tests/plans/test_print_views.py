"""The print view: who may see it, what it shows, what it leaves out, and its query count."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.urls import reverse

from plans.printing import CONFIDENTIAL_SECTIONS, SECTION_KEYS
from tests.plans.fullplan import full_plan

HOSTILE = "<script>alert(1)</script><b>bold</b>"
ALL_SECTIONS = "layout=full&paper=a4" + "".join(
    f"&sections={key}" for key in ("deal", "gap", "goals", "positions", "relationship", "keep")
)


@pytest.fixture
def plan(user, hofstede):
    return full_plan(user)


def _print_url(plan, query=""):
    url = reverse("plans:print", args=[plan.pk])
    return f"{url}?{query}" if query else url


@pytest.mark.parametrize("name", ["plans:print", "plans:pdf", "plans:export"])
def test_plan_output_redirects_to_login_when_anonymous(client, plan, name):
    response = client.get(reverse(name, args=[plan.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["plans:print", "plans:pdf", "plans:export"])
def test_plan_output_is_404_for_another_user(client_other, plan, name):
    assert client_other.get(reverse(name, args=[plan.pk])).status_code == 404


@pytest.mark.parametrize("name", ["plans:print", "plans:pdf", "plans:export"])
def test_plan_output_refuses_post(client_user, plan, name):
    assert client_user.post(reverse(name, args=[plan.pk])).status_code == 405


def test_print_shows_all_three_stages_and_the_deal(client_user, plan):
    response = client_user.get(_print_url(plan))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Stage 1: the cultural gap" in page
    assert "Stage 2: goals" in page
    assert "Stage 3: the relationship plan" in page
    assert "Công ty Dệt May Sài Gòn" in page
    assert "Kogut–Singh index" in page
    assert "Order 10" in page
    assert "Question 20:" in page
    assert "Learn 14:" in page
    assert "Tell 10:" in page
    assert "สมชาย ใจดี" in page
    assert "Founder studied abroad" in page


def test_print_hides_navigation_and_options_on_paper(client_user, plan):
    page = client_user.get(_print_url(plan)).content.decode()
    assert '<header class="d-print-none">' in page
    assert 'class="print-options d-print-none' in page
    assert "css/print.css" in page
    assert "css/print-charts.css" in page


def test_print_leaves_out_confidential_sections_by_default(client_user, plan):
    page = client_user.get(_print_url(plan)).content.decode()
    assert "Keep 1: dye recipe margins" not in page
    assert "Our walk-away point" not in page
    assert "4.60" not in page
    assert "confidential-mark" not in page


def test_print_includes_confidential_sections_when_ticked(client_user, plan):
    page = client_user.get(_print_url(plan, ALL_SECTIONS)).content.decode()
    assert "Keep 1: dye recipe margins" in page
    assert "$4.60" in page
    assert page.count('class="confidential-mark"') == 2


def test_print_leaves_out_unticked_sections(client_user, plan):
    page = client_user.get(_print_url(plan, "layout=full&paper=a4&sections=gap")).content.decode()
    assert 'id="print-gap"' in page
    assert 'id="print-goals"' not in page
    assert 'id="print-relationship"' not in page
    assert "Question 20:" not in page


def test_print_form_leaves_confidential_boxes_unticked_by_default(client_user, plan):
    form = client_user.get(_print_url(plan)).context["form"]
    assert set(form["sections"].initial) == {"deal", "gap", "goals", "relationship"}


def test_print_falls_back_to_defaults_and_explains_when_options_are_invalid(client_user, plan):
    response = client_user.get(_print_url(plan, "layout=poster&sections=keep"))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Keep 1: dye recipe margins" not in response.content.decode()


def test_print_brief_shows_gaps_stance_questions_and_who_decides(client_user, plan):
    page = client_user.get(
        _print_url(plan, "layout=brief&paper=a4&sections=gap&sections=goals&sections=relationship")
    ).content.decode()
    assert "meeting brief" in page
    assert "Largest cultural gaps" in page
    assert "Stance: Relationship" in page
    assert "Test order and roadmap" in page
    assert "Questions to ask" in page
    assert "Who decides" in page
    assert "王建国" in page
    assert "What to learn at this meeting" in page


def test_print_download_is_a_button_of_the_options_form_not_a_link(client_user, plan):
    """The PDF is made from the boxes ticked when the button is pressed (issue 11.1)."""
    page = client_user.get(_print_url(plan, ALL_SECTIONS)).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    pdf_url = reverse("plans:pdf", args=[plan.pk])
    assert not soup.find("a", href=lambda href: href and href.startswith(pdf_url + "?"))
    button = soup.find("button", string="Download PDF")
    assert button["type"] == "submit"
    assert button["formaction"] == pdf_url
    form = button.find_parent("form")
    assert form["method"] == "get"
    assert form.find("input", attrs={"name": "sections", "value": "positions"})
    assert form.find("input", attrs={"name": "layout", "value": "brief"})


def test_print_note_describes_the_confidential_choice_the_page_shows(client_user, plan):
    ticked = BeautifulSoup(client_user.get(_print_url(plan, ALL_SECTIONS)).content, "html.parser")
    assert "choice-off" not in ticked.find(class_="when-confidential")["class"]
    assert "choice-off" in ticked.find(class_="when-not-confidential")["class"]
    default = BeautifulSoup(client_user.get(_print_url(plan)).content, "html.parser")
    assert "choice-off" in default.find(class_="when-confidential")["class"]
    assert "choice-off" not in default.find(class_="when-not-confidential")["class"]
    boxes = default.find_all("input", attrs={"name": "sections", "data-confidential": True})
    assert sorted(box["value"] for box in boxes) == sorted(CONFIDENTIAL_SECTIONS)


def test_every_print_section_can_leave_the_preview_when_unticked():
    """static/css/app.css hides an unticked section at once; a new section needs its rule."""
    css = Path(finders.find("css/app.css")).read_text()
    for key in SECTION_KEYS:
        rule = f'main:has(input[name="sections"][value="{key}"]:not(:checked)) .print-document'
        assert f'{rule} [data-section="{key}"]' in css, key


@pytest.mark.parametrize("layout", ["full", "brief"])
def test_every_printed_section_carries_its_key(client_user, plan, layout):
    query = ALL_SECTIONS.replace("layout=full", f"layout={layout}")
    soup = BeautifulSoup(client_user.get(_print_url(plan, query)).content, "html.parser")
    document = soup.find(class_="print-document")
    keys = {element["data-section"] for element in document.find_all(attrs={"data-section": True})}
    # The brief names the deal in its header only.
    assert keys == set(SECTION_KEYS) - ({"deal"} if layout == "brief" else set())


def test_print_escapes_html_in_every_text_field(client_user, user, hofstede):
    plan = full_plan(user, text=HOSTILE)
    page = client_user.get(_print_url(plan, ALL_SECTIONS)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # every printed text field carries the marker: one per field, many fields
    assert page.count("&lt;b&gt;bold&lt;/b&gt;") > 100


def test_print_query_count_is_constant_with_plan_size(
    client_user, user, hofstede, django_assert_num_queries
):
    small = full_plan(user, one_each=True)
    big = full_plan(user)
    client_user.get(_print_url(small))  # warm the session and profile
    with django_assert_num_queries(PRINT_QUERIES):
        client_user.get(_print_url(small, ALL_SECTIONS))
    with django_assert_num_queries(PRINT_QUERIES):
        client_user.get(_print_url(big, ALL_SECTIONS))


# session, user, plan with 11 prefetches, profile, variances, 2 country scores, guidance
PRINT_QUERIES = 18


def test_plan_overview_links_to_print_pdf_and_export(client_user, plan):
    page = client_user.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert reverse("plans:print", args=[plan.pk]) in page
    assert reverse("plans:pdf", args=[plan.pk]) in page
    assert reverse("plans:export", args=[plan.pk]) in page


def test_plan_list_links_to_import(client_user, plan):
    page = client_user.get(reverse("plans:list")).content.decode()
    assert reverse("plans:import") in page

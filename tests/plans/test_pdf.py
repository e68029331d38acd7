"""The PDF: its download name, what its text says (read back with pdftotext), pages, queries."""

import logging
import shutil
import subprocess
from urllib.parse import quote

import pytest
from django.urls import reverse

from plans.models import KeepItem
from plans.pdf import FetchRefused, _stylesheets, refuse_fetch, render_pdf
from tests.plans.fullplan import PEOPLE_NAMES, full_plan

PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
pytestmark = pytest.mark.skipif(
    PDFTOTEXT is None or PDFINFO is None, reason="poppler-utils is not installed"
)
HOSTILE = "<script>alert(1)</script><b>bold</b>"
EVERYTHING = ("deal", "gap", "goals", "positions", "relationship", "keep")


def _query(layout="full", paper="a4", sections=("deal", "gap", "goals", "relationship")):
    return f"layout={layout}&paper={paper}" + "".join(f"&sections={s}" for s in sections)


def _pdf(client, plan, **options) -> bytes:
    response = client.get(f"{reverse('plans:pdf', args=[plan.pk])}?{_query(**options)}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def _text(pdf: bytes, tmp_path, page: int | None = None) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(  # noqa: S603 (our own file, a fixed program)
        [PDFTOTEXT, "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return " ".join(result.stdout.split())


def _pages(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(  # noqa: S603 (our own file, a fixed program)
        [PDFINFO, str(path)], capture_output=True, check=True, text=True
    )
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


@pytest.fixture
def plan(user, hofstede):
    return full_plan(user)


def test_pdf_downloads_with_a_safe_name_and_the_original_in_utf8(client_user, plan):
    response = client_user.get(reverse("plans:pdf", args=[plan.pk]))
    disposition = response["Content-Disposition"]
    ascii_part, utf8_part = disposition.split("; filename*=UTF-8''")
    assert ascii_part.startswith('attachment; filename="Cong-ty-Det-May-Sai-Gon_Cotton-supply-2027')
    assert ascii_part.endswith('.pdf"')
    assert quote("Công ty Dệt May Sài Gòn", safe="") in utf8_part
    assert quote("綿の供給", safe="") in utf8_part
    assert "private" in response["Cache-Control"]


def test_pdf_text_holds_the_plans_key_facts(client_user, plan, tmp_path):
    text = _text(_pdf(client_user, plan), tmp_path)
    assert "Cotton supply 2027 – 綿の供給" in text
    assert "Stage 1: the cultural gap" in text
    assert "Kogut–Singh index 2.41" in text
    assert "$1,000,000" in text
    assert "Where this deal sits: Relationship" in text
    assert "Order 10" in text
    assert "Question 20:" in text
    assert "Learn 14:" in text
    assert "Who decides" in text
    assert "Founder studied abroad" in text


@pytest.mark.parametrize("name", PEOPLE_NAMES)
def test_pdf_renders_names_in_vietnamese_chinese_japanese_korean_and_thai(
    client_user, plan, tmp_path, name
):
    text = _text(_pdf(client_user, plan), tmp_path)
    assert name in text


def test_pdf_leaves_out_unticked_confidential_sections(client_user, plan, tmp_path):
    text = _text(_pdf(client_user, plan), tmp_path)
    assert "Keep 1: dye recipe margins" not in text
    assert "walk-away" not in text
    assert "4.60" not in text
    assert "CONFIDENTIAL" not in text.upper()


def test_pdf_marks_a_confidential_section_on_every_page_it_runs_onto(client_user, plan, tmp_path):
    for i in range(40):
        KeepItem.objects.create(plan=plan, topic=f"Secret {i}", notes="A long note. " * 12)
    pdf = _pdf(client_user, plan, sections=("keep",))
    pages = _pages(pdf, tmp_path)
    assert pages >= 2
    for page in range(1, pages + 1):
        text = _text(pdf, tmp_path, page)
        if "Secret" in text:
            assert "CONFIDENTIAL" in text, f"page {page} is not marked"


@pytest.mark.parametrize("layout", ["full", "brief"])
def test_pdf_with_a_confidential_section_says_so_in_its_name_and_on_every_page(
    client_user, plan, tmp_path, layout
):
    response = client_user.get(
        f"{reverse('plans:pdf', args=[plan.pk])}?{_query(layout=layout, sections=EVERYTHING)}"
    )
    disposition = response["Content-Disposition"]
    assert "_CONFIDENTIAL_" in disposition.split(";")[1]
    assert "CONFIDENTIAL" in disposition.split("filename*=")[1]
    pdf = response.content
    for page in range(1, _pages(pdf, tmp_path) + 1):
        assert "CONFIDENTIAL · for our side only" in _text(pdf, tmp_path, page), page


def test_pdf_without_a_confidential_section_has_a_plain_name(client_user, plan):
    response = client_user.get(f"{reverse('plans:pdf', args=[plan.pk])}?{_query()}")
    assert "CONFIDENTIAL" not in response["Content-Disposition"]


def test_pdf_includes_target_and_walk_away_when_ticked(client_user, plan, tmp_path):
    text = _text(_pdf(client_user, plan, sections=("positions",)), tmp_path)
    assert "CONFIDENTIAL" in text
    assert "$4.60" in text


def test_pdf_puts_page_numbers_and_the_title_on_every_page(client_user, plan, tmp_path):
    pdf = _pdf(client_user, plan, sections=EVERYTHING)
    pages = _pages(pdf, tmp_path)
    assert pages > 3
    for page in range(1, pages + 1):
        text = _text(pdf, tmp_path, page)
        assert f"Page {page} of {pages}" in text
        assert "Cotton supply 2027" in text


def test_pdf_starts_each_stage_on_a_new_page(client_user, plan, tmp_path):
    pdf = _pdf(client_user, plan, sections=("gap", "goals", "relationship"))
    starts = {}
    for page in range(1, _pages(pdf, tmp_path) + 1):
        text = _text(pdf, tmp_path, page)
        for heading in ("Stage 2: goals", "Stage 3: the relationship plan"):
            if heading in text:
                starts.setdefault(heading, (page, text))
    for heading, (_page, text) in starts.items():
        body = text.split("Page ")[0]  # margin boxes come first or last; the heading is early
        assert heading in body[:400]
    assert len(starts) == 2


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_brief_fits_one_page_for_a_full_plan(client_user, user, hofstede, tmp_path, paper):
    plan = full_plan(user, text=HOSTILE)
    pdf = _pdf(client_user, plan, layout="brief", paper=paper, sections=EVERYTHING)
    assert _pages(pdf, tmp_path) == 1
    text = _text(pdf, tmp_path)
    assert "meeting brief" in text
    assert "Largest cultural gaps" in text
    assert "Questions to ask" in text
    assert "Who decides" in text


def test_pdf_shows_typed_html_literally(client_user, user, hofstede, tmp_path):
    plan = full_plan(user, text=HOSTILE)
    text = _text(_pdf(client_user, plan, sections=EVERYTHING), tmp_path)
    assert "<script>alert(1)</script><b>bold</b>" in text
    assert text.count("<b>bold</b>") > 50


def test_pdf_paper_size_follows_the_choice(client_user, plan, tmp_path):
    pdf = _pdf(client_user, plan, paper="letter", sections=("deal",))
    path = tmp_path / "size.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(  # noqa: S603 (our own file, a fixed program)
        [PDFINFO, str(path)], capture_output=True, check=True, text=True
    )
    assert "612 x 792 pts (letter)" in info.stdout


def test_pdf_query_count_is_constant_with_plan_size(
    client_user, user, hofstede, django_assert_num_queries
):
    small = full_plan(user, one_each=True)
    big = full_plan(user)
    client_user.get(reverse("plans:print", args=[small.pk]))
    for plan in (small, big):
        with django_assert_num_queries(PDF_QUERIES):
            _pdf(client_user, plan, sections=EVERYTHING)


# session, user, plan with 11 prefetches, profile, variances, 2 country scores, guidance
PDF_QUERIES = 18


def test_pdf_renderer_fetches_nothing():
    with pytest.raises(FetchRefused):
        refuse_fetch("file:///etc/passwd")
    pdf = render_pdf(
        '<html><body><img src="file:///etc/passwd"><p>ok</p></body></html>',
        base_url="http://testserver/",
    )
    assert pdf.startswith(b"%PDF")


def test_pdf_of_a_full_plan_logs_no_warnings(client_user, user, hofstede, caplog):
    """Every warning WeasyPrint logs lands in the server log once per PDF: keep it quiet."""
    plan = full_plan(user)
    _stylesheets.cache_clear()  # parse the stylesheets again, inside this test

    with caplog.at_level(logging.WARNING):
        pdf = _pdf(client_user, plan)

    assert pdf.startswith(b"%PDF")
    assert [record.getMessage() for record in caplog.records] == []

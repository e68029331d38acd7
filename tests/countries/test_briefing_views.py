"""The briefing as negotiators and trainers see it: the country page and stage 1."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from countries.models import BRIEFING_CAUTION, BriefingSection
from tests.factories import (
    BriefingSectionFactory,
    CounterpartyFactory,
    CountryBriefingFactory,
    CountryFactory,
    PlanFactory,
    ScoreEditionFactory,
)

PAYLOAD = '<script>alert("x")</script><b>bold</b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"


def _briefing_html(html: str) -> str:
    match = re.search(r'<section class="briefing[^"]*" id="briefing".*?</section>', html, re.S)
    assert match, "no briefing section on the page"
    return match.group(0)


CAUTION = BRIEFING_CAUTION.replace("'", "&#x27;")  # as the template escapes it


# --- the country page ---------------------------------------------------------------------


def test_country_page_shows_the_seeded_briefing_in_closed_sections(client_user, hofstede):
    html = _briefing_html(client_user.get(reverse("countries:detail", args=["VNM"])).text)

    assert "Doing business in Vietnam: a briefing" in html
    details = re.findall(r"<details[^>]*>", html)
    assert len(details) == 8
    assert not any(" open" in tag for tag in details)  # closed until opened, no script
    summaries = re.findall(r"<summary>(.*?)</summary>", html)
    assert summaries == [label for _, label in BriefingSection.Kind.choices]
    assert "một, hai, ba, dô" in html
    assert "Intellectual Property Office of Viet Nam (IP Viet Nam)" in html
    assert html.count("Last reviewed 1 December 2026") == 8


def test_country_page_keeps_the_caution_outside_the_closed_sections(client_user, hofstede):
    html = _briefing_html(client_user.get(reverse("countries:detail", args=["JPN"])).text)

    assert CAUTION in html
    assert html.index(CAUTION) < html.index("<details")
    assert all(CAUTION not in part for part in re.findall(r"<details.*?</details>", html, re.S))


def test_country_page_lists_each_source_and_names_the_sections_not_written(client_user, db):
    section = BriefingSectionFactory(
        kind=BriefingSection.Kind.GIFTS, sources="First agency guide\nSecond agency guide"
    )
    url = section.briefing.country.get_absolute_url()

    html = _briefing_html(client_user.get(url).text)

    assert "<li>First agency guide</li><li>Second agency guide</li>" in html
    assert "Sources:" in html
    assert "Not written yet: Meeting and greeting; Names, titles and forms of address;" in html
    assert "Gifts;" not in html


def test_country_page_without_a_briefing_tells_a_negotiator_that_trainers_add_them(
    client_user, hofstede
):
    html = _briefing_html(client_user.get(reverse("countries:detail", args=["ALB"])).text)

    assert "No briefing has been written for Albania yet." in html
    assert "Trainers add and update briefings in the admin" in html
    assert "/admin/" not in html
    assert BRIEFING_CAUTION[:30] not in html


def test_country_page_without_a_briefing_links_a_trainer_to_the_admin_add_page(
    client_trainer, hofstede, country
):
    albania = country("ALB")

    html = _briefing_html(client_trainer.get(albania.get_absolute_url()).text)

    add = reverse("admin:countries_countrybriefing_add")
    assert f'href="{add}?country={albania.pk}"' in html
    assert "Add a briefing on Albania in the admin" in html
    assert "Trainers add and update briefings" not in html


def test_country_page_with_a_briefing_links_a_trainer_to_its_admin_page(
    client, trainer, user, hofstede, country
):
    china = country("CHN")
    change = reverse("admin:countries_countrybriefing_change", args=[china.briefing.pk])

    client.force_login(trainer)
    assert f'href="{change}"' in _briefing_html(client.get(china.get_absolute_url()).text)
    client.force_login(user)
    assert "/admin/" not in _briefing_html(client.get(china.get_absolute_url()).text)


def test_country_page_escapes_a_trainers_text_summary_and_sources(client_user, db):
    section = BriefingSectionFactory(
        briefing__summary=f"[summary]{PAYLOAD}",
        text=f"[text]{PAYLOAD}",
        sources=f"[source]{PAYLOAD}",
    )

    html = client_user.get(section.briefing.country.get_absolute_url()).text

    for tag in ("[summary]", "[text]", "[source]"):
        assert f"{tag}{ESCAPED}" in html
    assert "<script>alert" not in html
    assert "<b>bold</b>" not in html


def test_country_page_keeps_a_trainers_paragraphs(client_user, db):
    section = BriefingSectionFactory(text="First paragraph.\n\nSecond paragraph.")

    html = _briefing_html(client_user.get(section.briefing.country.get_absolute_url()).text)

    assert "<p>First paragraph.</p>\n\n<p>Second paragraph.</p>" in html


# --- stage 1 -------------------------------------------------------------------------------


@pytest.fixture
def vietnam_plan(user, hofstede, country):
    counterparty = CounterpartyFactory(owner=user, name="Saigon Textiles", country=country("VNM"))
    return PlanFactory(
        owner=user, counterparty=counterparty, our_country=country("DEU"), edition=hofstede
    )


def test_stage_one_shows_the_counterpartys_country_briefing(client_user, vietnam_plan):
    html = client_user.get(reverse("plans:gap", args=[vietnam_plan.pk])).text

    briefing = _briefing_html(html)
    assert "Doing business in Vietnam: a briefing" in briefing
    assert CAUTION in briefing
    assert len(re.findall(r"<details ", briefing)) == 8
    # Their country's, not ours.
    assert "Germany" not in briefing


def test_stage_one_says_so_when_the_counterpartys_country_has_no_briefing(client_user, user):
    edition = ScoreEditionFactory(is_default=True)
    plan = PlanFactory(
        owner=user,
        counterparty=CounterpartyFactory(owner=user, country=CountryFactory(name="Ruritania")),
        edition=edition,
    )

    briefing = _briefing_html(client_user.get(reverse("plans:gap", args=[plan.pk])).text)

    assert "No briefing has been written for Ruritania yet." in briefing


def test_stage_one_escapes_a_trainers_briefing_text(client_user, user):
    section = BriefingSectionFactory(text=f"[text]{PAYLOAD}")
    plan = PlanFactory(
        owner=user,
        counterparty=CounterpartyFactory(owner=user, country=section.briefing.country),
        edition=ScoreEditionFactory(is_default=True),
    )

    html = client_user.get(reverse("plans:gap", args=[plan.pk])).text

    assert f"[text]{ESCAPED}" in html
    assert "<script>alert" not in html


def test_stage_one_query_count_does_not_grow_with_the_briefings_sections(
    client_user, user, django_assert_num_queries
):
    briefing = CountryBriefingFactory()
    plan = PlanFactory(
        owner=user,
        counterparty=CounterpartyFactory(owner=user, country=briefing.country),
        edition=ScoreEditionFactory(is_default=True),
    )
    url = reverse("plans:gap", args=[plan.pk])
    client_user.get(url)  # the first visit creates the profile
    BriefingSectionFactory(briefing=briefing, kind=BriefingSection.Kind.GREETING)
    with CaptureQueriesContext(connection) as one:
        client_user.get(url)
    for kind in BriefingSection.Kind.values[1:]:
        BriefingSectionFactory(briefing=briefing, kind=kind)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client_user.get(url)

    assert len(re.findall(r"<details ", response.text)) == 8

"""A plan keeps its score edition until its owner switches, even after a new default."""

import pytest
from django.urls import reverse

from countries.loader import load_scores, parse_score_csv
from countries.models import ScoreEdition
from countries.resources import edition_csv
from countries.services import edition_make_default
from plans.models import Plan
from tests.factories import CounterpartyFactory, PlanFactory, ScoreEditionFactory
from tests.trainers.conftest import confirm, upload


@pytest.fixture
def plan(user, hofstede, country) -> Plan:
    return PlanFactory(
        owner=user,
        edition=hofstede,
        our_country=country("USA"),
        counterparty=CounterpartyFactory(owner=user, country=country("CHN")),
        use_personal_scores=False,
    )


@pytest.fixture
def older(db) -> ScoreEdition:
    return ScoreEditionFactory(name="Older scores")


def _switch(client, plan, edition, **extra):
    return client.post(reverse("plans:edition", args=[plan.pk]), {"edition": edition.pk, **extra})


def _newer_edition_text(hofstede) -> str:
    """The bundled edition with China and the USA as the country-comparison tool shows them now."""
    lines = edition_csv(hofstede).splitlines()
    replaced = {"CHN": "CHN,China,80,43,66,30,77,24", "USA": "USA,U.S.A.,40,60,62,46,50,68"}
    return "\n".join(replaced.get(line.split(",")[0], line) for line in lines) + "\n"


def test_plan_keeps_its_kogut_singh_after_a_new_default_edition_is_imported(
    client_user, client, trainer, plan, hofstede
):
    before = client_user.get(reverse("plans:gap", args=[plan.pk])).context["analysis"]
    newer = ScoreEdition.objects.create(name="Tool scores 2026", source="Country-comparison tool")
    client.force_login(trainer)
    confirm(client, upload(client, newer, _newer_edition_text(hofstede)))
    edition_make_default(edition=newer)
    client.force_login(plan.owner)

    after = client.get(reverse("plans:gap", args=[plan.pk])).context["analysis"]

    plan.refresh_from_db()
    assert plan.edition == hofstede
    assert newer.scores.count() == 111
    assert after.kogut_singh == pytest.approx(before.kogut_singh)
    assert [g.gap for g in after.gaps] == [g.gap for g in before.gaps]


def test_plan_switched_to_the_new_edition_uses_its_scores(client_user, plan, hofstede):
    newer = ScoreEdition.objects.create(name="Tool scores 2026", source="Country-comparison tool")
    load_scores(parse_score_csv(_newer_edition_text(hofstede)), edition=newer)

    response = _switch(client_user, plan, newer)

    assert "now uses “Tool scores 2026”" in client_user.get(response.url).content.decode()
    plan.refresh_from_db()
    assert plan.edition == newer
    analysis = client_user.get(reverse("plans:gap", args=[plan.pk])).context["analysis"]
    idv = next(g for g in analysis.gaps if g.dimension.code == "idv")
    assert (idv.ours, idv.theirs) == (60, 43)


@pytest.mark.parametrize("page", ["plans:detail", "plans:gap"])
def test_plan_pages_name_the_edition_and_offer_the_switch(client_user, plan, older, page):
    html = client_user.get(reverse(page, args=[plan.pk])).content.decode()

    assert "Hofstede 6-D, 2015-12-08 (0-100)" in html
    assert reverse("plans:edition", args=[plan.pk]) in html
    assert f'<option value="{older.pk}">Older scores</option>' in html


def test_plan_page_offers_no_switch_when_there_is_no_other_edition(client_user, plan):
    html = client_user.get(reverse("plans:detail", args=[plan.pk])).content.decode()

    assert reverse("plans:edition", args=[plan.pk]) not in html


def test_plan_page_names_the_default_when_the_plan_uses_another(client_user, plan, older):
    edition_make_default(edition=older)

    html = client_user.get(reverse("plans:detail", args=[plan.pk])).content.decode()

    assert "New plans use “Older scores”" in html


def test_edition_switch_returns_to_the_page_it_came_from(client_user, plan, older):
    gap = reverse("plans:gap", args=[plan.pk])

    assert _switch(client_user, plan, older, next=gap).url == gap
    assert _switch(client_user, plan, older, next="https://evil.example/").url == (
        plan.get_absolute_url()
    )


def test_edition_switch_requires_login(client, plan, older):
    response = _switch(client, plan, older)

    assert response.status_code == 302
    assert reverse("login") in response.url
    plan.refresh_from_db()
    assert plan.edition != older


def test_edition_switch_of_someone_elses_plan_is_404(client_other, plan, older):
    assert _switch(client_other, plan, older).status_code == 404
    plan.refresh_from_db()
    assert plan.edition != older


def test_edition_switch_refuses_get(client_user, plan):
    assert client_user.get(reverse("plans:edition", args=[plan.pk])).status_code == 405


@pytest.mark.parametrize("value", ["", "999999", "abc"])
def test_edition_switch_with_a_bad_choice_saves_nothing_and_says_why(
    client_user, plan, hofstede, value
):
    response = client_user.post(reverse("plans:edition", args=[plan.pk]), {"edition": value})

    plan.refresh_from_db()
    assert plan.edition == hofstede
    page = client_user.get(response.url).content.decode()
    assert "alert-danger" in page


def test_edition_switch_to_the_edition_already_used_is_refused(client_user, plan, hofstede):
    response = _switch(client_user, plan, hofstede)

    assert "this plan already uses that one" in client_user.get(response.url).content.decode()

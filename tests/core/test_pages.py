import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

import core.views
from countries.models import ScoreEdition
from tests.factories import BriefingSectionFactory

HEALTHZ = reverse("core:healthz")
ABOUT = reverse("core:about")


class _BrokenConnection:
    def cursor(self):
        raise OperationalError("connection refused")


def test_healthz_answers_ok_without_login(client, db):
    response = client.get(HEALTHZ)

    assert response.status_code == 200
    assert response.text == "ok\n"
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, db, monkeypatch):
    monkeypatch.setattr(core.views, "connection", _BrokenConnection())

    response = client.get(HEALTHZ)

    assert response.status_code == 503
    assert response.text == "database unavailable\n"


def test_healthz_refuses_post(client, db):
    assert client.post(HEALTHZ).status_code == 405


def test_about_redirects_anonymous_users_to_login(client, db):
    response = client.get(ABOUT)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={ABOUT}"


def test_about_shows_the_edition_source_and_terms(client_user, hofstede):
    response = client_user.get(ABOUT)

    assert response.status_code == 200
    assert escape(hofstede.name) in response.text
    assert escape(hofstede.source) in response.text
    assert escape(hofstede.terms_note) in response.text
    assert "Hofstede, Hofstede &amp; Minkov, 2010" in response.text
    assert "Andrew Hupert" in response.text


def test_about_warns_that_country_scores_are_averages(client_user, db):
    response = client_user.get(ABOUT)

    assert "A caution about national scores" in response.text
    assert "not to predict behaviour" in response.text


def test_about_says_so_when_no_scores_are_loaded(client_user, db):
    assert not ScoreEdition.objects.exists()

    response = client_user.get(ABOUT)

    assert "No country scores are loaded yet." in response.text


def test_about_query_count_does_not_grow_with_editions_or_briefings(
    client_user, hofstede, django_assert_num_queries
):
    # session, user, editions, briefing sources
    with django_assert_num_queries(4):
        client_user.get(ABOUT)
    for number in range(5):
        ScoreEdition.objects.create(name=f"Extra {number}", source="Elsewhere")
        BriefingSectionFactory(sources=f"Agency {number}")

    with django_assert_num_queries(4):
        client_user.get(ABOUT)


def test_about_credits_every_source_the_briefings_name_by_country(client_user, hofstede):
    BriefingSectionFactory(
        briefing__country__name="Ruritania", sources="Ruritanian Trade Board\n<b>Odd</b> source"
    )

    html = client_user.get(ABOUT).text

    assert "Where the country briefings come from" in html
    credits = html[html.index('<dl class="briefing-credits">') :]
    assert "<dt>Ruritania</dt>" in credits
    assert "<li>Ruritanian Trade Board</li><li>&lt;b&gt;Odd&lt;/b&gt; source</li>" in credits
    assert "<dt>Vietnam</dt>" in credits
    assert "<li>Intellectual Property Office of Viet Nam (IP Viet Nam)</li>" in credits
    # Each source once per country, though several sections name it.
    vietnam = credits[credits.index("<dt>Vietnam</dt>") :].split("</dd>")[0]
    assert vietnam.count("Vietnam Country Commercial Guide") == 1


def test_about_says_so_when_no_briefing_is_written(client_user, db):
    assert "No briefings have been written yet." in client_user.get(ABOUT).text


@pytest.mark.parametrize("signed_in", [True, False])
def test_unknown_page_shows_our_not_found_page(client, user, signed_in):
    if signed_in:
        client.force_login(user)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert f'href="{reverse("plans:dashboard")}">Back to the start page' in response.text


def test_permission_denied_handler_renders_our_page():
    request = RequestFactory().get("/somewhere/")

    response = core.views.permission_denied(request)

    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()


def test_server_error_handler_renders_our_page_without_the_database():
    request = RequestFactory().get("/somewhere/")

    response = core.views.server_error(request)

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_a_crashing_view_shows_our_server_error_page(client_user, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(core.views, "render", crash)
    client_user.raise_request_exception = False

    response = client_user.get(ABOUT)

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text

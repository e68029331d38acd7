"""Score editions in the admin: one default, CSV export, and plans keeping their edition."""

import pytest
from django.urls import reverse

from countries.loader import HOFSTEDE_CSV, parse_score_csv
from countries.models import ScoreEdition
from countries.resources import edition_csv
from countries.services import edition_make_default
from tests.factories import ScoreEditionFactory

EDITION_LIST = reverse("admin:countries_scoreedition_changelist")
EDITION_ADD = reverse("admin:countries_scoreedition_add")


def _edition_data(edition: ScoreEdition, **changes) -> dict:
    data = {
        "name": edition.name,
        "published_on": edition.published_on or "",
        "source": edition.source,
        "terms_note": edition.terms_note,
        "_save": "Save",
    }
    if edition.is_default:
        data["make_default"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_edition_admin_adds_an_edition_and_goes_on_to_the_import(client_trainer, hofstede):
    response = client_trainer.post(
        EDITION_ADD,
        {
            "name": "Culture scores 2026",
            "published_on": "2026-05-30",
            "source": "A newer survey",
            "terms_note": "Research use only",
        },
    )

    edition = ScoreEdition.objects.get(name="Culture scores 2026")
    assert response.url == f"{reverse('admin:countries_countryscore_import')}?edition={edition.pk}"
    assert not edition.is_default
    assert edition.history.first().history_type == "+"


def test_edition_admin_making_another_edition_default_unsets_the_previous_one(
    client_trainer, hofstede
):
    newer = ScoreEditionFactory()

    response = client_trainer.post(
        reverse("admin:countries_scoreedition_change", args=[newer.pk]),
        _edition_data(newer, make_default="on"),
    )

    assert response.status_code == 302
    assert list(ScoreEdition.objects.filter(is_default=True)) == [newer]
    hofstede.refresh_from_db()
    assert hofstede.history.first().is_default is False


def test_edition_admin_refuses_to_untick_the_only_default(client_trainer, hofstede):
    data = _edition_data(hofstede)
    del data["make_default"]

    response = client_trainer.post(
        reverse("admin:countries_scoreedition_change", args=[hofstede.pk]), data
    )

    assert response.status_code == 200
    assert "One edition must stay the default" in response.content.decode()
    hofstede.refresh_from_db()
    assert hofstede.is_default


def test_edition_admin_action_makes_the_selected_edition_default(client_trainer, hofstede):
    newer = ScoreEditionFactory()

    client_trainer.post(
        EDITION_LIST, {"action": "make_default", "_selected_action": [newer.pk]}, follow=True
    )

    assert list(ScoreEdition.objects.filter(is_default=True)) == [newer]


def test_edition_admin_action_refuses_two_editions_at_once(client_trainer, hofstede):
    first, second = ScoreEditionFactory(), ScoreEditionFactory()

    response = client_trainer.post(
        EDITION_LIST,
        {"action": "make_default", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert "Select exactly one edition." in response.content.decode()
    assert list(ScoreEdition.objects.filter(is_default=True)) == [hofstede]


def test_edition_make_default_keeps_exactly_one_default(db):
    editions = [ScoreEditionFactory() for _ in range(3)]
    for edition in [*editions, editions[0]]:
        edition_make_default(edition=edition)

    assert list(ScoreEdition.objects.filter(is_default=True)) == [editions[0]]


def test_edition_admin_cannot_delete_the_default_edition(client_trainer, hofstede):
    response = client_trainer.get(
        reverse("admin:countries_scoreedition_delete", args=[hofstede.pk])
    )

    assert response.status_code == 403


def test_edition_list_links_import_and_export_and_counts_plans(client_trainer, hofstede):
    html = client_trainer.get(EDITION_LIST).content.decode()

    assert reverse("admin:countries_scoreedition_export", args=[hofstede.pk]) in html
    assert f"{reverse('admin:countries_countryscore_import')}?edition={hofstede.pk}" in html


def test_edition_export_downloads_the_bundled_format(client_trainer, hofstede):
    response = client_trainer.get(
        reverse("admin:countries_scoreedition_export", args=[hofstede.pk])
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("iso3,name,pdi,idv,mas,uai,lto,ivr\n")
    assert "\r" not in text
    exported = {row.code: row for row in parse_score_csv(text)}
    original = parse_score_csv(HOFSTEDE_CSV.read_text(encoding="utf-8"))
    assert {(r.code, r.label, tuple(r.scores.items())) for r in original} == {
        (r.code, r.label, tuple(r.scores.items())) for r in exported.values()
    }


def test_edition_export_keeps_missing_scores_empty(hofstede):
    lines = edition_csv(hofstede).splitlines()

    assert "PAK,Pakistan,55,14,50,70,50,0" in lines  # 0 is a real score
    assert any(line.startswith("ZAF,South Africa,,,,,") for line in lines)


@pytest.mark.parametrize("client_name", ["client_user"])
def test_edition_export_is_not_for_negotiators(request, hofstede, client_name):
    client = request.getfixturevalue(client_name)

    response = client.get(reverse("admin:countries_scoreedition_export", args=[hofstede.pk]))

    assert response.status_code == 302
    assert "/admin/login/" in response.url

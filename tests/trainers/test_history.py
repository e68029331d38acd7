"""Change history (who, when, what) in the admin, and reverting to an earlier version."""

import pytest
from django.urls import reverse

from countries.models import CountryScore, ScoreEdition
from plans.models import GapGuidance, QuestionTemplate
from tests.trainers.conftest import score_data as _score_data


@pytest.fixture
def china(hofstede) -> CountryScore:
    return hofstede.scores.get(country__code="CHN")


def test_score_change_is_recorded_with_who_and_what(client_trainer, trainer, china):
    client_trainer.post(
        reverse("admin:countries_countryscore_change", args=[china.pk]),
        _score_data(china, idv=43),
    )

    latest = china.history.first()
    assert latest.history_user == trainer
    assert latest.history_type == "~"
    changes = latest.diff_against(latest.prev_record).changes
    assert [(c.field, c.old, c.new) for c in changes] == [("idv", 20, 43)]


def test_score_history_page_shows_who_changed_what(client_trainer, china):
    client_trainer.post(
        reverse("admin:countries_countryscore_change", args=[china.pk]),
        _score_data(china, idv=43),
    )

    html = client_trainer.get(
        reverse("admin:countries_countryscore_history", args=[china.pk])
    ).content.decode()

    assert "trudy" in html
    assert "Individualism" in html or "idv" in html


def test_score_revert_restores_the_earlier_version(client_trainer, trainer, china):
    original = china.history.earliest()
    client_trainer.post(
        reverse("admin:countries_countryscore_change", args=[china.pk]),
        _score_data(china, idv=43, lto=""),
    )
    revert_url = reverse(
        "admin:countries_countryscore_simple_history", args=[china.pk, original.history_id]
    )

    page = client_trainer.get(revert_url)
    assert page.status_code == 200
    assert "Revert" in page.content.decode()
    response = client_trainer.post(revert_url, _score_data(original.instance))

    assert response.status_code == 302
    china.refresh_from_db()
    assert (china.idv, china.lto) == (20, 87)
    assert china.history.first().history_user == trainer
    assert china.history.count() == 3


def test_guidance_revert_restores_the_earlier_wording(client_trainer):
    text = GapGuidance.objects.get(dimension="pdi", direction="higher", band="large")
    url = reverse("admin:plans_gapguidance_change", args=[text.pk])
    client_trainer.post(url, {"meaning": "A careful wording.", "advice": text.advice})
    client_trainer.post(url, {"meaning": "A clumsy rewrite.", "advice": text.advice})
    earlier = text.history.get(meaning="A careful wording.")

    client_trainer.post(
        reverse("admin:plans_gapguidance_simple_history", args=[text.pk, earlier.history_id]),
        {"meaning": earlier.meaning, "advice": earlier.advice},
    )

    text.refresh_from_db()
    assert text.meaning == "A careful wording."
    assert text.history.count() == 4  # seeded version, two edits, the revert


def test_seeded_guidance_has_a_first_version_to_revert_to(client_trainer):
    text = GapGuidance.objects.get(dimension="uai", direction="lower", band="moderate")
    seeded = text.history.get()
    client_trainer.post(
        reverse("admin:plans_gapguidance_change", args=[text.pk]),
        {"meaning": "Something else.", "advice": text.advice},
    )

    client_trainer.post(
        reverse("admin:plans_gapguidance_simple_history", args=[text.pk, seeded.history_id]),
        {"meaning": seeded.meaning, "advice": seeded.advice},
    )

    text.refresh_from_db()
    assert text.meaning == seeded.meaning != "Something else."


def test_question_change_is_recorded_in_its_history(client_trainer, trainer):
    question = QuestionTemplate.objects.order_by("pk").first()

    client_trainer.post(
        reverse("admin:plans_questiontemplate_change", args=[question.pk]),
        {
            "text": "What would make this a good year for you?",
            "tag": question.tag,
            "why_it_helps": question.why_it_helps,
            "is_active": "on",
        },
    )

    latest = question.history.first()
    assert latest.history_user == trainer
    assert latest.text == "What would make this a good year for you?"


def test_edition_revert_of_the_default_flag_keeps_exactly_one_default(client_trainer, hofstede):
    """Reverting an edition to a version where it was default unsets today's default."""
    from countries.services import edition_make_default
    from tests.factories import ScoreEditionFactory

    newer = ScoreEditionFactory()
    edition_make_default(edition=newer)
    hofstede.refresh_from_db()
    was_default = hofstede.history.filter(is_default=True).first()

    client_trainer.post(
        reverse(
            "admin:countries_scoreedition_simple_history",
            args=[hofstede.pk, was_default.history_id],
        ),
        {
            "name": hofstede.name,
            "published_on": "2015-12-08",
            "source": hofstede.source,
            "terms_note": hofstede.terms_note,
            "make_default": "on",
        },
    )

    assert list(ScoreEdition.objects.filter(is_default=True)) == [hofstede]


def test_country_change_is_recorded_in_its_history(client_trainer, trainer, country):
    from tests.accounts.test_trainer import _country_change_data

    vietnam = country("VNM")
    client_trainer.post(
        reverse("admin:countries_country_change", args=[vietnam.pk]),
        _country_change_data(vietnam, name="Viet Nam"),
    )

    assert vietnam.history.first().history_user == trainer
    assert vietnam.history.first().name == "Viet Nam"

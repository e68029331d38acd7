"""Copying an edition that plans use into an editable draft, changing it, making it the default."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from countries.models import CountryScore, ScoreEdition
from countries.services import edition_copy
from tests.factories import CounterpartyFactory, PlanFactory, ScoreEditionFactory
from tests.trainers.conftest import score_data

EDITION_LIST = reverse("admin:countries_scoreedition_changelist")
HOFSTEDE = "Hofstede 6-D, 2015-12-08 (0-100)"


@pytest.fixture
def plan(hofstede, country):
    return PlanFactory(
        edition=hofstede,
        our_country=country("USA"),
        counterparty=CounterpartyFactory(country=country("CHN")),
    )


def _copy(client, edition: ScoreEdition):
    return client.post(
        EDITION_LIST,
        {"action": "copy_to_draft", "_selected_action": [edition.pk]},
        follow=True,
    )


def _rows(edition: ScoreEdition) -> list[tuple]:
    return list(
        edition.scores.order_by("country__code").values_list(
            "country__code", "pdi", "idv", "mas", "uai", "lto", "ivr"
        )
    )


def test_copy_action_makes_a_draft_with_every_score_of_the_edition(
    client_trainer, trainer, hofstede, plan
):
    response = _copy(client_trainer, hofstede)

    draft = ScoreEdition.objects.get(name=f"{HOFSTEDE} — draft copy")
    assert (draft.published_on, draft.source, draft.terms_note) == (
        hofstede.published_on,
        hofstede.source,
        hofstede.terms_note,
    )
    assert not draft.is_default
    assert hofstede.is_default
    assert _rows(draft) == _rows(hofstede)
    assert len(_rows(draft)) == 111
    assert draft.history.get().history_user == trainer
    assert {row.history_user for row in CountryScore.history.filter(edition=draft)} == {trainer}
    html = response.content.decode()
    assert "was copied into the draft" in html
    assert "with its 111 country scores" in html


def test_copy_action_gives_each_copy_a_name_of_its_own(client_trainer, hofstede, plan):
    _copy(client_trainer, hofstede)
    _copy(client_trainer, hofstede)

    names = set(ScoreEdition.objects.values_list("name", flat=True))
    assert names == {HOFSTEDE, f"{HOFSTEDE} — draft copy", f"{HOFSTEDE} — draft copy 2"}


def test_draft_score_can_be_changed_while_the_original_stays(client_trainer, hofstede, plan):
    _copy(client_trainer, hofstede)
    draft = ScoreEdition.objects.get(name=f"{HOFSTEDE} — draft copy")
    china = draft.scores.get(country__code="CHN")

    response = client_trainer.post(
        reverse("admin:countries_countryscore_change", args=[china.pk]),
        score_data(china, idv=43),
    )

    assert response.status_code == 302
    china.refresh_from_db()
    assert china.idv == 43
    assert hofstede.scores.get(country__code="CHN").idv == 20


def test_draft_can_be_made_the_default_and_plans_keep_theirs(client_trainer, hofstede, plan):
    _copy(client_trainer, hofstede)
    draft = ScoreEdition.objects.get(name=f"{HOFSTEDE} — draft copy")

    client_trainer.post(EDITION_LIST, {"action": "make_default", "_selected_action": [draft.pk]})

    assert list(ScoreEdition.objects.filter(is_default=True)) == [draft]
    plan.refresh_from_db()
    assert plan.edition == hofstede


def test_draft_becomes_read_only_once_a_plan_uses_it(client_trainer, hofstede, plan, country):
    _copy(client_trainer, hofstede)
    draft = ScoreEdition.objects.get(name=f"{HOFSTEDE} — draft copy")
    PlanFactory(edition=draft, our_country=country("DEU"))
    china = draft.scores.get(country__code="CHN")

    response = client_trainer.post(
        reverse("admin:countries_countryscore_change", args=[china.pk]),
        score_data(china, idv=43),
    )

    assert response.status_code == 403
    china.refresh_from_db()
    assert china.idv == 20
    assert "Read-only: in use by 1 plan" in client_trainer.get(EDITION_LIST).content.decode()


def test_copy_action_copies_each_selected_edition(client_trainer, hofstede, plan):
    other = ScoreEditionFactory(name="Older scores")

    client_trainer.post(
        EDITION_LIST, {"action": "copy_to_draft", "_selected_action": [hofstede.pk, other.pk]}
    )

    assert ScoreEdition.objects.filter(name="Older scores — draft copy").exists()
    assert ScoreEdition.objects.filter(name=f"{HOFSTEDE} — draft copy").exists()


def test_copy_action_is_offered_on_the_edition_list(client_trainer, hofstede):
    html = client_trainer.get(EDITION_LIST).content.decode()

    assert '<option value="copy_to_draft">Copy into an editable draft</option>' in html


def test_edition_copy_takes_a_given_name(hofstede):
    draft = edition_copy(edition=hofstede, name="  Scores under review  ")

    assert draft.name == "Scores under review"
    assert draft.scores.count() == 111


def test_edition_copy_refuses_a_name_in_use_and_writes_nothing(hofstede):
    before = (ScoreEdition.objects.count(), CountryScore.objects.count())

    with pytest.raises(ValidationError):
        edition_copy(edition=hofstede, name=HOFSTEDE)

    assert (ScoreEdition.objects.count(), CountryScore.objects.count()) == before


def test_edition_copy_keeps_a_long_name_within_the_limit(db):
    long = ScoreEditionFactory(name="x" * 120)

    first, second = edition_copy(edition=long), edition_copy(edition=long)

    assert first.name.endswith(" — draft copy")
    assert second.name.endswith(" — draft copy 2")
    assert len(first.name) == len(second.name) == 120

"""Trainers manage the reference data and nothing else; negotiators never reach the admin."""

import pytest
from django.urls import reverse

from accounts.services import trainers_group_sync
from tests.factories import CounterpartyFactory, PersonFactory, PlanFactory, ScoreEditionFactory

REFERENCE_LISTS = [
    "admin:countries_country_changelist",
    "admin:countries_scoreedition_changelist",
    "admin:countries_countryscore_changelist",
    "admin:countries_countryscore_import",
    "admin:countries_countrybriefing_changelist",
    "admin:countries_countrybriefing_add",
    "admin:countries_briefingsection_changelist",
    "admin:plans_gapguidance_changelist",
    "admin:plans_questiontemplate_changelist",
]
PRIVATE_LISTS = [
    "admin:counterparties_counterparty_changelist",
    "admin:accounts_negotiatorprofile_changelist",
    "admin:auth_user_changelist",
    "admin:auth_group_changelist",
]


@pytest.mark.parametrize("name", REFERENCE_LISTS)
def test_trainer_opens_every_reference_data_page(client_trainer, name):
    assert client_trainer.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PRIVATE_LISTS)
def test_trainer_is_refused_negotiators_data_and_user_accounts(client_trainer, name):
    assert client_trainer.get(reverse(name)).status_code == 403


def test_trainer_cannot_open_a_negotiators_counterparty_or_person(client_trainer, db):
    person = PersonFactory(counterparty=CounterpartyFactory())

    counterparty = reverse(
        "admin:counterparties_counterparty_change", args=[person.counterparty.pk]
    )
    assert client_trainer.get(counterparty).status_code == 403
    # People only appear inside their counterparty (superusers only); they have no page.
    assert (
        client_trainer.get(f"/admin/counterparties/person/{person.pk}/change/").status_code == 404
    )


def test_plans_have_no_admin_pages_at_all(client_trainer, admin_client, db):
    plan = PlanFactory(edition=ScoreEditionFactory())

    for client in (client_trainer, admin_client):
        assert client.get(f"/admin/plans/plan/{plan.pk}/change/").status_code == 404
        assert client.get("/admin/plans/plan/").status_code == 404


def test_trainer_admin_index_lists_reference_data_only(client_trainer, db):
    CounterpartyFactory(name="Secret Trading Co")

    html = client_trainer.get(reverse("admin:index")).content.decode()

    for label in [
        "Countries",
        "Score editions",
        "Country briefings",
        "Briefing sections",
        "Gap guidance texts",
        "Library questions",
    ]:
        assert label in html
    for label in ["Counterparties", "Users", "Negotiator profiles", "Plans<"]:
        assert label not in html


def test_trainers_group_has_no_permission_on_private_models(db):
    codenames = set(trainers_group_sync().permissions.values_list("content_type__model", flat=True))

    assert codenames == {
        "country",
        "scoreedition",
        "countryscore",
        "countrybriefing",
        "briefingsection",
        "gapguidance",
        "questiontemplate",
    }


def test_superuser_still_manages_user_accounts(admin_client):
    assert admin_client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:auth_user_add")).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "admin:index",
        *REFERENCE_LISTS,
        "admin:counterparties_counterparty_changelist",
        "admin:auth_user_changelist",
    ],
)
def test_negotiator_cannot_reach_the_admin(client_user, name):
    response = client_user.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_negotiator_cannot_import_scores(client_user, hofstede):
    from tests.trainers.conftest import HEADER, upload

    response = upload(client_user, hofstede, HEADER + "CHN,China,1,2,3,4,5,6\n")

    assert response.status_code == 302
    assert hofstede.scores.get(country__code="CHN").pdi == 80


@pytest.mark.parametrize("what", ["country", "edition"])
def test_trainer_deleting_reference_data_in_use_does_not_see_whose_plans_use_it(
    client_trainer, db, what
):
    plan = PlanFactory(
        title="Secret deal", edition=ScoreEditionFactory(), counterparty__name="Secret Trading Co"
    )
    if what == "country":
        url = reverse("admin:countries_country_delete", args=[plan.our_country.pk])
    else:
        url = reverse("admin:countries_scoreedition_delete", args=[plan.edition.pk])

    html = client_trainer.get(url).content.decode()

    assert "Secret deal" not in html
    assert "Secret Trading Co" not in html
    assert "private item(s) of negotiators" in html

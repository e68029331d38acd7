import pytest
from django.urls import reverse

from accounts.services import trainer_create_or_promote
from plans.models import GapGuidance

CHANGELIST = reverse("admin:plans_gapguidance_changelist")


@pytest.fixture
def client_trainer(client, db):
    trainer, _ = trainer_create_or_promote(username="tina", password="correct-horse-battery")
    client.force_login(trainer)
    return client


def _cell(dimension="pdi", direction="higher", band="large") -> GapGuidance:
    return GapGuidance.objects.get(dimension=dimension, direction=direction, band=band)


def test_guidance_changelist_shows_every_cell_with_a_shortened_meaning(client_trainer):
    response = client_trainer.get(CHANGELIST)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 24
    long_meaning = _cell().meaning
    assert len(long_meaning) > 90
    assert long_meaning[:60] in response.text
    assert long_meaning not in response.text


def test_guidance_changelist_filters_by_dimension_direction_and_band(client_trainer):
    response = client_trainer.get(
        CHANGELIST, {"dimension__exact": "uai", "direction__exact": "lower", "band__exact": "large"}
    )

    assert list(response.context["cl"].result_list) == [_cell("uai", "lower", "large")]


def test_guidance_changelist_search_finds_words_in_the_advice(client_trainer):
    GapGuidance.objects.filter(pk=_cell("lto", "higher", "moderate").pk).update(
        advice="Bring the xylophone roadmap."
    )

    response = client_trainer.get(CHANGELIST, {"q": "xylophone"})

    assert list(response.context["cl"].result_list) == [_cell("lto", "higher", "moderate")]


def test_guidance_change_saves_new_texts_for_a_trainer(client_trainer):
    cell = _cell()
    url = reverse("admin:plans_gapguidance_change", args=[cell.pk])

    response = client_trainer.post(url, {"meaning": "New meaning.", "advice": "New advice."})

    assert response.status_code == 302
    cell.refresh_from_db()
    assert (cell.dimension, cell.meaning, cell.advice) == ("pdi", "New meaning.", "New advice.")


def test_guidance_change_keeps_the_cell_when_a_trainer_posts_another(client_trainer):
    cell = _cell()
    url = reverse("admin:plans_gapguidance_change", args=[cell.pk])

    client_trainer.post(
        url,
        {
            "dimension": "mas",
            "direction": "lower",
            "band": "moderate",
            "meaning": "M",
            "advice": "A",
        },
    )

    cell.refresh_from_db()
    assert (cell.dimension, cell.direction, cell.band) == ("pdi", "higher", "large")
    assert GapGuidance.objects.filter(dimension="mas", direction="lower").count() == 2


def test_guidance_form_shows_help_texts(client_trainer):
    response = client_trainer.get(reverse("admin:plans_gapguidance_change", args=[_cell().pk]))

    assert "What this gap means at the table, in plain words." in response.text
    assert "What the negotiator should do about it at the next meeting." in response.text


def test_guidance_delete_is_refused_for_a_trainer(client_trainer):
    url = reverse("admin:plans_gapguidance_delete", args=[_cell().pk])

    assert client_trainer.get(url).status_code == 403
    assert client_trainer.post(url, {"post": "yes"}).status_code == 403
    assert GapGuidance.objects.count() == 24


def test_guidance_add_of_an_existing_cell_is_refused(client_trainer):
    response = client_trainer.post(
        reverse("admin:plans_gapguidance_add"),
        {"dimension": "pdi", "direction": "higher", "band": "large", "meaning": "M", "advice": "A"},
    )

    assert response.status_code == 200
    assert GapGuidance.objects.count() == 24


def test_guidance_changelist_redirects_a_negotiator_to_the_admin_login(client_user):
    response = client_user.get(CHANGELIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))

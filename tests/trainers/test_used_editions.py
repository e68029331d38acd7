"""A plan keeps its scores until its owner switches: no admin path changes an edition a plan uses.

Changing, adding, deleting, moving, reverting and importing score rows of such an edition
are refused, on the score pages, in the Country page's inline and in the CSV import; the
pages say why and how many plans use it. Deleting a country scored in it is refused too.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from countries.loader import load_hofstede
from countries.models import Country, CountryScore, ScoreEdition
from plans.models import Plan
from tests.factories import (
    CounterpartyFactory,
    CountryFactory,
    CountryScoreFactory,
    PlanFactory,
    ScoreEditionFactory,
)
from tests.trainers.conftest import (
    HEADER,
    IMPORT_URL,
    confirm,
    country_data,
    country_data_with_every_row_editable,
    score_data,
    upload,
)

SCORE_LIST = reverse("admin:countries_countryscore_changelist")
SCORE_ADD = reverse("admin:countries_countryscore_add")
EDITION_LIST = reverse("admin:countries_scoreedition_changelist")


def _plan_using(edition: ScoreEdition, country) -> Plan:
    return PlanFactory(
        edition=edition,
        our_country=country("USA"),
        counterparty=CounterpartyFactory(country=country("CHN")),
    )


@pytest.fixture
def plan(hofstede, country) -> Plan:
    """A negotiator's plan computed with the bundled edition, which makes it read-only."""
    return _plan_using(hofstede, country)


@pytest.fixture
def china(hofstede, plan) -> CountryScore:
    return hofstede.scores.get(country__code="CHN")


@pytest.fixture
def draft(db) -> ScoreEdition:
    return ScoreEditionFactory(name="Draft scores 2026")


def _change_url(score: CountryScore) -> str:
    return reverse("admin:countries_countryscore_change", args=[score.pk])


def _snapshot(edition: ScoreEdition) -> list[tuple]:
    """Every score row of `edition` as the database holds it."""
    return list(
        CountryScore.objects.filter(edition=edition)
        .order_by("country__code")
        .values_list("country__code", "pdi", "idv", "mas", "uai", "lto", "ivr")
    )


# --- The score row's own pages ----------------------------------------------------------


def test_used_score_change_page_is_read_only_and_says_why(client_trainer, china):
    response = client_trainer.get(_change_url(china))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="idv"' not in html  # no input: the page shows the values only
    assert "1 plan uses the edition “Hofstede 6-D, 2015-12-08 (0-100)”" in html
    assert "Copy into an editable draft" in html
    assert 'name="_save"' not in html


@pytest.mark.parametrize(
    "changes",
    [{"idv": 43}, {"lto": ""}, {"edition": "draft"}, {"country": "other"}],
    ids=["score", "score to unknown", "move to a draft", "move to another country"],
)
def test_used_score_change_post_is_refused_and_changes_nothing(
    client_trainer, hofstede, china, draft, changes
):
    changes = dict(changes)
    if changes.get("edition") == "draft":
        changes["edition"] = draft.pk
    if changes.get("country") == "other":
        changes["country"] = CountryFactory(code="X-NEW").pk
    before = _snapshot(hofstede)
    versions = china.history.count()

    response = client_trainer.post(_change_url(china), score_data(china, **changes))

    assert response.status_code == 403
    assert _snapshot(hofstede) == before
    assert not draft.scores.exists()
    assert china.history.count() == versions


def test_score_add_into_a_used_edition_is_refused(client_trainer, hofstede, plan):
    newcomer = CountryFactory(code="X-NEW")
    before = _snapshot(hofstede)

    response = client_trainer.post(
        SCORE_ADD,
        {"country": newcomer.pk, "edition": hofstede.pk, "pdi": 50, "_save": "Save"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert _snapshot(hofstede) == before
    assert not newcomer.scores.exists()


def test_score_add_form_offers_only_editions_no_plan_uses(client_trainer, hofstede, plan, draft):
    choices = client_trainer.get(SCORE_ADD).context["adminform"].form.fields["edition"].queryset

    assert list(choices) == [draft]


def test_score_cannot_move_from_a_draft_into_a_used_edition(client_trainer, hofstede, plan, draft):
    newcomer = CountryFactory(code="X-NEW")
    row = CountryScoreFactory(edition=draft, country=newcomer, pdi=10)

    response = client_trainer.post(_change_url(row), score_data(row, edition=hofstede.pk))

    assert response.status_code == 200
    row.refresh_from_db()
    assert row.edition == draft
    assert not hofstede.scores.filter(country=newcomer).exists()


def test_used_score_delete_is_refused_and_says_why(client_trainer, hofstede, china):
    url = reverse("admin:countries_countryscore_delete", args=[china.pk])

    page = client_trainer.get(url)
    client_trainer.post(url, {"post": "yes"})

    html = page.content.decode()
    assert "This score belongs to “Hofstede 6-D, 2015-12-08 (0-100)”, which plans use" in html
    assert "Copy the edition into an editable draft" in html
    assert CountryScore.objects.filter(pk=china.pk).exists()
    assert hofstede.scores.count() == 111


def test_used_scores_bulk_delete_is_refused_and_says_why(client_trainer, hofstede, china):
    usa = hofstede.scores.get(country__code="USA")
    data = {"action": "delete_selected", "_selected_action": [china.pk, usa.pk]}

    page = client_trainer.post(SCORE_LIST, data)
    client_trainer.post(SCORE_LIST, {**data, "post": "yes"})

    html = page.content.decode()
    assert "2 of the selected scores belong to “Hofstede 6-D, 2015-12-08 (0-100)”" in html
    assert "Copy the edition into an editable draft" in html
    assert hofstede.scores.count() == 111


def test_score_list_marks_rows_of_used_editions_as_not_editable(client_trainer, china, draft):
    CountryScoreFactory(edition=draft, country=china.country)

    rows = client_trainer.get(SCORE_LIST, {"q": "CHN"}).context["cl"].result_list

    assert {row.edition.name: row.edition_plans for row in rows} == {
        "Hofstede 6-D, 2015-12-08 (0-100)": 1,
        "Draft scores 2026": 0,
    }


# --- The history revert -----------------------------------------------------------------


@pytest.fixture
def changed_before_the_plan(hofstede, country) -> CountryScore:
    """China's row changed once while no plan used the edition; then a plan starts using it."""
    china = hofstede.scores.get(country__code="CHN")
    china.idv = 43
    china.save()
    _plan_using(hofstede, country)
    return china


def test_used_score_revert_is_refused_and_changes_nothing(client_trainer, changed_before_the_plan):
    china = changed_before_the_plan
    original = china.history.earliest()
    url = reverse(
        "admin:countries_countryscore_simple_history", args=[china.pk, original.history_id]
    )
    versions = china.history.count()

    page = client_trainer.get(url)
    response = client_trainer.post(url, score_data(original.instance))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Reverting is not possible either" in html
    assert 'name="_save"' not in html  # no Revert button
    assert response.status_code == 403
    china.refresh_from_db()
    assert china.idv == 43
    assert china.history.count() == versions


def test_revert_cannot_move_a_draft_row_back_into_a_used_edition(
    client_trainer, hofstede, plan, draft
):
    """A row that once belonged to a used edition and was moved out may not be moved back."""
    newcomer = CountryFactory(code="X-NEW")
    row = CountryScoreFactory(edition=draft, country=newcomer, pdi=10)
    # Written before the rule existed: the row's earlier version sits in the used edition.
    CountryScore.objects.filter(pk=row.pk).update(edition=hofstede)
    row.refresh_from_db()
    row.save()
    CountryScore.objects.filter(pk=row.pk).update(edition=draft)
    row.refresh_from_db()
    row.save()
    in_used = row.history.filter(edition=hofstede).first()
    url = reverse("admin:countries_countryscore_simple_history", args=[row.pk, in_used.history_id])

    response = client_trainer.post(url, score_data(in_used.instance))

    assert response.status_code == 200
    row.refresh_from_db()
    assert row.edition == draft


# --- The Country page's score inline ------------------------------------------------------


def _country_url(country: Country) -> str:
    return reverse("admin:countries_country_change", args=[country.pk])


def test_country_page_shows_used_scores_read_only_with_their_plan_count(client_trainer, china):
    html = client_trainer.get(_country_url(china.country)).content.decode()

    assert 'name="used_scores-TOTAL_FORMS"' in html
    assert 'name="used_scores-0-idv"' not in html
    assert 'name="scores-0-idv"' not in html
    assert "in use by 1 plan" in html
    assert "read-only: copy the edition into a draft to change them" in html


def test_country_inline_post_changing_a_used_score_is_refused(client_trainer, hofstede, china):
    """The form as the page drew it before this rule: the used row as an editable row."""
    before = _snapshot(hofstede)

    response = client_trainer.post(
        _country_url(china.country),
        country_data_with_every_row_editable(china.country, **{"scores-0-idv": "43"}),
    )

    assert response.status_code == 200
    assert _snapshot(hofstede) == before


def test_country_inline_ignores_values_posted_for_a_read_only_row(client_trainer, hofstede, china):
    before = _snapshot(hofstede)

    response = client_trainer.post(
        _country_url(china.country),
        country_data(china.country, **{"used_scores-0-idv": "43", "used_scores-0-DELETE": "on"}),
    )

    assert response.status_code == 302
    assert _snapshot(hofstede) == before


def test_country_inline_cannot_delete_a_used_score(client_trainer, hofstede, china):
    client_trainer.post(
        _country_url(china.country),
        country_data_with_every_row_editable(china.country, **{"scores-0-DELETE": "on"}),
    )

    assert CountryScore.objects.filter(pk=china.pk).exists()
    assert hofstede.scores.count() == 111


def test_country_inline_cannot_add_a_score_to_a_used_edition(client_trainer, hofstede, plan):
    newcomer = CountryFactory(code="X-NEW")
    data = country_data(newcomer)
    data.update(
        {
            "scores-TOTAL_FORMS": "1",
            "scores-0-country": str(newcomer.pk),
            "scores-0-edition": str(hofstede.pk),
            "scores-0-pdi": "50",
        }
    )

    response = client_trainer.post(_country_url(newcomer), data)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not newcomer.scores.exists()


def test_country_inline_still_changes_a_draft_score_beside_a_used_one(
    client_trainer, hofstede, china, draft
):
    row = CountryScoreFactory(edition=draft, country=china.country, idv=20)
    before = _snapshot(hofstede)

    response = client_trainer.post(
        _country_url(china.country), country_data(china.country, **{"scores-0-idv": "43"})
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.idv == 43
    assert _snapshot(hofstede) == before


# --- Deleting a country ------------------------------------------------------------------


def test_country_scored_in_a_used_edition_cannot_be_deleted_and_says_why(
    client_trainer, hofstede, plan, country
):
    """Vietnam is in no plan, but deleting it would drop a row from the plan's edition."""
    vietnam = country("VNM")
    url = reverse("admin:countries_country_delete", args=[vietnam.pk])

    page = client_trainer.get(url)
    client_trainer.post(url, {"post": "yes"})

    html = page.content.decode()
    assert "Its scores in “Hofstede 6-D, 2015-12-08 (0-100)” cannot be removed" in html
    assert "private item" not in html  # no plan, counterparty or profile uses Vietnam
    assert Country.objects.filter(pk=vietnam.pk).exists()
    assert hofstede.scores.count() == 111


def test_country_used_by_a_plan_and_a_used_edition_names_both_reasons(
    client_trainer, hofstede, plan, country
):
    html = client_trainer.get(
        reverse("admin:countries_country_delete", args=[country("USA").pk])
    ).content.decode()

    assert "cannot be removed: plans use that edition" in html
    assert "1 private item(s) of negotiators" in html


def test_country_scored_only_in_editions_no_plan_uses_can_be_deleted(client_trainer, plan, draft):
    row = CountryScoreFactory(edition=draft, country=CountryFactory(code="X-NEW"))

    response = client_trainer.post(
        reverse("admin:countries_country_delete", args=[row.country_id]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Country.objects.filter(code="X-NEW").exists()
    assert not draft.scores.exists()


def test_deleting_a_country_in_code_is_refused_while_a_plan_uses_its_edition(plan, country):
    with pytest.raises(ProtectedError):
        country("VNM").delete()

    assert Country.objects.filter(code="VNM").exists()


# --- The rule on the model, for every other writer --------------------------------------


def test_score_full_clean_refuses_a_change_in_a_used_edition(china):
    china.idv = 43

    with pytest.raises(ValidationError, match="1 plan uses the edition"):
        china.full_clean()


def test_score_full_clean_refuses_a_new_row_in_a_used_edition(hofstede, plan):
    row = CountryScore(edition=hofstede, country=CountryFactory(code="X-NEW"), pdi=1)

    with pytest.raises(ValidationError, match="read-only"):
        row.full_clean()


def test_score_full_clean_accepts_an_unchanged_row_of_a_used_edition(china):
    china.full_clean()


def test_loader_refuses_to_change_an_edition_that_plans_use(hofstede, plan, tmp_path):
    from countries.loader import HOFSTEDE_CSV, ScoreFileError

    changed = HOFSTEDE_CSV.read_text(encoding="utf-8").replace(
        "CHN,China,80,20,66,30,87,24", "CHN,China,80,43,66,30,77,24"
    )
    path = tmp_path / "changed.csv"
    path.write_text(changed, encoding="utf-8")
    before = _snapshot(hofstede)

    with pytest.raises(ScoreFileError, match="1 plan uses the edition"):
        load_hofstede(path)

    assert _snapshot(hofstede) == before


def test_loader_rerun_on_a_used_edition_changes_nothing_and_succeeds(hofstede, plan):
    result = load_hofstede()

    assert result.unchanged == 111


# --- The CSV import ----------------------------------------------------------------------


def test_import_into_a_used_edition_is_refused_at_the_preview(client_trainer, hofstede, plan):
    before = _snapshot(hofstede)

    response = upload(client_trainer, hofstede, HEADER + "CHN,China,80,43,66,30,77,24\n")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported." in html
    assert "1 plan uses the edition “Hofstede 6-D, 2015-12-08 (0-100)”" in html
    assert "Copy into an editable draft" in html
    assert "Confirm import" not in html
    assert _snapshot(hofstede) == before


def test_import_into_an_edition_a_plan_started_using_is_refused_at_the_confirm(
    client_trainer, new_edition, country
):
    preview = upload(client_trainer, new_edition, HEADER + "CHN,China,80,43,66,30,77,24\n")
    assert "Confirm import" in preview.content.decode()
    _plan_using(new_edition, country)  # a negotiator switches to it meanwhile

    response = confirm(client_trainer, preview)

    assert response.status_code == 302
    assert response.url == f"{IMPORT_URL}?edition={new_edition.pk}"
    page = client_trainer.get(response.url).content.decode()
    assert "Nothing was imported." in page
    assert "1 plan uses the edition “Culture scores 2026”" in page
    assert not new_edition.scores.exists()


def test_import_form_marks_the_editions_that_plans_use(client_trainer, hofstede, plan, draft):
    html = client_trainer.get(IMPORT_URL).content.decode()

    assert "Hofstede 6-D, 2015-12-08 (0-100) (read-only: in use by 1 plan)" in html
    assert ">Draft scores 2026</option>" in html


# --- The edition pages --------------------------------------------------------------------


def test_edition_list_shows_which_editions_are_read_only(client_trainer, hofstede, country):
    _plan_using(hofstede, country)
    _plan_using(hofstede, country)
    draft = ScoreEditionFactory(name="Draft scores 2026")

    html = client_trainer.get(EDITION_LIST).content.decode()

    assert "Read-only: in use by 2 plans" in html
    assert "Editable: no plan uses it" in html
    assert f"{IMPORT_URL}?edition={hofstede.pk}" not in html  # no import into a used one
    assert f"{IMPORT_URL}?edition={draft.pk}" in html


def test_edition_change_page_says_why_its_scores_are_read_only(client_trainer, hofstede, plan):
    html = client_trainer.get(
        reverse("admin:countries_scoreedition_change", args=[hofstede.pk])
    ).content.decode()

    assert "1 plan uses the edition" in html
    assert "Copy into an editable draft" in html

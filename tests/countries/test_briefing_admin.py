"""Trainers keep the briefings in the admin: list, edit with sections inline, preview, history."""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import TRAINERS_GROUP
from countries.models import BriefingSection, CountryBriefing
from tests.factories import BriefingSectionFactory, CountryBriefingFactory, CountryFactory

Kind = BriefingSection.Kind
CHANGELIST = reverse("admin:countries_countrybriefing_changelist")
ADD = reverse("admin:countries_countrybriefing_add")
SECTIONS = reverse("admin:countries_briefingsection_changelist")
REVIEWED = "2026-11-20"


def _change_url(briefing: CountryBriefing) -> str:
    return reverse("admin:countries_countrybriefing_change", args=[briefing.pk])


def _form_data(briefing: CountryBriefing | None = None, *, country=None, sections=(), **extra):
    """What the briefing form posts: the briefing, its existing sections, then `sections`
    (dicts with kind, text, sources, last_reviewed) as new inline forms."""
    existing = list(briefing.sections.in_reading_order()) if briefing else []
    data = {"summary": briefing.summary if briefing else "", "_save": "Save"}
    if country is not None:
        data["country"] = str(country.pk)
    forms = []
    for section in existing:
        forms.append(
            {
                "id": str(section.pk),
                "briefing": str(briefing.pk),
                "kind": section.kind,
                "text": section.text,
                "sources": section.sources,
                "last_reviewed": section.last_reviewed.isoformat(),
            }
        )
    forms += [dict(section) for section in sections]
    data.update(
        {
            "sections-TOTAL_FORMS": str(len(forms)),
            "sections-INITIAL_FORMS": str(len(existing)),
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "8",
        }
    )
    for index, form in enumerate(forms):
        for name, value in form.items():
            data[f"sections-{index}-{name}"] = value
    data.update(extra)
    return data


def _new(kind=Kind.GREETING, text="Bow slightly.", sources="A trade guide", reviewed=REVIEWED):
    return {"kind": kind, "text": text, "sources": sources, "last_reviewed": reviewed}


# --- list ----------------------------------------------------------------------------------


def test_briefing_list_shows_sections_written_and_the_oldest_review(client_trainer, db):
    briefing = CountryBriefingFactory(country__name="Ruritania")
    BriefingSectionFactory(briefing=briefing, kind=Kind.GIFTS, last_reviewed="2025-03-04")
    BriefingSectionFactory(briefing=briefing, kind=Kind.MEALS, last_reviewed="2026-06-01")

    response = client_trainer.get(CHANGELIST)

    assert response.status_code == 200
    row = re.search(r"<tr><td class=\"action-checkbox\">.*?</tr>", response.text, re.S).group(0)
    assert "Ruritania" in row
    assert '<td class="field-sections_written">2 of 8</td>' in row
    assert '<td class="field-oldest_review nowrap">4 Mar 2025</td>' in row


def test_briefing_list_filters_by_completeness_and_review_age(client_trainer, hofstede):
    partial = CountryBriefingFactory(country__name="Ruritania")
    BriefingSectionFactory(briefing=partial, last_reviewed="2020-01-01")

    def names(params):
        response = client_trainer.get(CHANGELIST, params)
        return {b.country.name for b in response.context["cl"].result_list}

    assert names({"complete": "no"}) == {"Ruritania"}
    assert "Ruritania" not in names({"complete": "yes"})
    assert len(names({"complete": "yes"})) == 12  # the seeded ones, all complete
    assert names({"review": "due"}) == {"Ruritania"}
    assert "Ruritania" not in names({"review": "current"})


def test_briefing_list_searches_the_sections_texts(client_trainer, hofstede):
    response = client_trainer.get(CHANGELIST, {"q": "Hùng Kings"})

    assert [b.country.code for b in response.context["cl"].result_list] == ["VNM"]


def test_briefing_list_query_count_does_not_grow_with_briefings(
    client_trainer, db, django_assert_num_queries
):
    BriefingSectionFactory()
    client_trainer.get(CHANGELIST)
    with CaptureQueriesContext(connection) as few:
        client_trainer.get(CHANGELIST)
    for _ in range(5):
        BriefingSectionFactory(kind=Kind.NAMES)

    with django_assert_num_queries(len(few.captured_queries)):
        client_trainer.get(CHANGELIST)


# --- add and change ------------------------------------------------------------------------


def test_add_page_offers_one_section_form_per_kind_with_todays_review_date(client_trainer, db):
    country = CountryFactory()

    response = client_trainer.get(ADD, {"country": country.pk})

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.initial["kind"] for form in formset.forms] == Kind.values
    assert all("last_reviewed" in form.initial for form in formset.forms)
    assert response.context["adminform"].form.initial["country"] == str(country.pk)
    assert "Preview changes" in response.text


def test_trainer_adds_a_briefing_and_untouched_section_forms_are_ignored(client_trainer, db):
    country = CountryFactory(name="Ruritania")
    data = _form_data(country=country, sections=[_new(Kind.GIFTS, text="Bring tea.")])
    data["summary"] = "A small country."

    response = client_trainer.post(ADD, data)

    assert response.status_code == 302
    briefing = CountryBriefing.objects.get(country=country)
    assert briefing.summary == "A small country."
    assert [(s.kind, s.text) for s in briefing.sections.all()] == [("gifts", "Bring tea.")]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (_new(sources="  \n "), "Name at least one public source, one per line."),
        (_new(text=""), "This field is required."),
        (_new(reviewed="2999-01-01"), "The review date cannot be in the future"),
    ],
)
def test_invalid_section_is_shown_with_its_message_and_nothing_is_saved(
    client_trainer, db, section, message
):
    country = CountryFactory()

    response = client_trainer.post(ADD, _form_data(country=country, sections=[section]))

    assert response.status_code == 200
    assert message in response.text
    assert not CountryBriefing.objects.exists()
    assert not BriefingSection.objects.exists()


def test_two_sections_of_the_same_kind_are_refused(client_trainer, db):
    country = CountryFactory()
    sections = [_new(Kind.MEALS, text="One."), _new(Kind.MEALS, text="Two.")]

    response = client_trainer.post(ADD, _form_data(country=country, sections=sections))

    assert response.status_code == 200
    assert "Please correct the duplicate data for kind" in response.text
    assert not CountryBriefing.objects.exists()


def test_a_second_briefing_for_the_same_country_is_refused(client_trainer, db):
    briefing = CountryBriefingFactory(country__name="Ruritania")

    response = client_trainer.post(ADD, _form_data(country=briefing.country))

    assert response.status_code == 200
    assert "Ruritania already has a briefing. Edit that one instead" in response.text
    assert CountryBriefing.objects.count() == 1


def test_change_page_previews_the_saved_briefing_with_the_negotiators_include(
    client_trainer, hofstede, country
):
    briefing = country("KOR").briefing

    html = client_trainer.get(_change_url(briefing)).text

    preview = re.search(r'<section class="briefing[^"]*" id="briefing".*?</section>', html, re.S)
    assert preview, "no preview"
    assert "Doing business in South Korea: a briefing" in preview.group(0)
    assert "geonbae" in preview.group(0)
    assert preview.group(0).count("<details") == 8
    assert "/admin/" not in preview.group(0)  # no edit link inside the preview


def test_trainer_edits_a_section_inline_and_the_change_is_recorded(client_trainer, trainer, db):
    section = BriefingSectionFactory(text="Old wording.")
    data = _form_data(section.briefing)
    data["sections-0-text"] = "New wording."

    response = client_trainer.post(_change_url(section.briefing), data)

    assert response.status_code == 302
    section.refresh_from_db()
    assert section.text == "New wording."
    latest = section.history.first()
    assert (latest.history_user, latest.history_type, latest.text) == (trainer, "~", "New wording.")


# --- preview of unsaved changes ------------------------------------------------------------


def test_preview_shows_unsaved_edits_and_saves_nothing(client_trainer, db):
    section = BriefingSectionFactory(kind=Kind.GIFTS, text="Saved wording.")
    data = _form_data(section.briefing, sections=[_new(Kind.LANGUAGE, text="Brand new text.")])
    data["sections-0-text"] = "Edited, not saved."
    url = reverse("admin:countries_countrybriefing_preview", args=[section.briefing.pk])

    response = client_trainer.post(url, data)

    assert response.status_code == 200
    assert "Nothing has been saved." in response.text
    assert "Edited, not saved." in response.text
    assert "Brand new text." in response.text
    assert "Saved wording." not in response.text
    section.refresh_from_db()
    assert section.text == "Saved wording."
    assert section.briefing.sections.count() == 1
    assert section.history.count() == 1


def test_preview_of_a_new_briefing_saves_nothing(client_trainer, db):
    country = CountryFactory(name="Ruritania")
    data = _form_data(country=country, sections=[_new(text="Shake hands.")])

    response = client_trainer.post(reverse("admin:countries_countrybriefing_preview_add"), data)

    assert "Preview: the briefing on Ruritania" in response.text
    assert "Shake hands." in response.text
    assert not CountryBriefing.objects.exists()


def test_preview_leaves_out_a_section_marked_for_deletion(client_trainer, db):
    section = BriefingSectionFactory(text="Going away.")
    data = _form_data(section.briefing, **{"sections-0-DELETE": "on"})
    url = reverse("admin:countries_countrybriefing_preview", args=[section.briefing.pk])

    response = client_trainer.post(url, data)

    assert "Going away." not in response.text
    assert BriefingSection.objects.filter(pk=section.pk).exists()


def test_preview_lists_what_to_correct_instead_of_a_preview(client_trainer, db):
    section = BriefingSectionFactory(kind=Kind.GIFTS)
    data = _form_data(section.briefing)
    data["sections-0-sources"] = ""
    url = reverse("admin:countries_countrybriefing_preview", args=[section.briefing.pk])

    response = client_trainer.post(url, data)

    assert response.status_code == 200
    assert "The preview needs a few corrections first" in response.text
    assert "Gifts (sources): This field is required." in response.text
    assert 'id="briefing"' not in response.text


def test_preview_escapes_the_trainers_text(client_trainer, db):
    section = BriefingSectionFactory()
    data = _form_data(section.briefing)
    data["sections-0-text"] = "<script>alert(1)</script>"
    url = reverse("admin:countries_countrybriefing_preview", args=[section.briefing.pk])

    html = client_trainer.post(url, data).text

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_preview_refuses_get(client_trainer, db):
    briefing = CountryBriefingFactory()
    url = reverse("admin:countries_countrybriefing_preview", args=[briefing.pk])

    assert client_trainer.get(url).status_code == 405


def test_preview_is_closed_to_negotiators(client_user, db):
    section = BriefingSectionFactory(text="Private draft")
    url = reverse("admin:countries_countrybriefing_preview", args=[section.briefing.pk])

    response = client_user.post(url, _form_data(section.briefing))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_preview_of_an_unknown_briefing_is_404(client_trainer, db):
    url = reverse("admin:countries_countrybriefing_preview", args=[999999])

    assert client_trainer.post(url, {}).status_code == 404


# --- sections on their own pages: history and revert ---------------------------------------


def test_section_list_filters_by_kind_and_searches_the_sources(client_trainer, hofstede):
    response = client_trainer.get(SECTIONS, {"kind__exact": "contracts", "q": "KIPO"})

    rows = list(response.context["cl"].result_list)
    assert [(s.briefing.country.code, s.kind) for s in rows] == [("KOR", "contracts")]


def test_section_revert_restores_the_shipped_text(client_trainer, trainer, hofstede):
    section = BriefingSection.objects.get(briefing__country__code="VNM", kind=Kind.MEALS)
    shipped = section.history.earliest()
    url = reverse("admin:countries_briefingsection_change", args=[section.pk])
    data = {
        "text": "A clumsy rewrite.",
        "sources": section.sources,
        "last_reviewed": section.last_reviewed.isoformat(),
        "_save": "Save",
    }
    assert client_trainer.post(url, data).status_code == 302
    revert = reverse(
        "admin:countries_briefingsection_simple_history", args=[section.pk, shipped.history_id]
    )

    page = client_trainer.get(revert)
    assert "Revert" in page.text
    response = client_trainer.post(revert, {**data, "text": shipped.text})

    assert response.status_code == 302
    section.refresh_from_db()
    assert section.text == shipped.text
    assert "một, hai, ba, dô" in section.text
    assert section.history.count() == 3
    assert section.history.first().history_user == trainer


def test_section_history_page_shows_who_changed_it(client_trainer, db):
    section = BriefingSectionFactory()
    url = reverse("admin:countries_briefingsection_change", args=[section.pk])
    client_trainer.post(
        url,
        {
            "text": "Changed.",
            "sources": section.sources,
            "last_reviewed": "2026-11-02",
            "_save": "Save",
        },
    )

    html = client_trainer.get(
        reverse("admin:countries_briefingsection_history", args=[section.pk])
    ).text

    assert "trudy" in html


def test_briefing_summary_revert_restores_the_earlier_summary(client_trainer, db):
    briefing = CountryBriefingFactory(summary="First summary.")
    client_trainer.post(_change_url(briefing), _form_data(briefing, summary="Second summary."))
    earlier = briefing.history.get(summary="First summary.")
    revert = reverse(
        "admin:countries_countrybriefing_simple_history", args=[briefing.pk, earlier.history_id]
    )

    response = client_trainer.post(revert, {"summary": "First summary.", "_save": "Save"})

    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.summary == "First summary."


def test_section_page_previews_the_briefing_with_that_section_open(client_trainer, hofstede):
    section = BriefingSection.objects.get(briefing__country__code="IND", kind=Kind.CALENDAR)

    html = client_trainer.get(
        reverse("admin:countries_briefingsection_change", args=[section.pk])
    ).text

    opened = re.findall(r'<details class="briefing-section" data-kind="(\w+)" open>', html)
    assert opened == ["calendar"]


# --- the Trainers group ----------------------------------------------------------------------


def test_group_migration_gives_an_existing_trainers_group_the_briefing_permissions(db):
    migration = importlib.import_module("accounts.migrations.0002_trainers_keep_briefings")
    group = Group.objects.create(name=TRAINERS_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__model="country"))

    migration.forwards(apps, None)

    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_countrybriefing", "change_briefingsection", "view_country"} <= codenames
    assert not any("plan" in codename for codename in codenames)


def test_group_migration_does_nothing_without_a_trainers_group(db):
    migration = importlib.import_module("accounts.migrations.0002_trainers_keep_briefings")

    migration.forwards(apps, None)

    assert not Group.objects.exists()


def test_a_day_in_the_past_is_a_valid_review_date(client_trainer, db):
    section = BriefingSectionFactory()
    url = reverse("admin:countries_briefingsection_change", args=[section.pk])
    yesterday = datetime.date.today() - datetime.timedelta(days=1)

    client_trainer.post(
        url,
        {"text": "T.", "sources": "S", "last_reviewed": yesterday.isoformat(), "_save": "Save"},
    )

    section.refresh_from_db()
    assert section.last_reviewed == yesterday

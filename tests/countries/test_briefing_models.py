"""Country briefings: the rules on one section, reading order, and the shipped briefings."""

import csv
import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from countries.briefing_seed import BRIEFINGS, REVIEWED, SEED_REASON, seed_briefings
from countries.briefings import briefing_for
from countries.loader import HOFSTEDE_CSV, load_hofstede
from countries.models import BriefingSection, Country, CountryBriefing
from tests.factories import BriefingSectionFactory, CountryBriefingFactory, CountryFactory

Kind = BriefingSection.Kind
# The countries and regions the product is first built for (issue 16).
REQUIRED = {"CHN", "HKG", "TWN", "JPN", "KOR", "VNM", "THA", "MYS", "SGP", "IDN", "PHL", "IND"}


def _section(**fields) -> BriefingSection:
    values = {
        "kind": Kind.GIFTS,
        "text": "Bring something small from home.",
        "sources": "A trade agency's guide",
        "last_reviewed": datetime.date(2026, 11, 30),
        **fields,
    }
    return BriefingSection(briefing=CountryBriefingFactory(), **values)


# --- one section ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_section_without_text_is_refused_with_a_message():
    section = _section(text="   \n ")

    with pytest.raises(ValidationError) as error:
        section.full_clean()

    assert error.value.message_dict["text"] == [
        "Write the section's text; an empty section says nothing."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("sources", ["", "  \n\n  "])
def test_section_without_a_source_is_refused_with_a_message(sources):
    section = _section(sources=sources)

    with pytest.raises(ValidationError) as error:
        section.full_clean()

    assert "Name at least one public source, one per line." in error.value.message_dict["sources"]


@pytest.mark.django_db
def test_section_reviewed_in_the_future_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    section = _section(last_reviewed=tomorrow)

    with pytest.raises(ValidationError) as error:
        section.full_clean()

    assert error.value.message_dict["last_reviewed"] == [
        "The review date cannot be in the future; give the day the section was checked."
    ]


@pytest.mark.django_db
def test_section_refuses_a_source_longer_than_one_line_allows():
    section = _section(sources="Short source\n" + "x" * 301)

    with pytest.raises(ValidationError) as error:
        section.full_clean()

    assert "at most 300 characters" in error.value.message_dict["sources"][0]


@pytest.mark.django_db
def test_section_keeps_one_trimmed_source_per_line():
    section = _section(sources="  First agency  \n\n\n Second agency\n")

    section.full_clean()

    assert section.sources == "First agency\nSecond agency"
    assert section.source_list == ["First agency", "Second agency"]


@pytest.mark.django_db
def test_briefing_has_at_most_one_section_of_each_kind():
    first = BriefingSectionFactory(kind=Kind.MEALS)

    with pytest.raises(IntegrityError), transaction.atomic():
        BriefingSection.objects.create(
            briefing=first.briefing,
            kind=Kind.MEALS,
            text="Again",
            sources="Somewhere",
            last_reviewed=datetime.date(2026, 1, 1),
        )


@pytest.mark.django_db
def test_database_refuses_a_section_without_text_or_sources():
    briefing = CountryBriefingFactory()
    for missing in ({"text": ""}, {"sources": ""}):
        fields = {"text": "T", "sources": "S", **missing}
        with pytest.raises(IntegrityError), transaction.atomic():
            BriefingSection.objects.create(
                briefing=briefing, kind=Kind.GIFTS, last_reviewed=REVIEWED, **fields
            )


@pytest.mark.django_db
def test_briefing_for_returns_sections_in_the_issues_order_in_two_queries(
    django_assert_num_queries,
):
    briefing = CountryBriefingFactory()
    for kind in reversed(Kind.values):
        BriefingSectionFactory(briefing=briefing, kind=kind)

    with django_assert_num_queries(2):
        panel = briefing_for(briefing.country)
        kinds = [section.kind for section in panel.sections]
        country_name = panel.briefing.country.name

    assert kinds == Kind.values
    assert kinds[0] == "greeting"
    assert kinds[-1] == "language"
    assert country_name == briefing.country.name
    assert panel.missing_kinds == []


@pytest.mark.django_db
def test_briefing_for_a_country_without_one_is_empty_after_one_query(django_assert_num_queries):
    country = CountryFactory()

    with django_assert_num_queries(1):
        panel = briefing_for(country)

    assert panel.briefing is None
    assert panel.sections == ()
    assert panel.edit_url is None


def test_section_and_briefing_name_their_country():
    country = Country(code="VNM", name="Vietnam")
    briefing = CountryBriefing(country=country)
    section = BriefingSection(briefing=briefing, kind=Kind.CALENDAR)

    assert str(briefing) == "Briefing on Vietnam"
    assert str(section) == "Vietnam: Time and the calendar"
    assert briefing.get_absolute_url() == "/countries/VNM/#briefing"
    assert section.get_absolute_url() == "/countries/VNM/#briefing"


# --- the shipped briefings ------------------------------------------------------------------


def _sentences(text: str) -> int:
    return len(re.findall(r"[.!?]['’]?(?=\s+[A-Z]|$)", text))


def test_seed_covers_every_country_the_product_is_first_built_for():
    assert set(BRIEFINGS) >= REQUIRED


def test_seed_codes_are_rows_of_the_bundled_dataset():
    with HOFSTEDE_CSV.open(encoding="utf-8") as handle:
        codes = {row["iso3"] for row in csv.DictReader(handle)}

    assert set(BRIEFINGS) <= codes


@pytest.mark.parametrize("code", sorted(BRIEFINGS))
def test_every_seeded_briefing_has_all_sections_with_sources(code):
    briefing = BRIEFINGS[code]

    assert briefing["summary"].strip()
    assert list(briefing["sections"]) == Kind.values  # all eight, in reading order
    for kind, (text, sources) in briefing["sections"].items():
        assert 2 <= _sentences(text) <= 5, f"{code} {kind}: {_sentences(text)} sentences"
        assert sources, f"{code} {kind} names no source"
        assert all(source.strip() and "\n" not in source for source in sources)
        assert all(len(source) <= BriefingSection.SOURCE_MAX_LENGTH for source in sources)


def test_seeded_texts_are_all_different():
    texts = [text for b in BRIEFINGS.values() for text, _ in b["sections"].values()]

    assert len(set(texts)) == len(texts)


@pytest.mark.django_db
def test_loading_the_dataset_writes_every_seeded_briefing_passing_the_section_rules():
    result = load_hofstede()

    assert result.briefings_created == len(BRIEFINGS)
    assert "briefings: 12 added" in result.summary()
    briefings = CountryBriefing.objects.select_related("country").prefetch_related("sections")
    assert {b.country.code for b in briefings} == set(BRIEFINGS)
    for briefing in briefings:
        sections = list(briefing.sections.all())
        assert {s.kind for s in sections} == set(Kind.values), briefing.country.code
        for section in sections:
            section.full_clean()  # text, at least one source, a review date not in the future
            assert section.last_reviewed == REVIEWED
            assert section.source_list


@pytest.mark.django_db
def test_seeded_briefings_start_their_history_so_trainers_can_revert_to_them():
    load_hofstede()

    vietnam = CountryBriefing.objects.get(country__code="VNM")
    assert vietnam.history.get().history_change_reason == SEED_REASON
    for section in vietnam.sections.all():
        first = section.history.get()
        assert (first.history_type, first.text) == ("+", section.text)


@pytest.mark.django_db
def test_loading_again_keeps_a_trainers_edit_and_a_deleted_briefing_deleted():
    load_hofstede()
    section = BriefingSection.objects.get(briefing__country__code="JPN", kind=Kind.GIFTS)
    section.text = "A trainer's own wording."
    section.save()
    CountryBriefing.objects.get(country__code="THA").delete()

    result = load_hofstede()

    assert result.briefings_created == 0
    section.refresh_from_db()
    assert section.text == "A trainer's own wording."
    assert not CountryBriefing.objects.filter(country__code="THA").exists()


@pytest.mark.django_db
def test_seed_writes_nothing_when_the_countries_do_not_exist_yet(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert seed_briefings(apps) == 0

    assert not CountryBriefing.objects.exists()


@pytest.mark.django_db
def test_seed_migration_writes_briefings_for_existing_countries_without_one():
    migration = importlib.import_module("countries.migrations.0007_seed_briefings")
    china = CountryFactory(code="CHN", name="China")
    japan = CountryFactory(code="JPN", name="Japan")
    own = BriefingSectionFactory(briefing__country=japan, text="Written by a trainer.")
    CountryFactory(code="DEU", name="Germany")  # no seeded briefing

    migration.forwards(apps, None)

    assert set(CountryBriefing.objects.values_list("country__code", flat=True)) == {"CHN", "JPN"}
    assert china.briefing.sections.count() == len(Kind.values)
    assert list(japan.briefing.sections.all()) == [own]

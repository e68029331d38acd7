"""Helpers for the trainers' workbench tests: uploading an edition, posting admin forms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from countries.dimensions import DIMENSION_CODES
from countries.models import Country, CountryScore, ScoreEdition

IMPORT_URL = reverse("admin:countries_countryscore_import")
PROCESS_URL = reverse("admin:countries_countryscore_process_import")
HEADER = "iso3,name,pdi,idv,mas,uai,lto,ivr\n"


def csv_file(text: str, name: str = "edition.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def upload(client, edition: ScoreEdition, text: str):
    """Post the first import step (the preview) and return the response."""
    return client.post(
        IMPORT_URL,
        {"edition": edition.pk, "resource": "0", "format": "0", "import_file": csv_file(text)},
    )


def confirm(client, response):
    """Post the confirm step with the data the preview page carries."""
    form = response.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(PROCESS_URL, data)


@pytest.fixture
def new_edition(db) -> ScoreEdition:
    return ScoreEdition.objects.create(
        name="Culture scores 2026", published_on="2026-05-30", source="A newer survey"
    )


def score_data(score: CountryScore, **changes) -> dict:
    """What the admin's change form for one score row posts, plus `changes`."""
    data = {"country": score.country_id, "edition": score.edition_id, "_save": "Save"}
    for code in DIMENSION_CODES:
        value = getattr(score, code)
        data[code] = "" if value is None else value
    data.update(changes)
    return data


def _management(prefix: str, count: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(count),
        f"{prefix}-INITIAL_FORMS": str(count),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _inline_rows(prefix: str, scores: list[CountryScore]) -> dict[str, str]:
    data = _management(prefix, len(scores))
    for index, score in enumerate(scores):
        data[f"{prefix}-{index}-id"] = str(score.pk)
        data[f"{prefix}-{index}-country"] = str(score.country_id)
        data[f"{prefix}-{index}-edition"] = str(score.edition_id)
        for code in DIMENSION_CODES:
            value = getattr(score, code)
            data[f"{prefix}-{index}-{code}"] = "" if value is None else str(value)
    return data


def country_data(country: Country, **changes) -> dict[str, str]:
    """What the Country change page posts today: editable rows under `scores`, rows of
    editions that plans use under `used_scores` (shown read-only), plus `changes`."""
    data = {
        "code": country.code,
        "name": country.name,
        "dataset_label": country.dataset_label,
        "kind": country.kind,
        "_save": "Save",
    }
    data.update(_inline_rows("scores", list(country.scores.editable().order_by("pk"))))
    read_only = list(country.scores.read_only().order_by("pk"))
    if read_only:
        data.update(_inline_rows("used_scores", read_only))
    data.update(changes)
    return data


def country_data_with_every_row_editable(country: Country, **changes) -> dict[str, str]:
    """What the page posted before editions that plans use were read-only: every score
    row under `scores`. A stale page or a forged request can still send this."""
    data = {
        "code": country.code,
        "name": country.name,
        "dataset_label": country.dataset_label,
        "kind": country.kind,
        "_save": "Save",
    }
    data.update(_inline_rows("scores", list(country.scores.order_by("pk"))))
    data.update(changes)
    return data

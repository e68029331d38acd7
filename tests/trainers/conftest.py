"""Helpers for the trainers' workbench tests: uploading an edition through the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from countries.models import ScoreEdition

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

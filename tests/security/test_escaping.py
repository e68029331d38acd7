"""Script and HTML in every text field come out escaped on every page, and literally in the PDF.

The text fields are found from the models (every CharField and TextField without choices
on a counterparty, its adjustments and people, a plan and every stage 2/3 row), so a new
field is covered without editing this file. Each field gets its own tag in front of the
payload, so the test also proves each field is shown somewhere.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.db import models
from django.urls import reverse

from counterparties.models import Counterparty, CultureAdjustment, Person
from plans.models import Plan
from plans.printing import SECTIONS
from teams.services import team_create
from teams.tokens import invitation_token
from tests.factories import InvitationFactory, MembershipFactory, UserFactory
from tests.plans.fullplan import full_plan
from tests.security.conftest import signed_in, stage_models

PAYLOAD = '<script>alert("x")</script><b>bold</b>"><img src=x onerror=alert(1)>'
RAW = ("<script>alert", "<b>bold</b>", "<img src=x onerror")
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"
PDFTOTEXT = shutil.which("pdftotext")
ALL_SECTIONS = {"layout": "full", "paper": "a4", "sections": [s.key for s in SECTIONS]}


def _tag(model, field: models.Field) -> str:
    return f"[{model.__name__}.{field.name}]"


def _text_fields(model) -> list[models.Field]:
    """Free text a user types: not choices, web addresses or short codes (the currency)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.URLField)
        and not field.choices
        and field.editable
        and (field.max_length or 10_000) >= len(_tag(model, field) + PAYLOAD)
    ]


def test_only_short_codes_are_left_out_of_the_text_fields():
    for model in [Counterparty, Person, CultureAdjustment, Plan, *stage_models()]:
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and field.max_length < len(PAYLOAD) + 30:
                assert field.choices or field.max_length <= 3, f"{model.__name__}.{field.name}"


def _fill(queryset) -> dict[str, str]:
    """Every text field of every row: a tag naming the field, then the payload."""
    tags = {}
    model = queryset.model
    for field in _text_fields(model):
        tag = _tag(model, field)
        queryset.update(**{field.name: tag + PAYLOAD})
        tags[tag] = f"{model._meta.label}.{field.name}"
    return tags


@pytest.fixture
def hostile_plan(hofstede, user):
    plan = full_plan(user, one_each=True)
    tags = {}
    tags |= _fill(Counterparty.objects.filter(pk=plan.counterparty_id))
    tags |= _fill(CultureAdjustment.objects.filter(counterparty=plan.counterparty_id))
    tags |= _fill(Person.objects.filter(counterparty=plan.counterparty_id))
    tags |= _fill(Plan.objects.filter(pk=plan.pk))
    for model in stage_models():
        tags |= _fill(model.objects.filter(plan=plan))
    return plan, tags


def _pages(plan: Plan) -> list[tuple[str, dict]]:
    counterparty, person = plan.counterparty, plan.counterparty.people.get()
    return [
        (reverse("plans:dashboard"), {}),
        (reverse("plans:list"), {}),
        (reverse("counterparties:list"), {}),
        (reverse("counterparties:detail", args=[counterparty.pk]), {}),
        (reverse("counterparties:update", args=[counterparty.pk]), {}),
        (reverse("counterparties:culture", args=[counterparty.pk]), {}),
        (reverse("counterparties:delete", args=[counterparty.pk]), {}),
        (reverse("counterparties:person_update", args=[counterparty.pk, person.pk]), {}),
        (reverse("counterparties:person_delete", args=[counterparty.pk, person.pk]), {}),
        (reverse("plans:detail", args=[plan.pk]), {}),
        (reverse("plans:update", args=[plan.pk]), {}),
        (reverse("plans:delete", args=[plan.pk]), {}),
        (reverse("plans:gap", args=[plan.pk]), {}),
        (reverse("plans:goals", args=[plan.pk]), {}),
        (reverse("plans:relationship", args=[plan.pk]), {}),
        (reverse("plans:create"), {"counterparty": counterparty.pk}),
        (reverse("plans:print", args=[plan.pk]), ALL_SECTIONS),
        (reverse("plans:print", args=[plan.pk]), {**ALL_SECTIONS, "layout": "brief"}),
    ]


def test_every_page_shows_the_payload_escaped(hostile_plan, user):
    plan, tags = hostile_plan
    client = signed_in(user)
    shown = set()

    for url, query in _pages(plan):
        response = client.get(url, query)

        assert response.status_code == 200, url
        for raw in RAW:
            assert raw not in response.text, f"{raw!r} unescaped on {url} {query}"
        assert ESCAPED in response.text, f"no escaped payload on {url} {query}"
        shown |= {tag for tag in tags if tag in response.text}

    # Every field's payload was on at least one page, so every field was checked.
    assert sorted(tags[tag] for tag in set(tags) - shown) == []


def test_the_fields_filled_include_every_stage_model(hostile_plan):
    _plan, tags = hostile_plan
    filled = {label.rsplit(".", 1)[0] for label in tags.values()}

    for model in [Counterparty, Person, CultureAdjustment, Plan, *stage_models()]:
        if _text_fields(model):
            assert model._meta.label in filled


def test_export_keeps_the_payload_as_json_text(hostile_plan, user):
    plan, _tags = hostile_plan

    response = signed_in(user).get(reverse("plans:export", args=[plan.pk]))

    assert response["Content-Type"].startswith("application/json")
    assert '<script>alert(\\"x\\")</script>' in response.content.decode()


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils (pdftotext) is not installed")
@pytest.mark.parametrize("layout", ["full", "brief"])
def test_pdf_shows_the_payload_as_literal_text(hostile_plan, user, layout):
    plan, _tags = hostile_plan

    response = signed_in(user).get(
        reverse("plans:pdf", args=[plan.pk]), {**ALL_SECTIONS, "layout": layout}
    )

    assert response.status_code == 200
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.pdf"
        path.write_bytes(response.content)
        result = subprocess.run(  # noqa: S603 (our own file, a fixed program)
            [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        )
    text = "".join(result.stdout.split())
    # Whitespace is dropped: pdftotext breaks long lines wherever the layout wrapped them.
    assert "".join(PAYLOAD.split()) in text
    assert "&lt;" not in text
    if layout == "full":
        assert "[Plan.title]" in text
        assert "[Counterparty.name]" in text


# --- Teams: names, usernames and addresses typed by people --------------------------------


def test_team_pages_show_names_and_addresses_escaped(db, user):
    user.first_name = PAYLOAD
    user.save()
    team = team_create(user=user, name=PAYLOAD)
    member = MembershipFactory(team=team, user=UserFactory(username=PAYLOAD, email="m@example.com"))
    invitation = InvitationFactory(team=team, invited_by=user, email=PAYLOAD)
    client = signed_in(user)
    pages = [
        (client, reverse("teams:list")),
        (client, reverse("teams:detail", args=[team.pk])),
        (client, reverse("teams:member_remove", args=[team.pk, member.pk])),
        (client, reverse("teams:leave", args=[team.pk])),
        (client, reverse("teams:invitation", args=[invitation_token(invitation.pk)])),
        (signed_in(None), reverse("teams:invitation", args=[invitation_token(invitation.pk)])),
    ]

    for visitor, url in pages:
        response = visitor.get(url)

        assert response.status_code in (200, 403), url
        for raw in RAW:
            assert raw not in response.text, f"{raw!r} unescaped on {url}"
        assert ESCAPED in response.text, f"no escaped payload on {url}"

    renamed = client.post(reverse("teams:rename", args=[team.pk]), {"name": PAYLOAD}, follow=True)
    assert ESCAPED in renamed.text
    assert not any(raw in renamed.text for raw in RAW)

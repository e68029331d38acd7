"""JSON export and import: the format, the round trip, bad files, and other people's data."""

import copy
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from counterparties.models import Counterparty, Person
from plans.exchange import (
    ALL_PARTS,
    FORMAT,
    MAX_IMPORT_BYTES,
    VERSION,
    ImportFailed,
    plan_import,
)
from plans.models import KeepItem, Occasion, Plan, PlanQuestion
from tests.plans.fullplan import full_plan

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def plan(user, hofstede):
    return full_plan(user)


def _export(client, plan) -> dict:
    response = client.get(reverse("plans:export", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def _raw(data) -> bytes:
    return json.dumps(data).encode()


def _without_volatile(data: dict) -> dict:
    data = copy.deepcopy(data)
    data.pop("exported_at")
    return data


def _counts() -> tuple[int, int, int, int]:
    return (
        Plan.objects.count(),
        Counterparty.objects.count(),
        Person.objects.count(),
        KeepItem.objects.count(),
    )


# Export ------------------------------------------------------------------------------


def test_export_is_versioned_and_named_after_counterparty_and_title(client_user, plan):
    response = client_user.get(reverse("plans:export", args=[plan.pk]))
    data = json.loads(response.content)
    assert data["format"] == FORMAT
    assert data["version"] == VERSION
    assert response["Content-Disposition"].startswith(
        'attachment; filename="Cong-ty-Det-May-Sai-Gon_Cotton-supply-2027'
    )


def test_export_holds_every_stage_the_counterparty_and_its_people(client_user, plan):
    data = _export(client_user, plan)
    stage = data["plan"]
    assert stage["title"] == "Cotton supply 2027 – 綿の供給"
    assert stage["our_country"] == "USA"
    assert stage["total_deal_value"] == "1000000.00"
    assert stage["goals"]["holds_our_assets"] == "yes"
    assert stage["goals"]["our_walk_away"] == "4.60"
    assert len(stage["roadmap_steps"]) == 10
    assert len(stage["say_early_items"]) == 4
    assert len(stage["learn_items"]) + len(stage["tell_items"]) + len(stage["keep_items"]) == 30
    assert len(stage["questions"]) == 20
    assert len(stage["occasions"]) == 10
    assert stage["occasions"][0]["their_attendees"]
    assert stage["decision_maker"]["confidence"] == "medium"
    assert data["counterparty"]["country"] == "VNM"
    assert len(data["counterparty"]["people"]) == 10
    assert data["counterparty"]["culture_adjustments"] == [
        {"dimension": "idv", "score": 30, "reason": "Founder studied abroad"}
    ]


def test_export_holds_the_computed_results(client_user, plan):
    computed = _export(client_user, plan)["computed"]
    assert [g["dimension"] for g in computed["gaps"]] == ["pdi", "idv", "mas", "uai", "lto", "ivr"]
    assert computed["kogut_singh"]["index"] == pytest.approx(2.41, abs=0.01)
    assert computed["kogut_singh"]["dimensions_used"] == 6
    assert computed["stance"]["key"] == "relationship"
    assert computed["stance"]["relationship_required"] is True
    assert computed["roadmap"]["steps_total"] == "1000000.00"


def test_export_decision_maker_points_at_one_of_the_people(client_user, plan):
    data = _export(client_user, plan)
    refs = {p["ref"]: p["name"] for p in data["counterparty"]["people"]}
    assert refs[data["plan"]["decision_maker"]["person"]] == "王建国"


@pytest.mark.parametrize("part", ALL_PARTS, ids=lambda p: p.key)
def test_export_format_covers_every_field_of_every_model(part):
    concrete = {
        f.name
        for f in part.model._meta.get_fields()
        if (f.concrete or isinstance(f, models.ManyToManyField)) and not f.auto_created
    } | {"id"}
    assert set(part.fields) | set(part.skipped) == concrete


# Round trip ----------------------------------------------------------------------------


def test_round_trip_gives_the_same_content_apart_from_ids_and_timestamps(client_user, user, plan):
    first = _export(client_user, plan)
    imported = plan_import(owner=user, raw=_raw(first))
    second = _export(client_user, imported)
    assert imported.pk != plan.pk
    assert _without_volatile(second) == _without_volatile(first)


def test_round_trip_keeps_hostile_text_as_text(client_user, user, hofstede):
    plan = full_plan(user, text=HOSTILE)
    first = _export(client_user, plan)
    imported = plan_import(owner=user, raw=_raw(first))
    assert imported.title.endswith(HOSTILE)
    assert _without_volatile(_export(client_user, imported)) == _without_volatile(first)


def test_import_creates_new_objects_for_the_importer_only(client, user, other_user, plan):
    client.force_login(user)
    raw = _raw(_export(client, plan))
    before_people = set(Person.objects.values_list("pk", flat=True))
    imported = plan_import(owner=other_user, raw=raw)
    assert imported.owner == other_user
    assert imported.counterparty.owner == other_user
    assert imported.counterparty_id != plan.counterparty_id
    new_people = Person.objects.exclude(pk__in=before_people)
    assert new_people.count() == 10
    assert set(new_people.values_list("counterparty__owner", flat=True)) == {other_user.pk}
    attendees = Person.objects.filter(occasions__plan=imported).distinct()
    assert set(attendees.values_list("counterparty_id", flat=True)) == {imported.counterparty_id}
    assert imported.decision_belief.person.counterparty == imported.counterparty
    plan.refresh_from_db()
    assert plan.owner == user
    assert Plan.objects.filter(owner=user).count() == 1


def test_import_links_library_questions_by_their_text(client_user, user, plan):
    imported = plan_import(owner=user, raw=_raw(_export(client_user, plan)))
    first = PlanQuestion.objects.filter(plan=imported).order_by("position").first()
    original = PlanQuestion.objects.filter(plan=plan).order_by("position").first()
    assert first.source_id == original.source_id


# Bad files ---------------------------------------------------------------------------


def _mutate(data: dict, path: str, value) -> dict:
    data = copy.deepcopy(data)
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


BAD_VALUES = [
    ("plan.title", "x" * 201, "at most 200"),
    ("plan.title", "", "give the plan a title"),
    ("plan.title", " \t\n ", "give the plan a title"),
    ("plan.title", 12, "must be text"),
    ("plan.title", None, "must not be empty"),
    ("plan.title", "a\x00b", "null characters"),
    ("plan.status", "sold", "not a valid choice"),
    ("plan.currency", "XAU", "not a currency in use today"),
    ("plan.total_deal_value", "-5", "greater than or equal to 0"),
    ("plan.total_deal_value", "NaN", "not an amount"),
    ("plan.first_order_value", "Infinity", "not an amount"),
    ("plan.goals.our_walk_away", "sNaN", "not an amount"),
    ("plan.goals.their_target_estimate", "-infinity", "not an amount"),
    ("plan.roadmap_steps.0.value", "snan", "not an amount"),
    ("plan.total_deal_value", True, "amount"),
    ("plan.first_order_value", "2000000.00", "test order cannot be larger"),
    ("plan.first_meeting_on", "2027-02-30", "invalid date"),
    ("plan.use_personal_scores", "yes", "true or false"),
    ("plan.our_country", "ZZZ", "no country with the code"),
    ("plan.edition", "Made-up edition", "no score edition called"),
    ("plan.goals.repeats", "maybe", "not a valid choice"),
    ("plan.goals.our_target", "1e400", "digits"),
    ("plan.roadmap_steps.0.position", -1, "greater than or equal to 0"),
    ("plan.roadmap_steps.0.position", 1.5, "whole number"),
    ("plan.learn_items.0.status", "learned", "what you learned"),
    ("plan.say_early_items.1.topic", "test_order", "appears more than once"),
    ("plan.occasions.0.their_attendees", ["person-99"], "“ref” of one of the counterparty"),
    ("plan.decision_maker.person", "nobody", "“ref” of one of the counterparty"),
    ("plan.decision_maker.confidence", "total", "not a valid choice"),
    ("plan.questions.0.library_question", 5, "text of at most"),
    ("counterparty.country", None, "country's code"),
    ("counterparty.culture_adjustments.0.score", 101, "less than or equal to 100"),
    ("counterparty.people.1.ref", "person-1", "used by two people"),
    ("counterparty.people.0.ref", "<b>", "letters, digits"),
    ("counterparty.people.0.role", "boss", "not a valid choice"),
    ("counterparty.website", "javascript:alert(1)", "valid URL"),
    ("plan.keep_items", {"topic": "x"}, "must be a list"),
    ("plan.tell_items.0", "a string", "must be an object"),
    ("plan.unexpected", 1, "unknown key"),
    ("computed", [], "must be an object"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD_VALUES)
def test_import_rejects_a_bad_value_and_changes_nothing(
    client_user, user, plan, path, value, message
):
    data = _mutate(_export(client_user, plan), path, value)
    before = _counts()
    with pytest.raises(ImportFailed) as failure:
        plan_import(owner=user, raw=_raw(data))
    assert message.lower() in " ".join(failure.value.errors).lower()
    assert _counts() == before


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"not json at all", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[1, 2]", "one JSON object"),
        (b'{"format": "something-else", "version": 1}', "not a Negotiation Prep plan file"),
        (b'{"format": "negotiation-prep.plan", "version": 2}', "version 2"),
        (b'{"format": "negotiation-prep.plan", "version": true}', "version True"),
        (b'{"format": "negotiation-prep.plan", "format": "x"}', "appears twice"),
        (b'{"format": "negotiation-prep.plan", "version": NaN}', "NaN"),
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
        (
            b'{"format": "negotiation-prep.plan", "version": 1, "a": '
            + b"[" * 20
            + b"]" * 20
            + b"}",
            "nested more deeply",
        ),
        (
            b'{"format": "negotiation-prep.plan", "version": 1, "x": ' + b"9" * 5000 + b"}",
            "not valid JSON",
        ),
        (b'{"format": "negotiation-prep.plan", "version": 1}', "plan: must be an object"),
    ],
)
def test_import_rejects_a_malformed_or_hostile_file(user, hofstede, raw, message):
    before = _counts()
    with pytest.raises(ImportFailed) as failure:
        plan_import(owner=user, raw=raw)
    assert message.lower() in " ".join(failure.value.errors).lower()
    assert _counts() == before


def test_import_rejects_an_oversized_file(user, hofstede):
    with pytest.raises(ImportFailed, match="limit is 1,000,000 bytes"):
        plan_import(owner=user, raw=b" " * (MAX_IMPORT_BYTES + 1))


def test_import_rejects_too_many_items(client_user, user, plan):
    data = _export(client_user, plan)
    data["plan"]["keep_items"] = [{"topic": f"t{i}"} for i in range(201)]
    with pytest.raises(ImportFailed, match="at most 200 are allowed"):
        plan_import(owner=user, raw=_raw(data))


def test_import_fills_defaults_for_optional_keys_left_out(client_user, user, plan):
    data = _export(client_user, plan)
    data["plan"]["tell_items"] = [{"topic": "Only a topic"}]
    imported = plan_import(owner=user, raw=_raw(data))
    item = imported.tell_items.get()
    assert item.message == ""
    assert item.to_whom == ""


def test_import_rolls_back_when_a_write_fails(client_user, user, plan, monkeypatch):
    data = _export(client_user, plan)
    before = _counts()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Occasion, "save", explode)
    with pytest.raises(RuntimeError):
        plan_import(owner=user, raw=_raw(data))
    assert _counts() == before


# Views -------------------------------------------------------------------------------


def test_import_page_redirects_to_login_when_anonymous(client, db):
    response = client.get(reverse("plans:import"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_import_page_shows_the_upload_form(client_user):
    response = client_user.get(reverse("plans:import"))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_import_page_refuses_other_methods(client_user):
    assert client_user.put(reverse("plans:import")).status_code == 405


def test_import_page_creates_the_plan_after_the_preview_and_redirects_to_it(
    client_user, user, plan
):
    raw = _raw(_export(client_user, plan))
    upload = SimpleUploadedFile("plan.json", raw, content_type="application/json")
    preview = client_user.post(reverse("plans:import"), {"file": upload}, follow=True)
    assert preview.redirect_chain[-1][0].startswith(reverse("plans:import"))
    assert not Plan.objects.filter(owner=user).exclude(pk=plan.pk).exists()
    response = client_user.post(preview.redirect_chain[-1][0], {"counterparty": "new"}, follow=True)
    imported = Plan.objects.filter(owner=user).exclude(pk=plan.pk).get()
    assert response.redirect_chain[-1][0] == imported.get_absolute_url()
    assert "imported" in response.content.decode()


def test_import_page_shows_what_is_wrong_and_saves_nothing(client_user, user, plan):
    data = _mutate(_export(client_user, plan), "plan.status", "sold")
    upload = SimpleUploadedFile("plan.json", _raw(data), content_type="application/json")
    before = _counts()
    response = client_user.post(reverse("plans:import"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file was not imported" in page
    assert "plan.status" in page
    assert _counts() == before


def test_import_page_requires_a_file(client_user, user, plan):
    before = _counts()
    response = client_user.post(reverse("plans:import"), {})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert _counts() == before


def test_import_page_rejects_an_oversized_upload(client_user, user, plan):
    upload = SimpleUploadedFile("big.json", b" " * (MAX_IMPORT_BYTES + 1))
    response = client_user.post(reverse("plans:import"), {"file": upload})
    assert "the limit is 1,000,000 bytes" in response.context["form"].errors["file"][0]


def test_import_page_escapes_hostile_error_details(client_user, user, plan):
    data = _export(client_user, plan)
    data["plan"]["<script>x</script>"] = 1
    upload = SimpleUploadedFile("plan.json", _raw(data))
    page = client_user.post(reverse("plans:import"), {"file": upload}).content.decode()
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


def test_export_query_count_is_constant_with_plan_size(
    client_user, user, hofstede, django_assert_num_queries
):
    small = full_plan(user, one_each=True)
    big = full_plan(user)
    client_user.get(reverse("plans:print", args=[small.pk]))
    for each in (small, big):
        with django_assert_num_queries(EXPORT_QUERIES):
            client_user.get(reverse("plans:export", args=[each.pk]))


# session, user, plan with 11 prefetches, profile, variances, 2 country scores
EXPORT_QUERIES = 17


def test_import_accepts_the_example_in_the_format_documentation(user, hofstede):
    doc = (Path(__file__).resolve().parents[2] / "docs" / "export-format.md").read_text()
    example = doc.split("```json\n")[1].split("```")[0]
    imported = plan_import(owner=user, raw=example.encode())
    assert imported.title == "Cotton supply 2027"
    assert imported.decision_belief.person.name == "Trần Đức Thắng"
    assert imported.occasions.get().their_attendees.get().name == "Trần Đức Thắng"

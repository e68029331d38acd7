"""One set of rules: whatever a form of the app refuses, the plan import refuses too.

Each case is one value (or pair of values) that a form refuses, placed once in the form's
data and once in an exported plan file. The form must be invalid on the field the user
sees, the import must raise ImportFailed naming the place in the file, and nothing may be
written. Where the model is in the admin, the admin's form must refuse it as well.
"""

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from counterparties.forms import (
    CounterpartyForm,
    CultureAdjustmentsForm,
    PersonForm,
    reason_field_name,
    score_field_name,
)
from counterparties.models import Counterparty, CultureAdjustment, Person
from plans.exchange import ImportFailed, plan_import
from plans.forms import PlanForm
from plans.forms_goals import RoadmapStepForm, SayEarlyForm
from plans.forms_relationship import LearnItemForm, PlanQuestionForm
from plans.models import (
    LearnItem,
    Plan,
    PlanQuestion,
    RoadmapStep,
    SayEarlyItem,
)
from tests.plans.fullplan import full_plan
from tests.security.conftest import owned_rows

WEBSITE_MESSAGE = "Enter a web address starting with http:// or https://."
MEETING_MESSAGE = "Choose a date within 10 years of today; check the year."


def _plan_data(plan: Plan, **changes) -> dict:
    data = {
        "title": plan.title,
        "counterparty": plan.counterparty_id,
        "our_country": plan.our_country_id,
        "use_personal_scores": "on",
        "deal_summary": "",
        "currency": "USD",
        "total_deal_value": "",
        "first_order_value": "",
        "first_meeting_on": "2027-03-01",
        "status": "draft",
    }
    return {**data, **changes}


def _counterparty_data(plan: Plan, **changes) -> dict:
    data = {"name": "Mekong Textiles", "country": plan.counterparty.country_id, "website": ""}
    return {**data, **changes}


def _say_early(plan: Plan, text: str, said: bool) -> forms.BaseForm:
    prefix = "say-test_order"
    data = {f"{prefix}-what_we_will_say": text}
    if said:
        data[f"{prefix}-said"] = "on"
    instance = SayEarlyItem(plan=plan, topic=SayEarlyItem.Topic.TEST_ORDER)
    return SayEarlyForm(data, instance=instance, prefix=prefix)


def _culture(plan: Plan, score: str, reason: str) -> forms.BaseForm:
    data = {score_field_name("pdi"): score, reason_field_name("pdi"): reason}
    return CultureAdjustmentsForm(data, national={}, current={})


@dataclass(frozen=True)
class Case:
    id: str
    form: Callable[[Plan], forms.BaseForm]  # bound with the refused values
    field: str  # the form field that shows the error
    changes: dict[str, Any]  # dotted path in the exported file -> the same values
    where: str  # the place the import's message names
    # The words both must show; None where a form words a required field its own way.
    message: str | None
    # The admin's form data for the same values, when the model is in the admin.
    admin: tuple[type, Callable[[Plan], dict]] | None = None


CASES = [
    Case(
        "say-early ticked said with no text",
        lambda plan: _say_early(plan, "   ", said=True),
        "what_we_will_say",
        {
            "plan.say_early_items": [
                {"topic": "test_order", "what_we_will_say": "   ", "said": True}
            ]
        },
        "plan.say_early_items[0].what_we_will_say",
        "Write down what was said before ticking it as said.",
    ),
    Case(
        "answered question not ticked asked",
        lambda plan: PlanQuestionForm(
            {"text": "Where is the industry going?", "position": "1", "answer": "Consolidating"},
            instance=PlanQuestion(plan=plan),
        ),
        "asked",
        {
            "plan.questions": [
                {
                    "text": "Where is the industry going?",
                    "position": 1,
                    "asked": False,
                    "answer": "Consolidating",
                }
            ]
        },
        "plan.questions[0].asked",
        "Tick “asked” when you record an answer.",
    ),
    Case(
        "plan title of spaces",
        lambda plan: PlanForm(_plan_data(plan, title="   "), user=plan.owner),
        "title",
        {"plan.title": "   "},
        "plan.title",
        "Give the plan a title, for example the deal's name.",
    ),
    Case(
        "first meeting in 1900",
        lambda plan: PlanForm(_plan_data(plan, first_meeting_on="1900-01-01"), user=plan.owner),
        "first_meeting_on",
        {"plan.first_meeting_on": "1900-01-01"},
        "plan.first_meeting_on",
        MEETING_MESSAGE,
    ),
    Case(
        "first meeting in 9999",
        lambda plan: PlanForm(_plan_data(plan, first_meeting_on="9999-12-31"), user=plan.owner),
        "first_meeting_on",
        {"plan.first_meeting_on": "9999-12-31"},
        "plan.first_meeting_on",
        MEETING_MESSAGE,
    ),
    Case(
        "ftp website",
        lambda plan: CounterpartyForm(
            _counterparty_data(plan, website="ftp://mekong.example/catalogue"), owner=plan.owner
        ),
        "website",
        {"counterparty.website": "ftp://mekong.example/catalogue"},
        "counterparty.website",
        WEBSITE_MESSAGE,
        admin=(
            Counterparty,
            lambda plan: _counterparty_data(plan, website="ftp://mekong.example/catalogue"),
        ),
    ),
    Case(
        "learn item learned with no text",
        lambda plan: LearnItemForm(
            {"topic": "Who signs", "status": "learned", "learned": "  "},
            instance=LearnItem(plan=plan),
        ),
        "learned",
        {"plan.learn_items": [{"topic": "Who signs", "status": "learned", "learned": "  "}]},
        "plan.learn_items[0].learned",
        "Write down what you learned, or set the status back to in progress.",
    ),
    # Required text of spaces: forms strip it to nothing, and so does the import.
    Case(
        "counterparty name of spaces",
        lambda plan: CounterpartyForm(_counterparty_data(plan, name="  "), owner=plan.owner),
        "name",
        {"counterparty.name": "  "},
        "counterparty.name",
        None,
        admin=(Counterparty, lambda plan: _counterparty_data(plan, name="  ")),
    ),
    Case(
        "person name of spaces",
        lambda plan: PersonForm(
            {"name": " \t ", "role": "other", "seniority": "unknown", "inner_circle": "unknown"},
            counterparty=plan.counterparty,
        ),
        "name",
        {"counterparty.people.0.name": " \t "},
        "counterparty.people[0].name",
        None,
    ),
    Case(
        "roadmap step title of spaces",
        lambda plan: RoadmapStepForm(
            {"position": "1", "title": "   ", "value": "100.00"}, instance=RoadmapStep(plan=plan)
        ),
        "title",
        {"plan.roadmap_steps.0.title": "   "},
        "plan.roadmap_steps[0].title",
        None,
    ),
    Case(
        "culture adjustment with a reason of spaces",
        lambda plan: _culture(plan, "40", "   "),
        reason_field_name("pdi"),
        {"counterparty.culture_adjustments.0.reason": "   "},
        "counterparty.culture_adjustments[0].reason",
        None,
    ),
]


@pytest.fixture
def plan(user, hofstede):
    return full_plan(user, one_each=True)


@pytest.fixture
def exported(client_user, plan) -> dict:
    response = client_user.get(reverse("plans:export", args=[plan.pk]))
    return json.loads(response.content)


def _place(data: dict, changes: dict[str, Any]) -> dict:
    data = copy.deepcopy(data)
    for path, value in changes.items():
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return data


def _everything() -> dict:
    """Every row any negotiator owns: the refused import must add or change none."""
    return {user.username: owned_rows(user) for user in User.objects.order_by("pk")}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_what_a_form_refuses_the_import_refuses(user, plan, exported, case):
    form = case.form(plan)

    assert not form.is_valid()
    assert case.field in form.errors, form.errors
    if case.message:
        assert case.message in form.errors[case.field]

    before = _everything()
    with pytest.raises(ImportFailed) as failure:
        plan_import(owner=user, raw=json.dumps(_place(exported, case.changes)).encode())

    errors = failure.value.errors
    assert any(error.startswith(f"{case.where}: ") for error in errors), errors
    if case.message:
        assert f"{case.where}: {case.message}" in errors
    assert _everything() == before


def test_the_exported_file_itself_imports(user, plan, exported):
    """The control for the test above: only the placed values make the import fail."""
    imported = plan_import(owner=user, raw=json.dumps(exported).encode())

    assert imported.pk != plan.pk


ADMIN_CASES = [case for case in CASES if case.admin]


@pytest.mark.parametrize("case", ADMIN_CASES, ids=lambda case: case.id)
def test_the_admin_refuses_it_too(user, plan, case, django_user_model):
    model, data = case.admin
    superuser = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    request = RequestFactory().get("/admin/")
    request.user = superuser
    form_class = admin.site._registry[model].get_form(request)

    form = form_class({**data(plan), "owner": user.pk})

    assert not form.is_valid()
    assert case.field in form.errors, form.errors
    if case.message:
        assert case.message in form.errors[case.field]


def test_every_case_on_a_model_in_the_admin_checks_the_admin():
    models = {Counterparty, CultureAdjustment, Person, Plan, SayEarlyItem, PlanQuestion}
    models |= {LearnItem, RoadmapStep}
    registered = {model for model in models if model in admin.site._registry}

    # Plans and their stages are not in the admin; people and adjustments are inlines.
    assert registered == {Counterparty}
    assert {case.admin[0] for case in ADMIN_CASES} == registered

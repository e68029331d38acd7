"""Money in plans: non-finite amounts refused, amounts written as people write them."""

import shutil
import subprocess
from decimal import Decimal

import pytest
from django.db import models
from django.urls import reverse

from accounts.services import profile_for
from core.money import AMOUNT_MESSAGE, MoneyField
from plans.models import GoalAssessment, Plan, RoadmapStep
from tests.factories import (
    CounterpartyFactory,
    GoalAssessmentFactory,
    PlanFactory,
    RoadmapStepFactory,
)
from tests.plans.stage_post import goals_data

SECTIONS = "sections=deal&sections=goals&sections=positions"
NON_FINITE = ["sNaN", "NaN", "Infinity", "-infinity", "snan"]
GOALS_AMOUNTS = [
    "steps-0-value",
    "steps-1-value",
    "goals-our_target",
    "goals-our_walk_away",
    "goals-their_target_estimate",
    "goals-their_walk_away_estimate",
]


@pytest.fixture
def plan(user, hofstede, country):
    profile = profile_for(user)
    profile.home_country = country("DEU")
    profile.save()
    plan = PlanFactory(
        owner=user,
        counterparty=CounterpartyFactory(
            owner=user, name="Saigon Textiles", country=country("VNM")
        ),
        our_country=country("DEU"),
        edition=hofstede,
        title="Fabric supply",
        currency="EUR",
        total_deal_value=Decimal("2400000.00"),
        first_order_value=Decimal("120000.00"),
    )
    GoalAssessmentFactory(
        plan=plan,
        our_target=Decimal("2600000.00"),
        our_walk_away=Decimal("2100000.50"),
        their_target_estimate=Decimal("2000000.00"),
        their_walk_away_estimate=Decimal("2500000.00"),
    )
    RoadmapStepFactory(plan=plan, title="Test order", value=Decimal("120000.00"), position=1)
    RoadmapStepFactory(plan=plan, title="First season", value=Decimal("2280000.00"), position=2)
    return plan


def _rows(plan: Plan) -> tuple:
    plan.refresh_from_db()
    return (
        plan.total_deal_value,
        plan.first_order_value,
        plan.goals_version,
        list(GoalAssessment.objects.filter(plan=plan).values()),
        list(RoadmapStep.objects.filter(plan=plan).order_by("pk").values()),
    )


# Non-finite amounts -------------------------------------------------------------------


def test_every_money_field_is_a_money_field():
    decimals = [
        f"{model.__name__}.{field.name}"
        for model in (Plan, GoalAssessment, RoadmapStep)
        for field in model._meta.get_fields()
        if isinstance(field, models.DecimalField) and not isinstance(field, MoneyField)
    ]
    assert decimals == []


@pytest.mark.parametrize("value", NON_FINITE)
@pytest.mark.parametrize("field", GOALS_AMOUNTS)
def test_goals_page_refuses_a_non_finite_amount_and_saves_nothing(client_user, plan, field, value):
    url = reverse("plans:goals", args=[plan.pk])
    data = goals_data(client_user.get(url))
    data.update({"steps-1-title": "Second season", field: value})
    before = _rows(plan)

    response = client_user.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert AMOUNT_MESSAGE in page
    assert "Nothing was saved" in page
    assert _rows(plan) == before


@pytest.mark.parametrize("value", NON_FINITE)
@pytest.mark.parametrize("field", ["total_deal_value", "first_order_value"])
def test_plan_form_refuses_a_non_finite_amount_and_saves_nothing(client_user, plan, field, value):
    url = reverse("plans:update", args=[plan.pk])
    data = {
        "title": plan.title,
        "counterparty": plan.counterparty_id,
        "our_country": plan.our_country_id,
        "currency": "EUR",
        "total_deal_value": "2400000",
        "first_order_value": "120000",
        "status": "draft",
        field: value,
    }
    before = _rows(plan)

    response = client_user.post(url, data)

    assert response.status_code == 200
    assert AMOUNT_MESSAGE in response.content.decode()
    assert _rows(plan) == before

    create = client_user.post(reverse("plans:create"), {**data, "title": "Another deal"})
    assert create.status_code == 200
    assert AMOUNT_MESSAGE in create.content.decode()
    assert Plan.objects.count() == 1


# Amounts on screen, in print and in the PDF ------------------------------------------------


def test_goals_page_writes_the_roadmap_amounts_with_grouping_and_the_euro_sign(client_user, plan):
    page = client_user.get(reverse("plans:goals", args=[plan.pk])).content.decode()
    assert "Start with the first (test) order of €120,000" in page
    assert "the total deal of €2,400,000" in page
    assert '<td class="text-end">€2,280,000</td><td class="text-end">€2,400,000</td>' in page
    assert "EUR 2400000" not in page


def test_overview_writes_the_deal_values_and_the_roadmap_warning_in_euros(client_user, plan):
    RoadmapStep.objects.filter(title="First season").update(value=Decimal("2279999.50"))
    page = client_user.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "€2,400,000" in page
    assert "€120,000" in page
    assert "The steps add up to €2,399,999.50, €0.50 short of the total deal of €2,400,000" in page


def test_print_view_and_brief_write_amounts_as_people_write_them(client_user, plan):
    url = reverse("plans:print", args=[plan.pk])
    full = client_user.get(f"{url}?layout=full&paper=a4&{SECTIONS}").content
    full = full.decode()
    assert "<dt>Total deal value</dt><dd>€2,400,000</dd>" in full
    assert "<dt>Our walk-away point</dt><dd>€2,100,000.50</dd>" in full
    assert '<td class="num">€2,280,000</td><td class="num">€2,400,000</td>' in full
    brief = client_user.get(f"{url}?layout=brief&paper=a4&{SECTIONS}").content
    brief = brief.decode()
    assert "€120,000 test order → Test order (€120,000) → First season (€2,280,000)" in brief
    assert "Target €2,600,000 · walk-away €2,100,000.50" in brief


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize(("currency", "sign"), [("EUR", "€"), ("VND", "₫"), ("INR", "₹")])
def test_pdf_shows_amounts_with_the_currency_sign(client_user, plan, tmp_path, currency, sign):
    Plan.objects.filter(pk=plan.pk).update(currency=currency)
    url = reverse("plans:pdf", args=[plan.pk])
    response = client_user.get(f"{url}?layout=full&paper=a4&{SECTIONS}")
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(  # noqa: S603 (our own file, a fixed program)
        [shutil.which("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    assert f"{sign}2,400,000" in text
    assert f"{sign}2,280,000" in text

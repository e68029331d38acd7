"""Guidance texts and the question library in the admin: preview, usage, coverage."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.admin import guidance_usage, missing_guidance_cells
from plans.models import GapGuidance, QuestionTemplate
from tests.factories import (
    CounterpartyFactory,
    CountryFactory,
    CountryScoreFactory,
    CultureAdjustmentFactory,
    PlanFactory,
    PlanQuestionFactory,
    ScoreEditionFactory,
)

GUIDANCE_LIST = reverse("admin:plans_gapguidance_changelist")
QUESTION_LIST = reverse("admin:plans_questiontemplate_changelist")


def _cell(dimension="pdi", direction="higher", band="large") -> GapGuidance:
    return GapGuidance.objects.get(dimension=dimension, direction=direction, band=band)


def _plan_with_pdi_gap(ours: int, theirs: int, **plan_fields):
    edition = ScoreEditionFactory()
    us, them = CountryFactory(), CountryFactory()
    CountryScoreFactory(edition=edition, country=us, pdi=ours)
    CountryScoreFactory(edition=edition, country=them, pdi=theirs)
    return PlanFactory(
        edition=edition,
        our_country=us,
        counterparty=CounterpartyFactory(country=them),
        use_personal_scores=False,
        **plan_fields,
    )


def test_guidance_usage_counts_plans_whose_gap_falls_in_the_cell(db):
    _plan_with_pdi_gap(20, 80)  # they score 60 higher: large
    _plan_with_pdi_gap(80, 60)  # 20 lower: moderate
    _plan_with_pdi_gap(50, 55)  # small: no text needed

    usage = guidance_usage()

    assert usage[("pdi", "higher", "large")] == 1
    assert usage[("pdi", "lower", "moderate")] == 1
    assert sum(usage.values()) == 2


def test_guidance_usage_follows_the_counterpartys_adjusted_scores(db):
    plan = _plan_with_pdi_gap(20, 80)
    CultureAdjustmentFactory(counterparty=plan.counterparty, dimension="pdi", score=40)

    usage = guidance_usage()

    assert usage[("pdi", "higher", "moderate")] == 1
    assert usage[("pdi", "higher", "large")] == 0


def test_guidance_list_shows_how_many_plans_use_each_text(client_trainer):
    _plan_with_pdi_gap(20, 80)

    response = client_trainer.get(GUIDANCE_LIST, {"dimension__exact": "pdi"})

    admin = response.context["cl"].model_admin
    counts = {
        (g.direction, g.band): admin.plans_using(g) for g in response.context["cl"].result_list
    }
    assert counts == {
        ("higher", "large"): 1,
        ("higher", "moderate"): 0,
        ("lower", "large"): 0,
        ("lower", "moderate"): 0,
    }
    assert "plans with this gap now" in response.content.decode().lower()


def test_guidance_list_runs_a_constant_number_of_queries(client_trainer):
    _plan_with_pdi_gap(20, 80)
    with CaptureQueriesContext(connection) as few:
        client_trainer.get(GUIDANCE_LIST)
    for _ in range(20):
        _plan_with_pdi_gap(10, 90)

    with CaptureQueriesContext(connection) as many:
        client_trainer.get(GUIDANCE_LIST)

    assert len(many.captured_queries) == len(few.captured_queries)


def test_guidance_list_warns_about_every_cell_without_a_text(client_trainer):
    _cell("uai", "lower", "large").delete()
    GapGuidance.objects.filter(dimension="ivr", direction="higher", band="moderate").update(
        advice="  "
    )

    html = client_trainer.get(GUIDANCE_LIST).content.decode()

    assert "2 of 24 gaps have no guidance text" in html
    assert "Uncertainty avoidance: they score lower than us, large gap" in html
    assert "Indulgence: they score higher than us, moderate gap" in html


def test_guidance_list_gives_no_warning_when_every_cell_has_a_text(client_trainer):
    assert missing_guidance_cells() == []

    assert "have no guidance text" not in client_trainer.get(GUIDANCE_LIST).content.decode()


def test_guidance_change_page_previews_the_text_as_negotiators_see_it(client_trainer):
    text = _cell("pdi", "higher", "large")

    html = client_trainer.get(
        reverse("admin:plans_gapguidance_change", args=[text.pk])
    ).content.decode()

    assert "how negotiators see it" in html.lower()
    assert "What the gaps mean for your next meeting" in html
    assert "Power distance: large gap — they accept hierarchy more than you do" in html
    assert "<strong>What to do:</strong>" in html


def test_question_list_counts_the_plans_that_picked_each_question(client_trainer):
    question = QuestionTemplate.objects.order_by("pk").first()
    plan = PlanFactory()
    PlanQuestionFactory(plan=plan, source=question)
    PlanQuestionFactory(plan=plan, source=question, text="Reworded")
    PlanQuestionFactory(source=question)

    response = client_trainer.get(QUESTION_LIST, {"q": question.text})

    [row] = response.context["cl"].result_list
    assert row.plan_count == 2
    assert "plans that picked it" in response.content.decode().lower()


def test_question_list_filters_by_tag_and_searches_the_text(client_trainer):
    response = client_trainer.get(QUESTION_LIST, {"tag__exact": "meal"})

    tags = {q.tag for q in response.context["cl"].result_list}
    assert tags == {"meal"}


def test_question_change_page_previews_the_question_in_the_library_picker(client_trainer):
    question = QuestionTemplate.objects.order_by("pk").first()

    html = client_trainer.get(
        reverse("admin:plans_questiontemplate_change", args=[question.pk])
    ).content.decode()

    assert "Pick from the question library" in html
    assert f"{question.text} ({question.get_tag_display()})" in html


@pytest.mark.parametrize(
    "url", [reverse("admin:plans_gapguidance_add"), reverse("admin:plans_questiontemplate_add")]
)
def test_add_pages_explain_that_the_preview_follows_saving(client_trainer, url):
    assert "to see a preview" in client_trainer.get(url).content.decode()

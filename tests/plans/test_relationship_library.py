"""The question library: seeded questions, the trainers' admin, picking into a plan."""

import pytest
from django.urls import reverse

from accounts.services import trainer_create_or_promote
from plans.models import QuestionTemplate
from plans.services import plan_questions_add_from_library
from tests.factories import PlanFactory, PlanQuestionFactory, QuestionTemplateFactory

CHANGELIST = reverse("admin:plans_questiontemplate_changelist")


@pytest.fixture
def client_trainer(client, db):
    trainer, _ = trainer_create_or_promote(username="tina", password="correct-horse-battery")
    client.force_login(trainer)
    return client


def test_library_seed_has_at_least_a_dozen_tagged_questions(db):
    questions = list(QuestionTemplate.objects.all())
    assert len(questions) >= 12
    assert all(q.tag in QuestionTemplate.Tag.values for q in questions)
    assert all(q.why_it_helps for q in questions)
    assert len({q.tag for q in questions}) == len(QuestionTemplate.Tag.values)


def test_library_changelist_lists_questions_for_a_trainer(client_trainer):
    response = client_trainer.get(CHANGELIST)
    assert response.status_code == 200
    assert response.context["cl"].result_count == QuestionTemplate.objects.count()


def test_library_changelist_filters_by_tag(client_trainer):
    response = client_trainer.get(CHANGELIST, {"tag__exact": "site_visit"})
    tags = {q.tag for q in response.context["cl"].result_list}
    assert tags == {"site_visit"}


def test_library_changelist_search_finds_words_in_the_question(client_trainer):
    QuestionTemplateFactory(text="Which zither do you play?")
    response = client_trainer.get(CHANGELIST, {"q": "zither"})
    assert [q.text for q in response.context["cl"].result_list] == ["Which zither do you play?"]


def test_library_trainer_adds_a_question(client_trainer):
    response = client_trainer.post(
        reverse("admin:plans_questiontemplate_add"),
        {"text": "What keeps you busy at weekends?", "tag": "meal", "is_active": "on"},
    )
    assert response.status_code == 302
    assert QuestionTemplate.objects.filter(text="What keeps you busy at weekends?").exists()


def test_library_is_closed_to_negotiators(client_user):
    assert client_user.get(CHANGELIST).status_code == 302  # not staff: sent to the admin login


def test_add_from_library_appends_after_own_questions_and_skips_duplicates(user):
    plan = PlanFactory(owner=user)
    PlanQuestionFactory(plan=plan, text="Our own?", position=5)
    first, second = QuestionTemplateFactory(), QuestionTemplateFactory()
    plan_questions_add_from_library(plan=plan, templates=[first, second])
    plan_questions_add_from_library(plan=plan, templates=[first])
    assert list(plan.questions.values_list("text", "position")) == [
        ("Our own?", 5),
        (first.text, 6),
        (second.text, 7),
    ]


def test_inactive_library_question_is_not_offered(client_user, user):
    plan = PlanFactory(owner=user)
    QuestionTemplateFactory(text="Retired question?", is_active=False)
    page = client_user.get(reverse("plans:relationship", args=[plan.pk])).content.decode()
    assert "Retired question?" not in page
    assert "What do you value most in a partner from abroad?" in page

"""Rules about one row, on the models themselves: every way in (forms, admin, import,
services) meets the same ones."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from plans.models import MEETING_DATE_RANGE_YEARS, PlanQuestion, SayEarlyItem
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def _errors(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as failure:
        obj.full_clean()
    return failure.value.message_dict


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_plan_title_must_have_more_than_whitespace(title):
    plan = PlanFactory(title="Cotton")
    plan.title = title

    assert _errors(plan)["title"] == ["Give the plan a title, for example the deal's name."]


@pytest.mark.parametrize("years", [-MEETING_DATE_RANGE_YEARS - 1, MEETING_DATE_RANGE_YEARS + 1])
def test_plan_first_meeting_far_from_today_is_refused(years):
    plan = PlanFactory()
    plan.first_meeting_on = timezone.localdate() + datetime.timedelta(days=365 * years)

    assert "within 10 years of today" in _errors(plan)["first_meeting_on"][0]


@pytest.mark.parametrize("years", [-MEETING_DATE_RANGE_YEARS + 1, 0, MEETING_DATE_RANGE_YEARS - 1])
def test_plan_first_meeting_within_the_window_is_accepted(years):
    plan = PlanFactory()
    plan.first_meeting_on = timezone.localdate() + datetime.timedelta(days=365 * years)

    plan.full_clean()


@pytest.mark.parametrize("text", ["", "  \n "])
def test_say_early_item_said_needs_what_was_said(text):
    item = SayEarlyItem(
        plan=PlanFactory(), topic=SayEarlyItem.Topic.ORDER_SIZES, what_we_will_say=text, said=True
    )

    assert _errors(item) == {
        "what_we_will_say": ["Write down what was said before ticking it as said."]
    }


def test_say_early_item_not_said_may_be_empty():
    SayEarlyItem(plan=PlanFactory(), topic=SayEarlyItem.Topic.ORDER_SIZES).full_clean()


def test_question_with_an_answer_must_be_asked():
    question = PlanQuestion(plan=PlanFactory(), text="Who signs?", answer="The chairman")

    assert _errors(question) == {"asked": ["Tick “asked” when you record an answer."]}


def test_question_with_an_answer_of_spaces_need_not_be_asked():
    PlanQuestion(plan=PlanFactory(), text="Who signs?", answer="   ").full_clean()

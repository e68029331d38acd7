import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import User

from accounts.models import NegotiatorProfile
from counterparties.models import Counterparty, CultureAdjustment, Person
from countries.models import (
    BriefingSection,
    Country,
    CountryBriefing,
    CountryScore,
    ScoreEdition,
)
from plans.models import (
    DecisionMakerBelief,
    GapGuidance,
    GoalAssessment,
    KeepItem,
    LearnItem,
    Occasion,
    Plan,
    PlanQuestion,
    QuestionTemplate,
    RoadmapStep,
    SayEarlyItem,
    TellItem,
)
from teams.models import Invitation, Membership, Team


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"negotiator{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery")


class TeamFactory(factory.django.DjangoModelFactory):
    """A shared team with no members: add them with MembershipFactory."""

    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    team = factory.SubFactory(TeamFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    role = Membership.Role.MEMBER
    invited_by = factory.SubFactory(UserFactory)


class ScoreEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreEdition

    name = factory.Sequence(lambda n: f"Edition {n}")
    source = "Test scores"


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"X-{n:03d}")
    name = factory.Sequence(lambda n: f"Country {n}")
    dataset_label = factory.LazyAttribute(lambda c: c.name)


class CountryScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountryScore

    edition = factory.SubFactory(ScoreEditionFactory)
    country = factory.SubFactory(CountryFactory)


class CountryBriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountryBriefing
        django_get_or_create = ("country",)

    country = factory.SubFactory(CountryFactory)


class BriefingSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BriefingSection
        django_get_or_create = ("briefing", "kind")

    briefing = factory.SubFactory(CountryBriefingFactory)
    kind = BriefingSection.Kind.GREETING
    text = "Shake hands with the most senior person first."
    sources = "A national trade agency's country guide"
    last_reviewed = datetime.date(2026, 11, 1)


class NegotiatorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NegotiatorProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)


class CounterpartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Counterparty

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Counterparty {n} Ltd")
    country = factory.SubFactory(CountryFactory)


class CultureAdjustmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CultureAdjustment

    counterparty = factory.SubFactory(CounterpartyFactory)
    dimension = "pdi"
    score = 50
    reason = "Founder trained abroad"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    counterparty = factory.SubFactory(CounterpartyFactory)
    name = factory.Sequence(lambda n: f"Person {n}")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    owner = factory.SubFactory(UserFactory)
    counterparty = factory.SubFactory(CounterpartyFactory, owner=factory.SelfAttribute("..owner"))
    title = factory.Sequence(lambda n: f"Deal {n}")
    our_country = factory.SubFactory(CountryFactory)
    edition = factory.SubFactory(ScoreEditionFactory)


class GapGuidanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GapGuidance
        django_get_or_create = ("dimension", "direction", "band")

    dimension = "pdi"
    direction = GapGuidance.Direction.THEY_HIGHER
    band = GapGuidance.Band.LARGE
    meaning = "They expect rank to be respected."
    advice = "Bring someone senior."


# Plans, stages 2 and 3 (helper "stages") ------------------------------------------------


class GoalAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalAssessment
        django_get_or_create = ("plan",)

    plan = factory.SubFactory(PlanFactory)


class RoadmapStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapStep

    plan = factory.SubFactory(PlanFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Step {n}")
    value = Decimal("1000.00")


class SayEarlyItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SayEarlyItem
        django_get_or_create = ("plan", "topic")

    plan = factory.SubFactory(PlanFactory)
    topic = SayEarlyItem.Topic.TEST_ORDER
    what_we_will_say = "The first order is a trial on the way to the full contract."


class LearnItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearnItem

    plan = factory.SubFactory(PlanFactory)
    topic = factory.Sequence(lambda n: f"Topic to learn {n}")


class TellItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TellItem

    plan = factory.SubFactory(PlanFactory)
    topic = factory.Sequence(lambda n: f"Topic to tell {n}")


class KeepItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeepItem

    plan = factory.SubFactory(PlanFactory)
    topic = factory.Sequence(lambda n: f"Kept topic {n}")


class QuestionTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionTemplate
        django_get_or_create = ("text",)

    text = factory.Sequence(lambda n: f"Library question {n}?")


class PlanQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanQuestion

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Our question {n}?")
    position = factory.Sequence(lambda n: n + 1)


class OccasionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occasion
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    kind = Occasion.Kind.MEETING

    @factory.post_generation
    def their_attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.their_attendees.set(extracted)


class DecisionMakerBeliefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionMakerBelief
        django_get_or_create = ("plan",)

    plan = factory.SubFactory(PlanFactory)

import factory
from django.contrib.auth.models import User

from accounts.models import NegotiatorProfile
from counterparties.models import Counterparty, CultureAdjustment, Person
from countries.models import Country, CountryScore, ScoreEdition
from plans.models import GapGuidance, Plan


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"negotiator{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery")


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
    counterparty = factory.SubFactory(
        CounterpartyFactory, owner=factory.SelfAttribute("..owner")
    )
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

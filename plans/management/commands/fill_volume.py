"""Fill the database with realistic volume, for benchmarks: users, counterparties, plans.

Built from the real country data (run `load_hofstede` first). Everything is written with
bulk_create in batches, so 20,000 plans with their stage items take minutes, not hours.
The defaults are the volume the benchmarks use; `--scale 0.01` gives 1/100 of it with
the same amount of data per user.
"""

import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import NegotiatorProfile
from counterparties.models import Counterparty, CultureAdjustment, Person
from countries.dimensions import DIMENSION_CODES
from countries.models import Country, CountryScore, ScoreEdition
from plans.goals import SIGNAL_KEYS
from plans.models import (
    Answer,
    DecisionMakerBelief,
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

USERNAME_PREFIX = "volume-"
DEFAULT_PASSWORD = "volume-password-2026"  # noqa: S105 (benchmark accounts only)
BATCH = 500  # plans per transaction; every model is inserted in batches of this size

FIRST_WORDS = [
    "Harbour", "Lotus", "Northern", "Golden", "Blue River", "Summit", "Pacific", "Crescent",
    "Red Bridge", "Jade", "Silver Leaf", "Evergreen", "Delta", "Orchid", "Granite", "Falcon",
]  # fmt: skip
SECOND_WORDS = [
    "Components", "Textiles", "Logistics", "Electronics", "Foods", "Plastics", "Machinery",
    "Trading", "Packaging", "Ceramics", "Furniture", "Chemicals", "Metals", "Optics",
]  # fmt: skip
INDUSTRIES = [
    "Contract manufacturing", "Garments", "Food processing", "Consumer electronics",
    "Auto parts", "Packaging", "Furniture", "Medical devices", "Logistics",
]  # fmt: skip
CITIES = ["Capital", "Port city", "Industrial zone", "Northern province", "Coastal district"]
GIVEN = ["Anh", "Wei", "Yuki", "Min-jun", "Somchai", "Priya", "Ana", "Lars", "Omar", "Elif"]
FAMILY = ["Nguyen", "Chen", "Tanaka", "Kim", "Srisuk", "Rao", "Silva", "Berg", "Haddad", "Yilmaz"]
TITLES = ["Managing director", "Purchasing manager", "Plant manager", "Sales director", ""]
DEAL_KINDS = ["Supply agreement", "First order", "Joint venture talks", "Distribution deal"]
LEARN_TOPICS = [
    "How their orders are approved",
    "Who their other suppliers are",
    "Their payment habits",
    "Their busy season",
    "How they treat samples",
    "Their quality checks",
]
TELL_TOPICS = ["Our delivery record", "Our factory audit", "Our long-term plans", "Our team"]
KEEP_TOPICS = ["Our walk-away price", "Our capacity this quarter", "Other offers we have"]
QUESTIONS = [
    "How did your company start?",
    "What matters most to you in a supplier?",
    "Who else will we meet on the next visit?",
    "How do you usually test a new supplier?",
    "What would make this order a success for you?",
    "How are decisions like this made in your company?",
    "Which of your markets is growing fastest?",
    "What went wrong with suppliers in the past?",
]
SENTENCE = "We keep this short and concrete, and check it again before the meeting."


@dataclass
class Volume:
    users: int
    counterparties: int
    plans: int


def scaled(value: int, scale: float) -> int:
    return max(1, round(value * scale))


class Command(BaseCommand):
    help = (
        "Fill the database with benchmark volume from the real country data: users, "
        "counterparties with people, plans with their stage items. Refuses a database "
        "that already has counterparties or plans unless --append."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=200)
        parser.add_argument("--counterparties", type=int, default=5000)
        parser.add_argument("--plans", type=int, default=20000)
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiply every count, e.g. 0.01 for 1/100"
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="password of every generated user"
        )
        parser.add_argument(
            "--append", action="store_true", help="add to a database that already has data"
        )

    def handle(self, *args, **options):
        if options["scale"] <= 0:
            raise CommandError("--scale must be greater than 0.")
        volume = Volume(
            users=scaled(options["users"], options["scale"]),
            counterparties=scaled(options["counterparties"], options["scale"]),
            plans=scaled(options["plans"], options["scale"]),
        )
        if not options["append"] and (Plan.objects.exists() or Counterparty.objects.exists()):
            raise CommandError(
                "This database already has counterparties or plans. Use an empty database, "
                "or pass --append to add more."
            )
        edition = ScoreEdition.objects.default()
        if edition is None:
            raise CommandError("No country scores loaded: run 'manage.py load_hofstede' first.")
        started = time.monotonic()
        rng = random.Random(options["seed"])  # noqa: S311 (test data, not secrets)
        filler = Filler(rng, edition, self.stdout.write)
        users = filler.make_users(volume.users, options["password"])
        counterparties = filler.make_counterparties(users, volume.counterparties)
        filler.make_plans(users, counterparties, volume.plans)
        self.stdout.write(
            self.style.SUCCESS(
                f"Filled {volume.users} users, {volume.counterparties} counterparties, "
                f"{volume.plans} plans in {time.monotonic() - started:.1f} s."
            )
        )


class Filler:
    def __init__(self, rng: random.Random, edition: ScoreEdition, say):
        self.rng = rng
        self.edition = edition
        self.say = say
        scored = CountryScore.objects.filter(edition=edition, country__kind=Country.Kind.COUNTRY)
        self.countries = list(
            Country.objects.filter(pk__in=scored.values("country")).order_by("code")
        )
        if not self.countries:
            raise CommandError("The default score edition has no countries.")
        self.library = list(QuestionTemplate.objects.filter(is_active=True).order_by("pk"))
        self.today = timezone.localdate()
        self.people: dict[int, list[int]] = {}  # counterparty pk -> person pks

    def make_users(self, count: int, password: str) -> list[User]:
        taken = set(
            User.objects.filter(username__startswith=USERNAME_PREFIX).values_list(
                "username", flat=True
            )
        )
        hashed = make_password(password)  # one hash for all: hashing is slow by design
        names, number = [], 1
        while len(names) < count:
            name = f"{USERNAME_PREFIX}{number:05d}"
            if name not in taken:
                names.append(name)
            number += 1
        with transaction.atomic():
            users = User.objects.bulk_create(
                [User(username=n, email=f"{n}@example.com", password=hashed) for n in names],
                batch_size=BATCH,
            )
            profiles = []
            for user in users:
                profile = NegotiatorProfile(user=user, home_country=self.rng.choice(self.countries))
                if self.rng.random() < 0.1:  # a few set personal scores
                    for code in self.rng.sample(DIMENSION_CODES, 2):
                        setattr(profile, code, self.rng.randint(0, 100))
                profiles.append(profile)
            NegotiatorProfile.objects.bulk_create(profiles, batch_size=BATCH)
        self.say(f"  users: {len(users)}")
        return users

    def make_counterparties(self, users: list[User], count: int) -> dict[int, list[int]]:
        """Owner pk -> that owner's counterparty pks; people and adjustments as well."""
        by_owner: dict[int, list[int]] = {user.pk: [] for user in users}
        rng = self.rng
        for start in range(0, count, BATCH):
            with transaction.atomic():
                batch = [
                    Counterparty(
                        owner=users[i % len(users)],
                        name=f"{rng.choice(FIRST_WORDS)} {rng.choice(SECOND_WORDS)} {i + 1}",
                        country=rng.choice(self.countries),
                        industry=rng.choice(INDUSTRIES),
                        city=rng.choice(CITIES),
                        notes=SENTENCE if rng.random() < 0.5 else "",
                    )
                    for i in range(start, min(count, start + BATCH))
                ]
                for counterparty in batch:
                    counterparty.set_search_text()  # bulk_create does not call save()
                Counterparty.objects.bulk_create(batch, batch_size=BATCH)
                people, adjustments = [], []
                for counterparty in batch:
                    by_owner[counterparty.owner_id].append(counterparty.pk)
                    for _ in range(rng.randint(1, 6)):
                        people.append(
                            Person(
                                counterparty=counterparty,
                                name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                                title=rng.choice(TITLES),
                                role=rng.choice(Person.Role.values),
                                seniority=rng.choice(Person.Seniority.values),
                                inner_circle=rng.choice(Person.InnerCircle.values),
                            )
                        )
                    if rng.random() < 0.2:
                        for code in rng.sample(DIMENSION_CODES, rng.randint(1, 2)):
                            adjustments.append(
                                CultureAdjustment(
                                    counterparty=counterparty,
                                    dimension=code,
                                    score=rng.randint(0, 100),
                                    reason="Founder studied and worked abroad",
                                )
                            )
                for person in people:
                    person.set_search_text()
                Person.objects.bulk_create(people, batch_size=BATCH)
                CultureAdjustment.objects.bulk_create(adjustments, batch_size=BATCH)
                for person in people:
                    self.people.setdefault(person.counterparty_id, []).append(person.pk)
        self.say(f"  counterparties: {count}, people: {sum(map(len, self.people.values()))}")
        return by_owner

    def make_plans(self, users: list[User], counterparties: dict[int, list[int]], count: int):
        homes = dict(
            NegotiatorProfile.objects.filter(user__in=users).values_list("user", "home_country")
        )
        for start in range(0, count, BATCH):
            with transaction.atomic():
                plans = []
                for i in range(start, min(count, start + BATCH)):
                    owner = users[i % len(users)]
                    plans.append(self._plan(owner, counterparties[owner.pk], homes, i))
                Plan.objects.bulk_create(plans, batch_size=BATCH)
                self._stage_items(plans)
            self.say(f"  plans: {min(count, start + BATCH)} of {count}")

    def _plan(self, owner: User, owned: list[int], homes: dict[int, int], i: int) -> Plan:
        rng = self.rng
        total = Decimal(rng.randrange(50_000, 5_000_000, 1000))
        status = rng.choice(Plan.Status.values)
        now = timezone.now()
        return Plan(
            owner=owner,
            counterparty_id=rng.choice(owned),
            title=f"{rng.choice(DEAL_KINDS)} {i + 1}",
            our_country_id=homes[owner.pk],
            edition=self.edition,
            deal_summary=SENTENCE,
            currency=rng.choice(["USD", "EUR", "JPY", "VND", "GBP"]),
            total_deal_value=total,
            first_order_value=(total / 10).quantize(Decimal("1")),
            first_meeting_on=self.today + datetime.timedelta(days=rng.randint(-200, 200))
            if rng.random() < 0.8
            else None,
            status=status,
            gap_notes=SENTENCE if rng.random() < 0.6 else "",
            gap_saved_at=now if rng.random() < 0.6 else None,
            goals_saved_at=now if rng.random() < 0.5 else None,
            relationship_saved_at=now if rng.random() < 0.4 else None,
        )

    def _stage_items(self, plans: list[Plan]) -> None:
        rng = self.rng
        rows: dict[type, list] = {
            model: []
            for model in (
                GoalAssessment,
                RoadmapStep,
                SayEarlyItem,
                LearnItem,
                TellItem,
                KeepItem,
                PlanQuestion,
                Occasion,
                DecisionMakerBelief,
            )
        }
        attendees: list[tuple[Occasion, list[int]]] = []
        for plan in plans:
            people = self.people.get(plan.counterparty_id, [])
            if rng.random() < 0.8:
                answers = {key: rng.choice([*Answer.values, ""]) for key in SIGNAL_KEYS}
                rows[GoalAssessment].append(
                    GoalAssessment(
                        plan=plan,
                        our_target=plan.total_deal_value,
                        our_walk_away=(plan.total_deal_value * Decimal("0.8")).quantize(
                            Decimal("1")
                        ),
                        **answers,
                    )
                )
            steps = rng.randint(1, 4)
            for position in range(1, steps + 1):
                rows[RoadmapStep].append(
                    RoadmapStep(
                        plan=plan,
                        position=position,
                        title="Test order" if position == 1 else f"Step {position}",
                        value=(plan.total_deal_value / steps).quantize(Decimal("1")),
                        move_on_when="Quality and delivery as agreed",
                    )
                )
            for topic in rng.sample(SayEarlyItem.Topic.values, rng.randint(0, 4)):
                rows[SayEarlyItem].append(
                    SayEarlyItem(plan=plan, topic=topic, what_we_will_say=SENTENCE)
                )
            for topic in rng.sample(LEARN_TOPICS, rng.randint(1, 5)):
                rows[LearnItem].append(
                    LearnItem(plan=plan, topic=topic, why_it_matters=SENTENCE, source="Dinner")
                )
            for topic in rng.sample(TELL_TOPICS, rng.randint(1, 3)):
                rows[TellItem].append(TellItem(plan=plan, topic=topic, message=SENTENCE))
            for topic in rng.sample(KEEP_TOPICS, rng.randint(0, 2)):
                rows[KeepItem].append(KeepItem(plan=plan, topic=topic, notes=SENTENCE))
            for position, text in enumerate(rng.sample(QUESTIONS, rng.randint(3, 8)), start=1):
                rows[PlanQuestion].append(PlanQuestion(plan=plan, text=text, position=position))
            for _ in range(rng.randint(1, 3)):
                occasion = Occasion(
                    plan=plan,
                    kind=rng.choice(Occasion.Kind.values),
                    held_on=self.today + datetime.timedelta(days=rng.randint(-100, 100)),
                    place="Their offices",
                    our_attendees="Sales lead, engineer",
                    objectives=SENTENCE,
                )
                rows[Occasion].append(occasion)
                if people:
                    attendees.append((occasion, rng.sample(people, min(len(people), 2))))
            if rng.random() < 0.7:
                rows[DecisionMakerBelief].append(
                    DecisionMakerBelief(
                        plan=plan,
                        person_id=rng.choice(people) if people else None,
                        confidence=rng.choice(DecisionMakerBelief.Confidence.values),
                        evidence=SENTENCE,
                    )
                )
        for model, objs in rows.items():
            model.objects.bulk_create(objs, batch_size=BATCH)
        through = Occasion.their_attendees.through
        through.objects.bulk_create(
            [
                through(occasion_id=occasion.pk, person_id=person)
                for occasion, people in attendees
                for person in people
            ],
            batch_size=BATCH,
        )

"""A plan filled to the size the print, PDF and brief are built for, with names in many scripts.

Used by the print, PDF and exchange tests and by benchmarks/pdf_render.py: 6 gaps,
10 roadmap steps, 30 information items, 20 questions, 10 occasions, 10 people.
"""

import datetime
from decimal import Decimal

from accounts.services import profile_for
from counterparties.models import Counterparty, CultureAdjustment, Person
from countries.models import Country, ScoreEdition
from plans.models import (
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

PEOPLE_NAMES = [
    "Nguyễn Thị Minh Khai",
    "Trần Đức Thắng",
    "王建国",
    "李秀英",
    "山田太郎",
    "佐藤 花子",
    "김민준",
    "이서연",
    "สมชาย ใจดี",
    "ประภาพร ศรีสุข",
]
SENTENCE = (
    "We want a clear picture of how their orders are approved, who signs, and how long "
    "it usually takes from a first sample to a confirmed purchase order"
)


def full_plan(
    owner, *, text: str = "", base: datetime.date | None = None, one_each: bool = False
) -> Plan:
    """Create a full plan for `owner` (needs the Hofstede data loaded).

    `text`, when given, is put into every free-text field (e.g. hostile HTML);
    `one_each` makes every list one item long (for query-count comparisons).
    """

    def n(count: int) -> int:
        return 1 if one_each else count

    base = base or datetime.date(2027, 3, 1)
    edition = ScoreEdition.objects.get(is_default=True)
    profile = profile_for(owner)
    if profile.home_country_id is None:
        profile.home_country = Country.objects.get(code="USA")
        profile.save()

    def t(value: str) -> str:
        return f"{value} {text}".strip() if text else value

    counterparty = Counterparty.objects.create(
        owner=owner,
        name=t("Công ty Dệt May Sài Gòn"),
        country=Country.objects.get(code="VNM"),
        industry=t("Textiles"),
        city=t("Thành phố Hồ Chí Minh"),
        website="https://example.com/",
        notes=t("Family-owned weaver and dyer; export arm founded ten years ago."),
    )
    CultureAdjustment.objects.create(
        counterparty=counterparty, dimension="idv", score=30, reason=t("Founder studied abroad")
    )
    roles = [r for r, _ in Person.Role.choices]
    people = [
        Person.objects.create(
            counterparty=counterparty,
            name=t(name),
            title=t("Director of purchasing" if i == 0 else "Manager"),
            role=roles[i % len(roles)],
            introduced_by=t("Trade fair in Hanoi"),
            notes=t(f"Note on person {i + 1}: speaks for the export team in meetings."),
        )
        for i, name in enumerate(PEOPLE_NAMES[: n(len(PEOPLE_NAMES))])
    ]
    plan = Plan.objects.create(
        owner=owner,
        counterparty=counterparty,
        title=t("Cotton supply 2027 – 綿の供給"),
        our_country=Country.objects.get(code="USA"),
        edition=edition,
        deal_summary=t("Three-year supply of dyed cotton, starting with a test order."),
        currency="USD",
        total_deal_value=Decimal("1000000.00"),
        first_order_value=Decimal("50000.00"),
        first_meeting_on=base,
        gap_notes=t("They will want to meet our director before any order."),
    )
    GoalAssessment.objects.create(
        plan=plan,
        repeats="yes",
        repeats_note=t("Monthly orders"),
        best_efforts="yes",
        holds_our_assets="yes",
        holds_our_assets_note=t("They keep our dye recipes"),
        unique_asset="no",
        switch_suppliers="no",
        commodity="not_sure",
        marketplace="no",
        our_target=Decimal("4.10"),
        our_walk_away=Decimal("4.60"),
        their_target_estimate=Decimal("4.80"),
        their_walk_away_estimate=Decimal("4.30"),
    )
    values = [Decimal("50000.00")] + [Decimal("105555.55")] * 8 + [Decimal("105555.60")]
    for i, value in enumerate(values[: n(len(values))], start=1):
        RoadmapStep.objects.create(
            plan=plan,
            position=i,
            title=t(f"Order {i}"),
            value=value,
            target_on=base + datetime.timedelta(days=60 * i),
            move_on_when=t("Quality within tolerance on two shipments in a row."),
        )
    for topic, _label in SayEarlyItem.Topic.choices[: n(4)]:
        SayEarlyItem.objects.create(
            plan=plan, topic=topic, what_we_will_say=t("We will say this plainly."), said=False
        )
    statuses = [s for s, _ in LearnItem.Status.choices]
    for i in range(n(14)):
        status = statuses[i % len(statuses)]
        LearnItem.objects.create(
            plan=plan,
            topic=t(f"Learn {i + 1}: their approval chain"),
            why_it_matters=t(SENTENCE),
            source=t("Dinner with the export team"),
            due_on=base + datetime.timedelta(days=i),
            status=status,
            learned=t("They need two signatures.") if status == "learned" else "",
        )
    for i in range(n(10)):
        TellItem.objects.create(
            plan=plan,
            topic=t(f"Tell {i + 1}: our growth plans"),
            message=t(SENTENCE),
            when=t("First meeting"),
            to_whom=t("Their director"),
        )
    for i in range(n(6)):
        KeepItem.objects.create(
            plan=plan, topic=t(f"Keep {i + 1}: dye recipe margins"), notes=t(SENTENCE)
        )
    library = QuestionTemplate.objects.order_by("pk").first()
    for i in range(n(20)):
        PlanQuestion.objects.create(
            plan=plan,
            source=library if i == 0 else None,
            text=library.text if i == 0 and library else t(f"Question {i + 1}: {SENTENCE}?"),
            position=i + 1,
            asked=i >= 18,
            answer=t("They said five years.") if i >= 18 else "",
        )
    kinds = [k for k, _ in Occasion.Kind.choices]
    for i in range(n(10)):
        occasion = Occasion.objects.create(
            plan=plan,
            kind=kinds[i % len(kinds)],
            held_on=base + datetime.timedelta(days=7 * i),
            place=t("Quận 1, Sài Gòn"),
            our_attendees=t("Our director, our buyer"),
            objectives=t(SENTENCE),
            watch_for=t("Who defers to whom; who speaks for the group."),
            observed=t("The director spoke last.") if i < 2 else "",
        )
        occasion.their_attendees.set(people[i % 10 : i % 10 + 3])
    DecisionMakerBelief.objects.create(
        plan=plan,
        person=people[min(2, len(people) - 1)],
        confidence="medium",
        evidence=t("Everyone looked to him."),
    )
    return plan

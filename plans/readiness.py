"""The readiness checklist on a plan's overview, derived from what is filled in.

`plan_facts` reads prefetched rows into plain values; `readiness_checklist` turns
those values into items. Each missing item links straight to the piece to fill in.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from plans.goals import SIGNALS, roadmap_totals


@dataclass(frozen=True)
class PlanFacts:
    gap_saved: bool = False
    signals_answered: int = 0
    ip_position_stated: bool = False
    test_order_explained: bool = False
    roadmap_steps: int = 0
    roadmap_adds_up: bool = False
    positions_set: bool = False
    learn_items: int = 0
    tell_items: int = 0
    questions: int = 0
    occasions: int = 0
    decision_maker_known: bool = False


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    label: str
    done: bool
    url: str


def readiness_checklist(facts: PlanFacts, urls: dict[str, str]) -> list[ReadinessItem]:
    """One item per piece of the plan, worded for what is missing when it is missing.

    `urls` maps "gap", "goals" and "relationship" to the stage pages.
    """
    total = len(SIGNALS)
    answered = facts.signals_answered
    if facts.roadmap_steps == 0:
        roadmap_label = "No roadmap from the test order to the total deal"
    elif facts.roadmap_adds_up:
        roadmap_label = "Roadmap adds up to the total deal"
    else:
        roadmap_label = "Roadmap does not add up to the total deal"
    rows = [
        ("gap", "gap", "", facts.gap_saved, "Cultural gap reviewed", "Cultural gap not reviewed"),
        (
            "signals",
            "goals",
            "#signals",
            answered == total,
            "All deal signals answered",
            f"Deal signals answered: {answered} of {total}",
        ),
        (
            "ip",
            "goals",
            "#say-early",
            facts.ip_position_stated,
            "IP position stated",
            "IP position not stated",
        ),
        (
            "test_order",
            "goals",
            "#say-early",
            facts.test_order_explained,
            "Test order and roadmap explained",
            "How to present the test order not written",
        ),
        (
            "roadmap",
            "goals",
            "#roadmap",
            facts.roadmap_steps > 0 and facts.roadmap_adds_up,
            roadmap_label,
            roadmap_label,
        ),
        (
            "positions",
            "goals",
            "#positions",
            facts.positions_set,
            "Target and walk-away point set",
            "Target or walk-away point not set",
        ),
        (
            "learn",
            "relationship",
            "#learn",
            facts.learn_items > 0,
            "Things to learn about them listed",
            "Nothing listed to learn about them",
        ),
        (
            "tell",
            "relationship",
            "#tell",
            facts.tell_items > 0,
            "What to tell them about us listed",
            "Nothing listed to tell them about us",
        ),
        (
            "questions",
            "relationship",
            "#questions",
            facts.questions > 0,
            f"Questions prepared: {facts.questions}",
            "No questions prepared",
        ),
        (
            "occasions",
            "relationship",
            "#occasions",
            facts.occasions > 0,
            "Occasions planned",
            "No meeting or other occasion planned",
        ),
        (
            "decides",
            "relationship",
            "#decides",
            facts.decision_maker_known,
            "Decision-maker identified",
            "Decision-maker unknown",
        ),
    ]
    return [
        ReadinessItem(key, done_label if done else missing_label, done, urls[stage] + anchor)
        for key, stage, anchor, done, done_label, missing_label in rows
    ]


def plan_facts(plan, *, assessment, steps, say_early, learn, tell, questions, occasions, belief):
    """Plain facts from a plan's rows (already fetched; nothing here queries)."""
    said = {item.topic: item.what_we_will_say.strip() for item in say_early}
    values = [step.value for step in steps]
    totals = roadmap_totals(
        values,
        deal_total=plan.total_deal_value,
        first_order=plan.first_order_value,
        currency=plan.currency,
    )
    return PlanFacts(
        gap_saved=plan.gap_saved_at is not None,
        signals_answered=sum(1 for answer in assessment.answers().values() if answer)
        if assessment
        else 0,
        ip_position_stated=bool(said.get("ip_protection")),
        test_order_explained=bool(said.get("test_order")),
        roadmap_steps=len(values),
        roadmap_adds_up=bool(values) and not totals.warnings,
        positions_set=bool(
            assessment
            and assessment.our_target is not None
            and assessment.our_walk_away is not None
        ),
        learn_items=len(learn),
        tell_items=len(tell),
        questions=len(questions),
        occasions=len(occasions),
        decision_maker_known=bool(belief and belief.current_person()),
    )


def stage_urls(plan) -> dict[str, str]:
    return {
        "gap": reverse("plans:gap", args=[plan.pk]),
        "goals": reverse("plans:goals", args=[plan.pk]),
        "relationship": reverse("plans:relationship", args=[plan.pk]),
    }


def next_occasion(occasions: list, today: date):
    """The first occasion dated today or later, else None (occasions in date order)."""
    return next((o for o in occasions if o.held_on is not None and o.held_on >= today), None)

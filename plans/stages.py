"""The three stages of a plan, for the stepper at the top of every plan page."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from plans.models import Plan


@dataclass(frozen=True)
class Stage:
    number: int
    key: str
    title: str
    url: str | None
    status: str  # "not started", "started", "saved"


def _url(name: str, plan: Plan) -> str | None:
    try:
        return reverse(name, args=[plan.pk])
    except NoReverseMatch:  # the stage's pages are not built yet
        return None


def _status(saved_at) -> str:
    return "saved" if saved_at else "not started"


def plan_stages(plan: Plan) -> list[Stage]:
    """The stepper's stages; a stage is "saved" once its page has been saved (no queries)."""
    gap_status = "saved" if plan.gap_saved_at else "started"
    return [
        Stage(1, "gap", "Cultural gap", _url("plans:gap", plan), gap_status),
        Stage(2, "goals", "Goals", _url("plans:goals", plan), _status(plan.goals_saved_at)),
        Stage(
            3,
            "relationship",
            "Relationship plan",
            _url("plans:relationship", plan),
            _status(plan.relationship_saved_at),
        ),
    ]

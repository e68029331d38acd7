import hashlib
import json
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.forms import BaseModelFormSet, ModelForm
from django.utils import timezone

from accounts.services import profile_for
from counterparties.models import Counterparty, Person
from countries.models import ScoreEdition
from plans.models import (
    DecisionMakerBelief,
    GoalAssessment,
    Occasion,
    Plan,
    PlanQuestion,
    QuestionTemplate,
    SayEarlyItem,
)


def default_edition() -> ScoreEdition:
    edition = ScoreEdition.objects.default()
    if edition is None:
        raise ValidationError(
            "No country scores are loaded yet, so a plan cannot be computed. "
            "Ask an administrator to run 'manage.py load_hofstede'."
        )
    return edition


@transaction.atomic
def plan_create(*, owner: User, plan: Plan) -> Plan:
    """Save a new plan for `owner`, computed with the default score edition."""
    plan.owner = owner
    plan.edition = default_edition()
    if plan.counterparty.owner_id != owner.pk:
        raise ValidationError({"counterparty": "Choose one of your own counterparties."})
    plan.full_clean()
    plan.save()
    return plan


# Switching a plan's counterparty --------------------------------------------------------

Attendance = Occasion.their_attendees.through


@dataclass(frozen=True)
class OccasionDetachment:
    occasion: Occasion
    people: list[Person] = field(default_factory=list)


@dataclass(frozen=True)
class SwitchDetachments:
    """What switching a plan to `counterparty` detaches: every link to someone else's people.

    `occasions` lists each occasion with the attendees that go; `belief` is the
    decision-maker belief when it is cleared (it names a person of another counterparty,
    or one who was removed from the old one), else None.
    """

    counterparty: Counterparty
    occasions: list[OccasionDetachment]
    belief: DecisionMakerBelief | None

    def __bool__(self) -> bool:
        return bool(self.occasions) or self.belief is not None

    @property
    def attendee_count(self) -> int:
        return sum(len(item.people) for item in self.occasions)

    def fingerprint(self) -> str:
        """A digest of exactly what is listed: a confirmation of another list is stale."""
        belief = self.belief
        listed = {
            "counterparty": self.counterparty.pk,
            "occasions": [[i.occasion.pk, sorted(p.pk for p in i.people)] for i in self.occasions],
            "belief": None
            if belief is None
            else [
                belief.pk,
                belief.person_id,
                belief.confidence,
                belief.evidence,
                belief.removed_person_name,
            ],
        }
        return hashlib.sha256(json.dumps(listed, sort_keys=True).encode()).hexdigest()


class SwitchNeedsConfirmation(Exception):
    """The save would detach people, and the user has not confirmed exactly these."""

    def __init__(self, detachments: SwitchDetachments):
        super().__init__("switching the counterparty needs confirmation")
        self.detachments = detachments


def plan_switch_detachments(*, plan: Plan, counterparty: Counterparty) -> SwitchDetachments:
    """What switching `plan` to `counterparty` would detach, as saved now. Two queries."""
    rows = (
        Attendance.objects.filter(occasion__plan_id=plan.pk)
        .exclude(person__counterparty_id=counterparty.pk)
        .select_related("occasion", "person__counterparty")
        .order_by(
            F("occasion__held_on").asc(nulls_last=True),
            "occasion__pk",
            "person__name",
            "person__pk",
        )
    )
    occasions: dict[int, OccasionDetachment] = {}
    for row in rows:
        occasions.setdefault(row.occasion_id, OccasionDetachment(row.occasion)).people.append(
            row.person
        )
    belief = (
        DecisionMakerBelief.objects.filter(plan_id=plan.pk)
        .select_related("person__counterparty")
        .first()
    )
    names_someone_else = belief is not None and (
        (belief.person is not None and belief.person.counterparty_id != counterparty.pk)
        or bool(belief.removed_person_name)
    )
    return SwitchDetachments(
        counterparty=counterparty,
        occasions=list(occasions.values()),
        belief=belief if names_someone_else else None,
    )


def _detach(detachments: SwitchDetachments) -> None:
    for item in detachments.occasions:
        Attendance.objects.filter(occasion=item.occasion, person__in=item.people).delete()
    belief = detachments.belief
    if belief is not None:
        belief.person = None
        belief.confidence = DecisionMakerBelief.Confidence.LOW
        belief.evidence = ""
        belief.removed_person_name = ""
        belief.person_removed_at = None
        belief.full_clean()
        belief.save()


@transaction.atomic
def plan_details_save(*, plan: Plan, confirmed: str = "") -> SwitchDetachments | None:
    """Save the plan's details; on a new counterparty also detach the old one's people.

    Detaching removes every attendee of another counterparty from the plan's occasions
    and clears a decision-maker belief that names someone of another counterparty (its
    person, evidence and confidence). It happens only when `confirmed` is the
    fingerprint of exactly what would be detached, checked inside this transaction;
    otherwise SwitchNeedsConfirmation says what would go, and nothing is saved. Returns
    what was detached, or None when the counterparty did not change.
    """
    saved = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.counterparty.owner_id != plan.owner_id:
        raise ValidationError({"counterparty": "Choose one of your own counterparties."})
    plan.full_clean()
    detachments = None
    if saved.counterparty_id != plan.counterparty_id:
        detachments = plan_switch_detachments(plan=plan, counterparty=plan.counterparty)
        if detachments and detachments.fingerprint() != confirmed:
            raise SwitchNeedsConfirmation(detachments)
    plan.save()
    if detachments:
        _detach(detachments)
    return detachments


def plan_gap_notes_save(*, plan: Plan, notes: str) -> Plan:
    """Save the stage 1 notes and when they were saved."""
    plan.gap_notes = notes
    plan.gap_saved_at = timezone.now()
    # Only the field this saves: the rest of an older row may break a rule that moves
    # with time (a first meeting now more than ten years away) and must not block notes.
    plan.full_clean(exclude=[f.name for f in Plan._meta.fields if f.name != "gap_notes"])
    plan.save(update_fields=["gap_notes", "gap_saved_at", "updated_at"])
    return plan


def home_country_missing(user: User) -> bool:
    return profile_for(user).home_country_id is None


# Stages 2 and 3 ----------------------------------------------------------------------

STAGES = ("goals", "relationship")


class StageConflict(Exception):
    """Another save of the same stage came first since the form was loaded."""


def plan_stage_claim(*, plan: Plan, stage: str, expected_version: int, overwrite: bool) -> int:
    """Bump the stage's version and saved-at, or raise StageConflict if it moved on.

    One conditional UPDATE, so two simultaneous saves cannot both pass the check. Call it
    inside the transaction that writes the stage.
    """
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    version_field = f"{stage}_version"
    rows = Plan.objects.filter(pk=plan.pk)
    if not overwrite:
        rows = rows.filter(**{version_field: expected_version})
    now = timezone.now()
    updated = rows.update(
        **{version_field: F(version_field) + 1, f"{stage}_saved_at": now, "updated_at": now}
    )
    if updated == 0:
        raise StageConflict(stage)
    plan.refresh_from_db(fields=[version_field, f"{stage}_saved_at", "updated_at"])
    return getattr(plan, version_field)


def _save_formsets(*formsets: BaseModelFormSet) -> None:
    for formset in formsets:
        formset.save()


@transaction.atomic
def plan_goals_save(
    *,
    plan: Plan,
    expected_version: int,
    overwrite: bool = False,
    assessment: ModelForm,
    steps: BaseModelFormSet,
    say_early: list[ModelForm],
) -> Plan:
    """Save stage 2 in one transaction, unless another save came first (StageConflict)."""
    plan_stage_claim(
        plan=plan, stage="goals", expected_version=expected_version, overwrite=overwrite
    )
    goal_assessment = assessment.save(commit=False)
    goal_assessment.plan = plan
    _adopt_existing_row(goal_assessment, GoalAssessment.objects.filter(plan=plan))
    goal_assessment.save()
    _save_formsets(steps)
    for form in say_early:
        if form.instance.pk or form.has_changed():
            item = form.save(commit=False)
            item.plan = plan
            _adopt_existing_row(item, SayEarlyItem.objects.filter(plan=plan, topic=item.topic))
            item.save()
    return plan


def _adopt_existing_row(obj, rows) -> None:
    """Point a new one-per-plan row at the one another tab created meanwhile, if any."""
    if obj.pk is None:
        obj.pk = rows.values_list("pk", flat=True).first()


@transaction.atomic
def plan_relationship_save(
    *,
    plan: Plan,
    expected_version: int,
    overwrite: bool = False,
    formsets: list[BaseModelFormSet],
    picked: list[QuestionTemplate],
    decision: ModelForm,
) -> Plan:
    """Save stage 3 in one transaction, unless another save came first (StageConflict)."""
    plan_stage_claim(
        plan=plan,
        stage="relationship",
        expected_version=expected_version,
        overwrite=overwrite,
    )
    _save_formsets(*formsets)
    plan_questions_add_from_library(plan=plan, templates=picked)
    belief = decision.save(commit=False)
    belief.plan = plan
    _adopt_existing_row(belief, DecisionMakerBelief.objects.filter(plan=plan))
    if belief.person is not None and belief.person.counterparty_id != plan.counterparty_id:
        raise ValidationError({"person": "Choose one of this counterparty's people."})
    if belief.person is not None:
        # Someone is chosen again: the note that the previous one was removed has done its job.
        belief.removed_person_name = ""
        belief.person_removed_at = None
    belief.full_clean()
    belief.save()
    return plan


def plan_questions_add_from_library(
    *, plan: Plan, templates: list[QuestionTemplate]
) -> list[PlanQuestion]:
    """Copy library questions into the plan, after its own, skipping ones already there."""
    if not templates:
        return []
    existing = set(plan.questions.values_list("text", flat=True))
    last = plan.questions.aggregate(last=Max("position"))["last"] or 0
    added = []
    for template in templates:
        if template.text in existing:
            continue
        last += 1
        question = PlanQuestion(plan=plan, source=template, text=template.text, position=last)
        question.full_clean()
        added.append(question)
        existing.add(template.text)
    PlanQuestion.objects.bulk_create(added)
    return added

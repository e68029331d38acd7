from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.services import profile_for
from countries.models import ScoreEdition
from plans.models import Plan


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


def plan_gap_notes_save(*, plan: Plan, notes: str) -> Plan:
    """Save the stage 1 notes and when they were saved."""
    plan.gap_notes = notes
    plan.gap_saved_at = timezone.now()
    plan.full_clean()
    plan.save(update_fields=["gap_notes", "gap_saved_at", "updated_at"])
    return plan


def home_country_missing(user: User) -> bool:
    return profile_for(user).home_country_id is None

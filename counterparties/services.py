from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from counterparties.models import Counterparty, CultureAdjustment, Person
from countries.dimensions import BY_CODE
from plans.models import DecisionMakerBelief


@transaction.atomic
def counterparty_set_adjustments(
    *, counterparty: Counterparty, adjustments: dict[str, tuple[int, str] | None]
) -> None:
    """Create, update or remove the counterparty's adjustment on each dimension given.

    A value of None removes the adjustment; dimensions not in `adjustments` are left
    alone. Either every change is saved or none is.
    """
    unknown = sorted(set(adjustments) - set(BY_CODE))
    if unknown:
        raise ValidationError(f"Unknown dimension: {', '.join(unknown)}.")
    existing = {a.dimension: a for a in CultureAdjustment.objects.filter(counterparty=counterparty)}
    for code, value in adjustments.items():
        current = existing.get(code)
        if value is None:
            if current is not None:
                current.delete()
            continue
        score, reason = value
        adjustment = current or CultureAdjustment(counterparty=counterparty, dimension=code)
        adjustment.score = score
        adjustment.reason = reason
        try:
            adjustment.full_clean()
        except ValidationError as exc:
            name = BY_CODE[code].name
            raise ValidationError([f"{name}: {message}" for message in exc.messages]) from exc
        adjustment.save()


def _in_use_message(thing: str, exc: ProtectedError) -> str:
    users = sorted(f"{obj._meta.verbose_name} “{obj}”" for obj in exc.protected_objects)
    return f"{thing} is still used by {', '.join(users)}. Nothing was deleted."


def counterparty_delete(*, counterparty: Counterparty) -> None:
    """Delete the counterparty with its people and culture adjustments.

    Refused with a ValidationError while anything protected (its plans) refers to it.
    """
    try:
        with transaction.atomic():
            counterparty.delete()
    except ProtectedError as exc:
        raise ValidationError(_in_use_message(f"“{counterparty}”", exc)) from exc


def person_delete(*, person: Person) -> None:
    """Delete one person; refused with a ValidationError if other records protect them.

    Plans that believed the person decides keep their evidence and confidence, and note
    the person's name and when they were removed, so the plan can say so.
    """
    try:
        with transaction.atomic():
            DecisionMakerBelief.objects.filter(person=person).update(
                person=None, removed_person_name=person.name, person_removed_at=timezone.now()
            )
            person.delete()
    except ProtectedError as exc:
        raise ValidationError(_in_use_message(f"“{person}”", exc)) from exc

"""Writes on score editions that must keep the one-default rule."""

from django.core.exceptions import ValidationError
from django.db import transaction

from countries.models import ScoreEdition


@transaction.atomic
def edition_save(*, edition: ScoreEdition) -> ScoreEdition:
    """Save `edition`; when it is the default, unset the previous default in the same transaction.

    Refuses to untick the default on the only default edition: there must always be one
    once any edition exists (new plans take it).
    """
    others = ScoreEdition.objects.select_for_update().exclude(pk=edition.pk)
    if edition.is_default:
        # One save per row (not update()) so the change history records it.
        for previous in others.filter(is_default=True):
            previous.is_default = False
            previous.save(update_fields=["is_default"])
    elif edition.pk is None:
        if not others.filter(is_default=True).exists():
            edition.is_default = True  # the first edition becomes the default
    elif ScoreEdition.objects.filter(pk=edition.pk, is_default=True).exists():
        raise ValidationError(
            {
                "is_default": (
                    "One edition must stay the default. Make another edition the default "
                    "instead; this one is then unset."
                )
            }
        )
    edition.full_clean()
    edition.save()
    return edition


def edition_make_default(*, edition: ScoreEdition) -> ScoreEdition:
    """Make `edition` the default for new plans, unsetting the previous one atomically."""
    edition.is_default = True
    return edition_save(edition=edition)

"""Writes on score editions: the one-default rule, and copying a used edition into a draft."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from countries.models import CountryScore, ScoreEdition

COPY_SUFFIX = " — draft copy"


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


def _free_copy_name(edition: ScoreEdition) -> str:
    """“<name> — draft copy”, or “… copy 2”, “… copy 3” when taken; within the name's length."""
    limit = ScoreEdition._meta.get_field("name").max_length
    number = 1
    while True:
        suffix = COPY_SUFFIX if number == 1 else f"{COPY_SUFFIX} {number}"
        name = edition.name[: limit - len(suffix)].rstrip() + suffix
        if not ScoreEdition.objects.filter(name=name).exists():
            return name
        number += 1


@transaction.atomic
def edition_copy(
    *, edition: ScoreEdition, name: str | None = None, user: AbstractBaseUser | None = None
) -> ScoreEdition:
    """Copy `edition` and every one of its country scores into a new, editable edition.

    The copy keeps the source, terms and publication date, is not the default, and is
    named `name` or “<name> — draft copy” (numbered when taken). No plan uses it yet, so
    its scores can be changed until one does. History records `user` as the author.
    """
    copy = ScoreEdition(
        name=name.strip() if name else _free_copy_name(edition),
        published_on=edition.published_on,
        source=edition.source,
        terms_note=edition.terms_note,
        is_default=False,
    )
    if user is not None:
        copy._history_user = user
    edition_save(edition=copy)
    rows = [
        CountryScore(edition=copy, country_id=score.country_id, **score.scores())
        for score in edition.scores.order_by("pk")
    ]
    bulk_create_with_history(rows, CountryScore, default_user=user)
    return copy

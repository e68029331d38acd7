"""ISO 4217 currency codes, from pycountry's copy of the standard."""

from functools import cache

import pycountry
from django.core.exceptions import ValidationError


@cache
def currency_choices() -> list[tuple[str, str]]:
    return sorted((c.alpha_3, f"{c.alpha_3} — {c.name}") for c in pycountry.currencies)


@cache
def _codes() -> frozenset[str]:
    return frozenset(code for code, _ in currency_choices())


def validate_currency(value: str) -> None:
    if value not in _codes():
        raise ValidationError(
            "%(value)s is not an ISO 4217 currency code (for example USD, EUR, VND).",
            params={"value": value},
        )

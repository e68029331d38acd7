"""The currencies a plan can be in: those legal tender somewhere today, from babel's CLDR data.

Precious metals (XAU), the testing code (XTS), "no currency" (XXX) and fund codes
(USN, CLF…) are not legal tender anywhere, so they are not offered. A plan keeps the
currency it was saved with even after that currency is withdrawn (see Plan.clean_fields).
"""

import datetime
from functools import cache

import pycountry
from babel.core import get_global
from babel.numbers import get_currency_name, get_territory_currencies
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.money import LOCALE

FALLBACK_CURRENCY = "USD"  # for regions and groups, which have no currency of their own


@cache
def _current_codes(day: datetime.date) -> frozenset[str]:
    territories = get_global("territory_currencies")
    return frozenset(
        code
        for territory in territories
        for code in get_territory_currencies(territory, start_date=day, tender=True)
    )


def current_codes() -> frozenset[str]:
    """The codes of the currencies that are legal tender in some territory today."""
    return _current_codes(timezone.localdate())


def currency_label(code: str) -> str:
    return f"{code} — {get_currency_name(code, locale=LOCALE)}"


def currency_choices(keep: str = "") -> list[tuple[str, str]]:
    """(code, "EUR — Euro") for today's currencies, sorted; plus `keep` if it is not one."""
    codes = set(current_codes())
    if keep:
        codes.add(keep)
    return [(code, currency_label(code)) for code in sorted(codes)]


def validate_currency(value: str) -> None:
    if value not in current_codes():
        raise ValidationError(
            "%(value)s is not a currency in use today; choose one from the list "
            "(for example USD, EUR, VND).",
            params={"value": value},
        )


def currency_for_country(code: str | None) -> str:
    """The currency of the country with ISO alpha-3 `code`; USD for regions and unknown codes."""
    country = pycountry.countries.get(alpha_3=code) if code else None
    if country is None:
        return FALLBACK_CURRENCY
    found = get_territory_currencies(country.alpha_2, start_date=timezone.localdate(), tender=True)
    return found[0] if found else FALLBACK_CURRENCY

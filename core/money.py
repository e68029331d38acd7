"""Money: one model field for every amount, and one way to write an amount for people.

Amounts are decimals with two places and never negative. Python's Decimal also parses
"NaN", "sNaN" and "Infinity"; none of them is an amount, and a signalling NaN even
raises when a form compares it with the saved value, so both fields refuse them.
"""

from decimal import Decimal

from babel.numbers import format_currency, get_currency_symbol
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

AMOUNT_MESSAGE = "Enter an amount such as 1500 or 1500.50."

# The interface is in English, so amounts are written the English way: grouping commas,
# a point before the cents and the sign in front ("€2,400,000", "₫2,400,000").
LOCALE = "en"
# CLDR separates a currency sign that ends in a letter from the digits (for example
# "CHF 1,500"); babel leaves that step out, so format_money adds the no-break space.
SIGN_SPACE = "\u00a0"


def format_money(amount: Decimal | int | None, currency: str) -> str:
    """`amount` in `currency` as people write it; "" when there is no amount.

    Whole amounts have no decimals ("€2,400,000"); others show the currency's minor unit
    and never round a stored fraction away ("€1,500.50", "¥1,500.5").
    """
    if amount is None:
        return ""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        text = format_currency(
            amount, currency, format="¤#,##0", locale=LOCALE, currency_digits=False
        )
    else:
        text = format_currency(amount, currency, locale=LOCALE, decimal_quantization=False)
    symbol = get_currency_symbol(currency, locale=LOCALE)
    if symbol[-1:].isalpha():
        text = text.replace(symbol, symbol + SIGN_SPACE, 1)
    return text


class MoneyFormField(forms.DecimalField):
    """A form field for an amount that refuses NaN, sNaN and the infinities by name."""

    default_error_messages = {"invalid": AMOUNT_MESSAGE}

    def to_python(self, value):
        # Refused here, not only in validate(): has_changed() calls to_python() and then
        # compares, and comparing a signalling NaN raises InvalidOperation.
        amount = super().to_python(value)
        if amount is not None and not amount.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


class MoneyField(models.DecimalField):
    """An amount of money: up to 12 digits before the point, 2 after, never negative."""

    default_error_messages = {"invalid": "“%(value)s” is not an amount. " + AMOUNT_MESSAGE}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", [MinValueValidator(Decimal("0"))])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MoneyFormField, **kwargs})

"""How amounts are written (format_money, the money filter) and the money form field."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import engines

from core.money import AMOUNT_MESSAGE, MoneyFormField, format_money

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (Decimal("2400000.00"), "EUR", "€2,400,000"),
        (Decimal("2400000.50"), "EUR", "€2,400,000.50"),
        (Decimal("1500.5"), "USD", "$1,500.50"),
        (Decimal("0.05"), "USD", "$0.05"),
        (Decimal("0"), "USD", "$0"),
        (Decimal("2400000"), "VND", "₫2,400,000"),
        (Decimal("150000.00"), "JPY", "¥150,000"),
        # No minor unit, but a stored fraction is shown rather than rounded away.
        (Decimal("1500.50"), "JPY", "¥1,500.5"),
        (Decimal("1200"), "GBP", "£1,200"),
        (Decimal("1200.25"), "KWD", f"KWD{NBSP}1,200.250"),
        (Decimal("1200"), "CHF", f"CHF{NBSP}1,200"),
        (12, "EUR", "€12"),
    ],
)
def test_format_money_writes_the_amount_as_people_write_it(amount, currency, expected):
    assert format_money(amount, currency) == expected


def test_format_money_is_empty_when_there_is_no_amount():
    assert format_money(None, "EUR") == ""


def test_money_filter_formats_and_leaves_a_default_for_a_missing_amount():
    template = engines["django"].from_string(
        '{% load scores %}{{ a|money:"EUR" }} / {{ b|money:"EUR"|default:"not set" }}'
    )
    assert template.render({"a": Decimal("2400000.00"), "b": None}) == "€2,400,000 / not set"


@pytest.mark.parametrize(
    "value", ["sNaN", "snan", "NaN", "nan", "-NaN", "Infinity", "-infinity", "inf", "-Inf"]
)
def test_money_form_field_refuses_non_finite_values_with_a_clear_message(value):
    field = MoneyFormField(max_digits=14, decimal_places=2, required=False)
    with pytest.raises(ValidationError) as refused:
        field.clean(value)
    assert refused.value.messages == [AMOUNT_MESSAGE]


@pytest.mark.parametrize("value", ["sNaN", "NaN", "-Infinity"])
def test_money_form_field_sees_a_non_finite_value_as_a_change_without_raising(value):
    field = MoneyFormField(max_digits=14, decimal_places=2, required=False)
    assert field.has_changed(Decimal("10.00"), value)


def test_money_form_field_accepts_an_ordinary_amount():
    field = MoneyFormField(max_digits=14, decimal_places=2, required=False)
    assert field.clean("1500.50") == Decimal("1500.50")
    assert field.clean("") is None

"""Display filters: scores and gaps, and amounts of money."""

from django import template

from core.money import format_money

register = template.Library()

MISSING = "—"


@register.filter
def score(value):
    """A score for display: the number, or a dash when it is missing (never 0)."""
    return MISSING if value is None else value


@register.filter
def signed(value):
    """A gap with its sign: +12, -7, 0; a dash when missing."""
    if value is None:
        return MISSING
    return f"+{value}" if value > 0 else str(value).replace("-", "−")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def money(amount, currency):
    """`{{ plan.total_deal_value|money:plan.currency }}`: "€2,400,000"; "" when not set."""
    return format_money(amount, currency)

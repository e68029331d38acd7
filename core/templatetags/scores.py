from django import template

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

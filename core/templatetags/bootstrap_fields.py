"""Filters for templates/forms/bootstrap_field.html (see core/form_rendering.py)."""

from django import template

from core.form_rendering import described_by, is_choice_list, widget_attrs, widget_css_class

register = template.Library()


@register.filter
def bootstrap_widget(field):
    """The field's widget rendered with Bootstrap's classes and its ARIA links."""
    return field.as_widget(attrs=widget_attrs(field))


@register.filter
def field_kind(field) -> str:
    """How the field template lays the field out: hidden, choices, checkbox or input."""
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    if is_choice_list(widget):
        return "choices"
    if widget_css_class(widget) == "form-check-input":
        return "checkbox"
    return "input"


register.filter("described_by", described_by)

"""Bootstrap 5 markup for Django's own form rendering.

The stage pages render dozens of formset rows. Through crispy-forms each field costs a
chain of nested templates (about 1 ms a field, over 100 ms for the relationship page);
Django's field-group rendering with one lean template per field gives the same Bootstrap
markup for a fraction of that. Forms laid out with a crispy FormHelper keep crispy.

`{{ form }}` and `{{ field.as_field_group }}` use the templates named here.
"""

from django import forms
from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    """Django's renderer over the project's template engine, with our form and field."""

    form_template_name = "forms/bootstrap_form.html"
    field_template_name = "forms/bootstrap_field.html"


class InlineRadioSelect(forms.RadioSelect):
    """Radio buttons side by side, for a few short choices such as yes / no / not sure."""

    inline = True


def widget_css_class(widget: forms.Widget) -> str:
    """Bootstrap's class for a widget's input element ("" when it needs none)."""
    if widget.is_hidden:
        return ""
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-control"


def is_choice_list(widget: forms.Widget) -> bool:
    """Radio buttons or checkboxes, one per choice: a fieldset with a legend."""
    return isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


def described_by(field: forms.BoundField) -> str:
    """The ids of the field's error and help texts, for aria-describedby."""
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    return " ".join(ids)


def widget_attrs(field: forms.BoundField) -> dict[str, str]:
    """Attributes for rendering the field's widget: Bootstrap's classes and ARIA links."""
    widget = field.field.widget
    classes = [widget.attrs.get("class", ""), widget_css_class(widget)]
    if field.errors:
        classes.append("is-invalid")
    attrs = {"class": " ".join(c for c in classes if c)}
    description = described_by(field)
    if description and not is_choice_list(widget):
        attrs["aria-describedby"] = description
    return attrs

"""Build a stage page's POST data from the forms it rendered, as a browser would send it."""

import datetime

from bs4 import BeautifulSoup
from django.forms import BaseFormSet, Form


def form_data(form: Form) -> dict:
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False or value == "":
            continue
        if value is True:
            data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        elif isinstance(value, datetime.date):
            data[field.html_name] = value.isoformat()
        else:
            data[field.html_name] = str(value)
    return data


def formset_data(formset: BaseFormSet) -> dict:
    management = formset.management_form
    data = {
        f"{formset.prefix}-{name}": str(management[name].value())
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
    }
    for form in formset:
        data.update(form_data(form))
    return data


def page_data(response, forms: tuple[str, ...], formsets: tuple[str, ...]) -> dict:
    """All fields of the named forms and formsets (and lists of forms) in the response."""
    data = {}
    for name in forms:
        value = response.context[name]
        for form in value if isinstance(value, list) else [value]:
            data.update(form_data(form))
    for name in formsets:
        data.update(formset_data(response.context[name]))
    return data


def goals_data(response) -> dict:
    return page_data(response, ("version_form", "form", "say_early"), ("steps",))


def relationship_data(response) -> dict:
    return page_data(
        response,
        ("version_form", "pick", "decision"),
        ("learn", "tell", "keep", "questions", "occasions"),
    )


def switch_confirm_data(response, button: str = "confirm") -> dict:
    """The counterparty switch's confirmation form as the browser sends it on `button`."""
    form = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "detach"})
    form = form.find_parent("form")
    data = {tag["name"]: tag.get("value", "") for tag in form.find_all("input", type="hidden")}
    data.pop("csrfmiddlewaretoken", None)
    return {**data, "switch": button}

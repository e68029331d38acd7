"""Bootstrap markup from Django's form rendering (core/form_rendering.py and the
templates in templates/forms/), as the stage pages' formsets use it."""

import pytest
from bs4 import BeautifulSoup
from django import forms

from core.form_rendering import InlineRadioSelect, widget_css_class


class SampleForm(forms.Form):
    topic = forms.CharField(max_length=20, help_text="A few words.")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"class": "mono"}))
    status = forms.ChoiceField(choices=[("open", "Open"), ("done", "Done")])
    done = forms.BooleanField(required=False, label="Done already")
    confidence = forms.ChoiceField(
        choices=[("low", "Low"), ("high", "High")], widget=InlineRadioSelect, required=False
    )
    people = forms.MultipleChoiceField(
        choices=[("1", "Anh <Nguyen>"), ("2", "Lars")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Who comes.",
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("done") and not cleaned.get("notes"):
            raise forms.ValidationError("Say what was done.")
        return cleaned


def soup(form) -> BeautifulSoup:
    return BeautifulSoup(str(form), "html.parser")


@pytest.mark.parametrize(
    ("widget", "css_class"),
    [
        (forms.TextInput(), "form-control"),
        (forms.Textarea(), "form-control"),
        (forms.NumberInput(), "form-control"),
        (forms.DateInput(attrs={"type": "date"}), "form-control"),
        (forms.Select(), "form-select"),
        (forms.SelectMultiple(), "form-select"),
        (forms.CheckboxInput(), "form-check-input"),
        (forms.RadioSelect(), "form-check-input"),
        (forms.CheckboxSelectMultiple(), "form-check-input"),
        (forms.HiddenInput(), ""),
    ],
)
def test_each_widget_gets_bootstraps_class(widget, css_class):
    assert widget_css_class(widget) == css_class


def test_unbound_form_has_labels_inputs_and_help_linked_by_id():
    page = soup(SampleForm(initial={"topic": "Owners", "people": ["2"], "secret": "x"}))

    topic = page.find("input", attrs={"name": "topic"})
    assert topic["class"] == ["form-control"]
    assert topic["value"] == "Owners"
    assert page.find("label", attrs={"for": topic["id"]}).get_text() == "Topic*"
    assert topic["aria-describedby"] == "id_topic_helptext"
    assert page.find(id="id_topic_helptext").get_text() == "A few words."
    # The widget's own class is kept beside Bootstrap's.
    assert page.find("textarea")["class"] == ["mono", "form-control"]
    assert page.find("select", attrs={"name": "status"})["class"] == ["form-select"]
    done = page.find("input", attrs={"name": "done"})
    assert done["class"] == ["form-check-input"]
    assert "form-check" in done.parent["class"]
    assert page.find("label", attrs={"for": done["id"]}).get_text() == "Done already"
    # Hidden fields come without a label or a wrapper.
    hidden = page.find("input", attrs={"name": "secret"})
    assert hidden["type"] == "hidden"
    assert hidden.parent.name == "[document]"
    assert not page.find(class_="alert")


def test_choice_lists_are_fieldsets_with_one_labelled_checkbox_per_choice():
    page = soup(SampleForm(initial={"people": ["2"]}))

    fieldset = page.find("input", attrs={"name": "people"}).find_parent("fieldset")
    assert fieldset.legend.get_text() == "People"
    assert fieldset["aria-describedby"] == "id_people_helptext"
    boxes = fieldset.find_all("input", attrs={"name": "people"})
    assert [(box["value"], box.has_attr("checked")) for box in boxes] == [
        ("1", False),
        ("2", True),
    ]
    for box in boxes:
        assert box["type"] == "checkbox"
        assert box["class"] == ["form-check-input"]
        label = fieldset.find("label", attrs={"for": box["id"]})
        assert "form-check-label" in label["class"]
    # Choice labels are escaped text, not markup.
    assert fieldset.find("label", attrs={"for": boxes[0]["id"]}).get_text() == "Anh <Nguyen>"
    radios = page.find_all("input", attrs={"name": "confidence"})
    assert [radio["type"] for radio in radios] == ["radio", "radio"]
    # Short choices sit side by side; a list of people stays one per line.
    assert all("form-check-inline" in radio.parent["class"] for radio in radios)
    assert not any("form-check-inline" in box.parent["class"] for box in boxes)


def test_errors_are_shown_beside_their_field_and_linked_to_it():
    form = SampleForm(
        {"topic": "x" * 21, "status": "lost", "done": "on", "people": ["9"], "confidence": ""}
    )
    assert not form.is_valid()
    page = soup(form)

    topic = page.find("input", attrs={"name": "topic"})
    assert "is-invalid" in topic["class"]
    assert topic["aria-invalid"] == "true"
    assert topic["aria-describedby"] == "id_topic_error id_topic_helptext"
    assert "at most 20 characters" in page.find(id="id_topic_error").get_text()
    # What the user typed stays in the field.
    assert topic["value"] == "x" * 21
    assert "is-invalid" in page.find("select", attrs={"name": "status"})["class"]
    assert "not one of the available choices" in page.find(id="id_status_error").get_text()
    people = page.find("input", attrs={"name": "people"}).find_parent("fieldset")
    assert people["aria-describedby"] == "id_people_error id_people_helptext"
    assert all("is-invalid" in box["class"] for box in people.find_all("input"))
    # The form's own error opens the form.
    assert page.find(class_="alert-danger").get_text(strip=True) == "Say what was done."

import pytest

from counterparties.forms import CounterpartyForm, CultureAdjustmentsForm, PersonForm
from countries.models import Country
from tests.factories import CounterpartyFactory, CountryFactory, CultureAdjustmentFactory

pytestmark = pytest.mark.django_db

NATIONAL = {"pdi": 70, "idv": 20, "mas": 40, "uai": 30, "lto": 57, "ivr": None}
EMPTY_CULTURE = {f"{code}_{part}": "" for code in NATIONAL for part in ("score", "reason")}


def _counterparty_data(place, **overrides) -> dict:
    return {
        "name": "Mekong Textiles",
        "country": place.pk,
        "industry": "Textiles",
        "city": "Ho Chi Minh City",
        "website": "https://mekong.example",
        "notes": "",
        **overrides,
    }


def test_counterparty_form_country_choices_list_every_country_by_name(country, user):
    form = CounterpartyForm(owner=user)
    choices = [label for value, label in form.fields["country"].choices if value]
    assert choices == list(Country.objects.order_by("name").values_list("name", flat=True))
    assert len(choices) == Country.objects.count() > 100


def test_counterparty_form_saves_with_owner_set(user):
    country = CountryFactory()
    form = CounterpartyForm(_counterparty_data(country), owner=user)
    assert form.is_valid(), form.errors
    counterparty = form.save()
    assert (counterparty.owner, counterparty.country) == (user, country)


def test_counterparty_form_adds_https_to_a_bare_domain(user):
    form = CounterpartyForm(
        _counterparty_data(CountryFactory(), website="mekong.example"), owner=user
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["website"] == "https://mekong.example"


@pytest.mark.parametrize("website", ["ftp://mekong.example/files", "ftps://mekong.example"])
def test_counterparty_form_rejects_website_when_not_http(user, website):
    form = CounterpartyForm(_counterparty_data(CountryFactory(), website=website), owner=user)
    assert not form.is_valid()
    assert form.errors["website"] == ["Enter a web address starting with http:// or https://."]


def test_counterparty_form_rejects_nonsense_website(user):
    form = CounterpartyForm(_counterparty_data(CountryFactory(), website="not a url"), owner=user)
    assert form.errors["website"] == ["Enter a full web address, e.g. https://example.com"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Give the organisation a name."),
        ("name", "x" * 201, "at most 200 characters"),
        ("industry", "x" * 121, "at most 120 characters"),
        ("city", "x" * 121, "at most 120 characters"),
        ("notes", "x" * 5001, "at most 5000 characters"),
        ("country", "", "Choose the country the organisation is based in."),
    ],
)
def test_counterparty_form_reports_invalid_field(user, field, value, message):
    form = CounterpartyForm(_counterparty_data(CountryFactory(), **{field: value}), owner=user)
    assert not form.is_valid()
    assert message in form.errors[field][0]


def test_counterparty_form_rejects_duplicate_name_in_same_country_for_same_owner(user):
    existing = CounterpartyFactory(owner=user, name="Mekong Textiles")
    form = CounterpartyForm(
        _counterparty_data(existing.country, name="mekong textiles"), owner=user
    )
    assert not form.is_valid()
    assert "You already have a counterparty called" in form.errors["name"][0]


def test_counterparty_form_accepts_same_name_when_owned_by_someone_else(user, other_user):
    theirs = CounterpartyFactory(owner=other_user, name="Mekong Textiles")
    form = CounterpartyForm(_counterparty_data(theirs.country), owner=user)
    assert form.is_valid(), form.errors


def test_counterparty_form_accepts_its_own_name_when_editing(user):
    counterparty = CounterpartyFactory(owner=user, name="Mekong Textiles")
    form = CounterpartyForm(
        _counterparty_data(counterparty.country), instance=counterparty, owner=user
    )
    assert form.is_valid(), form.errors


def test_person_form_saves_onto_the_counterparty(counterparty):
    form = PersonForm(
        {
            "name": "Tran Thi Bich",
            "title": "Purchasing director",
            "role": "decision_maker",
            "seniority": "senior",
            "inner_circle": "yes",
            "introduced_by": "Trade fair in Hanoi",
            "notes": "",
        },
        counterparty=counterparty,
    )
    assert form.is_valid(), form.errors
    person = form.save()
    assert person.counterparty == counterparty
    assert person.get_role_display() == "Decision-maker"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Give the person's name."),
        ("name", "x" * 201, "at most 200 characters"),
        ("introduced_by", "x" * 301, "at most 300 characters"),
        ("role", "boss", "Select a valid choice"),
    ],
)
def test_person_form_reports_invalid_field(counterparty, field, value, message):
    data = {"name": "Tran Thi Bich", "role": "other", "seniority": "unknown"}
    data["inner_circle"] = "unknown"
    data[field] = value
    form = PersonForm(data, counterparty=counterparty)
    assert not form.is_valid()
    assert message in form.errors[field][0]


def test_culture_form_all_empty_means_no_adjustments():
    form = CultureAdjustmentsForm(EMPTY_CULTURE, national=NATIONAL, current={})
    assert form.is_valid(), form.errors
    assert form.adjustments() == dict.fromkeys(NATIONAL)


def test_culture_form_returns_score_and_reason_per_dimension():
    data = {**EMPTY_CULTURE, "pdi_score": "0", "pdi_reason": "Founder-run, flat"}
    form = CultureAdjustmentsForm(data, national=NATIONAL, current={})
    assert form.is_valid(), form.errors
    assert form.adjustments()["pdi"] == (0, "Founder-run, flat")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"pdi_score": "101", "pdi_reason": "Why"}, "pdi_score", "Enter a score from 0 to 100."),
        ({"pdi_score": "-1", "pdi_reason": "Why"}, "pdi_score", "Enter a score from 0 to 100."),
        ({"pdi_score": "abc", "pdi_reason": "Why"}, "pdi_score", "Enter a whole number"),
        ({"mas_score": "60"}, "mas_reason", "Say why this organisation differs"),
        ({"mas_score": "60", "mas_reason": "   "}, "mas_reason", "Say why this organisation"),
        ({"ivr_reason": "Lively"}, "ivr_score", "Enter a score for this reason"),
        ({"lto_score": "5", "lto_reason": "x" * 301}, "lto_reason", "at most 300 characters"),
    ],
)
def test_culture_form_reports_invalid_row(data, field, message):
    form = CultureAdjustmentsForm({**EMPTY_CULTURE, **data}, national=NATIONAL, current={})
    assert not form.is_valid()
    assert message in form.errors[field][0]
    assert len(form.errors) == 1


def test_culture_form_starts_from_current_adjustments(counterparty):
    adjustment = CultureAdjustmentFactory(
        counterparty=counterparty, dimension="uai", score=75, reason="State-owned"
    )
    form = CultureAdjustmentsForm(national=NATIONAL, current={"uai": adjustment})
    assert form["uai_score"].value() == 75
    assert form["uai_reason"].value() == "State-owned"
    assert form["pdi_score"].value() is None


def test_culture_form_rows_carry_the_national_score():
    form = CultureAdjustmentsForm(national=NATIONAL, current={})
    rows = form.rows()
    assert [(row["dimension"].code, row["national"]) for row in rows] == list(NATIONAL.items())
    assert rows[0]["score"].name == "pdi_score"

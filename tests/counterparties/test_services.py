import pytest
from django.core.exceptions import ValidationError

from counterparties.models import Counterparty, CultureAdjustment, Person
from counterparties.services import (
    counterparty_delete,
    counterparty_set_adjustments,
    person_delete,
)
from tests.factories import CultureAdjustmentFactory, PersonFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _adjustments(counterparty) -> dict[str, tuple[int, str]]:
    return {a.dimension: (a.score, a.reason) for a in counterparty.adjustments.all()}


def test_set_adjustments_creates_rows_for_given_scores(counterparty):
    counterparty_set_adjustments(
        counterparty=counterparty,
        adjustments={"pdi": (45, "Flat start-up team"), "idv": None},
    )
    assert _adjustments(counterparty) == {"pdi": (45, "Flat start-up team")}


def test_set_adjustments_updates_existing_row(counterparty):
    CultureAdjustmentFactory(counterparty=counterparty, dimension="pdi", score=50, reason="Old")
    counterparty_set_adjustments(counterparty=counterparty, adjustments={"pdi": (30, "New CEO")})
    assert _adjustments(counterparty) == {"pdi": (30, "New CEO")}
    assert CultureAdjustment.objects.count() == 1


def test_set_adjustments_removes_row_when_value_is_none(counterparty):
    CultureAdjustmentFactory(counterparty=counterparty, dimension="mas")
    counterparty_set_adjustments(counterparty=counterparty, adjustments={"mas": None})
    assert _adjustments(counterparty) == {}


def test_set_adjustments_leaves_dimensions_not_given_alone(counterparty):
    CultureAdjustmentFactory(counterparty=counterparty, dimension="lto", score=80, reason="Kept")
    counterparty_set_adjustments(counterparty=counterparty, adjustments={"pdi": (10, "Flat")})
    assert _adjustments(counterparty) == {"lto": (80, "Kept"), "pdi": (10, "Flat")}


def test_set_adjustments_does_not_touch_other_counterparties(counterparty):
    other = CultureAdjustmentFactory(dimension="pdi", score=90, reason="Theirs")
    counterparty_set_adjustments(counterparty=counterparty, adjustments={"pdi": None})
    other.refresh_from_db()
    assert (other.score, other.reason) == (90, "Theirs")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ((101, "Too high"), "less than or equal to 100"),
        ((50, ""), "cannot be blank"),
        ((50, "x" * 301), "at most 300 characters"),
    ],
)
def test_set_adjustments_saves_nothing_when_one_value_is_invalid(counterparty, value, message):
    CultureAdjustmentFactory(counterparty=counterparty, dimension="pdi", score=50, reason="Old")

    with pytest.raises(ValidationError) as excinfo:
        counterparty_set_adjustments(
            counterparty=counterparty,
            adjustments={"pdi": (20, "Changed"), "idv": (40, "Added"), "mas": value},
        )

    assert message in " ".join(excinfo.value.messages)
    assert "Masculinity" in excinfo.value.messages[0]
    assert _adjustments(counterparty) == {"pdi": (50, "Old")}


def test_set_adjustments_rejects_unknown_dimension(counterparty):
    with pytest.raises(ValidationError, match="Unknown dimension: xyz"):
        counterparty_set_adjustments(counterparty=counterparty, adjustments={"xyz": (5, "?")})
    assert _adjustments(counterparty) == {}


def test_counterparty_delete_removes_its_people_and_adjustments(counterparty):
    PersonFactory.create_batch(2, counterparty=counterparty)
    CultureAdjustmentFactory(counterparty=counterparty)
    kept = PersonFactory()

    counterparty_delete(counterparty=counterparty)

    assert not Counterparty.objects.filter(name="Mekong Textiles").exists()
    assert list(Person.objects.all()) == [kept]
    assert not CultureAdjustment.objects.exists()


def test_counterparty_delete_is_refused_and_deletes_nothing_when_plans_use_it(user, counterparty):
    PlanFactory(owner=user, counterparty=counterparty, title="Dyeing line 2027")
    PersonFactory(counterparty=counterparty)

    with pytest.raises(ValidationError) as excinfo:
        counterparty_delete(counterparty=counterparty)

    assert "plan “Dyeing line 2027”" in excinfo.value.messages[0]
    assert "Nothing was deleted" in excinfo.value.messages[0]
    assert Counterparty.objects.filter(pk=counterparty.pk).exists()
    assert counterparty.people.count() == 1


def test_person_delete_removes_only_that_person(counterparty):
    gone, kept = PersonFactory.create_batch(2, counterparty=counterparty)
    person_delete(person=gone)
    assert list(counterparty.people.all()) == [kept]

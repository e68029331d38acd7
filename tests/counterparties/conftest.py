import pytest

from tests.factories import CounterpartyFactory, PersonFactory


@pytest.fixture
def counterparty(user):
    """A counterparty owned by `user`."""
    return CounterpartyFactory(owner=user, name="Mekong Textiles")


@pytest.fixture
def person(counterparty):
    return PersonFactory(counterparty=counterparty, name="Nguyen Van An")

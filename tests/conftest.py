import pytest

from countries.loader import load_hofstede
from countries.models import Country, ScoreEdition
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def hofstede(db) -> ScoreEdition:
    """The bundled Hofstede data, loaded; returns the default edition."""
    load_hofstede()
    return ScoreEdition.objects.get(is_default=True)


@pytest.fixture
def country(hofstede):
    """Look up a loaded country by code: country('VNM')."""
    return lambda code: Country.objects.get(code=code)


@pytest.fixture
def user(db):
    return UserFactory(username="alice")


@pytest.fixture
def other_user(db):
    return UserFactory(username="mallory")


@pytest.fixture
def client_user(client, user):
    """A test client signed in as `user`."""
    client.force_login(user)
    return client


@pytest.fixture
def client_other(client, other_user):
    """A test client signed in as `other_user`, who owns nothing of `user`'s."""
    client.force_login(other_user)
    return client


# --- countries helper: trainers (staff in the Trainers group, see accounts.services) ---


@pytest.fixture
def trainer(db):
    from accounts.services import trainer_create_or_promote

    user, _ = trainer_create_or_promote(username="trudy", password=PASSWORD)
    return user


@pytest.fixture
def client_trainer(client, trainer):
    """A test client signed in as `trainer`."""
    client.force_login(trainer)
    return client

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.services import trainer_create_or_promote
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:counterparties_counterparty_changelist")


def test_admin_counterparty_list_opens_for_superuser(client, counterparty):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert "Mekong Textiles" in response.content.decode()


def test_admin_counterparties_are_hidden_from_trainers_even_with_permissions(client, counterparty):
    trainer, _ = trainer_create_or_promote(username="trainer")
    trainer.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="counterparties")
    )
    client.force_login(trainer)

    assert client.get(CHANGELIST).status_code == 403
    change = reverse("admin:counterparties_counterparty_change", args=[counterparty.pk])
    assert client.get(change).status_code == 403
    assert CHANGELIST not in client.get(reverse("admin:index")).content.decode()

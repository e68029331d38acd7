"""Detach people of another counterparty that older plans still refer to.

Before switching a plan's counterparty detached them (plans.services.plan_details_save), a
switch left the old company's people as attendees of the plan's occasions and as the
believed decision-maker. This removes those attendees and empties the belief's person;
the evidence and confidence the negotiator wrote stay as they are.
"""

from django.db import migrations
from django.db.models import F


def detach_people_of_other_counterparties(apps, schema_editor):
    Occasion = apps.get_model("plans", "Occasion")
    DecisionMakerBelief = apps.get_model("plans", "DecisionMakerBelief")
    Attendance = Occasion.their_attendees.through
    Attendance.objects.exclude(person__counterparty_id=F("occasion__plan__counterparty_id")).delete()
    DecisionMakerBelief.objects.filter(person__isnull=False).exclude(
        person__counterparty_id=F("plan__counterparty_id")
    ).update(person=None)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_history_baseline"),
    ]

    operations = [
        migrations.RunPython(detach_people_of_other_counterparties, migrations.RunPython.noop)
    ]
